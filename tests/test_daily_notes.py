"""Daily notes (a dated file name, no front matter or no `date:`) and titles made from a
note's first heading or its file name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from conftest import TODAY, messages

from netjournal.model import ContactRef, Journal
from netjournal.queries.touches import touch_summaries
from netjournal.read.journal import ReadResult, read_record, read_texts
from netjournal.read.titles import first_heading, known_words, title_from_slug
from netjournal.render import render_site

MARCO = "---\nname: Marco Rossi\n---\n"


def test_a_foam_daily_note_without_front_matter_is_an_entry_of_its_date(
    journal_of: Callable[..., Journal],
) -> None:
    journal = journal_of(
        {
            "contacts/marco-rossi.md": MARCO,
            "journal/2026-11-20.md": "# Friday\n\nCoffee with [[Marco Rossi]].\n",
        }
    )
    [entry] = journal.entries
    assert (entry.date, entry.title, entry.time) == (date(2026, 11, 20), "Friday", None)
    assert entry.body == "Coffee with [[Marco Rossi]]."  # the heading became the title
    assert entry.with_ == ("marco-rossi",)  # linked in a daily note: met that day
    assert touch_summaries(journal, TODAY)["marco-rossi"].last == date(2026, 11, 20)


def test_a_daily_note_without_a_heading_is_titled_by_its_date_or_its_name(
    journal_of: Callable[..., Journal],
) -> None:
    journal = journal_of(
        {
            "contacts/marco-rossi.md": MARCO,
            "journal/2026-11-20.md": "Quiet day.\n",
            "journal/2026-11-21-call-with-marco.md": "Short call.\n",
            "journal/2026-11-22.md": "",
        }
    )
    titles = [entry.title for entry in journal.entries]
    assert titles == ["20 November 2026", "Call with Marco", "22 November 2026"]


def test_front_matter_without_a_date_takes_it_from_the_file_name(
    journal_of: Callable[..., Journal],
) -> None:
    journal = journal_of(
        {
            "contacts/marco-rossi.md": MARCO,
            "journal/2026-03-04-bni-meeting.md": "---\nkind: meeting\nwith: [marco-rossi]\n---\n",
        }
    )
    [entry] = journal.entries
    assert (entry.date, entry.title, entry.kind) == (date(2026, 3, 4), "BNI meeting", "meeting")


def test_a_date_in_the_file_wins_over_the_date_in_its_name_with_a_warning_naming_both() -> None:
    result = read_texts({"journal/2026-03-04-call.md": "---\ndate: 2026-03-05 10:30\n---\n"})
    [entry] = result.journal.entries
    assert entry.date == date(2026, 3, 5) and entry.time is not None
    [problem] = result.problems
    assert (problem.code, problem.line, problem.column) == ("NJ146", 2, 7)
    assert problem.message.startswith("date: 2026-03-05 is not 2026-03-04, the date the file")


def test_a_date_that_agrees_with_the_file_name_is_no_warning() -> None:
    result = read_texts({"journal/2026-03-04-call.md": "---\ndate: 2026-03-04 10:30\n---\n"})
    assert messages(result) == []


def test_a_daily_note_with_a_date_counts_the_people_it_links_to_as_met(
    journal_of: Callable[..., Journal],
) -> None:
    journal = journal_of(
        {
            "contacts/marco-rossi.md": MARCO,
            "journal/daily/2026-11-20.md": "---\ndate: 2026-11-20\n---\nCoffee, [[Marco Rossi]].\n",
        }
    )
    [entry] = journal.entries
    assert entry.with_ == ("marco-rossi",)
    assert touch_summaries(journal, TODAY)["marco-rossi"].last == date(2026, 11, 20)


@pytest.mark.parametrize(
    ("path", "text", "code"),
    [
        ("journal/call-with-marco.md", "Notes only.\n", "NJ002"),  # no date anywhere
        ("journal/2026-13-45.md", "Notes only.\n", "NJ002"),  # not a real date
        ("contacts/2026-11-20.md", "Notes only.\n", "NJ002"),  # contacts need front matter
        ("journal/2026-11-20.md", "+++\ntitle = 'x'\n+++\n", "NJ002"),  # TOML, not a note
        ("journal/2026-11-20.md", "\n---\ntitle: x\n---\n", "NJ002"),  # front matter too low
        ("journal/2026-11-20.md", "—\ntitle: x\n—\n", "NJ002"),  # a dash for '---'
        ("journal/call.md", "---\ntitle: Call\n---\n", "NJ101"),  # no date anywhere
    ],
)
def test_a_file_that_is_no_daily_note_is_still_reported(path: str, text: str, code: str) -> None:
    result = read_texts({path: text})
    assert [p.code for p in result.problems] == [code], messages(result)


def test_a_writer_checks_a_daily_note_as_the_reader_reads_it() -> None:
    found, problems = read_record("journal/2026-11-20.md", "# Friday\n")
    assert problems == [] and found is not None and found.title == "Friday"


def test_a_daily_note_renders_under_its_title_with_its_links() -> None:
    result: ReadResult = read_texts(
        {
            "contacts/marco-rossi.md": MARCO,
            "journal/2026-11-20.md": "# Friday with [[Marco Rossi|Marco]]\n\nSaw [[marco-rossi]].",
        }
    )
    assert result.problems == ()
    [entry] = result.journal.entries
    assert entry.title == "Friday with Marco" and entry.links == (ContactRef("marco-rossi"),)
    page = render_site(result.journal, TODAY)["journal/2026-11.md"]
    assert "## Friday with Marco {#2026-11-20}" in page
    assert '<a href="../../contacts/marco-rossi/" rel="noopener noreferrer">Marco Rossi</a>' in page


@pytest.mark.parametrize(
    ("slug", "title"),
    [
        ("2026-03-04-bni-meeting", "BNI meeting"),
        ("2026-03-04-call-with-marco", "Call with Marco"),
        ("2026-03-04-ceo-lunch-at-acmeco", "CEO lunch at ACMECO"),
        ("2026-03-04_coffee_with_marco", "Coffee with Marco"),
        ("coffee-with-marco", "Coffee with Marco"),
        ("2026-03-04", "4 March 2026"),
        ("2026-03-04-", "4 March 2026"),
        ("q3-review", "Q3 review"),
    ],
)
def test_a_title_from_a_file_name_keeps_the_casing_of_known_names_and_acronyms(
    slug: str, title: str
) -> None:
    known = known_words(["Marco Rossi", "DJ Q3"], ["Lunch at ACMECO", "Q3 planning"])
    assert title_from_slug(slug, known) == title


def test_known_words_come_from_names_and_from_capitals_in_the_journals_texts() -> None:
    known = known_words(["Marco Rossi", "de la Cruz"], ["NASA visit", "Acme Ltd", "A plan"])
    assert known["marco"] == "Marco" and known["rossi"] == "Rossi" and known["nasa"] == "NASA"
    assert "de" not in known and "acme" not in known and "a" not in known
    assert known["bni"] == "BNI"  # the built-in acronyms


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("# Friday\n\nText.", ("Friday", "Text.")),
        ("\n\n## Friday ##\nText.", ("Friday", "Text.")),
        ("Intro.\n\n# Later\n", ("Later", "Intro.\n\n# Later\n")),  # kept in the note
        ("#tag line\n# Real", ("Real", "#tag line\n# Real")),
        ("```\n# not a heading\n```\n# Real", ("Real", "```\n# not a heading\n```\n# Real")),
        ("    # indented code", None),
        ("# \n#\nText", None),
        ("# C# notes", ("C# notes", "")),
        ("# [[Marco Rossi|Marco]] visit", ("Marco visit", "")),
    ],
)
def test_the_first_heading_of_a_note(body: str, found: tuple[str, str] | None) -> None:
    assert first_heading(body) == found


def test_a_heading_of_hostile_length_is_read_fast() -> None:
    import time

    started = time.perf_counter()
    first_heading("# " + "# " * 500_000 + "x")
    first_heading("# x" + " #" * 500_000)
    title_from_slug("2026-01-01" + "-" * 1_000_000 + "x")
    assert time.perf_counter() - started < 2
