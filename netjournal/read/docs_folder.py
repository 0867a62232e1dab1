"""The user's own pages in `docs/`: links leading out of it, and private names in public.

Only ever reads. MkDocs copies every file of `docs/` into the site and follows symbolic
links, so a link to `/etc/passwd` (or to a private contact's file) would be published.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from netjournal.diagnostics import Problem
from netjournal.queries.mentions import Mentions, words


def docs_problems(docs: Path, root: Path, private: Mentions | None = None) -> list[Problem]:
    """An NJ009 error for each link in `docs` leading outside it, and, for a public build
    (`private` finds the private contacts), an NJ122 error for each file naming one."""
    if not docs.is_dir():
        return []
    top = docs.resolve()
    problems: list[Problem] = []
    for path in _files(docs, top, root, problems):
        if private is not None:
            name = path.relative_to(docs).as_posix()  # its URL, folders included
            problems.extend(_private_names(path, name, _shown(path, root), private))
    return problems


def _files(docs: Path, top: Path, root: Path, problems: list[Problem]) -> Iterator[Path]:
    """The files MkDocs would publish; links leading outside `docs` reported, not followed."""
    for directory, folders, names in os.walk(docs):
        # MkDocs leaves out names starting with '.' (exclude_docs' default)
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in [*folders, *sorted(names)]:
            path = Path(directory, name)
            if name.startswith("."):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(top):
                problems.append(
                    Problem(
                        "NJ009",
                        _shown(path, root),
                        "this symbolic link points outside docs/, so the site would publish "
                        "a file from elsewhere on this computer: copy the file into docs/, or "
                        "remove the link",
                    )
                )
                folders[:] = [f for f in folders if f != name]
            elif name not in folders:
                yield path


def _private_names(path: Path, name: str, shown: str, private: Mentions) -> list[Problem]:
    """NJ122 when the file's name, or a line of its text, names a private contact."""
    named = private(name)
    if named is not None:
        what = f"this file's name names the private contact {named}"
        return [_names(shown, what, 1, "rename the file")]
    text = _text(path)
    if text is None:
        return []  # a picture or a PDF: only its name can be checked
    found, lines = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line_words = words(line)
        found.extend(line_words)
        lines.extend([number] * len(line_words))
        named = private.by_address(line)
        if named is not None:
            what = f"line {number} names the private contact {named}"
            return [_names(shown, what, number, "remove the name from this page")]
    for mention in private.positions(found):
        at = lines[mention.word]
        what = f"line {at} names the private contact {mention.contact}"
        return [_names(shown, what, at, "remove the name from this page")]
    return []


def _text(path: Path) -> str | None:
    """The file's text (UTF-8, else Windows-1252), or None for a binary file."""
    try:
        with path.open("rb") as file:
            if b"\0" in file.read(8192):
                return None  # not text: a video need not be read to the end
            file.seek(0)
            data = file.read()
    except OSError:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _names(shown: str, what: str, line: int, fix: str) -> Problem:
    return Problem(
        "NJ122",
        shown,
        f"{what}, so a public build would publish it: {fix}, or move the file out of docs/ "
        "before building in public",
        line,
    )


def _shown(path: Path, root: Path) -> str:
    """The path as the user reads it: from the journal's folder, with forward slashes."""
    absolute = Path(os.path.abspath(path))
    for folder in (root, root.resolve()):
        if absolute.is_relative_to(folder):
            return absolute.relative_to(folder).as_posix()
    return absolute.as_posix()
