"""Options shared by several commands."""

from __future__ import annotations

import argparse

from convlab.tokenize import TOKENIZERS
from convlab.vectors.files import DEFAULT_LIMIT
from convlab.vectors.gensim_data import SETS
from convlab.vectors.sets import BUILTINS, DEFAULT_VECTORS, ENV_VECTORS, VectorSet, resolve


def vector_options() -> argparse.ArgumentParser:
    """``--vectors`` and ``--limit``, for every command that embeds text (``parents=[...]``)."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--vectors",
        metavar="NAME|PATH",
        help=f"word vectors: a built-in set ({', '.join(BUILTINS)}), a gensim-data set "
        f"({', '.join(SETS)}; downloaded once) or a word2vec/GloVe/fastText .vec file; "
        f"default ${ENV_VECTORS}, else {DEFAULT_VECTORS}",
    )
    options.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"rows to read from a vector file or download (default {DEFAULT_LIMIT:,})",
    )
    return options


def tokenizer_option() -> argparse.ArgumentParser:
    """``--tokenizer``, for every command that takes a sentence (``parents=[...]``)."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--tokenizer",
        choices=TOKENIZERS,
        default=TOKENIZERS[0],
        help="split Chinese into jieba's words or single characters (default words)",
    )
    return options


def json_option(what: str = "print one JSON object") -> argparse.ArgumentParser:
    """``--json``, for every command (``parents=[...]``)."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--json", action="store_true", help=what)
    return options


def data_options() -> argparse.ArgumentParser:
    """``--data``, ``--text-col`` and ``--label-col``, for every command that reads a corpus."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--data", required=True, help="an MR-layout folder or a CSV/TSV file")
    options.add_argument("--text-col", help="the text column of a CSV/TSV (default: guessed)")
    options.add_argument("--label-col", help="the label column of a CSV/TSV (default: guessed)")
    return options


def vectors_from(args: argparse.Namespace) -> VectorSet:
    """The set ``--vectors`` and ``--limit`` name."""
    return resolve(args.vectors, limit=args.limit)
