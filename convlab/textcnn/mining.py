"""What a trained text CNN's filters learned: n-gram mining after Jacovi et al. (2018).

Each filter of a Kim CNN scores every n-gram of a sentence and max pooling
keeps the best one, so across a corpus a filter is described by the n-grams
that win for it, the class its dense weights vote for, and how often the
sentences it fires on really belong to that class (its purity).

Nothing here runs Keras: the trained weights arrive as NumPy arrays. A
window's score is a sum over its slots of ``E[word] · W[slot, :, f]``, the
slot contributions the page shows. Mining a whole corpus is a handful of
array operations per batch of sentences of similar length (one matrix
product per kernel size), never a loop over sentences.

Windows are those the model itself sees: a sentence is padded with the pad
word (id 0) to at least the training length, as during training, so a window
may run past the last word, and windows made only of padding score the same
constant for every sentence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from convlab.errors import InputError

PAD = 0
PAD_MARK = "∅"
BATCH = 512
"""Sentences scored at once: (512, words, filters) float32 stays a few tens of MB."""


@dataclass(frozen=True, eq=False)
class Weights:
    """A Kim CNN as arrays: embedding, one Conv1D per kernel size, and the dense layer."""

    embedding: np.ndarray
    """(V, D), row 0 is the pad word."""
    kernels: tuple[np.ndarray, ...]
    """One (n, D, F) kernel per kernel size, in the order their outputs are concatenated."""
    biases: tuple[np.ndarray, ...]
    dense: np.ndarray
    """(filters in total, classes)."""
    dense_bias: np.ndarray
    length: int
    """Inputs are padded to at least this many tokens, as in training."""

    @property
    def filters(self) -> int:
        return self.dense.shape[0]

    @cached_property
    def sizes(self) -> np.ndarray:
        """The kernel size of each filter, in concatenation order."""
        return np.concatenate([np.full(k.shape[2], k.shape[0]) for k in self.kernels])

    @cached_property
    def names(self) -> list[str]:
        """ "n3·f7": the 7th filter of the 3-word convolution."""
        return [f"n{k.shape[0]}·f{f}" for k in self.kernels for f in range(k.shape[2])]

    @cached_property
    def classes(self) -> np.ndarray:
        """Each filter's class: the argmax of its dense-layer weights."""
        return self.dense.argmax(axis=1)

    def margin(self, c: int) -> tuple[np.ndarray, float]:
        """Dense weights and bias toward class ``c`` against the mean of the others.

        Softmax ignores a constant added to every logit, so only these
        differences mean anything; with two classes their sum over filters
        plus the bias is the log-odds of ``c``.
        """
        others = (self.dense.sum(axis=1) - self.dense[:, c]) / (self.dense.shape[1] - 1)
        bias = self.dense_bias[c] - (self.dense_bias.sum() - self.dense_bias[c]) / (
            len(self.dense_bias) - 1
        )
        return self.dense[:, c] - others, float(bias)

    @cached_property
    def weight(self) -> np.ndarray:
        """Each filter's weight toward its own class; its size is the filter's importance."""
        return np.array([self.margin(int(c))[0][j] for j, c in enumerate(self.classes)])

    def slot_terms(self, j: int, words: Sequence[int]) -> tuple[list[float], float]:
        """Filter ``j`` on a window of word ids: ``E[word] · W[slot, :, f]`` per slot, and the bias.

        Their sum is the window's activation before relu.
        """
        g = int(np.searchsorted(self.offsets(), j, side="right")) - 1
        f = j - self.offsets()[g]
        kernel = self.kernels[g]
        rows = self.embedding[list(words)].astype(np.float64)
        terms = np.einsum("nd,nd->n", rows, kernel[:, :, f].astype(np.float64))
        return terms.tolist(), float(self.biases[g][f])

    @cached_property
    def padding_scores(self) -> tuple[np.ndarray, ...]:
        """Per kernel size, the (F,) pre-activations of a window made only of padding."""
        return tuple(
            self.embedding[PAD] @ kernel.sum(axis=0) + bias
            for kernel, bias in zip(self.kernels, self.biases, strict=True)
        )

    def offsets(self) -> list[int]:
        """The first filter index of each kernel size."""
        return np.cumsum([0] + [k.shape[2] for k in self.kernels]).tolist()


@dataclass(frozen=True)
class Scan:
    """Every sentence × filter: the best window among the eligible ones, and the model's pooling."""

    best: np.ndarray
    """(sentences, filters) pre-activation of the best eligible window; -inf if none."""
    start: np.ndarray
    """(sentences, filters) where that window starts."""
    pooled: np.ndarray
    """(sentences, filters) what GlobalMaxPooling1D outputs: relu of the max over all windows."""


def _first_max(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Max over axis 1 of (sentences, steps, filters) and its first position.

    A loop over the few dozen steps, each a vectorised update of (sentences,
    filters): NumPy's own argmax over a middle axis is about ten times slower.
    """
    best = z[:, 0].copy()
    where = np.zeros(best.shape, np.int32)
    for t in range(1, z.shape[1]):
        better = z[:, t] > best
        best = np.where(better, z[:, t], best)
        where[better] = t
    return best, where


def scan(
    w: Weights, ids: Sequence[np.ndarray], allowed: Sequence[np.ndarray] | None = None
) -> Scan:
    """Score every window of every sentence for every filter, in length-sorted batches.

    ``allowed`` marks, per token, whether a window containing it may be
    reported (e.g. words seen at least 3 times); the pooled output ignores it.
    """
    count = len(ids)
    lengths = np.fromiter(map(len, ids), np.int64, count)
    widest = max(kernel.shape[0] for kernel in w.kernels)
    best = np.full((count, w.filters), -np.inf, np.float32)
    start = np.zeros((count, w.filters), np.int32)
    pooled = np.zeros((count, w.filters), np.float32)
    order = np.argsort(lengths, kind="stable")
    for first in range(0, count, BATCH):
        rows = order[first : first + BATCH]
        lens = lengths[rows][:, None]
        longest = max(int(lens.max()), 1)
        grid = np.full((len(rows), longest + widest - 1), PAD, np.int32)
        ok = np.ones(grid.shape, bool)
        for r, s in enumerate(rows):
            grid[r, : lengths[s]] = ids[s]
            if allowed is not None:
                ok[r, : lengths[s]] = allowed[s]
        x = w.embedding[grid]
        steps = np.arange(longest)[None, :]
        for o, kernel, bias, padding_only in zip(
            w.offsets(), w.kernels, w.biases, w.padding_scores, strict=False
        ):
            n, dim, f = kernel.shape
            # Every window's n rows side by side, times the kernel flattened the same way: one
            # matrix product per kernel size (im2col), the sum over slots done by BLAS.
            windows = np.concatenate([x[:, i : i + longest] for i in range(n)], axis=2)
            z = (windows.reshape(-1, n * dim) @ kernel.reshape(n * dim, f)).reshape(-1, longest, f)
            z += bias
            valid = steps <= np.minimum(lens - 1, np.maximum(lens, w.length) - n)
            z[~valid] = -np.inf
            top = z.max(axis=1)
            if allowed is not None:
                z[~np.logical_and.reduce([ok[:, i : i + longest] for i in range(n)])] = -np.inf
            best[rows, o : o + f], start[rows, o : o + f] = _first_max(z)
            has_padding_window = w.length - n >= lens
            top = np.where(has_padding_window, np.maximum(top, padding_only), top)
            pooled[rows, o : o + f] = np.maximum(top, 0)
    return Scan(best, start, pooled)


@dataclass(frozen=True)
class Hit:
    """One mined n-gram: its sentence, where it starts, its score, and its words."""

    sentence: int
    start: int
    activation: float
    ngram: str


@dataclass(frozen=True, eq=False)
class Mining:
    """A corpus scanned by a trained model, ready to describe any filter."""

    weights: Weights
    tokens: list[list[str]]
    ids: list[np.ndarray]
    labels: np.ndarray
    classes: tuple[str, ...]
    min_count: int
    scan: Scan

    def words(self, s: int, start: int, n: int) -> list[str]:
        """The n tokens of sentence ``s`` from ``start``, ``PAD_MARK`` beyond its end."""
        sentence = self.tokens[s]
        return [sentence[i] if i < len(sentence) else PAD_MARK for i in range(start, start + n)]

    def top(self, j: int, k: int) -> list[Hit]:
        """Filter ``j``'s k best distinct n-grams across the corpus, best first.

        The same n-gram scores the same in every sentence, so repeats are
        dropped and the first sentence (in corpus order) stands for them.
        """
        column = self.scan.best[:, j]
        n = int(self.weights.sizes[j])
        hits: dict[str, Hit] = {}
        for s in np.argsort(-column, kind="stable"):
            if not np.isfinite(column[s]) or len(hits) == k:
                break
            start = int(self.scan.start[s, j])
            ngram = " ".join(self.words(int(s), start, n))
            hits.setdefault(ngram, Hit(int(s), start, float(column[s]), ngram))
        return list(hits.values())

    def slots(self, hit: Hit, j: int) -> tuple[list[float], float]:
        """Each slot's contribution ``E[word] · W[slot, :, f]`` to a hit, and the filter's bias.

        Their sum is the hit's activation before relu.
        """
        sentence = self.ids[hit.sentence]
        n = int(self.weights.sizes[j])
        words = [
            int(sentence[i]) if i < len(sentence) else PAD for i in range(hit.start, hit.start + n)
        ]
        return self.weights.slot_terms(j, words)

    def purity(self, share: float) -> tuple[np.ndarray, np.ndarray]:
        """Per filter: the share of sentences above the threshold labelled with its class.

        The threshold is ``share`` × the filter's top activation, so one
        slider means the same for filters of different scales. Returns
        (purity, how many sentences are above); purity is NaN where none are.
        """
        best = self.scan.best
        top = np.where(np.isfinite(best), best, -np.inf).max(axis=0)
        above = best > (share * np.maximum(top, 0))[None, :]
        matches = above & (self.labels[:, None] == self.weights.classes[None, :])
        counts = above.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(counts > 0, matches.sum(axis=0) / counts, np.nan), counts

    def order(self) -> np.ndarray:
        """Filters by importance: the largest weight toward their class first."""
        return np.lexsort((np.arange(self.weights.filters), -np.abs(self.weights.weight)))

    def filters(self, k: int, share: float) -> pd.DataFrame:
        """One row per filter, most important first, with its top n-grams joined."""
        purity, above = self.purity(share)
        order = self.order()
        w = self.weights
        return pd.DataFrame(
            {
                "filter": [w.names[j] for j in order],
                "kernel_size": w.sizes[order],
                "class": [self.classes[c] for c in w.classes[order]],
                "weight": w.weight[order],
                "purity": purity[order],
                "above": above[order],
                "top": [" | ".join(h.ngram for h in self.top(int(j), k)) for j in order],
            }
        )

    def hits(self, j: int, k: int) -> pd.DataFrame:
        """Filter ``j``'s top n-grams with their sentences, labels and slot contributions."""
        rows = []
        for rank, hit in enumerate(self.top(j, k), start=1):
            terms, bias = self.slots(hit, j)
            rows.append(
                {
                    "rank": rank,
                    "ngram": hit.ngram,
                    "activation": hit.activation,
                    "label": self.classes[int(self.labels[hit.sentence])],
                    "sentence": " ".join(self.tokens[hit.sentence]),
                    **{f"slot{i}": term for i, term in enumerate(terms)},
                    "bias": bias,
                }
            )
        return pd.DataFrame(rows)

    def report(self, k: int) -> list[dict]:
        """Every filter, most important first, as the ``ngrams`` command prints it."""
        if k < 1:
            raise InputError("err.top", top=k)
        w = self.weights
        return [
            {
                "filter": w.names[j],
                "kernel_size": int(w.sizes[j]),
                "class": self.classes[int(w.classes[j])],
                "weight": round(float(w.weight[j]), 6),
                "top": [
                    {"ngram": hit.ngram, "activation": round(hit.activation, 6)}
                    for hit in self.top(int(j), k)
                ],
            }
            for j in self.order().tolist()
        ]


def check_classes(model: Sequence[str], data: Sequence[str]) -> None:
    """InputError unless data and model have as many classes: purity matches them by number."""
    if len(model) != len(data):
        raise InputError("err.class_mismatch", data=len(data), model=len(model))


def allowed_tokens(tokens: Sequence[list[str]], min_count: int) -> list[np.ndarray]:
    """Per sentence, whether each token occurs at least ``min_count`` times in the corpus."""
    seen = Counter(token for sentence in tokens for token in sentence)
    return [np.array([seen[t] >= min_count for t in sentence], bool) for sentence in tokens]


def mine(
    w: Weights,
    tokens: list[list[str]],
    ids: list[np.ndarray],
    labels: np.ndarray,
    classes: tuple[str, ...],
    min_count: int = 1,
) -> Mining:
    """Scan a tokenized, encoded corpus; n-grams may only contain words seen ``min_count`` times.

    Words are counted over the whole corpus, before sentences are cut to the
    model's length.

    Rare words (typos, names, the few dozen Spanish lines of MR) otherwise
    win most filters' top lists, because the model fits them to their single
    sentence's label.
    """
    if min_count < 1:
        raise InputError("err.min_count", min_count=min_count)
    allowed = allowed_tokens(tokens, min_count) if min_count > 1 else None
    if any(len(t) != len(i) for t, i in zip(tokens, ids, strict=True)):  # cut to the model's length
        tokens = [t[: len(i)] for t, i in zip(tokens, ids, strict=True)]
        allowed = allowed and [a[: len(i)] for a, i in zip(allowed, ids, strict=True)]
    return Mining(w, tokens, ids, np.asarray(labels), classes, min_count, scan(w, ids, allowed))


@dataclass(frozen=True)
class Explanation:
    """One sentence through the model: what each filter pooled, and what that did to the logit."""

    tokens: list[str]
    pooled: np.ndarray
    """(filters,) the pooled activations, as GlobalMaxPooling1D gives them."""
    start: np.ndarray
    """(filters,) where each filter's winning n-gram starts; -1 if no n-gram of the sentence is
    what was pooled (a padding-only window won, or relu turned the filter off)."""
    probabilities: np.ndarray
    predicted: int
    contributions: np.ndarray
    """(filters,) pooled × the filter's weight toward the predicted class."""
    bias: float
    """The dense bias toward the predicted class; bias + Σ contributions = the margin logit."""


def explain(w: Weights, tokens: list[str], ids: np.ndarray) -> Explanation:
    """Prediction and per-filter logit contributions for one encoded sentence."""
    one = scan(w, [ids])
    pooled, start = one.pooled[0], one.start[0].copy()
    start[one.best[0] < pooled - 1e-6] = -1  # a padding-only window beat every real n-gram
    logits = pooled.astype(np.float64) @ w.dense + w.dense_bias
    probabilities = np.exp(logits - logits.max())
    probabilities /= probabilities.sum()
    predicted = int(probabilities.argmax())
    weight, bias = w.margin(predicted)
    return Explanation(tokens, pooled, start, probabilities, predicted, pooled * weight, bias)
