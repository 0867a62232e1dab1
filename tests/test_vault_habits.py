"""Habits of real vaults that a new user from Obsidian tried first: each is read as Obsidian
reads it, or said plainly, never dropped without a word."""

from __future__ import annotations

import base64
import shutil
from datetime import date, datetime
from pathlib import Path

from click.testing import CliRunner

from netjournal.cli import main
from netjournal.read.journal import read_texts

VAULTS = Path(__file__).parent / "vaults"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


def test_a_date_written_as_a_link_to_its_daily_note_is_that_date():
    result = read_texts(
        {
            "contacts/Olga.md": "---\nBirthday: '[[1980-04-12]]'\n---\n",
            "journal/Call with Olga.md": '---\nDate: "[[2026-11-21]]"\nwith: [Olga]\n---\nx\n',
        }
    )
    assert not result.problems, [str(p) for p in result.problems]
    [call] = result.journal.entries
    assert call.date == date(2026, 11, 21)
    assert result.journal.contacts["olga"].birthday.month == 4


def test_a_time_key_gives_the_time_of_day_of_an_entry_dated_by_its_file_name():
    result = read_texts(
        {
            "journal/2026-11-19 Timed.md": "---\ntime: 14:30\n---\nx\n",
            "journal/2026-11-20 Later.md": "---\ntime: half past two\n---\nx\n",
        }
    )
    timed, later = result.journal.entries
    assert timed.time == datetime(2026, 11, 19, 14, 30)  # not 870, YAML's minutes
    assert later.time is None
    [problem] = result.problems
    assert str(problem).startswith("journal/2026-11-20 Later.md:2:7: error NJ104 time: ")
    assert "'half past two' is not a time of day: write it as HH:MM" in problem.message


def test_a_time_beside_a_date_is_suggested_as_typed():
    result = read_texts({"journal/x.md": "---\ndate: 2026-11-21\ntime: 14:30\n---\n"})
    [problem] = result.problems
    assert problem.code == "NJ107" and "date: 2026-11-21 14:30" in problem.message


def test_an_embedded_image_is_no_wikilink_to_nothing():
    result = read_texts(
        {"journal/2026-11-20.md": "![[photo.png|120]] and ![[missing.jpg]] and [[nobody]]\n"}
    )
    assert [p.code for p in result.problems] == ["NJ144"]  # only the link to nobody
    assert "nobody" in result.problems[0].message


def test_tags_written_with_a_hash_or_as_one_text_are_the_tags_obsidian_sees():
    result = read_texts(
        {
            "contacts/Ann.md": "---\ntags: '#client'\n---\n",
            "contacts/Bo.md": "---\ntags: [client, '#partner']\n---\n",
            "journal/2026-11-20 Lunch.md": "---\ntags: meeting, followup\n---\nx\n",
        }
    )
    contacts = result.journal.contacts
    assert (contacts["ann"].tags, contacts["bo"].tags) == (("client",), ("client", "partner"))
    assert result.journal.entries[0].tags == ("meeting", "followup")


def test_a_daily_notes_opening_section_heading_is_its_title_and_leaves_the_notes():
    result = read_texts({"journal/2026-11-20.md": "#daily\n\n## Log\n- met [[x]]\n\n## Later\n"})
    [entry] = result.journal.entries
    assert entry.title == "Log"
    assert "Log" not in entry.body and "## Later" in entry.body and "#daily" in entry.body


def test_a_section_heading_further_down_is_no_title():
    result = read_texts({"journal/2026-11-20-call.md": "Spoke about the deal.\n\n## Actions\n"})
    assert result.journal.entries[0].title == "Call"


def test_a_sentence_holding_a_double_colon_is_no_inline_field():
    result = read_texts(
        {"contacts/Dana.md": "# Dana\n\nExecutive coach. Introduced by:: [[Jane]]\nrole:: Coach\n"}
    )
    dana = result.journal.contacts["dana"]
    assert dana.title == "Coach"
    assert [p.key for p in dana.more] == []


def test_a_site_folder_beside_the_vault_leaves_nothing_in_it_and_finds_its_images(tmp_path):
    """README's advice: mkdocs.yml in a folder of its own, so site/ and the cache stay out."""
    vault = tmp_path / "Vault"
    shutil.copytree(VAULTS / "obsidian-crm", vault, symlinks=True)
    (vault / "mkdocs.yml").unlink()
    (vault / "Attachments").mkdir()
    (vault / "Attachments" / "photo.png").write_bytes(PNG)
    with open(vault / "People" / "Jane Doe.md", "a", encoding="utf-8") as note:
        note.write("\n![[photo.png|40]]\n")
    before = {p: p.read_bytes() for p in vault.rglob("*") if p.is_file()}
    site_folder = tmp_path / "site-folder"
    site_folder.mkdir()
    (site_folder / "mkdocs.yml").write_text(
        "site_name: My network\n"
        "docs_dir: !!python/object/apply:netjournal.options.empty_docs_dir []\n"
        "theme: material\nplugins:\n  - netjournal:\n"
        "      contacts: [../Vault/People, ../Vault/CRM/Contacts]\n"
        "      journal: [../Vault/Meetings, ../Vault/Daily]\n",
        encoding="utf-8",
    )
    config = str(site_folder / "mkdocs.yml")
    for command in (["check", "-f", config], ["build", "-f", config, "--today", "2026-11-23"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 0, result.output
    assert {p: p.read_bytes() for p in vault.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in site_folder.iterdir()) == [
        ".netjournal-cache",
        "mkdocs.yml",
        "site",
    ]
    page = (site_folder / "site" / "contacts" / "jane-doe.html").read_text(encoding="utf-8")
    assert '<img alt="photo.png" src="../attachments/Attachments/photo.png" width="40">' in page
    assert (site_folder / "site/attachments/Attachments/photo.png").read_bytes() == PNG
