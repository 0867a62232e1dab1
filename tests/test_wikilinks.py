"""Wikilinks (`[[slug]]`, `[[Name]]`, `[[alias]]`, `[[x|label]]`, `[[x#heading]]`) and aliases:
read in notes and keys, resolved by one resolver, shown as site links, listed as backlinks,
and redacted in a public build."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from conftest import MINIMAL_MKDOCS, TODAY, messages

from netjournal.cli import main
from netjournal.model import ContactRef, EntryRef, Journal, Text
from netjournal.queries.backlinks import backlinks
from netjournal.queries.plans import before_you_meet
from netjournal.queries.privacy import public_view
from netjournal.read.journal import read_record, read_texts
from netjournal.read.wikilinks import WIKILINK, Resolver, links_in_notes
from netjournal.render import render_site
from netjournal.render.sanitize import NoteRenderer, site_href
from netjournal.render.wikilinks import SiteLinks

VAULT = Path(__file__).parent / "golden" / "journals" / "vault"
JANE = "---\nname: Jane Doe\naliases: [Janey, JD]\n---\n"
TOM = "---\nname: Tom Okafor\n---\n"


def test_one_resolver_finds_a_contact_by_slug_name_or_alias_and_an_entry_by_file_name() -> None:
    resolver = Resolver({"jane-doe": ["Jane Doe", "Janey"], "tom": ["Tom Okafor"]}, ["2026-03-04"])
    assert resolver.resolve("jane-doe").target == ContactRef("jane-doe")
    assert resolver.resolve("Jane Doe").target == ContactRef("jane-doe")
    assert resolver.resolve("JANE-DOE").target == ContactRef("jane-doe")
    assert resolver.resolve("janey").target == ContactRef("jane-doe")
    assert resolver.resolve("Tom Okafor").target == ContactRef("tom")
    assert resolver.resolve("2026-03-04").target == EntryRef("2026-03-04")
    missing = resolver.resolve("Jayne")
    assert missing.target is None and missing.hint == " (did you mean 'Janey'?)"


def test_a_name_two_contacts_share_resolves_to_one_and_says_which_others() -> None:
    resolver = Resolver({"sam-a": ["Sam"], "sam-b": ["Sam"]})
    found = resolver.resolve("Sam")
    assert found.target == ContactRef("sam-a") and found.others == ("sam-b",)


def test_wikilinks_in_keys_name_contacts_as_slugs_do(journal_of: Callable[..., Journal]) -> None:
    journal = journal_of(
        {
            "contacts/jane-doe.md": JANE,
            "contacts/tom.md": """
                ---
                name: Tom Okafor
                introduced_by: "[[Jane Doe]]"
                referred_by: [[janey]]
                follow_ups:
                  - {what: Call, due: 2026-12-01, who: "[[JD]]"}
                  - {what: Write, due: 2026-12-01, who: "Someone else"}
                met_at: "[[2026-03-04-bni]]"
                ---
                """,
            "journal/2026-03-04-bni.md": """
                ---
                date: 2026-03-04
                with: ["[[Jane Doe]]", "[[Tom Okafor|Tom]]"]
                ---
                """,
        }
    )
    tom = journal.contacts["tom"]
    assert tom.introduced_by == "jane-doe" and tom.referred_by == "jane-doe"
    assert [f.who for f in tom.follow_ups] == [ContactRef("jane-doe"), Text("Someone else")]
    assert tom.met_at == EntryRef("2026-03-04-bni")
    [entry] = journal.entries
    assert entry.with_ == ("jane-doe", "tom")
    assert entry.links == (ContactRef("jane-doe"), ContactRef("tom"))


def test_an_unknown_slug_suggests_the_contact_whose_alias_it_is() -> None:
    result = read_texts(
        {
            "contacts/robert-stone.md": "---\nname: Robert Stone\naliases: Bob\n---\n",
            "journal/2026-03-04-call.md": "---\ndate: 2026-03-04\nwith: [Bob]\n---\n",
        }
    )
    assert messages(result) == [
        "journal/2026-03-04-call.md:3:8: error NJ106 with: no contact has the slug 'Bob' "
        "(did you mean 'robert-stone'?): write the contact's slug: its file name in "
        "contacts/, without '.md'"
    ]


def test_a_wikilink_naming_nothing_is_a_located_warning_and_code_stays_code() -> None:
    note = (
        "First line.\n\n"
        "Met [[Jane Doe]] and [[Jaen Doe]], `[[Code Span]]` here.\n\n"
        "```\n[[Fenced]]\n```\n\n"
        "    [[Indented]]\n\n"
        "An escaped \\[[Escaped]] one.\n"
    )
    result = read_texts({"contacts/jane-doe.md": JANE, "contacts/tom.md": TOM + note})
    assert messages(result) == [
        "contacts/tom.md:6:22: warning NJ144 the wikilink '[[Jaen Doe]]' names no contact or "
        "journal entry (did you mean 'Jane Doe'?): write a contact's slug, name or alias, or an "
        "entry's file name, between the brackets (it shows as plain text until then)"
    ]
    assert result.journal.contacts["tom"].links == (ContactRef("jane-doe"),)


def test_body_wikilinks_count_as_with_in_every_entry_after_the_listed_ones() -> None:
    result = read_texts(
        {
            "contacts/jane-doe.md": JANE,
            "contacts/tom.md": TOM,
            "contacts/priya-shah.md": "---\nname: Priya Shah\n---\n",
            "journal/daily/2026-11-22.md": (
                "---\ndate: 2026-11-22\nwith: [tom]\n"
                "follow_ups:\n  - {what: Call, due: 2026-12-01, who: '[[Jane Doe]]'}\n---\n"
                "Lunch with [[Priya Shah]], [[tom]] and [[Priya Shah|her]] again.\n"
            ),
        }
    )
    assert messages(result) == []
    [entry] = result.journal.entries
    # Priya once, after Tom; Jane is only a follow-up's `who`, not someone met.
    assert entry.with_ == ("tom", "priya-shah")


def test_a_dated_file_name_and_its_date_disagreeing_is_a_warning_naming_both() -> None:
    result = read_texts(
        {
            "contacts/priya-shah.md": "---\nname: Priya Shah\n---\n",
            "journal/daily/2026-11-22.md": "---\ndate: 2026-11-23\n---\n[[Priya Shah]].\n",
        }
    )
    [entry] = result.journal.entries
    assert entry.date.isoformat() == "2026-11-23" and entry.with_ == ("priya-shah",)
    assert messages(result) == [
        "journal/daily/2026-11-22.md:2:7: warning NJ146 date: 2026-11-23 is not 2026-11-22, "
        "the date the file name starts with: the entry is dated 2026-11-23, as 'date:' says, "
        "but its address on the site keeps 2026-11-22; correct one of them so they agree"
    ]


HEADINGS = {
    "contacts/jane-doe.md": JANE + "## Notes\n\nTea.\n\n## Notes\n\n## Café {#cafe}\n",
    "contacts/ana-lima.md": "---\nname: Ana Lima\n---\nNo headings here.\n",
    "journal/2026-03-01-intro.md": "---\ndate: 2026-03-01\n---\n# Intro\n\n## Agenda\n",
    "journal/2026-03-04-call.md": (
        "---\ndate: 2026-03-04\n---\n"
        "[[jane-doe#notes]] [[Janey#CAFE]] [[ana-lima#Notes]] [[jane-doe#Nowhere]] "
        "[[2026-03-01-intro#Agenda]] [[2026-03-01-intro#Intro]]\n"
    ),
}


def test_a_heading_is_found_among_the_targets_real_headings_or_the_link_leads_to_the_record() -> (
    None
):
    result = read_texts(HEADINGS)
    assert [(p.code, p.column, p.message.split(":")[1]) for p in result.problems] == [
        ("NJ148", 35, " no heading 'Notes' in ana-lima"),
        ("NJ148", 54, " no heading 'Nowhere' in jane-doe"),
        # The intro's first heading is its title, not a heading of its notes.
        ("NJ148", 103, " no heading 'Intro' in 2026-03-01-intro"),
    ]
    # One file checked alone (before a writer writes it) knows no other record's headings.
    alone = read_record(
        "journal/x.md", HEADINGS["journal/2026-03-04-call.md"], contacts=["ana-lima"]
    )
    # Only the records it does not know; [[ana-lima#Notes]] (column 35) is not judged.
    assert [(p.code, p.column) for p in alone[1]] == [
        ("NJ144", 1),
        ("NJ144", 20),
        ("NJ144", 54),
        ("NJ144", 75),
        ("NJ144", 103),
    ]
    note = _month_page(HEADINGS).split("2026-03-04-call", 1)[1]
    hrefs = re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', note)
    assert hrefs == [
        ("../../contacts/jane-doe/#notes--notes", "Jane Doe &gt; notes"),
        ("../../contacts/jane-doe/#notes--cafe", "Janey &gt; CAFE"),
        ("../../contacts/ana-lima/", "Ana Lima &gt; Notes"),
        ("../../contacts/jane-doe/", "Jane Doe &gt; Nowhere"),
        ("#2026-03-01-intro--agenda", "Intro &gt; Agenda"),
        ("#2026-03-01-intro", "Intro &gt; Intro"),
    ]


def test_a_link_to_a_heading_of_the_same_note_and_an_empty_wikilink() -> None:
    files = {
        "contacts/jane-doe.md": JANE,
        "journal/2026-03-04-call.md": (
            "---\ndate: 2026-03-04\ntitle: Call\n---\n## Agenda\n\n"
            "See [[#Agenda]], [[#agenda|above]], [[#Nowhere]], [[]], [[|x]] and [[ ]].\n"
        ),
    }
    result = read_texts(files)
    assert [(p.code, p.line, p.column) for p in result.problems] == [
        ("NJ148", 7, 37),
        ("NJ147", 7, 51),
        ("NJ147", 7, 57),
        ("NJ147", 7, 68),
    ]
    assert "[[#Nowhere]]" in result.problems[0].message
    note = _month_page(files).split("netjournal-note", 1)[1]
    assert '<a href="#2026-03-04-call--agenda" rel="noopener noreferrer">Agenda</a>' in note
    assert '<a href="#2026-03-04-call--agenda" rel="noopener noreferrer">above</a>' in note
    assert "Nowhere, [[]], [[|x]] and [[ ]]." in note  # as written: nothing lost
    assert note.count("<a ") == 2


def test_the_last_conversation_quote_shows_wikilinks_as_the_page_does_escaped_once() -> None:
    files = {
        "contacts/jane-doe.md": JANE + "## Notes\n",
        "contacts/ana-lima.md": "---\nname: Ana Lima\n---\n",
        "journal/2026-03-04-call.md": (
            "---\ndate: 2026-03-04\nwith: [ana-lima]\n---\n"
            "> Read [[jane-doe#Notes]], met [[ana-lima]] and [[Janey|her]];\n"
            "> [[<script>alert(1)</script>]] & C# stays.\n"
        ),
    }
    journal = read_texts(files).journal
    brief = before_you_meet(journal, journal.contacts["ana-lima"], TODAY, [])
    assert brief.first_lines == (
        "Read Jane Doe > Notes, met Ana Lima and her; <script>alert(1)</script> & C# stays."
    )
    [line] = [
        line
        for line in render_site(journal, TODAY)["contacts/ana-lima.md"].splitlines()
        if "Last conversation" in line
    ]
    assert line.endswith(
        ": “Read Jane Doe &gt; Notes, met Ana Lima and her; "
        "&lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp; C\\# stays\\.”"
    )


def _month_page(files: dict[str, str], renderer: NoteRenderer | None = None) -> str:
    result = read_texts(files)
    pages = render_site(result.journal, TODAY, renderer)
    return pages["journal/2026-03.md"]


def test_wikilinks_in_notes_become_links_to_the_pages_they_name() -> None:
    page = _month_page(
        {
            "contacts/jane-doe.md": JANE + "## Family Life\n",
            "journal/2026-03-01-intro.md": "---\ndate: 2026-03-01\n---\n",
            "journal/2026-03-04-call.md": (
                "---\ndate: 2026-03-04\n---\n"
                "Saw [[jane-doe]], [[Janey]], [[Jane Doe|her <b>team</b>]] and "
                "[[jane-doe#Family Life]]; see [[2026-03-01-intro]]; not [[Nobody]]; "
                "`[[jane-doe]]`.\n"
            ),
        }
    )
    note = page.split("netjournal-note", 1)[1]
    assert '<a href="../../contacts/jane-doe/" rel="noopener noreferrer">Jane Doe</a>' in note
    assert '<a href="../../contacts/jane-doe/" rel="noopener noreferrer">Janey</a>' in note
    assert ">her &lt;b&gt;team&lt;/b&gt;</a>" in note  # a label is text, never HTML
    assert 'href="../../contacts/jane-doe/#notes--family-life"' in note
    assert '<a href="#2026-03-01-intro" rel="noopener noreferrer">Intro</a>' in note
    assert "not Nobody;" in note  # its words, no link
    assert "<code>[[jane-doe]]</code>" in note
    assert note.count("<a ") == 5


def test_links_follow_the_sites_kind_of_address() -> None:
    assert site_href("journal/2026-03.md", "contacts/jane.md", True) == "../../contacts/jane/"
    assert site_href("journal/2026-03.md", "contacts/jane.md", False) == "../contacts/jane.html"
    assert site_href("contacts/tom.md", "journal/2026-03.md#a", True) == "../../journal/2026-03/#a"
    assert site_href("index.md", "contacts/jane.md", True) == "contacts/jane/"
    assert site_href("contacts/jane.md", "contacts/jane.md#notes--x", True) == "#notes--x"
    renderer = NoteRenderer(directory_urls=False)
    page = _month_page(
        {
            "contacts/jane-doe.md": JANE,
            "journal/2026-03-04-call.md": "---\ndate: 2026-03-04\n---\nSaw [[Jane Doe]].\n",
        },
        renderer,
    )
    assert '<a href="../contacts/jane-doe.html"' in page


@pytest.mark.parametrize(
    "line",
    [
        "[[" * 50_000,
        "[[a" * 33_000,
        "[[a#" * 25_000,
        "[[a|" * 25_000,
        "[[a]]" * 20_000,
        "[[" + "a" * 100_000,
        "[[a#" + "#" * 100_000,
        "[[a|" + "|" * 100_000,
    ],
)
def test_a_100_kb_hostile_line_of_wikilinks_is_read_and_rendered_fast(line: str) -> None:
    """Each takes under 0.1 s of CPU here (a site's other pages take longer than the note).

    CPU time, not wall time, so a loaded machine does not fail it; a quadratic pattern
    would take minutes."""
    result = read_texts({"contacts/jane-doe.md": JANE})
    links = SiteLinks(result.journal, {}, {})
    started = time.process_time()
    list(WIKILINK.finditer(line))
    links_in_notes(line)
    read_texts({"contacts/jane-doe.md": JANE + line + "\n"})
    NoteRenderer().html(line, links=links)
    assert time.process_time() - started < 2


def test_backlinks_list_who_links_to_a_contact_and_a_public_view_drops_private_ones(
    journal_of: Callable[..., Journal],
) -> None:
    journal = journal_of(
        {
            "contacts/jane-doe.md": JANE + "Self: [[jane-doe]].\n",
            "contacts/tom.md": TOM + "Knows [[Janey]].\n",
            "contacts/secret.md": "---\nname: Sec Ret\nprivate: true\n---\n[[Jane Doe]]\n",
            "journal/2026-03-01-a.md": "---\ndate: 2026-03-01\n---\n[[jane-doe]]\n",
            "journal/2026-03-09-b.md": "---\ndate: 2026-03-09\nwith: ['[[JD]]']\n---\n",
            "journal/2026-03-05-c.md": "---\ndate: 2026-03-05\nprivate: true\n---\n[[JD]]\n",
        }
    )
    found = backlinks(journal)["jane-doe"]
    assert [e.slug for e in found.entries] == ["2026-03-09-b", "2026-03-05-c", "2026-03-01-a"]
    assert [c.slug for c in found.contacts] == ["secret", "tom"]  # by name; not herself
    public = backlinks(public_view(journal))["jane-doe"]
    assert [e.slug for e in public.entries] == ["2026-03-09-b", "2026-03-01-a"]
    assert [c.slug for c in public.contacts] == ["tom"]
    page = render_site(journal, TODAY)["contacts/jane-doe.md"]
    linked = page.split("## Linked from", 1)[1]
    assert "[Tom Okafor](tom.md)" in linked and "[Sec Ret](secret.md)" in linked
    assert "- **Also known as:** Janey, JD" in page  # on the page, so search finds her by it


def test_a_private_contacts_alias_is_redacted_like_the_name(
    journal_of: Callable[..., Journal],
) -> None:
    journal = journal_of(
        {
            "contacts/robert-quill.md": "---\nname: Robert Quill\naliases: [Bobby, R.Q.]\n"
            "private: true\n---\n",
            "contacts/ann.md": "---\nname: Ann Lee\nneeds: [Intro to Bobby]\nfollow_ups:\n"
            "  - {what: Send Bobby the deck, due: 2026-12-01}\n  - {what: Other, due: 2026-12-01}\n"
            "---\n",
            "journal/2026-03-04-lunch-with-bobby.md": "---\ndate: 2026-03-04\ntitle: Lunch "
            "with bobby\nkind: lunch\n---\n",
        }
    )
    public = public_view(journal)
    [entry] = public.entries
    assert entry.title == "Lunch" and "bobby" not in entry.slug
    ann = public.contacts["ann"]
    assert ann.needs == () and [f.what for f in ann.follow_ups] == ["Other"]


# The golden vault, built for real once per module: every wikilink in it must lead somewhere.
@pytest.fixture(scope="module")
def vault_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sites = {}
    for kind, options in (("private", ()), ("public", ("--public",))):
        root = tmp_path_factory.mktemp(f"vault-{kind}")
        shutil.copytree(VAULT, root, dirs_exist_ok=True)
        (root / "docs").mkdir()
        (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
        site = root / "site"
        arguments = ["build", "-f", str(root / "mkdocs.yml"), "-d", str(site), *options]
        result = CliRunner().invoke(main, [*arguments, "--today", TODAY.isoformat()])
        assert result.exit_code == 0, result.output
        sites[kind] = site
    return sites


class _Page(HTMLParser):
    """The ids of a page and the links inside its notes."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.note_links: list[str] = []
        self.depth = 0  # inside a .netjournal-note: its <div> nesting

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "div" and (self.depth or "netjournal-note" in (values.get("class") or "")):
            self.depth += 1
        if tag == "a" and self.depth and values.get("href"):
            self.note_links.append(str(values["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.depth:
            self.depth -= 1


def _parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_wikilink_in_the_built_vault_leads_to_a_page_and_anchor_that_exist(
    vault_sites: dict[str, Path],
) -> None:
    site = vault_sites["private"]
    followed = 0
    for html in site.rglob("*.html"):
        for href in _parsed(html).note_links:
            parts = urlsplit(href)
            target = (html.parent / unquote(parts.path)).resolve() if parts.path else html
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{html.relative_to(site)}: {href} leads nowhere"
            if parts.fragment:
                assert parts.fragment in _parsed(target).ids, f"{href}: no such anchor"
            followed += 1
    assert followed == 18  # every resolvable wikilink in the vault's notes
    tom = (site / "contacts/tom-okafor.html").read_text(encoding="utf-8")
    assert re.search(r"Linked from.*Jane Doe", tom, re.S)
    # A heading that exists leads to it; one its record lacks leads to the record itself.
    assert _parsed(site / "contacts/jane-doe.html").note_links == [
        "tom-okafor.html",
        "../journal/2026-11.html#2026-11-20",
        "priya-shah.html#notes--work",
        "#notes--family",  # [[#Family]]: her own heading
    ]
    assert (
        "../journal/2026-11.html#2026-11-18-bni-meeting--agenda"
        in _parsed(site / "contacts/tom-okafor.html").note_links
    )
    month = _parsed(site / "journal/2026-11.html").note_links
    assert "#2026-11-18-bni-meeting--agenda" in month  # [[#Agenda]]
    assert "#2026-11-20" in month  # [[2026-11-20#Friday notes]]: that heading is its title
    assert "../contacts/priya-shah.html" in month  # [[priya-shah#Nowhere]]
    assert "../contacts/tom-okafor.html" in month  # [[tom-okafor#Notes]]: no notes heading


def test_the_public_vault_has_neither_the_private_name_nor_the_alias_in_any_file(
    vault_sites: dict[str, Path],
) -> None:
    site = vault_sites["public"]
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".ics", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace").casefold()
            for word in ("robert quill", "robert-quill", "bobby", "quill"):
                assert word not in text, f"{path.relative_to(site)} shows {word!r}"
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "Janey" in index  # a public contact's alias is searchable
