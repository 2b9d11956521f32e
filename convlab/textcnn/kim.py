"""Kim (2014)'s CNN for sentence classification in Keras: build, train, save and load.

    token ids -> Embedding (V, D) -> Conv1D(F, n, relu) for each kernel size n
              -> GlobalMaxPooling1D -> Concatenate -> Dropout(0.5) -> Dense(classes, softmax)

The embedding starts from the chosen word vectors (``static`` freezes it,
``non-static`` fine-tunes it) or from random numbers (``rand``). Words without
a vector get the lesson's seeded random OOV vectors (uniform ±0.25).
"Rescaled" multiplies the whole pretrained table by one number so that its
spread matches that initialisation: with raw GloVe or md300 norms (about 5
and 12) Adam's steps barely move a vector, so fine-tuning does little.

Importing this module imports TensorFlow. A fit is deterministic: the seed
fixes the weights, the OOV vectors, dropout and the batch order, and
TensorFlow's op determinism is switched on (same machine, same numbers; other
CPUs may differ in the last bits).

A saved model is the standard ``.keras`` zip plus one JSON member holding the
vocabulary, class names and settings; loading refuses anything that is not
such a file (:mod:`convlab.textcnn.model_file` checks it before Keras reads it),
never runs code from it (``safe_mode=True``, no Lambda, no custom classes), and
checks that its layers compute what a Kim CNN computes.
"""

from __future__ import annotations

import json
import tempfile
import threading
import time
import zipfile
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from convlab.errors import InputError
from convlab.keras_runtime import keras, layer_work, tf
from convlab.textcnn import corpus as corpora
from convlab.textcnn import model_file
from convlab.textcnn.hyperparameters import Hyperparameters
from convlab.textcnn.mining import PAD, Weights, explain
from convlab.tokenize import MAX_TOKENS, tokenize_all
from convlab.vectors.sets import OOV_SCALE, VectorSet, oov_vector

UNK = 1
SPECIALS = ("<pad>", "<unk>")
MAX_VOCAB = 30_000
"""Most frequent words kept; the rest share ``<unk>``. Bounds memory for large uploads."""
FORMAT = 1
KIM_CONV = {"activation": "relu", "padding": "valid", "strides": (1,), "dilation_rate": (1,)}
"""What :mod:`convlab.textcnn.mining` assumes of every Conv1D; random probes may miss e.g. tanh."""
TARGET_STD = OOV_SCALE / np.sqrt(3)
"""Standard deviation of uniform(-0.25, 0.25): what "rescaled" tables are scaled to."""


# Vocabulary ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Word <-> id; id 0 pads, id 1 stands for every word not kept."""

    words: tuple[str, ...]

    @cached_property
    def index(self) -> dict[str, int]:
        return {word: i for i, word in enumerate(self.words)}

    def __len__(self) -> int:
        return len(self.words)

    def ids(self, tokens: Sequence[str]) -> np.ndarray:
        return np.array([self.index.get(t, UNK) for t in tokens], dtype=np.int32)

    def matrix(self, sentences: Sequence[np.ndarray], length: int) -> np.ndarray:
        """(sentences, max(length, longest)) ids, padded with 0 at the end."""
        width = max([length, *map(len, sentences)])
        grid = np.zeros((len(sentences), width), np.int32)
        for row, ids in enumerate(sentences):
            grid[row, : len(ids)] = ids
        return grid


def vocabulary(sentences: Sequence[list[str]], most: int = MAX_VOCAB) -> Vocabulary:
    """Every word of the data, most frequent first (ties alphabetical), as Kim built his."""
    counts = Counter(token for tokens in sentences for token in tokens)
    kept = sorted(counts, key=lambda word: (-counts[word], word))[: most - len(SPECIALS)]
    return Vocabulary((*SPECIALS, *kept))


def tokens_of(texts: Sequence[str]) -> list[list[str]]:
    """Each text as the lesson tokenizes it, cut at ``MAX_TOKENS``."""
    return [tokens[:MAX_TOKENS] for tokens in tokenize_all(texts)]


@dataclass(frozen=True)
class Coverage:
    """How much of the data the word vectors know: distinct words and running tokens."""

    types: int
    types_found: int
    tokens: int
    tokens_found: int

    def as_dict(self) -> dict:
        return {
            "types": round(self.types_found / max(self.types, 1), 4),
            "tokens": round(self.tokens_found / max(self.tokens, 1), 4),
            "types_found": self.types_found,
            "types_total": self.types,
            "tokens_found": self.tokens_found,
            "tokens_total": self.tokens,
        }


def coverage(sentences: Sequence[list[str]], vs: VectorSet) -> Coverage:
    counts = Counter(token for tokens in sentences for token in tokens)
    found = {word for word in counts if word in vs}
    return Coverage(len(counts), len(found), sum(counts.values()), sum(counts[w] for w in found))


def initial_table(vocab: Vocabulary, hp: Hyperparameters, vs: VectorSet) -> np.ndarray:
    """(V, D) starting embedding: pretrained rows (maybe rescaled), seeded random ones, pad = 0."""
    dim = vs.dim
    table = np.stack([oov_vector(word, dim, hp.seed) for word in vocab.words])
    table[PAD] = 0
    if hp.pretrained:
        hits = [i for i, word in enumerate(vocab.words) if i >= len(SPECIALS) and word in vs]
        if hits:
            rows = np.stack([vs.vector(vocab.words[i]) for i in hits]).astype(np.float32)
            if hp.rescaled:
                rows *= TARGET_STD / max(float(rows.std()), 1e-12)
            table[hits] = rows
    return table.astype(np.float32)


# The model ----------------------------------------------------------------------------------


@layer_work
def build(table: np.ndarray, classes: int, hp: Hyperparameters) -> keras.Model:
    """Kim's network on a given starting embedding; seeded by the caller."""
    ids = keras.Input(shape=(None,), dtype="int32", name="ids")
    x = keras.layers.Embedding(
        *table.shape,
        weights=[table],  # set at build, unlike an initializer not copied into config.json
        trainable=hp.variant != "static",
        name="embedding",
    )(ids)
    pooled = [
        keras.layers.GlobalMaxPooling1D(name=f"pool{n}")(
            keras.layers.Conv1D(hp.filters, n, activation="relu", name=f"conv{n}")(x)
        )
        for n in hp.kernel_sizes
    ]
    x = pooled[0] if len(pooled) == 1 else keras.layers.Concatenate(name="concat")(pooled)
    x = keras.layers.Dropout(hp.dropout, name="dropout")(x)
    probs = keras.layers.Dense(classes, activation="softmax", name="dense")(x)
    return keras.Model(ids, probs, name="kim_cnn")


@dataclass(frozen=True, eq=False)
class TextCNN:
    """A trained Kim CNN with everything needed to feed it text and explain it."""

    model: keras.Model
    vocab: Vocabulary
    classes: tuple[str, ...]
    length: int
    """The longest training sentence: every input is cut or padded to this many tokens."""
    meta: dict = field(default_factory=dict)
    """Settings, vector set, data digest and scores, as stored in the file."""

    def encode(self, sentences: Sequence[list[str]]) -> list[np.ndarray]:
        """Ids of each sentence, cut at the training length.

        Every input then has exactly the width the model was trained on, so a
        sentence scores the same whatever else is in its batch.
        """
        return [self.vocab.ids(tokens[: self.length]) for tokens in sentences]

    @layer_work
    def predict(self, sentences: Sequence[list[str]], batch_size: int = 256) -> np.ndarray:
        """(sentences, classes) probabilities from the Keras model itself."""
        grid = self.vocab.matrix(self.encode(sentences), self.length)
        return np.asarray(self.model.predict(grid, batch_size=batch_size, verbose=0))

    @cached_property
    @layer_work
    def weights(self) -> Weights:
        """The trained arrays, for mining; :func:`load` checks that they reproduce the model."""
        layers = self.model.layers
        (embedding,) = [layer for layer in layers if isinstance(layer, keras.layers.Embedding)]
        (dense,) = [layer for layer in layers if isinstance(layer, keras.layers.Dense)]
        convs = [layer.get_weights() for layer in layers if isinstance(layer, keras.layers.Conv1D)]
        return Weights(
            embedding=embedding.get_weights()[0],
            kernels=tuple(kernel for kernel, _ in convs),
            biases=tuple(bias for _, bias in convs),
            dense=dense.get_weights()[0],
            dense_bias=dense.get_weights()[1],
            length=self.length,
        )


@dataclass(frozen=True, eq=False)
class Fit:
    """A training run: the model, its learning curves and its scores on held-out rows."""

    cnn: TextCNN
    history: list[dict[str, float]]
    best_epoch: int
    val_accuracy: float
    test_accuracy: float
    confusion: np.ndarray
    """(classes, classes) test rows counted by (true, predicted)."""
    train_seconds: float
    sizes: tuple[int, int, int]
    coverage: Coverage

    def report(self) -> dict:
        """The numbers the ``train`` command prints."""
        n_train, n_val, n_test = self.sizes
        return {
            "test_accuracy": round(self.test_accuracy, 4),
            "val_accuracy": round(self.val_accuracy, 4),
            "epochs": len(self.history),
            "best_epoch": self.best_epoch,
            "train_seconds": round(self.train_seconds, 2),
            "n_train": n_train,
            "n_val": n_val,
            "n_test": n_test,
            "vocab_coverage": self.coverage.as_dict(),
        }


class FitStore:
    """The last few fits by key, and one lock so that a server trains one model at a time.

    A fit takes seconds to minutes and hundreds of MB while it runs; two at
    once on a small container would both slow down and risk running out of
    memory, and Keras's random seed is process-wide anyway. A store that holds
    only one visitor's fits shares the server's ``lock``.
    """

    def __init__(self, most: int = 4, lock: threading.Lock | None = None) -> None:
        self.most = most
        self.lock = lock or threading.Lock()
        self._fits: OrderedDict[object, Fit] = OrderedDict()

    def get(self, key: object) -> Fit | None:
        fit = self._fits.get(key)
        if fit is not None:
            self._fits.move_to_end(key)
        return fit

    def put(self, key: object, fit: Fit) -> None:
        self._fits[key] = fit
        self._fits.move_to_end(key)
        while len(self._fits) > self.most:
            self._fits.popitem(last=False)


def deterministic(seed: int) -> None:
    """Seed Python, NumPy and TensorFlow, and make TensorFlow's kernels deterministic."""
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()


@layer_work
def train(
    data: corpora.Corpus,
    hp: Hyperparameters,
    vs: VectorSet,
    callbacks: Sequence[keras.callbacks.Callback] = (),
    fold: int = 0,
) -> Fit:
    """Train on the fixed split of ``data``, stop early on validation accuracy, test once.

    ``callbacks`` see every epoch (the page draws live curves, the CLI prints
    progress); the best epoch's weights are kept. ``fold`` tests on another
    tenth of the data, for the benchmark's cross-validation; 0 is the fixed split.
    """
    sentences = tokens_of(data.texts)
    vocab = vocabulary(sentences)
    length = max([*hp.kernel_sizes, *map(len, sentences)])
    grid = vocab.matrix([vocab.ids(tokens) for tokens in sentences], length)
    labels = data.labels.astype(np.int32)
    parts = corpora.split(len(data), fold=fold)
    deterministic(hp.seed)
    model = build(initial_table(vocab, hp, vs), len(data.classes), hp)
    model.compile(
        optimizer=keras.optimizers.Adam(hp.learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    stop = keras.callbacks.EarlyStopping(
        monitor="val_accuracy", mode="max", patience=hp.patience, restore_best_weights=True
    )
    started = time.perf_counter()
    history = model.fit(
        grid[parts.train],
        labels[parts.train],
        batch_size=hp.batch_size,
        epochs=hp.epochs,
        validation_data=(grid[parts.val], labels[parts.val]),
        callbacks=[stop, *callbacks],
        verbose=0,
    ).history
    seconds = time.perf_counter() - started
    epochs = [
        dict(zip(history, values, strict=True)) for values in zip(*history.values(), strict=True)
    ]
    best = int(np.argmax(history["val_accuracy"]))
    cnn = TextCNN(_inference_copy(model), vocab, data.classes, length)
    predicted = cnn.predict([sentences[i] for i in parts.test]).argmax(axis=1)
    truth = labels[parts.test]
    classes = len(data.classes)
    confusion = np.bincount(truth * classes + predicted, minlength=classes**2)
    fit = Fit(
        cnn=cnn,
        history=[{k: float(v) for k, v in epoch.items()} for epoch in epochs],
        best_epoch=best + 1,
        val_accuracy=float(history["val_accuracy"][best]),
        test_accuracy=float(np.mean(predicted == truth)),
        confusion=confusion.reshape(classes, classes),
        train_seconds=seconds,
        sizes=parts.sizes,
        coverage=coverage(sentences, vs),
    )
    cnn.meta.update(
        {
            "format": FORMAT,
            "config": hp.as_dict(),
            "vectors": vs.name,
            "data": {"source": data.source, "digest": data.digest, "rows": len(data)},
            **fit.report(),
        }
    )
    return fit


def _inference_copy(model: keras.Model) -> keras.Model:
    """The trained model without its optimizer: a third of the memory, and a smaller file."""
    copy = keras.Model.from_config(model.get_config())
    copy.set_weights(model.get_weights())
    return copy


# Saving and loading ----------------------------------------------------------------------


@layer_work
def save(cnn: TextCNN) -> bytes:
    """The model as ``.keras`` bytes, with the vocabulary and classes in ``convlab.json``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.keras"
        cnn.model.save(path)
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr(
                model_file.META,
                json.dumps(
                    {
                        **cnn.meta,
                        "vocabulary": list(cnn.vocab.words),
                        "classes": list(cnn.classes),
                        "length": cnn.length,
                    },
                    ensure_ascii=False,
                ),
            )
        return path.read_bytes()


def load(raw: bytes, name: str = "upload.keras", most: int = model_file.MAX_MODEL_BYTES) -> TextCNN:
    """A saved model from untrusted bytes, or InputError saying plainly why not.

    :func:`convlab.textcnn.model_file.read` refuses a hostile or foreign file
    first, without Keras; then :func:`from_file`.
    """
    return from_file(model_file.read(raw, name, most))


@layer_work
def from_file(checked: model_file.ModelFile) -> TextCNN:
    """A checked ``.keras`` file as a TextCNN, or InputError saying plainly why not.

    Refused, in this order: a file Keras cannot load in safe mode; no convlab
    vocabulary; layers that do not compute a Kim CNN.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.keras"
        checked.write_keras(path)
        try:
            model = keras.saving.load_model(path, compile=False, safe_mode=True)
        except Exception as err:  # any failure inside Keras means "unreadable"
            reason = str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err)
            raise InputError("err.model_unreadable", reason=str(reason)) from err
    meta = checked.meta
    if not isinstance(meta, dict) or not {"vocabulary", "classes", "length"} <= meta.keys():
        raise InputError("err.model_no_vocab")
    try:
        cnn = TextCNN(
            model,
            Vocabulary(tuple(map(str, meta["vocabulary"]))),
            tuple(map(str, meta["classes"])),
            int(meta["length"]),
            {k: v for k, v in meta.items() if k not in ("vocabulary", "classes", "length")},
        )
        _check_layout(cnn)
    except (KeyError, ValueError, TypeError, AttributeError) as err:
        raise InputError("err.model_layout") from err
    return cnn


def load_file(path: Path | str) -> TextCNN:
    """:func:`load` for a file named on the command line."""
    path = Path(path)
    if not path.is_file():
        raise InputError("err.model_path", path=str(path))
    return load(path.read_bytes(), path.name)


def _check_layout(cnn: TextCNN) -> None:
    """The arrays :mod:`convlab.textcnn.mining` reads must reproduce the model's own predictions.

    Random id sequences go through Keras and through the arrays; a model whose
    layers are wired differently (another order, padding, activation) disagrees.
    """
    for layer in cnn.model.layers:
        if (
            isinstance(layer, keras.layers.Conv1D)
            and {key: layer.get_config()[key] for key in KIM_CONV} != KIM_CONV
        ):
            raise ValueError(f"{layer.name} is not a relu Conv1D with valid padding, stride 1")
    w = cnn.weights
    if w.embedding.shape[0] != len(cnn.vocab) or w.dense.shape[1] != len(cnn.classes):
        raise ValueError("vocabulary or classes do not match the layers")
    if w.dense.shape[0] != sum(k.shape[2] for k in w.kernels) or len(cnn.classes) < 2:
        raise ValueError("dense layer does not read the pooled filters")
    rng = np.random.default_rng(0)
    sizes = (1, (cnn.length + 1) // 2, cnn.length)
    samples = [rng.integers(0, len(cnn.vocab), size).astype(np.int32) for size in sizes]
    grid = cnn.vocab.matrix(samples, cnn.length)
    keras_probs = np.asarray(cnn.model.predict(grid, verbose=0))
    ours = np.array([explain(w, [], ids).probabilities for ids in samples])
    if not np.allclose(keras_probs, ours, atol=1e-4):
        raise ValueError("the layers do not compute a Kim CNN")
