"""``python -m convlab equivalence``: the core lesson's numbers for one sentence."""

from __future__ import annotations

import argparse

from convlab.cli.options import json_option, tokenizer_option, vector_options, vectors_from
from convlab.i18n import message
from convlab.lesson.layer import ConvLayer
from convlab.lesson.settings import SETTINGS, SUGGESTED
from convlab.vectors.sets import embed_sentence

LAYER_OPTIONS = {
    "n": "kernel_size",
    "filters": "filters F",
    "seed": "seed of the weights",
    "padding": "padding",
    "strides": "strides",
    "dilation": "dilation_rate",
    "activation": "activation",
    "init": "kernel initializer",
    "oov": "out-of-vocabulary policy",
}
FOLLOWS_SENTENCE = {"oov": "random for a sentence with Chinese, else zero"}
"""Options whose default follows the sentence (``SUGGESTED``), as on the pages."""
"""The lesson settings the command takes, with what each means in Keras."""


def add_parser(commands: argparse._SubParsersAction) -> None:
    eq = commands.add_parser(
        "equivalence",
        parents=[vector_options(), tokenizer_option(), json_option()],
        help="Conv1D vs Conv2D (n, D) vs NumPy on one sentence",
        description="Embed a sentence, run Conv1D and its Conv2D twins on the same seeded "
        "weights, and report shapes and the largest differences.",
    )
    eq.add_argument("--sentence", required=True, help="the sentence to embed")
    # The app's defaults: one declaration (convlab.lesson.settings) for both.
    for key, what in LAYER_OPTIONS.items():
        setting = SETTINGS[key]
        eq.add_argument(
            f"--{key}",
            type=None if setting.choices else int,
            choices=setting.choices,
            default=None if key in SUGGESTED else setting.default,
            help=f"{what} (default {FOLLOWS_SENTENCE.get(key, setting.default)})",
        )
    eq.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    eq.set_defaults(run=run, summary=summary)


def run(args: argparse.Namespace) -> dict:
    """The ``equivalence`` command's result, as the JSON object it prints."""
    conv = ConvLayer(
        n=args.n,
        filters=args.filters,
        padding=args.padding,
        strides=args.strides,
        dilation=args.dilation,
        activation=args.activation,
        init=args.init,
        seed=args.seed,
    )
    vs = vectors_from(args)
    oov = args.oov or SUGGESTED["oov"]({"sentence": args.sentence})
    emb = embed_sentence(args.sentence, vs, oov, args.seed, args.tokenizer)
    emb.require_words()
    words, dim = emb.matrix.shape
    steps = conv.steps(words)

    from convlab.lesson import (  # TensorFlow: only once the input is known to be good
        equivalence,
        forms,
        keras_layers,
    )

    kernel, bias = keras_layers.init_weights(conv, dim)
    result = equivalence.compare(emb.matrix, kernel, bias, conv, args.dtype)
    return {
        "tokens": emb.tokens,
        "tokenizer": args.tokenizer,
        "oov_policy": oov,
        "oov": [t for t, hit in zip(emb.tokens, emb.found, strict=True) if not hit],
        "embedding_shape": [words, dim],
        "conv1d_kernel_shape": list(kernel.shape),
        "conv2d_kernel_shape": list(kernel[:, :, None, :].shape),
        "conv1d_output_shape": list(result.outputs["conv1d"].shape),
        "conv2d_output_shape": list(result.outputs["conv2d"].shape),
        "new_steps": steps,
        "formula": conv.formula(words),
        "params": conv.params(dim),
        "max_abs_diff": result.max_abs_diff("conv1d", "conv2d"),
        "max_abs_diff_numpy": result.max_abs_diff("conv1d", "numpy"),
        "dtype": args.dtype,
        "forms": [
            {
                "name": name,
                "input_shape": list(layout.input_shape),
                "kernel_shape": list(layout.kernel_shape),
                "output_shape": None if layout.reason else list(result.outputs[name].shape),
                "max_abs_diff": result.road(name),
                "reason": layout.reason
                and message(layout.reason, "en", form=name, d=conv.dilation),
            }
            for name, layout in forms.layouts(conv, words, dim).items()
        ],
    }


def summary(report: dict) -> str:
    return "\n".join(
        [
            f"tokens ({len(report['tokens'])}): {' '.join(report['tokens'])}",
            f"out of vocabulary: {', '.join(report['oov']) or 'none'}",
            f"embedding {tuple(report['embedding_shape'])}",
            f"Conv1D kernel {tuple(report['conv1d_kernel_shape'])} -> output "
            f"{tuple(report['conv1d_output_shape'])}, {report['params']:,} parameters",
            f"Conv2D kernel {tuple(report['conv2d_kernel_shape'])} -> output "
            f"{tuple(report['conv2d_output_shape'])}",
            report["formula"],
            f"max |Conv1D - Conv2D| = {report['max_abs_diff']:.3g}, "
            f"max |Conv1D - NumPy| = {report['max_abs_diff_numpy']:.3g} ({report['dtype']})",
            *(
                f"{form['name']}: {tuple(form['input_shape'])} * {tuple(form['kernel_shape'])} -> "
                + (
                    f"{tuple(form['output_shape'])}, max |Δ| = {form['max_abs_diff']:.3g}"
                    if form["output_shape"]
                    else f"cannot: {form['reason']}"
                )
                for form in report["forms"]
            ),
        ]
    )
