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
