"""Strategy balance: time spent by kind over the last 12 months next to business won."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from conftest import TODAY

from netjournal.model import Source
from netjournal.queries.strategy import NO_KIND, strategy_balance, year_before
from netjournal.render import SOURCES, render_site

FILES = {
    "contacts/ana.md": """
        ---
        name: Ana
        source: referral
        opportunities:
          - {title: Audit, status: won, value: 3000}
          - {title: Lost one, status: lost, value: 9000}
        ---
    """,
    "contacts/ben.md": """
        ---
        name: Ben
        source: self-referral
        opportunities:
          - {title: Small job, status: won, value: 1000}
          - {title: Open one, value: 500}
        ---
    """,
    "contacts/cy.md": "---\nname: Cy\nsource: marketing-response\n---\n",
    "journal/2025-11-23-too-old.md": "---\ndate: 2025-11-23\nkind: event\n---\n",
    "journal/2025-11-24-first-day.md": "---\ndate: 2025-11-24\nkind: event\n---\n",
    "journal/2026-03-01-coffee.md": "---\ndate: 2026-03-01\nkind: one-to-one\n---\n",
    "journal/2026-06-01-coffee.md": "---\ndate: 2026-06-01\nkind: one-to-one\n---\n",
    "journal/2026-11-23-today.md": "---\ndate: 2026-11-23\nkind: one-to-one\n---\n",
    "journal/2026-10-01-note.md": "---\ndate: 2026-10-01\nwith: [cy]\n---\n",  # no kind
    "journal/2026-11-24-plan.md": "---\ndate: 2026-11-24\nkind: event\n---\n",
}


def test_time_spent_counts_entries_by_kind_over_the_last_twelve_months_without_plans(
    journal_of,
):
    balance = strategy_balance(journal_of(FILES), TODAY)
    assert (balance.start, balance.end) == (date(2025, 11, 24), TODAY)
    # The entry a year ago to the day and the plan tomorrow are left out; today's counts.
    assert [(t.kind, t.entries, t.share) for t in balance.time] == [
        ("one-to-one", 3, 60),
        ("event", 1, 20),
        (NO_KIND, 1, 20),
    ]
    assert balance.entries == 5


def test_business_won_counts_only_won_value_by_source_most_value_first(journal_of):
    balance = strategy_balance(journal_of(FILES), TODAY)
    assert [(b.source.source, b.won, b.value, b.share) for b in balance.business] == [
        (Source.REFERRAL, 1, Decimal(3000), 75),
        (Source.SELF_REFERRAL, 1, Decimal(1000), 25),
    ]  # marketing won nothing: not listed
    assert balance.value == Decimal(4000)


def test_an_empty_journal_has_no_time_and_no_business(journal_of):
    balance = strategy_balance(journal_of({}), TODAY)
    assert balance.time == () and balance.business == ()


def test_twelve_months_before_29_february_start_on_1_march():
    assert year_before(date(2028, 2, 29)) == date(2027, 3, 1)
    assert year_before(date(2026, 11, 23)) == date(2025, 11, 24)


def test_the_sources_page_and_dashboard_show_the_balance(journal_of):
    pages = render_site(journal_of(FILES), TODAY)
    sources = pages[SOURCES]
    assert "## Strategy balance" in sources
    assert "| one\\-to\\-one | 3 | 60% |" in sources  # escaped as Markdown
    assert "| [Referral](referral.md) | 1 | 3,000 | 75% |" in sources
    assert (
        "time spent in the last 12 months one\\-to\\-one 60%, event 20%, other \\(no kind\\) 20%; "
        "business won Referral 75%, Self referral 25%." in pages["index.md"]
    )


def test_a_journal_with_nothing_says_so(journal_of):
    pages = render_site(journal_of({}), TODAY)
    assert "No journal entries in the last 12 months." in pages[SOURCES]
    assert "No opportunity won yet." in pages[SOURCES]
    # An empty journal's dashboard says how to begin instead; one contact and nothing else:
    one_contact = render_site(journal_of({"contacts/ann.md": "---\nname: Ann\n---\n"}), TODAY)
    assert (
        "time spent in the last 12 months none recorded; business won none yet"
        in (one_contact["index.md"])
    )


def test_a_public_build_counts_no_private_entry_or_opportunity(tmp_path):
    from netjournal.site import generate

    (tmp_path / "contacts").mkdir()
    (tmp_path / "journal").mkdir()
    (tmp_path / "contacts/ana.md").write_text(
        "---\nname: Ana\nsource: reputation-response\nprivate: true\nopportunities:\n"
        "  - {title: Secret deal, status: won, value: 7777}\n---\n"
    )
    (tmp_path / "journal/2026-11-01-x.md").write_text(
        "---\ndate: 2026-11-01\nkind: hushhush-kind\nprivate: true\n---\n"
    )
    (tmp_path / "journal/2026-11-02-y.md").write_text("---\ndate: 2026-11-02\nkind: call\n---\n")
    private = generate(tmp_path, tmp_path / "contacts", tmp_path / "journal", TODAY)
    public = generate(tmp_path, tmp_path / "contacts", tmp_path / "journal", TODAY, public=True)
    assert "hushhush" in private.pages[SOURCES] and "7,777" in private.pages[SOURCES]
    for page in (public.pages[SOURCES], public.pages["index.md"]):
        assert "hushhush" not in page and "7,777" not in page
        assert "Reputation response" not in page.split("Strategy balance")[-1]
    assert "| call | 1 | 100% |" in public.pages[SOURCES]


def test_a_note_to_yourself_is_no_time_spent_and_no_recent_activity(journal_of):
    """A daily note of thoughts, nobody in it and no kind, is in the journal, not networking."""
    journal = journal_of(
        {
            "contacts/ann.md": "---\nname: Ann\n---\n",
            "journal/2026-11-20.md": "#daily\n\nThinking about next year.\n",
            "journal/2026-11-21.md": "Met [[ann]] for coffee.\n",
            "journal/2026-11-22-call.md": "---\ndate: 2026-11-22\nkind: call\n---\nAlone.\n",
        }
    )
    balance = strategy_balance(journal, TODAY)
    assert [(t.kind, t.entries) for t in balance.time] == [("call", 1), (NO_KIND, 1)]
    assert NO_KIND == "other (no kind)"
    dashboard = render_site(journal, TODAY)["index.md"]
    recent = dashboard.split("## Recent activity")[1].split("\n## ")[0]
    assert "21 November 2026" in recent and "Call" in recent
    assert "20 November 2026" not in recent
