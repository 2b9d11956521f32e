"""Which server files the Word vectors path box may read, and what it may say about the others.

A path box on a public server lets any visitor probe the machine: "no file",
"is a folder" and "not a word-vector file" are three answers that map which
paths exist. So the box is off unless the server listens on the loopback only
(the person typing is the person whose machine it is), or the deployment says
``CONVLAB_PATH_INPUT=on``, or it names the folders it shares in
``CONVLAB_PATH_FOLDERS`` (separated like ``PATH``). A path outside those
folders, missing, a folder or not a regular file then gets one answer on a
public server: not readable here. Pure: the caller reads the settings.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from convlab.errors import InputError

ENV_SWITCH = "CONVLAB_PATH_INPUT"
"""``on`` shows the path box on any server, ``off`` hides it on any server."""
ENV_FOLDERS = "CONVLAB_PATH_FOLDERS"
"""Folders the path box may read from, separated by ``os.pathsep``: the allow-list."""
WHAT_IS_THERE = frozenset(
    {
        "err.vec_no_file",
        "err.vec_is_dir",
        "err.vec_not_regular",
        "err.vec_unreadable",
        "err.vec_empty",
    }
)
"""Refusals that tell what a path is rather than what a file holds."""
T = TypeVar("T")


def loopback(address: str | None) -> bool:
    """Whether a server bound to ``address`` answers this machine only (empty: every interface)."""
    if not address:
        return False
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class PathAccess:
    """What the path box may do on this server."""

    enabled: bool
    private: bool
    """The server listens on the loopback only: messages may say exactly what a path is."""
    folders: tuple[Path, ...] = ()
    """The only folders read from, resolved; empty means anywhere the box is enabled."""

    def read(self, raw: str, reader: Callable[[Path], T]) -> T:
        """``reader`` applied to the file ``raw`` names, if this server may read it.

        On a public server every refusal is the same message, whatever is at
        the path (a /proc file only fails once read); on a private one the
        reader learns what is wrong.
        """
        path = Path(raw.strip()).expanduser()
        resolved = path.resolve()
        inside = not self.folders or any(resolved.is_relative_to(f) for f in self.folders)
        readable = resolved.is_file() and os.access(resolved, os.R_OK)
        if not self.enabled or not inside or not (self.private or readable):
            raise self._not_here(raw)
        try:
            return reader(resolved if self.folders else path)
        except InputError as err:
            if self.private or err.key not in WHAT_IS_THERE:
                raise
            raise self._not_here(raw) from err

    def _not_here(self, raw: str) -> InputError:
        return InputError("err.vec_not_here", path=raw.strip()[:200], folders=self.where())

    def where(self) -> str:
        return ", ".join(map(str, self.folders)) or "-"


def access(switch: str | None, folders: str | None, address: str | None) -> PathAccess:
    """The policy from ``CONVLAB_PATH_INPUT``, ``CONVLAB_PATH_FOLDERS`` and ``server.address``."""
    allowed = tuple(Path(f).expanduser().resolve() for f in (folders or "").split(os.pathsep) if f)
    private = loopback(address)
    switch = (switch or "").strip().lower()
    enabled = switch == "on" or (switch != "off" and (private or bool(allowed)))
    return PathAccess(enabled, private, allowed)
