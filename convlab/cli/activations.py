"""``python -m convlab activations``: every layer's shape and axes, one layer's labelled rows."""

from __future__ import annotations

import argparse
from pathlib import Path

from convlab.cli.options import json_option
from convlab.errors import InputError
from convlab.ownmodel import examples, inputs, receptive, table, views
from convlab.ownmodel.inputs import SIGNALS, Prepared
from convlab.shapelab.layerspec import show


def add_parser(commands: argparse._SubParsersAction) -> None:
    act = commands.add_parser(
        "activations",
        help="a Keras model's layers with named axes, and one layer's activations",
        description="What the Your model page shows, as JSON: each layer's output shape and "
        "axis names, each Conv1D's kernel and receptive field, and one layer's activations "
        "with every row labelled by the input span it reads.",
        parents=[json_option()],
    )
    act.add_argument(
        "--model",
        required=True,
        metavar="FILE|EXAMPLE",
        help=f"a .keras or .h5 file, or a built-in example ({', '.join(examples.EXAMPLES)})",
    )
    given = act.add_mutually_exclusive_group(required=True)
    given.add_argument("--sentence", help="a sentence, for a text model")
    given.add_argument("--input", metavar="FILE.npy", help="a .npy array (no pickle)")
    given.add_argument("--example", choices=SIGNALS, help="a generated example signal")
    act.add_argument("--steps", type=int, default=inputs.DEFAULT_STEPS, help="signal length")
    act.add_argument("--seed", type=int, default=0, help="seed of the example signal")
    act.add_argument("--layer", help="the layer whose activations to print (default: first Conv1D)")
    act.set_defaults(run=run, summary=summary)


def run(args: argparse.Namespace) -> dict:
    """The ``activations`` command's result, as the JSON object it prints."""
    from convlab.ownmodel import keras_model  # TensorFlow: only once the arguments are read

    if args.model in examples.EXAMPLES:
        own = keras_model.load(examples.read(args.model), f"{args.model}.keras")
    else:
        own = keras_model.load_file(args.model)
    prepared = _prepared(own, args)
    shown = [layer.name for layer in own.shown]
    fields = receptive.check_length(own.graph, shown, prepared.steps)
    infos = own.layer_infos
    report: dict = {
        "model": own.name,
        "layers": [
            {
                "name": i.name,
                "class": i.class_name,
                "output_shape": list(i.output_shape),
                "axes": table.axes(i, own.kind != "signal", own.channels_first),
            }
            for i in infos
        ],
        "conv1d": [_conv(row, fields) for row in table.conv_rows(infos, own.graph, fields)],
    }
    if not shown:
        report["note"] = "no Conv1D layer"
        return report
    name = args.layer or own.conv_layers[0].name
    if name not in shown:
        raise InputError("own.bad_layer", layer=name, names=", ".join(shown))
    acts = own.run(prepared)
    act = acts.outputs[name]
    tokens = acts.labels if own.kind != "signal" else None
    report["layer"] = {
        "name": name,
        "shape": [1, *act.shape],
        "rows": views.row_labels(fields.get(name), act.shape[0], tokens),
        "activations": act.round(6).tolist(),
    }
    if acts.ids is not None:
        report["tokens"] = acts.labels
        report["oov_positions"] = [int(at) for at in acts.oov.nonzero()[0]]
    return report


def _conv(row: dict, fields: dict) -> dict:
    field = fields.get(row["layer"])
    return {
        "name": row["layer"],
        "kernel_shape": row["kernel"],
        "new_steps": row["formula"],
        "receptive_field": None
        if field is None
        else {"size": field.size, "jump": field.jump, "first": field.first},
        "agrees_with_keras": row["agrees"],
    }


def _prepared(own, args: argparse.Namespace) -> Prepared:
    if args.sentence is not None:
        if own.kind == "signal":
            raise InputError("own.not_text", want=show(own.input_shape))
        return own.encode(args.sentence)
    if own.kind == "text":
        raise InputError("own.needs_sentence")
    if args.input is not None:
        path = Path(args.input)
        if not path.is_file():
            raise InputError("own.no_input_file", path=str(path))
        if path.stat().st_size > inputs.MAX_INPUT_BYTES:
            raise InputError("own.input_too_big", most=inputs.MAX_INPUT_BYTES // (1024 * 1024))
        array = inputs.read_npy(path.read_bytes())
    else:
        steps, channels = own.signal_shape
        array = own.arranged(inputs.signal(args.example, steps or args.steps, channels, args.seed))
    return own.fit(array, "npy")


def summary(report: dict) -> str:
    lines = [report["model"]]
    for layer in report["layers"]:
        lines.append(
            f"  {layer['name']:<20} {layer['class']:<24} {show(tuple(layer['output_shape']))}"
            f"  ({', '.join(layer['axes'])})"
        )
    for conv in report["conv1d"]:
        field = conv["receptive_field"]
        reads = "" if field is None else f", reads {field['size']} steps, jump {field['jump']}"
        lines.append(f"{conv['name']}: kernel {conv['kernel_shape']}{reads}")
        lines.append(f"  {conv['new_steps']}")
    if "note" in report:
        lines.append(report["note"])
    if "layer" in report:
        layer = report["layer"]
        lines.append(f"{layer['name']} {show(tuple(layer['shape']))}:")
        for label, values in zip(layer["rows"], layer["activations"], strict=True):
            lines.append(f"  {label:<40} " + " ".join(f"{v:8.3f}" for v in values[:8]))
    return "\n".join(lines)
