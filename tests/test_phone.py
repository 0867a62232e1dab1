"""Issue 11 parts 6 to 8 without a browser: cells that name their column, badges, the timeline by
year, previous/next months, and the search index that folds accents."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import TODAY

from netjournal.plugin.accessible import label_cells
from netjournal.plugin.search import (
    MATERIAL_SEPARATOR,
    SEPARATOR,
    fold,
    fold_search_index,
    searchable,
)
from netjournal.render import render_site

TABLE = """<table aria-labelledby="x">
<thead>
<tr>
<th>What</th>
<th style="text-align: right;">Touches &amp; <em>more</em></th>
</tr>
</thead>
<tbody>
<tr>
<td>Call</td>
<td style="text-align: right;">3</td>
</tr>
<tr>
<td>Lunch</td>
<td style="text-align: right;">1</td>
</tr>
</tbody>
</table>"""


def test_each_body_cell_names_its_column_for_the_phone_layout():
    labelled = label_cells(TABLE + "<p>between</p>" + TABLE.replace("What", "Who"))
    assert re.findall(r'<td data-label="([^"]*)"', labelled) == [
        "What",
        "Touches &amp; more",  # the header's words, its markup dropped, still escaped
        "What",
        "Touches &amp; more",
        "Who",
        "Touches &amp; more",
        "Who",
        "Touches &amp; more",
    ]
    # Nothing else changes; a table without a header row is left alone.
    assert re.sub(r' data-label="[^"]*"', "", labelled).startswith(TABLE)
    bare = "<table><tr><td>a</td></tr></table>"
    assert label_cells(bare) == bare


def test_labelling_cells_is_linear_in_the_size_of_the_page():
    page = "<table><thead><tr>" + "<th>h</th>" * 20_000 + "</tr></thead><tbody>"
    page += "<tr>" + "<td>x</td>" * 20_000 + "</tr>" * 2 + "<td" * 50_000
    labelled = label_cells(page)
    assert labelled.count('<td data-label="h">') == 20_000


JOURNAL = {
    "contacts/ada.md": "---\nname: Ada\ncadence: 1m\nmet: 2025-03-01\n---\n",
    "contacts/jose.md": "---\nname: José Álvarez\ncadence: 1m\n---\n",
    "journal/2025-03-02-call.md": "---\ndate: 2025-03-02\nkind: call\nwith: [ada, jose]\n---\n",
    "journal/2026-02-01-lunch.md": (
        "---\ndate: 2026-02-01\nkind: meal\nwith: [ada]\n"
        "follow_ups: [{what: Send the photos, due: 2026-02-10}]\n---\n"
    ),
    "journal/2026-02-05-x.md": "---\ndate: 2026-02-05\nkind: dance\nwith: [ada]\n---\n",
    "journal/2026-12-01-plan.md": "---\ndate: 2026-12-01\nkind: coffee\nwith: [ada]\n---\n",
}


def test_the_timeline_is_grouped_by_year_with_marks_and_words_and_plans_above(journal_of):
    page = render_site(journal_of(JOURNAL), TODAY)["contacts/ada.md"]
    plans, timeline = page.index("## Coming up"), page.index("## Timeline")
    assert plans < timeline
    assert 'class="nj-timeline nj-plans"' in page[plans:timeline]
    assert "**2026-12-01** · planned: [" in page[plans:timeline]
    history = page[timeline:]
    assert history.index("### 2026 {#timeline-2026}") < history.index("### 2025 {#timeline-2025}")
    lines = [line for line in history.splitlines() if line.startswith("- ")]
    marks = [re.search(r"nj-mark--([a-z-]+)", line)[1] for line in lines]
    assert marks == ["entry", "meal", "call", "met"]  # "dance" is no known kind: plain mark
    assert all('aria-hidden="true"></span>' in line for line in lines)  # icons are decorative
    assert [line.split("** · ")[1].split(":")[0] for line in lines] == [
        "Dance",
        "Meal",
        "Call",
        "First met",
    ]  # the kind in words beside each mark
    assert "2026-12-01" not in history


def test_an_overdue_row_and_a_going_cold_row_say_so_in_words(journal_of):
    pages = render_site(journal_of(JOURNAL), TODAY)
    overdue = '<span class="nj-badge nj-badge--overdue">Overdue</span> 286 days'
    cold = '<span class="nj-badge nj-badge--cold">Going cold</span>'
    assert overdue in pages["index.md"] and overdue in pages["follow-ups.md"]
    assert cold in pages["index.md"] and cold in pages["follow-ups.md"]


def test_a_month_page_links_the_months_before_and_after_it_that_have_entries(journal_of):
    pages = render_site(journal_of(JOURNAL), TODAY)
    february = pages["journal/2026-02.md"]
    assert '[← March 2025](2025-03.md){: rel="prev" }' in february
    assert '[December 2026 →](2026-12.md){: rel="next" }' in february
    assert "rel=" + '"prev"' not in pages["journal/2025-03.md"]
    assert "rel=" + '"next"' not in pages["journal/2026-12.md"]


def test_the_contacts_index_lists_tags_and_is_marked_for_the_finder(journal_of):
    files = dict(JOURNAL, **{"contacts/ada.md": "---\nname: Ada\ntags: [client, bni]\n---\n"})
    index = render_site(journal_of(files), TODAY)["contacts/index.md"]
    assert '<div class="nj-finder" markdown>' in index
    assert "| Tags |" in index and "| client, bni |" in index


def test_folding_reduces_letters_to_their_base_letters():
    assert fold("José Álvarez") == "Jose Alvarez"
    assert fold("Ørsted, Łódź, Straße, Ærø") == "Orsted, Lodz, Strasse, AEro"
    assert fold("李伟 plain") == "李伟 plain"


def test_the_search_index_gets_folded_fields_weighted_like_the_originals(tmp_path: Path):
    index = {
        "config": {"lang": ["en"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "contacts/jose.html", "title": "José", "text": "<p>Panadería</p>"},
            {"location": "contacts/ada.html", "title": "Ada", "text": "<p>plain</p>"},
        ],
    }
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), "utf-8")
    fold_search_index(tmp_path)
    folded = json.loads((tmp_path / "search" / "search_index.json").read_text("utf-8"))
    assert folded["config"]["fields"]["title_folded"] == {"boost": 1000.0}
    assert folded["config"]["fields"]["text_folded"] == {"boost": 1.0}
    jose, ada = folded["docs"]
    assert (jose["title"], jose["title_folded"]) == ("José", "Jose")
    assert jose["text_folded"] == "<p>Panaderia</p>"
    assert "title_folded" not in ada and "text_folded" not in ada  # nothing to fold


def test_a_site_without_a_search_index_is_left_alone(tmp_path: Path):
    fold_search_index(tmp_path)
    assert list(tmp_path.iterdir()) == []


# Fixes after a new user's try (issue 11): quotes, dates, stages, aliases, birthdays.


def test_folding_straightens_curly_quotes_as_smarty_writes_them():
    assert fold("Zoë O\u2019Brien-Smith of \u201cO\u2019Brien Design\u201d") == (
        "Zoe O'Brien-Smith of \"O'Brien Design\""
    )
    # The searchable form holds each word with an apostrophe a second time without it.
    assert (
        searchable("Zoë O\u2019Brien-Smith, don\u2019t") == "Zoe O'Brien OBrien-Smith, don't dont"
    )
    assert searchable("dogs' bowls, 'quoted'") == "dogs' bowls, 'quoted'"  # no word inside


def test_finding_words_with_apostrophes_is_linear_in_the_size_of_the_page():
    import time

    started = time.perf_counter()
    searchable("a" * 200_000 + " " + "b'" * 100_000)
    assert time.perf_counter() - started < 2


def _index_after_folding(tmp_path: Path, separator: str, docs: list[dict[str, str]]) -> dict:
    index = {"config": {"separator": separator, "fields": {"title": {}, "text": {}}}, "docs": docs}
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), "utf-8")
    fold_search_index(tmp_path)
    return json.loads((tmp_path / "search" / "search_index.json").read_text("utf-8"))


def test_the_search_index_finds_o_brien_however_the_apostrophe_is_typed(tmp_path: Path):
    docs = [
        {
            "location": "contacts/zoe.html",
            "title": "Zo\u00eb O\u2019Brien",
            "text": "<p>O\u2019Brien Design</p>",
        }
    ]
    folded = _index_after_folding(tmp_path, MATERIAL_SEPARATOR, docs)
    zoe = folded["docs"][0]
    assert zoe["title_folded"] == "Zoe O'Brien OBrien"  # "o'brien" and "obrien" find her
    assert zoe["text_folded"] == "<p>O'Brien OBrien Design</p>"
    # Material's separator now splits at curly apostrophes too ("brien" finds her), not at a
    # straight one, so that a typed "o'brien" stays one word.
    assert folded["config"]["separator"] == SEPARATOR
    assert re.split(SEPARATOR, "Zo\u00eb O\u2019Brien-Smith") == ["Zo\u00eb", "O", "Brien", "Smith"]
    assert re.split(SEPARATOR, "o'brien") == ["o'brien"]


def test_a_separator_the_user_chose_is_kept(tmp_path: Path):
    folded = _index_after_folding(tmp_path, r"[\s]+", [])
    assert folded["config"]["separator"] == r"[\s]+"


def test_a_cell_that_holds_only_a_date_is_marked_to_stay_on_one_line():
    table = (
        "<table><thead><tr><th>When</th><th>What</th></tr></thead><tbody>"
        '<tr><td>2026-11-05</td><td style="text-align: right;">2026-11-06</td></tr>'
        "<tr><td>2026-11-05 or later</td><td>Call</td></tr></tbody></table>"
    )
    assert re.findall(r"<td[^>]*>", label_cells(table)) == [
        '<td data-label="When" class="nj-date">',
        '<td data-label="What" class="nj-date" style="text-align: right;">',
        '<td data-label="When">',
        '<td data-label="What">',
    ]


def test_the_contacts_index_holds_aliases_and_the_order_of_stages_for_the_finder(journal_of):
    files = dict(
        JOURNAL,
        **{
            "contacts/jose.md": "---\nname: José Álvarez\naliases: [Pepe, Joe <b>]\n---\n",
            "contacts/ada.md": "---\nname: Ada\nstage: profitability\n---\n",
        },
    )
    index = render_site(journal_of(files), TODAY)["contacts/index.md"]
    rows = {line.split("](")[0]: line for line in index.splitlines() if line.startswith("| [")}
    jose = rows["| [José Álvarez"]
    # The aliases out of sight (the filter and screen readers read them), escaped as any text.
    assert '<span class="nj-screen-reader-only">, also known as Pepe, Joe &lt;b&gt;</span>' in jose
    assert '| <data value="0">visibility</data> |' in jose
    assert '| <data value="2">profitability</data> (set in the file) |' in rows["| [Ada"]


def test_a_contact_page_gives_the_birthday_in_words_as_the_dashboard_does(journal_of):
    files = {
        "contacts/ada.md": "---\nname: Ada\nbirthday: 1979-12-15\n---\n",
        "contacts/bo.md": '---\nname: Bo\nbirthday: "--02-29"\n---\n',
    }
    pages = render_site(journal_of(files), TODAY)
    assert "- **Birthday:** 15 December 1979\n" in pages["contacts/ada.md"]
    assert "- **Birthday:** 29 February\n" in pages["contacts/bo.md"]
    assert "**15 December** (in 22 days): [Ada]" in pages["index.md"]  # the same words
