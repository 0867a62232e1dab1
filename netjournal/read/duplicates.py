"""Two contact files that look like one person: a shared email or phone, or the same name.

A warning, not an error: namesakes are real (two people called Li Wei), and a shared office
phone is common. It names both files, so the user can merge them or leave them be. Namesakes
with different emails or different web addresses are two people, as `netjournal import`
decides, and get no warning for their name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from netjournal.diagnostics import Problem, fold
from netjournal.model import Contact
from netjournal.read.front_matter import Document

# Fewer digits than this is an extension or a typo, not a number worth comparing.
MIN_PHONE_DIGITS = 7

# Where a contact's keys are in its file: `{key: (line, column)}`, with `email`/`phone`
# also keyed by `email.<index>` for one item of a list.
Places = Mapping[str, tuple[int, int]]


def key_places(document: Document, contact: Contact) -> dict[str, tuple[int, int]]:
    """Where `contact`'s name, emails and phones are in its file, for `duplicate_contacts`."""
    found = {"name": document.place(("name",))}
    for key, values in (("email", contact.emails), ("phone", contact.phones)):
        found[key] = document.place((key,))
        found.update({f"{key}.{i}": document.place((key, i)) for i in range(len(values))})
    return found


@dataclass(frozen=True)
class _Shared:
    """One thing two contacts share: the key, the item's index in it, and the words to show."""

    key: str
    index: int
    shown: str


def phone_digits(phone: str) -> str:
    """A phone number compared by its digits, without leading zeros (a trunk prefix).

    `+1 555 0100`, `1-555-0100` and `(555) 0100` give `15550100`, `15550100`, `5550100`;
    `020 7946 0958` gives `2079460958`. See `same_phone` for how two are compared.
    """
    return "".join(c for c in phone if c.isascii() and c.isdigit()).lstrip("0")


def same_phone(one: str, other: str) -> bool:
    """Whether two phone numbers are one number, written with or without the country code.

    Digits only, leading zeros dropped (`phone_digits`), and the shorter must end the longer:
    `+44 20 7946 0958` and `020 7946 0958`, or `+1 555 0100` and `(555) 0100`. Comparing a
    fixed number of last digits instead would miss the second pair (the country code is part
    of a short number's last 9 digits) and match different numbers that end alike.
    """
    a, b = sorted((phone_digits(one), phone_digits(other)), key=len)
    return len(a) >= MIN_PHONE_DIGITS and b.endswith(a)


def duplicate_contacts(
    contacts: Mapping[str, Contact], places: Mapping[str, Places]
) -> list[Problem]:
    """An NJ116 warning for each pair of contacts that look like one person.

    Reported once per pair, on the file whose slug sorts later, at the first thing shared,
    naming the other file and everything the two share. Contacts are grouped by email, by
    the last digits of each phone and by folded name, so a thousand contacts are not
    compared pair by pair.
    """
    shared: dict[tuple[str, str], list[_Shared]] = defaultdict(list)
    for first, second, item in _pairs(contacts):
        if item not in shared[(first, second)]:
            shared[(first, second)].append(item)
    problems = []
    for (first, second), items in sorted(shared.items()):
        other, later = contacts[first], contacts[second]
        where = places.get(second, {})
        item = items[0]
        line, column = where.get(f"{item.key}.{item.index}", where.get(item.key, (1, 1)))
        shown = [i.shown for i in items]
        what = ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]
        problems.append(
            Problem(
                "NJ116",
                later.path,
                f"{item.key}: {later.name} may be the same person as {other.name} in "
                f"{other.path}: both have {what}; if they are one person, merge the two "
                "files into one; if not, nothing needs doing",
                line,
                column,
            )
        )
    return problems


def _pairs(contacts: Mapping[str, Contact]) -> list[tuple[str, str, _Shared]]:
    """(earlier slug, later slug, what they share) for every pair that shares something."""
    groups: dict[tuple[str, str], list[tuple[str, _Shared]]] = defaultdict(list)
    for slug, contact in sorted(contacts.items()):
        seen: set[tuple[str, str]] = set()  # one contact listing one email twice is no pair
        for index, email in enumerate(contact.emails):
            group = ("email", email.strip().casefold())
            if group[1] and group not in seen:
                seen.add(group)
                groups[group].append((slug, _Shared("email", index, f"the email {email}")))
        for index, phone in enumerate(contact.phones):
            digits = phone_digits(phone)
            group = ("phone", digits[-MIN_PHONE_DIGITS:])
            if len(digits) >= MIN_PHONE_DIGITS and group not in seen:
                seen.add(group)
                groups[group].append((slug, _Shared("phone", index, f"the phone number {phone}")))
        name = fold(contact.name)
        if name:
            shown = f"a name that differs only in capitals, accents or spacing ({contact.name})"
            groups[("name", name)].append((slug, _Shared("name", 0, shown)))
    found = []
    for (kind, _), members in groups.items():
        for i, (first, _) in enumerate(members):
            for second, item in members[i + 1 :]:
                if kind == "phone" and not _same_phones(contacts, first, second, item):
                    continue
                if kind == "name" and _told_apart(contacts[first], contacts[second]):
                    continue
                if kind == "name":
                    both = (contacts[first].name, contacts[second].name)
                    item = _Shared("name", 0, _names_shown(*both))
                found.append((first, second, item))
    return found


def _same_phones(contacts: Mapping[str, Contact], first: str, second: str, item: _Shared) -> bool:
    """Whether `item`, a phone of `second`, is one of `first`'s numbers (not only its ending)."""
    phone = contacts[second].phones[item.index]
    return any(same_phone(phone, other) for other in contacts[first].phones)


def _told_apart(one: Contact, other: Contact) -> bool:
    """Whether namesakes are shown to be two people: each has an email, or each a web
    address, and they share none (as `netjournal import` decides it)."""
    for mine, theirs in ((one.emails, other.emails), (one.urls, other.urls)):
        folded = {value.strip().casefold().rstrip("/") for value in mine}
        if mine and theirs and not folded & {v.strip().casefold().rstrip("/") for v in theirs}:
            return True
    return False


def _names_shown(first: str, second: str) -> str:
    if first == second:
        return f"the name {second}"
    return f"names that differ only in capitals, accents or spacing ({first}, {second})"
