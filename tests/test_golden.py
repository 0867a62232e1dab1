"""Every page `generate()` makes, pinned by a golden file under tests/golden/pages/.

A change to what a user sees fails here until the golden files are refreshed, and the
refresh shows up as a diff in review:

    .venv/bin/pytest tests/test_golden.py --update-golden

The journals: the sample (private and public builds), tests/golden/journals/branches (made
to take every branch of every template: met at an event and at a place, plans, private
records, referrals both ways, more than five overdue items) and an empty journal.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from conftest import REPO, TODAY

from netjournal.site import generate

GOLDEN = Path(__file__).parent / "golden"
JOURNALS = GOLDEN / "journals"
CASES = {
    "sample": (REPO, False),
    "sample-public": (REPO, True),
    "branches": (JOURNALS / "branches", False),
    "branches-public": (JOURNALS / "branches", True),
    "empty": (JOURNALS / "empty", False),
}


def _pages(case: str) -> dict[str, str]:
    root, public = CASES[case]
    site = generate(root, root / "contacts", root / "journal", TODAY, public=public)
    return site.pages


def _golden(case: str) -> dict[str, str]:
    folder = GOLDEN / "pages" / case
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.md"))
    }


def _write(case: str, pages: dict[str, str]) -> None:
    folder = GOLDEN / "pages" / case
    shutil.rmtree(folder, ignore_errors=True)  # only ever tests/golden/pages/<case>
    for uri, markdown in pages.items():
        path = folder / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")


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
    from netjournal.reader import read_journal

    assert read_journal(JOURNALS / "branches").problems == ()
