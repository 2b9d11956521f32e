"""Run the command line: ``python -m convlab --help``."""

import sys

from convlab.cli import main

sys.exit(main())
