"""Which lines of a note are in a fenced block (``` or ~~~): code, or an Obsidian query.

One reading for every place that looks at a note line by line (titles, tasks, inline fields,
the last conversation's quote), as Markdown decides it: a fence opens with three or more of
one sign, after spaces or a quote's `>`, and the block runs until a line of the same sign, as
long or longer, with nothing after it (or to the end of the note).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# Anchored; each `>` starts its own repeat, so a failed match gives back nothing twice: linear.
_FENCE = re.compile(r"[ \t]*(?:>[ \t]*)*(?P<fence>`{3,}|~{3,})")


class Fences:
    """Steps through a note one line at a time, knowing whether a block is open."""

    def __init__(self) -> None:
        self.open: str | None = None  # the fence that opened the block we are in

    def fenced(self, line: str) -> bool:
        """Whether `line` belongs to a fenced block: its fences, or a line between them."""
        found = _FENCE.match(line)
        if self.open is not None:
            if found and _closes(found["fence"], self.open, line[found.end() :]):
                self.open = None
            return True
        if found:
            self.open = found["fence"]
            return True
        return False


def outside_fences(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Each line (numbered from 0) that is not in a fenced block."""
    fences = Fences()
    for number, line in enumerate(lines):
        if not fences.fenced(line):
            yield number, line


def _closes(fence: str, opened: str, after: str) -> bool:
    """Whether a fence closes the one `opened`: the same sign, as long or longer, alone."""
    return fence[0] == opened[0] and len(fence) >= len(opened) and not after.strip()
