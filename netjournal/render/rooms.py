"""View models of the needs board and the events page: the queries' answers, counted."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from netjournal.queries.events import EventReport, event_reports
from netjournal.queries.needs import SUGGESTIONS, Need, needs_board
from netjournal.render.views import Facts

NEEDS = "needs.md"
EVENTS = "events.md"


@dataclass(frozen=True)
class NeedsBoard:
    needs: tuple[Need, ...]
    matched: int  # needs with at least one suggestion
    shown: int = SUGGESTIONS  # suggestions shown per need


def needs(facts: Facts) -> NeedsBoard:
    board = needs_board(facts.journal)
    return NeedsBoard(board, sum(1 for need in board if need.suggestions))


@dataclass(frozen=True)
class Events:
    events: tuple[EventReport, ...]  # most value won first
    met: int
    clients: int
    value_won: Decimal


def events(facts: Facts) -> Events:
    reports = event_reports(facts.journal, facts.today)
    return Events(
        reports,
        sum(len(r.met) for r in reports),
        sum(len(r.clients) for r in reports),
        sum((r.value_won for r in reports), Decimal(0)),
    )
