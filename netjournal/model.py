"""The journal as data: frozen records read from the user's files. No I/O, no formatting."""

from __future__ import annotations

import calendar
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType


class Source(enum.Enum):
    """How a contact (or an opportunity) came to you."""

    REFERRAL = "referral"
    NETWORK_REFERRAL = "network-referral"
    SELF_REFERRAL = "self-referral"
    MARKETING_RESPONSE = "marketing-response"
    REPUTATION_RESPONSE = "reputation-response"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


class Status(enum.Enum):
    """Where an opportunity or a referral stands."""

    OPEN = "open"
    WON = "won"
    LOST = "lost"


class Direction(enum.Enum):
    """Which way a referral went."""

    GIVEN = "given"
    RECEIVED = "received"


class Stage(enum.Enum):
    """How far a relationship has come (the VCP process): known, trusted, or doing business."""

    VISIBILITY = "visibility"
    CREDIBILITY = "credibility"
    PROFITABILITY = "profitability"


class Unit(enum.Enum):
    DAYS = "d"
    WEEKS = "w"
    MONTHS = "m"
    YEARS = "y"


@dataclass(frozen=True)
class Cadence:
    """A keep-in-touch interval, e.g. every 2 weeks or every 3 months."""

    count: int
    unit: Unit
    text: str

    @property
    def every(self) -> str:
        """In words: `every 2 weeks`, `every month`."""
        unit = {Unit.DAYS: "day", Unit.WEEKS: "week", Unit.MONTHS: "month", Unit.YEARS: "year"}
        name = unit[self.unit]
        return f"every {name}" if self.count == 1 else f"every {self.count} {name}s"

    def next_due(self, last: date) -> date:
        """The day the next touch is due after a touch on `last` (calendar months and years)."""
        if self.unit is Unit.DAYS:
            return last + timedelta(days=self.count)
        if self.unit is Unit.WEEKS:
            return last + timedelta(weeks=self.count)
        months = self.count * (12 if self.unit is Unit.YEARS else 1)
        return add_months(last, months)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))


@dataclass(frozen=True)
class Birthday:
    """A birthday; the year may be unknown (written `--MM-DD`)."""

    month: int
    day: int
    year: int | None = None


@dataclass(frozen=True)
class ContactRef:
    """A contact named by its slug (checked: such a contact exists)."""

    slug: str


@dataclass(frozen=True)
class EntryRef:
    """A journal entry named by its slug (checked: such an entry exists)."""

    slug: str


@dataclass(frozen=True)
class Text:
    """Words as typed that name no record: someone or somewhere outside the journal."""

    text: str


# A value that names a contact when it can, else is text; resolved once, by the reader.
Person = ContactRef | Text
Place = EntryRef | Text
Origin = ContactRef | EntryRef


@dataclass(frozen=True)
class Property:
    """A key of a file that netjournal has no use for, kept to show under "More".

    `key` is as written; each value is words as typed, or the record a wikilink names.
    """

    key: str
    values: tuple[ContactRef | EntryRef | Text, ...]


ReadAs = tuple[tuple[str, str], ...]  # (a key as written, the netjournal key it was read as)


@dataclass(frozen=True)
class FollowUp:
    """Something you promised to do, where you wrote it down, and whether it is done."""

    what: str
    due: date
    origin: Origin  # the journal entry or contact whose file holds it
    who: Person | None = None
    done: bool = False
    done_on: date | None = None
    line: int = 0  # where it starts in its file, for `due` to point at; 0 if not from a file
    task: bool = False  # a task line (`- [ ] …`) in the notes, not an item of `follow_ups:`

    @property
    def concerns(self) -> Person | None:
        """Whom it is about: `who`, else the contact whose file holds it."""
        if self.who is not None:
            return self.who
        return self.origin if isinstance(self.origin, ContactRef) else None


@dataclass(frozen=True)
class Opportunity:
    """Work that may come (or came) from a contact."""

    title: str
    date: date | None
    status: Status
    contact: str
    value: Decimal | None = None
    source: Source | None = None
    referred_by: str | None = None


@dataclass(frozen=True)
class Referral:
    """A referral written down in a journal entry: given to a contact or received from one."""

    direction: Direction
    contact: str
    entry: str
    date: date
    prospect: Person | None = None
    note: str | None = None
    value: Decimal | None = None
    status: Status | None = None


@dataclass(frozen=True)
class Contact:
    """One person in `contacts/`."""

    slug: str
    path: str  # relative to the journal's root, with forward slashes
    name: str
    company: str | None = None
    title: str | None = None
    location: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    met: date | None = None
    met_at: Place | None = None
    introduced_by: str | None = None
    source: Source | None = None
    referred_by: str | None = None
    relationship: str | None = None
    cadence: Cadence | None = None
    opportunities: tuple[Opportunity, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    birthday: Birthday | None = None
    needs: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    stage: Stage | None = None  # as the file sets it; None: derived from the record
    private: bool = False
    body: str = ""
    aliases: tuple[str, ...] = ()  # other names they go by (Obsidian's `aliases`)
    links: tuple[Origin, ...] = ()  # the records its wikilinks name, in notes or properties
    company_contact: str | None = None  # the contact `company` is, when a wikilink names one
    more: tuple[Property, ...] = ()  # the file's other keys, shown as written
    read_as: ReadAs = ()  # keys read under netjournal's names (`Company` as company)


@dataclass(frozen=True)
class JournalEntry:
    """One meeting, call, event or note in `journal/`."""

    slug: str
    path: str
    date: date
    title: str
    time: datetime | None = None  # set when the entry gives a time of day
    kind: str | None = None
    with_: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    referrals: tuple[Referral, ...] = ()
    introductions: tuple[tuple[str, str], ...] = ()
    private: bool = False
    body: str = ""
    links: tuple[Origin, ...] = ()  # the records its wikilinks name, in notes or properties
    more: tuple[Property, ...] = ()  # the file's other keys, shown as written
    read_as: ReadAs = ()  # keys read under netjournal's names (`people` as with)

    @property
    def month(self) -> str:
        """The `YYYY-MM` month page this entry appears on."""
        return f"{self.date:%Y-%m}"


@dataclass(frozen=True)
class Journal:
    """Every contact and journal entry; entries are sorted oldest first."""

    contacts: Mapping[str, Contact] = field(default_factory=lambda: MappingProxyType({}))
    entries: tuple[JournalEntry, ...] = ()

    def name_of(self, slug: str) -> str:
        """The contact's name, or the text itself when it names no contact."""
        contact = self.contacts.get(slug)
        return contact.name if contact else slug
