"""``python -m convlab equivalence``: the core lesson's numbers for one sentence."""

from __future__ import annotations

import argparse

from convlab import arithmetic
from convlab.cli.options import vector_options, vectors_from
from convlab.lesson.layer import ACTIVATIONS, INITIALIZERS, ConvLayer
from convlab.vectors.sets import OOV_POLICIES, embed_sentence


def add_parser(commands: argparse._SubParsersAction) -> None:
    eq = commands.add_parser(
        "equivalence",
        parents=[vector_options()],
        help="Conv1D vs Conv2D (n, D) vs NumPy on one sentence",
        description="Embed a sentence, run Conv1D and its Conv2D twins on the same seeded "
        "weights, and report shapes and the largest differences.",
    )
    eq.add_argument("--sentence", required=True, help="the sentence to embed")
    eq.add_argument("--n", type=int, default=3, help="kernel_size (default 3)")
    eq.add_argument("--filters", type=int, default=4, help="filters F (default 4)")
    eq.add_argument("--seed", type=int, default=0, help="seed of the weights (default 0)")
    eq.add_argument("--padding", choices=arithmetic.PADDINGS, default="valid")
    eq.add_argument("--strides", type=int, default=1)
    eq.add_argument("--dilation", type=int, default=1, help="dilation_rate")
    eq.add_argument("--activation", choices=ACTIVATIONS, default="linear")
    eq.add_argument("--init", choices=INITIALIZERS, default="glorot_uniform")
    eq.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    eq.add_argument("--oov", choices=OOV_POLICIES, default="zero", help="out-of-vocabulary policy")
    eq.add_argument("--json", action="store_true", help="print one JSON object")
    eq.set_defaults(run=equivalence, summary=summary)


def equivalence(args: argparse.Namespace) -> dict:
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
    emb = embed_sentence(args.sentence, vs, args.oov, args.seed)
    emb.require_words()
    words, dim = emb.matrix.shape
    steps = conv.steps(words)

    from convlab.lesson import (  # TensorFlow: only once the input is known to be good
        equivalence,
        keras_layers,
    )

    kernel, bias = keras_layers.init_weights(conv, dim)
    result = equivalence.compare(emb.matrix, kernel, bias, conv, args.dtype)
    return {
        "tokens": emb.tokens,
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
        ]
    )
