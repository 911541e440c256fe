"""The browser benchmark behind ``make bench-browser``: every page in Debian's Chromium against an empty page
served beside it (``harness``: serving, the browser, readiness, CPU accounting; ``run``: the steps, the table)."""
