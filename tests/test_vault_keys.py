"""Issue 14, keys as vaults write them: synonyms, the `keys` option, names, the "More" list,
Dataview inline fields, and what `check` says it read."""

from __future__ import annotations

import re
import shutil
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from netjournal.cli import main
from netjournal.model import Birthday, ContactRef, Journal, Property, Source, Text
from netjournal.queries.privacy import public_view
from netjournal.read.inline_fields import inline_fields
from netjournal.read.journal import ReadResult, read_journal, read_texts
from netjournal.read.synonyms import CONTACT_SYNONYMS, ENTRY_SYNONYMS
from netjournal.render import render_site

REPO = Path(__file__).resolve().parent.parent
VAULTS = REPO / "tests" / "vaults"
TODAY = date(2026, 11, 23)


def read(files: dict[str, str]) -> ReadResult:
    return read_texts({path: textwrap.dedent(text).lstrip("\n") for path, text in files.items()})


def codes(result: ReadResult) -> list[str]:
    return [p.code for p in result.problems]


# Synonyms ------------------------------------------------------------------------------


def test_an_obsidian_contacts_capitalised_and_synonym_keys_are_read_as_netjournals():
    result = read(
        {
            "contacts/jane.md": """
            ---
            Name: Jane Doe
            Company: Acme
            Position: CFO
            E-mail: jane@example.com
            Phone Number: "+44 20 7946 0000"
            Birthday: 1980-04-12
            LinkedIn: https://www.linkedin.com/in/jane
            Source: Network referral
            Referred by: "[[Tom Lee]]"
            ---
            """,
            "contacts/tom.md": "---\nname: Tom Lee\n---\n",
        }
    )
    assert result.problems == ()
    jane = result.journal.contacts["jane"]
    assert (jane.name, jane.company, jane.title) == ("Jane Doe", "Acme", "CFO")
    assert (jane.emails, jane.phones) == (("jane@example.com",), ("+44 20 7946 0000",))
    assert jane.urls == ("https://www.linkedin.com/in/jane",)
    assert jane.birthday == Birthday(4, 12, 1980)
    assert (jane.source, jane.referred_by) == (Source.NETWORK_REFERRAL, "tom")
    assert jane.more == ()


def test_vcard_keys_add_up_where_netjournal_keeps_a_list():
    result = read(
        {
            "contacts/ann.md": """
            ---
            FN: Ann Lee
            EMAIL[HOME]: ann@example.org
            EMAIL[WORK]: [ann@lee.example, ann.lee@lee.example]
            TEL[CELL]: "+1 555 0100"
            ORG: Lee & Partners
            TITLE: Managing partner
            BDAY: 1980-04-12
            CATEGORIES: [referral partner, BNI]
            NOTE: Met through BNI.
            ---
            """
        }
    )
    assert result.problems == ()
    ann = result.journal.contacts["ann"]
    assert ann.name == "Ann Lee"
    assert ann.emails == ("ann@example.org", "ann@lee.example", "ann.lee@lee.example")
    assert (ann.phones, ann.company, ann.title) == (
        ("+1 555 0100",),
        "Lee & Partners",
        "Managing partner",
    )
    assert ann.tags == ("referral partner", "BNI")
    assert ann.more == (Property("NOTE", (Text("Met through BNI."),)),)


@pytest.mark.parametrize("key", ["people", "contacts", "attendees", "participants", "With"])
def test_an_entrys_people_under_any_usual_key_are_whom_it_was_with(key):
    result = read(
        {
            "contacts/jane.md": "---\nname: Jane Doe\n---\n",
            "journal/call.md": f'---\nDate: 2026-11-02\n{key}: ["[[Jane Doe]]"]\ntype: call\n---\n',
        }
    )
    assert result.problems == ()
    [entry] = result.journal.entries
    assert (entry.date, entry.with_, entry.kind) == (date(2026, 11, 2), ("jane",), "call")


def test_one_word_means_a_job_in_a_contact_and_a_heading_in_an_entry():
    result = read(
        {
            "contacts/jane.md": "---\nname: Jane\nTitle: CFO\ntype: person\n---\n",
            "journal/2026-11-02.md": "---\nTitle: Board meeting\ntype: meeting\n---\n",
        }
    )
    jane, [entry] = result.journal.contacts["jane"], result.journal.entries
    assert jane.title == "CFO" and jane.more == (Property("type", (Text("person"),)),)
    assert (entry.title, entry.kind) == ("Board meeting", "meeting")


def test_when_two_keys_mean_one_netjournals_spelling_wins_and_the_other_shows_under_more():
    result = read({"contacts/jane.md": "---\nname: Jane\nCompany: Old Co\ncompany: New Co\n---\n"})
    jane = result.journal.contacts["jane"]
    assert jane.company == "New Co"
    assert jane.more == (Property("Company", (Text("Old Co"),)),)
    [problem] = result.problems
    assert (problem.code, problem.line, problem.column) == ("NJ153", 3, 1)
    assert "'Company' and 'company' both give company: it is read from 'company'" in problem.message


def test_without_netjournals_spelling_the_first_key_in_the_file_wins():
    result = read({"contacts/jane.md": "---\nname: Jane\nrole: Founder\nPosition: CEO\n---\n"})
    assert result.journal.contacts["jane"].title == "Founder"
    assert codes(result) == ["NJ153"] and result.problems[0].line == 4


def test_a_bad_value_is_located_and_named_as_the_file_writes_it():
    result = read(
        {
            "contacts/jane.md": "---\nname: Jane\nBDAY: someday\nEMAIL[HOME]: a@x.org\n"
            'EMAIL[WORK]: ["b@x.org", 12]\nReferred by: "[[Nobody]]"\n---\n'
        }
    )
    found = {p.code: p for p in result.problems}
    assert (found["NJ104"].line, found["NJ104"].column) == (3, 7)
    assert found["NJ104"].message.startswith("BDAY: ")
    assert (found["NJ144"].line, found["NJ144"].column) == (6, 14)
    assert found["NJ144"].message.startswith("Referred by: ")


def test_a_privacy_flag_is_only_ever_private_as_written():
    result = read_texts({"contacts/z.md": "---\nname: Z\nPrivate: true\n---\n"}, public=True)
    assert codes(result) == ["NJ120"]  # refused, not guessed, in a public build


# The keys option -----------------------------------------------------------------------


def vault(tmp_path: Path, options: str = "") -> Path:
    (tmp_path / "people").mkdir()
    (tmp_path / "meetings").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: V\nplugins:\n  - netjournal:\n      contacts: people\n"
        f"      journal: meetings\n{textwrap.indent(options, '      ')}",
        encoding="utf-8",
    )
    return tmp_path / "mkdocs.yml"


def check(config: Path, *more: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "-f", str(config), *more])
    return result.exit_code, result.stdout, result.stderr


def test_the_keys_option_reads_a_users_own_key_names(tmp_path):
    config = vault(tmp_path, "keys:\n  Firma: company\n  Teilnehmer: with\n")
    (tmp_path / "people/anna.md").write_text("---\nname: Anna\nFirma: Muster AG\n---\n")
    (tmp_path / "meetings/m.md").write_text("---\ndate: 2026-11-02\nTeilnehmer: [anna]\n---\n")
    status, out, err = check(config)
    assert status == 0 and out == ""
    assert "read 'Firma' as company in 1 file" in err
    assert "read 'Teilnehmer' as with in 1 file" in err
    journal = read_journal(tmp_path, tmp_path / "people", tmp_path / "meetings").journal
    assert journal.contacts["anna"].more == (Property("Firma", (Text("Muster AG"),)),)


def test_a_changed_keys_option_is_read_afresh_by_a_cached_check(tmp_path):
    config = vault(tmp_path)
    (tmp_path / "people/anna.md").write_text("---\nname: Anna\nFirma: Muster AG\n---\n")
    assert "as company" not in check(config)[2]
    config.write_text(config.read_text() + "      keys: {Firma: company}\n")
    assert "read 'Firma' as company in 1 file" in check(config)[2]


def test_a_keys_option_naming_a_key_netjournal_lacks_is_a_located_error(tmp_path):
    config = vault(tmp_path, "keys:\n  Firma: compnay\n")
    status, out, err = check(config)
    assert status != 0
    assert "mkdocs.yml:6: netjournal option 'keys' maps 'Firma' onto 'compnay'" in out + err
    assert "(did you mean 'company'?)" in out + err


def test_check_says_what_it_read_in_one_line_per_mapping_and_json_is_unchanged(tmp_path):
    config = vault(tmp_path)
    for name in ("a", "b"):
        (tmp_path / f"people/{name}.md").write_text(f"---\nname: {name}\nCompany: X\n---\n")
    (tmp_path / "meetings/m.md").write_text("---\nDate: 2026-11-02\npeople: [a]\n---\n")
    status, _, err = check(config)
    assert status == 0
    lines = err.splitlines()
    assert lines[:3] == [
        "read 'Company' as company in 2 files",
        "read 'Date' as date in 1 file",
        "read 'people' as with in 1 file",
    ]
    status, out, err = check(config, "--format", "json")
    assert out.strip() == "[]" and "read '" not in err


# Names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "name"),
    [
        ("contacts/x.md", "---\nfirst_name: Lars\nlast_name: Ørsted\n---\n", "Lars Ørsted"),
        ("contacts/x.md", "---\nFirst Name: Steph\nLast Name: Ango\n---\n", "Steph Ango"),
        ("contacts/x.md", "---\nFN: Ann Lee\nN.GN: A\nN.FN: L\n---\n", "Ann Lee"),
        ("contacts/x.md", "---\nN.GN: Robert\nN.FN: Ng\n---\n", "Robert Ng"),
        ("contacts/dana-ito.md", "---\ntype: person\n---\n# Dana Ito\n\nLawyer.\n", "Dana Ito"),
        ("contacts/Jane Doe.md", "---\nCompany: Acme\n---\nNotes.\n", "Jane Doe"),
        ("contacts/伟 李.md", "---\nCompany: 李 & Co\n---\n", "伟 李"),
        ("contacts/robert.md", "---\nORG: Ng Plumbing\n---\n", "Robert"),
        ("contacts/dana-ito.md", "---\ntags: [x]\n---\n", "Dana Ito"),
    ],
)
def test_a_contact_without_name_takes_one_from_its_keys_its_heading_or_its_file(path, text, name):
    result = read({path: text})
    assert result.errors == ()
    [contact] = result.journal.contacts.values()
    assert contact.name == name


def test_a_heading_that_gives_the_name_is_not_shown_twice():
    result = read({"contacts/dana-ito.md": "---\ntags: [x]\n---\n# Dana Ito\n\nLawyer.\n"})
    assert result.journal.contacts["dana-ito"].body == "Lawyer."


def test_a_file_with_a_date_but_no_name_in_contacts_is_still_an_entry_in_the_wrong_folder():
    result = read({"contacts/x.md": "---\ndate: 2026-11-02\n---\n"})
    assert codes(result) == ["NJ101"] and result.journal.contacts == {}


# Nothing disappears --------------------------------------------------------------------


def test_empty_template_properties_are_silent():
    result = read(
        {
            "contacts/steph.md": "---\nname: Steph\nPosition:\nBirthday:\naliases:\nCompany:\n"
            "tags: []\n---\n",
            "journal/2026-11-02.md": "---\nDate:\npeople: []\nfollow_ups:\n  - what: Call\n"
            "    due: 2026-11-09\n    who:\n    notes:\n---\n",
        }
    )
    assert result.problems == ()
    steph = result.journal.contacts["steph"]
    assert (steph.title, steph.birthday, steph.more) == (None, None, ())
    assert result.journal.entries[0].date == date(2026, 11, 2)  # from the file name


def test_a_key_cut_off_by_a_comma_in_braces_still_gets_its_hint():
    result = read(
        {
            "journal/e.md": "---\ndate: 2026-11-02\nfollow_ups:\n"
            "  - {what: Call Jane, then Tom, due: 2026-11-09}\n---\n"
        }
    )
    [problem] = result.problems
    assert problem.code == "NJ107" and "put that value in quotes" in problem.message


def test_other_keys_are_kept_for_more_and_only_a_typo_is_warned_about():
    result = read(
        {
            "contacts/jane.md": "---\nname: Jane\nstatus: active\nlast_contacted: 2026-11-20\n"
            "phnoe: 0123\nhobbies: [chess, sailing]\nsocial: {site: x}\n---\n"
        }
    )
    [problem] = result.problems
    assert (
        problem.code == "NJ107" and "unknown key 'phnoe' (did you mean 'phone'?)" in problem.message
    )
    assert result.journal.contacts["jane"].more == (
        Property("status", (Text("active"),)),
        Property("last_contacted", (Text("2026-11-20"),)),
        Property("phnoe", (Text("0123"),)),
        Property("hobbies", (Text("chess"), Text("sailing"))),
        Property("social", (Text("site: x"),)),
    )


def pages_of(journal: Journal) -> dict[str, str]:
    return render_site(journal, TODAY)


def test_the_more_list_shows_text_escaped_safe_links_and_wikilinks_to_contacts():
    result = read(
        {
            "contacts/jane.md": """
            ---
            name: Jane Doe
            Company: "[[Acme Inc]]"
            status: "*active* <b>x</b>"
            home: javascript:alert(1)
            blog: https://jane.example/
            manager: "[[Tom Lee]]"
            customer: "[[Nobody Inc]]"
            ---
            """,
            "contacts/acme.md": "---\nname: Acme Inc\n---\n",
            "contacts/tom.md": "---\nname: Tom Lee\n---\n",
            "journal/2026-11-02.md": "---\nLocation: Online\n---\n",
        }
    )
    assert result.problems == ()
    pages = pages_of(result.journal)
    page = pages["contacts/jane.md"]
    assert "[Acme Inc](acme.md)" in page  # the company, as a name, linked
    assert "[[" not in page
    more = page.split("**More**")[1].split("##")[0]
    assert r"- status: \*active\* &lt;b&gt;x&lt;/b&gt;" in more or r"\<b\>" in more
    assert "<b>" not in more
    assert "(javascript:" not in more
    assert "- blog: [https://jane\\.example/](https://jane.example/)" in more
    assert "- manager: [Tom Lee](tom.md)" in more
    assert "- customer: Nobody Inc" in more
    assert "- Location: Online" in pages["journal/2026-11.md"]


def test_a_public_build_shows_more_only_with_the_notes_and_never_a_private_name():
    result = read(
        {
            "contacts/jane.md": "---\nname: Jane\nmanager: '[[cleo]]'\nboss: Cleo Quill\n"
            "status: active\nCompany: '[[cleo]]'\n---\n",
            "contacts/cleo.md": "---\nname: Cleo Quill\nprivate: true\n---\n",
        }
    )
    assert public_view(result.journal).contacts["jane"].more == ()
    shown = public_view(result.journal, ["notes"]).contacts["jane"]
    assert shown.more == (Property("status", (Text("active"),)),)
    assert shown.company is None and shown.company_contact is None
    page = pages_of(public_view(result.journal, ["notes"]))["contacts/jane.md"]
    assert "Cleo" not in page and "cleo" not in page


# Inline fields -------------------------------------------------------------------------


def test_a_people_note_without_front_matter_is_read_from_its_inline_fields():
    result = read(
        {
            "contacts/Maria Chen.md": "# Maria Chen\n\ncompany:: Chen Advisory\nrole:: Tax "
            "adviser\nsource:: network referral\ncustomer:: [[Acme]]\n\nPlays chess.\n",
            "contacts/Jonathan.md": "title:: Party planer\nphone:: 07700 900123\n",
            "contacts/acme.md": "---\nname: Acme\n---\n",
        }
    )
    assert result.errors == ()
    maria, jonathan = result.journal.contacts["maria-chen"], result.journal.contacts["jonathan"]
    assert (maria.name, maria.company, maria.title) == (
        "Maria Chen",
        "Chen Advisory",
        "Tax adviser",
    )
    assert maria.source == Source.NETWORK_REFERRAL
    assert maria.more == (Property("customer", (ContactRef("acme"),)),)
    assert "role:: Tax adviser" in maria.body  # shown in the notes, as Obsidian shows it
    assert (jonathan.name, jonathan.title, jonathan.phones) == (
        "Jonathan",
        "Party planer",
        ("07700 900123",),
    )


def test_a_note_without_front_matter_or_fields_is_still_refused_in_contacts():
    assert codes(read({"contacts/x.md": "Just text.\n"})) == ["NJ002"]


def test_an_entrys_inline_fields_give_its_kind_and_people_where_front_matter_does_not():
    result = read(
        {
            "contacts/jonathan.md": "---\nname: Jonathan\n---\n",
            "contacts/maria.md": "---\nname: Maria Chen\n---\n",
            "journal/2026-10-10_0937.md": "kind:: meeting\n[with:: [[Jonathan]]] about it.\n",
            "journal/2026-11-02.md": "---\nkind: call\n---\nkind:: meeting\n"
            "- 09:30 Coffee with (person:: [[Maria Chen]]).\n",
        }
    )
    assert result.problems == ()
    first, second = result.journal.entries
    assert (first.kind, first.with_) == ("meeting", ("jonathan",))
    assert (second.kind, second.with_) == ("call", ("maria",))  # the front matter wins


def test_fields_in_code_and_in_tasks_are_not_read():
    body = (
        "```\nkind:: code\n```\n- [ ] Send it [due:: 2026-11-09] [completion:: x]\n"
        "    `x`\n(mood:: good)\n"
    )
    assert [(f.key, f.value, f.line) for f in inline_fields(body, 5)] == [("mood", "good", 10)]


def test_an_inline_field_with_a_bad_value_is_located_in_the_notes():
    result = read({"contacts/x.md": "# X\n\nintro text\nbirthday:: someday\n"})
    [problem] = result.problems
    assert (problem.code, problem.line, problem.column) == ("NJ104", 4, 12)
    assert problem.message.startswith("birthday: ")


def test_inline_fields_are_read_in_linear_time():
    lines = ["[a:: " * 20_000, "(k:: v) " * 20_000, "x" * 100_000 + "::", "[" * 100_000]
    started = time.process_time()
    inline_fields("\n".join(lines))
    assert time.process_time() - started < 2.0  # CPU seconds; quadratic would take minutes


# The acceptance vaults -----------------------------------------------------------------


def read_vault(tmp_path: Path, name: str, contacts: str, journal: str) -> ReadResult:
    copy = tmp_path / name
    shutil.copytree(VAULTS / name, copy, symlinks=True)
    return read_journal(copy, copy / contacts, copy / journal)


def test_the_obsidian_vaults_people_read_with_their_keys(tmp_path):
    result = read_vault(tmp_path, "obsidian-crm", "People", "Meetings")
    jane, lars = result.journal.contacts["jane-doe"], result.journal.contacts["lars-orsted"]
    assert (jane.name, jane.company, jane.company_contact, jane.title) == (
        "Jane Doe",
        "Acme Inc",
        "acme-inc",  # the address of the contact the company's wikilink names
        "CFO",
    )
    assert [p.key for p in jane.more] == ["status", "last_contacted"]
    assert (lars.name, lars.title, lars.referred_by) == (
        "Lars Ørsted",
        "Head of partnerships",
        "jane-doe",
    )
    call = next(e for e in result.journal.entries if e.kind == "call")
    assert call.with_[0] == "jane-doe"
    assert not [p for p in result.problems if p.code != "NJ144"]


def test_the_dataview_vcard_and_foam_vaults_people_read_with_their_names(tmp_path):
    dataview = read_vault(tmp_path, "dataview", "People", "Journal").journal
    assert dataview.contacts["jonathan"].title == "Party planer"
    assert dataview.contacts["maria-chen"].company == "Chen Advisory"
    assert [e.with_ for e in dataview.entries] == [("jonathan",), ("maria-chen",)]
    vcard = read_vault(tmp_path, "vcard", "Contacts", "Notes").journal
    assert vcard.contacts["robert"].name == "Robert Ng"
    assert vcard.contacts["ann-lee"].emails == ("ann@example.org", "ann.lee@leepartners.example")
    assert vcard.entries[0].with_ == ("ann-lee", "robert")
    foam = read_vault(tmp_path, "foam", "people", "journal").journal
    assert [c.name for c in foam.contacts.values()] == ["Dana Ito", "Omar Haddad"]  # by address


# The docs ------------------------------------------------------------------------------


def test_the_docs_synonym_table_is_the_modules():
    docs = (REPO / "docs/file-format.md").read_text(encoding="utf-8")
    section = docs.split("## Coming from Obsidian or Foam")[1].split("\n## ")[0]
    rows = re.findall(r"^\| (contact|entry) \| `([a-z_]+)` \| (.+) \|$", section, re.M)
    found = {(kind, key): tuple(re.findall(r"`([^`]+)`", others)) for kind, key, others in rows}
    expected = {("contact", k): v for k, v in CONTACT_SYNONYMS.items()}
    expected.update({("entry", k): v for k, v in ENTRY_SYNONYMS.items()})
    assert found == expected


def test_a_wikilink_finds_a_contact_by_the_name_its_vault_keys_give():
    result = read(
        {
            "contacts/ann.md": "---\nFN: Ann Lee\n---\n",
            "contacts/steph.md": "---\nFirst Name: Steph\nLast Name: Ango\n---\n",
            "contacts/dana.md": "# Dana Ito\n\nrole:: Lawyer\n",
            "journal/2026-11-02.md": "Met [[Ann Lee]], [[Steph Ango]] and [[Dana Ito]].\n",
        }
    )
    assert result.problems == ()
    assert result.journal.entries[0].with_ == ("ann", "steph", "dana")


def test_a_strict_build_reads_the_keys_option_and_shows_the_more_list(write, build_site):
    write("contacts/anna.md", "---\nname: Anna\nFirma: Muster AG\nHobby: <i>chess</i>\n---\n")
    write("journal/2026-11-02.md", "---\nTeilnehmer: [anna]\nLocation: Online\n---\n")
    config = (
        "site_name: T\ntheme:\n  name: material\nplugins:\n  - netjournal:\n"
        "      keys: {Firma: company, Teilnehmer: with}\n"
    )
    site = build_site("--strict", config=config)
    page = (site / "contacts/anna.html").read_text(encoding="utf-8")
    assert "Muster AG" in page and "Hobby" in page
    assert "<i>chess</i>" not in page and "&lt;i&gt;chess&lt;/i&gt;" in page
    month = (site / "journal/2026-11.html").read_text(encoding="utf-8")
    assert "Online" in month and "Anna</a>" in month


def test_an_entrys_more_list_is_left_out_of_a_public_build_without_its_notes():
    result = read(
        {
            "journal/2026-11-02.md": "---\nLocation: at Cleo Quill's\nmood: good\n---\n",
            "contacts/cleo.md": "---\nname: Cleo Quill\nprivate: true\n---\n",
        }
    )
    assert [p.key for p in result.journal.entries[0].more] == ["Location", "mood"]
    assert public_view(result.journal).entries[0].more == ()
    kept = public_view(result.journal, ["notes"]).entries[0].more
    assert kept == (Property("mood", (Text("good"),)),)
