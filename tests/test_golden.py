"""Every page `generate()` makes, pinned by a golden file under tests/golden/pages/.

A change to what a user sees fails here until the golden files are refreshed, and the
refresh shows up as a diff in review:

    .venv/bin/pytest tests/test_golden.py --update-golden

The journals: the sample (private and public builds), tests/golden/journals/branches (made
to take every branch of every template: met at an event and at a place, plans, private
records, referrals both ways, more than five overdue items), tests/golden/journals/vault (an
Obsidian/Foam-style journal: daily notes, wikilinks, aliases, a private contact with an alias;
private and public builds), an empty journal, and the four vaults of tests/vaults/ (an
Obsidian CRM, a Dataview vault, vCard-style properties, a Foam workspace), each read with its
own mkdocs.yml.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from conftest import REPO, TODAY

from netjournal.options import read_options
from netjournal.site import generate

GOLDEN = Path(__file__).parent / "golden"
JOURNALS = GOLDEN / "journals"
CASES = {
    "sample": (REPO, False),
    "sample-public": (REPO, True),
    "branches": (JOURNALS / "branches", False),
    "branches-public": (JOURNALS / "branches", True),
    "empty": (JOURNALS / "empty", False),
    "vault": (JOURNALS / "vault", False),
    "vault-public": (JOURNALS / "vault", True),
}
# Issue 14's acceptance vaults, each built with nothing edited but its own mkdocs.yml.
VAULTS = Path(__file__).parent / "vaults"
VAULT_CASES = {
    f"vaults/{name}": (VAULTS / name, False)
    for name in ("obsidian-crm", "dataview", "vcard", "foam")
}
CASES.update(VAULT_CASES)


def _pages(case: str) -> dict[str, str]:
    root, public = CASES[case]
    if case in VAULT_CASES:  # read as a user's mkdocs.yml says: folders, exclude, keys
        options = read_options(root / "mkdocs.yml")
        site = generate(
            root,
            options.contact_folders,
            options.journal_folders,
            TODAY,
            public=public,
            git_history=False,
            conventions=options.conventions,
        )
    else:
        # The journals live in this repository: its git history must not change their pages.
        site = generate(
            root, root / "contacts", root / "journal", TODAY, public=public, git_history=False
        )
    files = {uri: text for uri, text in site.files.items() if isinstance(text, str)}
    return {**site.pages, **files}  # the pages and the calendar feed


def _golden(case: str) -> dict[str, str]:
    folder = GOLDEN / "pages" / case
    return {
        path.relative_to(folder).as_posix(): path.read_bytes().decode("utf-8")
        for path in sorted(folder.rglob("*"))
        if path.suffix in (".md", ".ics")
    }


def _write(case: str, pages: dict[str, str]) -> None:
    folder = GOLDEN / "pages" / case
    shutil.rmtree(folder, ignore_errors=True)  # only ever tests/golden/pages/<case>
    for uri, markdown in pages.items():
        path = folder / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8", newline="")  # a feed's CRLF kept


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_generated_page_matches_its_golden_file(case: str, update_golden: bool) -> None:
    pages = _pages(case)
    if update_golden:
        _write(case, pages)
    golden = _golden(case)
    assert sorted(pages) == sorted(golden), "pages added or gone: refresh with --update-golden"
    diffs = [
        "".join(
            difflib.unified_diff(
                golden[uri].splitlines(keepends=True),
                pages[uri].splitlines(keepends=True),
                f"golden/{case}/{uri}",
                f"generated/{uri}",
            )
        )
        for uri in sorted(pages)
        if pages[uri] != golden[uri]
    ]
    assert not diffs, "\n".join(diffs) + "\nrefresh with --update-golden if this is intended"


def test_the_branches_journal_reads_without_a_problem() -> None:
    from netjournal.read.journal import read_journal

    assert read_journal(JOURNALS / "branches").problems == ()


# Bugs an independent review once planted without any test noticing. Each must now change
# a pinned page: (template, text as shipped, text as planted), or a query replaced.
PLANTED_IN_TEMPLATES = {
    "given and received swapped on the dashboard": (
        "dashboard.md.j2",
        "**{{ view.referrals_given }} given**, **{{ view.referrals_received }} received**",
        "**{{ view.referrals_received }} given**, **{{ view.referrals_given }} received**",
    ),
    "'overdue by' removed from a contact page": (
        "contact.md.j2",
        " (**overdue by {{ status.days_late | days }}**)",
        "",
    ),
    "a kind's name dropped from the journal index": (
        "journal.md.j2",
        "{{ kind }} {{ count }}",
        "{{ count }}",
    ),
}


def _swapped(ledger: list) -> tuple[int, int]:
    return sum(len(b.received) for b in ledger), sum(len(b.given) for b in ledger)


PLANTED_IN_QUERIES = {
    "kinds returns nothing": ("kinds", lambda entries: []),
    "referral_totals swapped": ("referral_totals", _swapped),
}


@pytest.mark.parametrize("bug", sorted(PLANTED_IN_TEMPLATES))
def test_a_bug_planted_in_a_template_changes_a_golden_page(bug: str, monkeypatch) -> None:
    import jinja2

    name, shipped, planted = PLANTED_IN_TEMPLATES[bug]
    original = jinja2.PackageLoader.get_source

    def get_source(self, environment, template):  # type: ignore[no-untyped-def]
        source, filename, uptodate = original(self, environment, template)
        if template == name:
            assert shipped in source, f"{name} no longer holds the text this test plants over"
            source = source.replace(shipped, planted)
        return source, filename, uptodate

    monkeypatch.setattr(jinja2.PackageLoader, "get_source", get_source)
    assert _pages("sample") != _golden("sample")


@pytest.mark.parametrize("bug", sorted(PLANTED_IN_QUERIES))
def test_a_bug_planted_in_a_query_changes_a_golden_page(bug: str, monkeypatch) -> None:
    from netjournal import queries

    name, planted = PLANTED_IN_QUERIES[bug]
    monkeypatch.setattr(queries, name, planted)
    assert _pages("sample") != _golden("sample")
