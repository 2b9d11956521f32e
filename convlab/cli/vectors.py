"""``python -m convlab vectors info``: what a vector set holds, checked as the app loads it."""

from __future__ import annotations

import argparse
from pathlib import Path

from convlab.cli.options import json_option, vector_options
from convlab.vectors.sets import BUILTINS, load_path, resolve


def add_parser(commands: argparse._SubParsersAction) -> None:
    vectors = commands.add_parser(
        "vectors",
        help="word-vector sets and files",
        description="Inspect word-vector sets: the built-in ones, gensim-data sets and your files.",
    )
    actions = vectors.add_subparsers(dest="action", required=True, parser_class=type(vectors))
    info = actions.add_parser(
        "info",
        parents=[vector_options(), json_option()],
        help="name, format, D, words, distinct vectors and licence of one set",
        description="Load one set exactly as the app would (same checks, same row limit) and "
        "describe it. Name it with --builtin, --path or --vectors.",
    )
    which = info.add_mutually_exclusive_group()
    which.add_argument("--builtin", choices=BUILTINS, help="a built-in set")
    which.add_argument("--path", type=Path, metavar="FILE", help="a vector file")
    info.set_defaults(run=run, summary=summary)


def run(args: argparse.Namespace) -> dict:
    """The ``vectors info`` report: what a learner should know about the set."""
    if args.path is not None:
        vs = load_path(args.path, limit=args.limit)
    else:
        vs = resolve(args.builtin or args.vectors, limit=args.limit)
    return {
        "name": vs.name,
        "format": vs.file_format,
        "D": vs.dim,
        "words": vs.size,
        "distinct_vectors": vs.distinct,
        "licence": vs.licence,
    }


def summary(report: dict) -> str:
    return (
        f"{report['name']} ({report['format']}): D = {report['D']}, {report['words']:,} words, "
        f"{report['distinct_vectors']:,} distinct vectors, licence {report['licence']}"
    )
