"""``python -m convlab``: the app's computations as commands, for scripts and checks.

Each command lives in its own module here and registers itself with
``add_parser``, setting ``run`` (arguments in, JSON-ready dict out) and
``summary`` (that dict as readable text). Commands call the same library
functions as the pages. Bad input ends with exit status 2 and one line on
stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn

from convlab.cli import activations, equivalence, ngrams, shape, train, vectors
from convlab.errors import InputError

EXIT_BAD_INPUT = 2
COMMANDS = (equivalence, shape, vectors, train, ngrams, activations)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def parser() -> argparse.ArgumentParser:
    root = Parser(prog="python -m convlab", description=__doc__.splitlines()[0])
    commands = root.add_subparsers(dest="command", required=True, parser_class=Parser)
    for command in COMMANDS:
        command.add_parser(commands)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        report = args.run(args)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(json.dumps(report, ensure_ascii=False) if args.json else args.summary(report))
    return 0
