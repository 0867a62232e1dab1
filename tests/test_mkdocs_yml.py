"""What netjournal does with a journal's mkdocs.yml: its own options checked, nothing run.

Every test runs the real `netjournal` command (through CliRunner, or `mkdocs build` in a
subprocess) on a journal in tmp_path.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import MINIMAL_MKDOCS

from netjournal.cli import main

TODAY = "2026-11-23"


@pytest.fixture
def journal(tmp_path: Path, write, monkeypatch) -> Path:
    (tmp_path / "docs").mkdir()
    write("contacts/jane.md", "---\nname: Jane Doe\n---\n")
    write(
        "journal/2026-11-01-call.md",
        "---\ndate: 2026-11-01\nwith: [jane]\nfollow_ups:\n"
        "  - {what: Send the proposal, due: 2026-11-10}\n---\n",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def config(journal: Path, options: str, before_plugins: str = "") -> None:
    """mkdocs.yml with `options` as the netjournal plugin's, its first on line 7."""
    text = MINIMAL_MKDOCS.replace("plugins:\n", before_plugins + "plugins:\n")
    text = text.replace("  - netjournal\n", "  - netjournal:\n" + options)
    (journal / "mkdocs.yml").write_text(text, encoding="utf-8")


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def test_a_misspelt_option_stops_every_command_with_its_line(journal):
    config(journal, "      pubilc: true\n")
    for arguments in (["check"], ["due", "--today", TODAY], ["build", "--today", TODAY]):
        result = run(*arguments)
        assert result.exit_code == 1, arguments
        assert (
            "mkdocs.yml:7: netjournal has no option 'pubilc' (did you mean 'public'?)"
            in result.output
        )
    assert not (journal / "site").exists(), "the private site went out"


def test_plain_mkdocs_build_refuses_a_misspelt_option_too(journal):
    config(journal, "      pubilc: true\n")
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(journal / "site")]
    result = subprocess.run(command, cwd=journal, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "mkdocs.yml:7: netjournal has no option 'pubilc'" in result.stderr
    assert not (journal / "site").exists()


def test_a_misspelt_public_field_is_named(journal):
    config(journal, "      public_fields: [emial]\n")
    result = run("build", "--public", "--today", TODAY)
    assert result.exit_code == 1
    assert "mkdocs.yml:7: 'emial' is not a field public_fields can keep" in result.output
    assert "(did you mean 'email'?)" in result.output


def test_check_and_due_run_no_hook_and_no_python_tag(journal):
    marker = journal.parent / "code-ran"
    (journal / "hook.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    config(
        journal,
        "      today: !ENV [NETJOURNAL_TEST_UNSET, 2026-11-23]\n",
        before_plugins=(
            "hooks: [hook.py]\n"
            "extra:\n"
            f"  opened: !!python/object/apply:builtins.open [{str(marker)!r}, w]\n"
            "  here: !relative $config_dir\n"
            "markdown_extensions:\n"
            "  - pymdownx.emoji:\n"
            "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        ),
    )
    check = run("check")
    assert check.exit_code == 0, check.output
    assert "(1 contact, 1 entry read)" in check.output
    due = run("due")
    assert due.exit_code == 0, due.output
    assert "As of 2026-11-23" in due.output  # today read through !ENV's default
    assert "13d late  2026-11-10  " in due.output and "Send the proposal" in due.output
    assert not marker.exists(), "check or due ran code from mkdocs.yml"


def test_an_impossible_today_in_mkdocs_yml_is_a_sentence_naming_its_line(journal):
    config(journal, "      today: 2026-02-30\n")
    for arguments in (["check"], ["due"], ["build"]):
        result = run(*arguments)
        assert result.exit_code == 1, (arguments, result.output)
        assert (
            "mkdocs.yml:7: netjournal option 'today': '2026-02-30' is not a real date"
            in result.output
        )
        assert "--today" not in result.output, "mkdocs.yml's mistake blamed on --today"
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_impossible_date_elsewhere_in_mkdocs_yml_is_a_sentence_for_build(journal):
    config(journal, "      today: 2026-11-23\n", before_plugins="extra:\n  launch: 2026-02-30\n")
    result = run("build")
    assert result.exit_code == 1
    assert "mkdocs.yml: a value cannot be read (day is out of range for month)" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_unreadable_mkdocs_yml_is_a_sentence(journal):
    (journal / "mkdocs.yml").write_bytes(MINIMAL_MKDOCS.encode() + b"extra: {by: Ren\xe9}\n")
    for arguments in (["check"], ["due"], ["build"], ["serve"]):
        result = run(*arguments)
        assert result.exit_code == 1, arguments
        assert "mkdocs.yml is not UTF-8 text: save it as UTF-8" in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_mkdocs_yml_this_user_may_not_read_is_a_sentence(journal):
    config(journal, "      today: 2026-11-23\n")
    path = journal / "mkdocs.yml"
    path.chmod(0)
    try:
        try:
            path.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("this user (root) reads a file whatever its permissions")
        result = run("check")
        assert result.exit_code == 1
        assert "cannot read mkdocs.yml: Permission denied" in result.output
    finally:
        path.chmod(0o644)


def test_due_names_the_error_that_left_a_follow_up_open(journal, write):
    config(journal, "      today: 2026-11-23\n")
    write(
        "journal/2026-11-02-lunch.md",
        "---\ndate: 2026-11-02\nfollow_ups:\n"
        "  - {what: Thank Jane for lunch, due: 2026-11-05, done: ture}\n---\n",
    )
    result = CliRunner().invoke(main, ["due"])
    assert result.exit_code == 0
    assert "Thank Jane for lunch" in result.stdout
    assert "journal/2026-11-02-lunch.md:4:57: error NJ108 done: done 'ture'" in result.stderr
    assert "a follow-up whose 'done' cannot be read is listed as open" in result.stderr
    assert "kept some files out" not in result.stderr
