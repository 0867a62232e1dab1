"""A vault as it is (issue 14, parts 1-3 and 9): folder lists, `exclude`, file names as names
(addresses derived from them, wikilinks that find them), dates and titles from file names,
and no file of a vault ever written by `check` or `build`."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINIMAL_MKDOCS, REPO, TODAY

from netjournal.cli import main
from netjournal.options import OptionsError, read_options
from netjournal.read.cache import CACHE_FOLDER
from netjournal.read.conventions import Conventions
from netjournal.read.files import derived_slug
from netjournal.read.journal import ReadResult, read_journal, read_texts
from netjournal.read.titles import name_date, title_from_slug
from netjournal.read.wikilinks import Wikilink
from netjournal.render.wikilinks import SiteLinks

VAULTS = REPO / "tests" / "vaults"
VAULT_NAMES = sorted(p.name for p in VAULTS.iterdir() if (p / "mkdocs.yml").is_file())
JANE = "---\nname: Jane Doe\n---\n"


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _config(root: Path, options: str) -> Path:
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Vault\nplugins:\n  - netjournal:\n"
        + "".join(f"      {line}\n" for line in options.strip().splitlines()),
        encoding="utf-8",
    )
    return config


def _read(config: Path) -> ReadResult:
    options = read_options(config)
    return read_journal(
        options.root,
        options.contact_folders,
        options.journal_folders,
        conventions=options.conventions,
    )


def _codes(result: ReadResult) -> list[str]:
    return [problem.code for problem in result.problems]


# 1. Folders


def test_contacts_and_journal_each_take_a_list_of_folders_and_new_files_go_to_the_first(
    tmp_path: Path,
) -> None:
    _write(
        tmp_path,
        {
            "People/ana.md": "---\nname: Ana\n---\n",
            "CRM/Contacts/bo.md": "---\nname: Bo\n---\n",
            "Meetings/2026-01-02 Lunch.md": "---\nwith: [ana]\n---\n",
            "Daily/2026-01-03.md": "Saw [[bo]].\n",
        },
    )
    config = _config(tmp_path, "contacts: [People, CRM/Contacts]\njournal: [Meetings, Daily]")
    options = read_options(config)
    assert options.contacts == tmp_path / "People" and options.journal == tmp_path / "Meetings"
    result = _read(config)
    assert result.problems == ()
    assert sorted(result.journal.contacts) == ["ana", "bo"]
    assert [(e.date, e.with_) for e in result.journal.entries] == [
        (date(2026, 1, 2), ("ana",)),
        (date(2026, 1, 3), ("bo",)),
    ]
    made = CliRunner().invoke(main, ["new", "contact", "Cy Young", "-f", str(config)])
    assert made.exit_code == 0, made.output
    assert (tmp_path / "People/cy-young.md").is_file()
    assert not (tmp_path / "CRM/Contacts/cy-young.md").exists()


def test_a_listed_folder_that_does_not_exist_is_an_error_naming_it_and_its_line(
    tmp_path: Path,
) -> None:
    (tmp_path / "People").mkdir()
    (tmp_path / "Meetings").mkdir()
    config = _config(tmp_path, "contacts: [People, CRM/Contacts]\njournal: Meetings")
    with pytest.raises(OptionsError) as raised:
        read_options(config)
    message = str(raised.value)
    assert message.startswith(f"{config}:4: ") and "CRM/Contacts does not exist" in message
    checked = CliRunner().invoke(main, ["check", "-f", str(config)])
    assert checked.exit_code != 0 and "CRM/Contacts does not exist" in checked.output
    assert "Traceback" not in checked.output


def test_a_list_of_folders_must_name_folders(tmp_path: Path) -> None:
    (tmp_path / "People").mkdir()
    config = _config(tmp_path, "contacts: []")
    with pytest.raises(OptionsError, match="must name a folder, or a list of folders"):
        read_options(config)


def test_the_same_folder_twice_or_one_inside_another_reads_each_file_once(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "People/ana.md": "---\nname: Ana\n---\n",
            "People/Friends/bo.md": "---\nname: Bo\n---\n",
            "People/Friends/notes.txt.markdown": "x",  # a warning, said once
            "journal/2026-01-02.md": "x\n",
        },
    )
    config = _config(tmp_path, "contacts: [People, People/Friends, People]")
    result = _read(config)
    assert sorted(result.journal.contacts) == ["ana", "bo"]
    assert _codes(result) == ["NJ014"]


def test_templates_and_editor_folders_are_excluded_by_default(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(VAULTS / "obsidian-crm", vault, symlinks=True)
    options = read_options(vault / "mkdocs.yml")
    result = read_journal(
        options.root,
        options.contact_folders,
        options.journal_folders,
        conventions=options.conventions,
    )
    paths = {p.path for p in result.problems} | {e.path for e in result.journal.entries}
    assert not any(p.startswith(("Templates/", ".trash/", ".obsidian/")) for p in paths)
    assert sorted(e.path for e in result.journal.entries) == [
        "Daily/2026-10-10_0937.md",
        "Daily/2026-11-20.md",
        "Meetings/2026-09-20 Call with Jane Doe.md",
        "Meetings/Meeting - 2026-11-14 2247 .md",
    ]
    dataview = tmp_path / "dataview"
    shutil.copytree(VAULTS / "dataview", dataview, symlinks=True)
    read = _read(dataview / "mkdocs.yml")
    assert [e.path for e in read.journal.entries] == [
        "Journal/2026-10-10_0937.md",
        "Journal/2026-11-02.md",
    ]  # Journal/templates/Daily.md, with its {{date}}, is not an entry


def test_exclude_adds_globs_to_the_defaults_and_a_bang_turns_one_off(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "People/ana.md": "---\nname: Ana\n---\n",
            "People/Archive/old.md": "---\nname: Old\n---\n",
            "People/templates/person.md": "---\nname: Template\n---\n",
            "People/Templates/other.md": "---\nname: Other template\n---\n",
            "People/draft-bo.md": "---\nname: Bo\n---\n",
            "People/Work/cy.md": "---\nname: Cy\n---\n",
            "Journal/2026-01-02.md": "x\n",
        },
    )
    base = "contacts: People\njournal: Journal\n"
    config = _config(tmp_path, base)
    assert sorted(_read(config).journal.contacts) == ["ana", "cy", "draft-bo", "old"]
    config = _config(tmp_path, base + "exclude: [Archive, 'draft-*', People/Work]")
    assert sorted(_read(config).journal.contacts) == ["ana"]
    config = _config(tmp_path, base + "exclude: ['!templates']")
    assert sorted(_read(config).journal.contacts) == ["ana", "cy", "draft-bo", "old", "person"]
    config = _config(tmp_path, base + "exclude: [{x: 1}]")
    with pytest.raises(OptionsError):
        read_options(config)


def test_exclude_also_works_through_the_plugin_and_the_cache_follows_it(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "People/ana.md": "---\nname: Ana\n---\n",
            "People/Archive/old.md": "---\nname: Old\n---\n",
            "Journal/2026-01-02.md": "x\n",
        },
    )
    base = "contacts: People\njournal: Journal\n"
    runner = CliRunner()
    config = _config(tmp_path, base)
    first = runner.invoke(main, ["check", "-f", str(config)])
    assert "2 contacts" in first.output
    config = _config(tmp_path, base + "exclude: [Archive]")
    second = runner.invoke(main, ["check", "-f", str(config)])
    assert "1 contact," in second.output  # the cache keeps parsed files, not which are read
    assert (tmp_path / CACHE_FOLDER).is_dir()


def test_the_plugin_accepts_lists_builds_every_folder_and_serve_watches_them_all(
    tmp_path: Path,
) -> None:
    _write(
        tmp_path,
        {
            "People/Ana Lima.md": "---\nname: Ana Lima\n---\n",
            "CRM/bo.md": "---\nname: Bo\n---\n",
            "Meetings/2026-01-02 Lunch with Ana.md": "---\nwith: ['[[Ana Lima]]']\n---\n",
            "Daily/2026-01-03.md": "Saw [[bo]].\n",
            "docs/index.md": "# Home\n",
        },
    )
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        MINIMAL_MKDOCS.replace(
            "  - netjournal\n",
            "  - netjournal:\n      contacts: [People, CRM]\n      journal: [Meetings, Daily]\n"
            "      exclude: [Archive]\n",
        ),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    built = CliRunner().invoke(
        main, ["build", "-f", str(config), "-d", str(site), "--today", TODAY.isoformat()]
    )
    assert built.exit_code == 0, built.output
    assert (site / "contacts/ana-lima.html").is_file() and (site / "contacts/bo.html").is_file()
    month = (site / "journal/2026-01.html").read_text(encoding="utf-8")
    assert "Lunch with Ana" in month

    from mkdocs.config import load_config

    from netjournal.plugin import NetjournalPlugin

    loaded = load_config(str(config))
    plugin = loaded.plugins["netjournal"]
    assert isinstance(plugin, NetjournalPlugin)

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=loaded, builder=None)  # type: ignore[arg-type]
    assert sorted(Path(p).name for p in server.watched) == ["CRM", "Daily", "Meetings", "People"]


# 2. File names are names


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("jane-doe", "jane-doe"),
        ("2026-03-04_call.v2", "2026-03-04_call.v2"),  # a slug already: kept as it is
        ("Jane Doe", "jane-doe"),
        ("Lars Ørsted", "lars-orsted"),
        ("伟 李", "wei-li"),
        ("Дмитрий", "dmitrii"),
        ("Meeting - 2024-06-14 2247 ", "meeting-2024-06-14-2247"),
    ],
)
def test_a_file_name_gives_a_stable_readable_address(name: str, slug: str) -> None:
    assert derived_slug(name) == slug


def test_a_name_slugify_empties_still_gets_an_address_that_never_changes() -> None:
    party = derived_slug("🎉")
    assert party.startswith("note-") and len(party) == len("note-") + 8
    assert derived_slug("🎉") == party and derived_slug("🎂") not in ("", party)
    alone = read_texts({"contacts/🎉.md": "---\nname: Party\n---\n"}).journal
    crowded = read_texts(
        {
            "contacts/🎉.md": "---\nname: Party\n---\n",
            "contacts/🎂.md": "---\nname: Cake\n---\n",
            "contacts/ana.md": "---\nname: Ana\n---\n",
        }
    ).journal
    assert list(alone.contacts) == [party] and party in crowded.contacts


def test_any_file_name_is_read_without_a_warning() -> None:
    result = read_texts(
        {
            "contacts/Jane Doe.md": JANE,
            "contacts/Lars Ørsted.md": "---\nname: Lars Ørsted\n---\n",
            "contacts/伟 李.md": "---\nname: 李伟\n---\n",
            "journal/2026-09-20 Call with Jane Doe.md": "---\nwith: [jane-doe]\n---\n",
        }
    )
    assert result.problems == ()
    assert sorted(result.journal.contacts) == ["jane-doe", "lars-orsted", "wei-li"]
    assert result.journal.contacts["lars-orsted"].path == "contacts/Lars Ørsted.md"
    [entry] = result.journal.entries
    assert entry.slug == "2026-09-20-call-with-jane-doe" and entry.with_ == ("jane-doe",)


def test_file_names_that_make_the_same_address_both_build_numbered_by_path() -> None:
    files = {
        "contacts/b/Jane Doe.md": JANE,
        "contacts/a/jane doe.md": "---\nname: Jane D.\n---\n",
    }
    result = read_texts(files)
    assert result.journal.contacts["jane-doe"].path == "contacts/a/jane doe.md"
    assert result.journal.contacts["jane-doe-2"].path == "contacts/b/Jane Doe.md"
    [numbered] = [p for p in result.problems if p.code == "NJ149"]
    assert numbered.path == "contacts/b/Jane Doe.md" and not numbered.is_error
    assert "'jane-doe-2'" in numbered.message and "contacts/a/jane doe.md" in numbered.message
    # An unrelated file changes nothing; a file named as the slug keeps its address.
    more = read_texts({**files, "contacts/ana.md": "---\nname: Ana\n---\n"}).journal
    assert more.contacts["jane-doe-2"].path == "contacts/b/Jane Doe.md"
    canonical = read_texts({**files, "contacts/z/jane-doe.md": JANE}).journal
    assert canonical.contacts["jane-doe"].path == "contacts/z/jane-doe.md"
    assert canonical.contacts["jane-doe-2"].path == "contacts/a/jane doe.md"
    assert canonical.contacts["jane-doe-3"].path == "contacts/b/Jane Doe.md"


def test_two_files_named_as_the_same_slug_are_still_refused() -> None:
    result = read_texts({"contacts/a/jane.md": JANE, "contacts/b/jane.md": JANE})
    assert [(p.code, p.path) for p in result.errors] == [("NJ010", "contacts/b/jane.md")]
    index = read_texts({"contacts/index.md": JANE, "contacts/Index.md": JANE})
    assert [(p.code, p.path) for p in index.problems] == [
        ("NJ149", "contacts/Index.md"),
        ("NJ010", "contacts/index.md"),
    ]


def test_wikilinks_find_files_by_name_as_obsidian_does(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "People/Jane Doe.md": "---\nname: Jane\n---\n",
            "People/伟 李.md": "---\nname: Li Wei\n---\n",
            "CRM/Contacts/Steph Ango.md": "---\nname: Steph\n---\n",
            "Meetings/2026-09-20 Call with Jane Doe.md": "---\ntitle: Call\n---\nCall.\n",
            "Daily/2026-09-21.md": (
                "[[Jane Doe]], [[People/伟 李]], [[Contacts/Steph Ango.md]], "
                "[[2026-09-20 Call with Jane Doe]], [[jane doe]]\n"
            ),
            "Daily/2026-09-22.md": "[[Elsewhere/Jane Doe]]\n",
        },
    )
    config = _config(tmp_path, "contacts: [People, CRM/Contacts]\njournal: [Meetings, Daily]")
    result = _read(config)
    by_date = {e.date.isoformat(): e for e in result.journal.entries}
    assert by_date["2026-09-21"].with_ == ("jane-doe", "wei-li", "steph-ango")
    links = SiteLinks(result.journal, {e.slug: e.slug for e in result.journal.entries}, {})
    assert links.target(Wikilink("2026-09-20 Call with Jane Doe")) == (
        "journal/2026-09.md#2026-09-20-call-with-jane-doe",
        "Call",
    )
    assert links.target(Wikilink("People/伟 李")) == ("contacts/wei-li.md", "People/伟 李")
    assert by_date["2026-09-22"].with_ == ()  # a folder the file is not in: no such note
    assert [p.code for p in result.problems] == ["NJ144"]


def test_a_key_naming_a_contact_by_slug_also_takes_its_file_name() -> None:
    result = read_texts(
        {
            "contacts/Jane Doe.md": JANE,
            "contacts/伟 李.md": "---\nname: Li Wei\nintroduced_by: Jane Doe\n---\n",
            "journal/2026-01-02.md": "---\nwith: [jane-doe, 伟 李]\n---\n",
        }
    )
    assert result.problems == ()
    [entry] = result.journal.entries
    assert entry.with_ == ("jane-doe", "wei-li")
    assert result.journal.contacts["wei-li"].introduced_by == "jane-doe"


# 3. Dates and titles from file names


@pytest.mark.parametrize(
    ("name", "day", "moment", "title"),
    [
        ("2022-01-03", date(2022, 1, 3), None, "3 January 2022"),
        ("2022-10-10_0937", date(2022, 10, 10), datetime(2022, 10, 10, 9, 37), "10 October 2022"),
        ("2026-09-20 Call with Jane Doe", date(2026, 9, 20), None, "Call with Jane Doe"),
        ("Meeting - 2024-06-14 2247 ", date(2024, 6, 14), datetime(2024, 6, 14, 22, 47), "Meeting"),
        ("2026-03-04-bni-meeting", date(2026, 3, 4), None, "BNI meeting"),
    ],
)
def test_an_entry_takes_its_date_time_and_title_from_its_file_name(
    name: str, day: date, moment: datetime | None, title: str
) -> None:
    with_front_matter = read_texts({f"journal/{name}.md": "---\nkind: call\n---\nNotes.\n"})
    daily_note = read_texts({f"journal/{name}.md": "Notes, no front matter at all.\n"})
    for result in (with_front_matter, daily_note):
        assert result.problems == ()
        [entry] = result.journal.entries
        assert (entry.date, entry.time, entry.title) == (day, moment, title)


def test_date_title_and_first_heading_win_over_the_file_name() -> None:
    text = "---\ndate: 2024-06-14 10:00\ntitle: Kick-off\n---\n# Heading\n"
    [entry] = read_texts({"journal/Meeting - 2024-06-14 2247 .md": text}).journal.entries
    assert (entry.time, entry.title) == (datetime(2024, 6, 14, 10, 0), "Kick-off")
    headed = "---\nkind: call\n---\n# Budget review\n\nNotes.\n"
    [entry] = read_texts({"journal/2026-09-20 Call.md": headed}).journal.entries
    assert entry.title == "Budget review"


@pytest.mark.parametrize(
    "name",
    [
        "v2026-01-01",
        "2026-13-01",
        "2026-01-01x",
        "notes",
        "A much longer prefix, of many more words, 2026-01-01",
    ],
)
def test_a_name_without_a_usable_date_gives_none(name: str) -> None:
    assert name_date(name) is None
    assert read_texts({f"journal/{name}.md": "Notes.\n"}).errors  # no date: NJ002


def test_reading_a_date_from_a_long_name_is_linear() -> None:
    import time

    name = "1-" * 50_000 + "2026-01-01"
    start = time.perf_counter()
    assert name_date(name) is None and title_from_slug(name)
    assert time.perf_counter() - start < 0.5


# 9. Never written


def _hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and CACHE_FOLDER not in path.relative_to(folder).parts
    }


@pytest.mark.parametrize("vault", VAULT_NAMES)
def test_each_vault_checks_and_builds_and_no_file_of_it_changes(tmp_path: Path, vault: str) -> None:
    copy = tmp_path / vault
    shutil.copytree(VAULTS / vault, copy, symlinks=True)
    before = _hashes(copy)
    assert any(name.startswith((".obsidian/", ".foam/")) for name in before) or vault in (
        "dataview",
        "vcard",
    )
    runner = CliRunner()
    config = str(copy / "mkdocs.yml")
    checked = runner.invoke(main, ["check", "-f", config])
    due = runner.invoke(main, ["due", "-f", config])
    built = runner.invoke(main, ["build", "-f", config, "-d", str(tmp_path / "site")])
    for result in (checked, due, built):  # each vault is read as it is, nothing edited
        assert result.exit_code == 0, result.output
    assert "\n0 errors, " in f"\n{checked.stderr}" and "Built the site" in built.output
    assert _hashes(copy) == before
    # What check may add is its cache, in a hidden folder beside mkdocs.yml that ignores itself.
    assert {p.name for p in copy.iterdir()} - {p.split("/")[0] for p in before} <= {CACHE_FOLDER}


def test_conventions_default_to_the_documented_exclusions() -> None:
    assert Conventions().exclude == (".obsidian", ".foam", ".trash", "templates", "Templates")
