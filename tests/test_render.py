"""What the generated pages show: user text exactly as typed, links that lead somewhere."""

from __future__ import annotations

import html
import re
from datetime import date

from conftest import TODAY

from netjournal.render import render_site
from netjournal.render.escape import external_link, markdown_text

HOSTILE = "<img src=x onerror=alert(1)> | [x](javascript:alert(1)) *b* _i_ # {#id} `c` &amp;"


def _text(page: str) -> str:
    """The visible text of an HTML page, roughly: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_markdown_text_escapes_every_markup_character():
    assert markdown_text("a|b *c* [d](e) <f> & #g\nh") == (
        r"a\|b \*c\* \[d\]\(e\) &lt;f&gt; &amp; \#g h"
    )


def test_markdown_text_keeps_spaces_but_not_line_breaks():
    assert markdown_text(", ") == ", "
    assert markdown_text("a\r\n\tb") == "a b"


def test_only_safe_addresses_become_links():
    assert external_link("javascript:alert(1)") == r"javascript:alert\(1\)"
    assert external_link("jane@example.com") == r"[jane@example\.com](mailto:jane@example.com)"
    assert external_link("https://x.example/a b") == r"https://x\.example/a b"
    assert external_link("www.example.com") == (r"[www\.example\.com](https://www.example.com)")


def test_hostile_names_show_as_typed_in_the_built_site(write, build_site):
    write(
        "contacts/evil.md",
        f"""
        ---
        name: "{HOSTILE}"
        company: "A | B"
        url: "javascript:alert(1)"
        cadence: 1w
        follow_ups:
          - what: "{HOSTILE}"
            due: 2026-11-01
        ---
        Notes with **bold** and a [real link](https://example.com).
        """,
    )
    write("journal/2026-11-01-meet.md", "---\ndate: 2026-11-01\nwith: [evil]\n---\n")
    site = build_site()
    contact_page = (site / "contacts/evil.html").read_text(encoding="utf-8")
    index_page = (site / "contacts/index.html").read_text(encoding="utf-8")
    dashboard = (site / "index.html").read_text(encoding="utf-8")
    for page in (contact_page, index_page, dashboard):
        assert "<img src=x" not in page
        assert 'href="javascript:' not in page
        assert HOSTILE in _text(page)
    # The contacts table keeps its columns: the '|' in the name and company split nothing.
    row = re.search(r"<tr>\s*<td[^>]*><a href=\"evil.html\".*?</tr>", index_page, re.S)
    assert (
        row is not None and row.group(0).count("<td") == 8
    )  # one cell per column, the stage and the tags included
    assert "<strong>bold</strong>" in contact_page
    assert '<a href="https://example.com" rel="noopener noreferrer">real link</a>' in contact_page


def test_a_file_name_never_becomes_a_url_scheme(write, build_site):
    write("contacts/javascript:alert(1).md", "---\nname: Evil\n---\n")
    write("contacts/jane.md", "---\nname: Jane\nintroduced_by: javascript:alert(1)\n---\n")
    site = build_site()
    for page in ("contacts/index.html", "contacts/jane.html", "index.html"):
        html_text = (site / page).read_text(encoding="utf-8")
        assert 'href="javascript:' not in html_text, page
    # Its address is made from its name, as any file name's is: no scheme left in it.
    assert 'href="javascript-alert-1.html"' in (site / "contacts/index.html").read_text(
        encoding="utf-8"
    )


def test_pages_link_contacts_and_entries_by_relative_paths(journal_of):
    journal = journal_of(
        {
            "contacts/jane.md": "---\nname: Jane\n---\n",
            "journal/2026/2026-11-01-coffee.md": "---\ndate: 2026-11-01\nwith: [jane]\n---\nHi.",
        }
    )
    pages = render_site(journal, TODAY)
    assert set(pages) == {
        "index.md",
        "follow-ups.md",
        "contacts/index.md",
        "journal/index.md",
        "sources/index.md",
        "needs.md",
        "events.md",
        "referrals.md",
        "network.md",
        "tags/index.md",
        "contacts/jane.md",
        "journal/2026-11.md",
        *(
            f"sources/{s}.md"
            for s in (
                "referral",
                "network-referral",
                "self-referral",
                "marketing-response",
                "reputation-response",
            )
        ),
    }
    assert "[Jane](jane.md)" in pages["contacts/index.md"]
    assert "[Coffee](../journal/2026-11.md#2026-11-01-coffee)" in pages["contacts/jane.md"]
    assert "## Coffee {#2026-11-01-coffee}" in pages["journal/2026-11.md"]
    assert "[Jane](../contacts/jane.md)" in pages["journal/2026-11.md"]


def test_headings_in_notes_sit_below_the_entry_heading(journal_of):
    # (With a title: without one, the note's first heading would be the entry's title.)
    note = "---\ndate: 2026-01-02\ntitle: C\n---\n# Agenda\n\n```\n# no heading\n```\n"
    journal = journal_of({"journal/n.md": note})
    month = render_site(journal, date(2026, 1, 3))["journal/2026-01.md"]
    assert '<h3 id="n--agenda">Agenda</h3>' in month
    assert "<code># no heading\n</code>" in month


def test_a_name_with_an_emoji_keeps_its_page_title(write, build_site):
    write("contacts/emo.md", '---\nname: "Jane 😀 Doe"\n---\n')
    page = (build_site() / "contacts/emo.html").read_text(encoding="utf-8")
    assert "<title>Jane 😀 Doe - Test journal</title>" in page
    assert "title:" not in page  # the front matter was read, not shown
