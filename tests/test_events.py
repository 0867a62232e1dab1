"""The events page: whom each event brought, who became a client, and what it was worth."""

from __future__ import annotations

from decimal import Decimal

from conftest import TODAY

from netjournal.queries.events import event_reports
from netjournal.render import render_site

ROOMS = {
    "contacts/ana.md": """
        ---
        name: Ana
        met_at: 2026-03-01-mixer
        opportunities:
          - {title: Books, status: won, value: 1200}
          - {title: Audit, status: won, value: 300}
          - {title: Payroll, status: lost, value: 5000}
        ---
    """,
    "contacts/bo.md": "---\nname: Bo\nmet_at: 2026-03-01-mixer\nrelationship: client\n---\n",
    "contacts/cy.md": """
        ---
        name: Cy
        met_at: 2026-05-01-fair
        opportunities: [{title: Tax, status: won}]
        ---
    """,
    "contacts/di.md": "---\nname: Di\nmet_at: Somewhere else\n---\n",
    "journal/2026-03-01-mixer.md": """
        ---
        date: 2026-03-01
        title: Spring mixer
        kind: event
        with: [bo, di]
        follow_ups:
          - {what: Call Ana, due: 2026-03-05, done: true}
          - {what: Call Bo, due: 2026-12-05}
        ---
    """,
    "journal/2026-05-01-fair.md": "---\ndate: 2026-05-01\ntitle: Fair\nkind: Event\n---\n",
    "journal/2026-06-01-empty.md": "---\ndate: 2026-06-01\ntitle: Empty hall\nkind: event\n---\n",
    "journal/2026-07-01-coffee.md": "---\ndate: 2026-07-01\nkind: coffee\nwith: [ana]\n---\n",
    "journal/2026-12-01-gala.md": "---\ndate: 2026-12-01\ntitle: Gala\nkind: event\n---\n",
}


def test_each_event_counts_those_met_there_clients_value_won_and_follow_ups(journal_of):
    mixer, fair, _ = event_reports(journal_of(ROOMS), TODAY)
    assert mixer.entry.title == "Spring mixer"
    assert mixer.met == ("ana", "bo", "di")  # met_at first, then `with`, each once
    assert mixer.clients == ("ana",)  # `relationship: client` alone is not business won
    assert mixer.value_won == Decimal(1500)  # won only: the lost 5000 does not count
    assert (len(mixer.follow_ups), mixer.open_follow_ups) == (2, 1)
    assert (fair.met, fair.clients, fair.value_won) == (("cy",), ("cy",), Decimal(0))


def test_an_event_nobody_was_met_at_is_listed_with_zeros(journal_of):
    *_, empty = event_reports(journal_of(ROOMS), TODAY)
    assert (empty.entry.title, empty.met, empty.clients, empty.value_won) == (
        "Empty hall",
        (),
        (),
        Decimal(0),
    )
    page = render_site(journal_of(ROOMS), TODAY)["events.md"]
    row = next(line for line in page.splitlines() if "Empty hall" in line)
    assert "| 2026-06-01 | 0 | " in row and row.endswith("none</span> | 0 | 0 | 0 |")


def test_rooms_come_by_value_won_then_people_met_and_plans_are_left_out(journal_of):
    titles = [r.entry.title for r in event_reports(journal_of(ROOMS), TODAY)]
    assert titles == ["Spring mixer", "Fair", "Empty hall"]  # the Gala is still to come
    later = [r.entry.title for r in event_reports(journal_of(ROOMS), TODAY.replace(year=2027))]
    assert later == ["Spring mixer", "Fair", "Gala", "Empty hall"]  # a tie: newest first


def test_the_events_page_links_the_event_and_the_people(journal_of):
    page = render_site(journal_of(ROOMS), TODAY)["events.md"]
    row = next(line for line in page.splitlines() if "Spring mixer" in line)
    assert "[Spring mixer](journal/2026-03.md#2026-03-01-mixer)" in row
    assert "[Ana](contacts/ana.md), [Bo](contacts/bo.md), [Di](contacts/di.md)" in row
    assert "| 1: [Ana](contacts/ana.md) | 1,500 | 2 (1 open) |" in row
    assert "3 events; 4 people met, 2 became clients, 1,500 won." in page


def test_a_public_events_page_shows_no_private_contact_or_event(write, build_site):
    write("contacts/ana.md", "---\nname: Ana\nmet_at: 2026-03-01-mixer\n---\n")
    write("contacts/zq.md", "---\nname: Zed Quill\nmet_at: 2026-03-01-mixer\nprivate: true\n---\n")
    write("journal/2026-03-01-mixer.md", "---\ndate: 2026-03-01\nkind: event\nwith: [zq]\n---\n")
    write(
        "journal/2026-04-01-zqclub.md",
        "---\ndate: 2026-04-01\ntitle: ZQCLUB\nkind: event\nprivate: true\n---\n",
    )
    private = (build_site() / "events.html").read_text("utf-8")
    assert "Zed Quill" in private and "ZQCLUB" in private
    public = (build_site("--public") / "events.html").read_text("utf-8")
    assert "Zed" not in public and "zq" not in public.lower() and "ZQCLUB" not in public
    assert "Ana</a>" in public
