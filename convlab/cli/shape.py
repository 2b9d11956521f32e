"""``python -m convlab shape``: a convolution's shapes and parameters, or a whole model's.

``--model-file`` reads pasted model code (parsed, never run) and explains every
layer; the other options describe one Conv1D/Conv2D or transpose.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from convlab import arithmetic
from convlab.cli.options import json_option
from convlab.errors import InputError
from convlab.shapelab import model_shapes, paste
from convlab.shapelab.layerspec import DATA_FORMATS, LAYERS, LayerSpec, show


def add_parser(commands: argparse._SubParsersAction) -> None:
    sh = commands.add_parser(
        "shape",
        help="output shape, kernel shape and parameters of a Conv1D or Conv2D",
        description="The Shape lab's arithmetic: what Keras makes of an input shape and a "
        "convolution layer, each figure with the formula that produced it.",
        parents=[json_option()],
    )
    sh.add_argument(
        "--model-file",
        type=Path,
        metavar="FILE",
        help="Keras model code (Sequential, model.add lines or a functional chain): every "
        "layer's shape; the layer options below are then not used",
    )
    sh.add_argument("--layer", choices=LAYERS, help="required without --model-file")
    sh.add_argument("--input", help="input shape without batch, e.g. 1,32,32 or None,300")
    sh.add_argument("--filters", type=int, help="filters")
    sh.add_argument("--kernel", help="kernel_size: an int (3) or a tuple (8,8)")
    sh.add_argument("--strides", default="1", help="an int or a tuple (default 1)")
    sh.add_argument("--padding", choices=arithmetic.PADDINGS, default="valid")
    sh.add_argument("--dilation", default="1", help="dilation_rate: an int or a tuple (default 1)")
    sh.add_argument("--data-format", choices=DATA_FORMATS, default="channels_last")
    sh.add_argument("--groups", type=int, default=1, help="Conv1D/Conv2D groups (default 1)")
    sh.add_argument(
        "--output-padding",
        default="None",
        help="transposed layers: an int, a tuple or None (default None)",
    )
    sh.add_argument(
        "--keras",
        action="store_true",
        help="also build the layer in Keras and report its figures (imports TensorFlow)",
    )
    sh.set_defaults(run=run, summary=summary)


def run(args: argparse.Namespace) -> dict:
    """The ``shape`` command's result, as the JSON object it prints."""
    if args.model_file:
        return model_report(read_model(args.model_file), keras=args.keras)
    missing = [
        name for name in ("layer", "input", "filters", "kernel") if getattr(args, name) is None
    ]
    if missing:
        raise InputError("err.cli_missing", names=", ".join(f"--{name}" for name in missing))
    spec = LayerSpec.from_text(
        args.layer,
        args.input,
        args.filters,
        args.kernel,
        args.strides,
        args.padding,
        args.dilation,
        args.data_format,
        args.groups,
        args.output_padding,
    ).check()
    report = {
        "layer": spec.call(),
        "input_shape": list(spec.input_shape),
        "channels_axis": spec.channels_axis,
        "output_shape": list(spec.output_shape),
        "kernel_shape": list(spec.kernel_shape),
        "params": spec.params,
        "formula": spec.formulas(),
        "kernel_formula": spec.kernel_formula(),
        "params_formula": spec.params_formula(),
    }
    if args.keras:
        from convlab.shapelab import keras_check  # TensorFlow: only when asked for

        built = keras_check.build(spec)
        if isinstance(built, keras_check.Refused):  # the formulas accepted what Keras refuses
            report["keras"] = {"refused": built.message, "agrees": False}
        else:
            report["keras"] = {
                "output_shape": list(built.output_shape),
                "kernel_shape": list(built.kernel_shape),
                "params": built.params,
                "agrees": built.agrees(spec),
            }
    return report


def read_model(path: Path) -> str:
    """The model file's text, read no further than the paste limit; InputError if not text."""
    try:
        with path.open("rb") as file:
            raw = file.read(4 * paste.MAX_CHARS + 1)  # UTF-8: at most 4 bytes a character
        text = raw.decode("utf-8")
    except OSError as err:
        raise InputError("err.cli_file", path=str(path), reason=err.strerror or "") from None
    except UnicodeDecodeError:
        raise InputError("err.cli_file", path=str(path), reason="not UTF-8 text") from None
    if len(text) > paste.MAX_CHARS:
        raise InputError("err.legacy_too_long", most=f"{paste.MAX_CHARS:,}", chars="more")
    return text


def model_report(text: str, *, keras: bool) -> dict:
    """Every layer of pasted model code, by the formulas and (``keras``) by a real model."""
    pasted = model_shapes.with_input(paste.parse(text))
    rows = model_shapes.explain(pasted)
    built = None
    if keras:
        from convlab.shapelab import keras_check  # TensorFlow: only when asked for

        built = keras_check.build_model(pasted, rows)
    reports = model_shapes.compare(pasted, rows, built)
    return {
        "model": [report.as_json(keras=keras) for report in reports],
        "keras1_changes": [list(change) for change in pasted.changes],
        "params": sum(report.row.params for report in reports if report.row),
    }


def model_summary(report: dict) -> str:
    lines = []
    for layer in report["model"]:
        figures = f"{layer['axes']}, {layer['params']:,} params" if layer["axes"] else "—"
        lines.append(f"{layer['layer']}: {figures}")
        if layer["formula"]:
            lines.append(f"  {layer['formula']}")
        if layer["refused"]:
            lines.append(f"  refused: {layer['refused']}")
        keras = layer.get("keras", {})
        if keras.get("refused"):
            lines.append(f"  Keras REFUSES it: {keras['refused']}")
        elif keras.get("output_shape") is not None:
            verdict = "agrees" if keras["agrees"] else "DISAGREES"
            shape = show(tuple(keras["output_shape"]))
            lines.append(f"  Keras {verdict}: {shape}, {keras['params']:,} params")
    lines.append(f"Total params: {report['params']:,}")
    return "\n".join(lines)


def summary(report: dict) -> str:
    if "model" in report:
        return model_summary(report)
    lines = [
        f"{report['layer']} on input {show(report['input_shape'])}",
        f"output {show(report['output_shape'])}",
        *(f"  {line}" for line in report["formula"]),
        f"kernel {show(report['kernel_shape'])}",
        f"  {report['kernel_formula']}",
        f"params {report['params']:,}",
        f"  {report['params_formula']}",
    ]
    keras = report.get("keras")
    if keras and "refused" in keras:
        lines.append(f"Keras REFUSES it: {keras['refused']}")
    elif keras:
        verdict = "agrees" if keras["agrees"] else "DISAGREES"
        lines.append(
            f"Keras {verdict}: output {show(keras['output_shape'])}, "
            f"kernel {show(keras['kernel_shape'])}, {keras['params']:,} params"
        )
    return "\n".join(lines)
