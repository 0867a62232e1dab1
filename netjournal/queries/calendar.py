"""What a calendar app should show: open follow-ups, plans and birthdays, as dated facts.

A static site cannot remind anyone; a calendar subscription can. Each item carries a UID
made only from what identifies it (its file, its words, its date), never from `today` or
the order of the files, so a calendar app that fetches the feed again updates an event
instead of adding a twin.
"""

from __future__ import annotations

import enum
import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from netjournal.model import Contact, ContactRef, EntryRef, FollowUp, Journal, JournalEntry, Text

PLAN_LENGTH = timedelta(hours=1)  # a plan with a time of day but no end: an hour, as apps do
_ONE_DAY = timedelta(days=1)


class ItemKind(enum.Enum):
    FOLLOW_UP = "follow-up"
    PLAN = "plan"
    BIRTHDAY = "birthday"


@dataclass(frozen=True)
class Yearly:
    """Every year on the start's day; with `month` and `month_day` (-1: its last day) instead.

    A 29 February birthday is `Yearly(2, -1)`: the last day of February, so the 29th in a
    leap year and the 28th otherwise, where a plain yearly rule would skip three years in four.
    """

    month: int | None = None
    month_day: int | None = None


@dataclass(frozen=True)
class CalendarItem:
    """One event of the feed. A `date` start is all-day, and `end` is the day after (exclusive).

    `busy` is false for reminders (follow-ups, birthdays), which should not block the day.
    """

    uid: str
    kind: ItemKind
    start: date | datetime
    end: date | datetime
    summary: str
    description: str
    recurrence: Yearly | None = None
    busy: bool = False


def calendar_items(journal: Journal, today: date, *, show_paths: bool = True) -> list[CalendarItem]:
    """Every open follow-up on its due day, every plan (an entry after `today`), every birthday.

    Overdue follow-ups stay on their due day, where they were missed. Done follow-ups and
    past entries are left out. `show_paths` puts the file each item comes from in its
    description: a public feed leaves them out, as a file's name may name someone private.
    Sorted by start, then UID, so the same journal gives the same feed.
    """
    describe = _Describer(journal, show_paths)
    items = _follow_ups(journal, describe)
    items += [_plan(entry, describe) for entry in journal.entries if entry.date > today]
    items += [
        _birthday(contact, describe) for contact in journal.contacts.values() if contact.birthday
    ]
    return sorted(items, key=lambda item: (_day(item.start), item.uid))


def item_uid(*parts: str) -> str:
    """A UID from what identifies an item: the same parts always give the same UID."""
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
    return f"{digest[:32]}@netjournal"


class _Describer:
    """Names and file paths, as the items' texts show them."""

    def __init__(self, journal: Journal, show_paths: bool) -> None:
        self.journal, self.show_paths = journal, show_paths
        self.entries = {entry.slug: entry for entry in journal.entries}

    def path_of(self, origin: ContactRef | EntryRef) -> str:
        if isinstance(origin, ContactRef):
            contact = self.journal.contacts.get(origin.slug)
            return contact.path if contact else origin.slug
        entry = self.entries.get(origin.slug)
        return entry.path if entry else origin.slug

    def names(self, slugs: tuple[str, ...]) -> list[str]:
        return [self.journal.name_of(slug) for slug in slugs]

    def concerned(self, follow_up: FollowUp) -> list[str]:
        """Whom a follow-up is about: `who`, else the contact it is written on, else the
        people its journal entry was with (as the site's contact pages count them)."""
        person = follow_up.concerns
        if isinstance(person, ContactRef):
            return self.names((person.slug,))
        if isinstance(person, Text):
            return [person.text]
        entry = self.entries.get(follow_up.origin.slug)
        return self.names(entry.with_) if entry else []

    def lines(self, *lines: str | None, path: str) -> str:
        shown = [line for line in lines if line]
        if self.show_paths:
            shown.append(f"In {path}")
        return "\n".join(shown)


def _follow_ups(journal: Journal, describe: _Describer) -> list[CalendarItem]:
    written = [f for contact in journal.contacts.values() for f in contact.follow_ups]
    written += [f for entry in journal.entries for f in entry.follow_ups]
    seen: Counter[tuple[str, str, date]] = Counter()
    items = []
    for follow_up in written:
        if follow_up.done:
            continue
        path = describe.path_of(follow_up.origin)
        key = (path, follow_up.what, follow_up.due)
        seen[key] += 1  # the same promise written twice in one file: two events, two UIDs
        copy = [] if seen[key] == 1 else [str(seen[key])]
        names = describe.concerned(follow_up)
        about = f" ({', '.join(names)})" if names else ""
        items.append(
            CalendarItem(
                uid=item_uid("follow-up", path, follow_up.what, follow_up.due.isoformat(), *copy),
                kind=ItemKind.FOLLOW_UP,
                start=follow_up.due,
                end=follow_up.due + _ONE_DAY,
                summary=f"Follow up: {follow_up.what}{about}",
                description=describe.lines(
                    f"Concerns: {', '.join(names)}" if names else None, path=path
                ),
            )
        )
    return items


def _plan(entry: JournalEntry, describe: _Describer) -> CalendarItem:
    start: date | datetime = entry.time if entry.time is not None else entry.date
    end = start + (PLAN_LENGTH if entry.time is not None else _ONE_DAY)
    names = describe.names(entry.with_)
    return CalendarItem(
        uid=item_uid("plan", entry.path),
        kind=ItemKind.PLAN,
        start=start,
        end=end,
        summary=entry.title,
        description=describe.lines(
            entry.kind.capitalize() if entry.kind else None,
            f"With: {', '.join(names)}" if names else None,
            path=entry.path,
        ),
        busy=True,
    )


def _birthday(contact: Contact, describe: _Describer) -> CalendarItem:
    birthday = contact.birthday
    assert birthday is not None
    # A year-less birthday starts in 2000, a leap year, so that 29 February is a real date.
    first = date(birthday.year or 2000, birthday.month, birthday.day)
    leap_day = (birthday.month, birthday.day) == (2, 29)
    return CalendarItem(
        uid=item_uid("birthday", contact.slug),
        kind=ItemKind.BIRTHDAY,
        start=first,
        end=first + _ONE_DAY,
        summary=f"Birthday: {contact.name}",
        description=describe.lines(
            f"Born {first.day} {first:%B %Y}" if birthday.year else None, path=contact.path
        ),
        recurrence=Yearly(2, -1) if leap_day else Yearly(),
    )


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment
