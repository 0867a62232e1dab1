"""A line on a terminal that says how far a long job has got: `Reading the journal: 12,000 of
55,000 files`.

Shown only when the stream is a terminal (never in a pipe, a log or CI), and only once the job
has taken DELAY seconds, so everyday commands print nothing more. The line is rewritten in
place at most every INTERVAL seconds and erased when the job ends, so what the command prints
afterwards reads as it always did.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

DELAY = 1.0
INTERVAL = 0.2
_ERASE = "\r\x1b[K"


class Progress:
    """Counts `unit`s of `what` done, out of `total` when it is known."""

    def __init__(
        self,
        what: str,
        unit: str,
        total: int | None = None,
        *,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.what, self.unit, self.total = what, unit, total
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.shown = _is_terminal(self.stream)
        self.done = 0
        self.started = clock()
        self.drawn_at: float | None = None

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.shown:
            return
        now = self.clock()
        if now - self.started < DELAY:
            return
        if self.drawn_at is not None and now - self.drawn_at < INTERVAL:
            return
        self.drawn_at = now
        self.stream.write(_ERASE + self.line())
        self.stream.flush()

    def line(self) -> str:
        """`Rendering pages: 1,200 of 5,130 pages`, or without `of` when the total is unknown."""
        out_of = f" of {self.total:,}" if self.total is not None else ""
        return f"{self.what}: {self.done:,}{out_of} {self.unit}"

    def close(self) -> None:
        """Erase the line, if one was drawn."""
        if self.drawn_at is not None:
            self.stream.write(_ERASE)
            self.stream.flush()
            self.drawn_at = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a stream without isatty, or closed
        return False
