"""Which pages `serve` renders first after a save (site.first_pages): the records' own pages,
the contacts they name, the dashboard and the follow-ups; everything when the site's shape
changes. The rest is checked after (tests/test_preview.py)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from conftest import TODAY
from test_preview import save, write_journal

from netjournal.read.journal import read_journal
from netjournal.render import Site, render_site
from netjournal.render.sanitize import NoteRenderer
from netjournal.site import FEW_RECORDS, first_pages


def site_of(root: Path, today=TODAY) -> Site:
    return Site(read_journal(root).journal, today, NoteRenderer(), calendar_feed="calendar.ics")


def journal(tmp_path: Path) -> Path:
    root = tmp_path / "journal"
    write_journal(root)
    return root


def test_nothing_saved_touches_no_page(tmp_path):
    root = journal(tmp_path)
    assert first_pages(site_of(root), site_of(root)) == ()


def test_a_contact_saved_touches_its_page_the_contacts_it_names_and_the_dashboard(tmp_path):
    root = journal(tmp_path)
    last = site_of(root)
    jane = root / "contacts/jane-doe.md"
    save(jane, jane.read_text("utf-8") + "\nShe moved to Lisbon.\n")
    assert set(first_pages(last, site_of(root)) or ()) == {
        "index.md",
        "follow-ups.md",
        "contacts/jane-doe.md",
        "contacts/bob-lee.md",  # her note links [[bob-lee]]
    }


def test_an_entry_added_to_a_month_touches_the_month_and_the_people_met(tmp_path):
    root = journal(tmp_path)
    last = site_of(root)
    save(
        root / "journal/2026-11-25-lunch.md",
        "---\ndate: 2026-11-25\nwith: [bob-lee]\n---\nLunch.\n",
    )
    assert set(first_pages(last, site_of(root)) or ()) == {
        "index.md",
        "follow-ups.md",
        "journal/2026-11.md",
        "contacts/bob-lee.md",
    }


def test_an_entry_met_with_someone_else_touches_both_people(tmp_path):
    root = journal(tmp_path)
    last = site_of(root)
    coffee = root / "journal/2026-11-20-coffee.md"
    save(coffee, coffee.read_text("utf-8").replace("with: [jane-doe]", "with: [ann-lee]"))
    touched = first_pages(last, site_of(root)) or ()
    assert {"contacts/jane-doe.md", "contacts/ann-lee.md", "journal/2026-11.md"} <= set(touched)


def test_a_change_to_the_shape_of_the_site_renders_every_page(tmp_path):
    root = journal(tmp_path)
    last = site_of(root)
    save(root / "contacts/zed-quist.md", "---\nname: Zed Quist\n---\n")
    assert first_pages(last, site_of(root)) is None  # a new contact: every page's links
    (root / "contacts/zed-quist.md").unlink()
    save(root / "journal/2026-12-01-call.md", "---\ndate: 2026-12-01\n---\nA call.\n")
    assert first_pages(last, site_of(root)) is None  # a new month
    (root / "journal/2026-12-01-call.md").unlink()
    assert first_pages(last, site_of(root, TODAY + timedelta(days=1))) is None  # another day
    assert first_pages(last, site_of(root)) == ()


def test_many_records_saved_at_once_render_every_page(tmp_path):
    root = journal(tmp_path)
    for n in range(FEW_RECORDS + 1):
        save(root / f"journal/2026-11-{n % 28 + 1:02d}-n{n}.md", "---\ndate: 2026-11-01\n---\n")
    last = site_of(root)
    for path in (root / "journal").glob("*-n*.md"):
        save(path, path.read_text("utf-8") + "Edited.\n")
    assert first_pages(last, site_of(root)) is None


def test_the_site_renders_one_page_alone_as_render_site_renders_it(tmp_path):
    root = journal(tmp_path)
    whole = render_site(read_journal(root).journal, TODAY, calendar_feed="calendar.ics")
    site = site_of(root)
    assert site.uris == tuple(whole)
    assert site.page("contacts/ann-lee.md") == whole["contacts/ann-lee.md"]
    assert not site.rendered("index.md")  # nothing else was rendered for it
    assert site.pages() == whole
