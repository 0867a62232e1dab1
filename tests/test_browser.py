"""A person's path through the sample site in a real browser: dashboard → contact → entry."""

from __future__ import annotations

import re

import pytest
from browser import needs_chromium, serving

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]


@pytest.fixture(scope="module")
def page(sample_site, browser):
    with serving(sample_site) as base:
        page = browser.new_page()
        outside: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
        page.base = base  # type: ignore[attr-defined]
        yield page
        assert outside == [], f"the site asked other hosts for {outside}"


def heading(locator) -> str:
    """A heading's text without the permalink sign the toc extension appends."""
    return locator.inner_text().rstrip("¶").strip()


def test_dashboard_to_contact_to_journal_entry(page):
    page.goto(page.base)
    assert heading(page.locator("h1").first) == "Dashboard"
    overdue = page.locator("table").first
    contact_link = overdue.locator("a[href*='contacts/']").first
    name = contact_link.inner_text()
    contact_link.click()
    page.wait_for_url(re.compile(r"/contacts/[a-z-]+\.html$"))
    assert heading(page.locator("article h1")) == name
    assert page.get_by_role("heading", name="Timeline").is_visible()

    timeline = page.locator(
        "xpath=//article//h2[starts-with(normalize-space(.), 'Timeline')]/following-sibling::ul[1]"
    )  # the list under the Timeline heading (the file history may follow it)
    timeline_entry = timeline.locator("a[href*='journal/']").first
    title = timeline_entry.inner_text()
    timeline_entry.click()
    page.wait_for_url(re.compile(r"/journal/\d{4}-\d{2}\.html#[\w-]+$"))
    anchor = page.url.rsplit("#", 1)[1]
    entry = page.locator(f"[id='{anchor}']")
    assert heading(entry) == title
    assert entry.is_visible()
    # The entry lists the contact we came from.
    assert name in page.locator("article").inner_text()


def test_search_finds_a_contact_by_name(page):
    page.goto(page.base)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Hargrove", delay=20)  # Material searches on key events
    result = page.locator(".md-search-result__item > a").first
    result.wait_for(timeout=10_000)
    assert "Linda Hargrove" in result.inner_text()
    result.click()
    page.wait_for_url(re.compile(r"/contacts/linda-hargrove\.html"))
    assert heading(page.locator("article h1")) == "Linda Hargrove"


@pytest.mark.parametrize(
    ("link", "title", "row"),
    [("Needs board", "Needs board", "Maria Chen"), ("Events", "Events", "Chamber summer mixer")],
)
def test_the_dashboard_leads_to_the_needs_board_and_the_events(page, link, title, row):
    page.goto(page.base)
    page.locator("article").get_by_role("link", name=link, exact=True).click()
    page.wait_for_url(re.compile(r"/(needs|events)\.html$"))
    assert heading(page.locator("article h1")) == title
    table = page.locator("article table").first
    assert table.is_visible() and row in table.inner_text()
