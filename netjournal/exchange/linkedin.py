"""LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data) as contacts.

The file opens with a few "Notes:" lines, then the header
`First Name,Last Name,URL,Email Address,Company,Position,Connected On`; the header is found
by its columns, not by its line, since LinkedIn has changed the notes before.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import date
from typing import Any

from netjournal.exchange.people import ImportedContact, ImportedFile, RowProblem, clean_text

TAG = "linkedin"  # where they came from, so they can be found (`source` is how work came)
_COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "profile url": "url",
    "email address": "email",
    "company": "company",
    "position": "title",
    "connected on": "met",
}
_NEEDED = frozenset({"first", "last"})
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_CONNECTED = re.compile(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_JOINERS = frozenset("\u200d\ufe0e\ufe0f\u20e3")  # zero-width joiner, emoji selectors, keycap


class NotConnections(ValueError):
    """The file has no header row LinkedIn's export has: it is not Connections.csv."""


def read_connections(source: str) -> ImportedFile:
    """Everyone in the text of Connections.csv, in file order; a problem for each row unread.

    NotConnections when no row has at least the First Name and Last Name columns.
    """
    reader = csv.reader(io.StringIO(source, newline=""))
    columns: dict[str, int] | None = None
    result = ImportedFile()
    line = 1
    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            if columns is None:
                columns = _header(row)
                continue
            if not any(cell.strip() for cell in row):
                continue
            contact = _contact(start, row, columns)
            if isinstance(contact, RowProblem):
                result.problems.append(contact)
            else:
                result.contacts.append(contact)
    except csv.Error as error:
        result.problems.append(RowProblem(reader.line_num, f"the CSV cannot be read: {error}"))
    if columns is None:
        raise NotConnections(
            "no header row 'First Name,Last Name,URL,Email Address,Company,Position,"
            "Connected On' was found: is this LinkedIn's Connections.csv?"
        )
    return result


def _header(row: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = _COLUMNS.get(" ".join(cell.casefold().split()))
        if key is not None and key not in found:
            found[key] = index
    return found if found.keys() >= _NEEDED else None


def _contact(line: int, row: list[str], columns: dict[str, int]) -> ImportedContact | RowProblem:
    def cell(key: str) -> str:
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else ""

    first, last = without_emoji(cell("first")), without_emoji(cell("last"))
    # Chinese, Japanese and Korean names are written family name first, with no space
    name = last + first if _east_asian(first + last) else clean_text(f"{first} {last}")
    if not name:
        return RowProblem(line, "this row has no name (First Name and Last Name are empty)")
    fields: dict[str, Any] = {"name": name}
    for key in ("company", "title"):
        fields[key] = clean_text(cell(key))
    for key in ("email", "url"):
        value = clean_text(cell(key))
        fields[key] = [value] if value else []
    fields["tags"] = [TAG]
    connected = clean_text(cell("met"))
    if connected:
        fields["met"] = connected_on(connected)
    return ImportedContact(line, {k: v for k, v in fields.items() if v})


def _east_asian(name: str) -> bool:
    return bool(name) and all(
        "\u1100" <= c <= "\u11ff"  # Hangul Jamo
        or "\u3040" <= c <= "\u30ff"  # kana
        or "\u3400" <= c <= "\u9fff"  # Han
        or "\uac00" <= c <= "\ud7af"  # Hangul syllables
        for c in name
    )


def without_emoji(name: str) -> str:
    """The name without the pictures some put in it (`🚀 Jane` → `Jane`), spaces tidied."""
    kept = "".join(
        c
        for c in name
        if unicodedata.category(c) != "So"
        and c not in _JOINERS
        and not "\U0001f3fb" <= c <= "\U0001f3ff"  # skin tones
    )
    return clean_text(kept)


def connected_on(value: str) -> date | str:
    """`07 Dec 2025` (or `2025-12-07`) as a date; anything else as typed, for the writer to
    refuse with the reader's own sentence."""
    match = _CONNECTED.fullmatch(value)
    try:
        if match and match[2].casefold() in _MONTHS:
            return date(int(match[3]), _MONTHS[match[2].casefold()], int(match[1]))
        iso = _ISO.fullmatch(value)
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
    except ValueError:
        pass
    return value
