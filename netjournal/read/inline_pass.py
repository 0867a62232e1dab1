"""What Python-Markdown's inline pass finds in a note outside code.

The reader asks it two things (the wikilinks a note's page shows, the `#tags` it carries):
the site's own Markdown decides what is code and what is a link, so the reader counts
exactly what the page shows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

import markdown  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]

T = TypeVar("T")


class InlinePass(Generic[T]):
    """A converter whose extension appends what it finds to a list, one per thread (a
    Markdown instance is not thread-safe), made once: building Python-Markdown's parser
    costs more than converting a note (35,000 notes: 60 s)."""

    def __init__(self, extension: Callable[[list[T]], Extension]) -> None:
        self._extension = extension
        self._local = threading.local()

    def found(self, text: str) -> list[T] | None:
        """What the extension collected in `text`, in order; None when the note nests too
        deeply for Python-Markdown to convert."""
        kept: tuple[markdown.Markdown, list[T]] | None = getattr(self._local, "kept", None)
        if kept is None:
            seen: list[T] = []
            kept = (markdown.Markdown(extensions=["fenced_code", self._extension(seen)]), seen)
            self._local.kept = kept
        converter, seen = kept
        seen.clear()
        try:
            converter.convert(text)
        except RecursionError:
            self._local.kept = None  # half-way through a note: start the next one afresh
            return None
        finally:
            converter.reset()
        return list(seen)
