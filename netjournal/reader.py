"""Read `contacts/` and `journal/` into a Journal, with a located Problem for every mistake.

The only module that touches the user's files, and it only ever reads them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from types import MappingProxyType

from . import records
from .diagnostics import Problem
from .front_matter import Document, FrontMatterError, parse
from .model import Contact, Journal, JournalEntry

MAX_FILE_BYTES = 2 * 1024 * 1024
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


@dataclass(frozen=True)
class _File:
    path: Path
    shown: str  # relative to the journal's root, with forward slashes

    @property
    def slug(self) -> str:
        return self.path.stem


def read_journal(
    root: Path, contacts: Path | None = None, journal: Path | None = None
) -> ReadResult:
    """Every contact and entry under `root` (by default `root/contacts` and `root/journal`)."""
    root = root.resolve()
    problems: list[Problem] = []
    contact_files = _unique(
        _markdown_files(contacts or root / "contacts", root, problems), problems
    )
    entry_files = _unique(_markdown_files(journal or root / "journal", root, problems), problems)
    slugs = frozenset(f.slug for f in contact_files)

    people: dict[str, Contact] = {}
    for file in contact_files:
        document = _document(file, problems)
        if document is not None:
            contact = records.contact(file.slug, file.shown, document, problems, slugs)
            if contact is not None:
                people[contact.slug] = contact
    entries: list[JournalEntry] = []
    for file in entry_files:
        document = _document(file, problems)
        if document is not None:
            entry = records.entry(file.slug, file.shown, document, problems, slugs)
            if entry is not None:
                entries.append(entry)
    problems.extend(records.check_introducers(people))

    entries.sort(key=lambda e: (e.date, e.time.time() if e.time else time.min, e.slug))
    return ReadResult(
        Journal(MappingProxyType(dict(sorted(people.items()))), tuple(entries)),
        tuple(sorted(problems, key=lambda p: (p.path, p.line, p.column, p.code))),
    )


def _markdown_files(folder: Path, root: Path, problems: list[Problem]) -> list[_File]:
    """The `.md` files below `folder`, in a stable order; links leading outside `root` refused."""
    if not folder.is_dir():
        return []
    found: list[_File] = []
    for directory, subdirectories, names in os.walk(folder):
        subdirectories.sort()
        here = Path(directory)
        for name in subdirectories:
            if (here / name).is_symlink():
                _outside(here / name, root, problems)
        for name in sorted(names):
            path = here / name
            if not name.endswith(".md") or name.startswith("."):
                continue
            if path.is_symlink() and _outside(path, root, problems):
                continue
            found.append(_File(path, _shown(path, root)))
    return found


def _outside(link: Path, root: Path, problems: list[Problem]) -> bool:
    """True (and reported) when the symbolic link `link` leads outside `root`."""
    if link.resolve().is_relative_to(root):
        return False
    problems.append(
        Problem(
            "NJ009",
            _shown(link, root),
            "this symbolic link points outside the journal, so it is not read: "
            "copy the file into the journal instead",
        )
    )
    return True


def _shown(path: Path, root: Path) -> str:
    absolute = path.parent.resolve() / path.name
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _unique(files: list[_File], problems: list[Problem]) -> list[_File]:
    """The files whose slug is not already taken by an earlier file; the others reported."""
    first: dict[str, _File] = {}
    for file in files:
        if file.slug in first:
            problems.append(
                Problem(
                    "NJ010",
                    file.shown,
                    f"slug '{file.slug}' is already used by {first[file.slug].shown}: "
                    "rename one of the files",
                )
            )
        else:
            first[file.slug] = file
            if not _SLUG.fullmatch(file.slug):
                problems.append(
                    Problem(
                        "NJ011",
                        file.shown,
                        f"file name '{file.path.name}' is not a lowercase slug: rename it to "
                        f"'{_slugify(file.slug)}.md' so links to it are easy to type",
                    )
                )
    return list(first.values())


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-") or "untitled"


def _document(file: _File, problems: list[Problem]) -> Document | None:
    """The file's front matter and body, or None with the reason recorded."""
    try:
        size = file.path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    "NJ008",
                    file.shown,
                    f"the file is {size / 1_048_576:.1f} MB, over the "
                    f"{MAX_FILE_BYTES // 1_048_576} MB a journal file may have: "
                    "split it or move large attachments elsewhere",
                )
            )
            return None
        raw = file.path.read_bytes()
    except OSError as error:
        problems.append(Problem("NJ001", file.shown, f"cannot read the file: {error.strerror}"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                "NJ001",
                file.shown,
                "the file is not UTF-8 text (it may be Latin-1 or a binary file): "
                "save it as UTF-8 in your editor",
                line,
            )
        )
        return None
    if "\0" in text:
        problems.append(Problem("NJ001", file.shown, "the file is binary, not text: remove it"))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        return parse(text)
    except FrontMatterError as error:
        problems.append(Problem(error.code, file.shown, error.message, error.line, error.column))
        return None
