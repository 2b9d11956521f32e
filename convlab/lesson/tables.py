"""pandas tables of the lesson's arrays, for display and CSV download.

Column names are short, stable identifiers (good CSV headers); pages give
them translated labels when they display them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from convlab.vectors.files import MB, estimate
from convlab.vectors.gensim_data import OnlineSet
from convlab.vectors.sets import Embedding, Neighbours

if TYPE_CHECKING:
    from convlab.lesson.equivalence import Comparison
    from convlab.lesson.forms import Layout


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


def csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with the index, as every download button serves it."""
    return frame.to_csv().encode("utf-8")


NOT_RUN = "—"
"""What a form that cannot express the settings shows for its output (and, in the app, its |Δ|)."""


def roads(layouts: Mapping[str, Layout], results: Mapping[str, Comparison]) -> pd.DataFrame:
    """One row per form: its layout, the output shape it returned, and max |Δ| to Conv1D per dtype.

    A form that cannot express the settings has no output and NaN differences;
    ``results`` are the measurements, so nothing here is typed in.
    """
    first = next(iter(results.values()))
    return pd.DataFrame(
        [
            {
                "form": name,
                "input": str(layout.input_shape),
                "kernel": str(layout.kernel_shape),
                "strides": layout.strides,
                "dilation_rate": layout.dilation,
                "padding": layout.padding,
                "output": str(first.outputs[name].shape) if name in first.outputs else NOT_RUN,
                **{
                    dtype: np.nan if (diff := result.road(name)) is None else diff
                    for dtype, result in results.items()
                },
            }
            for name, layout in layouts.items()
        ]
    ).set_index("form")


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
