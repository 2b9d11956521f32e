"""A visitor's own Keras model: loaded only after the checks, run once per input for every layer.

Importing this module imports TensorFlow. :func:`load` lets Keras read a file
only once :func:`convlab.ownmodel.inspect.read` has passed it, and then in
safe mode; classes are looked up in Keras's already imported modules, never
imported by a name from the file. :meth:`OwnModel.run` gets every shown
layer's output in one call of one extra ``keras.Model`` over the same layers
(the code the page shows), so a new sentence costs one forward pass.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from convlab.errors import InputError
from convlab.keras_runtime import keras, layer_work, tf
from convlab.ownmodel import inspect, receptive
from convlab.ownmodel.config import LEGACY, graph
from convlab.ownmodel.inputs import Prepared
from convlab.ownmodel.table import LayerInfo
from convlab.textcnn.mining import PAD_MARK
from convlab.tokenize import MAX_TOKENS, tokenize

STEP_LAYERS = frozenset({"Conv1D", *receptive.KEEP_STEPS, *receptive.WINDOWS}) - {
    "InputLayer",
    "TextVectorization",
    "Embedding",
}
"""Layers whose activations get a heatmap once the first Conv1D has run."""


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
    def vocabulary(self) -> list[str] | None:
        """Words by id: the model's TextVectorization's, or convlab's stored beside the model."""
        if self.vectorizer is not None:
            return [str(word) for word in self.vectorizer.get_vocabulary()]
        meta = self.checked.meta
        return [str(word) for word in meta["vocabulary"]] if meta else None

    @cached_property
    def conv_layers(self) -> list[keras.layers.Layer]:
        return [layer for layer in self.model.layers if type(layer).__name__ == "Conv1D"]

    @cached_property
    def shown(self) -> list[keras.layers.Layer]:
        """The Conv1D layers and, after the first, every layer between that keeps a steps axis."""
        if not self.conv_layers:
            return []
        first = self.model.layers.index(self.conv_layers[0])
        return [
            layer
            for layer in self.model.layers[first:]
            if type(layer).__name__ in STEP_LAYERS and len(layer.output.shape) == 3
        ]

    @cached_property
    def extractor(self) -> keras.Model:
        """The code the page shows: one model from the same inputs to every shown layer."""
        return keras.Model(self.model.inputs, [layer.output for layer in self.shown])

    @cached_property
    def layer_infos(self) -> list[LayerInfo]:
        """Every layer as the shape table reads it, numbers from the built model."""
        infos = []
        for layer in self.model.layers:
            kernel = getattr(layer, "kernel", None)
            shape = layer.output.shape if hasattr(layer, "output") else ()
            infos.append(
                LayerInfo(
                    name=layer.name,
                    class_name=type(layer).__name__,
                    output_shape=tuple(shape),
                    params=int(layer.count_params()) if layer.built else 0,
                    config=layer.get_config(),
                    kernel_shape=tuple(kernel.shape) if kernel is not None else None,
                    input_shape=tuple(layer.input.shape) if _has_input(layer) else None,
                )
            )
        return infos

    @layer_work
    def run(self, prepared: Prepared) -> Activations:
        """Every shown layer's output for one prepared input, in one forward pass."""
        x = tf.constant(prepared.x) if prepared.x.dtype.kind in "OU" else prepared.x
        outputs = self.extractor([x], training=False)
        outputs = [outputs] if not isinstance(outputs, list | tuple) else outputs
        arrays = [np.asarray(out)[0] for out in outputs]
        ids = prepared.ids
        by_layer = {}
        for layer, array in zip(self.shown, arrays, strict=True):
            if layer.get_config().get("data_format") == "channels_first":
                array = array.T
            by_layer[layer.name] = array
        return Activations(by_layer, prepared.steps, self._labels(ids, prepared), ids)

    def _labels(self, ids: np.ndarray | None, prepared: Prepared) -> list[str]:
        if ids is None:
            return [str(step) for step in range(prepared.x.shape[1])]
        words = self.vocabulary or []
        return [
            PAD_MARK if i == 0 else (words[i] if 0 <= i < len(words) else f"#{i}")
            for i in ids.tolist()
        ]

    def encode(self, sentence: str) -> Prepared:
        """A sentence as this model takes it: raw text for its TextVectorization, else ids."""
        if self.vectorizer is not None:
            rank = len(self.input_shape)
            x = np.array([[sentence]] if rank == 2 else [sentence], dtype=object)
            ids = np.asarray(self.vectorizer(tf.constant(x)))[0].astype(np.int64)
            return Prepared(x, ids, "sentence")
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
        return Prepared(ids[None, :], ids.astype(np.int64), "sentence")


def _has_input(layer: keras.layers.Layer) -> bool:
    try:
        return not isinstance(layer.input, list)
    except (AttributeError, ValueError):
        return False


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
