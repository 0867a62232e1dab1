"""Birthdays in the next 30 days: on the follow-ups page, the dashboard and `netjournal due`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY

from netjournal.cli import main
from netjournal.model import Birthday
from netjournal.queries.birthdays import next_birthday, readable_day, upcoming_birthdays
from netjournal.read.journal import read_texts
from netjournal.render import render_site
from netjournal.site import generate


def journal_of(birthdays: dict[str, str]):
    files = {
        f"contacts/{slug}.md": f"---\nname: {slug.capitalize()}\nbirthday: {value}\n---\n"
        for slug, value in birthdays.items()
    }
    result = read_texts(files)
    assert not result.problems, [str(p) for p in result.problems]
    return result.journal


def test_upcoming_birthdays_from_today_to_30_days_soonest_first():
    journal = journal_of(
        {
            "ann": '"--12-04"',  # no year: 11 days on
            "bob": "1979-12-15",  # turns 47
            "cy": '"--11-23"',  # today
            "dee": '"--12-23"',  # the 30th day: still in
            "eve": '"--12-24"',  # the 31st: out
            "fay": '"--11-22"',  # yesterday: next year, out
        }
    )
    found = upcoming_birthdays(journal, TODAY)
    assert [(b.contact.slug, b.day, b.in_days, b.age) for b in found] == [
        ("cy", date(2026, 11, 23), 0, None),
        ("ann", date(2026, 12, 4), 11, None),
        ("bob", date(2026, 12, 15), 22, 47),
        ("dee", date(2026, 12, 23), 30, None),
    ]
    assert [b.when for b in found[:2]] == ["today", "in 11 days"]


def test_a_birthday_early_next_year_is_upcoming_in_late_december():
    [found] = upcoming_birthdays(journal_of({"ann": "1990-01-05"}), date(2026, 12, 20))
    assert (found.day, found.in_days, found.age) == (date(2027, 1, 5), 16, 37)


@pytest.mark.parametrize(
    ("today", "celebrated"),
    [
        (date(2027, 2, 10), date(2027, 2, 28)),  # no 29 February in 2027: the 28th
        (date(2028, 2, 10), date(2028, 2, 29)),  # a leap year: the day itself
        (date(2027, 3, 1), date(2028, 2, 29)),  # just past: next year, a leap year
        (date(2027, 2, 28), date(2027, 2, 28)),  # the day it is kept is today
    ],
)
def test_a_29_february_birthday_is_kept_on_28_february_without_a_leap_day(today, celebrated):
    assert next_birthday(Birthday(2, 29, 2000), today) == celebrated
    assert next_birthday(Birthday(2, 29), today) == celebrated


def test_a_leap_day_birthday_turns_a_year_older_on_28_february():
    [found] = upcoming_birthdays(journal_of({"leap": "2000-02-29"}), date(2027, 2, 10))
    assert (found.day, found.age, readable_day(found.day)) == (date(2027, 2, 28), 27, "28 February")


def test_a_birthday_is_shown_as_a_person_writes_it_on_both_pages():
    journal = journal_of({"ann": '"--12-04"', "bob": "1979-12-15"})
    pages = render_site(journal, TODAY)
    for uri in ("follow-ups.md", "index.md"):
        page = pages[uri]
        assert "## Birthdays in the next 30 days (2)" in page
        assert "- **4 December** (in 11 days): [Ann](contacts/ann.md)\n" in page
        assert "- **15 December** (in 22 days): [Bob](contacts/bob.md), turns 47\n" in page
        assert "12-04" not in page


def test_no_birthday_coming_up_says_so():
    pages = render_site(journal_of({"ann": '"--06-01"'}), TODAY)
    assert (
        "## Birthdays in the next 30 days (0)\n\nNo birthdays in the next 30 days."
        in (pages["follow-ups.md"])
    )


@pytest.fixture
def journal_folder(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "contacts").mkdir()
    (tmp_path / "journal").mkdir()
    (tmp_path / "contacts/ann.md").write_text(
        '---\nname: Ann Quist\nbirthday: "--12-04"\n---\n', "utf-8"
    )
    (tmp_path / "contacts/bob.md").write_text(
        "---\nname: Bob Rayne\nbirthday: 1979-12-15\n---\n", "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_due_lists_birthdays_in_the_next_30_days(journal_folder):
    result = CliRunner().invoke(main, ["due", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("Birthdays in the next 30 days (2)")
    assert lines[start + 1 : start + 3] == [
        "  in 11 days  4 December  Ann Quist",
        "  in 22 days  15 December  Bob Rayne, turns 47",
    ]


def test_due_json_lists_birthdays_with_iso_days(journal_folder):
    result = CliRunner().invoke(main, ["due", "--today", TODAY.isoformat(), "--json"])
    report = json.loads(result.output)
    assert report["birthdays"] == [
        {"contact": "ann", "name": "Ann Quist", "day": "2026-12-04", "in_days": 11, "age": None},
        {"contact": "bob", "name": "Bob Rayne", "day": "2026-12-15", "in_days": 22, "age": 47},
    ]


def test_a_public_build_shows_no_birthday_unless_public_fields_lists_it(journal_folder):
    root = journal_folder
    public = generate(root, root / "contacts", root / "journal", TODAY, public=True)
    for uri in ("index.md", "follow-ups.md", "contacts/ann.md", "contacts/bob.md"):
        page = public.pages[uri]
        assert "December" not in page and "12-04" not in page and "1979" not in page
    assert "No birthdays in the next 30 days." in public.pages["index.md"]
    kept = generate(
        root, root / "contacts", root / "journal", TODAY, public=True, public_fields=("birthday",)
    )
    assert "- **4 December** (in 11 days): [Ann Quist]" in kept.pages["follow-ups.md"]
