"""`check` and `due` give their last answer again while nothing they read has changed
(netjournal/read/answers.py), and work it out anew as soon as anything has: the answer is
always the one a run with no cache at all would give."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import MINIMAL_MKDOCS

from netjournal.cli import main, reports
from netjournal.read import cache, fingerprint
from netjournal.read import files as reader_files
from netjournal.read.answers import KEPT
from netjournal.read.cache_folder import CACHE_FOLDER, load_json, save_json

ANSWERS = Path(CACHE_FOLDER) / "answers.json"
CONFIG = MINIMAL_MKDOCS.replace("- netjournal", "- netjournal:\n      today: 2026-11-23")
COMMANDS = (
    ("check",),
    ("check", "--format", "json"),
    ("check", "--public"),
    ("due",),
    ("due", "--json"),
    ("due", "--today", "2026-11-30"),
)


@pytest.fixture
def journal(tmp_path, write, monkeypatch):
    """A journal with a warning and an error in it, its files taken as settled."""
    monkeypatch.setattr(cache, "FRESH_SECONDS", -60.0)  # files written just now are kept
    monkeypatch.setattr(fingerprint, "FRESH_SECONDS", -60.0)
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    write(
        "contacts/jane.md",
        "---\nname: Jane Doe\ncadence: 2w\ncompnay: Acme\n---\nHi [[tom]], and [[nobody]]\n",
    )
    write("contacts/tom.md", "---\nname: Tom Okafor\nbirthday: 1980-12-01\n---\n")
    write("contacts/bad.md", "---\nname: Bad\nsource: referal\n---\n")
    write(
        "journal/2026/2026-11-01-call.md",
        """
        ---
        date: 2026-11-01
        kind: call
        with: [jane]
        follow_ups:
          - {what: Send the proposal, due: 2026-11-10, who: jane}
          - {what: Book lunch, due: 2026-11-25}
        ---
        Talked to [[Tom Okafor]].
        """,
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def seen(result: Result) -> tuple[int, str, str]:
    """What the user sees: the exit code, stdout and stderr, each on its own."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def cold(*arguments: str) -> tuple[int, str, str]:
    """The answer with no cache at all: the one every warm answer must equal."""
    shutil.rmtree(CACHE_FOLDER, ignore_errors=True)
    return seen(run(*arguments))


def kept_answers(root: Path) -> list[dict[str, object]]:
    found = load_json(root / CACHE_FOLDER, ANSWERS.name)["answers"]
    assert isinstance(found, list)
    return found


def reader_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading any record or file of the journal fails the test."""

    def fail(*arguments: object, **options: object) -> None:
        raise AssertionError("a warm answer read the journal")

    monkeypatch.setattr(reports, "read_journal", fail)
    monkeypatch.setattr(reader_files, "read_text", fail)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_the_answer_is_the_same_cold_and_warm(journal, command):
    first = cold(*command)
    assert (journal / ANSWERS).is_file()
    assert seen(run(*command)) == first  # stdout byte for byte, stderr, exit code
    assert seen(run(*command)) == first


def test_a_warm_answer_reads_no_record(journal, monkeypatch):
    expected = [seen(run(*command)) for command in COMMANDS]  # every answer kept
    reader_fails(monkeypatch)
    assert [seen(run(*command)) for command in COMMANDS] == expected
    assert "Send the proposal" in expected[3][1]
    assert expected[0][0] == 1 and "NJ103" in expected[0][1]  # the error, given again


def test_a_warm_answer_imports_neither_the_reader_nor_the_queries(journal):
    """What keeps a warm `due` under a second on a big journal: only Click and the answers."""
    assert run("due").exit_code == 0
    probe = (
        "import sys\n"
        "from netjournal.cli import main\n"
        "main(['due'], standalone_mode=False)\n"
        "loaded = [m for m in ('netjournal.read.journal', 'netjournal.queries', "
        "'netjournal.options', 'yaml', 'markdown') if m in sys.modules]\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=journal
    )
    assert "Send the proposal" in done.stdout
    assert "LOADED []" in done.stderr


def _same_size_same_second(root: Path) -> None:
    path = root / "contacts/tom.md"
    before = os.stat(path)
    path.write_text(path.read_text(encoding="utf-8").replace("12-01", "11-30"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a careless tool might
    assert os.stat(path).st_size == before.st_size


def _appears(root: Path) -> None:
    (root / "contacts/zoe.md").write_text(
        "---\nname: Zoë Quill\ncadence: 1w\nsource: referal\n---\n", encoding="utf-8"
    )


def _appears_in_a_new_folder(root: Path) -> None:
    (root / "journal/2027").mkdir()
    (root / "journal/2027/2027-01-02-lunch.md").write_text(
        "---\ndate: 2027-01-02\nwith: [tom]\nfollow_ups:\n  - {what: Call Tom back, due: "
        "2026-11-01}\n---\n",
        encoding="utf-8",
    )


def _disappears(root: Path) -> None:
    (root / "contacts/bad.md").unlink()
    (root / "journal/2026/2026-11-01-call.md").unlink()


def _renamed(root: Path) -> None:
    (root / "contacts/tom.md").rename(root / "contacts/thomas.md")


def _excluded(root: Path) -> None:
    config = CONFIG.replace("today: 2026-11-23", "today: 2026-11-23\n      exclude: [bad.md]")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


def _docs_page_names_a_private_contact(root: Path) -> None:
    (root / "contacts/tom.md").write_text(
        "---\nname: Tom Okafor\nbirthday: 1980-12-01\nprivate: true\n---\n", encoding="utf-8"
    )
    (root / "docs/index.md").write_text("# Home\n\nLunch with Tom Okafor.\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "command", "shows", "no_longer"),
    [
        (_same_size_same_second, ("due",), "30 November", "1 December"),
        (_appears, ("check",), "contacts/zoe.md:4:9: error NJ103", None),
        (_appears, ("due", "--json"), "Zoë Quill", None),
        (_appears_in_a_new_folder, ("due",), "Call Tom back", None),
        (_disappears, ("check",), "0 errors", "contacts/bad.md"),
        (_disappears, ("due",), None, "Send the proposal"),
        (_renamed, ("check",), "[[tom]]", None),
        (_excluded, ("check", "--format", "json"), None, "contacts/bad.md"),
        (_docs_page_names_a_private_contact, ("check", "--public"), "docs/index.md", None),
    ],
    ids=lambda value: (
        value.__name__.strip("_")
        if callable(value)
        else " ".join(value)
        if isinstance(value, tuple)
        else None
    ),
)
def test_a_change_is_seen_and_the_answer_worked_out_anew(
    journal, change, command, shows, no_longer
):
    before = cold(*command)
    assert seen(run(*command)) == before  # kept, and given again
    change(journal)
    after = seen(run(*command))
    assert after != before
    said = after[1] + after[2]
    assert shows is None or shows in said
    assert no_longer is None or no_longer not in said
    assert after == cold(*command)  # exactly what a run with no cache says


def test_each_day_option_and_format_has_its_own_answer(journal):
    answers = {command: cold(*command) for command in COMMANDS}
    for command in COMMANDS:  # all kept side by side, none given for another
        run(*command)
    assert len(kept_answers(journal)) == len(COMMANDS) <= KEPT
    for command in reversed(COMMANDS):
        assert seen(run(*command)) == answers[command]
    assert answers[("due",)] != answers[("due", "--today", "2026-11-30")]
    assert answers[("check",)] != answers[("check", "--format", "json")]


def test_only_the_most_recent_answers_are_kept(journal):
    for day in range(1, KEPT + 4):
        assert run("due", "--today", f"2026-11-{day:02d}").exit_code == 0
    kept = kept_answers(journal)
    assert len(kept) == KEPT
    assert "Send the proposal" in run("due", "--today", f"2026-11-{KEPT + 3:02d}").output


def test_the_folder_run_from_is_part_of_the_question(journal, monkeypatch):
    """Paths are printed as they open from where the command runs."""
    here = seen(run("check"))
    monkeypatch.chdir(journal / "contacts")
    there = seen(run("check", "-f", "../mkdocs.yml"))
    assert "contacts/bad.md:3:9" in here[1]
    assert "bad.md:3:9" in there[1] and "contacts/bad.md" not in there[1]


@pytest.mark.parametrize(
    "damage",
    [
        "not json at all {",
        "[1, 2, 3]",
        '{"format": 1, "answers": "none"}',
        '{"format": 1, "answers": [{"question": 1}]}',
        "\udcff",
        "edited",  # an answer's text changed by hand: its digest no longer fits
        "wrong fingerprint",
    ],
)
def test_a_damaged_or_hand_edited_answer_is_never_given(journal, damage):
    expected = cold("due")
    data = load_json(journal / CACHE_FOLDER, ANSWERS.name)
    # JSON is written as netjournal writes it (the file's digest fits), so that what is
    # tested is the answer's own checks; anything else is written as it is.
    if damage == "edited":
        data["answers"][0]["said"][0][1] = "Nothing is due.\n"
        save_json(journal / CACHE_FOLDER, ANSWERS.name, data)
    elif damage == "wrong fingerprint":
        data["answers"][0]["fingerprint"] = "0" * 64
        save_json(journal / CACHE_FOLDER, ANSWERS.name, data)
    elif damage.startswith(("{", "[")):
        save_json(journal / CACHE_FOLDER, ANSWERS.name, json.loads(damage))
    else:
        (journal / ANSWERS).write_bytes(damage.encode("utf-8", "surrogateescape"))
    assert seen(run("due")) == expected
    assert seen(run("due")) == expected  # and written anew, whole


def test_nothing_is_written_into_the_journals_folders(journal, write):
    def listing() -> dict[str, int]:
        return {
            str(path): path.stat().st_mtime_ns
            for folder in ("contacts", "journal")
            for path in [journal / folder, *(journal / folder).rglob("*")]
        }

    before = listing()
    for command in COMMANDS:
        run(*command)
        run(*command)
    assert listing() == before
    assert sorted(p.name for p in (journal / CACHE_FOLDER).iterdir()) == [
        ".gitignore",
        "answers.json",
        "read.json",
    ]


def test_no_answer_is_kept_when_the_cache_folder_would_be_inside_a_journal_folder(
    tmp_path, monkeypatch
):
    """A vault read from its own root: the contacts folder is the journal's folder."""
    monkeypatch.setattr(cache, "FRESH_SECONDS", -60.0)
    monkeypatch.setattr(fingerprint, "FRESH_SECONDS", -60.0)
    (tmp_path / "mkdocs.yml").write_text(
        CONFIG.replace("today: 2026-11-23", "today: 2026-11-23\n      contacts: ."),
        encoding="utf-8",
    )
    (tmp_path / "journal").mkdir()
    (tmp_path / "jane.md").write_text("---\nname: Jane Doe\n---\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    first = seen(run("check"))
    assert "1 contact" in first[2]
    assert seen(run("check")) == first
    assert not (tmp_path / CACHE_FOLDER).exists()


def test_the_cache_folder_keeps_its_gitignore(journal):
    run("due")
    ignore = journal / CACHE_FOLDER / ".gitignore"
    assert ignore.read_text(encoding="utf-8").splitlines()[-1] == "*"
    ignore.unlink()
    run("due", "--today", "2026-11-24")  # a new answer kept: the folder made whole again
    assert ignore.read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_an_answer_read_from_a_file_saved_just_now_is_not_kept(journal, monkeypatch):
    """A coarse file-system clock could stamp a second save in the same tick the same."""
    monkeypatch.setattr(fingerprint, "FRESH_SECONDS", 3600.0)
    run("due")
    assert not (journal / ANSWERS).exists() or kept_answers(journal) == []
    monkeypatch.setattr(fingerprint, "FRESH_SECONDS", -60.0)
    run("due")
    assert len(kept_answers(journal)) == 1


def test_hidden_and_excluded_files_change_no_answer(journal, write, monkeypatch):
    """The reader never reads an editor's lock file or a `templates/` folder (the default
    `exclude`): the fingerprint leaves them out too, so the kept answer stands."""
    expected = cold("due")
    write("contacts/.jane.md.swp", "an editor's lock file")
    write("journal/templates/meeting.md", "---\ndate: 2026-01-01\nfollow_ups: [Call]\n---\n")
    reader_fails(monkeypatch)
    assert seen(run("due")) == expected
