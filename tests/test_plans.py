"""Plans (entries after today) and the "before you meet" block of a contact page."""

from __future__ import annotations

import time
from datetime import date

import pytest
from conftest import TODAY

from netjournal import queries
from netjournal.queries.plans import before_you_meet, plain_start, plans, their_promise
from netjournal.render import render_site

BEN = "---\nname: Ben Adeyemi\ncadence: 1m\n---\n"


def entry(day: str, *, with_: str = "ben", kind: str = "meeting", extra: str = "") -> str:
    return f"---\ndate: {day}\ntitle: On {day}\nkind: {kind}\nwith: [{with_}]\n{extra}---\n"


def test_a_plan_dated_today_is_todays_touch_not_a_plan(journal_of):
    journal = journal_of({"contacts/ben.md": BEN, "journal/t.md": entry("2026-11-23")})
    assert plans(journal, TODAY) == ()
    assert queries.touch_summaries(journal, TODAY)["ben"].last == TODAY
    pages = render_site(journal, TODAY)
    assert "## Coming up (0)" in pages["index.md"]
    assert "planned" not in pages["journal/2026-11.md"]
    assert (
        '<span class="nj-mark nj-mark--meeting" aria-hidden="true"></span>**2026-11-23** · Meeting:'
        in pages["contacts/ben.md"]
    )


def test_a_plan_inside_the_cadence_keeps_a_contact_from_going_cold(journal_of):
    files = {"contacts/ben.md": BEN, "journal/a.md": entry("2026-09-01")}
    assert [c.contact.slug for c in queries.cadence_report(journal_of(files), TODAY).going_cold]
    soon = journal_of({**files, "journal/b.md": entry("2026-12-20")})  # within a month of today
    assert queries.cadence_report(soon, TODAY).going_cold == ()
    page = render_site(soon, TODAY)["contacts/ben.md"]
    assert "(**overdue by 53 days**); planned 2026-12-20" in page
    too_far = journal_of({**files, "journal/b.md": entry("2027-01-10")})  # past 2026-12-23
    assert [c.contact.slug for c in queries.cadence_report(too_far, TODAY).going_cold] == ["ben"]


def test_a_plan_is_never_in_a_timeline_as_if_it_had_happened(journal_of):
    journal = journal_of(
        {
            "contacts/ben.md": BEN,
            "contacts/cy.md": "---\nname: Cy\n---\n",
            "journal/a.md": entry("2026-11-01"),
            "journal/b.md": entry("2026-12-03", extra="introductions: [[ben, cy]]\n"),
        }
    )
    pages = render_site(journal, TODAY)
    ben = pages["contacts/ben.md"]
    timeline = ben[ben.index("## Timeline") :]
    assert "2026-12-03" not in timeline and "2026-11-01" in timeline
    coming = ben[ben.index("## Coming up") : ben.index("## Timeline")]
    assert (
        "**2026-12-03** · planned: [On 2026\\-12\\-03](../journal/2026-12.md#b) (meeting)" in coming
    )
    assert "2026-12-03" not in pages["contacts/cy.md"].split("## Timeline")[1]
    assert "· planned, not yet happened*" in pages["journal/2026-12.md"]
    assert "planned" not in pages["journal/2026-11.md"]


def test_the_dashboard_lists_plans_soonest_first_under_coming_up(journal_of):
    files = {"contacts/ben.md": BEN}
    files |= {f"journal/p{n}.md": entry(f"2026-12-{n:02d}") for n in range(9, 2, -1)}
    dashboard = render_site(journal_of(files), TODAY)["index.md"]
    section = dashboard[dashboard.index("## Coming up (7)") : dashboard.index("## Recent")]
    days = [line[2:12] for line in section.splitlines() if line.startswith("- ")]
    assert days == ["2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06", "2026-12-07"]
    assert "…and 2 more in [the journal](journal/index.md)." in section


def test_their_promise_is_a_follow_up_that_starts_with_their_name_and_to_or_will(journal_of):
    ben = journal_of({"contacts/ben.md": BEN}).contacts["ben"]
    assert their_promise(ben, "Ben to send the term sheet")
    assert their_promise(ben, "ben adeyemi will call back")
    assert not their_promise(ben, "Send Ben my one-pager")
    assert not their_promise(ben, "Benjamin to call")
    assert not their_promise(ben, "Ben, to do: call")


def test_before_you_meet_gathers_last_talk_needs_promises_and_referrals(journal_of):
    journal = journal_of(
        {
            "contacts/ben.md": """
                ---
                name: Ben Adeyemi
                needs: [SBA borrowers]
                follow_ups:
                  - {what: Send Ben my one-pager, due: 2026-11-30}
                  - {what: Ben to send the term sheet, due: 2026-12-01}
                  - {what: Old and done, due: 2026-01-01, done: true}
                ---
            """,
            "contacts/cy.md": "---\nname: Cy\n---\n",
            "journal/a.md": entry(
                "2026-10-01", extra="referrals: [{given_to: ben, prospect: cy}]\n"
            )
            + "# Heading\n\nWe spoke about **loans** and [his bank](https://x.example).\n",
            "journal/b.md": entry("2026-11-10") + "Coffee at *Grindstone*.\n\nThen a walk.\n",
            "journal/c.md": entry("2026-12-01") + "A plan, not a conversation.\n",
            "journal/d.md": "---\ndate: 2026-11-20\nreferrals: [{received_from: ben}]\n---\n",
        }
    )
    facts = queries.follow_ups_by_contact(journal, queries.follow_up_agenda(journal, TODAY))
    brief = before_you_meet(journal, journal.contacts["ben"], TODAY, facts["ben"])
    assert brief.last is not None and brief.last.slug == "b"
    assert brief.first_lines == "Coffee at Grindstone. Then a walk."
    assert brief.needs == ("SBA borrowers",)
    assert [i.follow_up.what for i in brief.you_owe] == ["Send Ben my one-pager"]
    assert [i.follow_up.what for i in brief.they_owe] == ["Ben to send the term sheet"]
    assert [(r.direction.value, r.date) for r in brief.referrals] == [
        ("received", date(2026, 11, 20)),
        ("given", date(2026, 10, 1)),
    ]
    page = render_site(journal, TODAY)["contacts/ben.md"]
    block = page[page.index("## Before you meet") :]
    assert (
        "- **Last conversation:** 2026-11-10, [On 2026\\-11\\-10](../journal/2026-11.md#b)" in block
    )
    assert "“Coffee at Grindstone\\. Then a walk\\.”" in block
    assert "- **They promised you:** Ben to send the term sheet (due 2026-12-01)" in block
    assert "2026-10-01, you to them ([Cy](cy.md))" in block


def test_the_first_lines_are_plain_text_cut_at_a_word():
    body = "## Agenda\n\n" + "word " * 100
    text = plain_start(body, 23)
    assert text == "word word word word…"
    assert plain_start("> *quoted* `code` ~~y~~\n\n| a | b |") == "quoted code y a b"


def test_the_first_lines_of_a_vault_note_are_its_words_not_its_queries_nor_its_markers():
    """A daily note as Obsidian keeps it: tags, an inline field, tasks, a callout, a query."""
    body = (
        "#daily #journal\n\nCoffee with (person:: [[Jane Doe]]) at the café.\n\n"
        "- [ ] Ask Lars about the audit\n- [x] Thank Jane\n1. Book the room\n\n"
        "> [!tip]- How to help\n> She needs a payroll provider.\n\n"
        "```dataviewjs\ndv.list(dv.pages('People'))\n```\n<% tp.file.title %>\n"
        "~~~~\nkept ~~~ inside\n~~~~\n![[Jane Doe]] The end."
    )
    assert plain_start(body) == (
        "Coffee with (Jane Doe) at the café. Ask Lars about the audit Thank Jane Book the room "
        "How to help She needs a payroll provider. Jane Doe The end."
    )


@pytest.mark.parametrize(
    "hostile", ["[!" * 500_000, "(" + "a" * 1_000_000, "(a::" * 250_000, "- [ ] " * 200_000]
)
def test_the_first_lines_of_a_hostile_megabyte_take_linear_time(hostile):
    began = time.process_time()
    plain_start(hostile)
    assert time.process_time() - began < 2  # CPU seconds; quadratic would take hours


def test_before_you_meet_with_nothing_says_so(journal_of):
    page = render_site(journal_of({"contacts/ben.md": BEN}), TODAY)["contacts/ben.md"]
    assert "Nothing to prepare yet: no conversation, needs, promises or referrals" in page


def test_a_public_build_shows_no_notes_nor_private_promise_before_you_meet(write, build_site):
    write(
        "contacts/ben.md",
        "---\nname: Ben\nfollow_ups: [{what: Call ZQWHO Quill, due: 2026-12-01}]\n---\n",
    )
    write("contacts/zq.md", "---\nname: ZQWHO Quill\nprivate: true\n---\n")
    write("journal/a.md", entry("2026-11-01") + "ZQNOTES were discussed.\n")
    private = (build_site() / "contacts/ben.html").read_text("utf-8")
    assert "ZQNOTES" in private and "Call ZQWHO Quill" in private
    public = (build_site("--public") / "contacts/ben.html").read_text("utf-8")
    assert "ZQNOTES" not in public and "ZQWHO" not in public
    assert "On 2026-11-01" in public
