"""Every layer of a pasted model, explained: output shape, parameters and the formula for each.

Pure Python: shapes flow from the Inputs through the layers as Keras would
send them, each step with the Shape lab's own formula (convolutions through
:class:`LayerSpec`, pooling through the same per-axis arithmetic). The
Keras check builds the same model and the page compares every figure.
A layer whose arguments the formulas cannot read gets no figures, and the
page shows Keras's alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from convlab import arithmetic
from convlab.errors import InputError
from convlab.shapelab.layerspec import MAX_WEIGHTS, SPATIAL_AXES, LayerSpec, Shape, show
from convlab.shapelab.paste import GLOBAL_POOLING, POOLING, Layer, Literal, Pasted

CONV = {
    "Conv1D": "conv1d",
    "Conv2D": "conv2d",
    "Conv1DTranspose": "conv1d_transpose",
    "Conv2DTranspose": "conv2d_transpose",
}
CONV_ARGS = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate")
TRANSPOSE_ARGS = (*CONV_ARGS[:4], "output_padding", "data_format", "dilation_rate")
"""Keras 3's positional order of each constructor, so ``Conv1D(64, 3)`` reads like keywords."""
SAME_SHAPE = {"Dropout", "SpatialDropout1D", "Activation"}
MAX_MODEL_WEIGHTS = 2 * MAX_WEIGHTS
"""Weights the Keras check builds for one pasted model (80 MB of float32), all layers together."""
AXIS_ROLES = {
    2: ("batch", "features"),
    3: ("batch", "steps", "channels"),
    4: ("batch", "rows", "cols", "channels"),
}
"""What each axis is called, by the number of axes (channels_last)."""


@dataclass(frozen=True)
class Row:
    """One layer's figures by the formulas: output shape (batch first), parameters, formula."""

    output: Shape
    params: int
    formula: str
    roles: tuple[str, ...] = ()
    """Each output axis's name, batch first."""

    def labelled(self, name: Callable[[str], str] = str) -> str:
        """``(None batch, 7 steps, 64 channels)``: the output shape with its axis names.

        ``name`` turns a role (batch, steps, rows, cols, channels, filters,
        features) into the words shown, e.g. the reader's language.
        """
        roles = self.roles or AXIS_ROLES.get(len(self.output), ())
        if len(roles) != len(self.output):
            return show(self.output)
        sizes = [f"{size} {name(role)}" for size, role in zip(self.output, roles, strict=True)]
        return f"({', '.join(sizes)})"


def explain(pasted: Pasted) -> list[Row | InputError | None]:
    """Per layer, its Row, the InputError that refuses it, or None if a layer it reads has none.

    A layer whose weights would pass :data:`MAX_WEIGHTS`, or take the model
    past :data:`MAX_MODEL_WEIGHTS`, is refused here, so that the Keras check,
    which builds only layers these rows bound, never allocates it.
    """
    rows: list[Row | InputError | None] = []
    total = 0
    for layer in pasted.layers:
        feeds = [rows[i] for i in layer.inputs]
        if not all(isinstance(feed, Row) for feed in feeds):
            rows.append(None)
            continue
        try:
            row = explain_layer(layer, [feed.output for feed in feeds])
            if row.params > MAX_WEIGHTS:
                raise InputError(
                    "err.shape_weights", weights=f"{row.params:,}", most=f"{MAX_WEIGHTS:,}"
                )
            total += row.params
            if total > MAX_MODEL_WEIGHTS:
                raise InputError("err.paste_weights", most=f"{MAX_MODEL_WEIGHTS:,}")
            rows.append(row)
        except (InputError, KeyError, TypeError, ValueError, IndexError) as err:
            # KeyError...: arguments the formulas cannot read, e.g. Dense() without units
            rows.append(err if isinstance(err, InputError) else _unread(layer))
    return rows


def _unread(layer: Layer) -> InputError:
    return InputError("err.paste_no_formula", layer=layer.cls)


def explain_layer(layer: Layer, inputs: list[Shape]) -> Row:
    """One layer's Row from the output shapes of the layers that feed it."""
    if layer.cls in CONV:
        return _conv(layer, inputs[0])
    if layer.cls in POOLING:
        return _pooling(layer, inputs[0], POOLING[layer.cls])
    if layer.cls in GLOBAL_POOLING:
        return _global_pooling(layer, inputs[0])
    if layer.cls in SAME_SHAPE:
        return Row(inputs[0], 0, "output = input")
    explain_one = EXPLAIN.get(layer.cls)
    if explain_one is None:
        raise InputError("err.paste_no_formula", layer=layer.cls)
    return explain_one(layer, inputs)


def _arguments(layer: Layer, names: tuple[str, ...]) -> dict[str, Literal]:
    """Positional and keyword arguments by name, as the constructor would bind them."""
    if len(layer.args) > len(names):
        raise InputError("err.paste_no_formula", layer=layer.cls)
    return {**dict(zip(names, layer.args, strict=False)), **layer.options}


def _ints(value: Literal) -> int | tuple[int, ...]:
    """kernel_size, strides and the like as LayerSpec takes them; a list counts as a tuple."""
    if isinstance(value, list):
        value = tuple(value)
    if isinstance(value, bool) or not isinstance(value, int | tuple):
        raise InputError("err.paste_no_formula", layer=str(value))
    return value


def _batchless(shape: Shape) -> tuple[int | None, ...]:
    return tuple(shape[1:])


def _conv(layer: Layer, shape: Shape) -> Row:
    transposed = layer.cls.endswith("Transpose")
    given = _arguments(layer, TRANSPOSE_ARGS if transposed else CONV_ARGS)
    spec = LayerSpec(
        CONV[layer.cls],
        _batchless(shape),
        int(given.get("filters", 0)),  # type: ignore[arg-type]
        _ints(given.get("kernel_size", 0)),
        _ints(given.get("strides", 1)),
        str(given.get("padding", "valid")),
        _ints(given.get("dilation_rate", 1)),
        str(given.get("data_format") or "channels_last"),
        int(given.get("groups", 1)),  # type: ignore[arg-type]
        None if given.get("output_padding") is None else _ints(given["output_padding"]),
    ).check()
    bias = given.get("use_bias", True)
    params = spec.params if bias else spec.params - spec.filters
    formula = "; ".join([*spec.formulas(), f"params = {spec.params_terms()}"])
    if not bias:
        formula = formula.replace(f" + {spec.filters}", "")
    roles = [role if role != "channels" else "filters" for role in spec.roles()]
    return Row(spec.output_shape, params, formula, tuple(roles))


def _pooling(layer: Layer, shape: Shape, rank: int) -> Row:
    given = _arguments(layer, ("pool_size", "strides", "padding", "data_format"))
    pool = _per_axis(_ints(given.get("pool_size", 2)), rank)
    strides = given.get("strides")
    steps = pool if strides is None else _per_axis(_ints(strides), rank)
    padding = str(given.get("padding", "valid"))
    first = given.get("data_format") == "channels_first"
    sizes = _batchless(shape)
    spatial = sizes[1:] if first else sizes[:-1]
    if len(spatial) != rank or padding not in ("valid", "same"):
        raise InputError("err.paste_no_formula", layer=layer.cls)
    out, lines = [], []
    names = SPATIAL_AXES["conv1d" if rank == 1 else "conv2d"]
    for axis, size, k, s in zip(names, spatial, pool, steps, strict=True):
        new = None if size is None else arithmetic.output_length(size, k, padding, s)
        if new is not None and new < 1:
            raise InputError("err.pool_too_short", axis=axis, size=size, pool=k)
        out.append(new)
        lines.append(
            f"{axis}: " + arithmetic.formula(size, k, padding, s, name=f"new_{axis}", symbol=axis)
        )
    channels = sizes[0] if first else sizes[-1]
    output = (None, channels, *out) if first else (None, *out, channels)
    return Row(output, 0, "; ".join(lines))


def _per_axis(value: int | tuple[int, ...], rank: int) -> tuple[int, ...]:
    return value if isinstance(value, tuple) else (value,) * rank


def _global_pooling(layer: Layer, shape: Shape) -> Row:
    given = _arguments(layer, ("data_format", "keepdims"))
    first = given.get("data_format") == "channels_first"
    channels = shape[1] if first else shape[-1]
    if given.get("keepdims"):
        ones = (1,) * (len(shape) - 2)
        output = (None, channels, *ones) if first else (None, *ones, channels)
    else:
        output = (None, channels)
    return Row(output, 0, f"{show(shape)} → {show(output)}")


def _input(layer: Layer, inputs: list[Shape]) -> Row:
    given = _arguments(layer, ("shape",))
    shape = given.get("shape")
    if not isinstance(shape, tuple | list) or not all(
        size is None or (isinstance(size, int) and size > 0) for size in shape
    ):
        raise InputError("err.paste_input", text=repr(shape))
    output = (None, *shape)
    return Row(output, 0, f"(None,) + {show(tuple(shape))} = {show(output)}")


def _embedding(layer: Layer, inputs: list[Shape]) -> Row:
    given = _arguments(layer, ("input_dim", "output_dim"))
    vocabulary, width = int(given["input_dim"]), int(given["output_dim"])  # type: ignore[arg-type]
    output = (*inputs[0], width)  # (batch, words) → (batch, steps, channels): a word a step
    params = vocabulary * width
    formula = f"input_dim·output_dim = {vocabulary}·{width} = {params:,}"
    return Row(output, params, formula)


def _dense(layer: Layer, inputs: list[Shape]) -> Row:
    given = _arguments(layer, ("units", "activation", "use_bias"))
    units, width = int(given["units"]), inputs[0][-1]  # type: ignore[arg-type]
    if width is None:
        raise InputError("err.paste_undefined", layer=layer.cls, shape=show(inputs[0]))
    bias = units if given.get("use_bias", True) else 0
    params = width * units + bias
    terms = f"{width}·{units}" + (f" + {units}" if bias else "")
    return Row((*inputs[0][:-1], units), params, f"{width} → {units}; params = {terms}")


def _flatten(layer: Layer, inputs: list[Shape]) -> Row:
    sizes = _batchless(inputs[0])
    total = None if None in sizes else math.prod(sizes)
    return Row((None, total), 0, f"{'·'.join(str(s) for s in sizes)} = {total}")


def _batch_normalization(layer: Layer, inputs: list[Shape]) -> Row:
    given = _arguments(layer, ("axis",))
    axis = int(given.get("axis", -1))  # type: ignore[arg-type]
    channels = inputs[0][axis]
    if channels is None:
        raise InputError(
            "err.paste_undefined_axis", layer=layer.cls, axis=axis, shape=show(inputs[0])
        )
    params = 4 * channels
    formula = f"params = 4·{channels} = {params} (gamma, beta, moving_mean, moving_variance)"
    return Row(inputs[0], params, formula)


def _reshape(layer: Layer, inputs: list[Shape]) -> Row:
    """Keras's rule: -1 takes what is left, and stays unknown (None) if an input size is."""
    given = _ints(_arguments(layer, ("target_shape",))["target_shape"])
    wanted = given if isinstance(given, tuple) else (given,)
    sizes = _batchless(inputs[0])
    total = None if None in sizes else math.prod(sizes)  # type: ignore[arg-type]
    known = math.prod(size for size in wanted if size != -1)
    fits = wanted.count(-1) <= 1 and min(wanted, default=0) >= -1
    if total is None:
        target = tuple(None if size == -1 else size for size in wanted)
    elif -1 in wanted:
        fits = fits and known > 0 and total % known == 0
        target = tuple(total // known if size == -1 and fits else size for size in wanted)
    else:
        fits = fits and known == total
        target = wanted
    if not fits:
        raise InputError(
            "err.reshape_size", shape=show(sizes), total=total or "?", target=show(wanted)
        )
    return Row((None, *target), 0, f"{show(sizes)} → {show(target)}")


def _permute(layer: Layer, inputs: list[Shape]) -> Row:
    dims = _ints(_arguments(layer, ("dims",))["dims"])
    order = dims if isinstance(dims, tuple) else (dims,)
    output = (None, *(inputs[0][d] for d in order))
    return Row(output, 0, f"dims={show(order)}: {show(inputs[0])} → {show(output)}")


def _padding_1d(layer: Layer, inputs: list[Shape]) -> Row:
    return _edges(layer, inputs[0], ("padding", "data_format"), 1, +1, default=1)


def _padding_2d(layer: Layer, inputs: list[Shape]) -> Row:
    return _edges(layer, inputs[0], ("padding", "data_format"), 2, +1, default=1)


def _cropping_1d(layer: Layer, inputs: list[Shape]) -> Row:
    # Keras 3: Cropping1D(cropping=(1, 1), **kwargs), with no data_format of its own.
    return _edges(layer, inputs[0], ("cropping",), 1, -1, default=1)


def _cropping_2d(layer: Layer, inputs: list[Shape]) -> Row:
    return _edges(layer, inputs[0], ("cropping", "data_format"), 2, -1, default=0)


def _edges(
    layer: Layer, shape: Shape, names: tuple[str, ...], rank: int, sign: int, *, default: int
) -> Row:
    """ZeroPadding (sign +1) and Cropping (−1): cells added to or cut from both ends of axes.

    ``names`` are the constructor's parameters in order, the amount first, as Keras 3
    binds positional arguments; ``default`` is the amount at each end of each axis when
    the code gives none (Keras 3: ZeroPadding 1, Cropping1D 1, Cropping2D 0).
    """
    given = _arguments(layer, names)
    name = names[0]
    value = given.get(name, default if rank == 1 else (default, default))
    per_axis = _per_axis(value, rank) if isinstance(value, int) else tuple(value)  # type: ignore[arg-type]
    if rank == 1 and isinstance(value, tuple | list):
        per_axis = (tuple(value),)  # type: ignore[assignment]
    first = "data_format" in names and given.get("data_format") == "channels_first"
    sizes = list(shape)
    start = 2 if first else 1
    lines = []
    names = SPATIAL_AXES["conv1d" if rank == 1 else "conv2d"]
    for axis, amount in enumerate(per_axis):
        before, after = (amount, amount) if isinstance(amount, int) else amount
        size = sizes[start + axis]
        sizes[start + axis] = None if size is None else size + sign * (before + after)
        if sign < 0 and size is not None and size <= before + after:  # Keras refuses it too
            raise InputError(
                "err.crop_too_much", axis=names[axis], size=size, before=before, after=after
            )
        op = "+" if sign > 0 else "−"
        lines.append(f"{size} {op} {before} {op} {after} = {sizes[start + axis]}")
    return Row(tuple(sizes), 0, "; ".join(lines))


def _concatenate(layer: Layer, inputs: list[Shape]) -> Row:
    axis = int(_arguments(layer, ("axis",)).get("axis", -1))  # type: ignore[arg-type]
    parts = [shape[axis] for shape in inputs]
    total = None if None in parts else sum(parts)  # type: ignore[arg-type]
    output = list(inputs[0])
    output[axis] = total
    return Row(tuple(output), 0, f"axis {axis}: {' + '.join(map(str, parts))} = {total}")


def _recurrent(gates: int, biases: int) -> Callable[[Layer, list[Shape]], Row]:
    """LSTM (4 gates) and GRU (3 gates, 2 biases each with reset_after, Keras 3's default)."""

    def explain_recurrent(layer: Layer, inputs: list[Shape]) -> Row:
        given = _arguments(layer, ("units",))
        units, width = int(given["units"]), inputs[0][-1]  # type: ignore[arg-type]
        if width is None:
            raise InputError("err.paste_undefined", layer=layer.cls, shape=show(inputs[0]))
        steps = inputs[0][1]
        output = (None, steps, units) if given.get("return_sequences") else (None, units)
        params = gates * (units * (width + units) + biases * units)  # type: ignore[operator]
        bias = f"{biases}·{units}" if biases > 1 else f"{units}"
        formula = f"params = {gates}·({units}·({width} + {units}) + {bias}) = {params:,}"
        return Row(output, params, formula)

    return explain_recurrent


EXPLAIN: dict[str, Callable[[Layer, list[Shape]], Row]] = {
    "Input": _input,
    "Embedding": _embedding,
    "Dense": _dense,
    "Flatten": _flatten,
    "BatchNormalization": _batch_normalization,
    "Reshape": _reshape,
    "Permute": _permute,
    "ZeroPadding1D": _padding_1d,
    "ZeroPadding2D": _padding_2d,
    "Cropping1D": _cropping_1d,
    "Cropping2D": _cropping_2d,
    "Concatenate": _concatenate,
    "LSTM": _recurrent(4, 1),
    "GRU": _recurrent(3, 2),
}


@dataclass(frozen=True)
class ModelBuilt:
    """Keras's figures for a pasted model's layers, as far as it built them (keras_check)."""

    layers: tuple[tuple[str, str, Shape, int], ...]
    """(name, class, output shape, parameters) per layer built, in the paste's order."""
    refused: tuple[int, str] | None = None
    """(layer index, Keras's message) where Keras refused; None if it built every layer."""


@dataclass(frozen=True)
class LayerReport:
    """One row of the pasted model's table: the formulas' figures beside Keras's."""

    code: str
    row: Row | None
    """The formulas' figures, if they give any."""
    refusal: InputError | None
    """Why the formulas give no figures, if they refuse the layer."""
    keras_output: Shape | None = None
    keras_params: int | None = None
    keras_refused: str | None = None
    """Keras's own message, where it refused this layer."""

    @property
    def agrees(self) -> bool | None:
        """Both gave the same figures, or both refused; None if neither was asked.

        A layer after a refused one has no input shape, so neither side says
        anything about it: it is not counted as a disagreement.
        """
        said = (self.row, self.refusal, self.keras_output, self.keras_refused)
        if all(part is None for part in said):
            return None
        if self.row is None or self.keras_output is None:
            return self.refusal is not None and self.keras_refused is not None
        return (self.row.output, self.row.params) == (self.keras_output, self.keras_params)

    def as_json(self, *, keras: bool) -> dict[str, object]:
        """The row for ``shape --model-file --json``; Keras's side only if it was asked."""
        row = self.row
        report: dict[str, object] = {
            "layer": self.code,
            "output_shape": list(row.output) if row else None,
            "axes": row.labelled() if row else None,
            "params": row.params if row else None,
            "formula": row.formula if row else None,
            "refused": str(self.refusal) if self.refusal else None,
        }
        if keras:
            report["keras"] = {
                "output_shape": list(self.keras_output) if self.keras_output else None,
                "params": self.keras_params,
                "refused": self.keras_refused,
                "agrees": self.agrees,
            }
        return report


def compare(
    pasted: Pasted, rows: list[Row | InputError | None], built: ModelBuilt | None
) -> list[LayerReport]:
    """Every layer's figures by the formulas and, if ``built``, by Keras, side by side."""
    reports = []
    for i, (layer, row) in enumerate(zip(pasted.layers, rows, strict=True)):
        report = LayerReport(
            layer.code(),
            row if isinstance(row, Row) else None,
            row if isinstance(row, InputError) else None,
        )
        if built and i < len(built.layers):
            report = replace(
                report, keras_output=built.layers[i][2], keras_params=built.layers[i][3]
            )
        if built and built.refused and built.refused[0] == i:
            report = replace(report, keras_refused=built.refused[1])
        reports.append(report)
    return reports


def with_input(pasted: Pasted) -> Pasted:
    """The model with an Input first; InputError if nothing says what the input's shape is.

    Keras 3 reads ``input_shape`` on a Sequential's first layer as a
    ``keras.Input(shape=...)`` in front of it, and Keras 2's Embedding took
    ``input_length``; the model is rewritten so, and every layer keeps its
    place after the new Input.
    """
    first = pasted.layers[0]
    options = first.options
    if first.cls == "Input" or first.inputs:
        return pasted
    if "input_shape" in options:
        shape = options.pop("input_shape")
    elif first.cls == "Embedding" and "input_length" in options:
        shape = (options.pop("input_length"),)
    else:
        raise InputError("err.paste_no_input")
    moved = replace(first, kwargs=tuple(options.items()), inputs=(0,))
    shifted = [
        replace(layer, inputs=tuple(i + 1 for i in layer.inputs)) for layer in pasted.layers[1:]
    ]
    entry = Layer("Input", (), (("shape", shape),), ())
    return replace(pasted, layers=(entry, moved, *shifted))
