"""A visitor's own Keras model: loaded only after the checks, run once per input for every layer.

Importing this module imports TensorFlow. :func:`load` lets Keras read a file
only once :func:`convlab.ownmodel.inspect.read` has passed it, and then in
safe mode; classes are looked up in Keras's already imported modules, never
imported by a name from the file. :meth:`OwnModel.run` gets every shown
layer's output in one call of one extra ``keras.Model`` over the same layers
(the code the page shows), so a new sentence costs one forward pass.

A model nested as a layer (a Sequential block inside a Functional model) is
opened: :func:`flatten` calls its layers once more on the tensor the outer
model feeds it, so each has an output in the outer graph that the extra
model can return, named by its path (``block/conv``).
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import numpy as np

from convlab.errors import InputError
from convlab.keras_runtime import keras, layer_work, tf
from convlab.model_config import LEGACY, MODELS
from convlab.ownmodel import inputs, inspect, receptive
from convlab.ownmodel.config import graph
from convlab.ownmodel.inputs import Prepared
from convlab.ownmodel.table import LayerInfo, channels_first
from convlab.textcnn.mining import PAD_MARK
from convlab.tokenize import MAX_TOKENS, tokenize

STEP_LAYERS = frozenset({"Conv1D", *receptive.KEEP_STEPS, *receptive.WINDOWS}) - {
    "InputLayer",
    "TextVectorization",
    "Embedding",
    *MODELS,
}
"""Layers whose activations get a heatmap once the first Conv1D has run (a nested model's
output is its last layer's, shown as that layer)."""


LEGACY_MODULES = (
    "keras.layers",
    "keras.models",
    "keras.src.models.functional",
    "keras.initializers",
    "keras.regularizers",
    "keras.constraints",
    "keras",
)
"""Where the classes of a legacy HDF5 config (which names no modules) may come from."""


def known(module: str, name: str) -> bool:
    """Whether Keras, as already imported, defines ``module.name``: nothing is imported by name."""
    modules = LEGACY_MODULES if module == LEGACY else (module,)
    found = [getattr(sys.modules.get(m), name, None) for m in modules]
    return any(f is not None and (isinstance(f, type) or callable(f)) for f in found)


@dataclass(frozen=True, eq=False)
class Flat:
    """One layer as the page lists it, with its input and output in the model's own graph."""

    name: str
    """The layer's name; inside a nested model, its path (``block/conv``)."""
    layer: keras.layers.Layer
    input: Any
    """The symbolic tensor it reads, or None (an input layer, several inputs)."""
    output: Any


@layer_work
def flatten(model: keras.Model) -> list[Flat]:
    """Every layer of ``model``, a nested model's own layers right after its row.

    Keras returns a nested model's layers' outputs in the nested model's own
    graph, which the outer inputs do not reach; calling them again (same
    weights) on the tensor the outer model feeds the nested one does.
    """
    out: list[Flat] = []
    for layer in model.layers:
        given = _first(layer, "input")
        out.append(Flat(layer.name, layer, _single(given), _first(layer, "output")))
        if isinstance(layer, keras.Model) and given is not None:
            _inside(layer, given, f"{layer.name}/", out)
    return out


def _first(layer: keras.layers.Layer, what: str) -> Any:
    """The tensor(s) of the first call of ``layer`` in its model (a model's own ``input``
    is that of its inner graph, hence :class:`keras.Operation`'s); None if there is none."""
    try:
        return getattr(keras.Operation, what).fget(layer)
    except (AttributeError, ValueError):
        return None


def _single(tensors: Any) -> Any:
    return None if isinstance(tensors, list | tuple | dict) else tensors


def _inside(model: keras.Model, x: Any, path: str, out: list[Flat]) -> Any:
    """``model``'s layers called on ``x``, each recorded in ``out``; the model's output."""
    if isinstance(model, keras.Sequential):
        for layer in model.layers:
            x = _call(layer, f"{path}{layer.name}", out, x)
        return x
    # Keras's own walk of a Functional graph (what Functional.call runs), recording each layer.
    return model._run_through_graph(x, lambda op: partial(_call, op, f"{path}{op.name}", out))


def _call(layer: keras.layers.Layer, name: str, out: list[Flat], *args: Any, **kwargs: Any) -> Any:
    at = len(out)
    out.append(Flat(name, layer, None, None))  # the nested model's row before its layers
    if isinstance(layer, keras.Model):
        result = _inside(layer, args[0], f"{name}/", out)
    else:
        result = layer(*args, **kwargs)
    out[at] = Flat(name, layer, _single(args[0]) if len(args) == 1 else None, result)
    return result


@dataclass(frozen=True)
class Activations:
    """One input through the model: each shown layer's output as (steps, channels)."""

    outputs: dict[str, np.ndarray]
    length: int
    """Steps of the input (token positions for text): what the receptive fields are traced on."""
    labels: list[str]
    """Per input step, what it holds: a word (∅ for padding) or the step's number."""
    ids: np.ndarray | None
    """Token ids of a text input, as the model saw them."""
    oov: np.ndarray | None = None
    """Per token position of a text input: a word the vocabulary does not have (its id is the
    out-of-vocabulary id, its label the word as typed)."""


@dataclass(frozen=True, eq=False)
class OwnModel:
    """A loaded model and what the page needs of it: kind, layers, a multi-output twin."""

    model: keras.Model
    digest: str
    name: str
    checked: inspect.Checked

    @cached_property
    def graph(self) -> list[receptive.Node]:
        return graph(self.checked.config)

    @cached_property
    def vectorizer(self) -> keras.layers.TextVectorization | None:
        found = [
            layer
            for layer in self.model.layers
            if isinstance(layer, keras.layers.TextVectorization)
        ]
        return found[0] if found else None

    @property
    def input_shape(self) -> tuple[int | None, ...]:
        return tuple(self.model.inputs[0].shape)

    @cached_property
    def kind(self) -> str:
        """ "text" (its own TextVectorization), "ids" (token ids into an Embedding), "signal"."""
        if self.vectorizer is not None:
            return "text"
        if "int" in str(self.model.inputs[0].dtype) or any(
            isinstance(layer, keras.layers.Embedding) for layer in self.model.layers[:2]
        ):
            return "ids"
        return "signal"

    @cached_property
    def channels_first(self) -> bool:
        """Whether the model reads (batch, channels, steps): its first Conv1D says so."""
        convs = [f.layer.get_config() for f in self.conv_layers]
        return bool(convs) and convs[0].get("data_format") == "channels_first"

    @property
    def signal_shape(self) -> tuple[int | None, int]:
        """(steps, channels) of a signal input; steps None when the model takes any length."""
        shape = self.input_shape
        if len(shape) != 3:
            return shape[1], 1
        return (shape[2], int(shape[1] or 1)) if self.channels_first else (shape[1], shape[2] or 1)

    def arranged(self, signal: np.ndarray) -> np.ndarray:
        """A (steps, channels) signal in the order the model reads it."""
        if len(self.input_shape) != 3:
            return signal[:, 0]
        return signal.T if self.channels_first else signal

    def fit(self, array: np.ndarray, source: str) -> Prepared:
        """``array`` held to the model's input (:func:`convlab.ownmodel.inputs.fit`): ids kept
        for a model of token ids, the steps axis as the model reads it."""
        ids, first = self.kind == "ids", self.channels_first
        x = inputs.fit(array, self.input_shape, ids=ids, channels_first=first)
        return Prepared(x, x[0].astype(np.int64) if ids else None, source, channels_first=first)

    @cached_property
    def vocabulary(self) -> list[str] | None:
        """Words by id: the model's TextVectorization's, or convlab's stored beside the model."""
        if self.vectorizer is not None:
            return [str(word) for word in self.vectorizer.get_vocabulary()]
        meta = self.checked.meta
        return [str(word) for word in meta["vocabulary"]] if meta else None

    @cached_property
    def layers(self) -> list[Flat]:
        """Every layer, nested models opened (:func:`flatten`); built once, under the guard."""
        return flatten(self.model)

    def layer(self, name: str) -> keras.layers.Layer:
        """The layer named ``name`` (a path inside a nested model)."""
        return next(flat.layer for flat in self.layers if flat.name == name)

    @property
    def nested(self) -> bool:
        """Whether some layer is a model of its own."""
        return any("/" in flat.name for flat in self.layers)

    @cached_property
    def conv_layers(self) -> list[Flat]:
        return [flat for flat in self.layers if type(flat.layer).__name__ == "Conv1D"]

    @cached_property
    def shown(self) -> list[Flat]:
        """The Conv1D layers and, after the first, every layer between that keeps a steps axis."""
        if not self.conv_layers:
            return []
        first = self.layers.index(self.conv_layers[0])
        return [
            flat
            for flat in self.layers[first:]
            if type(flat.layer).__name__ in STEP_LAYERS and len(flat.output.shape) == 3
        ]

    @cached_property
    def extractor(self) -> keras.Model:
        """The code the page shows: one model from the same inputs to every shown layer."""
        return keras.Model(self.model.inputs, [flat.output for flat in self.shown])

    @cached_property
    def layer_infos(self) -> list[LayerInfo]:
        """Every layer as the shape table reads it, numbers from the built model."""
        infos = []
        for flat in self.layers:
            layer = flat.layer
            kernel = getattr(layer, "kernel", None)
            shape = getattr(flat.output, "shape", ())
            infos.append(
                LayerInfo(
                    name=flat.name,
                    class_name=type(layer).__name__,
                    output_shape=tuple(shape),
                    params=int(layer.count_params()) if layer.built else 0,
                    config=layer.get_config(),
                    kernel_shape=tuple(kernel.shape) if kernel is not None else None,
                    input_shape=tuple(flat.input.shape) if flat.input is not None else None,
                )
            )
        return infos

    @layer_work
    def run(self, prepared: Prepared) -> Activations:
        """Every shown layer's output for one prepared input, in one forward pass."""
        x = tf.constant(prepared.x) if prepared.x.dtype.kind in "OU" else prepared.x
        try:
            outputs = self.extractor([x], training=False)
        except tf.errors.UnimplementedError as err:  # NCW kernels: oneDNN has them, plain TF not
            if not self.channels_first:
                raise
            names = ", ".join(f.name for f in self.conv_layers)
            raise InputError("own.channels_first_cpu", layers=names) from err
        outputs = [outputs] if not isinstance(outputs, list | tuple) else outputs
        arrays = [np.asarray(out)[0] for out in outputs]
        ids = prepared.ids
        by_layer = {}
        for flat, array in zip(self.shown, arrays, strict=True):
            if channels_first(flat.layer.get_config(), self.channels_first):
                array = array.T
            by_layer[flat.name] = array
        if ids is None:
            return Activations(by_layer, prepared.steps, self._steps(prepared), None)
        labels, oov = self.words(ids, prepared.tokens)
        return Activations(by_layer, prepared.steps, labels, ids, oov)

    @staticmethod
    def _steps(prepared: Prepared) -> list[str]:
        return [str(step) for step in range(prepared.steps)]

    def words(self, ids: np.ndarray, typed: tuple[str, ...]) -> tuple[list[str], np.ndarray]:
        """Each position's label, and whether it is out of vocabulary.

        A word the vocabulary has is labelled by its entry; an unknown one by the
        word as typed (its id, the OOV id, says nothing of which word it was);
        padding by ∅.
        """
        words = self.vocabulary or []
        labels, oov = [], []
        for at, i in enumerate(ids.tolist()):
            known = words[i] if 0 <= i < len(words) else f"#{i}"
            given = typed[at] if at < len(typed) else None
            labels.append(PAD_MARK if i == 0 else (given or known))
            oov.append(i != 0 and given is not None and given != known)
        return labels, np.array(oov, bool)

    def encode(self, sentence: str) -> Prepared:
        """A sentence as this model takes it: raw text for its TextVectorization, else ids."""
        if self.vectorizer is not None:
            rank = len(self.input_shape)
            x = np.array([[sentence]] if rank == 2 else [sentence], dtype=object)
            ids = np.asarray(self.vectorizer(tf.constant(x)))[0].astype(np.int64)
            return Prepared(x, ids, "sentence", self._split(x))
        if self.kind != "ids" or self.vocabulary is None:
            raise InputError("own.no_vocabulary")
        index = {word: i for i, word in enumerate(self.vocabulary)}
        tokens = tokenize(sentence)[:MAX_TOKENS]
        if not tokens:
            raise InputError("own.empty_sentence")
        steps = self.input_shape[1]
        meta = self.checked.meta or {}
        width = steps or max(int(meta.get("length") or 0), len(tokens))
        ids = np.zeros(width, np.int32)
        kept = [index.get(token, 1) for token in tokens[:width]]
        ids[: len(kept)] = kept
        return Prepared(ids[None, :], ids.astype(np.int64), "sentence", tuple(tokens[:width]))

    @layer_work
    def _split(self, x: np.ndarray) -> tuple[str, ...]:
        """The words the model's own TextVectorization makes of ``x``, before it looks them up:
        its standardisation, split and n-grams (Keras's own step, private but the layer's)."""
        words = self.vectorizer._preprocess(tf.constant(x))  # type: ignore[union-attr]
        return tuple(w.decode("utf-8", "replace") for w in np.atleast_1d(words[0].numpy()))


@layer_work
def safe_load(raw: bytes, suffix: str, key: str) -> keras.Model:
    """Keras's own loader on checked bytes, in safe mode; its failure as InputError ``key``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"model{suffix}"
        path.write_bytes(raw)
        try:
            return keras.saving.load_model(path, compile=False, safe_mode=True)
        except Exception as err:  # any failure inside Keras means "unreadable"
            reason = str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err)
            raise InputError(key, reason=str(reason)) from err


def load(raw: bytes, name: str) -> OwnModel:
    """A model from untrusted bytes, checked, then loaded by Keras in safe mode; else InputError."""
    checked = inspect.read(raw, known, name)
    model = safe_load(raw, checked.suffix, "own.unreadable")
    if len(model.inputs) != 1:
        raise InputError("own.inputs", count=len(model.inputs), names="")
    return OwnModel(model, hashlib.sha256(raw).hexdigest(), name, checked)


def load_file(path: Path | str) -> OwnModel:
    """:func:`load` for a file on this machine; the size is checked before it is read."""
    path = Path(path)
    if not path.is_file():
        raise InputError("own.no_file", path=str(path))
    inspect.archive.check_size(path.stat().st_size)
    return load(path.read_bytes(), path.name)
