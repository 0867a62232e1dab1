"""netjournal's own work grows with the journal, not with its square; the benchmark's
generated journal is the same every time and is never written over a folder in use."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

from netjournal.read.journal import read_journal
from netjournal.render import render_site

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import TODAY, write_journal


def own_work(root: Path) -> float:
    """CPU seconds netjournal takes to read, query and render the journal at `root`."""
    began = time.process_time()
    result = read_journal(root)
    render_site(result.journal, TODAY, calendar_feed="calendar.ics")
    return time.process_time() - began


def test_twice_the_journal_takes_about_twice_the_time(tmp_path):
    """A query that scans every entry for every contact would take 4 times as long."""
    for contacts in (20, 250, 500):
        write_journal(contacts, tmp_path / str(contacts))
    own_work(tmp_path / "20")  # templates compiled, modules imported: not counted
    small = own_work(tmp_path / "250")
    large = own_work(tmp_path / "500")
    assert large / small < 3, f"{small:.2f} s for 250 contacts, {large:.2f} s for 500"


def test_the_generated_journal_is_the_same_every_time_and_reads_cleanly(tmp_path):
    write_journal(40, tmp_path / "a")
    write_journal(40, tmp_path / "b")
    files = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    assert len(files) == 40 + 400 + 1  # contacts, entries, mkdocs.yml
    for relative in files:
        assert (tmp_path / "a" / relative).read_bytes() == (tmp_path / "b" / relative).read_bytes()
    assert sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*")) == sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*")
    )
    result = read_journal(tmp_path / "a")
    assert not result.errors, [str(p) for p in result.errors]
    journal = result.journal
    assert len(journal.contacts) == 40 and len(journal.entries) == 400
    assert any(entry.date > TODAY for entry in journal.entries)  # plans
    assert any(contact.private for contact in journal.contacts.values())
    assert any(contact.introduced_by for contact in journal.contacts.values())
    assert any(entry.referrals for entry in journal.entries)
    assert any(entry.links for entry in journal.entries)


def test_the_generator_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.md").write_text("mine\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="not a new or empty folder"):
        write_journal(5, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]
