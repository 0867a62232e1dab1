"""Each file's parsed front matter, kept between runs so `check` and `due` skip re-parsing.

Parsing the YAML is most of the cost of reading a journal; the records built from it depend
on the whole journal (which slugs exist, what a wikilink may name), so only the per-file
part is kept: the file's Document (front matter values, their places, the body), or the
located problems that stopped it. A file is read again when anything in its key changes:
its size, its modification time and its inode change time (both in nanoseconds), or its
inode. The change time cannot be set back by a program (`touch -d` sets mtime only), so a
same-size edit within one second is still seen. A file changed less than FRESH_SECONDS
before it was read is not kept at all: some file systems stamp times coarsely (a few
milliseconds, or seconds), so a second save in the same tick would look unchanged (git's
"racily clean" files).

The cache lives in `.netjournal-cache/` beside mkdocs.yml, with its own `.gitignore` (`*`),
never inside `contacts/` or `journal/`. It is JSON of plain values, never pickle: a cache
file someone else left in a shared folder can at worst be wrong, never run code. A cache
that cannot be read, is damaged, or was written by another version of netjournal is
ignored and written anew; a folder that cannot be written to just means no cache.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from netjournal.diagnostics import CODES, Problem
from netjournal.read.cache_folder import CACHE_FOLDER, code_digest, inside, load_json, save_json
from netjournal.read.files import JournalFile
from netjournal.read.front_matter import Document, KeyPath
from netjournal.read.wikilinks import Found, Wikilink, links_in_notes

__all__ = ["CACHE_FOLDER", "FRESH_SECONDS", "ReadCache"]

_FILE = "read.json"
_FORMAT = 2  # bump when what a cached file holds changes shape
FRESH_SECONDS = 2.0

Parsed = tuple[Document | None, list[Problem]]
Key = list[int]


class ReadCache:
    """The parsed files of one journal, loaded once and saved when anything changed."""

    def __init__(self, root: Path, outside: tuple[Path, ...] = ()) -> None:
        """The cache of the journal whose mkdocs.yml is in `root`; none when its folder would
        be inside one of `outside` (the contacts and journal folders)."""
        self.folder = root / CACHE_FOLDER
        self.usable = not any(inside(self.folder, folder) for folder in outside)
        self.kept: dict[str, tuple[Key, Any]] = self._load() if self.usable else {}
        self.seen: dict[str, tuple[Key, Any]] = {}
        self.changed = False

    def parsed(self, file: JournalFile, dated: bool, parse: Callable[[], Parsed]) -> Parsed:
        """`parse()`'s result for `file`, from the cache when the file is unchanged."""
        name = f"{'entry' if dated else 'contact'}:{file.display_path}"
        key = _key(file.path)
        if key is not None:
            kept = self.kept.get(name)
            if kept is not None and kept[0] == key:
                try:
                    found = _decoded(kept[1])
                except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                    found = None  # damaged: parsed again below
                if found is not None:
                    self.seen[name] = kept
                    return found
        before = time.time()
        result = _with_links(parse())
        if key is not None and _settled(key, before) and _key(file.path) == key:
            self.seen[name] = (key, _encoded(result))
        self.changed = True
        return result

    def save(self) -> None:
        """Write what was read this run, atomically; files gone since are left out."""
        if not self.usable or not (self.changed or self.seen.keys() != self.kept.keys()):
            return
        data = {"netjournal": code_digest(), "format": _FORMAT, "files": self.seen}
        save_json(self.folder, _FILE, data)

    def _load(self) -> dict[str, tuple[Key, Any]]:
        data = load_json(self.folder, _FILE)
        if (
            not isinstance(data, dict)
            or data.get("netjournal") != code_digest()
            or data.get("format") != _FORMAT
            or not isinstance(data.get("files"), dict)
        ):
            return {}
        return {
            name: (kept[0], kept[1])
            for name, kept in data["files"].items()
            if isinstance(kept, list) and len(kept) == 2 and isinstance(kept[0], list)
        }


def _key(path: Path) -> Key | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def _settled(key: Key, before: float) -> bool:
    """Whether the file was last changed well before it was read (see FRESH_SECONDS)."""
    newest = max(key[1], key[2]) / 1e9
    return newest < before - FRESH_SECONDS


def _encoded(result: Parsed) -> Any:
    document, problems = result
    return {
        "document": None if document is None else _document_data(document),
        "problems": [[p.code, p.path, p.message, p.line, p.column] for p in problems],
    }


def _document_data(document: Document) -> dict[str, Any]:
    return {
        "data": document.data,
        "body": document.body,
        "body_line": document.body_line,
        "value_at": [[list(path), *place] for path, place in document.value_at.items()],
        "key_at": [[list(path), *place] for path, place in document.key_at.items()],
        "typed_text": [[list(path), text] for path, text in document.typed_text.items()],
        "links": [
            [found.link.target, found.link.heading, found.link.label, found.line, found.column]
            for found in document.links or ()
        ],
    }


def _decoded(kept: Any) -> Parsed | None:
    """The cached result, or None when it does not have the shape `_encoded` writes."""
    problems = []
    for code, path, message, line, column in kept["problems"]:
        if code not in CODES or not isinstance(path, str) or not isinstance(message, str):
            return None
        problems.append(Problem(code, path, message, int(line), int(column)))
    stored = kept["document"]
    if stored is None:
        return None, problems
    if not isinstance(stored["data"], dict) or not isinstance(stored["body"], str):
        return None
    document = Document(
        stored["data"],
        stored["body"],
        {_path(path): (int(line), int(column)) for path, line, column in stored["value_at"]},
        {_path(path): (int(line), int(column)) for path, line, column in stored["key_at"]},
        {_path(path): str(text) for path, text in stored["typed_text"]},
        int(stored["body_line"]),
        tuple(_found(*kept) for kept in stored["links"]),
    )
    return document, problems


def _with_links(result: Parsed) -> Parsed:
    """The parsed file with its notes' wikilinks found, so the cache keeps them too."""
    document, problems = result
    if document is None:
        return result
    links = tuple(links_in_notes(document.body, document.body_line))
    return dataclasses.replace(document, links=links), problems


def _found(target: Any, heading: Any, label: Any, line: Any, column: Any) -> Found:
    """A wikilink as the cache holds it; anything but text in it is refused as damage."""
    for part in (heading, label):
        if part is not None and not isinstance(part, str):
            raise TypeError("a wikilink's heading or label is not text")
    if not isinstance(target, str):
        raise TypeError("a wikilink's target is not text")
    return Found(Wikilink(target, heading, label), int(line), int(column))


def _path(parts: list[Any]) -> KeyPath:
    """A key path as the cache holds it; a list in it (which no key path has) is refused, by
    hashing, when the path becomes a dict key."""
    return tuple(parts)
