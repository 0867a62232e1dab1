"""Issue 11 parts 6 to 8 without a browser: cells that name their column, badges, the timeline by
year, previous/next months, and the search index that folds accents."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import TODAY

from netjournal.plugin.accessible import label_cells
from netjournal.plugin.search import fold, fold_search_index
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
