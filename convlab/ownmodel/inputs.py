"""What a visitor feeds their model: a file, a table or a generated signal, its shape checked.

Arrays in, arrays out, no Keras. A ``.npy`` is read with ``allow_pickle=False``
(an object array is refused, never unpickled); a CSV is rows of steps and
columns of channels. :func:`fit` holds the array against the model's input
shape before anything runs, and when the two axes are swapped it says so with
the numbers: the question convlab started from was a ``(1, 8000)`` signal fed
to a model that wanted ``(None, 1)``.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd

from convlab.errors import InputError
from convlab.shapelab.layerspec import show

MAX_INPUT_BYTES = 20 * 1024 * 1024
MAX_STEPS = 100_000
SIGNALS = ("sine", "square", "noise", "step")
DEFAULT_STEPS = 128
"""Steps of a generated signal when the model accepts any length."""


@dataclass(frozen=True)
class Prepared:
    """An input ready for the model: with its batch axis, and its token ids if it is text."""

    x: np.ndarray
    ids: np.ndarray | None
    source: str
    tokens: tuple[str, ...] = ()
    """The words of a sentence as the model's tokenizer split them, before any id lookup."""
    channels_first: bool = False
    """The signal is (batch, channels, steps), as a model of channels_first Conv1D reads it."""

    @property
    def steps(self) -> int:
        """Input steps the receptive fields are traced on: token positions for text."""
        if self.ids is not None:
            return len(self.ids)
        return int(self.x.shape[2 if self.channels_first else 1])

    @property
    def digest(self) -> str:
        """What the activations are cached by, with the model's digest."""
        text = self.x.dtype.kind in "OU"  # strings: their text, not their addresses
        body = repr(self.x.tolist()).encode() if text else self.x.tobytes()
        head = f"{self.x.dtype.str}{self.x.shape}".encode()
        return hashlib.sha256(head + b"\x00" + body).hexdigest()


def _capped(raw: bytes) -> bytes:
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError("own.input_too_big", most=MAX_INPUT_BYTES // (1024 * 1024))
    return raw


def read_npy(raw: bytes) -> np.ndarray:
    """A numeric array from ``.npy`` bytes; pickled (object) arrays are refused unread."""
    try:
        array = np.load(io.BytesIO(_capped(raw)), allow_pickle=False)
    except (ValueError, OSError, EOFError) as err:
        raise InputError("own.npy_bad", reason=str(err).splitlines()[0][:120]) from err
    if not isinstance(array, np.ndarray) or array.dtype.kind not in "biuf":
        raise InputError("own.npy_bad", reason="not a numeric array")
    return array


def read_csv(raw: bytes) -> np.ndarray:
    """(steps, channels) from a CSV of numbers, one row per step; a header row is skipped."""
    try:
        frame = pd.read_csv(io.BytesIO(_capped(raw)), header=None)
        if len(frame) and not all(_number(v) for v in frame.iloc[0]):
            frame = frame.iloc[1:]
        array = frame.apply(pd.to_numeric, errors="raise").to_numpy(np.float32)
    except (ValueError, TypeError, pd.errors.ParserError, UnicodeDecodeError) as err:
        raise InputError("own.csv_bad") from err
    if array.size == 0:
        raise InputError("own.csv_bad")
    return array


def _number(value: object) -> bool:
    try:
        float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def signal(kind: str, steps: int, channels: int, seed: int) -> np.ndarray:
    """A seeded example signal of (steps, channels): each channel its own frequency or jump."""
    if kind not in SIGNALS:
        raise InputError("err.choice", name="signal", value=kind)
    rng = np.random.default_rng(seed)
    t = np.arange(steps)[:, None] / max(steps, 1)
    cycles = rng.uniform(2, 8, size=channels)[None, :]
    phase = rng.uniform(0, 2 * np.pi, size=channels)[None, :]
    if kind == "sine":
        out = np.sin(2 * np.pi * cycles * t + phase)
    elif kind == "square":
        out = np.sign(np.sin(2 * np.pi * cycles * t + phase))
    elif kind == "noise":
        out = rng.normal(size=(steps, channels))
    else:
        where = rng.integers(steps // 4, max(steps // 4 + 1, 3 * steps // 4), size=channels)
        out = (np.arange(steps)[:, None] >= where[None, :]).astype(float)
    return out.astype(np.float32)


def fit(
    array: np.ndarray,
    expected: tuple[int | None, ...],
    *,
    ids: bool = False,
    channels_first: bool = False,
) -> np.ndarray:
    """``array`` with a batch axis of 1, if it fits ``expected`` (batch first); else the lesson.

    One leading axis of 1 is read as the batch; a 1-D signal fits a model with
    one channel. A 2-D array that fits only once transposed gets its own
    message, with the numbers read in the model's order: (steps, channels), or
    (channels, steps) for a model of ``channels_first`` Conv1D layers.
    """
    want = tuple(expected[1:])
    steps_axis = 1 if channels_first and len(want) == 2 else 0
    a = np.asarray(array)
    if a.ndim == len(want) + 1 and a.shape[0] == 1:
        a = a[0]
    if a.ndim == 1 and len(want) == 2 and want[1 - steps_axis] == 1:
        a = a[None, :] if steps_axis else a[:, None]
    if a.ndim != len(want):
        raise InputError("own.shape_rank", want=show((None, *want)), got=show(a.shape))
    if not _fits(a.shape, want):
        if a.ndim == 2 and _fits(a.shape[::-1], want):
            fixed = a.shape[::-1]
            raise InputError(
                "own.transposed_first" if steps_axis else "own.transposed",
                want=show((None, *want)),
                got=show(a.shape),
                fixed=show(fixed),
                steps=fixed[steps_axis],
                channels=fixed[1 - steps_axis],
            )
        raise InputError("own.shape_mismatch", want=show((None, *want)), got=show(a.shape))
    if a.ndim and a.shape[steps_axis] > MAX_STEPS:
        raise InputError("own.too_many_steps", steps=a.shape[steps_axis], most=MAX_STEPS)
    if ids:
        if not np.all(np.equal(np.mod(a, 1), 0)) or a.min(initial=0) < 0:
            raise InputError("own.ids_bad")
        return a.astype(np.int32)[None]
    if not np.all(np.isfinite(a)):
        raise InputError("own.not_finite")
    return a.astype(np.float32)[None]


def _fits(shape: tuple[int, ...], want: tuple[int | None, ...]) -> bool:
    return all(w is None or w == s for s, w in zip(shape, want, strict=True))
