"""The `netjournal` command as a user runs it, through Click's CliRunner."""

from __future__ import annotations

import json
import re

import click
import pytest
from click.testing import CliRunner
from conftest import MINIMAL_MKDOCS

from netjournal.cli import main


@pytest.fixture
def journal(tmp_path, write, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    write("contacts/jane.md", "---\nname: Jane Doe\ncadence: 2w\n---\n")
    write(
        "journal/2026-11-01-call.md",
        """
        ---
        date: 2026-11-01
        kind: call
        with: [jane]
        follow_ups:
          - {what: Send the proposal, due: 2026-11-10, who: jane}
          - {what: Book lunch, due: 2026-11-25}
        ---
        """,
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*arguments: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(arguments))


def test_every_command_has_help():
    for name, command in main.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0
        assert command.help
        assert " ".join(command.help.split()[:6]) in " ".join(result.output.split())


def test_check_passes_a_clean_journal(journal):
    result = run("check")
    assert result.exit_code == 0
    assert "0 errors, 0 warnings (1 contact, 1 entry read)" in result.output


def test_check_lists_each_problem_and_exits_1(journal, write):
    write("contacts/bad.md", "---\nname: Bad\nsource: referal\ncadence: fortnightly\n---\n")
    result = run("check")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("contacts/bad.md:3:9: error NJ103 source: unknown source")
    assert lines[1].startswith("contacts/bad.md:4:10: error NJ105 cadence: cadence 'fortnightly'")
    assert "(did you mean '2w'?)" in lines[1]
    assert "2 errors, 0 warnings" in result.output


def test_check_json_is_a_list_of_located_problems(journal, write):
    write("contacts/bad.md", "---\nname: Bad\nsource: referal\n---\n")
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)
    assert problem == {
        "path": "contacts/bad.md",
        "line": 3,
        "column": 9,
        "severity": "error",
        "code": "NJ103",
        "message": problem["message"],
    }


def test_due_shows_overdue_soon_and_cadence(journal):
    result = run("due", "--today", "2026-11-23")
    assert result.exit_code == 0
    text = result.output
    proposal = re.search(r"13d late  2026-11-10  ([a-z2-7]{5})  Send the proposal", text)
    lunch = re.search(r"in 2d  2026-11-25  ([a-z2-7]{5})  Book lunch", text)
    assert "Overdue follow-ups (1)" in text and proposal
    assert "Due in the next 7 days (1)" in text and lunch
    assert proposal.group(1) != lunch.group(1)
    assert "Past their cadence (1)" in text and "Jane Doe (every 2 weeks" in text


def test_due_points_at_each_follow_ups_own_line(journal):
    """`path:line` ends each row, as editors and terminals open it: the item's own line."""
    rows = run("due", "--today", "2026-11-23").output.splitlines()
    [proposal] = [row for row in rows if "Send the proposal" in row]
    [lunch] = [row for row in rows if "Book lunch" in row]
    assert proposal.endswith("  journal/2026-11-01-call.md:6")
    assert lunch.endswith("  journal/2026-11-01-call.md:7")
    lines = (journal / "journal/2026-11-01-call.md").read_text(encoding="utf-8").splitlines()
    assert "Send the proposal" in lines[5] and "Book lunch" in lines[6]


def test_due_json_for_scripts(journal):
    result = run("due", "--today", "2026-11-23", "--json")
    report = json.loads(result.output)
    assert report["today"] == "2026-11-23"
    assert [(f["what"], f["days_late"]) for f in report["overdue"]] == [("Send the proposal", 13)]
    [proposal] = report["overdue"]
    assert (proposal["path"], proposal["line"]) == ("journal/2026-11-01-call.md", 6)
    assert proposal["id"] in run("due", "--today", "2026-11-23").output
    assert report["going_cold"][0]["contact"] == "jane"
    assert report["going_cold"][0]["due"] == "2026-11-15"


def test_a_bad_today_is_a_sentence(journal):
    result = run("due", "--today", "23/11/2026")
    assert result.exit_code == 2
    assert "is not a date" in result.output and "Traceback" not in result.output


def test_build_writes_the_site_and_leaves_the_journal_alone(journal):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in journal.rglob("*.md")}
    result = run("build", "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    dashboard = (journal / "site/index.html").read_text(encoding="utf-8")
    assert "Send the proposal" in dashboard and "2026-11-23" in dashboard
    assert (journal / "site/contacts/jane.html").is_file()
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in journal.rglob("*.md")}
    assert after == before


def test_build_fails_with_the_problems_and_keeps_the_previous_site(journal, write):
    assert run("build").exit_code == 0
    old = (journal / "site/index.html").read_bytes()
    write("contacts/bad.md", "---\nname: Bad\nmet: yesterday\n---\n")
    result = run("build")
    assert result.exit_code == 1
    assert "contacts/bad.md:3:6: error NJ104 met: 'yesterday' is not a date" in result.output
    assert "Traceback" not in result.output
    assert (journal / "site/index.html").read_bytes() == old
    assert sorted(p.name for p in journal.iterdir() if p.name.startswith(".site")) == []


def test_strict_build_fails_on_warnings(journal, write):
    write("contacts/warned.md", "---\nname: W\ncompnay: x\n---\n")
    assert run("build").exit_code == 0
    result = run("build", "--strict")
    assert result.exit_code == 1
    assert "unknown key 'compnay' (did you mean 'company'?)" in result.output


NO_JOURNAL_COMMANDS = [["check"], ["due"], ["build"], ["serve", "-a", "127.0.0.1:8765"]]


@pytest.mark.parametrize("arguments", NO_JOURNAL_COMMANDS, ids=lambda a: a[0])
def test_no_journal_here_is_a_sentence(tmp_path, monkeypatch, arguments):
    """Not "0 errors, 0 warnings": a folder with nothing of a journal is said to be one."""
    monkeypatch.chdir(tmp_path)
    result = run(*arguments)
    assert result.exit_code == 1
    assert f"no journal here: {tmp_path} has no mkdocs.yml, contacts/ or journal/" in result.output
    assert (
        "Run netjournal init to start one, or cd to your journal, or name its mkdocs.yml "
        "with -f path/to/mkdocs.yml" in result.output
    )
    assert "0 errors" not in result.output and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("arguments", NO_JOURNAL_COMMANDS, ids=lambda a: a[0])
def test_inside_contacts_the_journal_above_is_named(journal, monkeypatch, arguments):
    monkeypatch.chdir(journal / "contacts")
    result = run(*arguments)
    assert result.exit_code == 1
    assert f"no journal here: {journal / 'contacts'} has no mkdocs.yml" in result.output
    assert f"This folder is inside the journal in {journal}: cd {journal}" in result.output
    assert not (journal / "contacts/site").exists()


@pytest.mark.parametrize("arguments", NO_JOURNAL_COMMANDS, ids=lambda a: a[0])
def test_an_mkdocs_yml_of_other_docs_is_no_journal(tmp_path, monkeypatch, arguments):
    """Another MkDocs project: no netjournal plugin, no contacts/ or journal/ beside it."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Other docs\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(*arguments)
    assert result.exit_code == 1
    assert (
        "no journal here: mkdocs.yml does not name the netjournal plugin, and there is no "
        "contacts/ or journal/ folder beside it" in result.output
    )
    assert not (tmp_path / "site").exists()


def test_minus_f_naming_other_docs_is_no_journal(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: Other docs\n", encoding="utf-8")
    result = run("check", "-f", str(tmp_path / "mkdocs.yml"))
    assert result.exit_code == 1
    assert f"no journal here: {tmp_path / 'mkdocs.yml'} does not name" in result.output


@pytest.mark.parametrize("present", ["contacts", "journal"])
def test_a_contacts_or_journal_folder_alone_is_a_journal_to_check(tmp_path, monkeypatch, present):
    (tmp_path / present).mkdir()
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings (0 contacts, 0 entries read)" in result.output


def test_a_journal_named_in_mkdocs_yml_with_folders_of_its_own_is_a_journal(tmp_path, monkeypatch):
    """mkdocs.yml naming the plugin is enough: its folders may have any name."""
    (tmp_path / "people").mkdir()
    (tmp_path / "log").mkdir()
    (tmp_path / "people/jane.md").write_text("---\nname: Jane Doe\n---\n", encoding="utf-8")
    config = MINIMAL_MKDOCS.replace(
        "  - netjournal\n", "  - netjournal:\n      contacts: people\n      journal: log\n"
    )
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "(1 contact, 0 entries read)" in result.output


def test_a_journal_without_mkdocs_yml_cannot_be_built_and_says_why(tmp_path, monkeypatch):
    (tmp_path / "contacts").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 1
    assert "mkdocs.yml not found" in result.output


@pytest.mark.parametrize("site_dir", ["contacts", "journal", "contacts/site", "journal/2026"])
def test_build_refuses_a_site_folder_that_would_overwrite_the_journal(journal, site_dir):
    before = sorted(p.relative_to(journal) for p in journal.rglob("*.md"))
    result = run("build", "-d", site_dir)
    assert result.exit_code == 1
    assert "where your journal lives" in result.output and "Traceback" not in result.output
    assert sorted(p.relative_to(journal) for p in journal.rglob("*.md")) == before


def test_mkdocs_build_on_its_own_refuses_it_too(journal):
    import subprocess
    import sys

    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(journal / "journal")]
    result = subprocess.run(command, cwd=journal, capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "where your journal lives" in result.stderr
    assert (journal / "journal/2026-11-01-call.md").is_file()


def test_paths_open_from_the_folder_the_command_runs_in(journal, write, monkeypatch):
    """From another folder, with -f, check and due print paths that open from there; JSON
    keeps them relative to the journal, as scripts read them."""
    write("contacts/bad.md", "---\nname: Bad\nsource: referal\n---\n")
    write("journal/2026-11-02-note.md", "---\ndate: 2026-11-02\nwith: [nobody]\n---\n")
    (journal / "away").mkdir()
    monkeypatch.chdir(journal / "away")
    checked = run("check", "-f", "../mkdocs.yml")
    assert checked.exit_code == 1
    assert checked.stdout.startswith("../contacts/bad.md:3:9: error NJ103 ")
    for line in checked.stdout.splitlines():
        assert (journal / "away" / line.split(":")[0]).is_file(), line
    as_json = json.loads(run("check", "-f", "../mkdocs.yml", "--format", "json").stdout)
    assert as_json[0]["path"] == "contacts/bad.md"
    due = run("due", "-f", "../mkdocs.yml", "--today", "2026-11-23")
    assert "  ../journal/2026-11-01-call.md:6\n" in due.stdout
    assert "../contacts/bad.md:3:9: error NJ103" in due.stderr
    report = json.loads(run("due", "-f", "../mkdocs.yml", "--today", "2026-11-23", "--json").stdout)
    assert report["overdue"][0]["path"] == "journal/2026-11-01-call.md"
    for arguments in (["check"], ["due"]):
        help_text = " ".join(run(*arguments, "--help").output.split())
        assert "relative to the journal's folder" in help_text
