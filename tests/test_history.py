"""Git history on contact pages: one `git log` per build, shown escaped, never in public."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import TODAY

from netjournal.read.history import contacts_history
from netjournal.site import generate

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ANA = "---\nname: Ana Lima\n---\n"
BEN = "---\nname: Ben Ode\nprivate: true\n---\n"


def git(root: Path, *args: str, day: str = "2026-01-02") -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )


def journal(root: Path, files: dict[str, str]) -> Path:
    for name in ("contacts", "journal"):
        (root / name).mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        (root / path).write_text(text, encoding="utf-8")
    return root


def repository(root: Path) -> Path:
    """A journal in git: Ana added, then changed with a hostile subject, Ben private."""
    journal(root, {"contacts/ana.md": ANA, "contacts/ben.md": BEN})
    git(root, "init", "-q", ".")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Add Ana and Ben Ode", day="2026-01-02")
    (root / "contacts/ana.md").write_text(ANA + "Met at the fair.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Ana: <script>alert(1)</script> | notes", day="2026-03-04")
    return root


def build(root: Path, **options: object) -> dict[str, str]:
    return generate(root, root / "contacts", root / "journal", TODAY, **options).pages  # type: ignore[arg-type]


def test_a_contact_page_lists_its_files_changes_newest_first_with_subjects_escaped(tmp_path):
    page = build(repository(tmp_path))["contacts/ana.md"]
    history = page.split("## File history", 1)[1]
    assert "Last changed 2026-03-04, as recorded in git." in history
    lines = [line for line in history.splitlines() if line.startswith("- ")]
    assert lines[0].startswith("- 2026-03-04 · Ana: ")
    assert lines[1] == "- 2026-01-02 · Add Ana and Ben Ode"
    assert "<script>" not in page  # shown as text, never run
    # Escaped as text: the angle brackets show, the pipe breaks no table.
    assert lines[0] == "- 2026-03-04 · Ana: &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| notes"


def test_a_renamed_file_keeps_the_changes_made_under_its_old_name(tmp_path):
    root = repository(tmp_path)
    git(root, "mv", "contacts/ana.md", "contacts/ana-lima.md")
    git(root, "commit", "-q", "-m", "Rename Ana's file", day="2026-05-06")
    history = contacts_history(root, root / "contacts")
    assert [c.subject.split(":")[0] for c in history["contacts/ana-lima.md"]] == [
        "Rename Ana's file",
        "Ana",
        "Add Ana and Ben Ode",
    ]
    assert "contacts/ana.md" not in history
    page = build(root)["contacts/ana-lima.md"]
    assert "Last changed 2026-05-06" in page and "Add Ana and Ben Ode" in page


def test_at_most_five_changes_are_listed(tmp_path):
    root = repository(tmp_path)
    for n in range(6):
        (root / "contacts/ana.md").write_text(ANA + f"Note {n}.\n", encoding="utf-8")
        git(root, "commit", "-q", "-am", f"Change {n}", day=f"2026-06-0{n + 1}")
    changes = contacts_history(root, root / "contacts")["contacts/ana.md"]
    assert [c.subject for c in changes] == [f"Change {n}" for n in (5, 4, 3, 2, 1)]


def test_a_journal_inside_a_larger_repository_uses_paths_from_its_own_root(tmp_path):
    repository(tmp_path / "inner")
    shutil.rmtree(tmp_path / "inner/.git")
    git(tmp_path, "init", "-q", ".")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "Whole repository", day="2026-07-08")
    page = build(tmp_path / "inner")["contacts/ana.md"]
    assert "Last changed 2026-07-08" in page and "Whole repository" in page


def test_one_git_process_for_the_whole_build(tmp_path, monkeypatch):
    root = repository(tmp_path)
    for n in range(10):
        (root / f"contacts/p{n}.md").write_text(f"---\nname: P {n}\n---\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Ten more", day="2026-08-09")
    calls: list[list[str]] = []
    run = subprocess.run

    def counting(command, *args, **kwargs):  # the real git, counted
        calls.append(list(command))
        return run(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    pages = build(root)
    assert len([c for c in calls if c[0] == "git"]) == 1
    assert all("Ten more" in pages[f"contacts/p{n}.md"] for n in range(10))


def test_a_journal_that_is_not_a_repository_builds_exactly_as_before(tmp_path):
    root = journal(tmp_path, {"contacts/ana.md": ANA})
    pages = build(root)
    assert pages == build(root, git_history=False)
    assert "File history" not in pages["contacts/ana.md"]


def test_without_git_installed_the_journal_builds_exactly_as_before(tmp_path, monkeypatch):
    root = repository(tmp_path)
    without = build(root, git_history=False)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert build(root) == without


def test_a_public_build_shows_no_history_at_all(tmp_path):
    root = repository(tmp_path)
    assert "File history" in build(root)["contacts/ben.md"]  # the private site has it
    pages = build(root, public=True)
    assert "contacts/ben.md" not in pages
    assert not any("File history" in page or "Ben Ode" in page for page in pages.values())
