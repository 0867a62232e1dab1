"""Which journal entries touched which contact, and when each was last touched."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from netjournal.model import Journal, JournalEntry


def touched(entry: JournalEntry) -> tuple[str, ...]:
    """The contacts an entry touches: those it is `with`, refers to or from, or introduces."""
    slugs = list(entry.with_)
    slugs += [referral.contact for referral in entry.referrals]
    slugs += [slug for pair in entry.introductions for slug in pair]
    return tuple(dict.fromkeys(slugs))


def is_solo(entry: JournalEntry) -> bool:
    """Whether the entry is a note to yourself: nobody in it (as `touched` counts) and no
    kind, like a daily note of thoughts. It is in the journal, but no networking done."""
    return not entry.kind and not touched(entry)


def is_plan(entry: JournalEntry, today: date) -> bool:
    """Whether the entry is a plan: dated after `today` (one dated today is today's touch)."""
    return entry.date > today


def touches(journal: Journal, today: date) -> dict[str, list[JournalEntry]]:
    """For each contact, the entries up to `today` that touched it, oldest first.

    Entries dated after `today` are plans, not touches, so they reset no cadence.
    """
    found: dict[str, list[JournalEntry]] = defaultdict(list)
    for entry in journal.entries:
        if not is_plan(entry, today):
            for slug in touched(entry):
                found[slug].append(entry)
    return dict(found)


@dataclass(frozen=True)
class TouchSummary:
    """How many times a contact was touched up to today, and the day of the last touch."""

    count: int
    last: date | None


def touch_summaries(journal: Journal, today: date) -> dict[str, TouchSummary]:
    """For each touched contact: its touches up to `today` and the last one's day."""
    return {
        slug: TouchSummary(len(entries), entries[-1].date)
        for slug, entries in touches(journal, today).items()
    }


def last_touches(journal: Journal, today: date) -> dict[str, date]:
    """The day each touched contact was last touched, up to `today`."""
    return {slug: s.last for slug, s in touch_summaries(journal, today).items() if s.last}


def planned_days(journal: Journal, today: date) -> dict[str, list[date]]:
    """For each contact, the days of the entries touching them dated after `today` (plans)."""
    found: dict[str, list[date]] = defaultdict(list)
    for entry in journal.entries:
        if is_plan(entry, today):
            for slug in touched(entry):
                found[slug].append(entry.date)
    return dict(found)
