"""``python -m convlab train``: Kim's CNN on MR or a CSV/TSV, with the page's split and scores."""

from __future__ import annotations

import argparse
import sys

from convlab.cli.options import data_options, json_option, vector_options, vectors_from
from convlab.textcnn import corpus
from convlab.textcnn.hyperparameters import SCALES, VARIANTS, Hyperparameters, parse_kernel_sizes
from convlab.textcnn.settings import SETTINGS, VECTORS

"""The page's default too: the most accurate and among the fastest in bench/train_mr.py."""


def add_parser(commands: argparse._SubParsersAction) -> None:
    train = commands.add_parser(
        "train",
        parents=[
            vector_options(),
            data_options(),
            json_option("print one JSON object, no progress"),
        ],
        help="train Kim's text CNN and report its test accuracy",
        description="Train Kim (2014)'s sentence CNN on MR (a folder with rt-polarity.pos "
        "and .neg) or a CSV/TSV, on a fixed 10%% test / 10%% validation split, stopping "
        f"early on validation accuracy. Here --vectors defaults to {VECTORS}.",
    )
    train.add_argument("--variant", choices=VARIANTS, default=Hyperparameters.variant)
    train.add_argument(
        "--scale",
        choices=SCALES,
        default=Hyperparameters.scale,
        help="rescale the pretrained table to the random init's spread (default rescaled)",
    )
    sizes = SETTINGS["cnn_kernel_sizes"].default
    train.add_argument("--kernel-sizes", default=sizes, help=f"comma-separated (default {sizes})")
    train.add_argument(
        "--filters", type=int, default=Hyperparameters.filters, help="per kernel size"
    )
    train.add_argument(
        "--epochs", type=int, default=Hyperparameters.epochs, help="at most (default 10)"
    )
    train.add_argument("--seed", type=int, default=Hyperparameters.seed)
    train.add_argument("--rows", type=int, help="train on a fixed random sample of this many rows")
    train.add_argument("--save", metavar="FILE.keras", help="write the trained model here")
    train.set_defaults(run=run, summary=summary, vectors=VECTORS)


def run(args: argparse.Namespace) -> dict:
    """The ``train`` command's result, as the JSON object it prints."""
    hp = Hyperparameters(
        variant=args.variant,
        scale=args.scale,
        kernel_sizes=parse_kernel_sizes(args.kernel_sizes),
        filters=args.filters,
        epochs=args.epochs,
        seed=args.seed,
    )
    data = corpus.load(args.data, args.text_col, args.label_col)
    if args.rows:
        data = data.sample(args.rows)
    vs = vectors_from(args)

    import keras  # TensorFlow: only once the input is known to be good

    from convlab.textcnn import kim

    class Progress(keras.callbacks.Callback):
        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            logs = logs or {}
            print(
                f"epoch {epoch + 1}/{hp.epochs}: accuracy {logs.get('accuracy', 0):.4f}, "
                f"val_accuracy {logs.get('val_accuracy', 0):.4f}, loss {logs.get('loss', 0):.4f}",
                file=sys.stderr,
                flush=True,
            )

    fit = kim.train(data, hp, vs, callbacks=[] if args.json else [Progress()])
    report = fit.report()
    if args.save:
        with open(args.save, "wb") as out:
            out.write(kim.save(fit.cnn))
        report["saved"] = args.save
    return report


def summary(report: dict) -> str:
    coverage = report["vocab_coverage"]
    lines = [
        f"test accuracy {report['test_accuracy']:.4f}, validation accuracy "
        f"{report['val_accuracy']:.4f} (best of {report['epochs']} epochs: "
        f"{report['best_epoch']})",
        f"trained in {report['train_seconds']:.1f} s on {report['n_train']} rows "
        f"({report['n_val']} validation, {report['n_test']} test)",
        f"vectors cover {coverage['types']:.1%} of word types, {coverage['tokens']:.1%} of tokens",
    ]
    if "saved" in report:
        lines.append(f"saved to {report['saved']}")
    return "\n".join(lines)
