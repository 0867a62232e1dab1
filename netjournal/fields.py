"""Typed access to one front matter, recording a located Problem for every bad value."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .diagnostics import Problem, did_you_mean
from .front_matter import Document, Path
from .values import BadValue, parse_text, shown

T = TypeVar("T")


@dataclass
class Fields:
    """The keys of one mapping in a file's front matter (the whole of it, or a list item)."""

    document: Document
    path: str  # the file, as shown to the user
    problems: list[Problem]
    contacts: Collection[str]  # every contact slug, to check references
    data: dict[str, Any] = field(default_factory=dict)
    at: Path = ()

    def __contains__(self, key: str) -> bool:
        return self.data.get(key) is not None

    def report(
        self, code: str, message: str, key: str | None = None, *, on_key: bool = False
    ) -> None:
        """Record a problem at `key` (its value, or the key itself), or at this mapping."""
        where = (*self.at, key) if key is not None else self.at
        line, column = self.document.place(where, key=on_key)
        self.problems.append(Problem(code, self.path, message, line, column))

    def get(self, key: str, parse: Callable[[Any], T], *, required: bool = False) -> T | None:
        """The value of `key` parsed by `parse`, or None when it is absent or bad."""
        raw = self.data.get(key)
        if raw is None or raw == "":
            if required:
                self.report("NJ101", f"'{key}' is missing: add a line '{key}: …'")
            return None
        try:
            return parse(raw)
        except BadValue as bad:
            self.report(bad.code, f"{key}: {bad.message}", key)
            return None

    def text(self, key: str, *, required: bool = False) -> str | None:
        return self.get(key, parse_text, required=required)

    def many(self, key: str, parse: Callable[[Any], T]) -> tuple[T, ...]:
        """Each item of the list at `key` (a lone value counts as one item), bad ones left out."""
        raw = self.data.get(key)
        if not isinstance(raw, list):
            one = self.get(key, parse)
            return () if one is None else (one,)
        parsed = []
        for index, item in enumerate(raw):
            try:
                parsed.append(parse(item))
            except BadValue as bad:
                self._report_item(bad.code, f"{key}: {bad.message}", key, index)
        return tuple(parsed)

    def contact(self, key: str, *, required: bool = False) -> str | None:
        """A slug that must name a contact."""
        slug = self.text(key, required=required)
        if slug is not None and not self.known(slug, key):
            return None
        return slug

    def known(self, slug: str, key: str, index: int | None = None) -> bool:
        """Whether `slug` names a contact; reports it when not."""
        if slug in self.contacts:
            return True
        message = (
            f"{key}: no contact has the slug {shown(slug)}{did_you_mean(slug, self.contacts)}: "
            f"create contacts/{slug}.md or correct the slug"
        )
        if index is None:
            self.report("NJ106", message, key)
        else:
            self._report_item("NJ106", message, key, index)
        return False

    def items(self, key: str) -> Iterator[Fields]:
        """A Fields for each mapping in the list at `key`; other items are reported."""
        raw = self.data.get(key)
        if raw is None:
            return
        if not isinstance(raw, list):
            self.report("NJ102", f"{key}: expected a list of items (each line starting '- ')", key)
            return
        for index, item in enumerate(raw):
            if isinstance(item, dict):
                yield Fields(
                    self.document,
                    self.path,
                    self.problems,
                    self.contacts,
                    item,
                    (*self.at, key, index),
                )
            else:
                self._report_item(
                    "NJ102",
                    f"{key}: item {index + 1} should be keys with values, got {shown(item)}",
                    key,
                    index,
                )

    def check_keys(self, known: Collection[str]) -> None:
        """Warn about keys the format does not know, suggesting a close one."""
        for key in self.data:
            if key not in known:
                hint = did_you_mean(key, known)
                if hint:
                    self.report("NJ107", f"unknown key '{key}'{hint}", key, on_key=True)

    def _report_item(self, code: str, message: str, key: str, index: int) -> None:
        line, column = self.document.place((*self.at, key, index))
        self.problems.append(Problem(code, self.path, message, line, column))
