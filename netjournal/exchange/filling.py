"""A contact file given the keys it lacks, every byte of it kept: `import --fill-missing`.

The new keys are written as the writer writes them and inserted just before the closing
`---`; the keys already there (comments, quoting and all) and the notes stay as they are.
A key that is there, even empty, is never touched: the file is the user's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from typing import Any

from netjournal.model import Contact
from netjournal.read.front_matter import FrontMatterError, parse
from netjournal.read.journal import read_record
from netjournal.read.records import CONTACT_FORMAT
from netjournal.write.front_matter import Unwritable, contact_text

# A contact's key, and the record's field it fills when that is not the key's own name.
_FIELD_OF = {"email": "emails", "phone": "phones", "url": "urls"}


def missing_keys(text: str, fields: Mapping[str, Any]) -> list[str]:
    """The keys of `fields` the file's front matter does not have (an empty one counts as
    there), in the documented order; keys the format does not know are never added."""
    try:
        present = parse(text.replace("\r\n", "\n")).data
    except FrontMatterError:
        return []
    order = [key.name for key in CONTACT_FORMAT]  # as the file will have them
    return [key for key in order if key in fields and key != "name" and key not in present]


def filled(
    path: str,
    text: str,
    fields: Mapping[str, Any],
    *,
    contacts: Collection[str] = (),
    entries: Collection[str] = (),
) -> tuple[str, list[str]]:
    """The file's text with the keys of `fields` it lacks, and those keys (none: unchanged).

    Unwritable if the new keys would make the reader see the file differently: a new
    problem, or a change to a value that was there.
    """
    keys = missing_keys(text, fields)
    if not keys:
        return text, []
    written = contact_text("x", {"name": "x", **{k: fields[k] for k in keys}})
    front = written.split("\n")
    new_lines = front[2 : front.index("---", 1)]  # after `---` and `name: x`, before `---`
    lines = text.split("\n")  # a `\r` stays at the end of its line: bytes are kept
    document = parse(text.replace("\r\n", "\n"))
    fence = len(lines) - document.body.count("\n") - 2
    end = "\r" if lines[fence].endswith("\r") else ""
    result = "\n".join([*lines[:fence], *(line + end for line in new_lines), *lines[fence:]])
    _check(path, text, result, keys, contacts, entries)
    return result, keys


def _check(
    path: str,
    before: str,
    after: str,
    keys: list[str],
    contacts: Collection[str],
    entries: Collection[str],
) -> None:
    old, old_problems = read_record(path, _plain(before), contacts=contacts, entries=entries)
    new, new_problems = read_record(path, _plain(after), contacts=contacts, entries=entries)
    known = {(p.code, p.message) for p in old_problems}
    for problem in new_problems:
        if (problem.code, problem.message) not in known:
            raise Unwritable(problem.message)
    if not isinstance(old, Contact) or not isinstance(new, Contact):
        raise Unwritable(f"{path} is not read as a contact")
    changed = {_FIELD_OF.get(key, key) for key in keys}
    for field in dataclasses.fields(Contact):
        if field.name not in changed and getattr(old, field.name) != getattr(new, field.name):
            raise Unwritable(f"adding {', '.join(keys)} would change {field.name}")


def _plain(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
