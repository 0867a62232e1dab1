"""The sample journal, built by the real `mkdocs build --strict`, is what a new user sees."""

from __future__ import annotations

import re

from conftest import REPO


def test_the_sample_builds_strict_with_every_page(sample_site):
    contacts = sorted(p.stem for p in (REPO / "contacts").glob("*.md"))
    built = sorted(p.stem for p in (sample_site / "contacts").glob("*.html") if p.stem != "index")
    assert built == contacts
    for page in (
        "index.html",
        "follow-ups.html",
        "journal/index.html",
        "sources/index.html",
        "sources/reputation-response.html",
    ):
        assert (sample_site / page).is_file(), page


def test_the_sample_dashboard_shows_overdue_and_going_cold(sample_site):
    dashboard = (sample_site / "index.html").read_text(encoding="utf-8")
    overdue = re.search(r"Overdue follow-ups \((\d+)\)", dashboard)
    cold = re.search(r"Going cold \((\d+)\)", dashboard)
    assert overdue and int(overdue.group(1)) > 0
    assert cold and int(cold.group(1)) > 0
    assert "As of <strong>2026-11-23</strong>" in dashboard


def test_generated_pages_stay_out_of_the_navigation(sample_site):
    dashboard = (sample_site / "index.html").read_text(encoding="utf-8")
    chrome = re.sub(r"<article.*?</article>", "", dashboard, flags=re.S)  # all but the content
    assert "follow-ups.html" in chrome and "sources/" in chrome and "journal/" in chrome
    assert "contacts/maria-chen.html" not in chrome  # a contact is reachable, not listed
    assert "contacts/maria-chen.html" in dashboard


def test_the_site_loads_nothing_from_other_hosts(sample_site):
    for page in sample_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text, page
        assert not re.search(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", text), page
