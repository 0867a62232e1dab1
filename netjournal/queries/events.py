"""Which rooms are worth going back to: each event, whom you met there, and what it brought."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from netjournal.model import Contact, EntryRef, FollowUp, Journal, JournalEntry, Status
from netjournal.queries.touches import is_plan

EVENT = "event"


@dataclass(frozen=True)
class EventReport:
    """One event: the contacts met there, those who became clients, value won, follow-ups.

    A client is a contact with a won opportunity. `relationship: client` is free text the
    user may not keep up to date, and a won opportunity is what the value won is counted
    from, so the two numbers always agree.
    """

    entry: JournalEntry
    met: tuple[str, ...]  # contact slugs: first met there (`met_at`), then those it was `with`
    clients: tuple[str, ...]
    value_won: Decimal
    follow_ups: tuple[FollowUp, ...]  # written in the event's own entry

    @property
    def open_follow_ups(self) -> int:
        return sum(1 for f in self.follow_ups if not f.done)


def is_client(contact: Contact) -> bool:
    """Whether business was won from the contact (an opportunity with status `won`)."""
    return any(o.status is Status.WON for o in contact.opportunities)


def value_won(contact: Contact) -> Decimal:
    """The value of the contact's won opportunities (those with no value count as nothing)."""
    return sum(
        (o.value or Decimal(0) for o in contact.opportunities if o.status is Status.WON),
        Decimal(0),
    )


def event_reports(journal: Journal, today: date) -> tuple[EventReport, ...]:
    """Every past entry of kind `event`: most value won first, then most people met, newest.

    An event where nobody was met is kept, with zeros: it is a room that brought nothing.
    One dated after `today` is a plan, not a room you have been to, so it is left out.
    """
    met_at: dict[str, list[str]] = {}
    people = sorted(journal.contacts.values(), key=lambda c: (c.name.casefold(), c.slug))
    for contact in people:
        if isinstance(contact.met_at, EntryRef):
            met_at.setdefault(contact.met_at.slug, []).append(contact.slug)
    reports = []
    for entry in journal.entries:
        if (entry.kind or "").casefold() != EVENT or is_plan(entry, today):
            continue
        there = met_at.get(entry.slug, []) + [s for s in entry.with_ if s in journal.contacts]
        met = tuple(dict.fromkeys(there))
        contacts = [journal.contacts[slug] for slug in met]
        reports.append(
            EventReport(
                entry=entry,
                met=met,
                clients=tuple(c.slug for c in contacts if is_client(c)),
                value_won=sum((value_won(c) for c in contacts), Decimal(0)),
                follow_ups=entry.follow_ups,
            )
        )
    reports.sort(key=lambda r: r.entry.date, reverse=True)
    reports.sort(key=lambda r: (-r.value_won, -len(r.met)))  # stable: newest first in a tie
    return tuple(reports)
