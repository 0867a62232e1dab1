"""The `due` report for the terminal, as text or JSON: layout only, the queries decide."""

from __future__ import annotations

import json
from datetime import date

from netjournal.model import Contact, ContactRef, EntryRef, FollowUp, Journal, Person, Text
from netjournal.queries import CadenceReport, DueFollowUp, FollowUpAgenda


def due_json(journal: Journal, today: date, agenda: FollowUpAgenda, cadence: CadenceReport) -> str:
    """The agenda as JSON for scripts: every date ISO, every contact by slug and name."""

    def follow_up(item: DueFollowUp) -> dict[str, object]:
        f = item.follow_up
        return {
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
    }
    return json.dumps(report, indent=2, ensure_ascii=False)


def due_text(journal: Journal, today: date, agenda: FollowUpAgenda, cadence: CadenceReport) -> str:
    """The agenda as plain text, one line per item, most urgent first."""
    lines = [f"As of {today}"]

    def section(title: str, rows: list[str]) -> None:
        lines.extend(["", f"{title} ({len(rows)})"])
        lines.extend(rows or ["  none"])

    section(
        "Overdue follow-ups", [_row(journal, d, f"{d.days_late}d late") for d in agenda.overdue]
    )
    section(
        "Due within 7 days",
        [
            _row(journal, d, "today" if d.days_late == 0 else f"in {-d.days_late}d")
            for d in agenda.soon
        ],
    )
    section("Later", [_row(journal, d, f"in {-d.days_late}d") for d in agenda.later])
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
    return "\n".join(lines)


def _row(journal: Journal, item: DueFollowUp, when: str) -> str:
    f = item.follow_up
    who = f" [{journal.name_of(f.who.slug)}]" if isinstance(f.who, ContactRef) else ""
    who = f" [{f.who.text}]" if isinstance(f.who, Text) else who
    return f"  {when:>10}  {f.due}  {f.what}{who}  ({_origin(journal, f)})"


def _origin(journal: Journal, f: FollowUp) -> str:
    if isinstance(f.origin, EntryRef):
        return f"journal: {f.origin.slug}"
    return f"contact: {journal.name_of(f.origin.slug)}"


def _person(person: Person | None) -> str | None:
    """A contact's slug, or the name as typed (JSON keeps the form it always had)."""
    if isinstance(person, ContactRef):
        return person.slug
    return person.text if person is not None else None


def _every(contact: Contact) -> str:
    return contact.cadence.every if contact.cadence else "no cadence"
