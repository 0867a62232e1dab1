"""What every record depends on besides its own file, and each record built in it.

A contact or an entry is read from its own file in a context made from the whole journal:
which contacts and entries there are (the slugs its keys may name), what a wikilink names
(every contact's name and aliases, every note's headings, every file's path) and the words
titles keep. `read_journal` makes the context once per read; a kept journal
(read/kept.py) keeps it, and each file's `Parts` it is made from, between reads.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time

from netjournal.diagnostics import Problem
from netjournal.model import Contact, ContactRef, EntryRef, JournalEntry
from netjournal.read import records
from netjournal.read.duplicates import duplicate_contacts, key_places
from netjournal.read.files import JournalFile
from netjournal.read.front_matter import Document
from netjournal.read.titles import known_words
from netjournal.read.wikilinks import Resolver, Target


@dataclass(frozen=True)
class Parts:
    """What one file gives every other file's record: a contact's name and aliases (what a
    wikilink may call it), the notes as its page shows them (their headings, which
    `[[x#heading]]` may name; None when the file could not be read) and its titles, tags and
    companies as written (their capitalised words are kept in titles made from file names).
    """

    names: tuple[str, ...]
    notes: str | None
    capitalised: tuple[str, ...]


def parts_of(document: Document | None, entry: bool, keys: Mapping[str, str]) -> Parts:
    """The parts of a file (see `Parts`); `entry` when it is in the journal folders."""
    if document is None:
        return Parts((), None, ())
    names = () if entry else tuple(records.link_names(document, keys))
    return Parts(names, records.page_notes(document, entry), tuple(_capitalised(document)))


@dataclass(frozen=True)
class Context:
    """What every record depends on besides its own file: which contacts and entries there
    are, what a wikilink names, the words titles keep, and the reading's options."""

    slugs: Collection[str]
    entry_slugs: Collection[str]
    names: Resolver
    known: Mapping[str, str]
    public: bool
    tasks: bool
    keys: Mapping[str, str]


def context_of(
    contacts: Sequence[tuple[JournalFile, Parts]],
    entries: Sequence[tuple[JournalFile, Parts]],
    public: bool,
    tasks: bool,
    keys: Mapping[str, str],
) -> Context:
    """The context the records of these files are read in (their files made unique)."""
    notes: dict[Target, str] = {}
    for files, make in ((contacts, ContactRef), (entries, EntryRef)):
        for file, parts in files:
            if parts.notes is not None:
                notes[make(file.slug)] = parts.notes
    paths: dict[Target, str] = {ContactRef(file.slug): file.display_path for file, _ in contacts}
    paths.update({EntryRef(file.slug): file.display_path for file, _ in entries})
    names = Resolver(
        {file.slug: list(parts.names) for file, parts in contacts},
        [file.slug for file, _ in entries],
        notes,
        paths,
    )
    known = known_words(
        (name for _, parts in contacts for name in parts.names),
        (text for files in (contacts, entries) for _, parts in files for text in parts.capitalised),
    )
    return Context(
        frozenset(file.slug for file, _ in contacts),
        frozenset(file.slug for file, _ in entries),
        names,
        known,
        public,
        tasks,
        keys,
    )


@dataclass(frozen=True)
class ContactPlaces:
    """Where a contact's keys are in its file, for the checks across contacts."""

    introducer: tuple[int, int]
    name: tuple[int, int]
    referrer: tuple[int, int]
    alike: dict[str, tuple[int, int]]


def contact_record(
    file: JournalFile, document: Document, context: Context, problems: list[Problem]
) -> tuple[Contact, ContactPlaces] | None:
    """The contact in the file, and where its keys are; its problems added to `problems`."""
    contact = records.contact(
        file.slug,
        file.display_path,
        document,
        problems,
        context.slugs,
        public=context.public,
        entries=context.entry_slugs,
        names=context.names,
        file_name=file.name,
        tasks=context.tasks,
        keys=context.keys,
    )
    if contact is None:
        return None
    places = ContactPlaces(
        document.place(("introduced_by",)),
        document.place(("name",)),
        document.place(("referred_by",)),
        key_places(document, contact),
    )
    return contact, places


def entry_record(
    file: JournalFile, document: Document, context: Context, problems: list[Problem]
) -> JournalEntry | None:
    """The journal entry in the file; its problems added to `problems`."""
    return records.entry(
        file.slug,
        file.display_path,
        document,
        problems,
        context.slugs,
        public=context.public,
        names=context.names,
        known=context.known,
        file_name=file.name,
        tasks=context.tasks,
        keys=context.keys,
    )


def across_contacts(
    people: Mapping[str, Contact], places: Mapping[str, ContactPlaces]
) -> list[Problem]:
    """The checks no one file can make: circles of introducers and of referrers, and
    contacts that look like one person."""
    found = records.check_introducers(people, {s: p.introducer for s, p in places.items()})
    found.extend(records.check_referrers(people, {s: p.referrer for s, p in places.items()}))
    found.extend(duplicate_contacts(people, {s: p.alike for s, p in places.items()}))
    return found


def entry_order(entry: JournalEntry) -> tuple[date, time, str]:
    """Where an entry comes in the journal: by date, time of day, then slug."""
    return (entry.date, entry.time.time() if entry.time else time.min, entry.slug)


def _capitalised(document: Document) -> list[str]:
    """Titles, tags and companies as written: their words in capitals are kept in titles."""
    found = []
    for key in ("title", "tags", "company"):
        value = document.data.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                found.append(item)
    return found
