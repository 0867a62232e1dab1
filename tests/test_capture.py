"""Capture from the terminal: `new contact`, `log` and `done`, as a user runs them."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import MINIMAL_MKDOCS

from netjournal.cli import capture, main
from netjournal.model import ContactRef
from netjournal.queries import follow_up_ids as ids_module
from netjournal.queries.follow_up_ids import follow_up_ids
from netjournal.read.journal import read_journal, read_texts
from netjournal.write.relative_dates import Looking, UnreadableDate, resolve_date

TODAY = "2026-11-23"  # a Monday
MONDAY = date(2026, 11, 23)

CALL = """\
---
date: 2026-11-01
kind: call
with: [jane-doe]
follow_ups:
  - what: Send the proposal
    due: 2026-11-10
    who: jane-doe
  - what: Book lunch
    due: 2026-11-25
---
Talked about the proposal.
"""


@pytest.fixture
def journal(tmp_path, write, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    write("contacts/jane-doe.md", "---\nname: Jane Doe\n---\n")
    write("contacts/tom-okafor.md", "---\nname: Tom Okafor\n---\n")
    write("journal/2026/2026-11-01-call.md", CALL)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*arguments: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(arguments))


def read_back(root: Path):
    """The journal as `check` reads it; the test fails on any problem."""
    result = read_journal(root)
    assert not result.problems, [str(p) for p in result.problems]
    return result.journal


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.md")}


# new contact


def test_new_contact_writes_a_file_that_reads_back(journal):
    result = run(
        "new", "contact", "Ana Lima", "--company", "Lima & Co", "--source", "network-referral",
        "--introduced-by", "jane-doe", "--tag", "lawyer", "--tag", "bni", "--email",
        "ana@example.com", "--email", "ana@lima.example", "--phone", "0123",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "contacts/ana-lima.md\n"
    ana = read_back(journal).contacts["ana-lima"]
    assert (ana.name, ana.company, ana.introduced_by) == ("Ana Lima", "Lima & Co", "jane-doe")
    assert ana.source is not None and ana.source.value == "network-referral"
    assert ana.tags == ("lawyer", "bni")
    assert ana.emails == ("ana@example.com", "ana@lima.example")
    assert ana.phones == ("0123",)  # as typed, never the number 123


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Hans Christian Ørsted", "hans-christian-orsted"),
        ("Дмитрий", "dmitrii"),
        ("李伟", "li-wei"),
    ],
)
def test_a_name_in_any_script_gets_a_stable_slug(journal, name, slug):
    result = run("new", "contact", name)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"contacts/{slug}.md\n"
    assert read_back(journal).contacts[slug].name == name


def test_an_existing_slug_is_refused_with_a_free_one_suggested(journal):
    before = files(journal)
    result = run("new", "contact", "Jane Doe", "--company", "Other")
    assert result.exit_code == 1
    assert "contacts/jane-doe.md exists" in result.output
    assert "--slug jane-doe-2" in result.output and "Traceback" not in result.output
    assert files(journal) == before
    assert run("new", "contact", "Jane Doe", "--slug", "jane-doe-2").exit_code == 0
    result = read_journal(journal)  # a namesake nothing tells apart: `check` asks (NJ116)
    assert [(p.code, p.path) for p in result.problems] == [("NJ116", "contacts/jane-doe-2.md")]
    assert result.journal.contacts["jane-doe-2"].name == "Jane Doe"


def test_a_slug_differing_only_in_capitals_is_taken_too(journal, write):
    write("contacts/Ana-Lima.md", "---\nname: Ana Lima\n---\n")
    result = run("new", "contact", "Ana Lima")
    assert result.exit_code == 1 and "--slug ana-lima-2" in result.output
    assert not (journal / "contacts/ana-lima.md").exists()


def test_a_name_giving_no_slug_asks_for_one(journal):
    before = files(journal)
    result = run("new", "contact", "!!!")
    assert result.exit_code == 1 and "--slug" in result.output
    assert files(journal) == before
    assert run("new", "contact", "!!!", "--slug", "bang").exit_code == 0
    assert read_back(journal).contacts["bang"].name == "!!!"


def test_a_slug_that_is_no_slug_is_refused(journal):
    result = run("new", "contact", "Ana", "--slug", "../Ana Lima")
    assert result.exit_code == 1 and "is not a slug" in result.output
    assert not list(journal.rglob("*ana*"))


@pytest.mark.parametrize(
    ("option", "typed", "suggested"),
    [
        ("--introduced-by", "jane", "jane-doe"),
        ("--introduced-by", "Tom Okafor", "tom-okafor"),
        ("--introduced-by", "jane-deo", "jane-doe"),
        ("--source", "referal", "referral"),
    ],
)
def test_an_unknown_introducer_or_source_is_refused_with_the_closest(
    journal, option, typed, suggested
):
    before = files(journal)
    result = run("new", "contact", "Ana Lima", option, typed)
    assert result.exit_code == 1
    assert option in result.output and f"did you mean '{suggested}'?" in result.output
    assert files(journal) == before


USER_TEXT = ["Coffee <script>alert(1)</script>", "---", "a | b", "[x](y)", "key: value", "- no"]


def test_user_text_round_trips_as_text_in_a_contact(journal):
    arguments = ["new", "contact", "Zoë <b>Quill</b>", "--company", "key: value", "--slug", "zq"]
    for tag in USER_TEXT:
        arguments += ["--tag", tag]
    assert run(*arguments).exit_code == 0
    zoe = read_back(journal).contacts["zq"]
    assert (zoe.name, zoe.company, zoe.tags) == ("Zoë <b>Quill</b>", "key: value", tuple(USER_TEXT))


def test_new_contact_dry_run_prints_the_file_and_writes_nothing(journal):
    before = files(journal)
    result = run("new", "contact", "Ana Lima", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout == "---\nname: Ana Lima\n---\n"
    assert "contacts/ana-lima.md" in result.stderr and "Nothing written" in result.stderr
    assert files(journal) == before


def test_new_contact_writes_into_the_folder_mkdocs_yml_names(tmp_path, monkeypatch):
    site = tmp_path / "elsewhere"
    (site / "people").mkdir(parents=True)
    (site / "journal").mkdir()
    config = MINIMAL_MKDOCS.replace("  - netjournal\n", "  - netjournal:\n      contacts: people\n")
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("new", "contact", "Ana Lima", "-f", "elsewhere/mkdocs.yml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "elsewhere/people/ana-lima.md\n"
    assert not (tmp_path / "contacts").exists() and not (site / "contacts").exists()


# log


def test_log_writes_an_entry_in_the_year_folder(journal):
    result = run(
        "log", "Coffee with Jane", "--with", "jane-doe", "--with", "tom-okafor", "--kind",
        "coffee", "--date", "2026-11-20", "--follow-up", "Send the article", "--due", "7d",
        "--follow-up", "Call Tom", "--due", "friday", "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "journal/2026/2026-11-20-coffee-with-jane.md\n"
    [entry] = [e for e in read_back(journal).entries if e.slug.endswith("coffee-with-jane")]
    assert (entry.date, entry.title, entry.kind) == (
        date(2026, 11, 20),
        "Coffee with Jane",
        "coffee",
    )
    assert entry.with_ == ("jane-doe", "tom-okafor") and not entry.private
    follow_ups = [(f.what, f.due, f.done) for f in entry.follow_ups]
    assert follow_ups == [
        ("Send the article", date(2026, 11, 30), False),  # 7 days after --today
        ("Call Tom", date(2026, 11, 27), False),  # the first Friday after --today
    ]


def test_log_dates_default_to_today_and_look_back(journal):
    assert run("log", "Call", "--today", TODAY).stdout == "journal/2026/2026-11-23-call.md\n"
    result = run("log", "Lunch", "--date", "friday", "--today", TODAY, "--private")
    assert result.stdout == "journal/2026/2026-11-20-lunch.md\n"  # the last Friday
    [lunch] = [e for e in read_back(journal).entries if e.slug == "2026-11-20-lunch"]
    assert lunch.private


def test_a_taken_entry_name_gets_a_number(journal, write):
    write("journal/2026-11-20-coffee-with-jane.md", "---\ndate: 2026-11-20\n---\n")
    first = run("log", "Coffee with Jane", "--date", "2026-11-20")
    second = run("log", "Coffee with Jane", "--date", "2026-11-20")
    assert first.stdout == "journal/2026/2026-11-20-coffee-with-jane-2.md\n"
    assert second.stdout == "journal/2026/2026-11-20-coffee-with-jane-3.md\n"
    assert len(read_back(journal).entries) == 4


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("jane", "jane-doe"), ("Tom Okafor", "tom-okafor"), ("tom-okafr", "tom-okafor")],
)
def test_an_unknown_with_is_refused_with_the_closest(journal, typed, suggested):
    before = files(journal)
    result = run("log", "Coffee", "--with", "jane-doe", "--with", typed, "--today", TODAY)
    assert result.exit_code == 1
    assert f"--with {typed!r}" in result.output
    assert f"did you mean '{suggested}'?" in result.output
    assert files(journal) == before


@pytest.mark.parametrize(
    ("option", "typed"),
    [
        ("--date", "31/01/2026"),
        ("--date", "2026-02-30"),
        ("--due", "soonish"),
        ("--due", "3 minutes"),
    ],
)
def test_a_date_that_cannot_be_read_names_the_option(journal, option, typed):
    before = files(journal)
    arguments = ["log", "Coffee", option, typed, "--today", TODAY]
    if option == "--due":
        arguments += ["--follow-up", "Call"]
    result = run(*arguments)
    assert result.exit_code == 2
    assert f"Invalid value for {option}" in result.output and "Traceback" not in result.output
    assert files(journal) == before


def test_each_follow_up_needs_its_own_due(journal):
    before = files(journal)
    result = run("log", "Coffee", "--follow-up", "a", "--follow-up", "b", "--due", "7d")
    assert result.exit_code == 2 and "2 --follow-up and 1 --due" in result.output
    assert files(journal) == before


def test_user_text_round_trips_as_text_in_an_entry(journal):
    arguments = ["log", "Coffee <script>", "--today", TODAY]
    for what in USER_TEXT:
        arguments += ["--follow-up", what, "--due", "2w"]
    assert run(*arguments).stdout == "journal/2026/2026-11-23-coffee-script.md\n"
    [entry] = [e for e in read_back(journal).entries if e.title == "Coffee <script>"]
    assert [f.what for f in entry.follow_ups] == USER_TEXT


def test_log_dry_run_prints_the_file_and_writes_nothing(journal):
    before = files(journal)
    result = run("log", "Coffee", "--with", "jane-doe", "--today", TODAY, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith("---\ndate: 2026-11-23\ntitle: Coffee\n")
    assert "journal/2026/2026-11-23-coffee.md" in result.stderr
    assert files(journal) == before


# relative dates


@pytest.mark.parametrize(
    ("typed", "forward", "back"),
    [
        ("today", "2026-11-23", "2026-11-23"),
        ("Yesterday", "2026-11-22", "2026-11-22"),
        ("tomorrow", "2026-11-24", "2026-11-24"),
        ("7d", "2026-11-30", "2026-11-16"),
        ("2w", "2026-12-07", "2026-11-09"),
        ("3m", "2027-02-23", "2026-08-23"),
        ("1y", "2027-11-23", "2025-11-23"),
        ("2026-01-05", "2026-01-05", "2026-01-05"),
        ("monday", "2026-11-30", "2026-11-16"),  # never today itself
        ("fri", "2026-11-27", "2026-11-20"),
        ("next monday", "2026-11-30", "2026-11-30"),
        ("last  friday", "2026-11-20", "2026-11-20"),
    ],
)
def test_relative_dates_against_a_fixed_today(typed, forward, back):
    assert resolve_date(typed, MONDAY, Looking.FORWARD).isoformat() == forward
    assert resolve_date(typed, MONDAY, Looking.BACK).isoformat() == back


def test_months_are_calendar_months():
    assert resolve_date("1m", date(2026, 1, 31), Looking.FORWARD) == date(2026, 2, 28)
    assert resolve_date("1m", date(2026, 3, 31), Looking.BACK) == date(2026, 2, 28)


DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@pytest.mark.parametrize("offset", range(7))
def test_weekdays_mean_the_nearest_one_after_or_before_today(offset):
    """What dateparser does for each weekday from each day of a week, as documented."""
    today = MONDAY + timedelta(days=offset)
    for number, name in enumerate(DAYS):
        after = resolve_date(name, today, Looking.FORWARD)
        before = resolve_date(name, today, Looking.BACK)
        assert after.weekday() == before.weekday() == number
        assert 1 <= (after - today).days <= 7 and 1 <= (today - before).days <= 7
        for looking in Looking:
            assert resolve_date(f"next {name}", today, looking) == after
            assert resolve_date(f"last {name[:3]}", today, looking) == before


@pytest.mark.parametrize(
    "typed", ["", "soon", "3 minutes", "01/02/2026", "next week", "in 3 days", "2026-13-01", "3x"]
)
def test_other_forms_are_refused(typed):
    with pytest.raises(UnreadableDate):
        resolve_date(typed, MONDAY, Looking.FORWARD)


# done


def changed_lines(before: bytes, after: bytes) -> tuple[list[bytes], list[bytes]]:
    """The lines (with their endings) only in `before`, and only in `after`, once the common
    start and end are set aside: a one-line edit leaves at most one on each side."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return old[start : len(old) - end], new[start : len(new) - end]


def follow_up(root: Path, what: str):
    journal = read_back(root)
    found = [f for e in journal.entries for f in e.follow_ups]
    found += [f for c in journal.contacts.values() for f in c.follow_ups]
    [one] = [f for f in found if f.what == what]
    return one


def test_done_inserts_one_line_under_a_block_item(journal):
    path = journal / "journal/2026/2026-11-01-call.md"
    before = path.read_bytes()
    result = run("done", "send the PROPOSAL", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "journal/2026/2026-11-01-call.md:6" in result.output
    assert changed_lines(before, path.read_bytes()) == ([], [b"    done: 2026-11-23\n"])
    assert path.read_bytes().split(b"\n")[8] == b"    done: 2026-11-23"  # under `who`
    done = follow_up(journal, "Send the proposal")
    assert (done.done, done.done_on) == (True, MONDAY)
    assert not follow_up(journal, "Book lunch").done


def test_done_replaces_done_false_and_keeps_crlf_and_the_byte_order_mark(journal):
    path = journal / "journal/2026/2026-11-01-call.md"
    text = CALL.replace(
        "    due: 2026-11-25\n", "    due: 2026-11-25\n    done: false  # not yet\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    before = path.read_bytes()
    assert run("done", "book lunch", "--on", "yesterday", "--today", TODAY).exit_code == 0
    after = path.read_bytes()
    assert changed_lines(before, after) == (
        [b"    done: false  # not yet\r\n"],
        [b"    done: 2026-11-22  # not yet\r\n"],
    )
    assert after.startswith(b"\xef\xbb\xbf---\r\n") and b"\r\r" not in after
    assert follow_up(journal, "Book lunch").done_on == date(2026, 11, 22)


def test_done_inserts_a_crlf_line_in_a_crlf_file(journal):
    path = journal / "journal/2026/2026-11-01-call.md"
    path.write_bytes(CALL.replace("\n", "\r\n").encode("utf-8"))
    before = path.read_bytes()
    assert run("done", "Book lunch", "--today", TODAY).exit_code == 0
    assert changed_lines(before, path.read_bytes()) == ([], [b"    done: 2026-11-23\r\n"])
    assert follow_up(journal, "Book lunch").done


FLOW = (
    "---\ndate: 2026-11-01\nfollow_ups: [{what: 'Call Jane, then Tom', due: 2026-11-10}, "
    "{what: Book lunch, due: 2026-11-25, done: }]\n---\n"
)


def test_done_edits_inside_the_braces_of_flow_style(journal):
    path = journal / "journal/2026/2026-11-01-call.md"
    path.write_text(FLOW, encoding="utf-8")
    assert run("done", "call jane", "--today", TODAY).exit_code == 0
    _, [line] = changed_lines(FLOW.encode(), path.read_bytes())
    assert line == (
        b"follow_ups: [{what: 'Call Jane, then Tom', due: 2026-11-10, done: 2026-11-23}, "
        b"{what: Book lunch, due: 2026-11-25, done: }]\n"
    )
    assert run("done", "book lunch", "--today", TODAY).exit_code == 0
    assert path.read_text(encoding="utf-8").endswith("due: 2026-11-25, done: 2026-11-23}]\n---\n")
    assert follow_up(journal, "Call Jane, then Tom").done
    assert follow_up(journal, "Book lunch").done


def test_done_edits_a_contacts_lone_follow_up(journal, write):
    text = (
        "---\nname: Ana Lima\nfollow_ups:\n  what: Send the card\n  due: 2026-11-20\n---\nNotes\n"
    )
    path = write("contacts/ana-lima.md", text)
    assert run("done", "card", "--today", TODAY).exit_code == 0
    assert changed_lines(text.encode(), path.read_bytes()) == ([], [b"  done: 2026-11-23\n"])
    assert follow_up(journal, "Send the card").origin == ContactRef("ana-lima")


def test_done_never_cuts_into_a_block_of_text(journal, write):
    """A `#` line inside a literal block is text, not a comment: `done` goes under `due`."""
    text = (
        "---\nname: Ana Lima\nfollow_ups:\n  - what: Send the card\n    due: 2026-11-20\n"
        "    who: |\n      Ana's office\n      # 2 Main St\n---\n"
    )
    path = write("contacts/ana-lima.md", text)
    assert run("done", "card", "--today", TODAY).exit_code == 0
    assert changed_lines(text.encode(), path.read_bytes()) == ([], [b"    done: 2026-11-23\n"])
    assert path.read_bytes().split(b"\n")[5] == b"    done: 2026-11-23"
    card = follow_up(journal, "Send the card")
    assert card.done and card.who is not None and "# 2 Main St" in str(card.who)


def test_done_refuses_cleanly_what_it_cannot_edit_safely(journal):
    path = journal / "journal/2026/2026-11-01-call.md"
    text = CALL.replace("    due: 2026-11-25\n", "    due: 2026-11-25\n    done: 'later'\n")
    path.write_text(text, encoding="utf-8")  # a `done` the reader cannot read (NJ108)
    result = run("done", "book lunch", "--today", TODAY)
    assert result.exit_code == 1
    assert "journal/2026/2026-11-01-call.md: the follow-up on line 9 cannot be marked" in (
        result.output
    )
    assert path.read_text(encoding="utf-8") == text


def test_done_by_the_id_due_shows(journal):
    report = json.loads(run("due", "--today", TODAY, "--json").output)
    [lunch] = report["soon"]
    assert lunch["what"] == "Book lunch"
    assert run("done", lunch["id"].upper(), "--today", TODAY).exit_code == 0
    assert follow_up(journal, "Book lunch").done
    assert "Book lunch" not in run("due", "--today", TODAY).output


def test_ids_are_stable_across_runs_and_other_edits(journal, write):
    def ids() -> dict[str, str]:
        report = json.loads(run("due", "--today", TODAY, "--json").output)
        return {f["what"]: f["id"] for f in report["overdue"] + report["soon"] + report["later"]}

    first = ids()
    assert ids() == first and len(set(first.values())) == 2
    write(
        "contacts/ana-lima.md", "---\nname: Ana\nfollow_ups:\n- {what: X, due: 2026-12-01}\n---\n"
    )
    assert run("done", "send the proposal", "--today", TODAY).exit_code == 0
    path = journal / "journal/2026/2026-11-01-call.md"
    path.write_text(path.read_text(encoding="utf-8") + "More notes.\n", encoding="utf-8")
    assert ids()["Book lunch"] == first["Book lunch"]


def test_ids_are_unique_in_a_large_journal(monkeypatch):
    rows = "".join(f"  - {{what: Call number {n}, due: 2026-01-01}}\n" for n in range(1500))
    result = read_texts({"journal/x.md": f"---\ndate: 2026-01-01\nfollow_ups:\n{rows}---\n"})
    ids = follow_up_ids(result.journal)
    assert len(ids) == 1500 and len(set(ids.values())) == 1500
    assert {len(i) for i in ids.values()} <= {5, 6}


def test_ids_that_would_start_alike_are_lengthened_just_enough(monkeypatch):
    """With ids of one character at least, 300 follow-ups must collide: each is made unique
    by the fewest characters more."""
    monkeypatch.setattr(ids_module, "MIN_ID", 1)
    rows = "".join(f"  - {{what: Call number {n}, due: 2026-01-01}}\n" for n in range(300))
    result = read_texts({"journal/x.md": f"---\ndate: 2026-01-01\nfollow_ups:\n{rows}---\n"})
    ids = list(follow_up_ids(result.journal).values())
    assert len(set(ids)) == 300 and max(len(i) for i in ids) > 1
    for short in ids:  # one character less would start like another id
        assert len(short) == 1 or any(o != short and o.startswith(short[:-1]) for o in ids)


def test_an_ambiguous_done_lists_the_candidates(journal, write):
    write("journal/2026/2026-11-02-call.md", "---\ndate: 2026-11-02\nfollow_ups:\n"
          "  - {what: Book lunch with Tom, due: 2026-12-01}\n---\n")  # fmt: skip
    before = files(journal)
    result = run("done", "book", "--today", TODAY)
    assert result.exit_code == 1
    assert "2 open follow-ups match 'book'" in result.output
    assert "journal/2026/2026-11-01-call.md:9  " in result.output
    assert "Book lunch  (due 2026-11-25)" in result.output
    assert "journal/2026/2026-11-02-call.md:4  " in result.output
    assert files(journal) == before
    # the words of one exactly pick it out
    assert run("done", "Book lunch", "--today", TODAY).exit_code == 0
    assert not follow_up(journal, "Book lunch with Tom").done


def test_no_match_suggests_the_closest(journal):
    before = files(journal)
    result = run("done", "Send the proposl", "--today", TODAY)
    assert result.exit_code == 1
    assert "no open follow-up matches" in result.output
    assert "did you mean 'Send the proposal'?" in result.output
    assert files(journal) == before


def test_an_accent_or_case_does_not_stop_a_match(journal, write):
    write("journal/2026/2026-11-03-note.md", "---\ndate: 2026-11-03\nfollow_ups:\n"
          "  - {what: Envoyer le Résumé à Zoë, due: 2026-12-01}\n---\n")  # fmt: skip
    assert run("done", "RESUME a zoe", "--today", TODAY).exit_code == 0
    assert follow_up(journal, "Envoyer le Résumé à Zoë").done


def test_an_already_done_follow_up_is_refused(journal):
    assert run("done", "book lunch", "--today", TODAY).exit_code == 0
    before = files(journal)
    result = run("done", "book lunch", "--today", TODAY)
    assert result.exit_code == 1
    assert "already done" in result.output and "done 2026-11-23" in result.output
    assert files(journal) == before


def test_a_file_changed_meanwhile_is_left_as_it_is(journal, monkeypatch):
    """Someone saves the file in their editor while `done` works: their change wins."""
    path = journal / "journal/2026/2026-11-01-call.md"
    real = capture.mark_done

    def an_editor_saves_meanwhile(*arguments, **keywords):
        edited = real(*arguments, **keywords)
        path.write_text(CALL + "Typed in the editor.\n", encoding="utf-8")
        return edited

    monkeypatch.setattr(capture, "mark_done", an_editor_saves_meanwhile)
    result = run("done", "book lunch", "--today", TODAY)
    assert result.exit_code == 1 and "changed while netjournal was editing it" in result.output
    assert path.read_text(encoding="utf-8") == CALL + "Typed in the editor.\n"


def test_done_dry_run_prints_the_change_and_writes_nothing(journal):
    before = files(journal)
    result = run("done", "book lunch", "--today", TODAY, "--dry-run")
    assert result.exit_code == 0
    assert "+    done: 2026-11-23\n" in result.stdout and "Nothing written" in result.stderr
    assert files(journal) == before


def test_the_new_commands_have_help():
    for arguments in (["new", "contact"], ["log"], ["done"]):
        result = run(*arguments, "--help")
        assert result.exit_code == 0 and "--dry-run" in result.output


# what a new user found


def test_capture_prints_paths_that_open_from_the_folder_it_runs_in(journal, monkeypatch):
    (journal / "away").mkdir()
    monkeypatch.chdir(journal / "away")
    config = ["-f", "../mkdocs.yml", "--today", TODAY]
    made = run("new", "contact", "Ana Lima", "-f", "../mkdocs.yml")
    assert made.stdout == "../contacts/ana-lima.md\n"
    logged = run("log", "Call", *config)
    assert logged.stdout == "../journal/2026/2026-11-23-call.md\n"
    dry = run("done", "book lunch", *config, "--dry-run")
    assert dry.stdout.startswith("--- ../journal/2026/2026-11-01-call.md\n")
    assert "Nothing written (--dry-run): ../journal/2026/2026-11-01-call.md would" in dry.stderr
    done = run("done", "book lunch", *config)
    assert done.stdout.endswith("  ../journal/2026/2026-11-01-call.md:9\n")
    for printed in (made.stdout, logged.stdout, done.stdout.split()[-1].split(":")[0]):
        assert Path(printed.strip()).is_file()


BOOKKEEPER = """\
---
date: 2026-11-02
follow_ups:
  - {what: Send Alex the name of a good bookkeeper, due: 2026-12-01}
  - {what: Send Jane the tax memo, due: 2026-12-02}
---
"""


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Send the memo", "Send Jane the tax memo"),
        ("memo tax", "Send Jane the tax memo"),
        ("ALEX bookkeeper", "Send Alex the name of a good bookkeeper"),
    ],
)
def test_done_matches_whole_words_in_any_order(journal, write, typed, meant):
    write("journal/2026/2026-11-02-note.md", BOOKKEEPER)
    result = run("done", typed, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert follow_up(journal, meant).done
    [other] = {"Send Jane the tax memo", "Send Alex the name of a good bookkeeper"} - {meant}
    assert not follow_up(journal, other).done


@pytest.mark.parametrize("typed", ["ale", "mem", "send the memos", "tax-memo-x"])
def test_done_does_not_match_part_of_a_word(journal, write, typed):
    write("journal/2026/2026-11-02-note.md", BOOKKEEPER)
    before = files(journal)
    result = run("done", typed, "--today", TODAY)
    assert result.exit_code == 1 and "no open follow-up matches" in result.output
    assert files(journal) == before


def test_done_on_a_day_after_today_is_refused(journal):
    before = files(journal)
    result = run("done", "book lunch", "--on", "tomorrow", "--today", TODAY)
    assert result.exit_code == 2
    assert "--on" in result.output
    assert (
        "2026-11-24 is after today (2026-11-23): a follow-up cannot be done in the future"
        in " ".join(result.output.split())
    )
    assert files(journal) == before


def test_log_warns_of_a_due_date_already_past_and_of_a_plan(journal):
    result = run(
        "log", "Coffee", "--date", "2026-11-20", "--follow-up", "Send the memo", "--due",
        "2026-11-21", "--follow-up", "Call back", "--due", "2w", "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0 and result.stdout == "journal/2026/2026-11-20-coffee.md\n"
    assert "--due 2026-11-21 for 'Send the memo' is before today (2026-11-23)" in result.stderr
    assert "already overdue" in result.stderr and "Call back" not in result.stderr
    planned = run(
        "log", "Lunch", "--date", "2026-12-04", "--follow-up", "Book", "--due", "2026-12-01",
        "--today", TODAY,
    )  # fmt: skip
    assert planned.stdout == "journal/2026/2026-12-04-lunch.md\n"
    assert "dated after today: a plan" in planned.stderr
    assert "--due 2026-12-01 for 'Book' is before the entry's date (2026-12-04)" in planned.stderr
    on_time = run("log", "Tea", "--follow-up", "Call", "--due", "7d", "--today", TODAY)
    assert on_time.stderr == ""
    assert len(read_back(journal).entries) == 4


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--tag", ""], "--tag is empty"),
        (["--email", " "], "--email is empty"),
        (["--phone", ""], "--phone is empty"),
        (["--company", ""], "--company is empty"),
        (["--slug", ""], "--slug is empty"),
        (["--email", "ana.example.com"], "--email 'ana.example.com' is not an email address"),
        (["--email", "ana lima@example.com"], "is not an email address"),
        (["--email", "ana@"], "is not an email address"),
        (["--email", "ana@@example.com"], "is not an email address"),
        (["--email", "<ana@example.com>"], "is not an email address"),
        (["--email", "ana@example"], "is not an email address"),
        (["--company", "Lima\nCo"], "--company 'Lima\\nCo' holds a line break"),
        (["--tag", "a\tb"], "--tag 'a\\tb' holds a tab"),
        (["--phone", "0123\x07"], "--phone '0123\\x07' holds a control character"),
    ],
)
def test_new_contact_refuses_junk_values_naming_the_option(journal, arguments, said):
    before = files(journal)
    result = run("new", "contact", "Ana Lima", *arguments)
    assert result.exit_code == 1 and said in result.output, result.output
    assert "Traceback" not in result.output
    assert files(journal) == before


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["new", "contact", "Ana\nLima"], "the name 'Ana\\nLima' holds a line break"),
        (["log", "Coffee\r\nx"], "the title 'Coffee\\r\\nx' holds a line break"),
        (["log", "Coffee", "--kind", "\u2028"], "--kind '\\u2028' holds a control character"),
        (["log", "Coffee", "--follow-up", "Send\tit", "--due", "7d"], "--follow-up 'Send\\tit'"),
    ],
)
def test_text_with_a_line_break_or_control_character_is_refused(journal, arguments, said):
    before = files(journal)
    result = run(*arguments)
    assert result.exit_code == 1 and said in result.output, result.output
    assert files(journal) == before


def test_repeated_values_are_written_once(journal):
    result = run(
        "new", "contact", "Ana Lima", "--tag", "lawyer", "--tag", "Lawyer", "--tag", "bni",
        "--email", "Ana@Example.com", "--email", "ana@example.com", "--phone", "0123 456",
        "--phone", "0123456",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    ana = read_back(journal).contacts["ana-lima"]
    assert ana.tags == ("lawyer", "bni")
    assert ana.emails == ("Ana@Example.com",)
    assert ana.phones == ("0123 456",)


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--slug", "index"], "--slug index: index is reserved for the site's list of contacts"),
        ([], "the name 'Index' gives the slug index: index is reserved for the site's list"),
    ],
)
def test_the_reserved_slug_index_is_named_as_such(journal, arguments, said):
    name = "Ana Lima" if arguments else "Index"
    result = run("new", "contact", name, *arguments)
    assert result.exit_code == 1
    assert said in result.output and "choose another slug, like --slug index-2" in result.output
    assert "exists" not in result.output
    assert not (journal / "contacts/index.md").exists()


def test_an_empty_follow_up_says_so(journal):
    before = files(journal)
    result = run("log", "Coffee", "--follow-up", " ", "--due", "7d", "--today", TODAY)
    assert result.exit_code == 1
    assert "--follow-up is empty: say what you promised" in result.output
    assert "'what' is missing" not in result.output
    assert files(journal) == before


def test_no_match_says_files_with_errors_were_not_read(journal, write):
    write("journal/2026/2026-11-05-broken.md", "---\ndate: 2026-11-05\nfollow_ups: [\n---\n")
    write("contacts/broken.md", "---\nname: [\n---\n")
    result = run("done", "send the card", "--today", TODAY)
    assert result.exit_code == 1
    assert "2 files have errors and were not read in full (netjournal check lists them): " in (
        result.output
    )
    assert "the follow-up may be in one of them" in result.output
    write("journal/2026/2026-11-05-broken.md", "---\ndate: 2026-11-05\n---\n")
    write("contacts/broken.md", "---\nname: Broken\n---\n")
    clean = run("done", "send the card", "--today", TODAY)
    assert clean.exit_code == 1 and "errors" not in clean.output


@pytest.mark.parametrize("value", ["false", "True"])
def test_a_done_in_quotes_is_named_as_text(journal, value):
    path = journal / "journal/2026/2026-11-01-call.md"
    path.write_text(
        CALL.replace("    due: 2026-11-25\n", f'    due: 2026-11-25\n    done: "{value}"\n')
    )
    result = run("check")
    assert result.exit_code == 1
    assert (
        f'done "{value}" is in quotes, so it is text: write done: {value.lower()} without quotes'
        in result.output
    )


@pytest.mark.parametrize("value", ["false", "no"])
def test_done_marks_a_follow_up_whose_done_is_in_quotes(journal, value):
    """`done: "false"` is an error the reader names; `done` replaces that one value."""
    path = journal / "journal/2026/2026-11-01-call.md"
    path.write_text(
        CALL.replace("    due: 2026-11-25\n", f'    due: 2026-11-25\n    done: "{value}"\n')
    )
    result = run("done", "Book lunch", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert path.read_text() == CALL.replace(
        "    due: 2026-11-25\n", "    due: 2026-11-25\n    done: 2026-11-23\n"
    )
    read_back(journal)


def test_a_follow_up_logged_with_one_person_is_theirs(journal):
    result = run(
        "log",
        "Coffee",
        "--with",
        "jane-doe",
        "--follow-up",
        "Send it",
        "--due",
        "7d",
        "--today",
        TODAY,
    )
    assert result.exit_code == 0, result.output
    due = run("due", "--today", TODAY)
    assert re.search(r"Send it \[Jane Doe\]", due.output), due.output
    several = run(
        "log",
        "Lunch",
        "--with",
        "jane-doe",
        "--with",
        "tom-okafor",
        "--follow-up",
        "Call",
        "--due",
        "7d",
        "--today",
        TODAY,
    )
    assert several.exit_code == 0, several.output
    assert "who:" not in (journal / several.output.strip()).read_text()


def test_a_slug_in_capitals_is_offered_a_slug_that_is_free(journal):
    result = run("new", "contact", "Ana Lima", "--slug", "Index")
    assert result.exit_code == 1
    assert "like 'index-2'" in result.output


@pytest.mark.parametrize(
    ("arguments", "made"),
    [
        (["new", "contact", "Ana Lima"], "contacts/ana-lima.md"),
        (["log", "Coffee", "--today", TODAY], "journal/2026/2026-11-23-coffee.md"),
    ],
)
def test_the_first_file_makes_its_folder(tmp_path, monkeypatch, arguments, made):
    """A fresh clone has no empty contacts/ or journal/ (git keeps no empty folder)."""
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(*arguments)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{made}\n"
    assert f"Made the folder {made.split('/')[0]}/" in result.stderr
    journal = read_back(tmp_path)
    assert len(journal.contacts) + len(journal.entries) == 1
    assert [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md")] == [made]


def test_a_folder_mkdocs_yml_names_that_is_a_file_is_still_refused(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    (tmp_path / "contacts").write_text("not a folder", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("new", "contact", "Ana Lima")
    assert result.exit_code == 1 and "does not exist" in result.output
    assert (tmp_path / "contacts").read_text(encoding="utf-8") == "not a folder"


def test_a_new_contact_named_like_anothers_alias_is_written_with_a_note_naming_them(journal, write):
    write("contacts/jose-martinez.md", "---\nname: José Martínez\naliases: [Pepe]\n---\n")
    result = CliRunner().invoke(main, ["new", "contact", "Pepe"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "contacts/pepe.md\n"
    assert result.stderr == (
        "Note: 'Pepe' is also an alias of José Martínez (contacts/jose-martinez.md): [[Pepe]] "
        "will name both; write [[pepe]] or [[jose-martinez]]\n"
    )
    assert read_journal(journal).journal.contacts["pepe"].name == "Pepe"
    same = CliRunner().invoke(main, ["new", "contact", "jane doe", "--slug", "jane-2"])
    assert "Note: 'jane doe' is also the name of Jane Doe (contacts/jane-doe.md)" in same.stderr


def test_log_with_an_alias_two_contacts_share_is_refused_naming_both(journal, write):
    write("contacts/tj-one.md", "---\nname: Tom Jones\naliases: [TJ]\n---\n")
    write("contacts/tj-two.md", "---\nname: Tara Jay\naliases: [tj]\n---\n")
    result = run("log", "Lunch", "--with", "TJ", "--today", TODAY)
    assert result.exit_code == 1
    assert result.output == (
        "Error: --with 'TJ': no contact has this slug: 'TJ' is a name or alias of 2 contacts "
        "(Tom Jones, Tara Jay): write the file name of the one you mean, 'tj-one' or "
        "'tj-two', without '.md'\n"
    )
    assert not (journal / "journal/2026/2026-11-23-lunch.md").exists()
    one = run("log", "Lunch", "--with", "Tom Jones", "--today", TODAY)
    assert "(did you mean 'tj-one'?)" in one.output
