"""Contacts as rows, for a spreadsheet (CSV) or a script (JSON): fields and computed facts.

One row per contact, sorted by name: the contact's fields as in its file, then what the
journal says about them on `today` (touches, last touch, days since, the next touch their
cadence asks for, the next open follow-up).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from netjournal.model import Birthday, Contact, ContactRef, EntryRef, Journal, Text
from netjournal.queries.agenda import follow_up_agenda, follow_ups_by_contact, keep_in_touch
from netjournal.queries.touches import touch_summaries

FIELD_COLUMNS = (
    *("slug", "name", "company", "title", "location", "email", "phone", "url", "tags"),
    *("met", "met_at", "introduced_by", "source", "referred_by", "relationship", "cadence"),
    *("birthday", "needs", "offers", "private", "notes"),
)
FACT_COLUMNS = (
    *("touches", "last_touch", "days_since_last_touch", "next_touch_due"),
    *("next_follow_up", "next_follow_up_due"),
)
COLUMNS = FIELD_COLUMNS + FACT_COLUMNS
# What a spreadsheet takes for the start of a formula (or, for tab and CR, a new cell).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def contact_rows(journal: Journal, today: date) -> list[dict[str, Any]]:
    """One row per contact, by name: JSON values (text, numbers, lists, true/false or null)."""
    summaries = touch_summaries(journal, today)
    concerning = follow_ups_by_contact(journal, follow_up_agenda(journal, today))
    rows = []
    for contact in sorted(journal.contacts.values(), key=lambda c: (c.name.casefold(), c.slug)):
        row = _fields(contact)
        summary = summaries.get(contact.slug)
        last = summary.last if summary else None
        standing = keep_in_touch(contact, last, today)
        follow_ups = concerning.get(contact.slug, [])
        first = follow_ups[0].follow_up if follow_ups else None
        row |= {
            "touches": summary.count if summary else 0,
            "last_touch": _day(last),
            "days_since_last_touch": (today - last).days if last else None,
            "next_touch_due": _day(standing.next_due),
            "next_follow_up": first.what if first else None,
            "next_follow_up_due": _day(first.due) if first else None,
        }
        rows.append(row)
    return rows


def _fields(contact: Contact) -> dict[str, Any]:
    return {
        "slug": contact.slug,
        "name": contact.name,
        "company": contact.company,
        "title": contact.title,
        "location": contact.location,
        "email": list(contact.emails),
        "phone": list(contact.phones),
        "url": list(contact.urls),
        "tags": list(contact.tags),
        "met": _day(contact.met),
        "met_at": _place(contact.met_at),
        "introduced_by": contact.introduced_by,
        "source": contact.source.value if contact.source else None,
        "referred_by": contact.referred_by,
        "relationship": contact.relationship,
        "cadence": contact.cadence.text if contact.cadence else None,
        "birthday": birthday_text(contact.birthday),
        "needs": list(contact.needs),
        "offers": list(contact.offers),
        "private": contact.private,
        "notes": contact.body or None,
    }


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _place(place: ContactRef | EntryRef | Text | None) -> str | None:
    if isinstance(place, Text):
        return place.text
    return place.slug if place is not None else None


def birthday_text(birthday: Birthday | None) -> str | None:
    """`1980-02-29`, or `--04-12` when the year is unknown, as in a contact's file."""
    if birthday is None:
        return None
    if birthday.year is None:
        return f"--{birthday.month:02d}-{birthday.day:02d}"
    return f"{birthday.year:04d}-{birthday.month:02d}-{birthday.day:02d}"


def is_csv_export(head: bytes) -> bool:
    """Whether a file starting with `head` is a CSV export netjournal wrote: its header."""
    return head.startswith(",".join(COLUMNS).encode() + b"\r\n")


def is_json_export(head: bytes) -> bool:
    """Whether a file starting with `head` is a JSON export netjournal wrote."""
    return head.startswith(b"[]") or head.startswith(b'[\n  {\n    "slug": ')


def json_text(rows: list[dict[str, Any]]) -> str:
    """The rows as a JSON list of objects, every column present (null when empty)."""
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def csv_text(rows: list[dict[str, Any]]) -> str:
    """The rows as CSV with a header, safe to open in a spreadsheet.

    Lists are joined with "; ", true/false written `true`/`false`, and every cell that
    starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe
    (see `spreadsheet_safe`).
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([spreadsheet_safe(_cell(row.get(column))) for column in COLUMNS])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def spreadsheet_safe(cell: str) -> str:
    """The cell with a leading `'` when it starts like a formula (CSV injection).

    Excel, LibreOffice and Google Sheets run a cell starting with `=`, `+`, `-` or `@` as a
    formula (`=HYPERLINK(…)` in a name would become a link that sends data away); a leading
    tab or carriage return can hide such a start. The apostrophe, OWASP's advice, makes the
    spreadsheet take the cell as text: `'+1 555 0142` is a phone number, not a sum.
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
