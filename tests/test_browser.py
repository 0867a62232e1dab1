"""A person's path through the sample site in a real browser: dashboard → contact → entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import needs_chromium, serving
from conftest import MINIMAL_MKDOCS, TODAY

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

    timeline = page.locator("article div.nj-timeline:not(.nj-plans)")  # not the plans above it
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


# Issue 11: phones first, the contacts finder, search that folds accents.

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# What sticks out sideways on the page as it is now: the page itself, or anything in the
# article wider than the screen or scrolling sideways in its own box (a table's scroller).
# Code blocks may scroll in their own box; a header moved out of sight is not seen.
_SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width) found.push("the page");
  for (const el of document.querySelectorAll("article *")) {
    if (el.closest("pre") || el.closest("thead:not(.nj-finder thead)")) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;
    const scrolls = el.scrollWidth > el.clientWidth + 1
      && /auto|scroll/.test(getComputedStyle(el).overflowX);
    if (box.right > width + 1 || box.left < -1 || scrolls) {
      found.push(`${el.tagName.toLowerCase()}.${el.className} ${el.textContent.slice(0, 40)}`);
    }
  }
  return found;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_at_390_px_nothing_scrolls_sideways_and_late_rows_say_so(browser, sample_site, scheme):
    from accessibility import kinds_of_page

    context = browser.new_context(**PHONE, color_scheme=scheme)
    page = context.new_page()
    sideways = {}
    with serving(sample_site) as base:
        for path in kinds_of_page(sample_site):
            page.goto(base + path)
            found = page.evaluate(_SIDEWAYS)
            if found:
                sideways[path] = found[:5]
        page.goto(base)
        overdue = page.locator("article tr .nj-badge--overdue").first
        cold = page.locator("article tr .nj-badge--cold").first
        badges = [overdue.inner_text(), cold.inner_text()]
        # The row is marked in colour too, and the badge keeps its own colours in both palettes.
        bar = overdue.evaluate("b => getComputedStyle(b.closest('tr')).borderLeftColor")
        colours = overdue.evaluate(
            "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]"
        )
    context.close()
    assert sideways == {}
    assert badges == ["Overdue", "Going cold"]
    assert bar == colours[1] == "rgb(179, 38, 30)" and colours[0] == "rgb(255, 255, 255)"


def test_on_a_phone_a_table_row_is_a_card_of_labelled_lines(browser, sample_site):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    with serving(sample_site) as base:
        page.goto(base + "follow-ups.html")
        cell = page.locator("article tbody tr").first.locator("td").nth(3)
        label = cell.evaluate("c => getComputedStyle(c, '::before').content")
        row = page.locator("article tbody tr").first.bounding_box()
        header_shown = page.locator("article thead").first.bounding_box()
    context.close()
    assert label == '"Who"'
    assert row is not None and row["width"] <= 390
    assert header_shown is not None and header_shown["width"] <= 1  # read by screen readers only


def _visible_names(page) -> list[str]:
    return page.locator(".nj-finder tbody tr:not([hidden]) td:first-child").all_inner_texts()


def test_the_contacts_index_sorts_and_filters_from_disk(browser, sample_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((sample_site / "contacts" / "index.html").as_uri())
    every = _visible_names(page)
    assert len(every) == len(list((sample_site / "contacts").glob("*.html"))) - 1
    assert every == sorted(every, key=str.casefold)  # by name, as generated

    status = page.get_by_role("status")
    box = page.get_by_label("Filter by name, company, source, stage, last touch or tag")
    box.fill("healthcare")  # a tag
    tagged = _visible_names(page)
    assert "Anita Sharma" in tagged and len(tagged) < len(every)
    assert status.inner_text() == f"{len(tagged)} of {len(every)} people shown"
    box.fill("alvarez")  # a name without its accent
    assert _visible_names(page) == ["José Álvarez"]
    box.fill("")
    assert status.inner_text() == f"{len(every)} people shown"

    header = page.locator(".nj-finder th", has_text="Last touch")
    header.get_by_role("button").focus()
    page.keyboard.press("Enter")  # keyboard alone
    assert header.get_attribute("aria-sort") == "ascending"
    touches = page.locator(".nj-finder tbody tr td[data-label='Last touch']").all_inner_texts()
    dated = [t for t in touches if t[:1].isdigit()]
    assert dated == sorted(dated) and touches[: len(dated)] == dated  # "none" last
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    touches = page.locator(".nj-finder tbody tr td[data-label='Last touch']").all_inner_texts()
    dated = [t for t in touches if t[:1].isdigit()]
    assert dated == sorted(dated, reverse=True) and touches[: len(dated)] == dated
    assert page.locator(".nj-finder th[aria-sort]").count() == 1
    context.close()


def test_the_contacts_index_is_complete_without_script(browser, sample_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((sample_site / "contacts" / "index.html").as_uri())
    rows = page.locator(".nj-finder tbody tr").count()
    assert rows == len(list((sample_site / "contacts").glob("*.html"))) - 1
    assert page.locator(".nj-finder input, .nj-finder button").count() == 0
    context.close()


def test_search_folds_accents_from_disk(browser, sample_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((sample_site / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("jose", delay=20)
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=10_000)
    found = {a.get_attribute("href").split("?")[0]: a.inner_text() for a in results.all()}
    assert "José Álvarez" in found[(sample_site / "contacts/jose-alvarez.html").as_uri()]
    # Pages that only ever write "José" (the journal) are found too.
    assert any("journal/" in url and "José" in text for url, text in found.items())
    context.close()


def test_month_pages_lead_to_the_months_before_and_after(page):
    page.goto(page.base + "journal/2026-11.html")
    months = page.get_by_role("navigation", name="Other months")
    months.get_by_role("link", name="← October 2026").click()
    page.wait_for_url(re.compile(r"/journal/2026-10\.html$"))
    assert heading(page.locator("article h1")) == "October 2026"


# Fixes after a new user's try (issue 11): apostrophes, aliases, stages, wide tables, code.

QUOTES_JOURNAL = {
    "contacts/zoe-o-brien-smith.md": (
        "---\nname: Zoë O'Brien-Smith\ncompany: O'Brien Design\ntags: [design]\n---\n"
    ),
    "contacts/jose-martinez.md": "---\nname: José Martínez\naliases: [Pepe]\n---\n",
    "contacts/olivia-bright.md": "---\nname: Olivia Bright\ncompany: Brightside\n---\n",
    "contacts/bjorn-orsted.md": "---\nname: Björn Ørsted\n---\n",
    "journal/2026-11-20-coffee.md": (
        "---\ndate: 2026-11-20\nwith: [zoe-o-brien-smith, jose-martinez]\n---\nCoffee.\n"
    ),
}


def _build(folder: Path, files: dict[str, str]) -> Path:
    """A real `netjournal build` of the journal `files` in `folder`; returns the site folder."""
    from click.testing import CliRunner

    from netjournal.cli import main

    for name in ("contacts", "journal", "docs"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        (folder / relative).write_text(text, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    site = folder / "site"
    arguments = ["build", "-f", str(folder / "mkdocs.yml"), "-d", str(site)]
    result = CliRunner().invoke(main, [*arguments, "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="module")
def quotes_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("quotes"), QUOTES_JOURNAL)


@pytest.mark.parametrize("typed", ["o'brien", "obrien", "brien", "O\u2019Brien"])
def test_search_finds_an_apostrophe_however_it_is_typed_from_disk(browser, quotes_site, typed):
    context = browser.new_context()
    page = context.new_page()
    page.goto((quotes_site / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(typed, delay=20)
    first = page.locator(".md-search-result__item > a").first
    first.wait_for(timeout=10_000)
    assert first.get_attribute("href").split("?")[0] == (
        (quotes_site / "contacts/zoe-o-brien-smith.html").as_uri()
    )
    assert "Zoë O\u2019Brien-Smith" in first.inner_text()
    context.close()


_FILTER = "Filter by name, company, source, stage, last touch or tag"


def _names(page) -> list[str]:
    """The names in the visible rows, without the aliases read to screen readers only."""
    cells = page.locator(".nj-finder tbody tr:not([hidden]) td:first-child a")
    return cells.all_inner_texts()


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("o'brien", ["Zoë O\u2019Brien-Smith"]),
        ("OBrien design", ["Zoë O\u2019Brien-Smith"]),
        ("O\u2019Brien", ["Zoë O\u2019Brien-Smith"]),
        ("Pepe", ["José Martínez"]),  # an alias
        ("pepe martinez", ["José Martínez"]),
        ("orsted", ["Björn Ørsted"]),  # a letter Unicode does not decompose
    ],
)
def test_the_contacts_filter_is_lenient_about_quotes_and_knows_aliases(
    browser, quotes_site, typed, found
):
    context = browser.new_context()
    page = context.new_page()
    page.goto((quotes_site / "contacts" / "index.html").as_uri())
    page.get_by_label(_FILTER).fill(typed)
    assert _names(page) == found
    assert page.get_by_role("status").inner_text() == "1 of 4 people shown"
    context.close()


def test_the_contacts_index_sorts_stages_in_the_order_relationships_grow(browser, sample_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((sample_site / "contacts" / "index.html").as_uri())
    header = page.locator(".nj-finder th", has_text="Stage")
    header.get_by_role("button").click()
    order = ["visibility", "credibility", "profitability"]

    def stages() -> list[str]:
        cells = page.locator(".nj-finder tbody tr td[data-label='Stage'] data").all_inner_texts()
        return [order.index(stage) for stage in cells]

    ascending = stages()
    assert ascending == sorted(ascending) and set(ascending) == {0, 1, 2}
    header.get_by_role("button").click()
    assert stages() == sorted(ascending, reverse=True)
    context.close()


# A table's scroller whose content is wider than it: something in the table is out of sight.
_SCROLLING_TABLES = """() => [...document.querySelectorAll("article .md-typeset__scrollwrap")]
  .filter(wrap => wrap.scrollWidth > wrap.clientWidth + 1)
  .map(wrap => `${wrap.scrollWidth} > ${wrap.clientWidth}: ${wrap.textContent.slice(0, 40)}`)"""


@pytest.mark.parametrize("width", [1280, 1024])
def test_on_a_wide_screen_the_widest_tables_fit_their_column(browser, sample_site, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    scrolling = {}
    for path in ("contacts/index.html", "referrals.html", "events.html"):
        page.goto((sample_site / path).as_uri())
        assert page.locator("article table").count() > 0, path
        found = page.evaluate(_SCROLLING_TABLES)
        if found:
            scrolling[path] = found
    # Dates stay whole: each "Last touch" date is on one line.
    page.goto((sample_site / "contacts" / "index.html").as_uri())
    dates = page.locator(".nj-finder td.nj-date")
    # A cell's text on one line: as tall as one line of it (Range rects count line boxes).
    lines = dates.evaluate_all(
        """cells => cells.map(c => {
          const range = document.createRange();
          range.selectNodeContents(c);
          return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
        })"""
    )
    context.close()
    assert scrolling == {}
    assert len(lines) > 10 and set(lines) == {1}


def test_on_a_phone_short_code_in_the_first_steps_stays_whole(browser, tmp_path):
    site = _build(tmp_path, {})
    context = browser.new_context(**PHONE)
    page = context.new_page()
    broken = {}
    for path in ("index.html", "contacts/index.html", "journal/index.html"):
        page.goto((site / path).as_uri())
        spans = page.locator("article code", has_text=re.compile(r"^(---|name:|date:)$"))
        assert spans.count() > 0, path
        lines = spans.evaluate_all(
            "codes => codes.map(c => [c.textContent, c.getClientRects().length])"
        )
        broken.update({f"{path} {text}": n for text, n in lines if n != 1})
    context.close()
    assert broken == {}
