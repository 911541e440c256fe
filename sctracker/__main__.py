"""Entry point for ``python -m sctracker``."""

import sys

from sctracker.cli import main

sys.exit(main())
