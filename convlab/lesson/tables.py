"""pandas tables of the lesson's arrays, for display and CSV download.

Column names are short, stable identifiers (good CSV headers); pages give
them translated labels when they display them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import numpy as np
import pandas as pd

from convlab.lesson.layer import ConvLayer
from convlab.lesson.ngrams import PAD, Cell
from convlab.vectors.files import MB, estimate
from convlab.vectors.gensim_data import OnlineSet
from convlab.vectors.sets import Embedding, Neighbours

FORMS = ("conv1d", "conv2d", "conv2d_channels")


def row_labels(tokens: Sequence[str]) -> list[str]:
    """ "position: token" labels, unique even when a word repeats."""
    return [f"{i}: {token}" for i, token in enumerate(tokens)]


def filter_names(filters: int) -> list[str]:
    return [f"f{j}" for j in range(filters)]


def tokens(emb: Embedding) -> pd.DataFrame:
    """One row per token: was it found, is it a row of the matrix, and its vector norm."""
    return pd.DataFrame(
        {"token": emb.tokens, "found": emb.found, "in_matrix": emb.kept, "norm": emb.norms}
    )


def embedding(emb: Embedding) -> pd.DataFrame:
    """The (words, D) matrix with one named row per word: the CSV learners download."""
    dims = [f"d{k}" for k in range(emb.matrix.shape[1])]
    return pd.DataFrame(emb.matrix, index=pd.Index(emb.words, name="token"), columns=dims)


def output(y: np.ndarray, labels: Sequence[str]) -> pd.DataFrame:
    """Conv output (steps, F), each row named by its n-gram."""
    return pd.DataFrame(
        y, index=pd.Index(list(labels), name="ngram"), columns=filter_names(y.shape[1])
    )


def pooling(y: np.ndarray, phrases: Sequence[str]) -> pd.DataFrame:
    """Max over time: per filter, the winning step (first on ties), its n-gram and value."""
    winners = y.argmax(axis=0)
    return pd.DataFrame(
        {
            "filter": filter_names(y.shape[1]),
            "max": y[winners, np.arange(y.shape[1])],
            "step": winners,
            "ngram": [phrases[t] for t in winners],
        }
    )


def cell(breakdown: Cell, words: Sequence[str], pad: str) -> pd.DataFrame:
    """One row per term of an output cell: which slot, which word, what it adds."""
    slots = [f"x[{i}]·W[{slot}, :, {breakdown.f}]" for slot, i in enumerate(breakdown.positions)]
    return pd.DataFrame(
        {
            "term": [*slots, f"b[{breakdown.f}]"],
            "word": [words[i] if i != PAD else pad for i in breakdown.positions] + [""],
            "value": [*breakdown.terms, breakdown.bias],
        }
    )


def csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with the index, as every download button serves it."""
    return frame.to_csv().encode("utf-8")


def forms(
    conv: ConvLayer, words: int, dim: int, outputs: dict[str, tuple[int, ...]]
) -> pd.DataFrame:
    """How each form lays out input, kernel, strides, dilation and padding, and what comes out.

    Columns are the forms: conv1d, conv2d (an (n, D) kernel on a one-channel
    image) and conv2d_channels (a (1, n) kernel with D channels). ``outputs``
    holds the output shapes the layers actually returned.
    """
    n, f, s, d = conv.n, conv.filters, conv.strides, conv.dilation
    before, after = conv.word_padding(words)

    def padded(pads: tuple[tuple[int, int], tuple[int, int]]) -> str:
        return f"ZeroPadding2D({pads}) + 'valid'" if before or after else "'valid'"

    rows = {
        "input": [(1, words, dim), (1, words, dim, 1), (1, 1, words, dim)],
        "kernel": [(n, dim, f), (n, dim, 1, f), (1, n, dim, f)],
        "strides": [s, (s, 1), (1, s)],
        "dilation_rate": [d, (d, 1), (1, d)],
        "padding": [
            f"'{conv.padding}'",
            padded(((before, after), (0, 0))),
            padded(((0, 0), (before, after))),
        ],
        "output": [outputs[form] for form in FORMS],
    }
    return pd.DataFrame.from_dict(
        {row: [str(v) for v in values] for row, values in rows.items()},
        orient="index",
        columns=FORMS,
    )


def neighbours(near: Neighbours) -> pd.DataFrame:
    """The nearest words, their cosine, and whether their vector is exactly the word's."""
    twins = set(near.twins)
    return pd.DataFrame(
        {
            "word": [word for word, _ in near.similar],
            "cosine": [cosine for _, cosine in near.similar],
            "same_vector": [word in twins for word, _ in near.similar],
        }
    )


def online_sets(sets: Iterable[OnlineSet], limit: int, on_disk: Collection[str]) -> pd.DataFrame:
    """gensim-data's sets: size, licence, whether downloaded, and memory at the row limit."""
    return pd.DataFrame(
        [
            {
                "set": spec.name,
                "dim": spec.dim,
                "words": spec.words,
                "download_mb": spec.size / MB,
                "licence": spec.licence,
                "on_disk": spec.name in on_disk,
                "memory_mb": estimate(min(limit, spec.words), spec.dim) / MB,
            }
            for spec in sets
        ]
    )
