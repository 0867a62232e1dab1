"""`check` and `due` keep each file's parsed front matter in `.netjournal-cache/`: the same
answers as a full read, and a file is read again as soon as it changes, appears or goes."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import MINIMAL_MKDOCS

from netjournal.cli import main
from netjournal.read import cache
from netjournal.read.cache import CACHE_FOLDER
from netjournal.read.cache_folder import load_json, save_json

CACHE_FILE = Path(CACHE_FOLDER) / "read.json"


@pytest.fixture
def journal(tmp_path, write, monkeypatch):
    """A journal with a warning and an error in it, its files taken as settled."""
    monkeypatch.setattr(cache, "FRESH_SECONDS", -60.0)  # files written just now are kept
    (tmp_path / "mkdocs.yml").write_text(
        MINIMAL_MKDOCS.replace("- netjournal", "- netjournal:\n      today: 2026-11-23"),
        encoding="utf-8",
    )
    write(
        "contacts/jane.md",
        "---\nname: Jane Doe\ncadence: 2w\ncompnay: Acme\n---\nHi [[tom]], `[[code]]`\n\n"
        "and [[nobody]]\n",
    )
    write("contacts/tom.md", "---\nname: Tom Okafor\nbirthday: 1980-12-01\n---\n")
    write("contacts/bad.md", "---\nname: Bad\nsource: referal\n---\n")
    write("contacts/broken.md", "---\nname: [unclosed\n---\n")
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
    write("journal/2026/2026-11-02.md", "# A daily note\n\nMet [[jane]].\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def answers() -> list[tuple[int, str]]:
    """What a user sees from every reading command: exit codes and output."""
    commands = (["check"], ["check", "--format", "json"], ["due"], ["due", "--json"])
    return [(r.exit_code, r.output) for r in (run(*command) for command in commands)]


def kept(root: Path) -> dict[str, object]:
    """The cache file as netjournal reads it (its digest checked)."""
    data = load_json(root / CACHE_FOLDER, CACHE_FILE.name)
    assert isinstance(data, dict)
    return data


def rewrite(root: Path, data: object) -> None:
    """The cache file changed as netjournal would write it: with a digest that fits."""
    save_json(root / CACHE_FOLDER, CACHE_FILE.name, data)


def cached(root: Path) -> dict[str, object]:
    files = load_json(root / CACHE_FOLDER, CACHE_FILE.name)["files"]
    assert isinstance(files, dict)
    return files


def test_check_and_due_answer_the_same_cold_and_warm(journal):
    cold = answers()
    assert (journal / CACHE_FILE).is_file()
    warm = answers()
    assert warm == cold
    assert "contacts/broken.md" in cold[0][1] and "NJ107" in cold[0][1]  # an error, a warning
    assert "Send the proposal" in cold[3][1]
    assert "contacts/jane.md:8:5: warning NJ144" in cold[0][1]  # the wikilinks, found warm too
    assert "code" not in cold[0][1]
    assert sorted(cached(journal)) == [
        "contact:contacts/bad.md",
        "contact:contacts/broken.md",
        "contact:contacts/jane.md",
        "contact:contacts/tom.md",
        "entry:journal/2026/2026-11-01-call.md",
        "entry:journal/2026/2026-11-02.md",
    ]


def test_a_warm_run_takes_a_file_from_the_cache_not_from_disk(journal):
    run("due")
    data = kept(journal)
    tom = data["files"]["contact:contacts/tom.md"][1]
    tom["document"]["data"]["name"] = "Name From The Cache"
    rewrite(journal, data)
    assert "Name From The Cache" in run("due").output  # the unchanged file was not parsed


def test_a_warm_run_takes_the_notes_wikilinks_from_the_cache(journal):
    """Finding them runs each note through Python-Markdown: the cache keeps where they are."""
    run("check")
    data = kept(journal)
    links = data["files"]["contact:contacts/jane.md"][1]["document"]["links"]
    assert [link[0] for link in links] == ["tom", "nobody"]  # not the one in code
    links[1][0] = "nobody-from-the-cache"
    rewrite(journal, data)
    assert "nobody-from-the-cache" in run("check").output


def test_the_cache_folder_is_ignored_by_git_and_outside_the_journals_folders(journal):
    run("check")
    folder = journal / CACHE_FOLDER
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert not list((journal / "contacts").glob(".*"))
    assert not list((journal / "journal").rglob(".*"))


def test_a_file_changed_to_the_same_size_and_time_is_read_again(journal):
    path = journal / "contacts/tom.md"
    run("due")
    before = os.stat(path)
    path.write_text(path.read_text(encoding="utf-8").replace("12-01", "11-30"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a careless tool might
    assert os.stat(path).st_size == before.st_size
    due = run("due").output
    assert "30 November" in due and "1 December" not in due


def test_a_new_file_is_read_and_a_removed_one_is_gone(journal, write):
    run("check")
    write("contacts/zoe.md", "---\nname: Zoë Quill\nsource: referal\n---\n")
    (journal / "contacts/bad.md").unlink()
    output = run("check").output
    assert "contacts/zoe.md:2:9: error NJ103" not in output  # source is on line 3
    assert "contacts/zoe.md:3:9: error NJ103" in output
    assert "contacts/bad.md" not in output
    assert "contact:contacts/zoe.md" in cached(journal)
    assert "contact:contacts/bad.md" not in cached(journal)


def test_a_file_fixed_since_the_last_run_loses_its_error(journal, write):
    assert run("check").exit_code == 1
    write("contacts/broken.md", "---\nname: Fixed\n---\n")
    write("contacts/bad.md", "---\nname: Bad\nsource: referral\n---\n")
    result = run("check")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "damage",
    [
        "not json at all {",
        '{"netjournal": "0.0.1+elsewhere", "format": 1, "files": {}}',
        "[1, 2, 3]",
        '{"netjournal": "%s", "format": 1, "files": {"contact:contacts/tom.md": '
        '[[1, 2, 3, 4], {"problems": [["NJ999", "x", "y", 1, 1]], "document": null}]}}',
        "\udcff",
    ],
)
def test_a_damaged_or_foreign_cache_is_ignored_and_written_anew(journal, damage):
    expected = answers()
    if "%s" in damage:  # a file's entry of the wrong shape, for the current version
        data = kept(journal)
        damage = damage % data["netjournal"]
        data["files"]["contact:contacts/jane.md"][1] = {"problems": "not a list"}
        rewrite(journal, data)
        assert answers() == expected
    if damage.startswith(("{", "[")):  # JSON as netjournal writes it: its digest fits
        rewrite(journal, json.loads(damage))
    else:
        (journal / CACHE_FILE).write_bytes(damage.encode("utf-8", "surrogateescape"))
    assert answers() == expected
    assert len(cached(journal)) == 6


def test_a_cache_edited_by_hand_is_not_trusted(journal):
    """Its digest no longer fits: the files are read again, and the answer is theirs."""
    run("due")
    path = journal / CACHE_FILE
    text = path.read_text(encoding="utf-8")
    assert "1980-12-01" in text  # Tom's birthday, as the cache keeps it
    path.write_text(text.replace("1980-12-01", "1980-11-30"), encoding="utf-8")
    due = run("due").output
    assert "1 December" in due and "30 November" not in due
    assert "1980-12-01" in path.read_text(encoding="utf-8")  # and the cache written anew


def test_another_version_of_netjournal_does_not_trust_the_cache(journal, monkeypatch):
    run("due")
    data = kept(journal)
    data["files"]["contact:contacts/tom.md"][1]["document"]["data"]["name"] = "Stale"
    data["netjournal"] = "0.0.1"
    rewrite(journal, data)
    output = run("due").output
    assert "Stale" not in output and "Tom Okafor" in output
    assert kept(journal)["netjournal"] != "0.0.1"


def test_without_a_place_for_the_cache_check_and_due_still_answer(journal):
    expected = answers()
    (journal / CACHE_FOLDER / "read.json").unlink()
    (journal / CACHE_FOLDER / ".gitignore").unlink()
    (journal / CACHE_FOLDER).rmdir()
    (journal / CACHE_FOLDER).write_text("a file where the folder would go\n", encoding="utf-8")
    assert answers() == expected


def test_a_file_saved_just_now_is_not_kept(journal, monkeypatch):
    """Some file systems stamp times coarsely: a second save in the same tick would look
    unchanged, so a file changed less than FRESH_SECONDS ago is parsed every time."""
    monkeypatch.setattr(cache, "FRESH_SECONDS", 3600.0)
    run("check")
    assert cached(journal) == {}
    monkeypatch.setattr(cache, "FRESH_SECONDS", 0.5)
    time.sleep(0.6)
    run("check")
    assert len(cached(journal)) == 6


def test_a_new_journal_tells_git_to_ignore_the_cache(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "--today", "2026-11-23").exit_code == 0
    assert "/.netjournal-cache/" in (tmp_path / ".gitignore").read_text(encoding="utf-8")
    assert run("check").exit_code == 0
    assert (tmp_path / CACHE_FOLDER).is_dir()
