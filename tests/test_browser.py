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


# The colour a chart's marks are drawn in, and the page background behind the chart, each as
# [r, g, b, alpha]: the marks use `currentColor`, so this reads what the palette gave them.
_CHART_COLOURS = """(svg) => {
  const rgba = (text) => {
    const n = text.match(/[\\d.]+/g).map(Number);
    return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1];
  };
  const marks = [...svg.querySelectorAll("rect, line")].filter(e => !e.closest("pattern"));
  const colours = marks.map(e => {
    const style = getComputedStyle(e);
    const filled = e.tagName === "rect" && style.fill.startsWith("rgb");  // else hatched
    return rgba(filled ? style.fill : style.stroke);
  });
  let behind = svg, background = "rgba(0, 0, 0, 0)";
  while (behind && rgba(background)[3] === 0) {
    background = getComputedStyle(behind).backgroundColor;
    behind = behind.parentElement;
  }
  return {marks: colours, background: rgba(background),
          scheme: document.body.getAttribute("data-md-color-scheme")};
}"""


def _contrast(mark: list[float], background: list[float]) -> float:
    """WCAG contrast of a mark (maybe translucent, as Material's text colour is) on `background`."""

    def luminance(rgb: list[float]) -> float:
        linear = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in linear]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    alpha = mark[3]
    seen = [alpha * m + (1 - alpha) * b for m, b in zip(mark[:3], background[:3], strict=True)]
    light, dark = sorted((luminance(seen), luminance(background[:3])), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(("scheme", "palette"), [("light", "default"), ("dark", "slate")])
def test_charts_are_drawn_described_and_visible_in_both_palettes(
    sample_site, browser, scheme, palette
):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    charts = {
        "sources/index.html": "Value won by source",
        "journal/index.html": "Touches per month",
        "referrals.html": "Referrals given and received, per partner",
        "contacts/maria-chen.html": "touches in the last 24 months",
    }
    with serving(sample_site) as base:
        for path, title in charts.items():
            page.goto(base + path)
            chart = page.locator("article svg[role=img]").first
            chart.scroll_into_view_if_needed()
            assert chart.is_visible(), path
            box = chart.bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0, path
            assert title in (chart.locator("title").text_content() or ""), path
            described = chart.locator("desc").text_content() or ""
            assert re.search(r"\d", described) or re.search(r"\d", title), path
            colours = chart.evaluate(_CHART_COLOURS)
            assert colours["scheme"] == palette  # Material followed the system's palette
            assert colours["marks"], f"{path}: nothing drawn"
            for mark in colours["marks"]:
                assert _contrast(mark, colours["background"]) >= 3, (path, mark, colours)
    context.close()
