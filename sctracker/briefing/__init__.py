"""The briefing pack: the dashboard served locally and driven in Debian's Chromium to write slide-ready files.

Needs playwright (the ``briefing`` extra, which ``make briefing`` installs); nothing else in the package imports it."""
