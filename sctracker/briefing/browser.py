"""Serve the dashboard on a free local port and drive it in Debian's Chromium (tests, screenshots, briefing packs).

Nothing here reaches the network: the server binds to 127.0.0.1 and Chromium runs with background
networking off. Playwright's own browser download is never used.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from sctracker import paths

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_args(euid: int | None = None) -> list[str]:
    """Chromium's command-line switches for this user (``euid``: the effective user id, default this process's).

    Chromium's sandbox refuses to start as root (it needs an unprivileged user to drop to), so there, and only
    there, it runs with ``--no-sandbox``: in containers and CI, which run as root. A person's ``make briefing``
    runs as themselves and keeps the sandbox, which is what stands between a page and their files.
    """
    euid = os.geteuid() if euid is None else euid
    return CHROMIUM_ARGS + (["--no-sandbox"] if euid == 0 else [])


READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(
    curated: Path | None = None, seeds: Path | None = None, timeout: float = 60, root: Path | None = None, script: str = "dashboard.py"
) -> Iterator[str]:
    """Run ``streamlit run dashboard.py`` on a free loopback port; yield its base URL; stop it after.

    Args:
        curated, seeds: folders to serve (default: the project's own).
        timeout: seconds to wait for the health endpoint.
        root: the folder to serve from (default: this project); it goes first on ``PYTHONPATH``, so another
            checkout (the benchmark's ``--root``) runs its own package, and its ``.streamlit/config.toml`` applies.
        script: the entry script in ``root`` (the benchmark serves its empty page this way).
    """
    root = root or paths.PROJECT_ROOT
    port = free_port()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    if curated:
        env[paths.CURATED_ENV] = str(curated)
    if seeds:
        env[paths.SEEDS_ENV] = str(seeds)
    command = [
        sys.executable, "-m", "streamlit", "run", str(root / script),
        "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    # the server's output goes to a file: a pipe no one reads would stall a long-running server once full
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"{script} did not start on {url}: {log.read().decode(errors='replace')[-2000:]}")
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def chromium(width: int = 1400, height: int = 900, scale: float = 1) -> Iterator:
    """A headless Chromium page (playwright), with every request off this machine aborted.

    ``scale`` is the device pixel ratio: 2 gives screenshots at twice screen resolution.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=chromium_args())
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale)
            page = context.new_page()
            page.route("**/*", _local_only)
            yield page
        finally:
            browser.close()


def _local_only(route) -> None:
    url = route.request.url
    if url.startswith(("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def wait_until_drawn(page, timeout_ms: int = 60_000) -> None:
    """Wait until the script has finished, no skeleton or stale element (faded while a rerun replaces it) is left and
    every chart has drawn."""
    page.wait_for_selector(READY, timeout=timeout_ms)
    page.wait_for_function('() => !document.querySelector(\'[data-testid="stSkeleton"], [data-stale="true"]\')', timeout=timeout_ms)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'))
              && [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')].every(c => c.querySelector('canvas'))""",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(500)  # charts animate in; a screenshot taken at once catches them half drawn


def full_page_screenshot(page, path: Path) -> None:
    """Screenshot the whole page: the app scrolls inside stMain, so grow the window to its height first."""
    height = page.evaluate("() => (document.querySelector('[data-testid=\"stMain\"]') || document.body).scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": max(600, min(int(height) + 40, 12_000))})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
