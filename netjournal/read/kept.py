"""A journal read once and kept, so that each read after the first builds only what changed.

`netjournal serve` reads the journal again on every save. Read from scratch, every file is
listed, parsed (or loaded from the disk cache) and every record built again, because a
record depends on the whole journal (read/context.py). `KeptJournal` keeps each file's
parsed Document, the `Parts` of it other records depend on, its record, its problems and
what building the record asked of the rest of the journal (read/lookups.py). Each read:

- one pass of `stat` (read/changes.py) says which files changed; the reader's own listing
  is made again only when names came or went (or a symbolic link is among them);
- only the changed files are parsed again;
- when the files are the same and each changed one gives the others the same parts (name
  and aliases, its notes' headings, capitalised words; readable or not as before), only
  the changed files' records are built again, in the kept context;
- otherwise a new context is made from the kept parts, and a kept record is built again
  only when one of its lookups answers otherwise in it (a new contact makes the links that
  named nobody, and their "did you mean", look again; a renamed heading, the links to it);
- the checks across contacts run again only when a contact changed; the entries keep
  their order, the rebuilt ones put in place.

`read()` returns exactly what a fresh `read_journal` with the same arguments returns (the
same Journal, the same problems in the same order): tested as a property over random
edits, tests/test_kept.py.
"""

from __future__ import annotations

import bisect
import io
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from datetime import time as time_of_day
from pathlib import Path
from types import MappingProxyType

from netjournal.diagnostics import Problem
from netjournal.model import Contact, ContactRef, EntryRef, Journal, JournalEntry
from netjournal.progress import Progress
from netjournal.queries.privacy import private_mentions, unpublishable_contacts
from netjournal.read.cache import FRESH_SECONDS, ReadCache
from netjournal.read.changes import Stat, Walk, walk
from netjournal.read.context import (
    ContactPlaces,
    Parts,
    across_contacts,
    contact_record,
    context_of,
    entry_order,
    entry_record,
    parts_of,
)
from netjournal.read.conventions import NETJOURNAL, Conventions
from netjournal.read.docs_folder import docs_problems
from netjournal.read.files import JournalFile, journal_files
from netjournal.read.front_matter import Document
from netjournal.read.journal import Folders, ReadResult, folders, parsed, result, unique_files
from netjournal.read.lookups import Lookups, Question, Watch, still
from netjournal.read.wikilinks import heading_ids

__all__ = ["KeptJournal"]

# More entries built again than this, and the entries are sorted again rather than placed.
_PLACED = 200
_QUIET = io.StringIO()  # where a read nobody watches counts its files: never written to


@dataclass
class _File:
    """One file as last read: its stat (None: read it again next time), its Document and
    parse problems, its parts, and its record with the problems building it found."""

    file: JournalFile
    dated: bool
    stat: Stat | None
    document: Document | None
    parse_problems: list[Problem]
    parts: Parts
    record: Contact | JournalEntry | None = None
    places: ContactPlaces | None = None
    record_problems: list[Problem] = field(default_factory=list)
    lookups: Lookups | None = None  # what building the record asked of the rest


@dataclass
class _Listing:
    """The reader's listing of the files, made unique, and the problems it found."""

    contacts: list[JournalFile]
    entries: list[JournalFile]
    problems: list[Problem]


class KeptJournal:
    """A journal read once and kept; each read after the first rebuilds only what changed.

    The arguments are `read_journal`'s, and `clock`, the time now as the file system stamps
    it (a file changed within FRESH_SECONDS of it is read again next time). After each
    `read()`, `changed` holds the display paths whose record differs from the previous
    read's, appeared or went (every record's on the first read), `rebuilt` the display paths
    whose record was built again (the others were kept), and `whole` says whether every
    record was built again.
    """

    def __init__(
        self,
        root: Path,
        contacts: Folders | None = None,
        journal: Folders | None = None,
        *,
        public: bool = False,
        docs: Path | None = None,
        conventions: Conventions = NETJOURNAL,
        cache: bool = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.clock = clock  # the file system's clock: how recently a file changed
        self.root = root.resolve()
        self.contact_folders = folders(contacts, self.root / "contacts")
        self.entry_folders = folders(journal, self.root / "journal")
        self.public, self.docs, self.conventions, self.cache = public, docs, conventions, cache
        self.changed: frozenset[str] = frozenset()
        self.whole = True
        self._files: dict[tuple[bool, str], _File] = {}
        self._walk: Walk | None = None
        self._listing: _Listing | None = None
        self._watch: Watch | None = None
        self.rebuilt: frozenset[str] = frozenset()
        self._by_path: dict[str, list[tuple[JournalFile, bool]]] = {}
        self._unsettled: set[tuple[bool, str]] = set()  # read again next time, whatever stat says
        self._base: list[Problem] | None = None  # the problems, but the public's and docs'
        self._last: ReadResult | None = None
        self._across_changed = False
        self._extra = public or docs is not None  # problems worked out on every read
        self._across: list[Problem] = []
        self._journal: Journal | None = None
        self._order: list[
            tuple[date, time_of_day, str]
        ] = []  # each entry's place, as the journal's

    def read(self, *, progress: bool = False) -> ReadResult:
        """The journal as `read_journal` reads it now, building again only what changed."""
        started = self.clock()
        before = self._walk.stats if self._walk is not None else None
        tops = (*self.contact_folders, *self.entry_folders)
        found = walk(tops, self.conventions.exclude, before)
        previous: dict[tuple[bool, str], _File] = {}  # the files replaced or gone: as they were
        listing, relisted = self._listing, False
        if listing is None or self._walk is None or found.links or not found.same_names(self._walk):
            listing, relisted = self._listed(), True
            stale = self._relisted(listing, found, previous)
        else:  # the same files: read again those whose stat moved, or not trusted yet
            again = {
                (dated, file.display_path): (file, dated)
                for path in found.moved
                for file, dated in self._by_path.get(path, ())
            }
            again.update((name, (self._files[name].file, name[0])) for name in self._unsettled)
            stale = list(again.values())
        self._walk = found
        fresh = self._parse(stale, found, started, progress)
        for name in fresh:
            if name in self._files:
                previous.setdefault(name, self._files[name])
        narrow = self._narrow(listing, fresh)
        self._files.update(fresh)
        self._unsettled -= previous.keys()
        self._unsettled |= {name for name, kept in fresh.items() if kept.stat is None}
        self._listing = listing
        rebuilt = self._build(listing, set(fresh), narrow, previous)
        journal = self._assembled(rebuilt, previous, relisted)
        self.rebuilt = frozenset(name[1] for name in rebuilt)
        self.whole = not narrow and len(rebuilt) == len(self._files)
        self.changed = _changed(previous, self._files, rebuilt)
        if (
            self._base is None
            or relisted
            or self._across_changed
            or any(
                name not in self._files or _problems_of(kept) != _problems_of(self._files[name])
                for name, kept in previous.items()
            )
        ):
            self._base = self._problems(listing)
        elif self._last is not None and self._last.journal is journal and not self._extra:
            return self._last  # nothing changed: the same result
        problems = [*self._base]
        if self.public:
            names_at = {
                kept.record.slug: kept.places.name
                for kept in self._contacts()
                if kept.record is not None and kept.places is not None
            }
            problems.extend(unpublishable_contacts(journal, names_at))
        if self.docs is not None:
            mentions = private_mentions(journal) if self.public else None
            problems.extend(docs_problems(self.docs, self.root, mentions))
        self._last = result(journal, problems)
        return self._last

    def _relisted(
        self, listing: _Listing, found: Walk, previous: dict[tuple[bool, str], _File]
    ) -> list[tuple[JournalFile, bool]]:
        """The files of a new listing that must be read; the files gone kept in `previous`."""
        wanted = [(f, False) for f in listing.contacts] + [(f, True) for f in listing.entries]
        names = {(dated, file.display_path) for file, dated in wanted}
        for name in [name for name in self._files if name not in names]:
            previous[name] = self._files.pop(name)
        self._by_path = {}
        for file, dated in wanted:  # a file in both kinds of folder is read as both
            self._by_path.setdefault(str(file.path), []).append((file, dated))
        return [
            (file, dated)
            for file, dated in wanted
            if not self._unchanged(file, dated, found.stats.get(str(file.path)))
        ]

    def _problems(self, listing: _Listing) -> list[Problem]:
        """Every problem but those of the public build and the docs, in read_journal's order."""
        files = [self._files[False, f.display_path] for f in listing.contacts]
        files.extend(self._files[True, f.display_path] for f in listing.entries)
        problems = [*listing.problems]
        problems.extend(p for kept in files for p in kept.parse_problems)
        problems.extend(p for kept in files for p in kept.record_problems)
        problems.extend(self._across)
        return problems

    def _listed(self) -> _Listing:
        """The reader's own listing of the files (read/files.py), made unique."""
        problems: list[Problem] = []
        exclude = self.conventions.exclude
        contacts = journal_files(self.contact_folders, self.root, problems, exclude)
        entries = journal_files(self.entry_folders, self.root, problems, exclude)
        contacts, entries = unique_files(contacts, entries, problems)
        return _Listing(contacts, entries, problems)

    def _unchanged(self, file: JournalFile, dated: bool, stat: Stat | None) -> bool:
        kept = self._files.get((dated, file.display_path))
        return (
            kept is not None and kept.stat is not None and kept.stat == stat and (kept.file == file)
        )

    def _parse(
        self, stale: list[tuple[JournalFile, bool]], found: Walk, started: float, progress: bool
    ) -> dict[tuple[bool, str], _File]:
        """The stale files parsed again (the first time, through the disk cache if asked)."""
        disk = None
        if self._journal is None and self.cache:
            disk = ReadCache(self.root, (*self.contact_folders, *self.entry_folders))
        counted = Progress(
            "Reading the journal", "files", len(stale), stream=None if progress else _QUIET
        )
        fresh: dict[tuple[bool, str], _File] = {}
        with counted:
            for file, dated in stale:
                counted.advance()
                stat = found.stats.get(str(file.path))
                if disk is None:
                    document, problems = parsed(file, dated)
                else:
                    document, problems = disk.parsed(file, dated, _parse_of(file, dated))
                if stat is not None and max(stat[1], stat[2]) / 1e9 >= started - FRESH_SECONDS:
                    stat = None  # changed just now: a second save in the same tick looks alike
                parts = parts_of(document, dated, self.conventions.keys)
                fresh[dated, file.display_path] = _File(
                    file, dated, stat, document, problems, parts
                )
        if disk is not None:
            disk.save()
        return fresh

    def _narrow(self, listing: _Listing, fresh: dict[tuple[bool, str], _File]) -> bool:
        """Whether the kept context still holds: the same files, each giving the same parts
        (then only the changed records are built again); else `_build` makes a new one."""
        if self._watch is None or self._listing is None:
            return False
        if listing.contacts != self._listing.contacts or listing.entries != self._listing.entries:
            return False
        for name, new in fresh.items():
            old = self._files[name]
            if not _same_parts(old.parts, new.parts):
                return False
        notes = self._watch.context.names.notes
        for (dated, _), new in fresh.items():
            target = (EntryRef if dated else ContactRef)(new.file.slug)
            if new.parts.notes is not None and isinstance(notes, dict):
                notes[target] = new.parts.notes  # same headings: the resolver's memo holds
        return True

    def _build(
        self,
        listing: _Listing,
        fresh: set[tuple[bool, str]],
        narrow: bool,
        previous: dict[tuple[bool, str], _File],
    ) -> set[tuple[bool, str]]:
        """The records built again: the `fresh` files'; when the context changed, also those
        of the files whose lookups answer otherwise now (read/lookups.py). A kept file whose
        record is built again is kept in `previous` as it was."""
        building = set(fresh)
        if not narrow:
            before = self._watch.context if self._watch is not None else None
            now = context_of(
                [(f, self._files[False, f.display_path].parts) for f in listing.contacts],
                [(f, self._files[True, f.display_path].parts) for f in listing.entries],
                self.public,
                self.conventions.tasks,
                self.conventions.keys,
            )
            memo: dict[Question, object] = {}
            for name, kept in self._files.items():
                if name in building or kept.document is None:
                    continue
                if (
                    before is None
                    or kept.lookups is None
                    or not still(kept.lookups, now, before, memo)
                ):
                    building.add(name)
            self._watch = Watch(now)
        watch = self._watch
        assert watch is not None  # made above on the first read
        for name in building:
            kept = self._files[name]
            watch.lookups = Lookups()
            problems: list[Problem] = []
            record: Contact | JournalEntry | None = None
            places = None
            if kept.document is None:
                pass
            elif kept.dated:
                record = entry_record(kept.file, kept.document, watch.watched, problems)
            else:
                made = contact_record(kept.file, kept.document, watch.watched, problems)
                if made is not None:
                    record, places = made
            if name not in fresh:
                previous.setdefault(name, kept)
            self._files[name] = replace(
                kept, record=record, places=places, record_problems=problems, lookups=watch.lookups
            )
        return building

    def _contacts(self) -> Iterator[_File]:
        """The contacts' files, in the listing's order (as read_journal reads them)."""
        listing = self._listing
        assert listing is not None
        return (self._files[False, file.display_path] for file in listing.contacts)

    def _assembled(
        self, rebuilt: set[tuple[bool, str]], before: dict[tuple[bool, str], _File], relisted: bool
    ) -> Journal:
        """The journal of the kept records; the checks across contacts made again only when
        what they read of a contact changed, the entries' order kept and the rebuilt ones
        put in place."""
        old, files = self._journal, self._files
        gone = [name for name in before if name not in files]
        touched = [name for name in (*gone, *rebuilt) if not name[0]]
        differ = [n for n in touched if _contact_of(before.get(n)) != _contact_of(files.get(n))]
        self._across_changed = False
        contacts: Mapping[str, Contact]
        if old is None or differ:
            people: dict[str, Contact] = {}
            places: dict[str, ContactPlaces] = {}
            for kept in self._contacts():
                if isinstance(kept.record, Contact) and kept.places is not None:
                    people[kept.record.slug], places[kept.record.slug] = kept.record, kept.places
            if (
                old is None
                or relisted
                or any(_across_key(before.get(n)) != _across_key(files.get(n)) for n in differ)
            ):
                across = across_contacts(people, places)
                self._across_changed = across != self._across
                self._across = across
            contacts = MappingProxyType(dict(sorted(people.items())))
        else:
            contacts = old.contacts
        moved = [name for name in (*gone, *rebuilt) if name[0]]
        if (
            old is not None
            and not differ
            and all(_record(before.get(name)) is _record(files.get(name)) for name in moved)
        ):
            return old  # the same records: the same journal
        if old is None or len(moved) > _PLACED:
            listing = self._listing
            assert listing is not None
            entries = [
                record
                for file in listing.entries
                if isinstance(record := files[True, file.display_path].record, JournalEntry)
            ]
            entries.sort(key=entry_order)
            self._order = [entry_order(entry) for entry in entries]
        else:
            entries = list(old.entries)
            for name in moved:
                was = before[name].record if name in before else None
                self._place(entries, was, files[name].record if name in files else None)
        self._journal = Journal(contacts, tuple(entries))
        return self._journal

    def _place(
        self,
        entries: list[JournalEntry],
        was: Contact | JournalEntry | None,
        now: Contact | JournalEntry | None,
    ) -> None:
        """`was` taken out of the sorted `entries`, and `now` put where it belongs."""
        if isinstance(was, JournalEntry):
            at = bisect.bisect_left(self._order, entry_order(was))
            if at < len(entries) and entries[at] is was:
                del entries[at], self._order[at]
        if isinstance(now, JournalEntry):
            key = entry_order(now)
            at = bisect.bisect_left(self._order, key)
            entries.insert(at, now)
            self._order.insert(at, key)


def _parse_of(
    file: JournalFile, dated: bool
) -> Callable[[], tuple[Document | None, list[Problem]]]:
    return lambda: parsed(file, dated)


def _record(kept: _File | None) -> Contact | JournalEntry | None:
    return None if kept is None else kept.record


def _problems_of(kept: _File) -> tuple[list[Problem], list[Problem]]:
    return kept.parse_problems, kept.record_problems


def _across_key(kept: _File | None) -> tuple[object, ...] | None:
    """What the checks across contacts read of a contact (read/duplicates.py, repeats.py)."""
    if kept is None or not isinstance(kept.record, Contact):
        return None
    c = kept.record
    return (
        c.slug,
        c.path,
        c.name,
        c.emails,
        c.phones,
        c.urls,
        c.introduced_by,
        c.referred_by,
        kept.places,
    )


def _contact_of(kept: _File | None) -> tuple[object, object]:
    return (None, None) if kept is None else (kept.record, kept.places)


def _same_parts(old: Parts, new: Parts) -> bool:
    """Whether a file gives every other record what it gave: names, headings, words."""
    if old.names != new.names or old.capitalised != new.capitalised:
        return False
    if (old.notes is None) != (new.notes is None):
        return False
    if old.notes == new.notes or old.notes is None or new.notes is None:
        return True
    return heading_ids(old.notes) == heading_ids(new.notes)


def _changed(
    before: dict[tuple[bool, str], _File],
    now: dict[tuple[bool, str], _File],
    rebuilt: set[tuple[bool, str]],
) -> frozenset[str]:
    """The display paths whose record is new, gone or not what it was."""
    gone = {name[1] for name, kept in before.items() if name not in now and kept.record}
    differ = {
        name[1]
        for name in rebuilt
        if (before[name].record if name in before else None) != now[name].record
    }
    return frozenset(gone | differ)
