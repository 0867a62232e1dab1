"""The charts: their numbers (queries.charts, with a fixed today), their SVG (text
alternative, a table of the numbers, never colour alone), where the site shows them, the
links between the networking pages, and a public build whose charts name no private contact.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from conftest import TODAY, Write

from netjournal.model import Source
from netjournal.queries.charts import (
    MonthCount,
    PartnerCount,
    SourceValue,
    contact_touches_per_month,
    last_months,
    referrals_per_partner,
    touches_per_month,
    value_won_by_source,
)
from netjournal.queries.privacy import public_view
from netjournal.read.journal import read_journal
from netjournal.render import render_site
from netjournal.render.charts import (
    busiest,
    referrals_chart,
    sparkline,
    touches_chart,
    value_won_chart,
)

ANA = "---\nname: Ana Ruiz\n---\n"
BEN = "---\nname: Ben Okafor\n---\n"


def entry(day: str, *people: str, kind: str = "coffee", extra: str = "") -> str:
    return f"---\ndate: {day}\nkind: {kind}\nwith: [{', '.join(people)}]\n{extra}---\n"


def counts(months: tuple[MonthCount, ...]) -> dict[str, int]:
    return {m.month: m.touches for m in months if m.touches}


# The numbers --------------------------------------------------------------------------


def test_the_24_months_end_with_todays_and_cross_the_year():
    months = last_months(TODAY)  # 2026-11-23
    assert (len(months), months[0], months[-1]) == (24, "2024-12", "2026-11")
    assert "2025-12" in months and "2026-01" in months


def test_no_entry_no_touches_and_no_won_work_give_no_numbers(journal_of):
    journal = journal_of({"contacts/ana.md": ANA})
    assert touches_per_month(journal, TODAY) == ()
    assert contact_touches_per_month(journal, TODAY) == {}
    assert value_won_by_source(journal) == ()
    assert referrals_per_partner(journal) == ()


def test_one_month_of_touches_shows_24_months_the_others_zero(journal_of):
    journal = journal_of(
        {
            "contacts/ana.md": ANA,
            "contacts/ben.md": BEN,
            "journal/2026-03-02-a.md": entry("2026-03-02", "ana", "ben"),  # two touches
            "journal/2026-03-20-b.md": entry("2026-03-20", "ana"),
        }
    )
    months = touches_per_month(journal, TODAY)
    assert [m.month for m in months] == list(last_months(TODAY))
    assert counts(months) == {"2026-03": 3}
    assert sum(1 for m in months if m.touches == 0) == 23  # the empty months are there, at 0


def test_a_plan_is_not_a_touch_but_an_entry_dated_today_is(journal_of):
    journal = journal_of(
        {
            "contacts/ana.md": ANA,
            "journal/2026-11-23-today.md": entry("2026-11-23", "ana"),
            "journal/2026-11-30-plan.md": entry("2026-11-30", "ana"),  # after today: a plan
            "journal/2024-11-30-old.md": entry("2024-11-30", "ana"),  # 25 months ago
        }
    )
    assert counts(touches_per_month(journal, TODAY)) == {"2026-11": 1}
    assert counts(contact_touches_per_month(journal, TODAY)["ana"]) == {"2026-11": 1}


def test_the_contacts_sparklines_add_up_to_the_journals_touches(journal_of):
    journal = journal_of(
        {
            "contacts/ana.md": ANA,
            "contacts/ben.md": BEN,
            "journal/2025-06-01-a.md": entry("2025-06-01", "ana", "ben"),
            "journal/2026-01-05-b.md": entry("2026-01-05", "ben"),
            "journal/2026-10-05-c.md": entry("2026-10-05", "ben"),
        }
    )
    each = contact_touches_per_month(journal, TODAY)
    assert counts(each["ana"]) == {"2025-06": 1}
    assert counts(each["ben"]) == {"2025-06": 1, "2026-01": 1, "2026-10": 1}
    whole = touches_per_month(journal, TODAY)
    assert [m.touches for m in whole] == [
        sum(months) for months in zip(*([m.touches for m in s] for s in each.values()), strict=True)
    ]


def test_value_won_keeps_every_source_and_a_won_opportunity_worth_0(journal_of):
    journal = journal_of(
        {
            "contacts/ana.md": """
                ---
                name: Ana Ruiz
                source: referral
                opportunities:
                  - {title: Will, status: won, value: 1200}
                  - {title: Trust, status: won}
                  - {title: Estate, status: open, value: 9000}
                ---
            """,
            "contacts/ben.md": """
                ---
                name: Ben Okafor
                source: marketing-response
                opportunities:
                  - {title: Leaflet job, status: won, value: 0}
                ---
            """,
        }
    )
    rows = value_won_by_source(journal)
    assert [r.source for r in rows] == list(Source)  # a source that won nothing is a zero
    by_source = {r.source: (r.won, r.value) for r in rows}
    assert by_source[Source.REFERRAL] == (2, Decimal(1200))  # open work is not won
    assert by_source[Source.MARKETING_RESPONSE] == (1, Decimal(0))
    assert by_source[Source.SELF_REFERRAL] == (0, Decimal(0))


def test_a_partner_who_only_gave_has_received_0(journal_of):
    journal = journal_of(
        {
            "contacts/ana.md": ANA,
            "contacts/ben.md": BEN,
            "journal/2026-05-01-a.md": entry(
                "2026-05-01",
                "ana",
                extra="referrals:\n  - {received_from: ana, prospect: Cafe}\n"
                "  - {received_from: ana, prospect: Gym}\n  - {given_to: ben, prospect: Vet}\n",
            ),
        }
    )
    assert referrals_per_partner(journal) == (
        PartnerCount("ana", given=0, received=2),
        PartnerCount("ben", given=1, received=0),
    )


# The drawings -------------------------------------------------------------------------


def svg_text(html: str) -> str:
    """The words of an SVG or table, tags removed."""
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_no_numbers_draw_no_chart_but_say_so():
    for drawn in (value_won_chart(()), touches_chart(()), referrals_chart((), str)):
        assert "<svg" not in drawn and drawn.startswith("<p>No ")
    assert sparkline(()) == ""


def test_value_won_bars_label_each_value_in_text_a_zero_too():
    rows = (
        SourceValue(Source.REFERRAL, 2, Decimal(12400)),
        SourceValue(Source.SELF_REFERRAL, 1, Decimal(0)),
    )
    drawn = str(value_won_chart(rows))
    assert 'role="img"' in drawn and "<title " in drawn and "Value won by source" in drawn
    desc = re.search(r"<desc [^>]*>([^<]*)</desc>", drawn)
    assert desc and desc.group(1) == "Referral 12,400 from 2 won; Self referral 0 from 1 won."
    assert "Referral: 12,400 from 2 won" in drawn and "Self referral: 0 from 1 won" in drawn
    assert '<rect x="1.0" y="20.0" width="298.0"' in drawn  # the biggest value, full length
    assert '<line x1="1.0" y1="66.0" x2="1.0" y2="82.0"' in drawn  # zero: an upright mark
    table = drawn.split("<details>", 1)[1]
    assert "<summary>The numbers</summary>" in table
    words = " ".join(svg_text(table).split())
    assert words == "The numbers Source Won Value won Referral 2 12,400 Self referral 1 0"


def test_touches_columns_name_the_months_and_show_zero_months():
    zeros = [MonthCount(m, 0) for m in last_months(TODAY)]
    months = (*zeros[:15], MonthCount("2026-03", 3), *zeros[16:])
    drawn = str(touches_chart(months))
    assert drawn.count('fill="currentColor"/>') == 1  # one column drawn, the zeros are not
    labels = re.findall(r'font-size="11"[^>]*>(\d+)</text>', drawn)
    assert labels == ["0"] * 15 + ["3"] + ["0"] * 8  # every month's count, in text
    assert ">Jan</text>" in drawn and ">2026</text>" in drawn and ">Apr</text>" in drawn
    assert "3 touches from December 2024 to November 2026, all in March 2026" in drawn
    rows = re.findall(r"<tr><td>([^<]+)</td><td[^>]*>(\d+)</td></tr>", drawn)
    assert len(rows) == 24 and rows[0] == ("December 2024", "0") and ("March 2026", "3") in rows


def test_given_and_received_differ_by_fill_position_and_word_never_colour():
    drawn = str(referrals_chart((PartnerCount("ana", 2, 0), PartnerCount("x<y>", 1, 3)), str))
    assert "colour" not in drawn and "#" not in drawn.replace("url(#nj-chart-hatch)", "")
    assert "x&lt;y&gt;" in drawn and "x<y>" not in drawn  # names are escaped
    assert drawn.count('fill="url(#nj-chart-hatch)"') == 1  # ana received 0: a mark, no bar
    words = re.findall(r">(given|received)</text>", drawn)
    assert words == ["given", "received", "given", "received"]
    given_y = float(re.findall(r'y="([\d.]+)"[^>]*>given<', drawn)[1])
    received_y = float(re.findall(r'y="([\d.]+)"[^>]*>received<', drawn)[1])
    assert given_y < received_y  # given above, received below
    assert "ana: given 2, received 0; x&lt;y&gt;: given 1, received 3." in drawn
    assert "Given is the solid bar above, received the hatched bar below." in drawn


def test_the_referrals_chart_draws_and_tabulates_the_busiest_partners_only():
    """Its table stays the size of the chart however many partners there are: the page's
    own table by partner lists them (up to its limit)."""
    partners = tuple(PartnerCount(f"partner-{n:03}", 100 - n, n % 3) for n in range(40))
    drawn = str(referrals_chart(partners, str))
    rows = re.findall(r"<tr><td>(partner-\d+)</td>", drawn)
    assert rows == [f"partner-{n:03}" for n in range(15)]
    assert "; and 25 more partners, in the table by partner." in drawn


def test_a_sparkline_says_the_touches_and_the_busiest_month():
    months = [MonthCount(m, 0) for m in last_months(TODAY)]
    months[15] = MonthCount("2026-03", 5)
    months[20] = MonthCount("2026-08", 7)
    drawn = str(sparkline(tuple(months)))
    title = re.search(r"<title>([^<]*)</title>", drawn)
    assert title and title.group(1) == (
        "12 touches in the last 24 months, most in August 2026 (7 touches)."
    )
    # Search indexes the title and the description as one text: they must not run together.
    assert re.search(r"</title>\s+<desc>", drawn)
    assert 'role="img"' in drawn and "the timeline below lists them" in drawn
    assert drawn.count("<rect") == 2 and "<details>" not in drawn  # the timeline is its table


def test_the_busiest_months_in_words_ties_included():
    def said(*touches: int) -> str:
        return busiest(tuple(MonthCount(f"2026-{i + 1:02d}", n) for i, n in enumerate(touches)))

    assert said(0, 0) == "none at all"
    assert said(0, 1) == "in February 2026"
    assert said(4, 0) == "all in January 2026"
    assert said(2, 1, 2) == "most in January 2026 and March 2026 (2 touches each)"
    assert said(1, 1, 1, 0) == "at most 1 touch a month, in 3 months, the last March 2026"


# The pages ----------------------------------------------------------------------------

JOURNAL = {
    "contacts/ana.md": """
        ---
        name: Ana Ruiz
        source: referral
        referred_by: ben
        needs: [a bookkeeper]
        opportunities:
          - {title: Will, status: won, value: 1200}
        ---
    """,
    "contacts/ben.md": BEN,
    "journal/2026-03-02-mixer.md": entry("2026-03-02", "ana", kind="event"),
    "journal/2026-04-02-call.md": entry(
        "2026-04-02", "ben", kind="call", extra="referrals:\n  - {given_to: ben, prospect: Cafe}\n"
    ),
}


@pytest.fixture
def pages(journal_of):
    return render_site(journal_of(JOURNAL), TODAY)


def test_each_chart_is_on_its_page(pages):
    assert 'aria-labelledby="nj-value-won-title' in pages["sources/index.md"]
    assert 'aria-labelledby="nj-touches-title' in pages["journal/index.md"]
    assert 'aria-labelledby="nj-referrals-title' in pages["referrals.md"]
    assert "1 touch in the last 24 months, in March 2026" in pages["contacts/ana.md"]
    # A chart is a raw HTML block: a blank line before and after, so Markdown leaves it be.
    for uri in ("sources/index.md", "journal/index.md", "referrals.md"):
        assert re.search(r'\n\n<div class="nj-chart">.*</div>\n\n', pages[uri])


def test_the_networking_pages_are_linked_from_the_sections_that_relate(pages):
    for uri in ("sources/index.md", "sources/referral.md"):
        assert "[the referral ledger](../referrals.md)" in pages[uri]
        assert "[who brought whom](../network.md)" in pages[uri]
    march, april = pages["journal/2026-03.md"], pages["journal/2026-04.md"]
    assert "Events this month: [" in march and "(../events.md)" in march
    assert "Looking for something: [Ana Ruiz](../contacts/ana.md)" in march
    assert "(../needs.md)" in march
    assert "events.md" not in april and "needs.md" not in april  # nothing to point to
    assert "Who could help: [the needs board](../needs.md)." in pages["contacts/ana.md"]
    assert "needs.md" not in pages["contacts/ben.md"]  # Ben needs nothing
    assert "[the referral ledger](../referrals.md)" in pages["contacts/ben.md"]
    assert "[who brought whom](../network.md)" in pages["contacts/ana.md"]


def test_a_month_whose_event_is_a_plan_does_not_point_to_the_events(journal_of):
    journal = journal_of(
        {
            "contacts/ana.md": ANA,
            "journal/2026-11-30-fair.md": entry("2026-11-30", "ana", kind="event"),
        }
    )
    assert "events.md" not in render_site(journal, TODAY)["journal/2026-11.md"]


# A public build -----------------------------------------------------------------------

SECRET = {
    "contacts/zoe-secret.md": """
        ---
        name: Zoe Secretwood
        private: true
        source: self-referral
        opportunities:
          - {title: Hidden deal, status: won, value: 99000}
        ---
    """,
    "journal/2026-06-01-zoe.md": entry(
        "2026-06-01",
        "zoe-secret",
        extra="referrals:\n  - {received_from: zoe-secret, prospect: Lab}\n",
    ),
    "journal/2026-06-02-both.md": entry("2026-06-02", "ana", "zoe-secret"),
}


def chart_words(html: str) -> str:
    """Every SVG and "The numbers" table of a built page, as words."""
    found = re.findall(r"<svg.*?</svg>|<details>.*?</details>", html, flags=re.S)
    return " ".join(svg_text(part) for part in found)


def test_a_public_build_charts_only_the_public_view(write: Write, build_site, tmp_path: Path):
    for path, text in {**JOURNAL, **SECRET}.items():
        write(path, text)
    site = build_site("--public")
    public = public_view(read_journal(tmp_path).journal)
    pages = [site / "sources/index.html", site / "journal/index.html", site / "referrals.html"]
    pages += sorted((site / "contacts").glob("*.html"))
    words = " ".join(chart_words(page.read_text(encoding="utf-8")) for page in pages)
    assert "Zoe" not in words and "Secretwood" not in words and "zoe-secret" not in words
    assert "99,000" not in words  # her won work is not in the value won by source

    def rows(page: str) -> list[tuple[str, ...]]:
        html = (site / page).read_text(encoding="utf-8")
        table = re.search(r"<details>.*?</details>", html, flags=re.S)
        assert table
        cells = re.findall(r"<tr>(.*?)</tr>", table.group(0))[1:]
        return [tuple(svg_text(c).strip() for c in re.findall(r"<td.*?</td>", r)) for r in cells]

    months = touches_per_month(public, TODAY)
    assert len(rows("journal/index.html")) == 24
    assert [int(r[1]) for r in rows("journal/index.html")] == [m.touches for m in months]
    assert counts(months) == {"2026-03": 1, "2026-04": 1, "2026-06": 1}  # Zoe's touches gone
    assert [(r[0], int(r[1])) for r in rows("referrals.html")] == [
        (public.name_of(p.partner), p.given) for p in referrals_per_partner(public)
    ]
    assert [r[2] for r in rows("sources/index.html")] == [
        f"{v.value:,}" for v in value_won_by_source(public)
    ]
    ana = (site / "contacts/ana.html").read_text(encoding="utf-8")
    assert "2 touches in the last 24 months" in ana  # the March event and the June entry
