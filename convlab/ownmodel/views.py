"""What the page and the CLI show of one layer's activations: row labels, top spans, files.

Pure NumPy and pandas on the arrays :mod:`convlab.ownmodel.keras_model` returns.
A row's label is the span of the input it reads (:mod:`convlab.ownmodel.receptive`):
the words of that span for text, the step range for a signal.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from convlab.ownmodel.receptive import Field
from convlab.textcnn.mining import PAD_MARK, Weights

MAX_WORDS = 8
"""Words shown in a label before the middle is elided; the CSV keeps the span's numbers."""


def span_text(span: tuple[int, int] | None, tokens: Sequence[str] | None) -> str:
    """The words of a span (text), or its step range (signal); ∅ for a row of padding only."""
    if span is None:
        return PAD_MARK
    lo, hi = span
    if tokens is None:
        return f"{lo}…{hi}" if hi > lo else str(lo)
    words = list(tokens[lo : hi + 1])
    if len(words) > MAX_WORDS:
        words = [*words[: MAX_WORDS // 2], "…", *words[-MAX_WORDS // 2 :]]
    return " ".join(words)


def row_labels(field: Field | None, rows: int, tokens: Sequence[str] | None) -> list[str]:
    """One unique label per row: ``row: span``, or only the row's number when untraced."""
    if field is None or field.rows != rows:
        return [f"{row}" for row in range(rows)]
    return [f"{row}: {span_text(field.span(row), tokens)}" for row in range(rows)]


def spans_array(field: Field | None, rows: int) -> np.ndarray:
    """(rows, 2) first and last input step of each row; −1 where unknown or padding only."""
    if field is None or field.rows != rows:
        return np.full((rows, 2), -1)
    return np.stack([field.lo, np.where(field.lo < 0, -1, field.hi)], axis=1)


def top_spans(act: np.ndarray, labels: Sequence[str], k: int) -> pd.DataFrame:
    """Each filter's ``k`` highest rows, best first (ties: the earlier row)."""
    k = min(k, act.shape[0])
    order = np.argsort(-act, axis=0, kind="stable")[:k]
    rows = [
        {"filter": f, "rank": rank + 1, "span": labels[int(r)], "activation": float(act[r, f])}
        for f in range(act.shape[1])
        for rank, r in enumerate(order[:, f])
    ]
    return pd.DataFrame(rows, columns=["filter", "rank", "span", "activation"])


def layer_frame(act: np.ndarray, labels: Sequence[str], spans: np.ndarray) -> pd.DataFrame:
    """One layer for its CSV: row label, first and last input step, one column per filter."""
    frame = pd.DataFrame(act, columns=[f"f{f}" for f in range(act.shape[1])])
    frame.insert(0, "last", spans[:, 1])
    frame.insert(0, "first", spans[:, 0])
    frame.insert(0, "row", list(labels))
    return frame


def npz(outputs: Mapping[str, np.ndarray], spans: Mapping[str, np.ndarray]) -> bytes:
    """Every layer's array, and ``<layer>.spans``, as one compressed ``.npz`` (no pickle)."""
    buffer = io.BytesIO()
    arrays = {**outputs, **{f"{name}.spans": s for name, s in spans.items()}}
    np.savez_compressed(buffer, allow_pickle=False, **arrays)
    return buffer.getvalue()


def winners(
    embedding: np.ndarray,
    kernel: np.ndarray,
    bias: np.ndarray,
    ids: np.ndarray,
    act: np.ndarray,
    labels: Sequence[str],
) -> pd.DataFrame:
    """Each filter's winning n-gram of this sentence and each word's part, as the Filters page.

    For a Conv1D reading an Embedding directly (valid, stride 1): row r reads
    ids[r : r + n], and :meth:`convlab.textcnn.mining.Weights.slot_terms` splits
    its pre-activation into ``E[word] · W[slot, :, f]`` per word plus the bias.
    """
    n, _, filters = kernel.shape
    w = Weights(  # only the embedding and this one kernel: no dense layer is read here
        embedding=embedding,
        kernels=(kernel,),
        biases=(bias,),
        dense=np.zeros((filters, 1)),
        dense_bias=np.zeros(1),
        length=len(ids),
    )
    records = []
    for f in range(filters):
        row = int(np.argmax(act[:, f]))
        terms, b = w.slot_terms(f, [int(i) for i in ids[row : row + n]])
        records.append(
            {
                "filter": f,
                "ngram": labels[row].split(": ", 1)[-1],
                "activation": float(act[row, f]),
                **{f"slot{i}": term for i, term in enumerate(terms)},
                "bias": b,
            }
        )
    return pd.DataFrame(records)
