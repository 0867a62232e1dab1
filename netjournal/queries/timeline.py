"""A relationship's history, and the journal's recent activity."""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from netjournal.model import (
    ContactRef,
    Direction,
    Journal,
    JournalEntry,
    Opportunity,
    Place,
    Referral,
)
from netjournal.queries.touches import is_solo


class Happening(enum.Enum):
    """What a timeline event records."""

    MET = "met"
    ENTRY = "entry"
    REFERRAL_GIVEN = "referral given"  # you sent them business
    REFERRAL_RECEIVED = "referral received"  # they sent you business
    REFERRED = "referred"  # they were the prospect of a referral
    INTRODUCED = "introduced"
    OPPORTUNITY = "opportunity"


@dataclass(frozen=True)
class TimelineEvent:
    """One dated thing in a relationship, linked to the journal entry it comes from if any."""

    date: date
    happening: Happening
    entry: JournalEntry | None = None
    referral: Referral | None = None
    opportunity: Opportunity | None = None
    other: str | None = None  # the other contact involved (introduced to, referred by…)
    met_at: Place | None = None  # where they first met


def timeline(journal: Journal, slug: str) -> list[TimelineEvent]:
    """Everything that involved the contact `slug`, newest first."""
    return timelines(journal).get(slug, [])


def timelines(journal: Journal) -> dict[str, list[TimelineEvent]]:
    """Every contact's timeline, newest first, in one pass over the journal."""
    events: dict[str, list[TimelineEvent]] = defaultdict(list)
    for contact in journal.contacts.values():
        if contact.met:
            events[contact.slug].append(
                TimelineEvent(contact.met, Happening.MET, met_at=contact.met_at)
            )
        events[contact.slug] += [
            TimelineEvent(o.date, Happening.OPPORTUNITY, opportunity=o)
            for o in contact.opportunities
            if o.date
        ]
    for entry in journal.entries:
        for slug, event in _entry_events(entry):
            events[slug].append(event)
    order = list(Happening)
    for history in events.values():
        history.sort(key=lambda e: (e.date, -order.index(e.happening)), reverse=True)
    return dict(events)


def _entry_events(entry: JournalEntry) -> Iterator[tuple[str, TimelineEvent]]:
    """(contact slug, event) for everything an entry records about each contact."""
    for slug in entry.with_:
        yield slug, TimelineEvent(entry.date, Happening.ENTRY, entry)
    for referral in entry.referrals:
        happening = (
            Happening.REFERRAL_GIVEN
            if referral.direction is Direction.GIVEN
            else Happening.REFERRAL_RECEIVED
        )
        yield referral.contact, TimelineEvent(entry.date, happening, entry, referral)
        if isinstance(referral.prospect, ContactRef):
            yield (
                referral.prospect.slug,
                TimelineEvent(
                    entry.date, Happening.REFERRED, entry, referral, other=referral.contact
                ),
            )
    for first, second in entry.introductions:
        yield first, TimelineEvent(entry.date, Happening.INTRODUCED, entry, other=second)
        yield second, TimelineEvent(entry.date, Happening.INTRODUCED, entry, other=first)


def kinds(entries: list[JournalEntry]) -> list[tuple[str, int]]:
    """How many entries of each kind, most common first."""
    return Counter(e.kind for e in entries if e.kind).most_common()


def recent_entries(journal: Journal, today: date, count: int = 8) -> list[JournalEntry]:
    """The latest `count` entries up to `today`, newest first, but notes to yourself (a
    daily note with nobody in it and no kind): the dashboard shows networking done."""
    past = [entry for entry in journal.entries if entry.date <= today and not is_solo(entry)]
    return past[::-1][:count]
