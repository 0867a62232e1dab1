"""Strategy balance: where the time went next to where the business came from.

A networker's activities (events, one-to-ones, calls) are the time spent; won opportunities,
by source, are what it brought. Side by side, they show whether the mix of activities
matches where clients actually come from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from netjournal.model import Journal
from netjournal.queries.sources import SourceSummary, source_summaries
from netjournal.queries.touches import is_plan, is_solo

NO_KIND = "other (no kind)"  # entries with people in them whose file gives no `kind`


@dataclass(frozen=True)
class TimeSpent:
    """How many entries of one kind the journal holds over the period."""

    kind: str
    entries: int
    share: int  # percent of the period's entries, rounded


@dataclass(frozen=True)
class BusinessWon:
    """The won opportunities one source brought, and their value."""

    source: SourceSummary
    won: int
    value: Decimal
    share: int  # percent of all value won, rounded


@dataclass(frozen=True)
class StrategyBalance:
    """Time spent (entries by kind from `start` to `end`) next to business won by source."""

    start: date  # the first day counted
    end: date  # today: plans, dated after it, are not time spent yet
    time: tuple[TimeSpent, ...]  # most entries first
    business: tuple[BusinessWon, ...]  # most value first; sources that won nothing left out

    @property
    def entries(self) -> int:
        return sum(t.entries for t in self.time)

    @property
    def value(self) -> Decimal:
        return sum((b.value for b in self.business), Decimal(0))


def year_before(today: date) -> date:
    """The first day of the twelve months up to `today`: the day after its date a year ago."""
    try:
        a_year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February: a year ago there was none
        a_year_ago = today.replace(year=today.year - 1, day=28)
    return a_year_ago + timedelta(days=1)


def _percent(part: Decimal | int, whole: Decimal | int) -> int:
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1))) if whole else 0


def strategy_balance(journal: Journal, today: date) -> StrategyBalance:
    """Entries by kind over the twelve months up to `today` (plans and notes to yourself
    excluded: a daily note with nobody in it is no time spent networking), and the
    value won by each source (all time: a client won comes from the whole relationship)."""
    start = year_before(today)
    kinds = Counter(
        entry.kind or NO_KIND
        for entry in journal.entries
        if start <= entry.date and not is_plan(entry, today) and not is_solo(entry)
    )
    total = sum(kinds.values())
    time = tuple(
        TimeSpent(kind, count, _percent(count, total))
        for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0]))
    )
    summaries = [s for s in source_summaries(journal) if s.won]
    value = sum((s.value_won for s in summaries), Decimal(0))
    business = tuple(
        BusinessWon(s, len(s.won), s.value_won, _percent(s.value_won, value))
        for s in sorted(summaries, key=lambda s: (-s.value_won, -len(s.won), s.source.value))
    )
    return StrategyBalance(start, today, time, business)
