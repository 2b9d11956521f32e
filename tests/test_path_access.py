"""Which files the path box may read: the server's address and the deployment's settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from convlab.errors import InputError
from convlab.vectors.path_access import access, loopback


@pytest.mark.parametrize(
    ("address", "private"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        (None, False),  # Streamlit's default: every interface
        ("", False),
        ("0.0.0.0", False),
        ("::", False),
        ("192.0.2.7", False),
        ("example.org", False),
    ],
)
def test_only_the_loopback_is_private(address: str | None, private: bool) -> None:
    assert loopback(address) is private


@pytest.mark.parametrize(
    ("switch", "folders", "address", "enabled"),
    [
        (None, None, "127.0.0.1", True),
        (None, None, None, False),
        ("on", None, None, True),
        ("ON ", None, None, True),
        ("off", None, "127.0.0.1", False),
        ("off", "/srv/vectors", None, False),
        (None, "/srv/vectors", None, True),
    ],
)
def test_the_path_box_is_on_where_it_is_safe_or_asked_for(
    switch: str | None, folders: str | None, address: str | None, enabled: bool
) -> None:
    assert access(switch, folders, address).enabled is enabled


def test_the_allow_list_holds_resolved_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    policy = access(None, f"{tmp_path / 'a' / '..' / 'a'}{os.pathsep}{tmp_path}/b", None)
    assert policy.folders == ((tmp_path / "a").resolve(), (tmp_path / "b").resolve())
    file = tmp_path / "a" / "v.txt"
    file.write_text("x")
    assert policy.read(str(file), lambda path: path) == file.resolve()
    with pytest.raises(InputError) as err:
        policy.read(str(tmp_path / "c.txt"), lambda path: path)
    assert err.value.key == "err.vec_not_here"


def test_a_private_server_passes_on_what_is_wrong(tmp_path: Path) -> None:
    def refuse(path: Path) -> None:
        raise InputError("err.vec_no_file", path=str(path))

    with pytest.raises(InputError) as err:
        access(None, None, "127.0.0.1").read(str(tmp_path / "x"), refuse)
    assert err.value.key == "err.vec_no_file"
    (tmp_path / "x").write_text("x")
    with pytest.raises(InputError) as err:
        access("on", None, None).read(str(tmp_path / "x"), refuse)
    assert err.value.key == "err.vec_not_here"
