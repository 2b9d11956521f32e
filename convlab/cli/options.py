"""Options shared by several commands."""

from __future__ import annotations

import argparse

from convlab.vectors import BUILTINS, DEFAULT_VECTORS


def vector_options() -> argparse.ArgumentParser:
    """``--vectors``, for every command that embeds text (use as ``parents=[...]``)."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--vectors",
        default=DEFAULT_VECTORS,
        metavar="NAME",
        help=f"word vectors: a built-in set ({', '.join(BUILTINS)}; default {DEFAULT_VECTORS})",
    )
    return options
