"""`serve`'s rebuilds convert only the pages whose generated Markdown changed, and the site
they leave is the one a full build makes (issue 12, goal 3).

The in-process tests run the rebuild sequence `netjournal serve` runs (the plugin started
with command "serve", a full first build, then MkDocs dirty builds with a freshly loaded
mkdocs.yml) on a small journal in tmp_path, and compare each result with a full build of the
same files. One test runs the real `netjournal serve`.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from test_safety import wait_for
from test_serve import serving

from netjournal.cli import main
from netjournal.cli.site_config import load_site_config
from netjournal.read.cache import CACHE_FOLDER
from netjournal.read.journal import read_journal
from netjournal.render import Site, render_site
from netjournal.render.sanitize import NoteRenderer

SERVE_URL = "http://127.0.0.1:8000/"
MKDOCS_YML = f"""\
site_name: Preview journal
theme:
  name: material
plugins:
  - search
  - netjournal:
      today: {TODAY}
"""

FILES = {
    "contacts/jane-doe.md": """\
        ---
        name: Jane Doe
        tags: [payroll]
        ---
        Met at the breakfast. Knows [[bob-lee]].
        """,
    "contacts/ann-lee.md": """\
        ---
        name: Ann Lee
        ---
        Ann's notes, with [[Zed Quist]] who has no file yet.
        """,
    "contacts/bob-lee.md": "---\nname: Bob Lee\n---\nBob's notes.\n",
    "journal/2026-10-02-call.md": """\
        ---
        date: 2026-10-02
        with: [ann-lee]
        ---
        An October call about the quarterly numbers.
        """,
    "journal/2026-11-20-coffee.md": """\
        ---
        date: 2026-11-20
        with: [jane-doe]
        ---
        Coffee with [[jane-doe]] about payroll.
        """,
}


def write_journal(root: Path) -> None:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for relative, text in FILES.items():
        save(root / relative, textwrap.dedent(text))


def save(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


class Serving:
    """The builds `netjournal serve` runs, in this process, into `site`."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url=SERVE_URL)  # the first build of a serve is full
        self.plugin = config.plugins["netjournal"]

    def config(self) -> MkDocsConfig:
        return load_site_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))

    def rebuild(self) -> set[str]:
        """Rebuild as serve does after a save; the site's files written again."""
        old = 1_000_000_000  # 1970: anything the rebuild writes is newer
        for path in self.site.rglob("*"):
            if path.is_file():
                os.utime(path, ns=(old, old))
        config = self.config()
        build(config, serve_url=SERVE_URL, dirty=True)
        assert config.plugins["netjournal"] is self.plugin, "serve's plugin was not kept"
        return {
            path.relative_to(self.site).as_posix()
            for path in self.site.rglob("*")
            if path.is_file() and path.stat().st_mtime_ns != old
        }

    def two_steps(self) -> list[int]:
        """Rebuild as `netjournal serve` does: a save's own pages first, the others checked
        in the background; returns the list of what each check reported (pages differing)."""
        self.reports: list[int] = []
        self.plugin.checked = self.reports.append
        return self.reports

    def checked(self) -> set[str]:
        """Wait for the background check; rebuild as serve then does if pages differ."""
        before = len(self.reports)
        assert self.plugin.steps.wait(120), "the background check did not finish"
        assert len(self.reports) == before + 1, "the check did not report"
        return self.rebuild() if self.reports[-1] else set()

    def stop(self) -> None:
        config = self.config()
        config.plugins.on_shutdown()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Serving]:
    root = tmp_path / "journal"
    write_journal(root)
    serving = Serving(root, tmp_path / "served")
    try:
        yield serving
    finally:
        serving.stop()


def full_build(root: Path, site: Path) -> None:
    """A full build of `root` as serve's first build makes it (same plugin settings)."""
    config = load_site_config(str(root / "mkdocs.yml"), site_dir=str(site))
    build(config, serve_url=SERVE_URL)


def pages_in(written: set[str]) -> set[str]:
    """The pages among files written, but 404.html, which MkDocs writes on every build."""
    return {path for path in written if path.endswith(".html") and path != "404.html"}


def html_pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def search_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text("utf-8"))


def changed_pages(root: Path, before: dict[str, str]) -> set[str]:
    """The generated pages whose Markdown differs from `before`, as HTML paths."""
    now = render_site(read_journal(root).journal, TODAY, calendar_feed="calendar.ics")
    return {uri[:-3] + ".html" for uri in now if now[uri] != before.get(uri)}


def markdown_now(root: Path) -> dict[str, str]:
    return render_site(read_journal(root).journal, TODAY, calendar_feed="calendar.ics")


def same_as_a_full_build(served: Serving, tmp_path: Path) -> None:
    """Every page and the search index are what a full build of the same files makes."""
    full = tmp_path / "full"
    full_build(served.root, full)
    dirty, clean = html_pages(served.site), html_pages(full)
    assert sorted(dirty) == sorted(clean)
    different = [page for page in clean if dirty[page] != clean[page]]
    assert different == [], f"pages differ from a full build: {different}"
    assert search_index(served.site) == search_index(full)


def test_a_saved_contact_rebuilds_only_the_pages_whose_markdown_changed(served, tmp_path):
    root, site = served.root, served.site
    before, pages_before = markdown_now(root), html_pages(site)
    jane = root / "contacts/jane-doe.md"
    save(jane, jane.read_text("utf-8") + "\nShe moved to Lisbon in spring.\n")

    written = served.rebuild()

    pages_written = pages_in(written)
    expected = changed_pages(root, before)
    assert "contacts/jane-doe.html" in expected
    assert pages_written == expected  # only pages that show her notes: not every page
    assert served.plugin.pages_built == len(expected) < served.plugin.pages_total
    assert "She moved to Lisbon in spring." in (site / "contacts/jane-doe.html").read_text()
    ann = "contacts/ann-lee.html"
    assert ann not in written and html_pages(site)[ann] == pages_before[ann]
    index = search_index(site)
    locations = {doc["location"].partition("#")[0] for doc in index["docs"]}
    assert {"contacts/ann-lee.html", "journal/2026-10.html", "index.html"} <= locations
    jane_text = " ".join(
        d["text"] for d in index["docs"] if d["location"].startswith("contacts/jane")
    )
    assert "Lisbon" in jane_text
    same_as_a_full_build(served, tmp_path)


def test_a_saved_entry_rebuilds_its_month_and_the_pages_that_show_it(served, tmp_path):
    root, site = served.root, served.site
    before = markdown_now(root)
    coffee = root / "journal/2026-11-20-coffee.md"
    save(coffee, coffee.read_text("utf-8") + f"\n- [ ] Send Jane the deck 📅 {TODAY}\n")

    written = served.rebuild()

    assert pages_in(written) == changed_pages(root, before)
    assert {"journal/2026-11.html", "index.html"} <= written  # the dashboard lists the task
    assert "journal/2026-10.html" not in written
    assert "Send Jane the deck" in (site / "index.html").read_text("utf-8")
    assert "Send Jane the deck" in (site / "journal/2026-11.html").read_text("utf-8")
    same_as_a_full_build(served, tmp_path)


def test_a_save_reads_again_only_the_saved_file_and_builds_only_its_record(served, tmp_path):
    kept = served.plugin.kept[1]  # the journal serve keeps between rebuilds
    kept.clock = lambda: time.time() + 10  # every file settled: none changed just now
    served.rebuild()
    jane = served.root / "contacts/jane-doe.md"
    save(jane, jane.read_text("utf-8") + "\nShe moved to Lisbon in spring.\n")

    served.rebuild()

    assert kept.rebuilt == {"contacts/jane-doe.md"}  # not every record, as a fresh read does
    assert "moved to Lisbon" in (served.site / "contacts/jane-doe.html").read_text("utf-8")
    same_as_a_full_build(served, tmp_path)


def test_a_rebuild_with_nothing_changed_writes_no_page(served):
    index = search_index(served.site)
    written = served.rebuild()
    assert pages_in(written) == set()
    assert served.plugin.pages_built == 0
    assert search_index(served.site) == index  # every page's entries kept


def test_a_new_contact_rebuilds_every_page_and_links_the_notes_that_named_it(served, tmp_path):
    root, site = served.root, served.site
    save(root / "contacts/zed-quist.md", "---\nname: Zed Quist\n---\nZed writes notes.\n")

    served.rebuild()

    assert served.plugin.pages_built == served.plugin.pages_total  # the nav and index changed
    assert "Zed writes notes." in (site / "contacts/zed-quist.html").read_text("utf-8")
    ann = (site / "contacts/ann-lee.html").read_text("utf-8")
    assert re.search(r'<a href="zed-quist.html"[^>]*>Zed Quist</a>', ann), "the kept note is stale"
    same_as_a_full_build(served, tmp_path)


def test_a_deleted_contact_leaves_the_served_site_and_its_search(served, tmp_path):
    root, site = served.root, served.site
    assert (site / "contacts/bob-lee.html").is_file()
    (root / "contacts/bob-lee.md").unlink()

    served.rebuild()

    assert not (site / "contacts/bob-lee.html").exists()
    assert not any(d["location"].startswith("contacts/bob-lee") for d in search_index(site)["docs"])
    assert "Bob Lee" not in (site / "contacts/index.html").read_text("utf-8")
    same_as_a_full_build(served, tmp_path)


def test_a_page_of_your_own_edited_rebuilds_every_page(served, tmp_path):
    """Its title is in every page's navigation: MkDocs' mtime check alone would miss that."""
    root, site = served.root, served.site
    save(root / "docs/about.md", "# About this journal\n\nMine.\n")
    served.rebuild()
    assert served.plugin.pages_built == served.plugin.pages_total
    save(root / "docs/about.md", "# About us\n\nMine, edited.\n")
    os.utime(root / "docs/about.md", ns=(2_000_000_000_000_000_000,) * 2)  # visibly newer
    served.rebuild()
    assert served.plugin.pages_built == served.plugin.pages_total
    assert "About us" in (site / "contacts/ann-lee.html").read_text("utf-8")
    same_as_a_full_build(served, tmp_path)


def test_an_unchanged_note_is_not_converted_again_until_what_it_links_changes(tmp_path):
    root = tmp_path / "journal"
    write_journal(root)
    notes = NoteRenderer(memo=True)
    first = render_site(read_journal(root).journal, TODAY, notes)
    converted = notes.converted
    assert converted >= len(FILES)

    again = render_site(read_journal(root).journal, TODAY, notes)
    assert again == first
    assert notes.converted == converted  # every note from the memo

    save(root / "contacts/zed-quist.md", "---\nname: Zed Quist\n---\nZed writes notes.\n")
    with_zed = render_site(read_journal(root).journal, TODAY, notes)
    assert with_zed == render_site(read_journal(root).journal, TODAY, NoteRenderer())
    assert (
        'href="../zed-quist/" rel="noopener noreferrer">Zed Quist</a>'
        in with_zed["contacts/ann-lee.md"]
    )
    # Ann's note (its wikilink now leads somewhere) and Zed's own, not the others
    assert notes.converted - converted == 2


def test_the_memo_keeps_only_the_notes_the_last_render_used(tmp_path):
    root = tmp_path / "journal"
    write_journal(root)
    notes = NoteRenderer(memo=True)
    render_site(read_journal(root).journal, TODAY, notes)
    (root / "contacts/bob-lee.md").write_text("---\nname: Bob Lee\n---\nNew notes.\n", "utf-8")
    render_site(read_journal(root).journal, TODAY, notes)
    render_site(read_journal(root).journal, TODAY, notes)
    kept = {key[0] for key in (*notes._kept, *notes._used)}
    assert "Bob's notes." not in kept and "New notes." in kept


def test_netjournal_build_is_a_full_build_and_keeps_no_cache(tmp_path, monkeypatch):
    root = tmp_path / "journal"
    write_journal(root)
    monkeypatch.chdir(root)
    runner = CliRunner()
    assert runner.invoke(main, ["build"]).exit_code == 0
    jane = root / "contacts/jane-doe.md"
    save(jane, jane.read_text("utf-8") + "\nShe moved to Lisbon.\n")
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    site = root / "site"
    pages = html_pages(site)
    assert "She moved to Lisbon." in pages["contacts/jane-doe.html"].decode()
    assert not (root / CACHE_FOLDER).exists(), "build wrote serve's read cache"
    full = tmp_path / "full"
    full_build(root, full)
    assert len(search_index(site)["docs"]) == len(search_index(full)["docs"])


def test_serve_shows_a_saved_contact_without_a_full_rebuild(tmp_path):
    root = tmp_path / "journal"
    write_journal(root)
    jane = root / "contacts/jane-doe.md"
    with serving(root) as server:
        assert "Met at the breakfast" in (server.get("contacts/jane-doe.html") or "")
        save(jane, jane.read_text("utf-8") + "\nShe moved to Lisbon in spring.\n")
        wait_for(server.shows("contacts/jane-doe.html", "Lisbon in spring"), 60, "the save")
        wait_for(server.said("checking the others)"), 30, "the rebuild line")
        line = re.search(
            r"Rebuilt at \d\d:\d\d:\d\d: 3 contacts, 2 entries \((\d+) of (\d+) pages "
            r"rebuilt; checking the others\)",
            server.stderr(),
        )
        assert line, server.stderr()
        assert 0 < int(line.group(1)) < int(line.group(2)) / 2, line.group(0)
        wait_for(server.said("Checked the other pages at"), 60, "the check of the others")
        assert re.search(
            r"Checked the other pages at \d\d:\d\d:\d\d: all up to date", server.stderr()
        )
        assert "Lisbon" in (server.get("search/search_index.json") or "")
        assert "Bob Lee" in (server.get("search/search_index.json") or "")
        # Renamed: her name is on pages the save does not obviously touch (the contacts
        # index, the month she was met): those follow in one more rebuild.
        save(jane, jane.read_text("utf-8").replace("Jane Doe", "Jane Smith-Okafor"))
        wait_for(server.shows("contacts/index.html", "Jane Smith-Okafor"), 60, "the others")
        wait_for(server.said("more rebuilt"), 30, "the second line")
        more = re.search(
            r"Checked the other pages at \d\d:\d\d:\d\d: (\d+) more rebuilt", server.stderr()
        )
        assert more and int(more.group(1)) > 0, server.stderr()
        assert "Jane Smith-Okafor" in (server.get("journal/2026-11.html") or "")
    assert "Traceback" not in server.stderr()
    assert "dirty" not in server.stderr()


# Two steps, as `netjournal serve` rebuilds: a save's own pages first, the others after.


def first_pages_html(served: Serving) -> set[str]:
    return {uri[:-3] + ".html" for uri in served.plugin.steps.last_first}


def test_a_saved_contact_shows_first_on_its_own_pages_then_the_site_is_whole(served, tmp_path):
    root, site = served.root, served.site
    reports = served.two_steps()
    jane = root / "contacts/jane-doe.md"
    save(jane, jane.read_text("utf-8").replace("Jane Doe", "Jane Smith-Okafor"))

    written = pages_in(served.rebuild())

    assert served.plugin.steps.step == "first"
    first = first_pages_html(served)
    # her page, the page of Bob (her note names him), the dashboard and the follow-ups
    assert first == {
        "contacts/jane-doe.html",
        "contacts/bob-lee.html",
        "index.html",
        "follow-ups.html",
    }
    assert "contacts/jane-doe.html" in written and written <= first
    assert served.plugin.pages_built == len(written)
    assert "Jane Smith-Okafor" in (site / "contacts/jane-doe.html").read_text("utf-8")
    assert "Jane Smith-Okafor" not in (site / "contacts/index.html").read_text("utf-8")

    more = pages_in(served.checked())

    assert reports[-1] == len(more) > 0
    assert "contacts/index.html" in more and not more & written
    assert served.plugin.steps.step == "more"
    assert "Jane Smith-Okafor" in (site / "contacts/index.html").read_text("utf-8")
    same_as_a_full_build(served, tmp_path)


def test_a_saved_entry_shows_first_on_its_month_and_the_dashboard(served, tmp_path):
    root, site = served.root, served.site
    reports = served.two_steps()
    coffee = root / "journal/2026-11-20-coffee.md"
    save(coffee, coffee.read_text("utf-8") + f"\n- [ ] Send Jane the deck 📅 {TODAY}\n")

    written = pages_in(served.rebuild())

    assert first_pages_html(served) == {
        "journal/2026-11.html",
        "contacts/jane-doe.html",
        "index.html",
        "follow-ups.html",
    }
    assert {"journal/2026-11.html", "index.html"} <= written <= first_pages_html(served)
    for page in ("index.html", "journal/2026-11.html", "follow-ups.html"):
        assert "Send Jane the deck" in (site / page).read_text("utf-8"), page

    served.checked()

    assert reports == [0]  # nothing else showed it: no more rebuild
    same_as_a_full_build(served, tmp_path)


def test_an_entry_moved_to_another_month_renders_every_page_at_once(served, tmp_path):
    root = served.root
    served.two_steps()
    call = root / "journal/2026-10-02-call.md"
    save(call, call.read_text("utf-8").replace("date: 2026-10-02", "date: 2026-11-02"))
    served.rebuild()
    assert served.plugin.steps.step == "all"  # a month gone: every page renders now
    assert served.plugin.steps.wait(5) and served.plugin.steps.complete
    same_as_a_full_build(served, tmp_path)


def test_a_save_during_the_check_stops_it_and_the_site_ends_whole(served, tmp_path, monkeypatch):
    root, site = served.root, served.site
    reports = served.two_steps()
    checking, page = threading.Event(), Site.page

    def held_page(self: Site, uri: str) -> str:
        """In the background check, the first page waits until the check is stopped."""
        if threading.current_thread().name == "netjournal-check-pages":
            checking.set()
            served.plugin.steps._cancel.wait(60)
        return page(self, uri)

    monkeypatch.setattr(Site, "page", held_page)
    jane = root / "contacts/jane-doe.md"
    save(jane, jane.read_text("utf-8").replace("Jane Doe", "Jane Smith-Okafor"))
    served.rebuild()
    assert checking.wait(60), "no background check began"

    ann = root / "contacts/ann-lee.md"
    save(ann, ann.read_text("utf-8").replace("Ann Lee", "Ann Lee-Moreau"))
    served.rebuild()

    assert reports == []  # the first check was stopped before it reported
    assert served.plugin.steps.step == "first"
    assert "Ann Lee-Moreau" in (site / "contacts/ann-lee.html").read_text("utf-8")
    monkeypatch.setattr(Site, "page", page)
    served.checked()
    assert reports[-1] > 0
    index = (site / "contacts/index.html").read_text("utf-8")
    assert "Jane Smith-Okafor" in index and "Ann Lee-Moreau" in index
    same_as_a_full_build(served, tmp_path)


def test_a_broken_file_while_checking_keeps_the_last_good_site(served, tmp_path):
    root, site = served.root, served.site
    served.two_steps()
    jane = root / "contacts/jane-doe.md"
    good = jane.read_text("utf-8")
    save(jane, good.replace("Jane Doe", "Jane Smith-Okafor"))
    served.rebuild()
    shown = html_pages(site)

    save(jane, "---\nname: [Jane\n---\nBroken.\n")
    served.rebuild()

    assert served.plugin.kept_last_good
    assert served.plugin.steps.wait(0)  # no check while broken: it would ask for this again
    assert html_pages(site)["contacts/jane-doe.html"] == shown["contacts/jane-doe.html"]
    save(jane, good.replace("Jane Doe", "Jane Smith-Okafor") + "\nFixed.\n")
    served.rebuild()
    assert not served.plugin.kept_last_good
    assert "Fixed." in (site / "contacts/jane-doe.html").read_text("utf-8")
    served.checked()
    same_as_a_full_build(served, tmp_path)
