"""What a screen reader announces in the generated tables: a name for each, no silent cells."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from conftest import TODAY

from netjournal.plugin.accessible import label_tables
from netjournal.render import NOTHING, render_site


def _rows(markdown: str, header: str) -> list[list[str]]:
    """The cells of each body row of the Markdown table whose header row starts `header`."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


def test_a_follow_up_in_a_contacts_own_file_names_them_under_who(journal_of):
    journal = journal_of(
        {
            "contacts/carla-mendes.md": """
                ---
                name: Carla Mendes
                follow_ups:
                  - {what: Lunch, due: 2026-11-01}
                ---
            """,
        }
    )
    row = _rows(render_site(journal, TODAY)["follow-ups.md"], "| What |")[0]
    who, noted_in = row[3], row[4]
    assert who == noted_in == "[Carla Mendes](contacts/carla-mendes.md)"


def test_a_cell_with_nothing_to_show_reads_none(journal_of):
    journal = journal_of({"contacts/ada.md": "---\nname: Ada\n---\n"})
    row = _rows(render_site(journal, TODAY)["contacts/index.md"], "| Name |")[0]
    # Company, relationship, source and last touch: nothing recorded, so a dash read as "none".
    assert row[1:4] == [str(NOTHING)] * 3
    assert row[6] == str(NOTHING)  # after the stage and the touches
    assert 'aria-hidden="true">—<' in NOTHING and ">none<" in NOTHING


def test_each_table_is_labelled_by_the_heading_above_it():
    html = '<h2 id="overdue-3">Overdue (3)</h2><table><tr></tr></table><p>x</p><table>'
    assert label_tables(html) == (
        '<h2 id="overdue-3">Overdue (3)</h2><table aria-labelledby="overdue-3"><tr></tr></table>'
        '<p>x</p><table aria-labelledby="overdue-3">'
    )
    assert label_tables("<table><tr></tr></table>") == "<table><tr></tr></table>"


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.labels: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "table":
            self.labels.append(found.get("aria-labelledby"))


def test_every_table_of_a_built_site_is_labelled_by_a_heading_on_its_page(build_site, write):
    write("contacts/ada.md", "---\nname: Ada\nopportunities: [{title: Audit, value: 10}]\n---\n")
    write("journal/2026-11-01-call.md", "---\ndate: 2026-11-01\nwith: [ada]\n---\n")
    site = build_site()
    pages = [p for p in site.rglob("*.html") if "<table" in p.read_text(encoding="utf-8")]
    assert len(pages) >= 5
    for page in pages:
        parsed = _Tables()
        parsed.feed(page.read_text(encoding="utf-8"))
        assert parsed.labels, page
        for label in parsed.labels:
            assert label in parsed.ids, f"{page.name}: a table labelled by {label!r}"


def test_labelling_tables_is_linear_in_the_size_of_the_page():
    # Many headings and tables with nothing between them: one pass, no backtracking.
    page = '<h2 id="a">' * 50_000 + "<table>" * 50_000
    labelled = label_tables(page)
    assert labelled.count('<table aria-labelledby="a">') == 50_000
    assert re.search(r"<table>", labelled) is None


def test_the_users_own_theme_and_stylesheet_still_win(build_site, write, tmp_path):
    """netjournal's overrides sit under the user's custom_dir and before their extra_css."""
    write("contacts/ada.md", "---\nname: Ada\n---\n")
    write("docs/mine.css", ".md-typeset a { text-decoration: none; }\n")
    write("overrides/partials/search.html", '<div id="my-own-search"></div>\n')
    config = (
        "site_name: Test\ntheme:\n  name: material\n  custom_dir: overrides\n"
        "extra_css: [mine.css]\nplugins:\n  - search\n  - netjournal\n"
    )
    page = (build_site(config=config) / "index.html").read_text(encoding="utf-8")
    assert 'id="my-own-search"' in page
    assert page.index("netjournal/accessible.css") < page.index("mine.css")
