"""A relationship's history, and the journal's recent activity."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from ..model import Direction, Journal, JournalEntry, Opportunity, Referral
from .touches import touched


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


def timeline(journal: Journal, slug: str) -> list[TimelineEvent]:
    """Everything that involved the contact `slug`, newest first."""
    events: list[TimelineEvent] = []
    contact = journal.contacts.get(slug)
    if contact is not None:
        if contact.met:
            events.append(TimelineEvent(contact.met, Happening.MET, other=contact.met_at))
        events += [
            TimelineEvent(o.date, Happening.OPPORTUNITY, opportunity=o)
            for o in contact.opportunities
            if o.date
        ]
    for entry in journal.entries:
        events += _entry_events(entry, slug)
    order = list(Happening)
    events.sort(key=lambda e: (e.date, -order.index(e.happening)), reverse=True)
    return events


def _entry_events(entry: JournalEntry, slug: str) -> list[TimelineEvent]:
    events = []
    if slug in entry.with_:
        events.append(TimelineEvent(entry.date, Happening.ENTRY, entry))
    for referral in entry.referrals:
        if referral.contact == slug:
            happening = (
                Happening.REFERRAL_GIVEN
                if referral.direction is Direction.GIVEN
                else Happening.REFERRAL_RECEIVED
            )
            events.append(TimelineEvent(entry.date, happening, entry, referral))
        if referral.prospect == slug:
            events.append(
                TimelineEvent(
                    entry.date, Happening.REFERRED, entry, referral, other=referral.contact
                )
            )
    for pair in entry.introductions:
        if slug in pair:
            other = pair[1] if pair[0] == slug else pair[0]
            events.append(TimelineEvent(entry.date, Happening.INTRODUCED, entry, other=other))
    if not events and slug in touched(entry):
        events.append(TimelineEvent(entry.date, Happening.ENTRY, entry))
    return events


def recent_entries(journal: Journal, today: date, count: int = 8) -> list[JournalEntry]:
    """The latest `count` entries up to `today`, newest first."""
    past = [entry for entry in journal.entries if entry.date <= today]
    return past[::-1][:count]
