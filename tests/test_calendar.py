"""The calendar feed: `netjournal export ics`, and the `calendar.ics` a private site publishes.

Every test reads the feed back with icalendar's own parser, as a calendar app would.
"""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import MINIMAL_MKDOCS, REPO, TODAY
from dateutil.rrule import rrulestr
from icalendar import Calendar, Event

from netjournal.cli import main
from netjournal.read.journal import read_journal
from netjournal.site import generate

SAMPLE_MKDOCS = (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def run(*arguments: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(arguments))


def events(text: str | bytes) -> list[Event]:
    calendar = Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))


def by_summary(text: str | bytes) -> dict[str, Event]:
    return {str(event["SUMMARY"]): event for event in events(text)}


def uids(text: str | bytes) -> dict[str, str]:
    """{uid: summary}"""
    return {str(event["UID"]): str(event["SUMMARY"]) for event in events(text)}


@pytest.fixture
def sample(tmp_path, monkeypatch) -> Path:
    """A copy of the sample journal (pinned to 2026-11-23), the working folder."""
    for folder in ("contacts", "journal", "docs"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    (tmp_path / "mkdocs.yml").write_text(SAMPLE_MKDOCS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def journal(tmp_path, write, monkeypatch) -> Path:
    """A small journal in the working folder: one follow-up open, one done, a plan, a birthday."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    write("contacts/jane.md", "---\nname: Jane Doe\nbirthday: 1990-05-17\n---\n")
    write(
        "journal/2026-11-01-call.md",
        """
        ---
        date: 2026-11-01
        kind: call
        with: [jane]
        follow_ups:
          - {what: Send the article, due: 2026-11-10}
          - {what: Book the room, due: 2026-11-12, done: true}
        ---
        """,
    )
    write("journal/2026-12-03-lunch.md", "---\ndate: 2026-12-03 12:30\nwith: [jane]\n---\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def export(*options: str) -> str:
    result = run("export", "ics", "--today", TODAY.isoformat(), *options)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")  # as written: CRLF line ends


# What goes in the feed


@pytest.mark.parametrize("today", [TODAY, date(2026, 11, 1)])
def test_the_sample_feed_has_one_event_per_open_follow_up_plan_and_birthday(sample, today):
    journal = read_journal(sample).journal
    written = [f for c in journal.contacts.values() for f in c.follow_ups]
    written += [f for e in journal.entries for f in e.follow_ups]
    open_ones = [f for f in written if not f.done]
    done = [f for f in written if f.done]
    plans = [e for e in journal.entries if e.date > today]
    past = [e for e in journal.entries if e.date <= today]
    born = [c for c in journal.contacts.values() if c.birthday is not None]
    assert done and past and born and open_ones  # the sample has each kind to leave out

    result = run("export", "ics", "--today", today.isoformat())
    assert result.exit_code == 0, result.output
    found = events(result.output)
    kinds = [str(event["CATEGORIES"].cats[0]) for event in found]
    assert kinds.count("follow-up") == len(open_ones)
    assert kinds.count("plan") == len(plans)
    assert kinds.count("birthday") == len(born)
    assert len(found) == len(open_ones) + len(plans) + len(born)
    assert len({str(event["UID"]) for event in found}) == len(found)

    summaries = {str(event["SUMMARY"]) for event in found}
    for follow_up in done:
        assert not any(follow_up.what in summary for summary in summaries)
    plan_titles = {str(e["SUMMARY"]) for e in found if e["CATEGORIES"].cats[0] == "plan"}
    assert plan_titles == {e.title for e in plans}
    # An overdue follow-up stays on the day it was due.
    overdue = min(open_ones, key=lambda f: f.due)
    assert overdue.due < today
    event = next(e for e in found if overdue.what in str(e["SUMMARY"]))
    assert event.decoded("DTSTART") == overdue.due
    assert event.decoded("DTEND") == overdue.due + timedelta(days=1)


def test_the_sample_on_1_november_has_a_timed_plan_of_an_hour(sample):
    found = by_summary(export("--today", "2026-11-01"))
    meeting = found[
        "BNI weekly meeting -- visitor day planning"
    ]  # journal/2026/2026-11-19-bni-meeting.md: 07:00
    assert meeting.decoded("DTSTART") == datetime(2026, 11, 19, 7, 0)
    assert meeting.decoded("DTEND") == datetime(2026, 11, 19, 8, 0)
    assert str(meeting["TRANSP"]) == "OPAQUE"


def test_a_follow_up_names_its_contact_and_file_and_a_plan_its_people(journal):
    found = by_summary(export())
    follow_up = found["Follow up: Send the article (Jane Doe)"]
    assert follow_up.decoded("DTSTART") == date(2026, 11, 10)
    assert "journal/2026-11-01-call.md" in str(follow_up["DESCRIPTION"])
    assert "Jane Doe" in str(follow_up["DESCRIPTION"])
    assert str(follow_up["TRANSP"]) == "TRANSPARENT"  # a reminder, not a busy day
    assert not any("Book the room" in summary for summary in found)  # done
    lunch = found["Lunch"]
    assert lunch.decoded("DTSTART") == datetime(2026, 12, 3, 12, 30)
    assert "With: Jane Doe" in str(lunch["DESCRIPTION"])
    assert set(found) == {"Follow up: Send the article (Jane Doe)", "Lunch", "Birthday: Jane Doe"}


def test_an_entry_dated_today_or_before_is_not_a_plan(journal, write):
    write("journal/2026-11-23-today.md", "---\ndate: 2026-11-23 23:00\n---\n")
    assert "Today" not in by_summary(export())
    assert "Today" in by_summary(export("--today", "2026-11-22"))


def test_a_time_with_a_zone_is_given_in_utc_and_one_without_stays_as_written(journal, write):
    write("journal/2026-12-01-zoned.md", "---\ndate: 2026-12-01T18:30+01:00\n---\n")
    text = export()
    zoned = by_summary(text)["Zoned"]
    assert zoned.decoded("DTSTART") == datetime(2026, 12, 1, 17, 30, tzinfo=timezone.utc)
    assert "DTSTART:20261201T173000Z" in text  # no TZID an app could not resolve
    assert "DTSTART:20261203T123000\r\n" in text  # floating: 12:30 wherever the reader is


def test_a_birthday_recurs_every_year_with_or_without_a_year(journal, write):
    write("contacts/frank.md", '---\nname: Frank\nbirthday: "--03-14"\n---\n')
    found = by_summary(export())
    for name, month, day in (("Jane Doe", 5, 17), ("Frank", 3, 14)):
        days = _occurrences(found[f"Birthday: {name}"], 2026, 2031)
        assert days == [date(year, month, day) for year in range(2026, 2032)]


def test_a_29_february_birthday_comes_once_a_year_on_the_last_day_of_february(journal, write):
    write("contacts/leap.md", "---\nname: Leap Year\nbirthday: 1992-02-29\n---\n")
    write("contacts/leaper.md", '---\nname: No Year\nbirthday: "--02-29"\n---\n')
    found = by_summary(export())
    for name in ("Leap Year", "No Year"):
        days = _occurrences(found[f"Birthday: {name}"], 2025, 2033)
        assert [day.year for day in days] == list(range(2025, 2034))  # one a year
        assert [day for day in days if day.day == 29] == [date(2028, 2, 29), date(2032, 2, 29)]
        assert all(day.month == 2 and day.day in (28, 29) for day in days)


def _occurrences(event: Event, first: int, last: int) -> list[date]:
    """The days `event` falls on from `first` to `last` (years), expanded as apps do."""
    start = event.decoded("DTSTART")
    assert isinstance(start, date) and not isinstance(start, datetime)  # all-day
    assert event.decoded("DTEND") == start + timedelta(days=1)
    rule = event["RRULE"].to_ical().decode()
    dtstart = datetime.combine(start, datetime.min.time())
    found = rrulestr(rule, dtstart=dtstart).between(
        datetime(first, 1, 1), datetime(last, 12, 31, 23, 59), inc=True
    )
    return [moment.date() for moment in found]


# Stable and reproducible


def test_the_same_journal_and_today_give_byte_identical_output(sample, tmp_path):
    first = run("export", "ics").stdout_bytes
    second = run("export", "ics").stdout_bytes
    assert first == second and first.startswith(b"BEGIN:VCALENDAR\r\n")
    run("export", "ics", "-o", "one.ics")
    run("export", "ics", "-o", "two.ics")
    assert (tmp_path / "one.ics").read_bytes() == (tmp_path / "two.ics").read_bytes() == first
    later = run("export", "ics", "--today", "2026-11-24").stdout_bytes
    assert later != first  # the stamp follows today, not the clock


def test_uids_do_not_change_with_an_unrelated_edit_or_another_day(sample, write):
    before = uids(export())
    write(
        "contacts/aaron-new.md",
        """
        ---
        name: Aaron New
        birthday: 1980-01-01
        follow_ups:
          - {what: Say hello, due: 2026-12-01}
        ---
        """,
    )
    after = uids(export())
    assert set(before) < set(after)
    assert {uid: after[uid] for uid in before} == before
    assert sorted(set(after.values()) - set(before.values())) == [
        "Birthday: Aaron New",
        "Follow up: Say hello (Aaron New)",
    ]
    next_week = uids(export("--today", "2026-11-30"))
    assert next_week == after  # no plans in the sample that week: the very same events


def test_a_promise_written_twice_in_one_file_gets_two_uids(journal, write):
    write(
        "journal/2026-11-02-twice.md",
        """
        ---
        date: 2026-11-02
        follow_ups:
          - {what: Call Jane, due: 2026-11-20}
          - {what: Call Jane, due: 2026-11-20}
        ---
        """,
    )
    twice = [uid for uid, summary in uids(export()).items() if summary == "Follow up: Call Jane"]
    assert len(twice) == 2


# User text is data


HOSTILE = "Call back; then, maybe\nsend <script>alert(1)</script> to Zoë 李伟 \\ done"


def test_user_text_round_trips_in_summary(journal, write):
    quoted = HOSTILE.replace("\\", "\\\\").replace("\n", "\\n")
    write(
        "contacts/odd.md",
        f"""
        ---
        name: "Doe; Jane, <b>Zoë</b>"
        birthday: "--07-01"
        follow_ups:
          - {{what: "{quoted}", due: 2026-12-01}}
        ---
        """,
    )
    write("journal/2026-12-02-plan.md", f'---\ndate: 2026-12-02\ntitle: "{quoted}"\n---\n')
    text = export()
    found = by_summary(text)
    assert f"Follow up: {HOSTILE} (Doe; Jane, <b>Zoë</b>)" in found
    assert HOSTILE in found
    assert "Birthday: Doe; Jane, <b>Zoë</b>" in found
    # Escaped as RFC 5545 asks: the newline never ends the line, `;` and `,` never split it.
    assert "maybe\\nsend" in text.replace("\r\n ", "")
    assert "\nsend <script>" not in text
    assert "Call back\\; then\\, maybe" in text


# Private records


PRIVATE_NAMES = ("cleo", "Cleo", "CLEO", "Quill")


@pytest.fixture
def private_journal(journal, write) -> Path:
    write(
        "contacts/cleo-quill.md",
        """
        ---
        name: Cleo Quill
        email: cleo@example.com
        birthday: 1988-04-04
        private: true
        follow_ups:
          - {what: Send Cleo the contract, due: 2026-12-01}
        ---
        """,
    )
    write(
        "journal/2026-12-10-lunch-with-cleo-quill.md",
        """
        ---
        date: 2026-12-10
        title: Lunch with Cleo Quill
        kind: meal
        with: [jane, cleo-quill]
        follow_ups:
          - {what: Thank Cleo Quill for lunch, due: 2026-12-11}
          - {what: Book the next one, due: 2026-12-12, who: cleo-quill}
          - {what: Write up the notes, due: 2026-12-13}
        ---
        """,
    )
    write(
        "journal/2026-12-20-secret.md",
        "---\ndate: 2026-12-20\ntitle: Secret plan\nprivate: true\n---\n",
    )
    return journal


def test_the_private_feed_has_the_private_records(private_journal):
    text = export()
    assert "Cleo Quill" in text
    assert "Secret plan" in by_summary(text)


def test_public_feed_leaks_no_private_record_or_name(private_journal):
    text = export("--public")
    unfolded = text.replace("\r\n ", "")
    for name in PRIVATE_NAMES:
        assert name not in unfolded
    found = by_summary(text)
    assert "Secret plan" not in found
    assert "Meal" in found  # the public entry, its title naming Cleo replaced by its kind
    assert "Follow up: Write up the notes (Jane Doe)" in found
    assert (
        "In journal/" not in unfolded and ".md" not in unfolded
    )  # a file's name may name someone: no paths in public
    assert not any(summary.startswith("Birthday") for summary in found)  # a personal field


def test_public_fields_birthday_publishes_public_birthdays_only(private_journal):
    config = MINIMAL_MKDOCS.replace(
        "  - netjournal\n", "  - netjournal:\n      public_fields: [birthday]\n"
    )
    Path("mkdocs.yml").write_text(config, encoding="utf-8")
    found = by_summary(export("--public"))
    assert "Birthday: Jane Doe" in found
    assert not any("Cleo" in summary for summary in found)


def test_public_in_mkdocs_yml_makes_the_export_public(private_journal):
    config = MINIMAL_MKDOCS.replace("  - netjournal\n", "  - netjournal:\n      public: true\n")
    Path("mkdocs.yml").write_text(config, encoding="utf-8")
    assert "Cleo" not in export()


# The site's feed


def test_the_built_site_publishes_the_feed_and_links_it(sample, build_site):
    site = build_site(config=SAMPLE_MKDOCS)
    feed = (site / "calendar.ics").read_bytes()
    assert feed == run("export", "ics").stdout_bytes  # the same feed, the same day
    assert events(feed)
    dashboard = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="calendar.ics"' in dashboard
    assert "Subscribe in your calendar app" in dashboard

    public = build_site("--public", config=SAMPLE_MKDOCS)
    assert not (public / "calendar.ics").exists()
    dashboard = (public / "index.html").read_text(encoding="utf-8")
    assert "calendar.ics" not in dashboard and "Subscribe in your calendar app" not in dashboard


def test_a_calendar_ics_of_your_own_in_docs_is_kept(private_journal, build_site):
    (private_journal / "docs" / "calendar.ics").write_text("mine", encoding="utf-8")
    site = build_site()
    assert (site / "calendar.ics").read_text(encoding="utf-8") == "mine"


def test_a_public_site_has_no_feed_and_names_no_private_contact(private_journal, build_site):
    site = build_site("--public")
    assert not (site / "calendar.ics").exists()
    assert not [p for p in site.rglob("*.ics")]


# -o


def test_output_writes_the_file_and_replaces_an_earlier_export(journal, write):
    result = run("export", "ics", "--today", "2026-11-23", "-o", "feed.ics")
    assert result.exit_code == 0, result.output
    assert "Wrote 3 events to feed.ics" in result.output
    assert result.stdout == ""
    write("contacts/ann.md", "---\nname: Ann\nbirthday: 1970-01-02\n---\n")
    os.chmod("feed.ics", 0o640)
    assert run("export", "ics", "--today", "2026-11-23", "-o", "feed.ics").exit_code == 0
    assert "Birthday: Ann" in by_summary(Path("feed.ics").read_bytes())
    assert Path("feed.ics").stat().st_mode & 0o777 == 0o640  # its permissions kept
    assert sorted(os.listdir(journal)) == [
        "contacts",
        "docs",
        "feed.ics",
        "journal",
        "mkdocs.yml",
    ]  # no temporary file left


def test_output_dash_prints_to_stdout(journal):
    assert "BEGIN:VCALENDAR" in export("-o", "-")


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("docs", "is a folder"),
        ("contacts/feed.ics", "inside the journal's contacts folder"),
        ("journal/2026/feed.ics", "inside the journal's journal folder"),
        ("nowhere/feed.ics", "does not exist"),
        ("mkdocs.yml", "is not an earlier export of this kind"),
    ],
)
def test_output_refusals(journal, target, says):
    before = _snapshot(journal)
    result = run("export", "ics", "--today", "2026-11-23", "-o", target)
    assert result.exit_code == 2
    assert says in result.output and "-o/--output" in result.output
    assert "Traceback" not in result.output
    assert _snapshot(journal) == before


def test_output_through_a_link_into_the_journal_is_refused(journal):
    os.symlink(journal / "journal" / "feed.ics", journal / "feed.ics")
    before = _snapshot(journal)
    result = run("export", "ics", "--today", "2026-11-23", "-o", "feed.ics")
    assert result.exit_code == 2 and "inside the journal's journal folder" in result.output
    assert _snapshot(journal) == before


def test_another_calendar_is_not_replaced(journal):
    other = "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar//EN\r\nEND:VCALENDAR\r\n"
    Path("holidays.ics").write_text(other, encoding="utf-8", newline="")
    result = run("export", "ics", "--today", "2026-11-23", "-o", "holidays.ics")
    assert result.exit_code == 2 and "not an earlier export of this kind" in result.output
    assert Path("holidays.ics").read_bytes() == other.encode()


def test_a_journal_with_an_error_exports_nothing(journal, write):
    write("contacts/bad.md", "---\nname: Bad\nbirthday: 2026-02-30\n---\n")
    result = run("export", "ics", "--today", "2026-11-23", "-o", "feed.ics")
    assert result.exit_code == 1
    assert "contacts/bad.md:3" in result.output and "fix them" in result.output
    assert not Path("feed.ics").exists()


def test_a_bad_today_is_blamed_on_today(journal):
    result = run("export", "ics", "--today", "2026-13-01")
    assert result.exit_code == 2 and "--today" in result.output


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() if path.is_file() else b"<dir>"
        for path in sorted(root.rglob("*"))
    }


def test_the_site_feed_follows_each_change_and_another_today(journal, write):
    """The site makes its feed on every build (each save under serve): a changed follow-up
    or another day gives the new feed, the same journal the same one."""

    def feed(today: date) -> str:
        site = generate(journal, journal / "contacts", journal / "journal", today)
        text = site.files["calendar.ics"]
        assert isinstance(text, str)
        return text

    first = feed(TODAY)
    assert feed(TODAY) == first and "Send the article" in first
    write(
        "journal/2026-11-01-call.md",
        "---\ndate: 2026-11-01\nwith: [jane]\nfollow_ups:\n"
        "  - {what: Send the slides, due: 2026-11-10}\n---\n",
    )
    changed = feed(TODAY)
    assert "Send the slides" in changed and "Send the article" not in changed
    assert feed(date(2026, 12, 4)) != changed  # the lunch is past: no longer a plan
