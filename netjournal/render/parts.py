"""View models of the pages a large journal is split into: a long month's summary and its
parts, and the contacts index by letter with each letter's pages (see `places`)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from datetime import date

from netjournal import queries
from netjournal.model import Contact, FollowUp, JournalEntry, Stage
from netjournal.queries.stage import by_stage
from netjournal.render.places import LetterPage, MonthPart
from netjournal.render.views import ContactRow, Facts, Month, contact_row

PEOPLE_SHOWN = 5  # the people a month's summary names for each part


@dataclass(frozen=True)
class PartRow:
    part: MonthPart
    people: int  # how many people its entries name
    most_met: tuple[str, ...]  # the people its entries name most, most first
    kinds: list[tuple[str, int]]


@dataclass(frozen=True)
class MonthSummary:
    """A month too long for one page: what it holds, and a link to each part."""

    month: Month  # its events, needs and neighbours, as on a month's page (no entries)
    parts: tuple[PartRow, ...]
    entries: int


def month_summary(month: Month, parts: tuple[MonthPart, ...]) -> MonthSummary:
    rows = []
    for part in parts:
        met = Counter(slug for entry in part.entries for slug in entry.with_)
        most = sorted(met, key=lambda slug: (-met[slug], slug))[:PEOPLE_SHOWN]
        rows.append(PartRow(part, len(met), tuple(most), queries.kinds(list(part.entries))))
    # Its events, needs and neighbours as a month's page shows them; its entries are in parts.
    shown = dataclasses.replace(month, entries=())
    return MonthSummary(shown, tuple(rows), len(month.entries))


@dataclass(frozen=True)
class MonthPartPage:
    """Some days of a long month: their entries, as a month's page shows them."""

    part: MonthPart
    parts: int  # how many parts the month has
    entries: tuple[JournalEntry, ...]
    overdue: frozenset[FollowUp]
    today: date

    @property
    def previous(self) -> MonthPart | None:
        return None if self.part.number == 1 else _numbered(self.part, self.part.number - 1)

    @property
    def next(self) -> MonthPart | None:
        return (
            None if self.part.number == self.parts else _numbered(self.part, self.part.number + 1)
        )


def _numbered(part: MonthPart, number: int) -> MonthPart:
    """A neighbour of `part`, for its address only (its entries are not needed)."""
    return MonthPart(part.month, number, ())


def month_part(facts: Facts, part: MonthPart, parts: int) -> MonthPartPage:
    return MonthPartPage(part, parts, part.entries, facts.overdue, facts.today)


@dataclass(frozen=True)
class LetterRow:
    page: LetterPage
    first: str  # the first and last names on the page
    last: str
    going_cold: int  # its contacts past their cadence
    overdue: int  # its contacts with an overdue follow-up


@dataclass(frozen=True)
class ContactLetters:
    """The contacts index of a large journal: a row per letter page, counts per stage."""

    contacts: int
    letters: tuple[LetterRow, ...]
    stages: dict[Stage, int]
    credibility_touches: int


def contact_letters(facts: Facts, pages: tuple[LetterPage, ...]) -> ContactLetters:
    cold = {item.contact.slug for item in facts.cadence.going_cold}
    late = {
        slug
        for slug, items in facts.follow_ups.items()
        if any(item.follow_up in facts.overdue for item in items)  # as the agenda says
    }
    people = [contact for page in pages for contact in page.contacts]
    rows = tuple(
        LetterRow(
            page,
            page.contacts[0].name,
            page.contacts[-1].name,
            sum(1 for c in page.contacts if c.slug in cold),
            sum(1 for c in page.contacts if c.slug in late),
        )
        for page in pages
    )
    stages = {stage: len(found) for stage, found in by_stage(people, facts.stages).items()}
    return ContactLetters(len(people), rows, stages, facts.credibility_touches)


@dataclass(frozen=True)
class LetterContacts:
    """One letter page: its contacts' rows, as the contacts index shows them."""

    page: LetterPage
    rows: tuple[ContactRow, ...]
    stages: tuple[Stage, ...]  # in the order the table's stage column sorts by
    previous: LetterPage | None  # the page of the index before this one, and after
    next: LetterPage | None


def letter_contacts(
    facts: Facts, page: LetterPage, pages: tuple[LetterPage, ...] = ()
) -> LetterContacts:
    """`page` of the contacts index, with the pages before and after it among `pages` (a
    letter's next page, else the next letter's first), so a reader can walk the index."""
    people: list[Contact] = list(page.contacts)
    at = next((i for i, other in enumerate(pages) if other is page), -1)
    return LetterContacts(
        page,
        tuple(contact_row(facts, contact) for contact in people),
        tuple(by_stage(people, facts.stages)),
        pages[at - 1] if at > 0 else None,
        pages[at + 1] if 0 <= at < len(pages) - 1 else None,
    )
