"""A pasted Keras model, read with :mod:`ast` and never run: its layers, in order, as data.

Learners paste model code from forums. This module accepts three shapes of it:

* ``keras.Sequential([keras.Input(shape=(None, 300)), layers.Conv1D(64, 3), ...])``;
* ``model = Sequential()`` followed by ``model.add(...)`` lines;
* a functional chain, ``x = layers.Conv1D(64, 3)(x)``, with ``Concatenate()([a, b])``.

Only the layer classes in :data:`LAYERS` are accepted, called by name or
through ``keras.``/``layers.``/``tf.keras.`` and with literal arguments
(numbers, strings, True/False/None, tuples and lists of those). Anything
else is named and refused: the text is only ever parsed, and what comes out
is plain data (class names and literal values). Keras 1 names go through
:mod:`convlab.shapelab.keras1` first, and what it changed is kept.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from convlab.errors import InputError
from convlab.shapelab import keras1

MAX_CHARS = keras1.MAX_CHARS
MAX_LAYERS = 60
"""More layers than a forum post holds; the Keras check of each costs milliseconds."""

POOLING = {
    "MaxPooling1D": 1,
    "MaxPooling2D": 2,
    "AveragePooling1D": 1,
    "AveragePooling2D": 2,
    "MaxPool1D": 1,
    "MaxPool2D": 2,
    "AvgPool1D": 1,
    "AvgPool2D": 2,
}
"""Pooling layers and their number of spatial axes (the short names are Keras's aliases)."""
GLOBAL_POOLING = frozenset(
    f"Global{kind}{rank}D"
    for kind in ("MaxPooling", "AveragePooling", "MaxPool", "AvgPool")
    for rank in (1, 2)
)
LAYERS = frozenset(
    {
        "Input",
        "Embedding",
        "Conv1D",
        "Conv2D",
        "Conv1DTranspose",
        "Conv2DTranspose",
        "Flatten",
        "Dense",
        "Dropout",
        "SpatialDropout1D",
        "Activation",
        "BatchNormalization",
        "Reshape",
        "Permute",
        "ZeroPadding1D",
        "ZeroPadding2D",
        "Cropping1D",
        "Cropping2D",
        "Concatenate",
        "LSTM",
        "GRU",
        *POOLING,
        *GLOBAL_POOLING,
    }
)
"""The Keras 3 classes a paste may use (a test checks each exists in keras.layers)."""

KERAS2_LAYER_MODULES = frozenset(
    {"core", "convolutional", "pooling", "recurrent", "embeddings", "normalization", "merge"}
)
"""Keras 1 and 2's submodules of ``keras.layers``, which old code names in full
(``keras.layers.pooling.MaxPooling1D``): the same classes as ``keras.layers``'s."""
OWNERS = frozenset({"keras", "layers", "tf", "models", *KERAS2_LAYER_MODULES})
"""Names allowed before a class: ``keras.layers.Dense``, ``tf.keras.layers.Dense``..."""
MODELS = frozenset({"Sequential", "Model"})
IMPORTS = ("keras", "tensorflow")
"""Import lines from these packages are skipped; any other import is refused."""

EXAMPLES = {
    "image": (
        "model = Sequential()\n"
        "model.add(Conv2D(10, (8, 8), padding='same', activation='relu', "
        "input_shape=(1, 32, 32)))\n"
        "model.add(MaxPooling2D((2, 2)))\n"
        "model.add(Flatten())\n"
        "model.add(Dense(10, activation='softmax'))\n"
    ),
    "image_fix": (
        "model = Sequential()\n"
        "model.add(Conv2D(10, (8, 8), padding='same', activation='relu', "
        "input_shape=(32, 32, 1)))\n"
        "model.add(MaxPooling2D((2, 2)))\n"
        "model.add(Flatten())\n"
        "model.add(Dense(10, activation='softmax'))\n"
    ),
    "text": (
        "inputs = keras.Input(shape=(None,))\n"
        "x = layers.Embedding(20000, 300)(inputs)\n"
        "a = layers.Conv1D(100, 3, activation='relu')(x)\n"
        "b = layers.Conv1D(100, 4, activation='relu')(x)\n"
        "c = layers.Conv1D(100, 5, activation='relu')(x)\n"
        "a = layers.GlobalMaxPooling1D()(a)\n"
        "b = layers.GlobalMaxPooling1D()(b)\n"
        "c = layers.GlobalMaxPooling1D()(c)\n"
        "x = layers.Concatenate()([a, b, c])\n"
        "x = layers.Dropout(0.5)(x)\n"
        "outputs = layers.Dense(2, activation='softmax')(x)\n"
        "model = keras.Model(inputs, outputs)\n"
    ),
}
"""Models to load with one click: the image pitfall as pasted and fixed, and Kim's text CNN."""

Literal = int | float | str | bool | None | tuple["Literal", ...] | list["Literal"]


@dataclass(frozen=True)
class Layer:
    """One layer call: the class, its literal arguments, and which earlier layers feed it."""

    cls: str
    args: tuple[Literal, ...]
    kwargs: tuple[tuple[str, Literal], ...]
    inputs: tuple[int, ...]
    """Indices into :attr:`Pasted.layers`; empty for an Input."""

    @property
    def options(self) -> dict[str, Literal]:
        return dict(self.kwargs)

    def code(self) -> str:
        """The call as Keras 3 code, literal values as Python prints them."""
        args = [repr(arg) for arg in self.args]
        args += [f"{name}={value!r}" for name, value in self.kwargs]
        return f"{self.cls}({', '.join(args)})"


@dataclass(frozen=True)
class Pasted:
    """The model's layers in the order they were written, Inputs included."""

    layers: tuple[Layer, ...]
    changes: tuple[tuple[str, str], ...] = field(default=())
    """What the Keras 1 translator changed before reading, (old, new)."""
    notes: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = field(default=())
    """The translator's notes, (catalogue key, fields), e.g. the Conv2D(64, 3, 3) trap."""


def parse(text: str) -> Pasted:
    """The layers of pasted model code; InputError naming the first thing that is not allowed."""
    translation = keras1.translate(text)  # empty, too long, not Python: refused there
    if translation.unknown:
        raise InputError("err.paste_unknown", text=translation.unknown[0][:80])
    tree = ast.parse(translation.code)
    reader = _Reader()
    for statement in tree.body:
        reader.statement(statement)
    if not reader.layers:
        raise InputError("err.paste_no_layers")
    notes = tuple(
        (key, tuple((name, str(value)) for name, value in params.items()))
        for key, params in translation.notes
    )
    return Pasted(tuple(reader.layers), tuple(translation.changes), notes)


class _Reader:
    """Walks the module's statements, collecting layers; refuses anything it does not know."""

    def __init__(self) -> None:
        self.layers: list[Layer] = []
        self.names: dict[str, int] = {}
        """Variable → index of the layer whose output it holds (functional code)."""
        self.sequential: set[str] = set()
        """Variables holding a Sequential() that model.add(...) appends to."""

    def statement(self, node: ast.stmt) -> None:
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            if all(module.split(".")[0] in IMPORTS for module in modules):
                return
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                self.assign(target.id, node.value)
                return
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            self.expression(node.value)
            return
        raise _refused(node)

    def assign(self, name: str, value: ast.expr) -> None:
        if not isinstance(value, ast.Call):
            raise _refused(value)
        model = _model_class(value.func)
        if model == "Sequential":
            self.sequential_model(value)
            self.sequential.add(name)
        elif model == "Model":
            self.functional_model(value)
        else:
            self.names[name] = self.output(value)

    def expression(self, call: ast.Call) -> None:
        """``model.add(layer)``, ``keras.Sequential([...])`` or ``model.summary()`` alone."""
        func = call.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if func.value.id in self.sequential and func.attr == "add" and len(call.args) == 1:
                self.append(call.args[0])
                return
            if func.value.id in self.sequential | set(self.names) and func.attr == "summary":
                return
        if _model_class(func) == "Sequential":
            self.sequential_model(call)
            return
        raise _refused(call)

    def sequential_model(self, call: ast.Call) -> None:
        """``Sequential()``, ``Sequential([...])``; a ``name=`` is read and left out."""
        for kw in call.keywords:
            if kw.arg != "name":
                raise _refused(call)
            _literal(kw.value)
        if len(call.args) > 1:
            raise _refused(call)
        if call.args:
            listed = call.args[0]
            if not isinstance(listed, ast.List | ast.Tuple):
                raise _refused(listed)
            for item in listed.elts:
                self.append(item)

    def functional_model(self, call: ast.Call) -> None:
        """``keras.Model(inputs, outputs)``: every name it mentions must be a layer's output."""
        for node in [*call.args, *(kw.value for kw in call.keywords)]:
            for part in node.elts if isinstance(node, ast.List | ast.Tuple) else [node]:
                if not (isinstance(part, ast.Name) and part.id in self.names):
                    raise _refused(part)

    def append(self, node: ast.expr) -> None:
        """A layer in a Sequential: fed by the layer before it."""
        if not isinstance(node, ast.Call):
            raise _refused(node)
        cls = self.layer_class(node.func)
        inputs = () if cls == "Input" or not self.layers else (len(self.layers) - 1,)
        self.add(node, cls, inputs)

    def output(self, node: ast.Call) -> int:
        """``Input(...)``, ``Layer(...)(x)`` or ``Concatenate()([a, b])``: the new layer's index."""
        if isinstance(node.func, ast.Call):  # Layer(...)(inputs)
            if len(node.args) != 1 or node.keywords:
                raise _refused(node)
            feeds = node.args[0]
            parts = feeds.elts if isinstance(feeds, ast.List | ast.Tuple) else [feeds]
            inputs = []
            for part in parts:
                if not (isinstance(part, ast.Name) and part.id in self.names):
                    raise _refused(part)
                inputs.append(self.names[part.id])
            return self.add(node.func, self.layer_class(node.func.func), tuple(inputs))
        if self.layer_class(node.func) != "Input":
            raise _refused(node)
        return self.add(node, "Input", ())

    def add(self, call: ast.Call, cls: str, inputs: tuple[int, ...]) -> int:
        if len(self.layers) >= MAX_LAYERS:
            raise InputError("err.paste_too_many", most=MAX_LAYERS)
        args = tuple(_literal(arg) for arg in call.args)
        kwargs = []
        for kw in call.keywords:
            if kw.arg is None:
                raise _refused(kw.value)
            kwargs.append((kw.arg, _literal(kw.value)))
        self.layers.append(Layer(cls, args, tuple(kwargs), inputs))
        return len(self.layers) - 1

    def layer_class(self, func: ast.expr) -> str:
        name = _dotted(func)
        if name is None or name[-1] not in LAYERS or not set(name[:-1]) <= OWNERS:
            raise InputError("err.paste_call", name=ast.unparse(func)[:80])
        return name[-1]


def _dotted(func: ast.expr) -> list[str] | None:
    """``tf.keras.layers.Dense`` → ["tf", "keras", "layers", "Dense"]; None if not plain names."""
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if not isinstance(func, ast.Name):
        return None
    return [func.id, *reversed(parts)]


def _model_class(func: ast.expr) -> str | None:
    name = _dotted(func)
    if name and name[-1] in MODELS and set(name[:-1]) <= OWNERS:
        return name[-1]
    return None


def _literal(node: ast.expr) -> Literal:
    """A literal argument's value, read from the tree (never evaluated); InputError otherwise."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float | str | bool | None):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = _literal(node.operand)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.Tuple):
        return tuple(_literal(item) for item in node.elts)
    if isinstance(node, ast.List):
        return [_literal(item) for item in node.elts]
    raise InputError("err.paste_argument", text=ast.unparse(node)[:80])


def _refused(node: ast.AST) -> InputError:
    """What is not a model, named by its first line (after the Keras 1 translation)."""
    return InputError("err.paste_statement", text=ast.unparse(node).splitlines()[0][:80])
