"""Problems found in the user's files: a stable code, a severity, a place and a sentence."""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """One kind of problem, listed with an example and its fix in docs/diagnostics.md."""

    id: str
    severity: Severity
    summary: str


def _codes(*rows: tuple[str, Severity, str]) -> dict[str, Code]:
    return {row[0]: Code(*row) for row in rows}


E, W = Severity.ERROR, Severity.WARNING
MAX_SUGGESTED_LENGTH = 100  # a longer word is no misspelt slug or key: not searched for

CODES = _codes(
    # The file itself
    ("NJ001", E, "the file is not UTF-8 text"),
    ("NJ002", E, "the file has no front matter"),
    ("NJ003", E, "the front matter is not closed"),
    ("NJ004", E, "the front matter is not valid YAML"),
    ("NJ005", E, "the front matter is not a mapping of keys to values"),
    ("NJ006", E, "a key appears twice in one front matter"),
    ("NJ007", E, "the front matter uses YAML anchors or aliases"),
    ("NJ008", E, "the file is too large"),
    ("NJ009", E, "a symbolic link points outside the journal"),
    ("NJ010", E, "two files have the same slug"),
    ("NJ012", E, "the file cannot be read"),
    ("NJ013", E, "the file name cannot be used"),
    ("NJ014", W, "a file is not read because of its extension"),
    # Values
    ("NJ101", E, "a required key is missing"),
    ("NJ102", E, "a value has the wrong type"),
    ("NJ103", E, "unknown source"),
    ("NJ104", E, "not a date"),
    ("NJ105", E, "not a cadence"),
    ("NJ106", E, "a slug refers to no contact"),
    ("NJ107", W, "unknown key"),
    ("NJ108", E, "not a valid `done`"),
    ("NJ109", E, "not a number"),
    ("NJ110", E, "unknown status"),
    ("NJ111", W, "a contact refers to itself"),
    ("NJ112", W, "introductions form a cycle"),
    ("NJ115", E, "unknown stage"),
    ("NJ116", W, "two contacts look like the same person"),
    # A public build
    ("NJ120", E, "a public build cannot read whether a record is private"),
    ("NJ121", E, "a public contact is named after a private one"),
    ("NJ122", E, "a page in docs/ names a private contact"),
    # Notes
    ("NJ130", W, "HTML in the notes is left open or closes nothing"),
    ("NJ131", W, "HTML in the notes is nested too deep"),
    ("NJ132", W, "a note would take too long to render"),
    # Repeats
    ("NJ140", W, "a person is listed twice"),
    ("NJ141", W, "one person stands on both sides of an introduction or referral"),
    ("NJ142", W, "referrals form a cycle"),
    ("NJ143", E, "a value is too long"),
    # Wikilinks
    ("NJ144", W, "a wikilink names no contact or entry"),
    ("NJ145", W, "a wikilink's words name more than one contact"),
    ("NJ146", W, "a dated file name and its `date:` disagree"),
    ("NJ147", W, "an empty wikilink"),
    ("NJ148", W, "a wikilink names a heading its record does not have"),
    # A vault as it is (issue 14: folders and file names)
    ("NJ149", W, "two file names make the same address: the later one is numbered"),
    ("NJ153", W, "two keys of a file mean the same netjournal key, which takes one value"),
    # Tasks in the notes (`- [ ] …`)
    ("NJ157", W, "a task's date cannot be read"),
    ("NJ158", W, "an open task has a done date"),
)


@dataclass(frozen=True)
class Problem:
    """One problem in one file, with the 1-based line and column it points at."""

    code: str
    path: str
    message: str
    line: int = 1
    column: int = 1

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        """`path:line:column: severity CODE message`, always on one line."""
        where = f"{self.path}:{self.line}:{self.column}"
        return _one_line(f"{where}: {self.severity.value} {self.code} {self.message}")

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


class JournalError(Exception):
    """The journal has errors the user must fix; each is a Problem with a place."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` when one of `choices` is close to `word`, else ''.

    Case, accents, spaces, hyphens and underscores are ignored first, so `Jane Doe` finds
    `jane-doe` and `Follow-ups` finds `follow_ups`; then close spellings are looked for.
    """
    if len(word) > MAX_SUGGESTED_LENGTH:
        return ""
    match = _closest(fold(word), choices if isinstance(choices, frozenset) else tuple(choices))
    return f" (did you mean '{match}'?)" if match is not None and match != word else ""


@functools.lru_cache(maxsize=1024)  # a misspelt slug is often misspelt the same way again
def _closest(key: str, choices: frozenset[str] | tuple[str, ...]) -> str | None:
    """The choice whose folded form is `key`, else the closest one scoring 75 or more."""
    index = _suggestions(choices)
    match = index.by_fold.get(key)
    if match is None and key:
        found = process.extractOne(key, index.folds, scorer=fuzz.ratio, score_cutoff=75)
        match = index.by_fold[found[0]] if found else None
    return match


@dataclass(frozen=True)
class _Suggestions:
    """Choices by their folded form, folded once however many words are looked up."""

    by_fold: dict[str, str]
    folds: tuple[str, ...]


@functools.lru_cache(maxsize=16)
def _suggestions(choices: frozenset[str] | tuple[str, ...]) -> _Suggestions:
    # Sorted, so the first of two equally close choices is the same on every run.
    by_fold: dict[str, str] = {}
    for choice in sorted(choices):
        by_fold.setdefault(fold(choice), choice)
    return _Suggestions(by_fold, tuple(by_fold))


def fold(text: str) -> str:
    """`text` lowercased, without accents, with one '-' for any run of spaces, '-' or '_'."""
    plain = unicodedata.normalize("NFKD", text.strip().strip("'\"\u2018\u2019\u201c\u201d"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s_-]+", "-", plain).strip("-")


_ESCAPED = {
    code: repr(chr(code))[1:-1] for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)
}


def _one_line(text: str) -> str:
    """Control characters escaped, so one problem is one line of output."""
    return text.translate(_ESCAPED)  # a table, not a function call per character
