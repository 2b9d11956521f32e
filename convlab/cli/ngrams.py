"""``python -m convlab ngrams``: what each filter of a saved text CNN learned, on some data."""

from __future__ import annotations

import argparse

from convlab.cli.options import data_options, json_option
from convlab.textcnn import corpus


def add_parser(commands: argparse._SubParsersAction) -> None:
    ngrams = commands.add_parser(
        "ngrams",
        help="the top n-grams of every filter of a saved text CNN",
        description="Load a .keras model saved by convlab (safe mode), score every n-gram of "
        "the data for every filter, and list the filters by importance with their class, "
        "weight and top K distinct n-grams (after Jacovi et al. 2018).",
        parents=[data_options(), json_option()],
    )
    ngrams.add_argument("--model", required=True, metavar="FILE.keras")
    ngrams.add_argument("--top", type=int, default=10, metavar="K", help="n-grams per filter")
    ngrams.add_argument(
        "--min-count",
        type=int,
        default=3,
        help="only n-grams whose words occur this often in the data (default 3; 1: all)",
    )
    ngrams.set_defaults(run=run, summary=summary)


def run(args: argparse.Namespace) -> dict:
    """The ``ngrams`` command's result, as the JSON object it prints."""
    data = corpus.load(args.data, args.text_col, args.label_col)

    from convlab.textcnn import kim, mining  # TensorFlow: only once the input is known to be good

    cnn = kim.load_file(args.model)
    mining.check_classes(cnn.classes, data.classes)
    tokens = kim.tokens_of(data.texts)
    mined = mining.mine(
        cnn.weights, tokens, cnn.encode(tokens), data.labels, cnn.classes, args.min_count
    )
    return {
        "model": args.model,
        "sentences": len(data),
        "classes": list(cnn.classes),
        "min_count": args.min_count,
        "filters": mined.report(args.top),
    }


def summary(report: dict) -> str:
    lines = [
        f"{len(report['filters'])} filters, most important first, on {report['sentences']} "
        f"sentences (words seen at least {report['min_count']} times):"
    ]
    for f in report["filters"]:
        top = " | ".join(hit["ngram"] for hit in f["top"])
        lines.append(f"{f['filter']:>9} {f['class']:>8} {f['weight']:+.3f}  {top}")
    return "\n".join(lines)
