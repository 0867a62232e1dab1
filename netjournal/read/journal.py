"""Read `contacts/` and `journal/` into a Journal, with a located Problem for every mistake.

With `files`, the only module that touches the user's files, and it only ever reads them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from netjournal.diagnostics import Problem
from netjournal.model import Contact, Journal, JournalEntry
from netjournal.progress import Progress
from netjournal.queries.privacy import private_mentions, unpublishable_contacts
from netjournal.read import records
from netjournal.read.cache import ReadCache
from netjournal.read.context import (
    ContactPlaces,
    across_contacts,
    contact_record,
    context_of,
    entry_order,
    entry_record,
    parts_of,
)
from netjournal.read.conventions import NETJOURNAL, Conventions
from netjournal.read.docs_folder import docs_problems
from netjournal.read.files import MAX_FILE_BYTES, JournalFile, journal_files, read_text
from netjournal.read.front_matter import Document, FrontMatterError, parse, plain_note
from netjournal.read.html_balance import unbalanced_html
from netjournal.read.inline_fields import opens_like_a_note
from netjournal.read.slow_markdown import slow_note
from netjournal.read.titles import file_date

__all__ = ["MAX_FILE_BYTES", "ReadResult", "read_journal", "read_record", "read_texts"]


_QUIET = io.StringIO()  # where a read nobody watches counts its files: never written to

Folders = Path | Sequence[Path]  # one folder, or the list mkdocs.yml gives


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
    contacts: Folders | None = None,
    journal: Folders | None = None,
    *,
    public: bool = False,
    docs: Path | None = None,
    cache: bool = False,
    conventions: Conventions = NETJOURNAL,
    progress: bool = False,
) -> ReadResult:
    """Every contact and entry under `root` (by default `root/contacts` and `root/journal`).

    `contacts` and `journal` are each a folder or a list of folders; a file in two listed
    folders is read once, and what `conventions.exclude` names is not read at all.

    With `docs`, links in that folder leading outside it are errors too. For a `public`
    build, so is whatever would publish a private contact: a privacy flag that cannot be
    read, a public contact named after a private one, a page of `docs` naming one. With
    `cache`, files unchanged since the last run are not parsed again (read/cache.py): the
    result is the same. `conventions` say how a vault's files differ from netjournal's format.
    With `progress`, a terminal is shown how many files are read (see netjournal/progress.py).
    """
    root = root.resolve()
    problems: list[Problem] = []
    contact_folders = folders(contacts, root / "contacts")
    entry_folders = folders(journal, root / "journal")
    exclude = conventions.exclude
    contact_files = journal_files(contact_folders, root, problems, exclude)
    entry_files = journal_files(entry_folders, root, problems, exclude)
    kept = ReadCache(root, (*contact_folders, *entry_folders)) if cache else None
    total = len(contact_files) + len(entry_files)
    counted = Progress("Reading the journal", "files", total, stream=None if progress else _QUIET)

    def document_of(file: JournalFile, dated: bool) -> Document | None:
        counted.advance()
        if kept is None:
            return _document(file, read_text(file, problems), problems, dated=dated)
        document, found = kept.parsed(file, dated, lambda: parsed(file, dated))
        problems.extend(found)
        return document

    with counted:
        read = _records(
            contact_files,
            entry_files,
            document_of,
            problems,
            public,
            tasks=conventions.tasks,
            keys=conventions.keys,
        )
    if kept is not None:
        kept.save()
    if docs is not None:
        problems.extend(docs_problems(docs, root, private_mentions(read) if public else None))
    return result(read, problems)


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
    return result(read, problems)


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


def unique_files(
    contact_files: list[JournalFile], entry_files: list[JournalFile], problems: list[Problem]
) -> tuple[list[JournalFile], list[JournalFile]]:
    """The contacts' and the entries' files, each with an address of its own (see `_unique`)."""
    return _unique(contact_files, problems, reserved="index"), _unique(entry_files, problems)


def _records(
    contact_files: list[JournalFile],
    entry_files: list[JournalFile],
    document_of: Callable[[JournalFile, bool], Document | None],
    problems: list[Problem],
    public: bool,
    *,
    tasks: bool = True,
    keys: Mapping[str, str] = MappingProxyType({}),
) -> Journal:
    """The contacts and entries the files hold, their problems added to `problems`."""
    contact_files, entry_files = unique_files(contact_files, entry_files, problems)
    contact_documents = [(f, document_of(f, False)) for f in contact_files]
    entry_documents = [(f, document_of(f, True)) for f in entry_files]
    context = context_of(
        [(f, parts_of(d, False, keys)) for f, d in contact_documents],
        [(f, parts_of(d, True, keys)) for f, d in entry_documents],
        public,
        tasks,
        keys,
    )
    people: dict[str, Contact] = {}
    places: dict[str, ContactPlaces] = {}
    for file, document in contact_documents:
        if document is not None:
            found = contact_record(file, document, context, problems)
            if found is not None:
                people[found[0].slug], places[found[0].slug] = found
    entries: list[JournalEntry] = []
    for file, document in entry_documents:
        if document is not None:
            entry = entry_record(file, document, context, problems)
            if entry is not None:
                entries.append(entry)
    problems.extend(across_contacts(people, places))
    entries.sort(key=entry_order)
    read = Journal(MappingProxyType(dict(sorted(people.items()))), tuple(entries))
    if public:
        problems.extend(unpublishable_contacts(read, {s: p.name for s, p in places.items()}))
    return read


def result(journal: Journal, problems: list[Problem]) -> ReadResult:
    """The journal and its problems, in the order `check` shows them (by file and place)."""
    ordered = sorted(problems, key=lambda p: (p.path, p.line, p.column, p.code))
    return ReadResult(journal, tuple(ordered))


def folders(given: Folders | None, default: Path) -> tuple[Path, ...]:
    """The folders given (one or a list), or the `default` one."""
    if given is None:
        return (default,)
    return (given,) if isinstance(given, Path) else tuple(given)


def _unique(
    files: list[JournalFile], problems: list[Problem], reserved: str | None = None
) -> list[JournalFile]:
    """The files, each with an address of its own; the files that cannot have one reported.

    A file named as a slug (`jane-doe.md`) has its name as its address: two such files with
    the same name, or one named as the `reserved` page of the site, are errors (NJ010), as
    links to them could not say which is meant. A file named otherwise (`Jane Doe.md`) gets a
    derived address (`jane-doe`); when a file named as a slug, or an earlier one by path, has
    it already, the next free `jane-doe-2`, `jane-doe-3`… with a warning (NJ149).
    """
    first: dict[str, JournalFile] = {}
    derived: list[JournalFile] = []
    for file in files:
        if not file.canonical:
            derived.append(file)
        elif reserved is not None and file.slug == reserved:
            problems.append(
                Problem(
                    "NJ010",
                    file.display_path,
                    f"slug '{file.slug}' is taken by the site's list of contacts: "
                    "rename the file after the person",
                )
            )
        elif file.slug in first:
            problems.append(
                Problem(
                    "NJ010",
                    file.display_path,
                    f"slug '{file.slug}' is already used by {first[file.slug].display_path}: "
                    "rename one of the files",
                )
            )
        else:
            first[file.slug] = file
    taken = {*first, *(file.slug for file in derived), reserved or ""}
    owners = {slug: file.display_path for slug, file in first.items()}
    if reserved is not None:
        owners[reserved] = "the site's list of contacts"
    addressed: dict[str, JournalFile] = {}
    for file in sorted(derived, key=lambda f: f.display_path):
        slug = file.slug
        if slug not in owners:
            owners[slug] = file.display_path
            addressed[file.display_path] = file
            continue
        number = 2
        while f"{slug}-{number}" in taken:
            number += 1
        address = f"{slug}-{number}"
        taken.add(address)
        owners[address] = file.display_path
        addressed[file.display_path] = replace(file, address=address)
        problems.append(
            Problem(
                "NJ149",
                file.display_path,
                f"the address '{slug}' this file name makes belongs to {owners[slug]}, so "
                f"this file's page is at '{address}': rename one of the files to keep it stable",
            )
        )
    kept = {file.display_path: file for file in first.values()} | addressed
    return [kept[file.display_path] for file in files if file.display_path in kept]


def parsed(file: JournalFile, dated: bool) -> tuple[Document | None, list[Problem]]:
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
