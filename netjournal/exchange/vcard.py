"""vCards in and out: the people of a .vcf file as contact fields, and contacts as vCard 3.0.

Read: Google's and Apple's 3.0 (with `item1.` groups and year-less birthdays written
`--0412` or `1604-04-12;X-APPLE-OMIT-YEAR=1604`) and Outlook's 2.1 (quoted-printable,
bare types). Written: 3.0, which Google, Apple and Outlook all read; a year-less birthday
as `--MMDD` (RFC 6350's form, which Google writes and reads).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import vobject

from netjournal.exchange import vcard_lines
from netjournal.exchange.people import (
    ImportedContact,
    ImportedFile,
    RowProblem,
    clean_notes,
    clean_text,
    unique,
)
from netjournal.exchange.vcard_lines import Card, components, listed, text
from netjournal.model import Birthday, Contact
from netjournal.read.values import FIRST_YEAR

# Google's own groups, which say nothing about the person ("Friends", "Family" and
# "Coworkers" are Google's too, but someone chose them: they are kept as tags).
_SYSTEM_GROUPS = frozenset({"mycontacts", "starred"})
_DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?", re.ASCII)
_YEARLESS = re.compile(r"--(\d{2})-?(\d{2})", re.ASCII)


class NotVCards(ValueError):
    """The text has no BEGIN:VCARD line: it is not a vCard file (a CSV, a picture…)."""


def read_vcards(source: str) -> ImportedFile:
    """Everyone in the text of a .vcf file, in file order; a problem for each card unread.

    NotVCards when no card even begins, so a wrong file is not reported as "0 contacts".
    """
    found, problems = vcard_lines.cards(source)
    if not found and not problems:  # a card that begins is found, or reported unfinished
        raise NotVCards("no BEGIN:VCARD line: is this a vCard file (.vcf)?")
    result = ImportedFile(problems=problems)
    for card in found:
        fields, notes = _fields(card)
        if not fields.get("name"):
            result.problems.append(RowProblem(card.line, "this card has no name (FN or N)"))
        else:
            result.contacts.append(ImportedContact(card.line, fields, notes))
    result.problems.sort(key=lambda p: p.line)
    return result


def _fields(card: Card) -> tuple[dict[str, Any], str]:
    fields: dict[str, Any] = {"name": _name(card)}
    org = card.first("ORG")
    if org is not None:
        fields["company"] = clean_text(next((c for c in components(org) if c.strip()), ""))
    title = card.first("TITLE")
    if title is not None:
        fields["title"] = clean_text(text(title))
    location = _location(card)
    if location:
        fields["location"] = location
    for key, name in (("email", "EMAIL"), ("phone", "TEL"), ("url", "URL")):
        values = unique([clean_text(text(p)) for p in _preferred_first(card, name)])
        if values:
            fields[key] = values
    tags = [clean_text(tag) for p in card.all("CATEGORIES") for tag in listed(p)]
    tags = unique([t for t in tags if t.casefold() not in _SYSTEM_GROUPS])
    if tags:
        fields["tags"] = tags
    bday = card.first("BDAY")
    if bday is not None:
        omitted = bday.params.get("X-APPLE-OMIT-YEAR", [])
        fields["birthday"] = birthday(text(bday).strip(), omitted[0] if omitted else None)
    notes = "\n\n".join(clean_notes(text(p)) for p in card.all("NOTE"))
    return {k: v for k, v in fields.items() if v}, notes.strip("\n")


def _name(card: Card) -> str:
    formatted = card.first("FN")
    name = clean_text(text(formatted)) if formatted is not None else ""
    structured = card.first("N")
    if not name and structured is not None:
        # N is family;given;additional;prefix;suffix; a name is written prefix given … family
        parts = (components(structured) + [""] * 5)[:5]
        family, given, additional, prefix, suffix = parts
        name = clean_text(" ".join([prefix, given, additional, family]))
        if suffix.strip():
            name = f"{name}, {clean_text(suffix)}"
    return name


def _preferred_first(card: Card, name: str) -> list[vcard_lines.Property]:
    found = card.all(name)
    return sorted(found, key=lambda p: "PREF" not in p.types() and "PREF" not in p.params)


def _location(card: Card) -> str:
    """The town of the first address (or its country), which is what `location` holds."""
    for prop in _preferred_first(card, "ADR"):
        parts = ([clean_text(p) for p in components(prop)] + [""] * 7)[:7]
        town, region, country = parts[3], parts[4], parts[6]
        if town:
            return town
        if region or country:
            return region or country
    return ""


def birthday(value: str, omitted_year: str | None = None) -> Birthday | str:
    """`1980-02-29`, `19800229`, `--0412`, `--04-12`, or Apple's `1604-04-12` with the year
    marked omitted, as a Birthday; anything else as typed, for the writer to refuse."""
    yearless = _YEARLESS.fullmatch(value)
    if yearless:
        month, day = int(yearless[1]), int(yearless[2])
        return Birthday(month, day) if _real(2000, month, day) else value
    full = _DAY.fullmatch(value)
    if not full:
        return value
    year, month, day = int(full[1]), int(full[2]), int(full[3])
    if not _real(year if year >= FIRST_YEAR else 2000, month, day):
        return value
    if full[1] == omitted_year or year < FIRST_YEAR:
        # Apple's 1604 (and others' 0000 or 1900-less years) stand for "year unknown"
        return Birthday(month, day)
    return Birthday(month, day, year)


def _real(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


_UID = "urn:netjournal:contact:"


def is_vcard_export(head: bytes) -> bool:
    """Whether a file starting with `head` is a vCard export netjournal wrote."""
    return head.startswith(b"BEGIN:VCARD") and f"UID:{_UID}".encode() in head[:200]


def vcards(contacts: Iterable[Contact]) -> str:
    """The contacts as one vCard 3.0 each, in the order given, with CRLF line ends."""
    return "".join(_card(contact).serialize() for contact in contacts)


def _card(contact: Contact) -> Any:
    card = vobject.vCard()
    card.add("uid").value = f"{_UID}{contact.slug}"
    card.add("fn").value = contact.name
    family, given, suffix = _split_name(contact.name)
    card.add("n").value = vobject.vcard.Name(family=family, given=given, suffix=suffix)
    if contact.company:
        card.add("org").value = [contact.company]
    if contact.title:
        card.add("title").value = contact.title
    if contact.location:
        card.add("adr").value = vobject.vcard.Address(city=contact.location)
    for email in contact.emails:
        line = card.add("email")
        line.value, line.type_param = email, "INTERNET"
    for phone in contact.phones:
        card.add("tel").value = phone
    for url in contact.urls:
        card.add("url").value = url
    if contact.birthday is not None:
        card.add("bday").value = vcard_birthday(contact.birthday)
    if contact.tags:
        card.add("categories").value = list(contact.tags)
    if contact.body:
        card.add("note").value = contact.body
    return card


def vcard_birthday(day: Birthday) -> str:
    """`1980-02-29`, or `--0412` when the year is unknown."""
    if day.year is None:
        return f"--{day.month:02d}{day.day:02d}"
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _split_name(name: str) -> tuple[str, str, str]:
    """`(family, given, suffix)`: `Ann Lee, PhD` → Lee, Ann, PhD; one word is a given name."""
    main, _, suffix = name.partition(",")
    words = main.split()
    if len(words) < 2:
        return "", main.strip(), suffix.strip()
    return words[-1], " ".join(words[:-1]), suffix.strip()
