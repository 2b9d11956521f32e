"""``python -m convlab shape``: a Conv1D/Conv2D layer's shapes and parameters, with formulas."""

from __future__ import annotations

import argparse

from convlab import arithmetic
from convlab.cli.options import json_option
from convlab.shapelab.layerspec import DATA_FORMATS, LAYERS, LayerSpec, show


def add_parser(commands: argparse._SubParsersAction) -> None:
    sh = commands.add_parser(
        "shape",
        help="output shape, kernel shape and parameters of a Conv1D or Conv2D",
        description="The Shape lab's arithmetic: what Keras makes of an input shape and a "
        "convolution layer, each figure with the formula that produced it.",
        parents=[json_option()],
    )
    sh.add_argument("--layer", choices=LAYERS, required=True)
    sh.add_argument(
        "--input", required=True, help="input shape without batch, e.g. 1,32,32 or None,300"
    )
    sh.add_argument("--filters", type=int, required=True, help="filters")
    sh.add_argument("--kernel", required=True, help="kernel_size: an int (3) or a tuple (8,8)")
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


def summary(report: dict) -> str:
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
