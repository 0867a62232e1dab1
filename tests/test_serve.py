"""`netjournal serve` as a user meets it: private, never stuck, never silently stale.

Each test runs a real `netjournal serve` process on a free localhost port. Every wait is
bounded, and the process is always stopped.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINIMAL_MKDOCS, TODAY
from test_safety import ENVIRONMENT, NETJOURNAL, Server, wait_for

from netjournal.cli import main


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PlainServer(Server):
    """`netjournal serve` with only the arguments given: no `-a` unless asked for."""

    def __init__(
        self,
        root: Path,
        log: Path,
        port: int,
        *arguments: str,
        environment: dict[str, str] = ENVIRONMENT,
    ) -> None:
        self.port, self.log = port, log
        with log.open("wb") as stderr:
            self.process = subprocess.Popen(
                [NETJOURNAL, "serve", "--today", str(TODAY), *arguments],
                cwd=root,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )


@contextmanager
def serving(root: Path, port: int | None = None) -> Iterator[PlainServer]:
    """Serve `root` on `port` as mkdocs.yml says, or with `-a` on a free port of 127.0.0.1."""
    arguments = () if port else ("-a", f"127.0.0.1:{(port := free_port())}")
    server = PlainServer(root, root.parent / "serve.log", port, *arguments)
    try:
        up = lambda: server.get("") is not None or server.process.poll() is not None  # noqa: E731
        wait_for(up, 90, "serve")
        assert server.process.poll() is None, server.stderr()
        yield server
    finally:
        server.stop()


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    root = tmp_path / "journal-root"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    (root / "contacts").mkdir()
    (root / "contacts/jane-doe.md").write_text("---\nname: Jane Doe\n---\n", encoding="utf-8")
    (root / "journal").mkdir()
    (root / "journal/2026-11-01-call.md").write_text("---\ndate: 2026-11-01\n---\n", "utf-8")
    return root


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def test_serve_stays_on_this_computer_whatever_dev_addr_says(journal):
    port = free_port()
    with (journal / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"dev_addr: 0.0.0.0:{port}\n")
    with serving(journal, port=port) as server:
        assert answers("127.0.0.1", port)
        # On Linux all of 127/8 reaches this computer: a server on 0.0.0.0 answers there too.
        assert not answers("127.0.0.2", port), "serve listens on every interface"
        assert (
            f"Serving your journal at http://127.0.0.1:{port}/ (this computer only) — Ctrl+C to "
            "stop" in server.stderr()
        )
        assert "dev_addr asks for 0.0.0.0" in server.stderr()


def test_serve_on_a_port_in_use_is_a_sentence(journal):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [NETJOURNAL, "serve", "-a", f"127.0.0.1:{port}"],
            cwd=journal,
            env=ENVIRONMENT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}: something else" in result.stderr
    assert f"-a 127.0.0.1:{port + 1}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("address", ["127.0.0.1:99999", "127.0.0.1", "127.0.0.1:http"])
def test_an_address_that_cannot_be_served_is_a_sentence(journal, monkeypatch, address):
    monkeypatch.chdir(journal)
    result = CliRunner().invoke(main, ["serve", "-a", address])
    assert result.exit_code == 2
    assert "Invalid value for -a/--dev-addr" in result.output
    assert "port 99999 does not exist" in result.output or "is not IP:PORT" in result.output


def test_a_journal_folder_missing_at_start_is_a_sentence(journal):
    shutil.rmtree(journal / "contacts")
    result = subprocess.run(
        [NETJOURNAL, "serve", "-a", f"127.0.0.1:{free_port()}"],
        cwd=journal,
        env=ENVIRONMENT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert f"the contacts folder {journal / 'contacts'} does not exist" in result.stderr


def test_serve_keeps_the_last_good_site_while_mkdocs_yml_is_broken(journal):
    page = "contacts/jane-doe.html"
    config = journal / "mkdocs.yml"
    with serving(journal) as server:
        assert "Jane Doe" in (server.get(page) or "")
        config.write_text(MINIMAL_MKDOCS + "extra: [\n", encoding="utf-8")
        wait_for(server.said("still serving the site as it was"), 60, "the sentence")
        assert "mkdocs.yml:8: this is not valid YAML" in server.stderr()
        assert "Jane Doe" in (server.get(page) or ""), "the last good site is gone, or hangs"

        config.write_text(MINIMAL_MKDOCS, encoding="utf-8")
        (journal / "contacts/jane-doe.md").write_text("---\nname: Jane Roe\n---\n", "utf-8")
        wait_for(server.shows(page, "Jane Roe"), 60, "the rebuild after the fix")
        assert re.search(
            r"Rebuilt at \d\d:\d\d:\d\d: 1 contact, 1 entry \(\d+ of \d+ pages rebuilt"
            r"(; checking the others)?\) — up to "
            "date again",
            server.stderr(),
        )
    assert "Traceback" not in server.stderr()


def test_serve_follows_contacts_deleted_and_made_again(journal):
    """As `git checkout` can do: the folder goes, comes back, and is watched again."""
    page, contacts = "contacts/jane-doe.html", journal / "contacts"
    with serving(journal) as server:
        assert "Jane Doe" in (server.get(page) or "")
        contacts.rename(journal.parent / "contacts-away")
        wait_for(server.said("the contacts folder"), 60, "a sentence about the missing folder")
        assert "does not exist" in server.stderr()
        assert "Jane Doe" in (server.get(page) or ""), "the last good site is gone, or hangs"

        (journal.parent / "contacts-away").rename(contacts)
        (contacts / "jane-doe.md").write_text("---\nname: Jane Roe\n---\n", "utf-8")
        wait_for(server.shows(page, "Jane Roe"), 60, "the rebuild of the folder made again")
        (contacts / "jane-doe.md").write_text("---\nname: Jane Poe\n---\n", "utf-8")
        wait_for(server.shows(page, "Jane Poe"), 60, "a rebuild on the next save")
    assert "Traceback" not in server.stderr()


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGINT"])
def test_the_served_copy_of_the_site_is_removed_when_serve_stops(journal, stop):
    """The copy holds the private site: it must not outlive serve in the temporary folder.

    SIGINT is sent to a process started in the background, where shells ignore it.
    """
    import signal

    temporary = journal.parent / "tmp"
    temporary.mkdir()
    port = free_port()
    process = subprocess.Popen(
        [NETJOURNAL, "serve", "--today", str(TODAY), "-a", f"127.0.0.1:{port}"],
        cwd=journal,
        env={**ENVIRONMENT, "TMPDIR": str(temporary)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        wait_for(lambda: answers("127.0.0.1", port) or process.poll() is not None, 90, "serve")
        assert next(p.name for p in temporary.iterdir()).startswith("netjournal-serve-")
        process.send_signal(getattr(signal, stop))
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert list(temporary.iterdir()) == []


TIME = r"\d\d:\d\d:\d\d"
PAGES = r"\(\d+ of \d+ pages rebuilt\)"  # a new contact: every page


def test_serve_says_where_to_look_and_what_each_rebuild_showed(journal):
    """The address to open, a line per rebuild, and the errors that kept the last good site."""
    page, contact = "contacts/jane-doe.html", journal / "contacts/jane-doe.md"
    with serving(journal) as server:
        said = server.stderr()
        assert re.search(f"Built at ({TIME}): 1 contact, 1 entry\n", said), said
        assert re.search(r"Serving your journal at http://127\.0\.0\.1:\d+/ ", said), said
        built_at = re.search(f"Built at ({TIME})", said).group(1)

        (journal / "contacts/ann-lee.md").write_text("---\nname: Ann Lee\n---\n", "utf-8")
        wait_for(server.said("2 contacts, 1 entry"), 60, "the rebuild line")
        assert re.search(f"Rebuilt at {TIME}: 2 contacts, 1 entry {PAGES}\n", server.stderr())
        # Saved again unchanged (an editor's second event): the line says nothing changed.
        (journal / "contacts/ann-lee.md").write_text("---\nname: Ann Lee\n---\n", "utf-8")
        wait_for(server.said("(no page changed)"), 60, "the line for a save changing no page")
        assert re.search(
            f"Rebuilt at {TIME}: 2 contacts, 1 entry \\(no page changed\\)\n", server.stderr()
        )

        contact.write_text("---\nname: Jane Doe\nsource: referal\n---\n", encoding="utf-8")
        wait_for(server.said("Not rebuilt at"), 60, "the line about the failed rebuild")
        rebuilt_at = re.findall(f"Rebuilt at ({TIME}): 2 contacts", server.stderr())[-1]
        after = server.stderr().split("pages rebuilt)\n")[-1]
        error = "contacts/jane-doe.md:3:9: error NJ103 source: unknown source 'referal'"
        assert after.index(error) < after.index("Not rebuilt at "), after
        assert re.search(
            f"Not rebuilt at {TIME}: still showing the site of {rebuilt_at} until the errors "
            "above are fixed",
            after,
        ), after
        assert "Ann Lee" in (server.get("contacts/ann-lee.html") or "")
        assert "Jane Doe" in (server.get(page) or ""), "the last good site is gone"
        assert built_at <= rebuilt_at
    assert "Traceback" not in server.stderr()


def test_serve_serves_a_new_journal_without_docs_and_leaves_no_folder_behind(tmp_path):
    """A clone of an `init` journal has no docs/: serve lends an empty one, and removes it."""
    root = tmp_path / "new"
    init = CliRunner().invoke(main, ["init", str(root), "--today", str(TODAY)])
    assert init.exit_code == 0, init.output
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port, environment = free_port(), {**ENVIRONMENT, "TMPDIR": str(temporary)}
    address = ("-a", f"127.0.0.1:{port}")
    server = PlainServer(root, tmp_path / "serve.log", port, *address, environment=environment)
    try:
        wait_for(server.shows("contacts/alex-example.html", "Alex Example"), 90, "the site")
        assert "Built at" in server.stderr() and "1 contact, 1 entry" in server.stderr()
    finally:
        server.stop()
    assert not (root / "docs").exists()
    assert list(temporary.iterdir()) == [], "serve left its folders in the temporary folder"
