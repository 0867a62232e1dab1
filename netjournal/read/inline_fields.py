"""Dataview's inline fields in a note: `key:: value` lines, `[key:: value]` and `(key:: value)`.

Obsidian vaults keep properties in the text this way (`title:: Party planer`, a daily note's
`(person:: [[Jonathan]])`); the reader takes them as front-matter keys the front matter does
not set. They stay in the notes as written: Obsidian shows them there too.

Read line by line without a regular expression over the text: a key is at most
MAX_KEY characters, and a bracket that never closes ends the line's reading, so each line
costs one pass. Fenced code is not read, nor a task's line (`- [ ] … [due:: …]`): its fields
are the task's.
"""

from __future__ import annotations

from dataclasses import dataclass

from netjournal.read.fences import outside_fences

MAX_KEY = 60
MAX_KEY_WORDS = 4
_SENTENCE_MARKS = (". ", "! ", "? ", ", ", "; ")
_CLOSING = {"[": "]", "(": ")"}
_NOT_IN_KEY = frozenset("[]()*`>#|\n")


@dataclass(frozen=True)
class InlineField:
    """One `key:: value` as written, where its value starts in the file."""

    key: str
    value: str
    line: int
    column: int  # 1-based, of the value
    key_column: int


def inline_fields(body: str, first_line: int = 1) -> list[InlineField]:
    """Every inline field in the note `body`, whose first line is line `first_line` of its file."""
    if "::" not in body:
        return []
    found: list[InlineField] = []
    for index, line in outside_fences(body.split("\n")):
        number, stripped = first_line + index, line.strip()
        if "::" not in line or _is_task(stripped):
            continue
        whole = _whole_line(line, number)
        if whole is not None:
            found.append(whole)
            continue
        found.extend(_bracketed(line, number))
    return found


def opens_like_a_note(text: str) -> bool:
    """Whether a file without front matter reads as a note of its own: it has an inline
    field, or starts with a `# heading` (a Foam note)."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    return first.startswith("# ") or bool(inline_fields(text))


def _is_task(stripped: str) -> bool:
    return stripped[:1] in "-*+" and stripped[1:].lstrip(" ")[:1] == "["


def _valid_key(key: str) -> bool:
    """A key is a few words (`Date of birth`), not a sentence that happens to hold a `::`
    (`Executive coach. Introduced by:: [[Jane]]`)."""
    if not 0 < len(key) <= MAX_KEY or any(c in _NOT_IN_KEY for c in key):
        return False
    return len(key.split()) <= MAX_KEY_WORDS and not any(m in key for m in _SENTENCE_MARKS)


def _whole_line(line: str, number: int) -> InlineField | None:
    """`key:: value` as a line of its own."""
    key, marker, value = line.partition("::")
    written = key.strip()
    if not marker or key[:1].isspace() or not _valid_key(written) or ":" in written:
        return None
    column = len(key) + 2 + (len(value) - len(value.lstrip()))
    return InlineField(written, value.strip(), number, column + 1, 1)


def _bracketed(line: str, number: int) -> list[InlineField]:
    """Each `[key:: value]` or `(key:: value)` in `line`; a wikilink's brackets are not one."""
    found = []
    index = 0
    while index < len(line):
        opening = line[index]
        if opening not in _CLOSING or line.startswith("[[", index):
            index += 2 if line.startswith("[[", index) else 1
            continue
        head = line[index + 1 : index + 2 + MAX_KEY]
        key, marker, _ = head.partition("::")
        if not marker or not _valid_key(key.strip()) or ":" in key:
            index += 1
            continue
        start = index + 1 + len(key) + 2
        end = _closing(line, start, opening)
        if end is None:
            break  # never closed: nothing after it on this line is read
        raw = line[start:end]
        column = start + (len(raw) - len(raw.lstrip())) + 1
        found.append(InlineField(key.strip(), raw.strip(), number, column, index + 2))
        index = end + 1
    return found


def _closing(line: str, start: int, opening: str) -> int | None:
    """Where the bracket opened before `start` closes, skipping nested ones (`[[X]]`)."""
    closing = _CLOSING[opening]
    depth = 0
    for index in range(start, len(line)):
        c = line[index]
        if c == opening:
            depth += 1
        elif c == closing:
            if depth == 0:
                return index
            depth -= 1
    return None
