"""Read `contacts/` and `journal/` into a Journal, with a located Problem for every mistake.

With `files`, the only module that touches the user's files, and it only ever reads them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from types import MappingProxyType

from netjournal.diagnostics import Problem
from netjournal.model import Contact, ContactRef, EntryRef, Journal, JournalEntry
from netjournal.queries.privacy import private_mentions, unpublishable_contacts
from netjournal.read import records
from netjournal.read.cache import ReadCache
from netjournal.read.conventions import NETJOURNAL, Conventions
from netjournal.read.docs_folder import docs_problems
from netjournal.read.duplicates import duplicate_contacts, key_places
from netjournal.read.files import MAX_FILE_BYTES, JournalFile, markdown_files, read_text, slugify
from netjournal.read.front_matter import Document, FrontMatterError, parse, plain_note
from netjournal.read.html_balance import unbalanced_html
from netjournal.read.inline_fields import opens_like_a_note
from netjournal.read.slow_markdown import slow_note
from netjournal.read.titles import file_date, known_words
from netjournal.read.wikilinks import Resolver, Target

__all__ = ["MAX_FILE_BYTES", "ReadResult", "read_journal", "read_record", "read_texts"]

_SLUG = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass(frozen=True)
class ReadResult:
    """The journal as far as it could be read, and every problem found on the way."""

    journal: Journal
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


def read_journal(
    root: Path,
    contacts: Path | None = None,
    journal: Path | None = None,
    *,
    public: bool = False,
    docs: Path | None = None,
    cache: bool = False,
    conventions: Conventions = NETJOURNAL,
) -> ReadResult:
    """Every contact and entry under `root` (by default `root/contacts` and `root/journal`).

    With `docs`, links in that folder leading outside it are errors too. For a `public`
    build, so is whatever would publish a private contact: a privacy flag that cannot be
    read, a public contact named after a private one, a page of `docs` naming one. With
    `cache`, files unchanged since the last run are not parsed again (read/cache.py): the
    result is the same. `conventions` say how a vault's files differ from netjournal's format.
    """
    root = root.resolve()
    problems: list[Problem] = []
    contacts, journal = contacts or root / "contacts", journal or root / "journal"
    contact_files = markdown_files(contacts, root, problems)
    entry_files = markdown_files(journal, root, problems)
    kept = ReadCache(root, (contacts, journal)) if cache else None

    def document_of(file: JournalFile, dated: bool) -> Document | None:
        if kept is None:
            return _document(file, read_text(file, problems), problems, dated=dated)
        document, found = kept.parsed(file, dated, lambda: _parsed(file, dated))
        problems.extend(found)
        return document

    read = _records(contact_files, entry_files, document_of, problems, public, conventions.keys)
    if kept is not None:
        kept.save()
    if docs is not None:
        problems.extend(docs_problems(docs, root, private_mentions(read) if public else None))
    return _result(read, problems)


def read_texts(texts: Mapping[str, str], *, public: bool = False) -> ReadResult:
    """The journal the texts make, keyed by path (`contacts/jane.md`, `journal/2025/x.md`).

    The same reading as `read_journal` without the disk: for tests and for text that comes
    from elsewhere (an import). Other paths are ignored.
    """
    problems: list[Problem] = []
    files = {
        folder: [
            JournalFile(Path(path), path)
            for path in sorted(texts)
            if path.startswith(f"{folder}/") and path.endswith(".md")
        ]
        for folder in ("contacts", "journal")
    }

    def document_of(file: JournalFile, dated: bool) -> Document | None:
        text = texts[file.display_path].replace("\r\n", "\n").replace("\r", "\n")
        return _document(file, text, problems, dated=dated)

    read = _records(files["contacts"], files["journal"], document_of, problems, public)
    return _result(read, problems)


def read_record(
    path: str,
    text: str,
    *,
    contacts: Collection[str] = (),
    entries: Collection[str] = (),
) -> tuple[Contact | JournalEntry | None, list[Problem]]:
    """The one record `text` makes at `path` (`contacts/x.md` or `journal/…/x.md`).

    `contacts` and `entries` are the slugs its keys may name. What a writer checks a file
    against before writing it: the same reading, key by key, as a whole journal gets.
    """
    problems: list[Problem] = []
    file = JournalFile(Path(path), path)
    document = _document(file, text, problems, dated=not path.startswith("contacts/"))
    if document is None:
        return None, problems
    if path.startswith("contacts/"):
        slugs = frozenset(contacts) | {file.slug}
        found: Contact | JournalEntry | None = records.contact(
            file.slug, path, document, problems, slugs, entries=entries, file_name=file.name
        )
    else:
        found = records.entry(file.slug, path, document, problems, contacts, file_name=file.name)
    return found, problems


def _records(
    contact_files: list[JournalFile],
    entry_files: list[JournalFile],
    document_of: Callable[[JournalFile, bool], Document | None],
    problems: list[Problem],
    public: bool,
    keys: Mapping[str, str] = MappingProxyType({}),
) -> Journal:
    """The contacts and entries the files hold, their problems added to `problems`."""
    contact_files = _unique(contact_files, problems, reserved="index")
    entry_files = _unique(entry_files, problems)
    slugs = frozenset(f.slug for f in contact_files)
    entry_slugs = frozenset(f.slug for f in entry_files)

    contact_documents = [(f, document_of(f, False)) for f in contact_files]
    entry_documents = [(f, document_of(f, True)) for f in entry_files]
    names = _resolver(contact_documents, entry_documents, keys)
    known = known_words(
        (name for _, document in contact_documents for name in _names(document, keys)),
        _capitalised(contact_documents, entry_documents),
    )

    people: dict[str, Contact] = {}
    introducers: dict[str, tuple[int, int]] = {}
    names_at: dict[str, tuple[int, int]] = {}
    referrers: dict[str, tuple[int, int]] = {}
    alike: dict[str, dict[str, tuple[int, int]]] = {}
    for file, document in contact_documents:
        if document is not None:
            contact = records.contact(
                file.slug,
                file.display_path,
                document,
                problems,
                slugs,
                public=public,
                entries=entry_slugs,
                names=names,
                file_name=file.name,
                keys=keys,
            )
            if contact is not None:
                people[contact.slug] = contact
                introducers[contact.slug] = document.place(("introduced_by",))
                names_at[contact.slug] = document.place(("name",))
                referrers[contact.slug] = document.place(("referred_by",))
                alike[contact.slug] = key_places(document, contact)
    entries: list[JournalEntry] = []
    for file, document in entry_documents:
        if document is not None:
            entry = records.entry(
                file.slug,
                file.display_path,
                document,
                problems,
                slugs,
                public=public,
                names=names,
                known=known,
                file_name=file.name,
                keys=keys,
            )
            if entry is not None:
                entries.append(entry)
    problems.extend(records.check_introducers(people, introducers))
    problems.extend(records.check_referrers(people, referrers))
    problems.extend(duplicate_contacts(people, alike))

    entries.sort(key=lambda e: (e.date, e.time.time() if e.time else time.min, e.slug))
    read = Journal(MappingProxyType(dict(sorted(people.items()))), tuple(entries))
    if public:
        problems.extend(unpublishable_contacts(read, names_at))
    return read


def _result(journal: Journal, problems: list[Problem]) -> ReadResult:
    ordered = sorted(problems, key=lambda p: (p.path, p.line, p.column, p.code))
    return ReadResult(journal, tuple(ordered))


def _unique(
    files: list[JournalFile], problems: list[Problem], reserved: str | None = None
) -> list[JournalFile]:
    """The files whose slug is not already taken by an earlier file; the others reported.

    Slugs differing only in capitals clash too: their pages would overwrite each other on
    macOS and Windows. The `reserved` slug belongs to a page of the site.
    """
    first: dict[str, JournalFile] = {}
    # A suggested name must be free: no file has it, nor was it suggested for another.
    taken = {file.slug.casefold() for file in files} | {reserved or ""}
    numbers: dict[str, int] = {}
    for file in files:
        earlier = first.get(file.slug.casefold())
        if reserved is not None and file.slug.casefold() == reserved:
            problems.append(
                Problem(
                    "NJ010",
                    file.display_path,
                    f"slug '{file.slug}' is taken by the site's list of contacts: "
                    "rename the file after the person",
                )
            )
            continue
        if earlier is not None:
            capitals = " (apart from capitals)" if earlier.slug != file.slug else ""
            problems.append(
                Problem(
                    "NJ010",
                    file.display_path,
                    f"slug '{file.slug}' is already used{capitals} by {earlier.display_path}: "
                    "rename one of the files",
                )
            )
            continue
        first[file.slug.casefold()] = file
        if not _SLUG.fullmatch(file.slug):
            suggestion = _free(slugify(file.slug), file.slug.casefold(), taken, numbers)
            problems.append(
                Problem(
                    "NJ011",
                    file.display_path,
                    f"file name '{file.path.name}' is not a lowercase slug: rename it to "
                    f"'{suggestion}.md' so links to it are easy to type"
                    if suggestion
                    else f"file name '{file.path.name}' is not a lowercase slug: rename it "
                    "using lowercase letters a-z, digits and hyphens",
                )
            )
    return list(first.values())


def _free(slug: str, own: str, taken: set[str], numbers: dict[str, int]) -> str:
    """`slug`, or `slug-2`, `slug-3`… when another file has it or it was suggested already.

    `own` is the file's own slug, casefolded: `Jane-Doe.md` may become `jane-doe.md`.
    """
    if not slug:
        return slug
    free = slug
    while free in taken and free != own:
        numbers[slug] = numbers.get(slug, 1) + 1  # kept: a hundred alike count on, not over
        free = f"{slug}-{numbers[slug]}"
    taken.add(free)
    return free


def _parsed(file: JournalFile, dated: bool) -> tuple[Document | None, list[Problem]]:
    """The file read from disk and parsed, with the problems found on the way."""
    problems: list[Problem] = []
    document = _document(file, read_text(file, problems), problems, dated=dated)
    return document, problems


def _document(
    file: JournalFile, text: str | None, problems: list[Problem], *, dated: bool = False
) -> Document | None:
    """The file's front matter and body, or None with the reason recorded.

    A `dated` file (in the journal) whose name starts with a date may have no front
    matter at all: a daily note, all body.
    """
    if text is None:
        return None
    try:
        document = parse(text)
    except FrontMatterError as error:
        # A daily note; or a people note of a vault, with inline fields or a heading only.
        note = file_date(file.name) if dated else opens_like_a_note(text)
        daily = plain_note(text) if note else None
        if daily is None:
            problems.append(
                Problem(error.code, file.display_path, error.message, error.line, error.column)
            )
            return None
        document = daily
    body_line = document.body_line
    slow = slow_note(file.display_path, document.body, body_line)
    problems.extend(slow or unbalanced_html(file.display_path, document.body, body_line))
    return document


def _names(document: Document | None, keys: Mapping[str, str]) -> list[str]:
    """The name and aliases a contact's file gives, as written (before reading)."""
    return [] if document is None else records.link_names(document, keys)


def _resolver(
    contacts: list[tuple[JournalFile, Document | None]],
    entries: list[tuple[JournalFile, Document | None]],
    keys: Mapping[str, str],
) -> Resolver:
    """What wikilinks may name: every contact by slug, name and alias; every entry by slug;
    and the headings of their notes, which `[[x#heading]]` may name."""
    notes: dict[Target, str] = {}
    for files, make, entry in ((contacts, ContactRef, False), (entries, EntryRef, True)):
        for file, document in files:
            if document is not None:
                notes[make(file.slug)] = records.page_notes(document, entry)
    names = {file.slug: _names(document, keys) for file, document in contacts}
    return Resolver(names, [file.slug for file, _ in entries], notes)


def _capitalised(*documents: list[tuple[JournalFile, Document | None]]) -> list[str]:
    """Titles, tags and companies as written: their words in capitals are kept in titles."""
    found = []
    for pairs in documents:
        for _, document in pairs:
            for key in ("title", "tags", "company"):
                value = None if document is None else document.data.get(key)
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str):
                        found.append(item)
    return found
