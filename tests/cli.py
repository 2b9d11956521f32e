"""Run ``python -m convlab`` in this process, as the CLI tests all do."""

from __future__ import annotations

import pytest

from convlab.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``python -m convlab ARGS``."""
    try:
        code = main(list(args))
    except SystemExit as done:  # argparse's own usage errors leave through SystemExit
        code = done.code
    out, err = capsys.readouterr()
    return code, out, err
