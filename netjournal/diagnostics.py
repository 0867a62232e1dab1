"""Problems found in the user's files: a stable code, a severity, a place and a sentence."""

from __future__ import annotations

import difflib
import enum
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


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

CODES = _codes(
    # The file itself
    ("NJ001", E, "the file is not UTF-8 text"),
    ("NJ002", E, "the file has no front matter"),
    ("NJ003", E, "the front matter is not closed"),
    ("NJ004", E, "the front matter is not valid YAML"),
    ("NJ005", E, "the front matter is not a mapping of keys to values"),
    ("NJ006", E, "a key appears twice in one front matter"),
    ("NJ007", E, "the front matter uses YAML aliases"),
    ("NJ008", E, "the file is too large"),
    ("NJ009", E, "a symbolic link points outside the journal"),
    ("NJ010", E, "two files have the same slug"),
    ("NJ011", W, "the file name is not a lowercase slug"),
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
    # Notes
    ("NJ130", W, "HTML in the notes is left open or closes nothing"),
    ("NJ131", W, "HTML in the notes is nested too deep"),
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
    folded: dict[str, str] = {}
    for choice in choices:
        folded.setdefault(fold(choice), choice)
    key = fold(word)
    match = folded.get(key)
    if match is None and key:
        close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.75)
        match = folded[close[0]] if close else None
    return f" (did you mean '{match}'?)" if match is not None and match != word else ""


def fold(text: str) -> str:
    """`text` lowercased, without accents, with one '-' for any run of spaces, '-' or '_'."""
    plain = unicodedata.normalize("NFKD", text.strip().strip("'\"\u2018\u2019\u201c\u201d"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s_-]+", "-", plain).strip("-")


def _one_line(text: str) -> str:
    """Control characters escaped, so one problem is one line of output."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", lambda m: repr(m.group())[1:-1], text)
