"""One view model per page: pure functions from the journal's facts to what a page shows.

The queries decide (what is overdue, who brought whom); a view gathers their answers for
one page, already cut and counted, so its template only lays them out.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Generic, TypeVar

from netjournal import queries
from netjournal.model import Contact, FollowUp, Journal, JournalEntry, Opportunity, Stage
from netjournal.queries.agenda import SOON_DAYS
from netjournal.queries.backlinks import Backlinks, backlinks
from netjournal.queries.birthdays import BIRTHDAY_DAYS, UpcomingBirthday, upcoming_birthdays
from netjournal.queries.charts import (
    MonthCount,
    PartnerCount,
    SourceValue,
    contact_touches_per_month,
    referrals_per_partner,
    touches_per_month,
    value_won_by_source,
)
from netjournal.queries.events import EVENT
from netjournal.queries.ledger import (
    PartnerLedger,
    ReferralLedger,
    ReferralMonth,
    referral_ledger_of,
)
from netjournal.queries.network import Network, Origin, network
from netjournal.queries.plans import (
    BeforeYouMeet,
    Meetings,
    before_you_meet,
    meetings,
    plans,
    plans_by_contact,
)
from netjournal.queries.stage import DEFAULT_CREDIBILITY_TOUCHES, ContactStage, by_stage, stages
from netjournal.queries.strategy import StrategyBalance, strategy_balance
from netjournal.read.history import Change
from netjournal.read.wikilinks import Resolver
from netjournal.render.places import PAGE_LIMIT

T = TypeVar("T")
DASHBOARD_ROWS = 5  # rows of each dashboard table; the rest is on the follow-ups page
RECENT_ENTRIES = 8


@dataclass(frozen=True)
class Cut(Generic[T]):
    """The first rows of a list, and how many more there are."""

    shown: tuple[T, ...]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.shown)


def cut(items: tuple[T, ...] | list[T], rows: int) -> Cut[T]:
    return Cut(tuple(items[:rows]), len(items))


@dataclass(frozen=True)
class OpportunityRow:
    opportunity: Opportunity
    referred_by: str | None  # its own referrer, else its contact's


@dataclass(frozen=True)
class ContactRow:
    contact: Contact
    touches: int
    last_touch: date | None
    brought_by: str | None
    stage: ContactStage


class Facts:
    """The queries' answers for the whole site, each worked out once, when a page first
    needs it: a contact's page does not pay for the referrals chart, nor the dashboard for
    every contact's sparkline (`serve` renders the pages a save touches first)."""

    def __init__(
        self,
        journal: Journal,
        today: date,
        credibility_touches: int,
        resolver: Callable[[], Resolver] | None = None,
    ) -> None:
        self.journal = journal
        self.today = today
        self.credibility_touches = credibility_touches  # touches to reach credibility
        self.resolver = resolver  # the journal's wikilink resolver, when the site has one

    @cached_property
    def touches(self) -> dict[str, queries.TouchSummary]:
        return queries.touch_summaries(self.journal, self.today)

    @cached_property
    def agenda(self) -> queries.FollowUpAgenda:
        return queries.follow_up_agenda(self.journal, self.today)

    @cached_property
    def cadence(self) -> queries.CadenceReport:
        return queries.cadence_report(self.journal, self.today)

    @cached_property
    def sources(self) -> list[queries.SourceSummary]:
        return queries.source_summaries(self.journal)

    @cached_property
    def ledger(self) -> list[queries.ReferralBalance]:
        return queries.referral_ledger(self.journal)

    @cached_property
    def timelines(self) -> dict[str, list[queries.TimelineEvent]]:
        return queries.timelines(self.journal)

    @cached_property
    def follow_ups(self) -> dict[str, list[queries.DueFollowUp]]:
        return queries.follow_ups_by_contact(self.journal, self.agenda)

    @cached_property
    def balances(self) -> dict[str, queries.ReferralBalance]:
        return {balance.contact: balance for balance in self.ledger}

    @cached_property
    def overdue(self) -> frozenset[FollowUp]:
        return frozenset(item.follow_up for item in self.agenda.overdue)

    @cached_property
    def plans(self) -> dict[str, tuple[JournalEntry, ...]]:
        """Each contact's entries after today."""
        return plans_by_contact(self.journal, self.today)

    @cached_property
    def referrals(self) -> ReferralLedger:
        """The referral ledger page and each contact's ledger line."""
        return referral_ledger_of(self.journal, self.today)

    @cached_property
    def network(self) -> Network:
        """Who brought whom."""
        return network(self.journal)

    @cached_property
    def stages(self) -> dict[str, ContactStage]:
        return stages(self.journal, self.today, self.credibility_touches)

    @cached_property
    def birthdays(self) -> tuple[UpcomingBirthday, ...]:
        return tuple(upcoming_birthdays(self.journal, self.today))

    @cached_property
    def strategy(self) -> StrategyBalance:
        """Time spent by kind next to business won by source."""
        return strategy_balance(self.journal, self.today)

    @cached_property
    def touches_by_month(self) -> dict[str, tuple[MonthCount, ...]]:
        """Each contact's sparkline."""
        return contact_touches_per_month(self.journal, self.today)

    @cached_property
    def backlinks(self) -> dict[str, Backlinks]:
        """Who links to each contact by wikilink."""
        return backlinks(self.journal)

    @cached_property
    def meetings(self) -> Meetings:
        """Each contact's last meeting and referrals, for "before you meet"."""
        return meetings(self.journal, self.today, self.resolver() if self.resolver else None)

    @cached_property
    def months(self) -> tuple[str, ...]:
        """Every `YYYY-MM` that has entries, oldest first."""
        return tuple(sorted({entry.month for entry in self.journal.entries}))


def facts(
    journal: Journal,
    today: date,
    credibility_touches: int = DEFAULT_CREDIBILITY_TOUCHES,
    resolver: Callable[[], Resolver] | None = None,
) -> Facts:
    """Everything the pages need to know about `journal` as of `today` (worked out lazily);
    `resolver` gives the journal's wikilink resolver, when the site makes one anyway."""
    return Facts(journal, today, credibility_touches, resolver)


@dataclass(frozen=True)
class Dashboard:
    today: date
    contacts: int
    entries: int
    overdue: Cut[queries.DueFollowUp]
    soon: Cut[queries.DueFollowUp]
    soon_days: int
    going_cold: Cut[queries.GoingCold]
    never_touched: tuple[str, ...]
    recent: tuple[JournalEntry, ...]
    sources: list[queries.SourceSummary]
    referrals_given: int
    referrals_received: int
    coming_up: Cut[JournalEntry]  # plans, soonest first
    birthdays: tuple[UpcomingBirthday, ...]
    birthday_days: int
    strategy: StrategyBalance
    calendar_feed: str | None = None  # the site's calendar feed, when it publishes one


def dashboard(facts: Facts, calendar_feed: str | None = None) -> Dashboard:
    given, received = queries.referral_totals(facts.ledger)
    return Dashboard(
        today=facts.today,
        contacts=len(facts.journal.contacts),
        entries=len(facts.journal.entries),
        overdue=cut(facts.agenda.overdue, DASHBOARD_ROWS),
        soon=cut(facts.agenda.soon, DASHBOARD_ROWS),
        soon_days=SOON_DAYS,
        going_cold=cut(facts.cadence.going_cold, DASHBOARD_ROWS),
        never_touched=tuple(c.slug for c in facts.cadence.never_touched),
        recent=tuple(queries.recent_entries(facts.journal, facts.today, RECENT_ENTRIES)),
        sources=facts.sources,
        referrals_given=given,
        referrals_received=received,
        coming_up=cut(plans(facts.journal, facts.today), DASHBOARD_ROWS),
        birthdays=facts.birthdays,
        birthday_days=BIRTHDAY_DAYS,
        strategy=facts.strategy,
        calendar_feed=calendar_feed,
    )


@dataclass(frozen=True)
class FollowUps:
    today: date
    agenda: queries.FollowUpAgenda
    cadence: queries.CadenceReport
    soon_days: int
    birthdays: tuple[UpcomingBirthday, ...]
    birthday_days: int


def follow_ups(facts: Facts) -> FollowUps:
    return FollowUps(
        facts.today, facts.agenda, facts.cadence, SOON_DAYS, facts.birthdays, BIRTHDAY_DAYS
    )


@dataclass(frozen=True)
class Contacts:
    rows: tuple[ContactRow, ...]  # by name
    stages: dict[Stage, tuple[Contact, ...]]  # every stage, its contacts by name
    credibility_touches: int


def contacts(facts: Facts) -> Contacts:
    people = sorted(facts.journal.contacts.values(), key=lambda c: c.name)
    return Contacts(
        tuple(contact_row(facts, contact) for contact in people),
        by_stage(people, facts.stages),
        facts.credibility_touches,
    )


def contact_row(facts: Facts, contact: Contact) -> ContactRow:
    touched = facts.touches.get(contact.slug, queries.TouchSummary(0, None))
    return ContactRow(
        contact,
        touched.count,
        touched.last,
        queries.brought_by(contact),
        facts.stages[contact.slug],
    )


@dataclass(frozen=True)
class MonthRow:
    month: str
    entries: int
    kinds: list[tuple[str, int]]


@dataclass(frozen=True)
class JournalIndex:
    entries: int
    months: tuple[MonthRow, ...]  # newest first
    touches: tuple[MonthCount, ...] = ()  # the chart: the last 24 months, oldest first


def months(journal: Journal) -> dict[str, list[JournalEntry]]:
    """The entries of each `YYYY-MM` month, oldest first within a month."""
    found: dict[str, list[JournalEntry]] = defaultdict(list)
    for entry in journal.entries:
        found[entry.month].append(entry)
    return dict(found)


def journal_index(facts: Facts) -> JournalIndex:
    by_month = sorted(months(facts.journal).items(), reverse=True)
    rows = tuple(MonthRow(m, len(e), queries.kinds(e)) for m, e in by_month)
    touches = touches_per_month(facts.journal, facts.today)
    return JournalIndex(len(facts.journal.entries), rows, touches)


@dataclass(frozen=True)
class Month:
    month: str
    entries: tuple[JournalEntry, ...]
    overdue: frozenset[FollowUp]  # the open follow-ups past their due date
    today: date  # entries after it are plans, marked as such
    events: tuple[JournalEntry, ...] = ()  # its events that happened: a line links /events/
    needs: tuple[str, ...] = ()  # contacts met that month who have needs: links /needs/
    previous: str | None = None  # the month before it that has entries, if any
    next: str | None = None  # the month after it that has entries, if any


def month_page(facts: Facts, month: str, entries: list[JournalEntry]) -> Month:
    at = bisect.bisect_left(facts.months, month)  # the months with entries, one list per site
    before, after = facts.months[:at], facts.months[bisect.bisect_right(facts.months, month) :]
    past = [entry for entry in entries if entry.date <= facts.today]
    people = dict.fromkeys(slug for entry in past for slug in entry.with_)
    contacts = facts.journal.contacts
    return Month(
        month,
        tuple(entries),
        facts.overdue,
        facts.today,
        events=tuple(e for e in past if (e.kind or "").casefold() == EVENT),  # as on /events/
        needs=tuple(slug for slug in people if slug in contacts and contacts[slug].needs),
        previous=before[-1] if before else None,
        next=after[0] if after else None,
    )


@dataclass(frozen=True)
class Sources:
    sources: list[queries.SourceSummary]
    ledger: list[queries.ReferralBalance]
    strategy: StrategyBalance
    value_won: tuple[SourceValue, ...] = ()  # the chart: one bar per source


def sources(facts: Facts) -> Sources:
    return Sources(facts.sources, facts.ledger, facts.strategy, value_won_by_source(facts.journal))


@dataclass(frozen=True)
class SourcePage:
    summary: queries.SourceSummary
    contacts: tuple[ContactRow, ...]
    opportunities: tuple[OpportunityRow, ...]


def source(facts: Facts, summary: queries.SourceSummary) -> SourcePage:
    return SourcePage(
        summary,
        tuple(contact_row(facts, contact) for contact in summary.contacts),
        tuple(_opportunity_row(facts.journal, o) for o in summary.opportunities),
    )


def _opportunity_row(journal: Journal, opportunity: Opportunity) -> OpportunityRow:
    contact = journal.contacts[opportunity.contact]
    return OpportunityRow(opportunity, queries.opportunity_referrer(opportunity, contact))


# The mark drawn on the timeline for each kind of entry (an icon, with the kind in words
# beside it); a kind not listed here gets the plain entry mark.
ENTRY_MARKS = {
    "meeting": "meeting",
    "one-to-one": "one-to-one",
    "1-2-1": "one-to-one",
    "call": "call",
    "email": "email",
    "message": "message",
    "meal": "meal",
    "coffee": "coffee",
    "note": "note",
    "event": "event",
}


def timeline_mark(event: queries.TimelineEvent) -> str:
    """The timeline mark of `event`: one of a fixed set of words, never the user's text."""
    if event.happening is queries.Happening.ENTRY and event.entry is not None:
        return ENTRY_MARKS.get((event.entry.kind or "").casefold(), "entry")
    return event.happening.name.lower().replace("_", "-")  # met, referral-given, …


@dataclass(frozen=True)
class MarkedEvent:
    event: queries.TimelineEvent
    mark: str  # see `timeline_mark`


@dataclass(frozen=True)
class TimelineYear:
    year: int
    events: tuple[MarkedEvent, ...]  # newest first


def timeline_years(events: tuple[queries.TimelineEvent, ...]) -> tuple[TimelineYear, ...]:
    """`events` (newest first) grouped by year, newest year first."""
    years: dict[int, list[MarkedEvent]] = defaultdict(list)
    for event in events:
        years[event.date.year].append(MarkedEvent(event, timeline_mark(event)))
    return tuple(TimelineYear(year, tuple(marked)) for year, marked in years.items())


@dataclass(frozen=True)
class ContactPage:
    contact: Contact
    touches: int
    status: queries.KeepInTouch
    timeline: tuple[queries.TimelineEvent, ...]  # newest first
    balance: queries.ReferralBalance | None
    follow_ups: tuple[queries.DueFollowUp, ...]  # open ones, most urgent first
    opportunities: tuple[OpportunityRow, ...]
    coming_up: tuple[JournalEntry, ...]  # plans with them, soonest first
    before: BeforeYouMeet
    stage: ContactStage
    ledger: PartnerLedger | None = None  # referrals both ways and the business they brought
    origin: Origin | None = None  # the chain of people that brought them, if any
    history: tuple[Change, ...] = ()  # recent git changes of their file, newest first
    sparkline: tuple[MonthCount, ...] = ()  # touches in each of the last 24 months
    linked_from: Backlinks = field(default_factory=Backlinks)  # who links to them by wikilink

    @property
    def timeline_years(self) -> tuple[TimelineYear, ...]:
        """The timeline as the page draws it: by year, newest first, each event marked."""
        return timeline_years(self.timeline)

    @property
    def plan_marks(self) -> tuple[MarkedEvent, ...]:
        """The plans with them, soonest first, marked as the timeline marks entries."""
        return tuple(
            MarkedEvent(event, timeline_mark(event))
            for event in (
                queries.TimelineEvent(entry.date, queries.Happening.ENTRY, entry)
                for entry in self.coming_up
            )
        )


def contact_page(facts: Facts, contact: Contact, history: tuple[Change, ...] = ()) -> ContactPage:
    touched = facts.touches.get(contact.slug, queries.TouchSummary(0, None))
    coming_up = facts.plans.get(contact.slug, ())
    planned = [entry.date for entry in coming_up]
    follow_ups = facts.follow_ups.get(contact.slug, [])
    return ContactPage(
        contact=contact,
        touches=touched.count,
        status=queries.keep_in_touch(contact, touched.last, facts.today, planned),
        # A plan is listed under "Coming up", never in the history as if it had happened.
        timeline=tuple(
            event
            for event in facts.timelines.get(contact.slug, [])
            if event.entry is None or event.entry not in coming_up
        ),
        balance=facts.balances.get(contact.slug),
        follow_ups=tuple(follow_ups),
        opportunities=tuple(_opportunity_row(facts.journal, o) for o in contact.opportunities),
        coming_up=coming_up,
        before=before_you_meet(facts.journal, contact, facts.today, follow_ups, facts.meetings),
        ledger=facts.referrals.partner(contact.slug),
        origin=facts.network.origins.get(contact.slug),
        stage=facts.stages[contact.slug],
        history=history,
        sparkline=facts.touches_by_month.get(contact.slug, ()),
        linked_from=facts.backlinks.get(contact.slug, Backlinks()),
    )


@dataclass(frozen=True)
class Referrals:
    ledger: ReferralLedger
    partners: tuple[PartnerCount, ...]  # the chart: given and received per partner
    months: tuple[ReferralMonth, ...] = ()  # the newest months, about `limit` referrals
    earlier: int = 0  # the referrals of the months left out, on their journal pages


def referrals(facts: Facts, limit: int = PAGE_LIMIT) -> Referrals:
    """The ledger, its months cut once about `limit` referrals are shown (newest first)."""
    shown: list[ReferralMonth] = []
    listed = 0
    for month in facts.referrals.months:
        if listed >= limit:
            break
        shown.append(month)
        listed += len(month.referrals)
    earlier = sum(len(m.referrals) for m in facts.referrals.months[len(shown) :])
    return Referrals(facts.referrals, referrals_per_partner(facts.journal), tuple(shown), earlier)


@dataclass(frozen=True)
class NetworkPage:
    network: Network
    trees: int  # how many separate trees the outline holds
    people: int  # how many people the outline holds


def network_page(facts: Facts) -> NetworkPage:
    outline = facts.network.outline
    return NetworkPage(facts.network, sum(1 for row in outline if row.depth == 0), len(outline))
