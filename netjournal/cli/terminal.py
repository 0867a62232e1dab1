"""The `due` report for the terminal, as text or JSON: layout only, the queries decide."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from netjournal.model import Contact, ContactRef, EntryRef, FollowUp, Journal, Person, Text
from netjournal.queries import CadenceReport, DueFollowUp, FollowUpAgenda
from netjournal.queries.birthdays import BIRTHDAY_DAYS, readable_day, upcoming_birthdays
from netjournal.queries.follow_up_ids import follow_up_ids, origin_paths
from netjournal.render.words import count, soon_window


def due_json(journal: Journal, today: date, agenda: FollowUpAgenda, cadence: CadenceReport) -> str:
    """The agenda as JSON for scripts: every date ISO, every contact by slug and name, every
    follow-up with the id `netjournal done` takes and the file and line it is written on."""
    ids, paths = follow_up_ids(journal), origin_paths(journal)

    def follow_up(item: DueFollowUp) -> dict[str, object]:
        f = item.follow_up
        return {
            "id": ids[f],
            "path": paths[f.origin],
            "line": f.line,
            "what": f.what,
            "due": f.due.isoformat(),
            "days_late": item.days_late,
            "who": _person(f.who),
            "noted_in": {
                "kind": "entry" if isinstance(f.origin, EntryRef) else "contact",
                "slug": f.origin.slug,
            },
        }

    report = {
        "today": today.isoformat(),
        "overdue": [follow_up(d) for d in agenda.overdue],
        "soon": [follow_up(d) for d in agenda.soon],
        "later": [follow_up(d) for d in agenda.later],
        "going_cold": [
            {
                "contact": c.contact.slug,
                "name": c.contact.name,
                "cadence": c.contact.cadence.text if c.contact.cadence else None,
                "last_touch": c.last_touch.isoformat(),
                "due": c.due.isoformat(),
                "days_late": c.days_late,
            }
            for c in cadence.going_cold
        ],
        "never_touched": [
            {"contact": c.slug, "name": c.name, "cadence": c.cadence.text if c.cadence else None}
            for c in cadence.never_touched
        ],
        "birthdays": [
            {
                "contact": b.contact.slug,
                "name": b.contact.name,
                "day": b.day.isoformat(),
                "in_days": b.in_days,
                "age": b.age,
            }
            for b in upcoming_birthdays(journal, today)
        ],
    }
    return json.dumps(report, indent=2, ensure_ascii=False)


def due_text(
    journal: Journal,
    today: date,
    agenda: FollowUpAgenda,
    cadence: CadenceReport,
    *,
    where: Callable[[str], str] = str,
) -> str:
    """The agenda as plain text, one line per item, most urgent first.

    Each follow-up ends with `path:line`, which editors and terminals open at the line (its
    path, relative to the journal, shown by `where`: as it opens from the current folder),
    and shows the short id that `netjournal done` takes.
    """
    lines = [f"As of {today}"]
    ids, paths = follow_up_ids(journal), origin_paths(journal)
    width = max((len(i) for i in ids.values()), default=0)

    def row(item: DueFollowUp, when: str) -> str:
        f = item.follow_up
        place = f"{where(paths[f.origin])}:{f.line}"
        return f"  {when:>10}  {f.due}  {ids[f]:<{width}}  {f.what}{_who(journal, f)}  {place}"

    def section(title: str, rows: list[str]) -> None:
        lines.extend(["", f"{title} ({len(rows)})"])
        lines.extend(rows or ["  none"])

    section("Overdue follow-ups", [row(d, f"{d.days_late}d late") for d in agenda.overdue])
    section(
        soon_window(),
        [row(d, "today" if d.days_late == 0 else f"in {-d.days_late}d") for d in agenda.soon],
    )
    section("Later", [row(d, f"in {-d.days_late}d") for d in agenda.later])
    section(
        "Past their cadence",
        [
            f"  {c.days_late:>4}d late  {c.contact.name} ({_every(c.contact)}, "
            f"last touch {c.last_touch})"
            for c in cadence.going_cold
        ],
    )
    section(
        "With a cadence, never touched",
        [f"  {c.name} ({_every(c)})" for c in cadence.never_touched],
    )
    section(
        f"Birthdays in the next {count(BIRTHDAY_DAYS, 'day')}",
        [
            f"  {b.when:>10}  {readable_day(b.day)}  {b.contact.name}"
            + (f", turns {b.age}" if b.age else "")
            for b in upcoming_birthdays(journal, today)
        ],
    )
    return "\n".join(lines)


def _who(journal: Journal, f: FollowUp) -> str:
    """` [Jane Doe]`: whom it concerns, the contact named in `who` or whose file holds it."""
    concerns = f.concerns
    if isinstance(concerns, ContactRef):
        return f" [{journal.name_of(concerns.slug)}]"
    return f" [{concerns.text}]" if isinstance(concerns, Text) else ""


def _person(person: Person | None) -> str | None:
    """A contact's slug, or the name as typed (JSON keeps the form it always had)."""
    if isinstance(person, ContactRef):
        return person.slug
    return person.text if person is not None else None


def _every(contact: Contact) -> str:
    return contact.cadence.every if contact.cadence else "no cadence"
