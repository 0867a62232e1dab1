"""Tasks in the notes (`- [ ] …`) are follow-ups: read, listed, ticked by `done`, or off."""

from __future__ import annotations

import json
import shutil
import time
from datetime import date
from pathlib import Path

import click.testing
import pytest
from click.testing import CliRunner
from conftest import MINIMAL_MKDOCS, REPO, TODAY

from netjournal.cli import capture, main
from netjournal.model import ContactRef, EntryRef, FollowUp
from netjournal.options import OptionsError, read_options
from netjournal.queries.calendar import calendar_items
from netjournal.queries.follow_up_ids import follow_up_ids
from netjournal.read.journal import read_journal, read_texts
from netjournal.read.tasks import read_task, task_lines
from netjournal.render import render_site

VAULTS = REPO / "tests/vaults"
JANE = "---\nname: Jane Doe\n---\n"
LARS = "---\nname: Lars Ørsted\n---\n"
# A daily note as Obsidian keeps it: no front matter, its date in its name, tasks in the text.
DAILY = (
    "#daily\n"
    "\n"
    "Coffee with [[Jane Doe]].\n"
    "\n"
    "- [ ] Ask [[Lars Ørsted]] about the audit 📅 2026-11-22\n"
    "- [x] Thank Jane for the intro ✅ 2026-11-20\n"
    "- [ ] Send Jane the article\n"
)


def _follow_ups(files: dict[str, str]) -> list[FollowUp]:
    result = read_texts(files)
    assert not result.errors, [str(p) for p in result.errors]
    return [f for entry in result.journal.entries for f in entry.follow_ups] + [
        f for contact in result.journal.contacts.values() for f in contact.follow_ups
    ]


def run(*arguments: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(arguments))


# reading


def test_each_task_in_an_entry_is_a_follow_up_of_it_with_its_dates_and_line() -> None:
    entry = (
        "---\ndate: 2026-11-01\n---\n"  # lines 1-3
        "Notes.\n"  # 4
        "- [ ] Send [[jane-doe|Jane]] the deck 📅 2026-11-10 ⏫\n"  # 5
        "* [ ] Book the room [due:: 2026-11-12]\n"  # 6
        "1. [ ] Call the caterer ⏳ 2026-11-14\n"  # 7
        "   - [X] Choose a date ✅ 2026-11-02 ^a1b2\n"  # 8
        "+ [x] Write the agenda [completion:: 2026-11-03]\n"  # 9
        "> - [ ] Ask about parking 🛫 2026-11-20\n"  # 10
        "- [ ] Remind [[Lars Ørsted]] and [[jane-doe]]\n"  # 11
        "- [x] Nothing said when\n"  # 12
    )
    found = _follow_ups(
        {
            "contacts/jane-doe.md": JANE,
            "contacts/lars-orsted.md": LARS,
            "journal/2026-11-01-party.md": entry,
        }
    )
    origin = EntryRef("2026-11-01-party")
    jane, lars = ContactRef("jane-doe"), ContactRef("lars-orsted")
    assert found == [
        FollowUp("Send Jane the deck", date(2026, 11, 10), origin, jane, line=5, task=True),
        FollowUp("Book the room", date(2026, 11, 12), origin, line=6, task=True),
        FollowUp("Call the caterer", date(2026, 11, 14), origin, line=7, task=True),
        FollowUp(
            "Choose a date", date(2026, 11, 1), origin, None, True, date(2026, 11, 2), 8, True
        ),
        FollowUp(
            "Write the agenda", date(2026, 11, 1), origin, None, True, date(2026, 11, 3), 9, True
        ),
        FollowUp("Ask about parking", date(2026, 11, 20), origin, line=10, task=True),
        # no date: due on the entry's day, so it shows as overdue from then on
        FollowUp(
            "Remind Lars Ørsted and jane-doe", date(2026, 11, 1), origin, lars, line=11, task=True
        ),
        FollowUp("Nothing said when", date(2026, 11, 1), origin, None, True, None, 12, True),
    ]


def test_tasks_add_to_the_follow_ups_the_front_matter_lists() -> None:
    entry = (
        "---\ndate: 2026-11-01\nfollow_ups:\n  - what: Send the invoice\n    due: 2026-11-05\n"
        "---\n- [ ] Send the contract\n"
    )
    found = _follow_ups({"journal/2026-11-01-call.md": entry})
    assert [(f.what, f.task, f.line) for f in found] == [
        ("Send the invoice", False, 4),
        ("Send the contract", True, 7),
    ]


def test_a_daily_note_without_front_matter_gives_its_tasks() -> None:
    found = _follow_ups(
        {
            "contacts/jane-doe.md": JANE,
            "contacts/lars-orsted.md": LARS,
            "journal/2026-11-20.md": DAILY,
        }
    )
    assert [(f.what, f.due, f.done, f.line, f.who) for f in found] == [
        (
            "Ask Lars Ørsted about the audit",
            date(2026, 11, 22),
            False,
            5,
            ContactRef("lars-orsted"),
        ),
        ("Thank Jane for the intro", date(2026, 11, 20), True, 6, None),
        ("Send Jane the article", date(2026, 11, 20), False, 7, None),
    ]


def test_a_task_in_code_is_no_follow_up() -> None:
    entry = (
        "---\ndate: 2026-11-01\n---\n"
        "```markdown\n- [ ] in a fence\n```\n"
        "~~~~\n- [ ] in a tilde fence\n~~~\n- [ ] still in it: that fence was shorter\n~~~~\n"
        "Text.\n\n    - [ ] in an indented code block\n\n"
        "- [ ] a real one\n"
        "    - [ ] a sub-task, indented under it\n"
        "  ```\n  - [ ] in a fence in a list\n  ```\n"
        "`- [ ] in a code span`\n"
    )
    found = _follow_ups({"journal/2026-11-01-call.md": entry})
    assert [f.what for f in found] == ["a real one", "a sub-task, indented under it"]


def test_an_empty_box_or_a_box_not_starting_an_item_is_no_follow_up() -> None:
    entry = (
        "---\ndate: 2026-11-01\n---\n"
        "- [ ] \n- [ ]\n- [ ] 📅 2026-11-10\n"  # nothing promised
        "- [?] not a box netjournal reads\n-[ ] no space\nSee [ ] there.\n- [ ]no space after\n"
    )
    assert _follow_ups({"journal/2026-11-01-call.md": entry}) == []


def test_a_date_that_cannot_be_read_is_a_warning_and_the_task_is_kept() -> None:
    entry = (
        "---\ndate: 2026-11-01\n---\n- [ ] Send it 📅 2026-02-30\n- [ ] Call 📅 soon\n"
        "- [ ] Mail [due:: friday]\n- [ ] Pay ✅ 2026-11-02\n"
    )
    result = read_texts({"journal/2026-11-01-call.md": entry})
    assert [(p.code, p.line) for p in result.problems] == [
        ("NJ157", 4),
        ("NJ157", 5),
        ("NJ157", 6),
        ("NJ158", 7),
    ]
    assert not result.errors
    [entry_read] = result.journal.entries
    assert [(f.what, f.due, f.done) for f in entry_read.follow_ups] == [
        ("Send it", date(2026, 11, 1), False),
        ("Call 📅 soon", date(2026, 11, 1), False),  # the words kept: nothing disappears
        ("Mail", date(2026, 11, 1), False),
        ("Pay", date(2026, 11, 1), False),  # the box decides: still open
    ]


def test_in_a_contact_s_notes_a_dated_task_is_a_follow_up_an_undated_one_is_not() -> None:
    contact = JANE + "- [ ] Send her the article 📅 2026-12-01\n- [ ] Likes hiking\n"
    [f] = _follow_ups({"contacts/jane-doe.md": contact})
    assert (f.what, f.due, f.origin, f.concerns, f.line) == (
        "Send her the article",
        date(2026, 12, 1),
        ContactRef("jane-doe"),
        ContactRef("jane-doe"),
        4,
    )


def test_the_vaults_tasks_are_read_where_their_boxes_are(tmp_path: Path) -> None:
    vault = tmp_path / "dataview"
    shutil.copytree(VAULTS / "dataview", vault, symlinks=True)
    result = read_journal(vault, vault / "People", vault / "Journal")
    entry = next(e for e in result.journal.entries if e.date == date(2026, 11, 2))
    assert [(f.what, f.due, f.done, f.done_on, f.line) for f in entry.follow_ups] == [
        ("Send Maria two bookkeepers' names", date(2026, 11, 9), False, None, 7),
        ("Book the chamber table", date(2026, 11, 2), True, date(2026, 11, 2), 8),
    ]
    obsidian = tmp_path / "obsidian"
    shutil.copytree(VAULTS / "obsidian-crm", obsidian, symlinks=True)
    result = read_journal(obsidian, obsidian / "People", obsidian / "Daily")
    daily = next(e for e in result.journal.entries if e.date == date(2026, 11, 20))
    assert [(f.what, f.due, f.line) for f in daily.follow_ups] == [
        ("Ask Lars Ørsted about the wind-farm audit", date(2026, 11, 22), 5),
        ("Thank Jane for the intro", date(2026, 11, 20), 6),
    ]


@pytest.mark.parametrize(
    "hostile",
    [
        " " * 200_000 + "x",
        ">" * 200_000,
        "> " * 100_000 + "x",
        "- [ ] " + "[[" * 100_000,
        "- [ ] " + "(a::" * 50_000,
        "- [ ] " + "[a::" * 50_000,
        "- [ ] " + "📅 " * 100_000,
        "- [ ] " + "^a " * 100_000,
        "- [ ] x" + " " * 200_000 + "y",
        "- [ ] " + "1" * 200_000,
        "`" * 200_000,
    ],
)
def test_a_hostile_long_line_is_read_in_linear_time(hostile: str) -> None:
    def timed(text: str) -> float:
        start = time.process_time()
        for number, line in task_lines(text):
            read_task(line, number)
        return time.process_time() - start

    short, long = timed(hostile[: len(hostile) // 10]), timed(hostile)
    assert long < 2.0  # CPU seconds; a quadratic scan of 200,000 characters takes minutes
    assert long < 30 * short + 0.05  # ten times the text: about ten times the time


# listing


def _journal(tmp_path: Path, config: str = MINIMAL_MKDOCS) -> Path:
    for folder, name, text in (
        ("contacts", "jane-doe.md", JANE),
        ("contacts", "lars-orsted.md", LARS),
        ("journal", "2026-11-20.md", DAILY),
    ):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp_path


def test_due_lists_open_tasks_by_due_with_their_file_and_line(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(_journal(tmp_path))
    text = run("due", "--today", "2026-11-23")
    assert text.exit_code == 0, text.output
    overdue = text.output.split("Overdue follow-ups (2)\n")[1].split("\n\n")[0].splitlines()
    assert overdue[0].endswith("  Send Jane the article  journal/2026-11-20.md:7")
    assert overdue[0].startswith("     3d late")  # no date: due on the daily note's day
    assert "Ask Lars Ørsted about the audit [Lars Ørsted]  journal/2026-11-20.md:5" in overdue[1]
    assert "Thank Jane" not in text.output  # done
    report = json.loads(run("due", "--today", "2026-11-23", "--json").output)
    assert [
        (f["what"], f["path"], f["line"], f["due"], f["days_late"]) for f in report["overdue"]
    ] == [
        ("Send Jane the article", "journal/2026-11-20.md", 7, "2026-11-20", 3),
        ("Ask Lars Ørsted about the audit", "journal/2026-11-20.md", 5, "2026-11-22", 1),
    ]


def test_open_tasks_are_on_the_follow_ups_page_and_in_the_calendar_feed() -> None:
    journal = read_texts(
        {
            "contacts/jane-doe.md": JANE,
            "contacts/lars-orsted.md": LARS,
            "journal/2026-11-20.md": DAILY,
        }
    ).journal
    page = render_site(journal, TODAY)["follow-ups.md"]
    overdue = page.split("## Overdue (2)")[1].split("## ")[0]
    assert "Ask Lars Ørsted about the audit" in overdue and "Send Jane the article" in overdue
    assert "Thank Jane" not in page
    summaries = [item.summary for item in calendar_items(journal, TODAY)]
    assert "Follow up: Ask Lars Ørsted about the audit (Lars Ørsted)" in summaries
    # Without a wikilink of its own, it concerns the people the note names.
    assert "Follow up: Send Jane the article (Jane Doe, Lars Ørsted)" in summaries
    assert not any("Thank Jane" in summary for summary in summaries)


# the option


def test_tasks_false_in_mkdocs_yml_turns_them_off_even_with_the_cache(tmp_path, monkeypatch):
    root = _journal(tmp_path)
    monkeypatch.chdir(root)
    assert "Overdue follow-ups (2)" in run("due", "--today", "2026-11-23").output
    off = MINIMAL_MKDOCS.replace("  - netjournal\n", "  - netjournal:\n      tasks: false\n")
    (root / "mkdocs.yml").write_text(off, encoding="utf-8")
    assert read_options(root / "mkdocs.yml").conventions.tasks is False
    shown = run("due", "--today", "2026-11-23")  # the same files, read from the cache
    assert "Overdue follow-ups (0)" in shown.output and "Send Jane" not in shown.output
    refused = run("done", "send jane article", "--today", "2026-11-23")
    assert refused.exit_code == 1 and "no open follow-up matches" in refused.output
    assert (root / "journal/2026-11-20.md").read_text(encoding="utf-8") == DAILY


def test_a_tasks_option_that_is_not_true_or_false_is_refused(tmp_path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        MINIMAL_MKDOCS.replace("  - netjournal\n", "  - netjournal:\n      tasks: sometimes\n"),
        encoding="utf-8",
    )
    (tmp_path / "contacts").mkdir()
    with pytest.raises(
        OptionsError, match=r"mkdocs.yml:7: netjournal option 'tasks' is true or false"
    ):
        read_options(config)
    (tmp_path / "on").mkdir()
    assert read_options(_journal(tmp_path / "on") / "mkdocs.yml").conventions.tasks is True


# done


def _ticked_by_done(tmp_path: Path, text: bytes, typed: str, *extra: str) -> tuple[bytes, str]:
    root = _journal(tmp_path)
    path = root / "journal/2026-11-20.md"
    path.write_bytes(text)
    result = CliRunner().invoke(main, ["done", typed, "--today", "2026-11-23", *extra])
    assert result.exit_code == 0, result.output
    return path.read_bytes(), result.output


def test_done_ticks_that_one_box_and_changes_no_other_byte(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = (
        "\ufeff#daily\r\n\r\n- [ ] Send Jane the article  \r\n"
        "- [ ] Ask [[Lars Ørsted]] about the audit 📅 2026-11-22 ^q1\r\n"
        "- [ ] Send Jane the article\r\n"  # the same words again, a line further down
        "```\r\n- [ ] Ask in code\r\n```\r\n"
    ).encode()
    after, said = _ticked_by_done(tmp_path, before, "audit")
    assert after == before.replace(
        "- [ ] Ask [[Lars Ørsted]] about the audit 📅 2026-11-22 ^q1\r\n".encode(),
        "- [x] Ask [[Lars Ørsted]] about the audit 📅 2026-11-22 ✅ 2026-11-23 ^q1\r\n".encode(),
    )
    assert said.startswith("Done on 2026-11-23: Ask Lars Ørsted about the audit")
    assert "journal/2026-11-20.md:4" in said
    journal = read_journal(tmp_path).journal
    [done] = [f for e in journal.entries for f in e.follow_ups if f.done]
    assert (done.what, done.done_on, done.line) == (
        "Ask Lars Ørsted about the audit",
        date(2026, 11, 23),
        4,
    )


def test_a_done_task_keeps_its_id(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(_journal(tmp_path))
    before = {f.line: short for f, short in follow_up_ids(read_journal(tmp_path).journal).items()}
    assert run("done", before[7], "--today", "2026-11-23").exit_code == 0
    after = {f.line: short for f, short in follow_up_ids(read_journal(tmp_path).journal).items()}
    assert after == before
    assert "- [x] Send Jane the article ✅ 2026-11-23\n" in (
        tmp_path / "journal/2026-11-20.md"
    ).read_text(encoding="utf-8")


def test_a_task_written_with_dataview_fields_is_done_with_one(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = b"Notes.\n\n- [ ] Send Maria the names [due:: 2026-11-21]\n"
    after, _ = _ticked_by_done(tmp_path, before, "maria names", "--on", "2026-11-22")
    assert (
        after
        == b"Notes.\n\n- [x] Send Maria the names [due:: 2026-11-21] [completion:: 2026-11-22]\n"
    )


def test_done_dry_run_shows_the_ticked_line_and_writes_nothing(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(_journal(tmp_path))
    result = run("done", "send jane article", "--today", "2026-11-23", "--dry-run")
    assert result.exit_code == 0
    assert "+- [x] Send Jane the article ✅ 2026-11-23\n" in result.stdout
    assert (tmp_path / "journal/2026-11-20.md").read_text(encoding="utf-8") == DAILY


def test_a_done_task_is_refused_as_already_done(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(_journal(tmp_path))
    result = run("done", "thank jane intro", "--today", "2026-11-23")
    assert result.exit_code == 1 and "already done" in result.output
    assert (tmp_path / "journal/2026-11-20.md").read_text(encoding="utf-8") == DAILY


def test_an_open_box_with_a_done_date_is_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    root = _journal(tmp_path)
    text = DAILY + "- [ ] Pay the venue ✅ 2026-11-21\n"
    (root / "journal/2026-11-20.md").write_text(text, encoding="utf-8")
    result = run("done", "pay venue", "--today", "2026-11-23")
    assert result.exit_code == 1 and "already gives a done date (2026-11-21)" in result.output
    assert (root / "journal/2026-11-20.md").read_text(encoding="utf-8") == text


def test_a_file_changed_since_it_was_read_is_left_as_it_is(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(_journal(tmp_path))
    path = tmp_path / "journal/2026-11-20.md"
    real = capture.read_journal

    def an_editor_saves_after_the_read(*arguments, **keywords):
        read = real(*arguments, **keywords)
        path.write_text("New first line.\n" + DAILY, encoding="utf-8")
        return read

    monkeypatch.setattr(capture, "read_journal", an_editor_saves_after_the_read)
    result = run("done", "send jane article", "--today", "2026-11-23")
    assert result.exit_code == 1
    assert "line 7 is no longer the open task 'Send Jane the article'" in result.output
    assert path.read_text(encoding="utf-8") == "New first line.\n" + DAILY


def test_a_file_changed_while_done_writes_is_left_as_it_is(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(_journal(tmp_path))
    path = tmp_path / "journal/2026-11-20.md"
    real = capture.mark_done

    def an_editor_saves_meanwhile(*arguments, **keywords):
        edited = real(*arguments, **keywords)
        path.write_text(DAILY + "Typed in the editor.\n", encoding="utf-8")
        return edited

    monkeypatch.setattr(capture, "mark_done", an_editor_saves_meanwhile)
    result = run("done", "send jane article", "--today", "2026-11-23")
    assert result.exit_code == 1 and "changed while netjournal was editing it" in result.output
    assert path.read_text(encoding="utf-8") == DAILY + "Typed in the editor.\n"


def test_a_build_lists_tasks_on_the_follow_ups_page_unless_turned_off(tmp_path, build_site):
    _journal(tmp_path)
    page = (build_site() / "follow-ups.html").read_text(encoding="utf-8")
    assert "Send Jane the article" in page and "Ask Lars Ørsted about the audit" in page
    off = MINIMAL_MKDOCS.replace("  - netjournal\n", "  - netjournal:\n      tasks: false\n")
    (tmp_path / "mkdocs.yml").write_text(off, encoding="utf-8")
    shutil.rmtree(tmp_path / "site")
    page = (build_site() / "follow-ups.html").read_text(encoding="utf-8")
    assert "Send Jane the article" not in page and "Nothing overdue." in page
    assert (tmp_path / "journal/2026-11-20.md").read_text(encoding="utf-8") == DAILY


def test_done_ticks_a_task_in_a_contact_s_notes(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(_journal(tmp_path))
    path = tmp_path / "contacts/jane-doe.md"
    path.write_text(
        JANE + "Likes hiking.\n- [ ] Send her the map 📅 2026-11-21\n", encoding="utf-8"
    )
    listed = run("due", "--today", "2026-11-23").output
    assert "Send her the map [Jane Doe]  contacts/jane-doe.md:5" in listed
    assert run("done", "map", "--today", "2026-11-23").exit_code == 0
    assert path.read_text(encoding="utf-8") == (
        JANE + "Likes hiking.\n- [x] Send her the map 📅 2026-11-21 ✅ 2026-11-23\n"
    )
