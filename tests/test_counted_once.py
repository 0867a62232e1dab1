"""What the site shows when a value or a person could be read two ways or twice.

Amounts as typed, one anchor per entry, each person counted once: real files, a real
`netjournal build` where the page is what the user sees.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import Write

from netjournal import queries
from netjournal.queries.timeline import Happening
from netjournal.read.journal import ReadResult


def _text(page: Path) -> str:
    return re.sub(r"<[^>]*>", " ", page.read_text(encoding="utf-8"))


def test_an_amount_typed_with_a_leading_zero_shows_as_typed_not_as_octal(
    write: Write, build_site: Callable[..., Path]
) -> None:
    write(
        "contacts/jane-doe.md",
        """
        ---
        name: Jane Doe
        opportunities:
          - {title: Annual accounts, date: 2026-01-05, status: won, value: 0750}
        ---
        """,
    )
    page = _text(build_site() / "contacts/jane-doe.html")
    assert "Annual accounts (won, 750)" in " ".join(page.split())
    assert "488" not in page


def test_entries_whose_names_make_the_same_anchor_each_get_their_own(
    write: Write, build_site: Callable[..., Path]
) -> None:
    write("contacts/jane-doe.md", "---\nname: Jane Doe\n---\n")
    for name, title in (
        ("встреча", "Meeting"),
        ("звонок", "Call"),
        ("a+b", "Plus"),
        ("a-b", "Dash"),
    ):
        write(
            f"journal/2026-03-01-{name}.md",
            f"---\ndate: 2026-03-01\ntitle: {title}\nwith: [jane-doe]\n---\n",
        )
    site = build_site()
    month = (site / "journal/2026-03.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h2 id="([^"]+)"', month)
    assert len(ids) == 4 and len(set(ids)) == 4, ids
    contact = (site / "contacts/jane-doe.html").read_text(encoding="utf-8")
    targets = {
        title: anchor
        for anchor, title in re.findall(
            r'href="\.\./journal/2026-03\.html#([^"]+)">([^<]+)<', contact
        )
    }
    assert set(targets) == {"Meeting", "Call", "Plus", "Dash"}
    for title, anchor in targets.items():  # each link lands on its own entry's heading
        assert re.search(rf'<h2 id="{re.escape(anchor)}">{title}\b', month), (title, anchor)


def test_who_brings_them_counts_a_client_once_per_referrer(
    write: Write, build_site: Callable[..., Path]
) -> None:
    write("contacts/tom-okafor.md", "---\nname: Tom Okafor\n---\n")
    write(
        "contacts/jane-doe.md",
        """
        ---
        name: Jane Doe
        source: referral
        referred_by: tom-okafor
        opportunities:
          - {title: Will, status: won, value: 900, referred_by: tom-okafor}
          - {title: Trust, status: open, referred_by: tom-okafor}
        ---
        """,
    )
    page = " ".join(_text(build_site() / "sources/referral.html").split())
    assert "Who brings them" in page
    assert "Tom Okafor : 1" in page or "Tom Okafor: 1" in page, page


def test_a_person_listed_twice_is_one_person_on_their_timeline(
    write: Write, read: Callable[[], ReadResult]
) -> None:
    write("contacts/jane-doe.md", "---\nname: Jane Doe\n---\n")
    write("contacts/tom-okafor.md", "---\nname: Tom Okafor\n---\n")
    write(
        "journal/2026-03-01-lunch.md",
        """
        ---
        date: 2026-03-01
        with: [jane-doe, jane-doe]
        introductions: [[tom-okafor, tom-okafor], [jane-doe, tom-okafor], [tom-okafor, jane-doe]]
        referrals:
          - {given_to: tom-okafor, prospect: tom-okafor}
        ---
        """,
    )
    result = read()
    assert sorted(p.code for p in result.problems) == ["NJ140", "NJ140", "NJ141", "NJ141"]
    timelines = queries.timelines(result.journal)
    jane = [e.happening for e in timelines["jane-doe"]]
    tom = [e.happening for e in timelines["tom-okafor"]]
    assert sorted(jane, key=str) == sorted([Happening.ENTRY, Happening.INTRODUCED], key=str)
    assert sorted(tom, key=str) == sorted([Happening.INTRODUCED, Happening.REFERRAL_GIVEN], key=str)


def test_a_circle_of_referred_by_is_warned_once(
    write: Write, read: Callable[[], ReadResult]
) -> None:
    for slug, by in (
        ("ann-lee", "jane-doe"),
        ("jane-doe", "tom-okafor"),
        ("tom-okafor", "ann-lee"),
    ):
        write(
            f"contacts/{slug}.md", f"---\nname: {slug}\nsource: referral\nreferred_by: {by}\n---\n"
        )
    problems = read().problems
    assert [(p.code, p.path, p.line) for p in problems] == [("NJ142", "contacts/ann-lee.md", 4)]
    assert "ann-lee → jane-doe → tom-okafor → ann-lee" in problems[0].message
