"""No page grows with the journal (issue 12, goal 2).

A month of more than `page_limit` entries is a summary linking its parts, more than
`page_limit` contacts are listed by letter, and every other list shows its first rows and
says how many more. The limits are injected small here (`render_site(..., page_limit=…)`) so
that journals of a few hundred records take the same paths as a decade's journal.
"""

from __future__ import annotations

import difflib
import posixpath
import re
import shutil
import sys
import textwrap
import time
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
import pytest
from conftest import REPO, TODAY

from netjournal.model import Journal
from netjournal.read.journal import read_journal, read_texts
from netjournal.render import INDEX_PAGES, Site, render_site
from netjournal.render.places import NAMES_SHOWN, entry_anchors, letter_of, letter_pages

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import TODAY as GENERATED_TODAY
from generate import Writer

GOLDEN = Path(__file__).parent / "golden"
SPLIT = GOLDEN / "journals" / "split"  # 7 contacts, a month of 7 entries: over a limit of 3
SPLIT_PAGES = GOLDEN / "pages" / "split"
LIMIT = 10  # the page limit for the generated journals below
SMALL, LARGE = 60, 240  # contacts; ten entries each


def generated(contacts: int) -> Journal:
    """benchmarks/generate.py's journal of `contacts` contacts, read without the disk."""
    writer = Writer(contacts)
    texts = {  # entries first, as the generator decides them in that order
        f"journal/{writer.days[n].year}/{writer.entry_slug(n)}.md": writer.entry(n)
        for n in range(len(writer.days))
    }
    for index, (slug, _) in enumerate(writer.people):
        texts[f"contacts/{slug}.md"] = writer.contact(index)
    result = read_texts(texts)
    assert not result.errors, [str(problem) for problem in result.errors]
    return result.journal


@pytest.fixture(scope="module")
def sites() -> dict[int, dict[str, str]]:
    return {n: render_site(generated(n), GENERATED_TODAY, page_limit=LIMIT) for n in (SMALL, LARGE)}


def size(page: str) -> int:
    return len(page.encode("utf-8"))


# Links in the rendered Markdown: `[text](target)` and, in the notes' HTML, `href="target"`.
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
HTML_LINK = re.compile(r'href="([^"]+)"')
IDS = re.compile(r'\{#([A-Za-z0-9._-]+)\}|id="([^"]+)"')


def links(pages: dict[str, str], uri: str) -> list[tuple[str, str]]:
    """The site pages (uri, fragment) the page `uri` links to; other links left out."""
    here = posixpath.dirname(uri)
    found = []
    for target in MARKDOWN_LINK.findall(pages[uri]):
        path, _, fragment = target.partition("#")
        if path.endswith(".md"):
            found.append((posixpath.normpath(posixpath.join(here, path)), fragment))
    # The notes' HTML links to directory URLs: `journal/2026-11/1.md` is served at
    # `journal/2026-11/1/`, `contacts/index.md` at `contacts/`.
    url_here = uri[: -len("index.md")] if uri.endswith("index.md") else uri[:-3] + "/"
    for target in HTML_LINK.findall(pages[uri]):
        path, _, fragment = target.partition("#")
        if "://" in path or path.startswith(("mailto:", "tel:", "data:")):
            continue
        if not path:
            found.append((uri, fragment))
            continue
        url = posixpath.normpath(posixpath.join(url_here, path)).strip("/")
        page = f"{url}.md" if f"{url}.md" in pages else f"{url}/index.md"
        found.append((page if url != "." else "index.md", fragment))
    return found


def ids(page: str) -> set[str]:
    return {a or b for a, b in IDS.findall(page)}


def assert_every_entry_link_is_held(pages: dict[str, str], journal: Journal) -> int:
    """Every link into the journal's pages leads to a page that exists and holds its anchor."""
    held = {uri: ids(text) for uri, text in pages.items() if uri.startswith("journal/")}
    checked = 0
    for uri in pages:
        for target, fragment in links(pages, uri):
            assert target in pages or target.startswith("assets/"), f"{uri} links {target}"
            if target.startswith("journal/") and fragment:
                assert fragment in held[target], f"{uri} links {target}#{fragment}"
                checked += 1
    everywhere = set().union(*held.values())  # and every entry is on a page, under its id
    anchors = entry_anchors(journal.entries)
    assert all(anchors[entry.slug] in everywhere for entry in journal.entries)
    return checked


def reachable_contacts(pages: dict[str, str]) -> set[str]:
    """The contact pages reached from /contacts/ in at most two links."""
    first = {target for target, _ in links(pages, "contacts/index.md")}
    second = {t for page in first if page in pages for t, _ in links(pages, page)}
    return {uri for uri in first | second if uri.startswith("contacts/")}


def test_no_page_grows_with_the_journal(sites):
    """Four times the journal: no page over a bound of its own, and the largest page about
    the same size; the site's pages and bytes grow about four times, not sixteen."""
    small, large = sites[SMALL], sites[LARGE]
    largest = {n: max(sites[n], key=lambda uri: size(sites[n][uri])) for n in sites}
    bound = 80_000  # for LIMIT rows of the widest table (the events, 20 names a cell)
    for n, pages in sites.items():
        assert size(pages[largest[n]]) < bound, (n, largest[n], size(pages[largest[n]]))
    assert size(large[largest[LARGE]]) < 1.6 * size(small[largest[SMALL]]), largest
    pages_ratio = len(large) / len(small)
    bytes_ratio = sum(map(size, large.values())) / sum(map(size, small.values()))
    assert pages_ratio < 4 * 1.3 and bytes_ratio < 4 * 1.3, (pages_ratio, bytes_ratio)


def names_most(pages: dict[str, str]) -> tuple[int, str]:
    """The most contacts any page links to, and that page."""
    people = [uri for uri in pages if re.fullmatch(r"contacts/(?!index)[^/]+\.md", uri)]
    counted = []
    for uri, text in pages.items():
        here = posixpath.dirname(uri)
        counted.append((sum(f"]({posixpath.relpath(c, here)})" in text for c in people), uri))
    return max(counted)


def test_no_page_lists_every_contact_or_every_entry(sites):
    """With four times the contacts, the page that names most names about as many: LIMIT
    rows and a few names in some cells (the people met at each event), never everyone."""
    for pages in sites.values():
        most, where = names_most(pages)
        assert most <= LIMIT * (2 * NAMES_SHOWN + 2) < LARGE, (where, most)
    for uri, text in sites[LARGE].items():  # no page holds more than LIMIT entries
        assert text.count("\n## ") <= LIMIT + 10, uri


def test_the_contacts_index_is_by_letter_and_reaches_everyone_in_two_links(sites):
    pages = sites[LARGE]
    index = pages["contacts/index.md"]
    assert "](letters/a.md)" in index and "](letters/a-2.md)" in index
    people = {uri for uri in pages if re.fullmatch(r"contacts/(?!index)[^/]+\.md", uri)}
    assert len(people) == LARGE and people <= reachable_contacts(pages)
    letter_pages = [uri for uri in pages if uri.startswith("contacts/letters/")]
    for uri in letter_pages:  # no letter page holds more than the limit
        assert pages[uri].count("\n| [") <= LIMIT, uri


REL_LINK = re.compile(r"\]\(([^)\s]+)\)\{: rel=\"(prev|next)\" \}")


def test_each_letter_page_leads_to_the_one_before_and_after_it(sites):
    """A reader on M, page 1 can go on to M, page 2 (its filter sees only its own rows),
    then N; following "next" from the first page visits every page of the index once."""
    pages = sites[LARGE]
    index = pages["contacts/index.md"]
    order = [
        posixpath.normpath(posixpath.join("contacts", target))
        for target in MARKDOWN_LINK.findall(index)
        if target.startswith("letters/")
    ]
    assert len(order) > 3 and len(set(order)) == len(order)

    def step(uri: str, way: str) -> str | None:
        found = [t for t, rel in REL_LINK.findall(pages[uri]) if rel == way]
        assert len(found) <= 1, uri
        return (
            posixpath.normpath(posixpath.join(posixpath.dirname(uri), found[0])) if found else None
        )

    walked = [order[0]]
    while (following := step(walked[-1], "next")) is not None:
        walked.append(following)
    assert walked == order
    back = [order[-1]]
    while (preceding := step(back[-1], "prev")) is not None:
        back.append(preceding)
    assert back == order[::-1]


def test_a_letter_is_its_name_first_letter_folded():
    assert letter_of("Émile Zola") == "e"
    assert letter_of("  'Ørsted'") == "o"
    assert letter_of("李伟") == "other"
    assert letter_of("42 Club") == "other"
    assert letter_of("") == "other"


def test_a_letter_page_sorts_letters_of_their_own_as_their_base_letter():
    """Ł sorts as L and Ø as O, as É sorts as E, the way search finds them (the new user's
    `Anna Łęcki` came after `Anna Smith`, every Sørina after every Sven)."""
    names = ["Anna Smith", "Anna Łęcki", "Sven Núñez", "Sørina Łęcki", "Anna Åberg"]
    texts = {
        f"contacts/c{number}.md": f"---\nname: {name}\n---\n" for number, name in enumerate(names)
    }
    journal = read_texts(texts).journal
    pages = letter_pages(sorted(journal.contacts.values(), key=lambda c: c.name), limit=1)
    listed = {page.letter: [c.name for c in page.contacts] for page in pages if page.number == 1}
    order = [c.name for page in pages for c in page.contacts]
    assert order == ["Anna Åberg", "Anna Łęcki", "Anna Smith", "Sørina Łęcki", "Sven Núñez"]
    assert set(listed) == {"a", "s"}


def test_every_entry_link_leads_to_the_page_that_holds_the_entry(sites):
    journal = generated(LARGE)
    parts = [uri for uri in sites[LARGE] if re.fullmatch(r"journal/\d{4}-\d\d/\d+\.md", uri)]
    assert parts, "the generated journal has months over the limit"
    assert assert_every_entry_link_is_held(sites[LARGE], journal) > 1000


def test_the_nav_holds_only_index_pages(sites):
    assert not any("letters/" in uri or re.search(r"\d/\d+\.md$", uri) for uri in INDEX_PAGES)


def busy_month(entries: int) -> Journal:
    """A month of `entries` entries with 40 contacts, each note linking the entry before."""
    texts = {f"contacts/p{n}.md": f"---\nname: Person {n}\n---\n" for n in range(40)}
    for n in range(entries):
        day = 1 + n * 30 // entries
        before = f" After [[2026-11-{1 + (n - 1) * 30 // entries:02d}-e{n - 1}]]." if n else ""
        texts[f"journal/2026/2026-11-{day:02d}-e{n}.md"] = textwrap.dedent(
            f"""\
            ---
            date: 2026-11-{day:02d}
            kind: coffee
            with: [p{n % 40}, p{(n * 7) % 40}]
            follow_ups:
              - {{what: Call back, due: 2026-11-{day:02d}}}
            ---
            A coffee, **number {n}**.{before}
            """
        )
    result = read_texts(texts)
    assert not result.errors, [str(p) for p in result.errors[:3]]
    return result.journal


def test_a_month_of_two_thousand_entries_renders_no_page_in_over_a_second(monkeypatch):
    journal = busy_month(2000)
    times: dict[str, float] = {}
    original = jinja2.Template.render

    def timed(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        began = time.process_time()
        try:
            return original(self, *args, **kwargs)
        finally:
            uri = kwargs["page_uri"]
            times[uri] = times.get(uri, 0.0) + time.process_time() - began

    monkeypatch.setattr(jinja2.Template, "render", timed)
    pages = render_site(journal, TODAY)
    parts = [uri for uri in pages if uri.startswith("journal/2026-11/")]
    assert len(parts) >= 10  # 200 entries a page at most
    assert all(pages[uri].count("\n## ") <= 200 for uri in parts)
    slowest = max(times, key=times.__getitem__)
    assert times[slowest] < 1.0, (slowest, times[slowest])
    assert assert_every_entry_link_is_held(pages, journal) >= 1999  # each note's link


def split_pages() -> dict[str, str]:
    result = read_journal(SPLIT)
    assert not result.problems, [str(p) for p in result.problems]
    return render_site(result.journal, TODAY, page_limit=3)


def test_the_split_journal_matches_its_golden_pages(update_golden):
    """A journal just over a limit of 3: its letter pages, month summary and parts pinned."""
    pages = split_pages()
    if update_golden:
        shutil.rmtree(SPLIT_PAGES, ignore_errors=True)  # only ever tests/golden/pages/split
        for uri, markdown in pages.items():
            path = SPLIT_PAGES / uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(markdown, encoding="utf-8", newline="")
    golden = {
        p.relative_to(SPLIT_PAGES).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(SPLIT_PAGES.rglob("*.md"))
    }
    assert sorted(pages) == sorted(golden), "pages added or gone: refresh with --update-golden"
    for uri in ("contacts/letters/e.md", "contacts/letters/e-2.md", "journal/2026-11/2.md"):
        assert uri in pages
    diffs = [
        "".join(difflib.unified_diff(golden[u].splitlines(True), pages[u].splitlines(True), u, u))
        for u in sorted(pages)
        if pages[u] != golden[u]
    ]
    assert not diffs, "\n".join(diffs)


def test_the_split_journal_keeps_every_link_and_every_contact_in_reach():
    pages = split_pages()
    journal = read_journal(SPLIT).journal
    assert assert_every_entry_link_is_held(pages, journal) >= 5
    people = {f"contacts/{slug}.md" for slug in journal.contacts}
    assert people <= reachable_contacts(pages)
    # the wikilink in a contact's note to an entry now in part 1 of November
    assert "../journal/2026-11/1/#2026-11-03-breakfast" in pages["contacts/ada-arden.md"]
    # an entry whose month fits on one page stays there
    assert "#2026-10-01-intro" in pages["journal/2026-10.md"]


def test_mkdocs_builds_the_split_journal_without_a_warning(tmp_path, monkeypatch):
    """The real build, strict, with MkDocs checking links and their anchors: every letter
    page and month part is built, and none of them is in the navigation."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from netjournal import site as site_module

    root = tmp_path / "journal"
    shutil.copytree(SPLIT, root)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: Split
            theme:
              name: material
            plugins:
              - search
              - netjournal:
                  today: {TODAY}
            validation:
              links:
                not_found: warn
                anchors: warn
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(site_module, "Site", partial(Site, page_limit=3))
    out = tmp_path / "site"
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=True))
    for built in ("contacts/letters/e-2.html", "journal/2026-11/3.html"):
        assert (out / built).is_file(), built
    ada = (out / "contacts" / "ada-arden.html").read_text(encoding="utf-8")
    assert 'href="../journal/2026-11/1.html#2026-11-03-breakfast"' in ada
    home = (out / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("md-sidebar--secondary")]  # the site's navigation, not the page's
    assert "Contacts" in nav and "letters/" not in nav and "2026-11/" not in nav
