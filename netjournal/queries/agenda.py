"""What needs doing: open follow-ups by due date, and relationships past their cadence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from netjournal.model import Contact, ContactRef, EntryRef, FollowUp, Journal
from netjournal.queries.touches import last_touches, planned_days

SOON_DAYS = 7


@dataclass(frozen=True)
class DueFollowUp:
    """An open follow-up and how it stands on `today`: `days_late` < 0 means due in that many."""

    follow_up: FollowUp
    days_late: int


@dataclass(frozen=True)
class FollowUpAgenda:
    """Open follow-ups: overdue (most overdue first), due within a week, and later."""

    overdue: tuple[DueFollowUp, ...]
    soon: tuple[DueFollowUp, ...]
    later: tuple[DueFollowUp, ...]


@dataclass(frozen=True)
class GoingCold:
    """A contact whose cadence says a touch was due on `due`, `days_late` days before today."""

    contact: Contact
    last_touch: date
    due: date
    days_late: int


@dataclass(frozen=True)
class CadenceReport:
    """Contacts past their cadence (most overdue first) and those with a cadence never touched."""

    going_cold: tuple[GoingCold, ...]
    never_touched: tuple[Contact, ...]


@dataclass(frozen=True)
class KeepInTouch:
    """Where a contact stands against their cadence: `days_late` > 0 when a touch is overdue.

    `planned` is the day of the next plan with them when it falls inside their cadence
    counted from today: such a contact is not going cold, a touch is on its way.
    """

    last_touch: date | None
    next_due: date | None
    days_late: int = 0
    planned: date | None = None


def keep_in_touch(
    contact: Contact, last_touch: date | None, today: date, plans: Iterable[date] = ()
) -> KeepInTouch:
    """The next touch a contact's cadence asks for after `last_touch`, judged on `today`.

    `plans` are the days of entries with them dated after today, soonest first.
    """
    if contact.cadence is None:
        return KeepInTouch(last_touch, None)
    horizon = contact.cadence.next_due(today)
    planned = next((day for day in plans if today < day <= horizon), None)
    if last_touch is None:
        return KeepInTouch(last_touch, None, planned=planned)
    due = contact.cadence.next_due(last_touch)
    return KeepInTouch(last_touch, due, max(0, (today - due).days), planned)


def open_follow_ups(journal: Journal) -> list[FollowUp]:
    """Every follow-up not yet done, from contacts and journal entries."""
    found = [f for contact in journal.contacts.values() for f in contact.follow_ups]
    found += [f for entry in journal.entries for f in entry.follow_ups]
    return [f for f in found if not f.done]


def follow_up_agenda(journal: Journal, today: date) -> FollowUpAgenda:
    """Open follow-ups sorted into overdue, due within SOON_DAYS (today included), and later."""
    soon_end = today + timedelta(days=SOON_DAYS)
    due = sorted(
        (DueFollowUp(f, (today - f.due).days) for f in open_follow_ups(journal)),
        key=lambda d: (d.follow_up.due, d.follow_up.origin.slug, d.follow_up.what),
    )
    return FollowUpAgenda(
        overdue=tuple(d for d in due if d.follow_up.due < today),
        soon=tuple(d for d in due if today <= d.follow_up.due <= soon_end),
        later=tuple(d for d in due if d.follow_up.due > soon_end),
    )


def follow_ups_by_contact(journal: Journal, agenda: FollowUpAgenda) -> dict[str, list[DueFollowUp]]:
    """The open follow-ups that concern each contact, most urgent first.

    A follow-up concerns the contact it is written on, the contact named as `who`, and,
    when it names nobody, the contacts its journal entry was `with`.
    """
    people = {entry.slug: entry.with_ for entry in journal.entries}
    found: dict[str, list[DueFollowUp]] = {}
    for item in (*agenda.overdue, *agenda.soon, *agenda.later):
        f = item.follow_up
        named = f.who.slug if isinstance(f.who, ContactRef) else None
        if isinstance(f.origin, EntryRef):
            concerned = [named] if named else list(people.get(f.origin.slug, ()))
        else:
            concerned = [f.origin.slug] + ([named] if named and named != f.origin.slug else [])
        for slug in concerned:
            found.setdefault(slug, []).append(item)
    return found


def cadence_report(journal: Journal, today: date) -> CadenceReport:
    """Who is past their keep-in-touch cadence on `today`, and who has one but no touch yet.

    A contact with a plan inside their cadence (see `keep_in_touch`) is not going cold.
    """
    last = last_touches(journal, today)
    planned = planned_days(journal, today)
    cold, never = [], []
    for contact in journal.contacts.values():
        if contact.cadence is None:
            continue
        if contact.slug not in last:
            never.append(contact)
            continue
        status = keep_in_touch(contact, last[contact.slug], today, planned.get(contact.slug, ()))
        if status.days_late and status.next_due and not status.planned:
            cold.append(GoingCold(contact, last[contact.slug], status.next_due, status.days_late))
    cold.sort(key=lambda c: (-c.days_late, c.contact.name.lower()))
    never.sort(key=lambda c: c.name.lower())
    return CadenceReport(tuple(cold), tuple(never))
