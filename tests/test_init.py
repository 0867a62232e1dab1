"""`netjournal init` as a user meets it: a journal that builds, from a clean clone too, and
never a file replaced.

Commands run through CliRunner on folders in tmp_path; the clone is built by the real
`netjournal` and `mkdocs` commands in subprocesses, as a user would run them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import REPO
from test_safety import ENVIRONMENT, NETJOURNAL

from netjournal.cli import main
from netjournal.write import files
from netjournal.write.starter import MKDOCS_YML, starter_files

TODAY = "2026-11-23"
ENTRY = "journal/2026/2026-11-23-coffee-with-alex-example.md"
STARTER = ["mkdocs.yml", ".gitignore", "contacts/alex-example.md", ENTRY]


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_init_makes_a_journal_that_checks_clean_and_shows_the_example(tmp_path):
    folder = tmp_path / "my journal"
    result = run("init", str(folder), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert sorted(tree(folder)) == sorted(STARTER)
    assert not (folder / "docs").exists(), "git would not keep an empty docs/"
    for relative in STARTER:
        assert f"  {relative}\n" in result.output
    assert f"  cd '{folder}'\n" in result.output and "  netjournal serve" in result.output

    mkdocs_yml = str(folder / "mkdocs.yml")
    check = run("check", "-f", mkdocs_yml)
    assert check.exit_code == 0
    assert "0 errors, 0 warnings (1 contact, 1 entry read)" in check.output
    due = run("due", "-f", mkdocs_yml, "--today", TODAY)
    assert "Due in the next 7 days (1)" in due.output
    assert re.search(
        r"in 7d  2026-11-30  \w{5}  Send Alex the name of a good bookkeeper", due.output
    )


def test_the_journal_has_the_samples_look_and_no_pinned_day(tmp_path):
    assert run("init", str(tmp_path), "--today", TODAY).exit_code == 0
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    sample = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    theme = sample[sample.index("theme:") : sample.index("plugins:")]
    assert theme.replace("  palette:\n", "") in text.replace(
        "  palette:  # light or dark as the computer is set; both pass WCAG AA contrast\n", ""
    )
    assert "today" not in text
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()[1] == "/site/"


def test_the_example_coffee_is_dated_from_today(tmp_path):
    assert run("init", str(tmp_path), "--today", "2027-01-30").exit_code == 0
    entry = tmp_path / "journal/2027/2027-01-30-coffee-with-alex-example.md"
    text = entry.read_text(encoding="utf-8")
    assert "date: 2027-01-30\n" in text and "  due: 2027-02-06\n" in text
    assert "met: 2027-01-30\n" in (tmp_path / "contacts/alex-example.md").read_text("utf-8")


def test_init_starts_in_the_current_folder_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "Started a journal in this folder:" in result.output
    assert "cd " not in result.output, "no cd to the folder the user is in"
    assert sorted(tree(tmp_path)) == sorted(STARTER)


def test_a_folder_that_does_not_exist_is_made(tmp_path):
    folder = tmp_path / "work" / "journal"
    assert run("init", str(folder), "--today", TODAY).exit_code == 0
    assert (folder / "mkdocs.yml").is_file()


@pytest.mark.parametrize(
    ("relative", "named"),
    [("mkdocs.yml", "mkdocs.yml"), ("contacts", "contacts"), ("journal/2026", "journal/2026")],
)
def test_a_file_in_the_way_stops_init_before_anything_is_written(tmp_path, relative, named):
    (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / relative).write_text("mine, not netjournal's\n", encoding="utf-8")
    before = tree(tmp_path)
    result = run("init", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 1
    assert f"nothing was written: {named} already exists in {tmp_path}" in result.output
    assert "never replaces a file" in result.output and "Traceback" not in result.output
    assert tree(tmp_path) == before


def test_every_file_in_the_way_is_named_at_once(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    (tmp_path / "journal").write_text("a file where a folder goes\n", encoding="utf-8")
    before = tree(tmp_path)
    result = run("init", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 1
    assert "nothing was written: mkdocs.yml and journal already exist" in result.output
    assert tree(tmp_path) == before and not (tmp_path / "contacts").exists()


def test_a_broken_symbolic_link_is_in_the_way_too(tmp_path):
    (tmp_path / "mkdocs.yml").symlink_to(tmp_path / "nowhere")
    result = run("init", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 1 and "mkdocs.yml already exists" in result.output
    assert not (tmp_path / "nowhere").exists() and not (tmp_path / "contacts").exists()


def test_a_gitignore_of_your_own_is_kept_and_the_journal_still_started(tmp_path):
    (tmp_path / ".gitignore").write_text("*.log\n", encoding="utf-8")  # as after `git init`
    result = run("init", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*.log\n"
    assert "your .gitignore is kept: add a line /site/ to it" in result.output
    assert sorted(tree(tmp_path)) == sorted(STARTER)


def test_a_folder_with_contacts_of_its_own_gets_no_example(tmp_path):
    bob = tmp_path / "contacts" / "bob.md"
    bob.parent.mkdir()
    bob.write_text("---\nname: Bob\n---\n", encoding="utf-8")
    result = run("init", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert sorted(tree(tmp_path)) == [".gitignore", "contacts/bob.md", "mkdocs.yml"]
    assert "no example was added" in result.output
    check = run("check", "-f", str(tmp_path / "mkdocs.yml"))
    assert "(1 contact, 0 entries read)" in check.output


@pytest.mark.parametrize("inside", ["contacts/new", "journal/2026/new", "contacts"])
def test_init_inside_a_journals_folders_is_refused(tmp_path, inside):
    """A journal inside another's contacts/ would be read as its contacts: broken."""
    outer = tmp_path / "outer"
    assert run("init", str(outer), "--today", TODAY).exit_code == 0
    before = tree(outer)
    result = run("init", str(outer / inside), "--today", TODAY)
    assert result.exit_code == 1
    folder = inside.split("/")[0]
    assert f"is in {outer / folder}, a folder of the journal in {outer}" in result.output
    assert tree(outer) == before


def test_a_folder_named_like_an_option_is_shown_so_cd_takes_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "--today", TODAY, "--", "-dash")
    assert result.exit_code == 0, result.output
    assert "  cd ./-dash\n" in result.output


def test_a_dir_that_is_a_file_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n", encoding="utf-8")
    result = run("init", str(path), "--today", TODAY)
    assert result.exit_code == 1
    assert f"{path} is a file, not a folder" in result.output
    assert path.read_text(encoding="utf-8") == "my notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_bad_today_is_refused_before_anything_is_written(tmp_path):
    result = run("init", str(tmp_path / "j"), "--today", "30/01/2027")
    assert result.exit_code == 2
    assert "Invalid value for --today" in result.output
    assert not (tmp_path / "j").exists()


def test_a_file_made_by_someone_else_meanwhile_is_kept(tmp_path, monkeypatch):
    """A race between the check and the writing: the other file wins, and init says so."""
    contact = tmp_path / "contacts/alex-example.md"

    def racing_create(path: Path, text: str) -> None:
        if path == contact:
            contact.parent.mkdir(parents=True, exist_ok=True)
            contact.write_text("theirs\n", encoding="utf-8")
        files.create(path, text)

    monkeypatch.setattr("netjournal.cli.starting.create", racing_create)
    result = run("init", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 1
    assert f"stopped: {contact} appeared meanwhile and was kept" in result.output
    assert "already written: mkdocs.yml, .gitignore" in result.output
    assert contact.read_text(encoding="utf-8") == "theirs\n"
    assert not (tmp_path / ENTRY).exists()


def test_the_starter_files_are_what_init_writes(tmp_path):
    from datetime import date

    assert run("init", str(tmp_path), "--today", TODAY).exit_code == 0
    expected = starter_files(date(2026, 11, 23))
    assert tree(tmp_path) == {path: text.encode() for path, text in expected.items()}
    assert expected["mkdocs.yml"] == MKDOCS_YML


def git(folder: Path, *arguments: str) -> str:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.com"]
    result = subprocess.run(
        ["git", *identity, *arguments], cwd=folder, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A `git clone` of a journal `init` made and committed: no docs/ in it."""
    original = tmp_path / "original"
    assert run("init", str(original), "--today", TODAY).exit_code == 0
    git(original, "init", "-q")
    git(original, "add", ".")
    git(original, "commit", "-q", "-m", "My networking journal")
    git(tmp_path, "clone", "-q", str(original), "clone")
    copy = tmp_path / "clone"
    assert not (copy / "docs").exists()
    (tmp_path / "tmp").mkdir()
    return copy


def command(clone: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """A command run in `clone`, with its own temporary folder (tmp_path/tmp) to watch."""
    environment = {**ENVIRONMENT, "TMPDIR": str(clone.parent / "tmp")}
    return subprocess.run(
        list(arguments), cwd=clone, env=environment, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "build",
    [[NETJOURNAL, "build", "--today", TODAY], [sys.executable, "-m", "mkdocs", "build", "-q"]],
    ids=["netjournal build", "mkdocs build"],
)
def test_a_clone_of_a_new_journal_builds_with_no_further_step(clone, build):
    result = command(clone, *build)
    assert result.returncode == 0, result.stderr
    assert "Alex Example" in (clone / "site/contacts/alex-example.html").read_text("utf-8")
    dashboard = (clone / "site/index.html").read_text(encoding="utf-8")
    assert "Send Alex the name of a good bookkeeper" in dashboard
    assert not (clone / "docs").exists(), "a build made a folder in the journal"
    assert os.listdir(clone.parent / "tmp") == [], "the empty docs folder outlived the build"
    assert git(clone, "status", "--porcelain") == "", "the built site is not ignored"


@pytest.mark.parametrize(
    "build",
    [[NETJOURNAL, "build", "--today", TODAY], [sys.executable, "-m", "mkdocs", "build", "-q"]],
    ids=["netjournal build", "mkdocs build"],
)
def test_pages_of_your_own_in_docs_are_published_once_docs_exists(clone, build):
    (clone / "docs").mkdir()
    (clone / "docs/about.md").write_text("# About me\n\nI keep this journal.\n", "utf-8")
    result = command(clone, *build)
    assert result.returncode == 0, result.stderr
    assert "I keep this journal." in (clone / "site/about.html").read_text(encoding="utf-8")


def test_a_readme_style_journal_without_docs_builds_with_netjournal_build(tmp_path):
    """An mkdocs.yml that names no docs_dir at all (MkDocs' default docs/) builds too."""
    assert run("init", str(tmp_path), "--today", TODAY).exit_code == 0
    config = tmp_path / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if "docs_dir" not in line), "utf-8")
    result = run("build", "-f", str(config), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site/contacts/alex-example.html").is_file()
    assert not (tmp_path / "docs").exists()
