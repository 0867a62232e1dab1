"""A follow-up marked done by editing its `done:` alone: every other byte of the file stays.

A task in the notes (`- [ ] …`, read/tasks.py) is done by ticking its box instead: `- [x] …
✅ YYYY-MM-DD`, the Tasks plugin's form (`[completion:: YYYY-MM-DD]` on a line that writes its
dates as Dataview fields), on that one line.

The reader's located parser says where the follow-up and each of its keys stand, so no YAML
is parsed by hand: in block style a line `done: YYYY-MM-DD` is inserted under the item, at
the indentation of its keys and with the line ending of the line above; in flow style
(`{what: …, due: …}`) `, done: YYYY-MM-DD` goes in after the due date; a `done: false` (or an
empty `done:`) has its value replaced. Each edit is read back before it is returned: it must
give the same front matter plus the one `done`, and no problem the file did not have.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Collection
from datetime import date
from typing import Any

from netjournal.model import ContactRef, FollowUp, Origin
from netjournal.read.front_matter import Document, FrontMatterError, KeyPath, parse
from netjournal.read.journal import read_record
from netjournal.read.tasks import TASK, read_task, without_block_id
from netjournal.write.front_matter import Unwritable

_LINE_END = re.compile(r"\r\n|\r|\n")
# The values a `done` can have while the follow-up is open (YAML 1.1's false and null).
_OPEN_VALUE = re.compile(
    r"(?:false|False|FALSE|no|No|NO|off|Off|OFF|null|Null|NULL|~|\"\"|''|"
    # …and those words in quotes, which the reader refuses as text (NJ108): replaced all the same
    r"\"(?:false|False|FALSE|no|No|NO|off|Off|OFF)\"|'(?:false|False|FALSE|no|No|NO|off|Off|OFF)'|)"
    r"(?=[ \t]*(?:#|,|\}|$))"
)
_FLOW_DUE = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|[^,{}\[\]\n]+")
_BLANK_OR_COMMENT = re.compile(r"[ \t]*(?:#.*)?")
_CLOSING = re.compile(r"(?:---|\.\.\.)[ \t]*")


def mark_done(
    text: str,
    origin: Origin,
    follow_up: FollowUp,
    on: date,
    *,
    contacts: Collection[str] = (),
    entries: Collection[str] = (),
    path: str | None = None,
) -> str:
    """`text`, the file holding `follow_up`, with the follow-up marked done on `on`.

    `contacts` and `entries` are the journal's slugs, which the file's keys may name; `path`
    is the file's path in the journal (its name may give an entry's date).
    Raises Unwritable, with a sentence, when the edit cannot be made safely.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = _lines(text[len(bom) :])
    record = _record_path(origin, path)
    if follow_up.task:
        return bom + _tick(lines, follow_up, on, record, contacts, entries)
    document = _parse("\n".join(content for content, _ in lines))
    item = _item(document, follow_up)
    done = (*item, "done")
    if done in document.key_at:
        edits = [_replaced(lines, document, done, on)]
    elif _at(lines, document.value_at[item]) == "{":
        edits = [_in_braces(lines, document, item, on)]
    else:
        edits = [
            _inserted(lines, at, _indent(document, item), on) for at in _ends(lines, document, item)
        ]
    for edited in edits:
        if edited is not None and _reads_back(
            edited, lines, document, item, follow_up, on, record, contacts, entries
        ):
            return bom + "".join(content + end for content, end in edited)
    raise Unwritable(
        f"the follow-up on line {follow_up.line} cannot be marked done without touching other "
        f"lines: add 'done: {on.isoformat()}' to it in your editor"
    )


def is_marked_done(
    before: str,
    after: str,
    origin: Origin,
    follow_up: FollowUp,
    on: date,
    *,
    contacts: Collection[str] = (),
    entries: Collection[str] = (),
    path: str | None = None,
) -> bool:
    """Whether `after` is `before` with `follow_up` done on `on` and nothing else changed
    that the reader would see: what a command checks the file it wrote against. For a task,
    nothing else changed at all: every other line is as it was, byte for byte."""
    lines = _lines(before.removeprefix("\ufeff"))
    record = _record_path(origin, path)
    if follow_up.task:
        edited = _lines(after.removeprefix("\ufeff"))
        return _tick_reads_back(edited, lines, follow_up, on, record, contacts, entries)
    try:
        document = _parse("\n".join(content for content, _ in lines))
        item = _item(document, follow_up)
    except Unwritable:
        return False
    edited = _lines(after.removeprefix("\ufeff"))
    return _reads_back(edited, lines, document, item, follow_up, on, record, contacts, entries)


def _record_path(origin: Origin, path: str | None = None) -> str:
    """The path the reader reads the file at: a contact's or an entry's, by its origin, with
    the file's own name when `path` gives it (a daily note's name is its date)."""
    folder = "contacts" if isinstance(origin, ContactRef) else "journal"
    name = path.replace("\\", "/").rsplit("/", 1)[-1] if path else f"{origin.slug}.md"
    return f"{folder}/{name}"


def _tick(
    lines: Lines,
    follow_up: FollowUp,
    on: date,
    record: str,
    contacts: Collection[str],
    entries: Collection[str],
) -> str:
    """The file's text with the task on `follow_up.line` ticked and dated, nothing else."""
    number = follow_up.line
    content, end = lines[number - 1] if 0 < number <= len(lines) else ("", "")
    box, task = TASK.match(content), read_task(content, number)
    if box is None or task is None or task.done or task.what != follow_up.what:
        raise Unwritable(
            f"line {number} is no longer the open task {follow_up.what!r}: run the command "
            "again, or tick its box in your editor"
        )
    if "done" in task.dates:
        raise Unwritable(
            f"the task on line {number} already gives a done date ({task.dates['done']}): "
            "tick its box in your editor, or remove that date first"
        )
    edited = list(lines)
    edited[number - 1] = (_ticked(content, box.start("box"), task.dataview, on), end)
    if not _tick_reads_back(edited, lines, follow_up, on, record, contacts, entries):
        raise Unwritable(
            f"the task on line {number} cannot be ticked without changing how the file reads: "
            f"tick its box and add ✅ {on.isoformat()} in your editor"
        )
    return "".join(content + end for content, end in edited)


def _ticked(content: str, box: int, dataview: bool, on: date) -> str:
    """The task line `content` with its box (at index `box`) ticked and the day it was done
    after its words, before a block id (`^a1b2`) and trailing spaces, as the Tasks plugin
    writes it."""
    mark = f"[completion:: {on.isoformat()}]" if dataview else f"✅ {on.isoformat()}"
    ticked = content[:box] + "x" + content[box + 1 :]
    kept = ticked.rstrip(" \t")
    words = without_block_id(kept).rstrip(" \t")
    return f"{words} {mark}{kept[len(words) :]}{ticked[len(kept) :]}"


def _tick_reads_back(
    edited: Lines,
    lines: Lines,
    follow_up: FollowUp,
    on: date,
    record: str,
    contacts: Collection[str],
    entries: Collection[str],
) -> bool:
    """Whether `edited` differs from `lines` on the task's line alone, and reads as the same
    journal with that one task done on `on` and no problem the file did not have."""
    number = follow_up.line
    if len(edited) != len(lines) or not 0 < number <= len(lines):
        return False
    if any(a != b for i, (a, b) in enumerate(zip(edited, lines, strict=True)) if i != number - 1):
        return False
    old_text = "\n".join(content for content, _ in lines)
    new_text = "\n".join(content for content, _ in edited)
    found, problems = read_record(record, new_text, contacts=contacts, entries=entries)
    old, old_problems = read_record(record, old_text, contacts=contacts, entries=entries)
    done = [
        f
        for f in getattr(found, "follow_ups", ())
        if f.task and f.line == number and f.what == follow_up.what and f.due == follow_up.due
    ]
    others = [f for f in getattr(found, "follow_ups", ()) if f.line != number]
    before = [f for f in getattr(old, "follow_ups", ()) if f.line != number]
    new_kinds = Counter((p.code, p.message) for p in problems)
    old_kinds = Counter((p.code, p.message) for p in old_problems)
    return (
        len(done) == 1 and done[0].done_on == on and others == before and not new_kinds - old_kinds
    )


Lines = list[tuple[str, str]]  # each line's text and its line ending ('\r\n', '\n', '\r' or '')


def _lines(text: str) -> Lines:
    lines, start = [], 0
    for end in _LINE_END.finditer(text):
        lines.append((text[start : end.start()], end.group()))
        start = end.end()
    lines.append((text[start:], ""))
    return lines


def _parse(text: str) -> Document:
    """The front matter of `text` (newlines as '\\n'), its mistakes as Unwritable."""
    try:
        return parse(text)
    except FrontMatterError as error:
        raise Unwritable(f"line {error.line}: {error.message}") from None


def _item(document: Document, follow_up: FollowUp) -> KeyPath:
    """Where in the front matter the follow-up starting on its line is."""
    raw = document.data.get("follow_ups")
    paths: list[KeyPath] = []
    if isinstance(raw, dict):
        paths = [("follow_ups",)]
    elif isinstance(raw, list):
        paths = [("follow_ups", i) for i, value in enumerate(raw) if isinstance(value, dict)]
    found = [p for p in paths if document.value_at.get(p, (0, 0))[0] == follow_up.line]
    if len(found) > 1:  # several on one line, `[{…}, {…}]`: told apart by what they say
        found = [p for p in found if _what(document, p) == follow_up.what]
    if len(found) != 1:
        raise Unwritable(
            f"no single follow-up starts on line {follow_up.line} any more: run the command "
            "again, or add the 'done' in your editor"
        )
    return found[0]


def _what(document: Document, item: KeyPath) -> str:
    value = _value(document.data, item)
    what = (*item, "what")
    return str(document.typed_text.get(what, value.get("what", ""))).strip()


def _value(data: dict[str, Any], path: KeyPath) -> Any:
    value: Any = data
    for step in path:
        value = value[step]
    return value


def _at(lines: Lines, place: tuple[int, int]) -> str:
    line, column = place
    return lines[line - 1][0][column - 1 : column]


def _replaced(lines: Lines, document: Document, done: KeyPath, on: date) -> Lines | None:
    """`done: false` (or `done:` with nothing after it) given the date instead."""
    line, column = document.value_at[done]
    content, end = lines[line - 1]
    match = _OPEN_VALUE.match(content, column - 1)
    if match is None:
        return None
    day = on.isoformat()
    if not match.group() and content[column - 2 : column - 1] not in (" ", "\t"):
        day = " " + day  # `done:` at the end of the line: YAML needs the space
    edited = list(lines)
    edited[line - 1] = (content[: match.start()] + day + content[match.end() :], end)
    return edited


def _in_braces(lines: Lines, document: Document, item: KeyPath, on: date) -> Lines | None:
    """`, done: YYYY-MM-DD` right after the due date of a `{what: …, due: …}` item."""
    due: KeyPath = (*item, "due")
    line, column = document.value_at[due]
    content, end = lines[line - 1]
    match = _FLOW_DUE.match(content, column - 1)
    if match is None:
        return None
    after = match.start() + len(match.group().rstrip(" \t"))
    edited = list(lines)
    edited[line - 1] = (f"{content[:after]}, done: {on.isoformat()}{content[after:]}", end)
    return edited


def _ends(lines: Lines, document: Document, item: KeyPath) -> list[int]:
    """Lines a block-style item may be followed by a new key: its last line, then its due's.

    The item ends before the first thing the parser placed after its own keys and values
    (or before the closing `---`), less the blank and comment lines in between.
    """
    places = [*document.value_at.items(), *document.key_at.items()]
    own = max(at[0] for path, at in places if path[: len(item)] == item)
    later = [at[0] for _, at in places if at[0] > own]
    closing = next(n for n in range(2, len(lines) + 1) if _CLOSING.fullmatch(lines[n - 1][0]))
    last = min([*later, closing]) - 1
    while last > own and _BLANK_OR_COMMENT.fullmatch(lines[last - 1][0]):
        last -= 1
    due: KeyPath = (*item, "due")
    due_line = document.value_at[due][0]
    return [last] if last == due_line else [last, due_line]


def _indent(document: Document, item: KeyPath) -> str:
    keys = [
        at
        for path, at in document.key_at.items()
        if len(path) == len(item) + 1 and path[:-1] == item
    ]
    return " " * (min(keys)[1] - 1) if keys else ""


def _inserted(lines: Lines, after: int, indent: str, on: date) -> Lines:
    """A line `done: YYYY-MM-DD` after line `after`, ending as that line ends."""
    end = lines[after - 1][1] or "\n"
    edited = list(lines)
    edited.insert(after, (f"{indent}done: {on.isoformat()}", end))
    return edited


def _reads_back(
    edited: Lines,
    lines: Lines,
    document: Document,
    item: KeyPath,
    follow_up: FollowUp,
    on: date,
    record: str,
    contacts: Collection[str],
    entries: Collection[str],
) -> bool:
    """Whether the edit gives the same front matter and body with the one `done` added, the
    follow-up read as done on `on`, and no problem the file did not already have."""
    old_text = "\n".join(content for content, _ in lines)
    new_text = "\n".join(content for content, _ in edited)
    try:
        new = parse(new_text)
    except FrontMatterError:
        return False
    expected = copy.deepcopy(document.data)
    _value(expected, item)["done"] = on.isoformat()
    if new.data != expected or new.body != document.body:
        return False
    found, problems = read_record(record, new_text, contacts=contacts, entries=entries)
    _, old_problems = read_record(record, old_text, contacts=contacts, entries=entries)
    done = [
        f
        for f in getattr(found, "follow_ups", ())
        if f.line == follow_up.line and f.what == follow_up.what and f.due == follow_up.due
    ]
    new_kinds = Counter((p.code, p.message) for p in problems)
    old_kinds = Counter((p.code, p.message) for p in old_problems)
    return len(done) == 1 and done[0].done_on == on and not new_kinds - old_kinds
