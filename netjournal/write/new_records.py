"""New contacts and journal entries from what was typed on the command line.

Each function gives the file's place (relative to its folder) and its text, made by
`contact_text` / `entry_text`, so it reads back as written; or raises Unwritable with a
sentence naming the option to change. Nothing here touches the disk: the caller says which
slugs are taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
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
# Line breaks, tabs and other control characters: the reader may take them inside quotes,
# but nobody means to type one into a name, and they would break the one-line lists.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


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
    name = _one_line(wanted.name, "the name")
    if not name:
        raise Unwritable('the name is empty: write the person\'s name, like "Jane Doe"')
    slug = _slug(wanted.slug, name, {s.casefold() for s in taken}, folder)
    fields: dict[str, Any] = {
        "name": name,
        "company": _given(wanted.company, "--company"),
        "email": [_email(typed) for typed in _each(wanted.emails, "--email", str.casefold)],
        "phone": _each(wanted.phones, "--phone", lambda phone: "".join(phone.split())),
        "tags": _each(wanted.tags, "--tag", str.casefold),
        "introduced_by": _contact(wanted.introduced_by, "--introduced-by", contacts),
        "source": _source(wanted.source),
    }
    text = contact_text(slug, fields, contacts=contacts)
    return NewFile(f"{slug}.md", text)


def _slug(typed: str | None, name: str, taken: Collection[str], folder: str) -> str:
    """The new contact's slug, as typed or made from the name, free and not reserved."""
    if typed is not None and not typed.strip():
        raise Unwritable("--slug is empty: leave it out, or give a file name like --slug jane-doe")
    slug = typed if typed is not None else slug_for(name)
    if typed is not None and slug_for(slug) != slug:
        raise Unwritable(
            f"--slug {slug!r} is not a slug: use lowercase letters a-z, digits and hyphens, "
            f"like {free_slug(slug, RESERVED_CONTACT_SLUGS) or 'jane-doe'!r}"
        )
    if not slug:
        raise Unwritable(
            f"the name {name!r} gives no file name (it has no letter or digit): "
            "choose one with --slug, like --slug jane-doe"
        )
    free = free_slug(slug, {*taken, *RESERVED_CONTACT_SLUGS})
    if slug.casefold() in RESERVED_CONTACT_SLUGS:
        given = "--slug" if typed is not None else f"the name {name!r} gives the slug"
        raise Unwritable(
            f"{given} {slug}: {slug} is reserved for the site's list of contacts: choose "
            f"another slug, like --slug {free}"
        )
    if slug.casefold() in taken:
        raise Unwritable(
            f"{folder}/{slug}.md exists: netjournal never replaces a file. If this is "
            f"someone else, give them another file name with --slug {free}"
        )
    return slug


def _one_line(typed: str, option: str) -> str:
    """`typed` without the spaces around it; refused when it holds a control character."""
    found = _CONTROL.search(typed)
    if found:
        what = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}.get(
            found.group(), "a control character"
        )
        raise Unwritable(
            f"{option} {typed!r} holds {what}: write it on one line, without tabs or other "
            "control characters"
        )
    return typed.strip()


def _given(typed: str | None, option: str) -> str | None:
    """The text of an option given once: refused when empty or not on one line."""
    if typed is None:
        return None
    text = _one_line(typed, option)
    if not text:
        raise Unwritable(f"{option} is empty: leave the option out, or write its value")
    return text


def _each(typed: Sequence[str], option: str, same: Callable[[str], str]) -> list[str]:
    """The values of a repeated option, each checked like `_given`; a value equal to an
    earlier one (by `same`: `Lawyer` and `lawyer` are one tag) is written once."""
    values: dict[str, str] = {}
    for one in typed:
        text = _given(one, option) or ""
        values.setdefault(same(text), text)
    return list(values.values())


_NOT_IN_AN_ADDRESS = frozenset(' <>()[],;:\\"')


def _email(typed: str) -> str:
    """An email address: one @ with text on both sides, a dot in the domain, and none of
    the characters that only a display name or a typo puts there (spaces, <>, quotes…)."""
    local, at, domain = typed.partition("@")
    if (
        not (at and local and domain)
        or "@" in domain
        or "." not in domain.strip(".")
        or any(c.isspace() or c in _NOT_IN_AN_ADDRESS for c in typed)
    ):
        raise Unwritable(
            f"--email {typed!r} is not an email address: write it like jane@example.com"
        )
    return typed


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
    """Why `typed` names no contact, with the closest slugs: the contacts it is the name or
    alias of (all of them, when several share it), else by spelling, by name, or the
    contacts whose slug or name holds it (`maria` finds `maria-chen`)."""
    named = [contact for _, contact in named_by(typed, contacts)]
    if len(named) > 1:
        slugs = " or ".join(repr(contact.slug) for contact in named)
        return (
            f"no contact has this slug: {typed!r} is a name or alias of {len(named)} contacts "
            f"({', '.join(c.name for c in named)}): write the file name of the one you mean, "
            f"{slugs}, without '.md'"
        )
    hint = _hint(named[0].slug) if named else did_you_mean(typed, contacts)
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


def named_by(name: str, contacts: Mapping[str, Contact]) -> list[tuple[str, Contact]]:
    """The contacts whose name or an alias is `name` (folded: case and accents do not
    matter), by slug, each with the word that says which: "name" or "an alias"."""
    wanted = fold(name)
    found = []
    for slug in sorted(contacts):
        contact = contacts[slug]
        if wanted and fold(contact.name) == wanted:
            found.append(("the name", contact))
        elif wanted and any(fold(alias) == wanted for alias in contact.aliases):
            found.append(("an alias", contact))
    return found


def shared_names(
    made: NewFile, name: str, contacts: Mapping[str, Contact], where: Callable[[str], str]
) -> list[str]:
    """Notes for a new contact named like another contact is named or aliased: `[[Pepe]]`
    would then name both (NJ145). Only notes: two people may share a nickname. `where`
    shows a contact's file as it opens from here."""
    slug = made.place.removesuffix(".md")
    return [
        f"Note: {name!r} is also {which} of {other.name} ({where(other.path)}): [[{name}]] "
        f"will name both; write [[{slug}]] or [[{other.slug}]]"
        for which, other in named_by(name, contacts)
    ]


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
    title = _one_line(wanted.title, "the title")
    if not title:
        raise Unwritable('the title is empty: say what happened, like "Coffee with Jane"')
    with_ = [_contact(slug, "--with", contacts) or "" for slug in wanted.with_]
    words = title if slug_for(title) else (wanted.kind or "entry")
    slug = free_slug(f"{wanted.day.isoformat()} {words}", {s.casefold() for s in taken})
    fields: dict[str, Any] = {
        "date": wanted.day,
        "title": title,
        "kind": _given(wanted.kind, "--kind"),
        "with": list(dict.fromkeys(with_)),  # a person named twice is there once
        "follow_ups": [
            # With one person there, the promise is theirs: `due` and the calendar name them.
            {"what": _promise(what), "due": due, "who": with_[0] if len(set(with_)) == 1 else None}
            for what, due in wanted.follow_ups
        ],
        "private": True if wanted.private else None,
    }
    text = entry_text(slug, fields, contacts=contacts)
    return NewFile(f"{wanted.day.year}/{slug}.md", text)


def _promise(typed: str) -> str:
    """What a --follow-up says: refused when empty or not on one line."""
    what = _one_line(typed, "--follow-up")
    if not what:
        raise Unwritable(
            "--follow-up is empty: say what you promised, like --follow-up 'Send the article'"
        )
    return what


def unexpected_dates(wanted: NewEntry, today: date) -> list[str]:
    """Notes on dates that are allowed but may be a slip: an entry dated after `today` (a
    plan), a follow-up due before `today` (already overdue) or before the entry's date."""
    notes = []
    if wanted.day > today:
        notes.append(
            f"Note: the entry is dated after today: a plan ({wanted.day}; today is {today})"
        )
    for what, due in wanted.follow_ups:
        if due < today:
            notes.append(
                f"Note: --due {due} for {what!r} is before today ({today}): the follow-up is "
                "already overdue"
            )
        elif due < wanted.day:
            notes.append(
                f"Note: --due {due} for {what!r} is before the entry's date ({wanted.day}): "
                "check it is the day you meant"
            )
    return notes
