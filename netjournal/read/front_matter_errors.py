"""Sentences for front matter that cannot be read, pointing where the fix goes.

libyaml and PyYAML word the same mistake differently ("did not find expected key" and
"expected <block end>, but found '<scalar>'"), so each known mistake is recognised by both
wordings and explained once; the place is chosen to be where the fix goes (the quote that
was never closed, not the end of the file).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

Place = Callable[[Any], tuple[int, int]]

# No-break, thin, zero-width and other spaces YAML does not treat as spaces.
_SPACES = "\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff"
UNICODE_SPACE = re.compile(f"[{_SPACES}]")


OPENING = re.compile(r"---[ \t]*")
_DASHES = "-\u2013\u2014"


def fence_like(line: str) -> bool:
    """Whether `line` looks like a meant '---': '--', '----', a dash, or an indented '---'.

    Editors turn '---' into an en or em dash ("smart dashes"). Written without a regular
    expression: the one it replaces re-scanned the line from every leading space, so a line
    of 60,000 spaces took a minute.
    """
    core = line.strip(" \t")
    if 1 <= len(core) <= 6 and all(c in _DASHES for c in core):
        return core.startswith("--") or any(c != "-" for c in core)
    return core in ("---", "...") and line[:1] in (" ", "\t")


# Where such a space changes what YAML reads: as indentation, or after ':', '-', ',', '[', '{'.
_STRUCTURAL_SPACE = re.compile(f"(?m)(?:^|[:,\\[{{-])[ \t]*([{_SPACES}])")


BROKEN_ESCAPE = (
    "this text has an escape in double quotes (like '\\x07' or '\\ud800') that makes an "
    "invisible or broken character: remove the escape"
)


class FrontMatterError(Exception):
    """The front matter cannot be read; `code` is a diagnostic code, line and column 1-based."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column


def explain(error: yaml.MarkedYAMLError, text: str, place: Place) -> FrontMatterError:
    """An NJ004 for a YAML syntax error, with a sentence and the place the fix goes."""
    context = error.context or ""
    problem = error.problem or ""
    mark = error.problem_mark or error.context_mark
    start = error.context_mark or mark
    spaced = _unicode_space(text, [m for m in (error.context_mark, mark) if m], place)
    if spaced is not None:
        return spaced
    character = text[mark.index] if mark is not None and mark.index < len(text) else ""
    sentence, at = _sentence(context, problem, character, text, mark)
    return FrontMatterError("NJ004", sentence, *place(start if at == "start" else mark))


def _sentence(context: str, problem: str, character: str, text: str, mark: Any) -> tuple[str, str]:
    """What went wrong and how to fix it, and whether it is best shown at 'start' or 'mark'."""
    if "quoted scalar" in context and "end of stream" in problem:
        return (
            "this quote is never closed: end the value with the same quote (' or \"), "
            "on the same line",
            "start",
        )
    if "invalid Unicode" in problem:
        return BROKEN_ESCAPE, "start"
    if "escape" in problem or "hexadecimal" in problem or "hexdecimal" in problem:
        return (
            "a backslash (\\) inside double quotes starts an escape: use single quotes "
            "instead, like 'C:\\Users', or write \\\\ for one backslash",
            "mark",
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        return (
            f"the '{bracket}' opened here is not closed where it should be: end it with "
            f"'{closing}' on the same line, and put items containing ',' or ':' in quotes",
            "start",
        )
    if "mapping values are not allowed" in problem:
        return _colon_sentence(text, mark), "mark"
    if "tab" in problem or character == "\t":
        return "a tab here: indent with spaces, never tabs", "mark"
    if "cannot start any token" in problem:
        return (
            f"a value cannot start with '{character}': put the whole value in quotes, "
            f'like "{character}…"',
            "mark",
        )
    if "alias" in context or "anchor" in context:
        sign = "*" if "alias" in context else "&"
        return (
            f"a value starting with '{sign}' means something special in YAML: put the "
            f'whole value in quotes, like "{sign}…"',
            "start",
        )
    if "sequence entries are not allowed" in problem:
        return (
            "a '- ' list item cannot stand here: start the list on the line after its key, "
            "each item on its own line",
            "mark",
        )
    if "simple key" in context and "':'" in problem:
        return (
            "this line has no ':': write 'key: value', or indent the line further if it "
            "continues the value above",
            "start",
        )
    if "block mapping" in context or "block collection" in context:
        return _indentation_sentence(text, mark), "mark"
    if "block scalar" in context:
        return (
            "the text after '|' or '>' must be indented further than its key, all lines alike",
            "mark",
        )
    return f"this is not valid YAML ({problem or context}): compare it with the examples", "mark"


def _colon_sentence(text: str, mark: Any) -> str:
    line_start = text.rfind("\n", 0, mark.index) + 1
    before = text[line_start : mark.index]
    if ": " in before or before.rstrip().endswith(":"):
        return "a second ': ' on this line: put the value in quotes, like 'title: \"Re: lunch\"'"
    return (
        "this key is indented more than the keys above it: line it up with them (or, if "
        "the value above goes on, put the whole value in quotes)"
    )


def _indentation_sentence(text: str, mark: Any) -> str:
    line_start = text.rfind("\n", 0, mark.index) + 1
    before = text[line_start : mark.index].rstrip()
    if before.endswith(("'", '"')) and before.count(before[-1]) >= 2:
        return (
            "text follows the closing quote: put the whole value in quotes, like "
            '\'name: "Jane \\"JD\\" Doe"\''
        )
    return (
        "this line is not lined up with the lines above it: indent the keys of one "
        "mapping, and the '- ' items of one list, with the same number of spaces"
    )


def _unicode_space(text: str, marks: list[Any], place: Place) -> FrontMatterError | None:
    """A sentence for an invisible space pasted from a web page, on the lines of `marks`."""
    for mark in marks:
        line_start = text.rfind("\n", 0, mark.index) + 1
        line_end = text.find("\n", mark.index)
        found = invisible_space(text, line_start, line_end if line_end >= 0 else len(text), place)
        if found is not None:
            return found
    return None


def invisible_space(text: str, start: int, end: int, place: Place) -> FrontMatterError | None:
    """An NJ004 at the first Unicode space between `start` and `end`, if there is one.

    A no-break space after 'name:' (pasted from a web page or an email) looks like a space
    but is not one to YAML, which then reads the line as one piece of text.
    """
    found = _STRUCTURAL_SPACE.search(text, start, end)
    if found is None:
        return None
    message = invisible_space_message(found.group(1))
    return FrontMatterError("NJ004", message, *place(At(found.start(1))))


def invisible_space_message(space: str) -> str:
    return (
        f"an invisible U+{ord(space):04X} space (often pasted from a web page or an email) "
        "stands where YAML needs an ordinary space: retype the spaces on this line"
    )


@dataclass(frozen=True)
class At:
    """A place given by its character index, like a YAML mark."""

    index: int


def unreadable_character(
    error: yaml.reader.ReaderError, text: str, place: Place
) -> FrontMatterError:
    """An NJ004 for a character YAML refuses to read (a control character)."""
    at = At(min(error.position, len(text)))
    return FrontMatterError(
        "NJ004",
        f"an invisible control character U+{error.character:04X} is here: delete it "
        "(it often comes with text pasted from another program)",
        *place(at),
    )


def no_front_matter(lines: list[str]) -> FrontMatterError:
    """An NJ002 for a file whose first line is not '---', saying what it is instead."""
    first = lines[0].strip()
    if not "".join(lines).strip():
        return FrontMatterError(
            "NJ002",
            "the file is empty: write a line '---', the keys (like 'name: Jane Doe'), "
            "then another '---'",
        )
    if first == "+++":
        return FrontMatterError(
            "NJ002",
            "'+++' starts TOML front matter, which netjournal does not read: write the "
            "keys in YAML between two lines '---'",
        )
    if not first and any(OPENING.fullmatch(line.strip()) for line in lines):
        return FrontMatterError(
            "NJ002",
            "the front matter must start on the first line: remove the blank lines above "
            "the first '---'",
        )
    if fence_like(lines[0]):
        return FrontMatterError(
            "NJ002",
            f"the first line is '{first}' but must be exactly '---' (three hyphens, which "
            "some editors turn into a dash)",
        )
    return FrontMatterError(
        "NJ002",
        "no front matter: the file must start with a line '---', then the keys, then another '---'",
    )


def not_closed(lines: list[str]) -> FrontMatterError:
    """An NJ003, pointing at a line that looks like a closing '---' when there is one."""
    for number, line in enumerate(lines[1:], start=2):
        if fence_like(line):
            return FrontMatterError(
                "NJ003",
                f"the front matter is not closed: line {number} is '{line}' but "
                "the closing line must be exactly '---'",
                number,
            )
    return FrontMatterError(
        "NJ003", "the front matter is not closed: add a line '---' after the last key"
    )
