"""The numbers behind the site's charts: value won by source, touches per month, referrals
each way per partner.

Each function returns exactly what its chart draws and its "The numbers" table lists, so the
picture and the table can never disagree, and the tests check the numbers without drawing.
A touch is one contact touched by one entry dated up to `today` (as on a contact page): a
meeting with two people is two touches, so the sum of every contact's sparkline is the
journal's touches per month. Entries dated after `today` are plans, not touches.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from netjournal.model import Journal, Source
from netjournal.queries.sources import referral_ledger, source_summaries
from netjournal.queries.touches import touched, touches

MONTHS = 24  # the touches charts cover the 24 months ending with today's


@dataclass(frozen=True)
class SourceValue:
    """One bar of the value-won chart: a source, its won opportunities and their value."""

    source: Source
    won: int
    value: Decimal


@dataclass(frozen=True)
class MonthCount:
    """One column of a touches chart: a `YYYY-MM` month and its touches."""

    month: str
    touches: int


@dataclass(frozen=True)
class PartnerCount:
    """One pair of bars of the referrals chart: referrals given to and received from a partner."""

    partner: str  # a contact's slug, or the words as typed when it names no contact
    given: int
    received: int


def value_won_by_source(journal: Journal) -> tuple[SourceValue, ...]:
    """One row per source in the Source enum's order, or none when nothing was ever won.

    Every source is kept, a zero too: a source that brought nothing is part of the answer
    to "where do clients come from". A won opportunity with no value counts as won, worth 0.
    """
    rows = tuple(SourceValue(s.source, len(s.won), s.value_won) for s in source_summaries(journal))
    return rows if any(row.won for row in rows) else ()


def last_months(today: date, count: int = MONTHS) -> tuple[str, ...]:
    """The `count` months ending with `today`'s, oldest first, as `YYYY-MM`."""
    index = today.year * 12 + today.month - 1
    return tuple(f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1))


def touches_per_month(journal: Journal, today: date) -> tuple[MonthCount, ...]:
    """Touches in each of the last 24 months, zero months included; none when all are zero."""
    counted: Counter[str] = Counter()
    for entry in journal.entries:
        if entry.date <= today:
            counted[entry.month] += len(touched(entry))
    return _months(counted, today)


def contact_touches_per_month(journal: Journal, today: date) -> dict[str, tuple[MonthCount, ...]]:
    """For each contact touched in the last 24 months, its touches in each of them."""
    found = {}
    # Once, not once per contact; only the entries of the months shown are counted (5,000
    # contacts and 50,000 entries: a second and a half otherwise).
    shown = last_months(today)
    start = date.fromisoformat(f"{shown[0]}-01")
    for slug, entries in touches(journal, today).items():
        if slug in journal.contacts:
            counted = Counter(entry.month for entry in entries if entry.date >= start)
            months = _months(counted, today, shown) if counted else ()
            if months:
                found[slug] = months
    return found


def _months(
    counted: Counter[str], today: date, shown: tuple[str, ...] | None = None
) -> tuple[MonthCount, ...]:
    months = tuple(MonthCount(month, counted[month]) for month in shown or last_months(today))
    return months if any(m.touches for m in months) else ()


def referrals_per_partner(journal: Journal) -> tuple[PartnerCount, ...]:
    """Referrals given and received per partner, busiest first (as the ledger lists them)."""
    return tuple(
        PartnerCount(b.contact, len(b.given), len(b.received)) for b in referral_ledger(journal)
    )


def busiest_months(months: tuple[MonthCount, ...]) -> tuple[MonthCount, ...]:
    """The months with the most touches, oldest first; none when there was no touch."""
    most = max((m.touches for m in months), default=0)
    return tuple(m for m in months if most and m.touches == most)
