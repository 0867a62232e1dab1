"""Debian's Chromium driven by Playwright, and a loopback server for a built site."""

from __future__ import annotations

import atexit
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"

# Without Debian's chromium (scripts/test installs it) the browser tests are skipped, except
# in CI, where a missing browser must fail rather than pass quietly.
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("CI"),
    reason="Debian's chromium is not installed: run scripts/test, which installs it",
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


_driver: Any = None  # one Playwright per process: its sync API allows no second one at once


def _playwright() -> Any:
    global _driver
    if _driver is None:
        from playwright.sync_api import sync_playwright

        _driver = sync_playwright().start()
        atexit.register(_driver.stop)
    return _driver


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (Debian's, never a downloaded one).

    Several may be open at once (the session's and a test's own): they share one Playwright.
    """
    browser = _playwright().chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    try:
        yield browser
    finally:
        browser.close()
