"""New contacts and journal entries from what was typed on the command line.

Each function gives the file's place (relative to its folder) and its text, made by
`contact_text` / `entry_text`, so it reads back as written; or raises Unwritable with a
sentence naming the option to change. Nothing here touches the disk: the caller says which
slugs are taken.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from netjournal.diagnostics import did_you_mean, fold
from netjournal.model import Contact
from netjournal.read.fields import slug_text
from netjournal.read.values import BadValue, parse_source
from netjournal.write.front_matter import Unwritable, contact_text, entry_text
from netjournal.write.slugs import free_slug, slug_for

RESERVED_CONTACT_SLUGS = frozenset({"index"})  # the site's list of contacts
MAX_SUGGESTED = 5  # contacts suggested for a slug that names none; more would be a list


@dataclass(frozen=True)
class NewFile:
    """A file to create: where, relative to the contacts or journal folder, and its text."""

    place: str
    text: str


@dataclass(frozen=True)
class NewContact:
    """What `netjournal new contact` was given."""

    name: str
    slug: str | None = None
    company: str | None = None
    source: str | None = None
    introduced_by: str | None = None
    tags: Sequence[str] = ()
    emails: Sequence[str] = ()
    phones: Sequence[str] = ()


def new_contact(
    wanted: NewContact, contacts: Mapping[str, Contact], taken: Collection[str], folder: str
) -> NewFile:
    """The file `contacts/<slug>.md` for a new contact.

    `taken` are the slugs of every file in the contacts folder (lowercased: `Jane.md` takes
    `jane`); `folder` is how that folder is shown in messages.
    """
    name = wanted.name.strip()
    if not name:
        raise Unwritable('the name is empty: write the person\'s name, like "Jane Doe"')
    slug = wanted.slug if wanted.slug is not None else slug_for(name)
    if wanted.slug is not None and slug_for(slug) != slug:
        raise Unwritable(
            f"--slug {slug!r} is not a slug: use lowercase letters a-z, digits and hyphens, "
            f"like {slug_for(slug) or 'jane-doe'!r}"
        )
    if not slug:
        raise Unwritable(
            f"the name {name!r} gives no file name (it has no letter or digit): "
            "choose one with --slug, like --slug jane-doe"
        )
    unavailable = {s.casefold() for s in taken} | RESERVED_CONTACT_SLUGS
    if slug.casefold() in unavailable:
        free = free_slug(slug, unavailable)
        why = "is the site's list of contacts" if slug in RESERVED_CONTACT_SLUGS else "exists"
        raise Unwritable(
            f"{folder}/{slug}.md {why}: netjournal never replaces a file. If this is "
            f"someone else, give them another file name with --slug {free}"
        )
    fields: dict[str, Any] = {
        "name": name,
        "company": wanted.company,
        "email": list(wanted.emails),
        "phone": list(wanted.phones),
        "tags": list(wanted.tags),
        "introduced_by": _contact(wanted.introduced_by, "--introduced-by", contacts),
        "source": _source(wanted.source),
    }
    text = contact_text(slug, fields, contacts=contacts)
    return NewFile(f"{slug}.md", text)


def _source(typed: str | None) -> Any:
    if typed is None:
        return None
    try:
        return parse_source(typed)
    except BadValue as bad:
        raise Unwritable(f"--source: {bad.message}") from None


def _contact(typed: str | None, option: str, contacts: Mapping[str, Contact]) -> str | None:
    """The slug of the contact `typed` names; refused, with the closest one, when none."""
    if typed is None:
        return None
    slug = slug_text(typed.strip())
    if slug in contacts:
        return slug
    raise Unwritable(f"{option} {typed!r}: {unknown_contact(slug, contacts)}")


def unknown_contact(typed: str, contacts: Mapping[str, Contact]) -> str:
    """Why `typed` names no contact, with the closest slugs: by spelling, by name, or the
    contacts whose slug or name holds it (`maria` finds `maria-chen`)."""
    hint = did_you_mean(typed, contacts)
    if not hint:
        by_name: dict[str, str] = {}
        for slug, contact in sorted(contacts.items()):
            by_name.setdefault(fold(contact.name), slug)
        closest = by_name.get(fold(typed))
        if closest is None:
            found = did_you_mean(fold(typed), by_name)
            closest = next((s for f, s in by_name.items() if found == _hint(f)), None)
        hint = _hint(closest) if closest else _holding(fold(typed), contacts)
    return f"no contact has this slug{hint}: write the contact's file name without '.md'"


def _holding(folded: str, contacts: Mapping[str, Contact]) -> str:
    """` (did you mean 'a' or 'b'?)` for the few contacts whose slug or name holds `folded`."""
    found = sorted(
        slug
        for slug, contact in contacts.items()
        if folded and (folded in fold(slug) or folded in fold(contact.name))
    )
    if not found or len(found) > MAX_SUGGESTED:
        return ""
    return f" (did you mean {' or '.join(repr(slug) for slug in found)}?)"


def _hint(choice: str) -> str:
    return f" (did you mean '{choice}'?)"  # as did_you_mean words it


@dataclass(frozen=True)
class NewEntry:
    """What `netjournal log` was given, its dates already resolved."""

    title: str
    day: date
    kind: str | None = None
    with_: Sequence[str] = ()
    follow_ups: Sequence[tuple[str, date]] = ()  # what, due
    private: bool = False


def new_entry(wanted: NewEntry, contacts: Mapping[str, Contact], taken: Collection[str]) -> NewFile:
    """The file `journal/YYYY/YYYY-MM-DD-<title>.md` for a new entry.

    The layout of the sample journal: one folder per year, the file named after the date
    and the title (`2026-11-23-coffee-with-jane.md`); a title with no letter or digit is
    named after the kind, else `entry`. `taken` are the slugs of every entry file
    (lowercased); a taken name gets `-2`, `-3`…
    """
    title = wanted.title.strip()
    if not title:
        raise Unwritable('the title is empty: say what happened, like "Coffee with Jane"')
    with_ = [_contact(slug, "--with", contacts) or "" for slug in wanted.with_]
    words = title if slug_for(title) else (wanted.kind or "entry")
    slug = free_slug(f"{wanted.day.isoformat()} {words}", {s.casefold() for s in taken})
    fields: dict[str, Any] = {
        "date": wanted.day,
        "title": title,
        "kind": wanted.kind,
        "with": list(dict.fromkeys(with_)),  # a person named twice is there once
        "follow_ups": [{"what": what, "due": due} for what, due in wanted.follow_ups],
        "private": True if wanted.private else None,
    }
    text = entry_text(slug, fields, contacts=contacts)
    return NewFile(f"{wanted.day.year}/{slug}.md", text)
