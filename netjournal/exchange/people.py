"""A person as another tool's file gives them: the fields of a contact file, and where they were.

What every importer (vCard, LinkedIn) returns, and what matching and writing take: the keys
are those of a contact's front matter (`name`, `email` as a list, `birthday` as a Birthday…),
so `netjournal.write.front_matter.contact_text` can write them as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Control characters (C0, DEL, C1), lone surrogates, private-use characters, line and
# paragraph separators: one character class, so one pass over the text.
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]"
)


@dataclass(frozen=True)
class ImportedContact:
    """One person read from a file: front-matter fields, notes, and the line they start on."""

    line: int
    fields: Mapping[str, Any]
    notes: str = ""

    @property
    def name(self) -> str:
        return str(self.fields.get("name", ""))


@dataclass(frozen=True)
class RowProblem:
    """A row or card that could not be read, and why, in a sentence."""

    line: int
    message: str


@dataclass
class ImportedFile:
    """Everyone a file holds, in file order, and the rows that could not be read."""

    contacts: list[ImportedContact] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def clean_text(value: str) -> str:
    """The text without control characters (a NUL, an escape), spaces run together, trimmed.

    Other tools' files carry stray control characters (a vertical tab from a pasted note,
    a NUL from a broken export); YAML cannot hold most of them, and nobody meant them.
    """
    return " ".join(_CONTROL.sub(" ", value).split())


def clean_notes(value: str) -> str:
    """Notes with their line breaks as `\\n`, without other control characters, trimmed."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(lambda m: m[0] if m[0] in "\t\n" else "", lines).strip("\n")


def unique(values: list[str]) -> list[str]:
    """The values without blanks or repeats (case aside), in their first order."""
    seen: set[str] = set()
    kept = []
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            kept.append(value)
    return kept
