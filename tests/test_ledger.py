"""The referral ledger: referrals both ways by partner and month, balances, closed business
counted once, the totals a referral group counts, and the page and contact line that show them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

from conftest import TODAY, Write

from netjournal.model import Contact, Direction, Journal, JournalEntry, Referral, Status, Text
from netjournal.queries.ledger import referral_ledger_of
from netjournal.render import render_site
from netjournal.site import generate

MARIA = "---\nname: Maria Chen\n---\n"
ANITA_REFERRED_BY_MARIA = """
    ---
    name: Anita Sharma
    source: referral
    referred_by: maria-chen
    opportunities:
      - {title: Payroll review, date: 2026-02-26, status: won, value: 7200}
      - {title: Annual accounts, date: 2026-03-01, status: won, value: 800}
      - {title: Audit, date: 2026-04-01, status: lost, value: 9000}
    ---
"""
MARIA_SENT_ANITA = """
    ---
    date: 2026-02-19
    kind: one-to-one
    with: [maria-chen]
    referrals:
      - {received_from: maria-chen, prospect: anita-sharma, value: 7200, status: won}
    ---
"""


def test_a_referral_both_in_an_entry_and_in_referred_by_is_closed_business_once(journal_of):
    journal = journal_of(
        {
            "contacts/maria-chen.md": MARIA,
            "contacts/anita-sharma.md": ANITA_REFERRED_BY_MARIA,
            "journal/2026-02-19-maria.md": MARIA_SENT_ANITA,
        }
    )
    maria = referral_ledger_of(journal, TODAY).partner("maria-chen")
    assert maria is not None
    # Anita's won opportunities (7,200 + 800), not those plus the referral's 7,200 again.
    assert maria.closed_value == Decimal(8000)
    assert [(c.client, c.from_referral) for c in maria.closed] == [("anita-sharma", False)]
    assert referral_ledger_of(journal, TODAY).value_received == Decimal(8000)


def test_a_won_referral_whose_prospect_is_no_contact_counts_its_own_value(journal_of):
    journal = journal_of(
        {
            "contacts/ben.md": "---\nname: Ben Adeyemi\n---\n",
            "journal/2026-09-17-ben.md": """
                ---
                date: 2026-09-17
                referrals:
                  - {received_from: ben, prospect: Cycle Works, value: 1200, status: won}
                  - {received_from: ben, prospect: Florist, value: 900, status: open}
                  - {received_from: ben, prospect: Vet, value: 4000, status: lost}
                  - {given_to: ben, prospect: Walt, value: 500, status: won}
                ---
            """,
        }
    )
    ben = referral_ledger_of(journal, TODAY).partner("ben")
    assert ben is not None
    assert [(c.client, c.value) for c in ben.closed] == [("Cycle Works", Decimal(1200))]
    assert (len(ben.given), len(ben.received), ben.balance) == (1, 3, -2)


def test_business_counts_for_the_opportunitys_own_referrer(journal_of):
    journal = journal_of(
        {
            "contacts/maria-chen.md": MARIA,
            "contacts/tom.md": "---\nname: Tom Okafor\n---\n",
            "contacts/anita-sharma.md": """
                ---
                name: Anita Sharma
                referred_by: maria-chen
                opportunities:
                  - {title: Payroll, status: won, value: 100}
                  - {title: Tax, status: won, value: 50, referred_by: tom}
                ---
            """,
        }
    )
    ledger = referral_ledger_of(journal, TODAY)
    assert ledger.partner("maria-chen").closed_value == Decimal(100)  # type: ignore[union-attr]
    assert ledger.partner("tom").closed_value == Decimal(50)  # type: ignore[union-attr]


def test_referrals_are_grouped_by_month_newest_month_first(journal_of):
    journal = journal_of(
        {
            "contacts/ben.md": "---\nname: Ben\n---\n",
            "journal/a.md": "---\ndate: 2026-03-02\nreferrals: {given_to: ben}\n---\n",
            "journal/b.md": "---\ndate: 2026-03-20\nreferrals: {received_from: ben}\n---\n",
            "journal/c.md": "---\ndate: 2026-05-01\nreferrals: {given_to: ben}\n---\n",
        }
    )
    months = referral_ledger_of(journal, TODAY).months
    assert [(m.month, m.given, m.received) for m in months] == [
        ("2026-05", 1, 0),
        ("2026-03", 1, 1),
    ]


def test_one_to_ones_count_every_spelling_up_to_today_and_no_plan(journal_of):
    kinds = {
        "a": ("one-to-one", "2026-01-01"),
        "b": ("1-2-1", "2026-01-02"),
        "c": ("121", "2026-01-03"),
        "d": ("1:1", "2026-01-04"),
        "e": ("One to one", "2026-01-05"),
        "f": ("meeting", "2026-01-06"),  # not a one-to-one
        "g": ("one-to-one", "2026-11-23"),  # today: held
        "h": ("one-to-one", "2026-11-24"),  # tomorrow: a plan
    }
    journal = journal_of(
        {
            f"journal/{k}.md": f"---\ndate: {d}\nkind: {kind}\n---\n"
            for k, (kind, d) in kinds.items()
        }
    )
    assert referral_ledger_of(journal, TODAY).one_to_ones == 6


def test_introductions_made_count_pairs_up_to_today(journal_of):
    journal = journal_of(
        {
            "contacts/a.md": "---\nname: A\n---\n",
            "contacts/b.md": "---\nname: B\n---\n",
            "contacts/c.md": "---\nname: C\n---\n",
            "journal/x.md": "---\ndate: 2026-01-01\nintroductions: [[a, b], [b, c]]\n---\n",
            "journal/y.md": "---\ndate: 2026-12-01\nintroductions: [[a, c]]\n---\n",
        }
    )
    assert referral_ledger_of(journal, TODAY).introductions == 2


def _ghost_journal() -> Journal:
    """A referral to `ghost`, which names no contact (the reader refuses it; a Journal can)."""
    entry = JournalEntry(
        slug="2026-03-01-x",
        path="journal/2026-03-01-x.md",
        date=date(2026, 3, 1),
        title="Lunch",
        referrals=(
            Referral(Direction.GIVEN, "ghost", "2026-03-01-x", date(2026, 3, 1), Text("Kim")),
            Referral(
                Direction.RECEIVED,
                "ghost",
                "2026-03-01-x",
                date(2026, 3, 1),
                Text("Lee"),
                value=Decimal(300),
                status=Status.WON,
            ),
        ),
    )
    contact = Contact(slug="jo", path="contacts/jo.md", name="Jo")
    return Journal(MappingProxyType({"jo": contact}), (entry,))


def test_a_referral_to_a_slug_that_is_no_contact_is_counted_under_its_name_as_text():
    journal = _ghost_journal()
    ghost = referral_ledger_of(journal, TODAY).partner("ghost")
    assert ghost is not None and (len(ghost.given), len(ghost.received)) == (1, 1)
    assert ghost.closed_value == Decimal(300)
    page = render_site(journal, TODAY)["referrals.md"]
    assert "| ghost | 1 | 1 | even | 300 |" in page
    assert "ghost.md" not in page  # never a broken link


def test_the_referrals_page_shows_totals_balances_and_each_referral(journal_of):
    journal = journal_of(
        {
            "contacts/maria-chen.md": MARIA,
            "contacts/anita-sharma.md": ANITA_REFERRED_BY_MARIA,
            "journal/2026-02-19-maria.md": MARIA_SENT_ANITA,
        }
    )
    page = render_site(journal, TODAY)["referrals.md"]
    assert "- **Referrals given:** 0" in page
    assert "- **Referrals received:** 1" in page
    assert "- **One-to-ones held:** 1" in page
    assert "- **Value received through referrals:** 8,000" in page
    assert (
        "| [Maria Chen](contacts/maria-chen.md) | 0 | 1 | they gave 1 more: you owe them one |"
        in (page)
    )
    assert "### February 2026" in page
    assert "| 2026-02-19 | received from | [Maria Chen](contacts/maria-chen.md) | [Anita" in page


def test_the_contact_page_shows_its_own_ledger_line(journal_of):
    journal = journal_of(
        {
            "contacts/maria-chen.md": MARIA,
            "contacts/anita-sharma.md": ANITA_REFERRED_BY_MARIA,
            "journal/2026-02-19-maria.md": MARIA_SENT_ANITA,
        }
    )
    pages = render_site(journal, TODAY)
    maria = pages["contacts/maria-chen.md"]
    assert "- **Given to Maria Chen:** 0" in maria
    assert "- **Received from Maria Chen:** 1" in maria
    assert "- **Balance:** they gave 1 more: you owe them one" in maria
    assert "- **Closed business they brought:** 8,000 ([Anita Sharma](anita-sharma.md))" in maria
    assert "## Referrals" not in pages["contacts/anita-sharma.md"]  # no referral either way


def test_an_empty_journal_has_a_referrals_page_that_says_so():
    page = render_site(Journal(), TODAY)["referrals.md"]
    assert "- **Referrals given:** 0" in page
    assert "No referrals written down yet" in page


def test_the_dashboard_links_the_referrals_page_and_the_nav_does_not():
    from netjournal.render import INDEX_PAGES

    assert "[Referrals](referrals.md)" in render_site(Journal(), TODAY)["index.md"]
    assert "referrals.md" not in INDEX_PAGES


def test_a_public_build_leaks_no_private_partner_through_the_ledger(write: Write, tmp_path: Path):
    write("contacts/maria-chen.md", MARIA)
    write("contacts/zed-quill.md", "---\nname: Zed Quill\nprivate: true\n---\n")
    write("contacts/anita-sharma.md", ANITA_REFERRED_BY_MARIA.replace("maria-chen", "zed-quill"))
    write(
        "journal/2026-02-19-x.md",
        """
        ---
        date: 2026-02-19
        referrals:
          - {received_from: zed-quill, prospect: anita-sharma, value: 7200, status: won}
          - {given_to: maria-chen, prospect: Zed Quill's shop, status: won}
        ---
        """,
    )
    pages = generate(tmp_path, tmp_path / "contacts", tmp_path / "journal", TODAY, public=True)
    for uri in ("referrals.md", "network.md", "contacts/maria-chen.md", "index.md"):
        text = pages.pages[uri]
        assert "Zed" not in text and "zed-quill" not in text, uri
    assert "- **Referrals received:** 0" in pages.pages["referrals.md"]
