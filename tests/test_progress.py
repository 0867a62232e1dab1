"""A long build shows how far it has got on a terminal, and nothing anywhere else."""

from __future__ import annotations

import io
import os
import pty

from click.testing import CliRunner
from conftest import TODAY

from netjournal import progress
from netjournal.cli import main
from netjournal.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_nothing_shows_for_a_short_job_then_one_line_rewritten_in_place_and_erased():
    terminal, clock = Terminal(), Clock()
    with Progress("Reading the journal", "files", 55_000, stream=terminal, clock=clock) as shown:
        shown.advance(100)
        assert terminal.getvalue() == ""  # under a second: an everyday command prints nothing
        clock.now += 1.5
        shown.advance(11_900)
        assert terminal.getvalue() == "\r\x1b[KReading the journal: 12,000 of 55,000 files"
        clock.now += 0.05
        shown.advance()
        assert terminal.getvalue().count("\r") == 1  # not redrawn more than 5 times a second
        clock.now += 0.3
        shown.advance()
        assert terminal.getvalue().endswith("\r\x1b[KReading the journal: 12,002 of 55,000 files")
    assert terminal.getvalue().endswith("\r\x1b[K")  # erased: what follows starts a clean line


def test_without_a_total_it_counts_and_a_pipe_or_a_log_gets_nothing():
    terminal, pipe, clock = Terminal(), io.StringIO(), Clock()
    counting = Progress("Reading", "files", stream=terminal, clock=clock)
    quiet = Progress("Reading", "files", stream=pipe, clock=clock)
    clock.now += 2
    for shown in (counting, quiet):
        shown.advance(3)
        shown.close()
    assert terminal.getvalue() == "\r\x1b[KReading: 3 files\r\x1b[K"
    assert pipe.getvalue() == ""


def test_a_real_terminal_is_told_apart_from_a_pipe():
    leader, follower = pty.openpty()
    try:
        with open(follower, "w", closefd=False) as terminal:
            assert Progress("x", "y", stream=terminal).shown
        reading, writing = os.pipe()
        with open(writing, "w") as pipe:
            assert not Progress("x", "y", stream=pipe).shown
        os.close(reading)
    finally:
        os.close(leader)
        os.close(follower)


def test_a_build_on_a_terminal_counts_every_page_converted_and_written(
    tmp_path, write, monkeypatch
):
    write("contacts/jane.md", "---\nname: Jane Doe\n---\n")
    write("journal/2026-11-01-call.md", "---\ndate: 2026-11-01\nwith: [jane]\n---\nA call.\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ntheme:\n  name: material\nplugins:\n  - search\n  - netjournal\n",
        encoding="utf-8",
    )
    (tmp_path / "docs").mkdir()

    def build() -> str:
        arguments = ["build", "-f", str(tmp_path / "mkdocs.yml"), "--today", TODAY.isoformat()]
        result = CliRunner().invoke(main, arguments)
        assert result.exit_code == 0, result.output
        return result.stderr

    assert "pages" not in build()  # CliRunner's stderr is no terminal: no progress at all
    monkeypatch.setattr(progress, "_is_terminal", lambda stream: True)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    shown = build()
    built = [path.name for path in (tmp_path / "site").rglob("*.html")]
    pages = len(built) - built.count("404.html")  # Material's 404 page is the theme's, not one
    assert "\r\x1b[KReading the journal: 2 of 2 files\r\x1b[K" in shown
    assert f"\r\x1b[KConverting pages to HTML: {pages} of {pages} pages\r\x1b[K" in shown
    assert f"\r\x1b[KWriting pages: {pages} of {pages} pages\r\x1b[K" in shown
    assert shown.index("Reading") < shown.index("Converting pages") < shown.index("Writing pages")


def test_check_and_due_on_a_terminal_count_the_files_read_then_say_what_they_always_said(
    tmp_path, write, monkeypatch
):
    for number in range(3):
        write(f"contacts/c{number}.md", f"---\nname: Person {number}\n---\n")
    write("journal/2026-11-01-call.md", "---\ndate: 2026-11-01\nwith: [c0]\n---\n")
    monkeypatch.chdir(tmp_path)
    quiet = CliRunner().invoke(main, ["check"])
    monkeypatch.setattr(progress, "_is_terminal", lambda stream: True)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    for command in (["check"], ["due", "--today", TODAY.isoformat()]):
        shown = CliRunner().invoke(main, command)
        assert shown.exit_code == 0, shown.output
        counting = "".join(f"\r\x1b[KReading the journal: {n} of 4 files" for n in range(1, 5))
        assert shown.stderr.startswith(counting + "\r\x1b[K")  # erased before anything else
        assert "Reading" not in shown.stdout
    assert "Reading" not in quiet.stderr
    # check's summary line reads as it always did, after the erased count:
    assert CliRunner().invoke(main, ["check"]).stderr.endswith(quiet.stderr)
