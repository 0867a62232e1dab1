"""The judgement of the tool: what is overdue, who is going cold, timelines and sources."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from conftest import TODAY

from netjournal import queries
from netjournal.model import ContactRef, EntryRef, Source
from netjournal.queries import Happening

JANE = "---\nname: Jane Doe\ncadence: 1m\n---\n"


def test_overdue_follow_ups_come_most_overdue_first_with_days(journal_of):
    journal = journal_of(
        {
            "contacts/jane.md": JANE,
            "journal/a.md": """
                ---
                date: 2026-10-01
                with: [jane]
                follow_ups:
                  - {what: recent, due: 2026-11-20}
                  - {what: oldest, due: 2026-11-01}
                  - {what: done already, due: 2026-10-10, done: true}
                  - {what: done on a day, due: 2026-10-10, done: 2026-10-09}
                  - {what: due today, due: 2026-11-23}
                  - {what: in a week, due: 2026-11-30}
                  - {what: in eight days, due: 2026-12-01}
                ---
            """,
        }
    )
    agenda = queries.follow_up_agenda(journal, TODAY)
    assert [(d.follow_up.what, d.days_late) for d in agenda.overdue] == [
        ("oldest", 22),
        ("recent", 3),
    ]
    assert [(d.follow_up.what, d.days_late) for d in agenda.soon] == [
        ("due today", 0),
        ("in a week", -7),
    ]
    assert [d.follow_up.what for d in agenda.later] == ["in eight days"]


def test_follow_ups_on_a_contact_count_too(journal_of):
    journal = journal_of(
        {"contacts/jane.md": "---\nname: J\nfollow_ups:\n  - {what: call, due: 2026-11-01}\n---\n"}
    )
    [item] = queries.follow_up_agenda(journal, TODAY).overdue
    assert item.follow_up.origin == ContactRef("jane")


def test_a_monthly_contact_last_touched_40_days_ago_is_about_10_days_overdue(journal_of):
    journal = journal_of(
        {"contacts/jane.md": JANE, "journal/a.md": "---\ndate: 2026-10-14\nwith: [jane]\n---\n"}
    )
    [cold] = queries.cadence_report(journal, TODAY).going_cold
    assert (cold.last_touch, cold.due, cold.days_late) == (
        date(2026, 10, 14),
        date(2026, 11, 14),
        9,
    )


def test_every_kind_of_touch_resets_the_cadence(journal_of):
    contacts = {f"contacts/{s}.md": f"---\nname: {s}\ncadence: 2w\n---\n" for s in "abcde"}
    journal = journal_of(
        {
            **contacts,
            "journal/old.md": "---\ndate: 2026-01-01\nwith: [a, b, c, d, e]\n---\n",
            "journal/new.md": """
                ---
                date: 2026-11-20
                with: [a]
                referrals:
                  - {given_to: b, prospect: someone}
                  - {received_from: c}
                introductions: [[d, e]]
                ---
            """,
        }
    )
    assert queries.cadence_report(journal, TODAY).going_cold == ()


def test_a_planned_entry_after_today_is_not_a_touch(journal_of):
    journal = journal_of(
        {
            "contacts/jane.md": JANE,
            "journal/past.md": "---\ndate: 2026-09-01\nwith: [jane]\n---\n",
            # beyond a month from today: a plan inside the cadence would keep Jane warm
            "journal/plan.md": "---\ndate: 2027-01-10\nwith: [jane]\n---\n",
        }
    )
    [cold] = queries.cadence_report(journal, TODAY).going_cold
    assert cold.last_touch == date(2026, 9, 1)


def test_going_cold_is_sorted_and_never_touched_listed_apart(journal_of):
    journal = journal_of(
        {
            "contacts/a.md": "---\nname: Al\ncadence: weekly\n---\n",
            "contacts/b.md": "---\nname: Bo\ncadence: 1y\n---\n",
            "contacts/c.md": "---\nname: Cy\ncadence: quarterly\n---\n",
            "contacts/d.md": "---\nname: Di\n---\n",
            "journal/x.md": "---\ndate: 2026-11-01\nwith: [a, b, d]\n---\n",
        }
    )
    report = queries.cadence_report(journal, TODAY)
    assert [(c.contact.slug, c.days_late) for c in report.going_cold] == [("a", 15)]
    assert [c.slug for c in report.never_touched] == ["c"]


def test_calendar_months_clamp_to_the_end_of_a_short_month(journal_of):
    journal = journal_of(
        {"contacts/jane.md": JANE, "journal/a.md": "---\ndate: 2026-01-31\nwith: [jane]\n---\n"}
    )
    [cold] = queries.cadence_report(journal, date(2026, 3, 1)).going_cold
    assert cold.due == date(2026, 2, 28)


def test_timeline_lists_every_kind_of_event_newest_first(journal_of):
    journal = journal_of(
        {
            "contacts/jane.md": """
                ---
                name: Jane
                met: 2025-01-01
                met_at: mixer
                opportunities:
                  - {title: Accounts, date: 2025-04-01, status: won, value: 900}
                ---
            """,
            "contacts/tom.md": "---\nname: Tom\n---\n",
            "contacts/ann.md": "---\nname: Ann\n---\n",
            "journal/mixer.md": "---\ndate: 2025-01-01\nkind: event\nwith: [jane, tom]\n---\n",
            "journal/ref.md": """
                ---
                date: 2025-02-01
                referrals:
                  - {given_to: jane, prospect: tom}
                  - {received_from: tom, prospect: jane}
                ---
            """,
            "journal/intro.md": "---\ndate: 2025-03-01\nintroductions: [[ann, jane]]\n---\n",
            "journal/other.md": "---\ndate: 2025-03-02\nwith: [tom]\n---\n",
        }
    )
    events = queries.timeline(journal, "jane")
    assert [(e.date.isoformat(), e.happening, e.other or e.met_at) for e in events] == [
        ("2025-04-01", Happening.OPPORTUNITY, None),
        ("2025-03-01", Happening.INTRODUCED, "ann"),
        ("2025-02-01", Happening.REFERRAL_GIVEN, None),
        ("2025-02-01", Happening.REFERRED, "tom"),
        ("2025-01-01", Happening.MET, EntryRef("mixer")),
        ("2025-01-01", Happening.ENTRY, None),
    ]
    assert events[2].referral.prospect == ContactRef("tom")


def test_sources_count_contacts_opportunities_value_won_and_top_referrers(journal_of):
    journal = journal_of(
        {
            "contacts/ref1.md": "---\nname: R1\n---\n",
            "contacts/ref2.md": "---\nname: R2\n---\n",
            "contacts/a.md": """
                ---
                name: A
                source: referral
                referred_by: ref1
                opportunities:
                  - {title: won one, status: won, value: 1000}
                  - {title: open one, value: 250.50}
                  - {title: via ad, status: won, value: 70, source: marketing-response}
                ---
            """,
            "contacts/b.md": "---\nname: B\nsource: referral\nreferred_by: ref1\n---\n",
            "contacts/c.md": "---\nname: C\nsource: referral\nreferred_by: ref2\n---\n",
            "contacts/d.md": "---\nname: D\nsource: network-referral\nintroduced_by: ref2\n---\n",
        }
    )
    summaries = {s.source: s for s in queries.source_summaries(journal)}
    assert list(summaries) == list(Source)
    referral = summaries[Source.REFERRAL]
    assert [c.slug for c in referral.contacts] == ["a", "b", "c"]
    assert [o.title for o in referral.opportunities] == ["open one", "won one"]
    assert referral.value_won == Decimal(1000) and referral.value_open == Decimal("250.50")
    assert referral.top_referrers == (("ref1", 2), ("ref2", 1))
    marketing = summaries[Source.MARKETING_RESPONSE]
    assert (marketing.contacts, len(marketing.won), marketing.value_won) == ((), 1, 70)
    assert summaries[Source.NETWORK_REFERRAL].top_referrers == (("ref2", 1),)


def test_an_opportunity_referred_on_its_own_credits_its_referrer(journal_of):
    journal = journal_of(
        {
            "contacts/ref.md": "---\nname: R\n---\n",
            "contacts/a.md": """
                ---
                name: A
                source: self-referral
                opportunities:
                  - {title: extra work, source: referral, referred_by: ref}
                  - {title: own work}
                ---
            """,
        }
    )
    summaries = {s.source: s for s in queries.source_summaries(journal)}
    assert summaries[Source.REFERRAL].top_referrers == (("ref", 1),)
    extra, own = journal.contacts["a"].opportunities
    assert queries.opportunity_referrer(extra, journal.contacts["a"]) == "ref"
    assert queries.opportunity_referrer(own, journal.contacts["a"]) is None


def test_referral_ledger_counts_both_ways(journal_of):
    journal = journal_of(
        {
            "contacts/a.md": "---\nname: A\n---\n",
            "contacts/b.md": "---\nname: B\n---\n",
            "journal/x.md": """
                ---
                date: 2025-01-01
                referrals:
                  - {given_to: a}
                  - {given_to: a}
                  - {received_from: a}
                  - {received_from: b}
                ---
            """,
        }
    )
    ledger = queries.referral_ledger(journal)
    assert [(b.contact, len(b.given), len(b.received)) for b in ledger] == [
        ("a", 2, 1),
        ("b", 0, 1),
    ]


def test_recent_entries_are_the_latest_up_to_today(journal_of):
    files = {
        f"journal/{d}.md": f"---\ndate: {d}\nkind: call\n---\n"  # a kind: no note to self
        for d in ("2026-11-01", "2026-11-20", "2026-11-24", "2026-10-01")
    }
    journal = journal_of(files)
    assert [e.slug for e in queries.recent_entries(journal, TODAY, count=2)] == [
        "2026-11-20",
        "2026-11-01",
    ]


def test_follow_ups_concern_the_contact_named_else_the_people_met(journal_of):
    journal = journal_of(
        {
            "contacts/jane.md": "---\nname: J\nfollow_ups: [{what: own, due: 2026-12-01}]\n---\n",
            "contacts/tom.md": "---\nname: T\n---\n",
            "journal/jane.md": """
                ---
                date: 2026-11-01
                with: [jane, tom]
                follow_ups:
                  - {what: for both, due: 2026-11-10}
                  - {what: for tom, due: 2026-11-11, who: tom}
                  - {what: for a name, due: 2026-11-12, who: The Bank}
                ---
            """,
        }
    )
    agenda = queries.follow_up_agenda(journal, TODAY)
    found = queries.follow_ups_by_contact(journal, agenda)
    assert [d.follow_up.what for d in found["jane"]] == ["for both", "for a name", "own"]
    assert [d.follow_up.what for d in found["tom"]] == ["for both", "for tom", "for a name"]


def test_a_follow_up_on_one_contact_about_another_concerns_both(journal_of):
    journal = journal_of(
        {
            "contacts/jane.md": "---\nname: J\nfollow_ups: [{what: ask, due: 2026-12-01, who: tom}]"
            "\n---\n",
            "contacts/tom.md": "---\nname: T\n---\n",
        }
    )
    found = queries.follow_ups_by_contact(journal, queries.follow_up_agenda(journal, TODAY))
    assert [d.follow_up.what for d in found["jane"]] == ["ask"]
    assert [d.follow_up.what for d in found["tom"]] == ["ask"]
