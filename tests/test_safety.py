"""Nothing netjournal does may damage a file, and a broken file costs no site.

These drive the real `netjournal` command in a copy of a journal: `build`, `check`, `due`
and a `serve` process, edited while it runs. Every wait is bounded, and the server is always
stopped.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import MINIMAL_MKDOCS, REPO, TODAY

from netjournal.cli.publish import build_atomically
from netjournal.site_folder import write_marker

NETJOURNAL = str(Path(sys.executable).with_name("netjournal"))
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
Snapshot = dict[str, tuple[str, int]]


def snapshot(root: Path, *folders: str) -> Snapshot:
    """Each file under `folders` of `root`: a hash of its bytes, and its mtime in ns."""
    found = {}
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                found[path.relative_to(root).as_posix()] = (digest, path.stat().st_mtime_ns)
    return found


def run(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NETJOURNAL, *arguments],
        cwd=root,
        env=ENVIRONMENT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds}s for {what}")
        time.sleep(0.2)


class Server:
    """A real `netjournal serve` process on a free port, its stderr kept in a file."""

    def __init__(self, root: Path, log: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log = log
        with log.open("wb") as stderr:
            self.process = subprocess.Popen(
                [NETJOURNAL, "serve", "-a", f"127.0.0.1:{self.port}", "--today", str(TODAY)],
                cwd=root,
                env=ENVIRONMENT,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )

    def get(self, page: str) -> str | None:
        """The page's text, or None when the server does not answer it within 5 seconds."""
        url = f"http://127.0.0.1:{self.port}/{page}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except (OSError, urllib.error.URLError):
            return None

    def shows(self, page: str, text: str) -> Callable[[], bool]:
        return lambda: text in (self.get(page) or "")

    def said(self, text: str) -> Callable[[], bool]:
        return lambda: text in self.stderr()

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs cleans up
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@contextmanager
def serving(root: Path, log: Path) -> Iterator[Server]:
    server = Server(root, log)
    try:
        wait_for(
            lambda: server.get("") is not None or server.process.poll() is not None, 90, "serve"
        )
        assert server.process.poll() is None, server.stderr()
        yield server
    finally:
        server.stop()


def edit(root: Path, relative: str, addition: str, expected: Snapshot) -> None:
    """Add a line to a file as the user would, and record its new state in `expected`."""
    path = root / relative
    path.write_text(path.read_text(encoding="utf-8") + addition, encoding="utf-8")
    expected[relative] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the sample journal, with its own mkdocs.yml and docs."""
    root = tmp_path / "sample"
    for folder in ("contacts", "journal", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_build_check_due_and_serve_never_change_a_journal_file(sample: Path) -> None:
    expected = snapshot(sample, "contacts", "journal")
    assert len(expected) > 30
    assert run(sample, "build", "--today", str(TODAY)).returncode == 0
    assert run(sample, "check").returncode == 0
    assert run(sample, "check", "--format", "json").returncode == 0
    assert run(sample, "due", "--today", str(TODAY)).returncode == 0
    assert run(sample, "due", "--json").returncode == 0
    assert snapshot(sample, "contacts", "journal") == expected

    with serving(sample, sample.parent / "serve.log") as server:
        assert "Maria Chen" in (server.get("contacts/maria-chen.html") or "")
        edit(sample, "contacts/maria-chen.md", "\nMet again in March.\n", expected)
        wait_for(server.shows("contacts/maria-chen.html", "Met again in March."), 60, "a rebuild")
        entry = "journal/2025/2025-05-20-coffee-with-frank.md"
        edit(sample, entry, "\nA line added.\n", expected)
        wait_for(server.shows("journal/2025-05.html", "A line added."), 60, "a second rebuild")
    assert snapshot(sample, "contacts", "journal") == expected


@pytest.fixture
def small(tmp_path: Path) -> Path:
    root = tmp_path / "small"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    (root / "contacts").mkdir()
    (root / "contacts/jane-doe.md").write_text(
        "---\nname: Jane Doe\ncompany: Doe & Co\n---\nNotes.\n", encoding="utf-8"
    )
    (root / "journal").mkdir()
    (root / "journal/2026-11-01-call.md").write_text(
        "---\ndate: 2026-11-01\nwith: [jane-doe]\n---\n", encoding="utf-8"
    )
    return root


def test_serve_keeps_the_last_good_site_while_a_file_is_broken(small: Path) -> None:
    page, contact = "contacts/jane-doe.html", small / "contacts/jane-doe.md"
    with serving(small, small.parent / "serve.log") as server:
        assert "Doe &amp; Co" in (server.get(page) or "")

        contact.write_text("---\nname: Jane Doe\nsource: referal\n---\n", encoding="utf-8")
        wait_for(server.said("contacts/jane-doe.md:3:9: error NJ103"), 60, "the diagnostic")
        assert "did you mean 'referral'?" in server.stderr()
        time.sleep(1)  # let a wrongly started rebuild show itself
        assert "Doe &amp; Co" in (server.get(page) or ""), "the last good page is gone"
        assert server.process.poll() is None, "serve stopped on a broken file"

        contact.write_text("---\nname: Jane Doe\ncompany: Doe & Partners\n---\n", encoding="utf-8")
        wait_for(server.shows(page, "Doe &amp; Partners"), 60, "the rebuild after the fix")
    assert "Traceback" not in server.stderr()


def test_a_failed_build_leaves_every_file_of_the_previous_site(small: Path) -> None:
    assert run(small, "build", "--today", str(TODAY)).returncode == 0
    before = snapshot(small, "site")
    assert len(before) > 20
    (small / "journal/2026-11-02-bad.md").write_text("---\ndate: someday\n---\n", encoding="utf-8")
    result = run(small, "build", "--today", str(TODAY))
    assert result.returncode == 1
    assert "journal/2026-11-02-bad.md:2:7: error NJ104" in result.stderr + result.stdout
    assert snapshot(small, "site") == before
    assert sorted(p.name for p in small.iterdir()) == [
        "contacts",
        "docs",
        "journal",
        "mkdocs.yml",
        "site",
    ]


def test_a_build_that_dies_half_way_leaves_the_previous_site(tmp_path: Path) -> None:
    """Whatever stops a build (an error, Ctrl-C), the old site stays whole."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    write_marker(site)  # as every site netjournal builds

    class Config:
        site_dir = str(site)

    def half_a_build(config: Config) -> None:
        Path(config.site_dir, "index.html").write_text("new, half written", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_atomically(Config(), half_a_build)  # type: ignore[arg-type]
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
