"""``python -m benchmarks.browser``: the browser benchmark (``benchmarks.browser.run``)."""

import sys

from benchmarks.browser.run import main

sys.exit(main())
