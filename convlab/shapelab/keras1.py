"""Keras 1 convolution code, as old tutorials print it, rewritten for Keras 3.

The pasted text is parsed with :mod:`ast` (never evaluated), every Keras 1
name is mapped, values are kept as written, and the call is printed again
with :func:`ast.unparse`. An argument Keras 3 has no name for is listed,
never silently dropped. The tables below are the whole mapping; the page
shows them as they are.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from convlab.errors import InputError

MAX_CHARS = 5000
EXAMPLE = (
    "Convolution2D(nb_filter=10, nb_row=8, nb_col=8, subsample=(1, 1), "
    "border_mode='same', activation='relu')"
)

CLASSES = {
    "Convolution1D": "Conv1D",
    "Convolution2D": "Conv2D",
    "Convolution3D": "Conv3D",
    "AtrousConvolution1D": "Conv1D",
    "AtrousConvolution2D": "Conv2D",
}
"""Keras 1 layer → Keras 3 layer. Atrous (dilated) layers became a dilation_rate."""

_COMMON = ("init", "activation", "weights", "border_mode")
_REGULARISED = (
    "W_regularizer",
    "b_regularizer",
    "activity_regularizer",
    "W_constraint",
    "b_constraint",
    "bias",
)
POSITIONAL = {
    "Convolution1D": (
        "nb_filter",
        "filter_length",
        *_COMMON,
        "subsample_length",
        *_REGULARISED,
        "input_dim",
        "input_length",
    ),
    "AtrousConvolution1D": (
        "nb_filter",
        "filter_length",
        *_COMMON,
        "subsample_length",
        "atrous_rate",
        *_REGULARISED,
    ),
    "Convolution2D": (
        "nb_filter",
        "nb_row",
        "nb_col",
        *_COMMON,
        "subsample",
        "dim_ordering",
        *_REGULARISED,
    ),
    "AtrousConvolution2D": (
        "nb_filter",
        "nb_row",
        "nb_col",
        *_COMMON,
        "subsample",
        "atrous_rate",
        "dim_ordering",
        *_REGULARISED,
    ),
    "Convolution3D": (
        "nb_filter",
        "kernel_dim1",
        "kernel_dim2",
        "kernel_dim3",
        *_COMMON,
        "subsample",
        "dim_ordering",
        *_REGULARISED,
    ),
}
"""Keras 1.2 constructor order, so that ``Convolution1D(64, 3)`` maps like keywords do."""

_POOLING_1D = ("pool_length", "stride", "border_mode")
_POOLING_2D = ("pool_size", "strides", "border_mode", "dim_ordering")
POOLING = {
    "MaxPooling1D": _POOLING_1D,
    "AveragePooling1D": _POOLING_1D,
    "MaxPooling2D": _POOLING_2D,
    "AveragePooling2D": _POOLING_2D,
    "GlobalMaxPooling2D": ("dim_ordering",),
    "GlobalAveragePooling2D": ("dim_ordering",),
}
"""Keras 1.2 pooling layers and their constructor order.

Keras 3 kept the class names and the order (pool_size, strides, padding,
data_format; a test checks it), so positional values stay where they are
and only keyword names and 'th'/'tf' change. No class is renamed.
"""

ARGUMENTS = {
    "nb_filter": "filters",
    "filter_length": "kernel_size",
    "subsample": "strides",
    "subsample_length": "strides",
    "border_mode": "padding",
    "dim_ordering": "data_format",
    "image_dim_ordering": "data_format",
    "atrous_rate": "dilation_rate",
    "init": "kernel_initializer",
    "W_regularizer": "kernel_regularizer",
    "b_regularizer": "bias_regularizer",
    "W_constraint": "kernel_constraint",
    "b_constraint": "bias_constraint",
    "bias": "use_bias",
    "pool_length": "pool_size",
    "stride": "strides",
}
"""Keras 1 argument → Keras 3 argument, value kept."""

KERNEL_PARTS = (("nb_row", "nb_col"), ("kernel_dim1", "kernel_dim2", "kernel_dim3"))
"""Arguments that together become one ``kernel_size`` tuple, in this order."""
INPUT_PARTS = ("input_length", "input_dim")
"""Convolution1D's ``input_length`` and ``input_dim`` become ``input_shape=(length, dim)``."""

DATA_FORMATS = {"th": "channels_first", "tf": "channels_last", "default": None}
"""Keras 1 dim_ordering value → Keras 3 data_format value (None: the configured default)."""

FUNCTIONS = {
    "set_image_dim_ordering": "set_image_data_format",
    "image_dim_ordering": "image_data_format",
}
"""keras.backend functions, and the keras.json key, that were renamed with the values above."""

_LAYER_ARGUMENTS = ("activity_regularizer", "name", "dtype", "trainable", "autocast", "input_shape")
"""What every Keras 3 layer accepts (keras.layers.Layer), and input_shape on a first layer."""
KERAS3_ARGUMENTS = frozenset(
    {
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "dilation_rate",
        "groups",
        "activation",
        "use_bias",
        "kernel_initializer",
        "bias_initializer",
        "kernel_regularizer",
        "bias_regularizer",
        "kernel_constraint",
        "bias_constraint",
        *_LAYER_ARGUMENTS,
    }
)
"""What keras.layers.ConvND(...) accepts (a test compares it with Keras's signature)."""
KERAS3_POOLING_ARGUMENTS = frozenset(
    {"pool_size", "strides", "padding", "data_format", "keepdims", *_LAYER_ARGUMENTS}
)
"""What Keras 3's pooling layers accept, Global ones (keepdims) included."""
KERAS3_LAYERS = frozenset(CLASSES.values())
TRAP_LAYER = "Conv2D"
"""Its Keras 1 ancestor took (filters, rows, cols): in Keras 3 a third number means strides."""


def mapping() -> list[tuple[str, str]]:
    """Every (Keras 1, Keras 3) pair this module applies, for the page's table."""
    kernel = [(" + ".join(parts), "kernel_size") for parts in KERNEL_PARTS]
    values = [(f"'{old}'", repr(new)) for old, new in DATA_FORMATS.items()]
    return [
        *CLASSES.items(),
        *ARGUMENTS.items(),
        *kernel,
        (" + ".join(INPUT_PARTS), "input_shape"),
        *values,
        *FUNCTIONS.items(),
    ]


@dataclass
class Translation:
    """The Keras 3 code and what was done to get it."""

    code: str
    changes: list[tuple[str, str]] = field(default_factory=list)
    """(Keras 1 text, Keras 3 text) for every mapped name or argument, in order."""
    unknown: list[str] = field(default_factory=list)
    """Arguments Keras 3 has no name for, as written; they are left out of ``code``."""
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """(catalogue key, fields) for what the reader must check by hand."""


def translate(text: str) -> Translation:
    """Keras 3 code for pasted Keras 1 code; InputError if it is empty, too long or not Python."""
    if not text.strip():
        raise InputError("err.legacy_empty")
    if len(text) > MAX_CHARS:
        raise InputError("err.legacy_too_long", most=f"{MAX_CHARS:,}", chars=f"{len(text):,}")
    try:
        tree = ast.parse(text.strip())
        result = Translation(code="")
        tree = _Rewriter(result).visit(tree)
        result.code = ast.unparse(tree)
    except SyntaxError as err:
        raise InputError("err.legacy_syntax", line=err.lineno or 1, reason=err.msg) from None
    except (ValueError, RecursionError, MemoryError):
        raise InputError("err.legacy_syntax", line=1, reason="unreadable input") from None
    return result


def _name(func: ast.expr) -> str | None:
    """The called name: ``Conv2D`` in ``Conv2D(...)``, ``layers.Conv2D(...)`` or ``K.f(...)``."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _rename(func: ast.expr, new: str) -> ast.expr:
    """``func`` calling ``new``; ``keras.layers.convolutional.X`` becomes ``keras.layers.X``."""
    if isinstance(func, ast.Name):
        return ast.Name(new, ast.Load())
    assert isinstance(func, ast.Attribute)
    owner = func.value
    if isinstance(owner, ast.Attribute) and owner.attr == "convolutional":
        owner = owner.value
    return ast.Attribute(owner, new, ast.Load())


class _Rewriter(ast.NodeTransformer):
    def __init__(self, result: Translation) -> None:
        self.result = result

    # Imports and keras.json -------------------------------------------------------

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.ImportFrom:
        old = ast.unparse(node)
        if node.module and node.module.startswith("keras.layers."):
            node.module = "keras.layers"
        for alias in node.names:
            alias.name = CLASSES.get(alias.name, alias.name)
        new = ast.unparse(node)
        if new != old:
            self._changed(old, new)
        return node

    def visit_Dict(self, node: ast.Dict) -> ast.Dict:
        self.generic_visit(node)
        for i, key in enumerate(node.keys):
            if isinstance(key, ast.Constant) and key.value == "image_dim_ordering":
                old = f"{ast.unparse(key)}: {ast.unparse(node.values[i])}"
                node.keys[i] = ast.Constant(FUNCTIONS["image_dim_ordering"])
                node.values[i] = self._data_format(node.values[i])
                self._changed(old, f"{ast.unparse(node.keys[i])}: {ast.unparse(node.values[i])}")
        return node

    # Calls ------------------------------------------------------------------------------

    def visit_Call(self, node: ast.Call) -> ast.Call:
        self.generic_visit(node)
        name = _name(node.func)
        if name in FUNCTIONS:
            old = ast.unparse(node)
            node.func = _rename(node.func, FUNCTIONS[name])
            node.args = [self._data_format(arg) for arg in node.args]
            self._changed(old, ast.unparse(node))
        elif name in CLASSES or name in KERAS3_LAYERS or name in POOLING:
            self._layer(node, name)
        return node

    def _layer(self, node: ast.Call, name: str) -> None:
        if name in CLASSES:
            node.func = _rename(node.func, CLASSES[name])
            self._changed(name, CLASSES[name])
            arguments = self._positional(node.args, POSITIONAL[name]) + node.keywords
            node.args = []
            node.keywords = self._keywords(arguments, KERAS3_ARGUMENTS)
            return
        if name in POOLING:
            node.args = self._pooling_positional(node.args, POOLING[name])
            accepted = KERAS3_POOLING_ARGUMENTS
        else:
            self._positional_trap(node, name)
            accepted = KERAS3_ARGUMENTS
        old = {kw.arg: ast.unparse(kw.value) for kw in node.keywords if kw.arg in ARGUMENTS}
        if old:  # the name is Keras 3's too, and Keras 3 refuses the old keywords
            refused = ", ".join(f"'{arg}': {value}" for arg, value in old.items())
            self._note("keras1.note_unrecognized", layer=name, args=f"{{{refused}}}")
        node.keywords = self._keywords(node.keywords, accepted)

    def _pooling_positional(self, args: list[ast.expr], names: tuple[str, ...]) -> list[ast.expr]:
        """Pooling values in Keras 1's order, kept in place: only a 'th'/'tf' value changes.

        Keras 3 reads the same positions with the new names, so
        ``MaxPooling1D(2, 1)`` means pool_size=2, strides=1 in both, and
        Keras 3 code passes through unchanged.
        """
        out = []
        for i, arg in enumerate(args):
            value = _constant(arg)
            if i < len(names) and names[i] == "dim_ordering" and value in DATA_FORMATS:
                new = ast.Constant(DATA_FORMATS[value])
                self._changed(ast.unparse(arg), ast.unparse(new))
                arg = new
            out.append(arg)
        return out

    def _positional_trap(self, node: ast.Call, name: str) -> None:
        """``Conv2D(64, 3, 3)``: legal Keras 3, where the third argument is strides.

        Keras 1's ``Convolution2D(64, 3, 3)`` and Keras 2's legacy support
        read it as a 3×3 kernel; Keras 3 silently makes a 3-wide kernel with
        strides 3. The call is kept as written (it runs), and the reader is told.
        """
        numbers = [_constant(arg) for arg in node.args[1:3]]
        if name == TRAP_LAYER and len(node.args) == 3 and all(isinstance(n, int) for n in numbers):
            self._note(
                "keras1.note_positional",
                call=ast.unparse(node),
                filters=ast.unparse(node.args[0]),
                k=numbers[0],
                s=numbers[1],
            )

    def _positional(self, args: list[ast.expr], names: tuple[str, ...]) -> list[ast.keyword]:
        keywords = []
        for i, arg in enumerate(args):
            if isinstance(arg, ast.Starred) or i >= len(names):
                self.result.unknown.append(ast.unparse(arg))
            else:
                keywords.append(ast.keyword(names[i], arg))
        return keywords

    def _keywords(
        self, arguments: list[ast.keyword], accepted: frozenset[str]
    ) -> list[ast.keyword]:
        """Keras 3 keywords, in the order written; kernel and input parts fused in place.

        ``accepted`` is what the Keras 3 layer takes; anything else is listed as unknown.
        """
        given = {kw.arg: kw.value for kw in arguments if kw.arg}
        out: list[ast.keyword] = []
        for kw in arguments:
            if kw.arg is None:  # **options: kept, Keras 3 will judge them
                out.append(kw)
                continue
            new = self._keyword(kw, given, accepted)
            if new is None:
                continue
            if any(done.arg == new.arg for done in out):
                self.result.unknown.append(ast.unparse(kw))
            else:
                out.append(new)
        return out

    def _keyword(
        self, kw: ast.keyword, given: dict[str | None, ast.expr], accepted: frozenset[str]
    ) -> ast.keyword | None:
        name = kw.arg
        for parts in (*KERNEL_PARTS, INPUT_PARTS):
            fused = "input_shape" if parts == INPUT_PARTS else "kernel_size"
            if name in parts and fused in accepted:
                return self._fused(parts, given) if name == _first(parts, given) else None
        if ARGUMENTS.get(name) in accepted:  # e.g. no pool_size for a convolution
            value = self._data_format(kw.value) if ARGUMENTS[name] == "data_format" else kw.value
            new = ast.keyword(ARGUMENTS[name], value)
            self._changed(ast.unparse(kw), ast.unparse(new))
            if new.arg == "padding" and _constant(value) == "full":
                self._note("keras1.note_full")
            return new
        if name in accepted:
            return kw
        self.result.unknown.append(ast.unparse(kw))
        return None

    def _fused(self, parts: tuple[str, ...], given: dict[str | None, ast.expr]) -> ast.keyword:
        """One keyword for a group: kernel_size=(nb_row, nb_col) or input_shape=(length, dim)."""
        if parts == INPUT_PARTS:
            values = [given.get(part, ast.Constant(None)) for part in parts]
            new = ast.keyword("input_shape", ast.Tuple(values, ast.Load()))
            self._note("keras1.note_input_shape")
        else:
            missing = [part for part in parts if part not in given]
            for part in missing:
                self._note("keras1.note_missing", name=part)
            values = [given[part] for part in parts if part in given]
            new = ast.keyword("kernel_size", ast.Tuple(values, ast.Load()))
        old = ", ".join(f"{part}={ast.unparse(given[part])}" for part in parts if part in given)
        self._changed(old, ast.unparse(new))
        return new

    def _data_format(self, value: ast.expr) -> ast.expr:
        """'th' → 'channels_first', 'tf' → 'channels_last'; anything else kept, with a note."""
        old = _constant(value)
        if isinstance(old, str) and old in DATA_FORMATS:
            return ast.Constant(DATA_FORMATS[old])
        self._note("keras1.note_value", value=ast.unparse(value))
        return value

    def _note(self, key: str, **params: Any) -> None:
        """Remember a check for the reader, once, however often the paste needs it."""
        if (key, params) not in self.result.notes:
            self.result.notes.append((key, params))

    def _changed(self, old: str, new: str) -> None:
        """Remember a rename for the reader, once, however often the paste has it."""
        if (old, new) not in self.result.changes:
            self.result.changes.append((old, new))


def _first(parts: tuple[str, ...], given: dict[str | None, ast.expr]) -> str:
    return next(part for part in parts if part in given)


def _constant(value: ast.expr) -> object:
    return value.value if isinstance(value, ast.Constant) else None
