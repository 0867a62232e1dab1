"""Typed access to one front matter, recording a located Problem for every bad value."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from netjournal.diagnostics import Problem, did_you_mean
from netjournal.model import ContactRef, Origin
from netjournal.read.front_matter import Document, KeyPath
from netjournal.read.values import MAX_LIST_TEXT, BadValue, parse_money, parse_text, quoted
from netjournal.read.wikilinks import Resolver, Target, Wikilink, ambiguity, property_link

T = TypeVar("T")
_SLUG_LIKE = re.compile(r"[\w.-]+")


def slug_text(text: str) -> str:
    """A slug as written in a file, in the form file names are compared in (NFC)."""
    return unicodedata.normalize("NFC", text)


@dataclass
class Fields:
    """The keys of one mapping in a file's front matter (the whole of it, or a list item)."""

    document: Document
    path: str  # the file, as shown to the user
    problems: list[Problem]
    contacts: Collection[str]  # every contact slug, to check references
    data: dict[str, Any] = field(default_factory=dict)
    at: KeyPath = ()
    label: str = ""  # 'follow_ups item 3: ' for an item of a list, '' for the front matter
    names: Resolver | None = None  # what a wikilink may name; by default the contacts' slugs
    linked: list[Origin] = field(default_factory=list)  # records the wikilinks named
    spelled: Mapping[str, str] = field(default_factory=dict)  # a key → as the file writes it

    def shown(self, key: str) -> str:
        """`key` as the file writes it (`Company` for company), for messages."""
        return self.spelled.get(key, key)

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
        raw = yaml_wikilink(self.data.get(key))
        if raw is None or raw == "":
            if required:
                self.missing(key)
            return None
        try:
            return parse(self._as_written(raw, (*self.at, key), parse))
        except BadValue as bad:
            self.report(bad.code, f"{self.shown(key)}: {bad.message}", key)
            return None

    def missing(self, key: str) -> None:
        """Report the required `key` as missing, or as empty where it stands."""
        if key in self.data:
            said = self.shown(key)
            self.report(
                "NJ101", f"{self.label}'{said}' is empty: write its value after '{said}: '", key
            )
        elif self.label:
            self.report("NJ101", f"{self.label}'{key}' is missing: add '{key}: …' to this item")
        else:
            self.report("NJ101", f"'{key}' is missing: add a line '{key}: …'")

    def text(self, key: str, *, required: bool = False) -> str | None:
        """Text as typed (`phone: 0123` stays '0123'); blank text counts as missing."""
        text = self.get(key, parse_text, required=required)
        if text == "":
            if required:
                self.missing(key)
            return None
        return text

    def many(self, key: str, parse: Callable[[Any], T]) -> tuple[T, ...]:
        """Each item of the list at `key` (a lone value counts as one item), bad ones left out."""
        raw = self.data.get(key)
        if not isinstance(raw, list) or yaml_wikilink(raw) is not raw:
            one = self.get(key, parse)
            return () if one is None or one == "" else (one,)
        parsed = []
        length = 0  # of the texts so far: a list is shown on one line (tags) or one page
        for index, item in enumerate(raw):
            try:
                value = parse(self._as_written(item, (*self.at, key, index), parse))
            except BadValue as bad:
                self.report_item(bad.code, f"{self.shown(key)}: {bad.message}", key, index)
            else:
                length += len(value) if isinstance(value, str) else 0
                if length > MAX_LIST_TEXT:
                    message = (
                        f"{self.shown(key)}: the list is longer than the {MAX_LIST_TEXT:,} "
                        f"characters a list may have by item {index + 1}: shorten the items or "
                        "remove some"
                    )
                    self.report_item("NJ143", message, key, index)
                    break
                if value != "":
                    parsed.append(value)
        return tuple(parsed)

    def _as_written(self, raw: Any, path: KeyPath, parse: Callable[[Any], Any]) -> Any:
        """For text and amounts, the characters the user typed, where YAML saw a number or `no`.

        YAML 1.1 reads `0750` as 488 and `1:30` as 90: an amount must come from the text.
        """
        if parse is parse_text or parse is parse_money:
            return self.document.typed_text.get(path, raw)
        return raw

    def contact(self, key: str, *, required: bool = False) -> str | None:
        """A slug that must name a contact, or a wikilink to one (`"[[Jane Doe]]"`)."""
        text = self.text(key, required=required)
        return None if text is None else self.contact_named(text, key)

    def contact_named(self, text: str, key: str, index: int | None = None) -> str | None:
        """The contact `text` (a slug, or a wikilink) names; reported when none."""
        link = wikilink_value(text)
        if link is None:
            slug = self.slug_named(text) or slug_text(text)
            return slug if self.known(slug, key, index) else None
        found = self.follow(link, key, index, "contact")
        return found.slug if found is not None else None

    def slug_named(self, text: str) -> str | None:
        """The slug of the contact `text` names by its slug or by its file name (`Jane Doe`
        for `People/Jane Doe.md`), or None."""
        slug = slug_text(text)
        if slug in self.contacts:
            return slug
        named = self.resolver().file_named(slug)
        return named.slug if isinstance(named, ContactRef) else None

    def resolver(self) -> Resolver:
        if self.names is None:
            self.names = Resolver({slug: () for slug in self.contacts})
        return self.names

    def follow(
        self, link: Wikilink, key: str, index: int | None = None, kind: str = "contact"
    ) -> Target | None:
        """The record a wikilink in a value names (a contact, or for `place` an entry too).

        One that names nothing fitting is a warning (NJ144) and gives None.
        """
        found = self.resolver().resolve(link.target)
        wanted = found.target if kind == "place" or isinstance(found.target, ContactRef) else None
        if wanted is not None:
            self.linked.append(wanted)
            several = ambiguity(link, found)
            if several is not None:
                self._report_at("NJ145", f"{self.shown(key)}: {several}", key, index)
            return wanted
        what = "contact or journal entry" if kind == "place" else "contact"
        message = (
            f"{self.shown(key)}: the wikilink {quoted(link.written)} names no {what}{found.hint}: "
            "write a contact's slug, name or alias between the brackets, or create the contact"
        )
        self._report_at("NJ144", message, key, index)
        return None

    def _report_at(self, code: str, message: str, key: str, index: int | None) -> None:
        if index is None:
            self.report(code, message, key)
        else:
            self.report_item(code, message, key, index)

    def known(self, slug: str, key: str, index: int | None = None) -> bool:
        """Whether `slug` names a contact; reports it when not."""
        if slug in self.contacts:
            return True
        named = self.resolver().resolve(slug).target  # a name or an alias, written as a slug
        if isinstance(named, ContactRef):
            hint = f" (did you mean '{named.slug}'?)"
        else:
            hint = did_you_mean(slug, self.contacts)
        if hint or not _SLUG_LIKE.fullmatch(slug):
            fix = "write the contact's slug: its file name in contacts/, without '.md'"
        else:
            fix = f"create contacts/{slug}.md or correct the slug"
        message = f"{self.shown(key)}: no contact has the slug {quoted(slug)}{hint}: {fix}"
        if index is None:
            self.report("NJ106", message, key)
        else:
            self.report_item("NJ106", message, key, index)
        return False

    def items(self, key: str) -> Iterator[Fields]:
        """A Fields for each mapping in the list at `key` (a lone mapping counts as one)."""
        raw = self.data.get(key)
        if raw is None:
            return
        if isinstance(raw, dict):
            yield self._item(raw, (*self.at, key), f"{key}: ")
            return
        if not isinstance(raw, list):
            self.report(
                "NJ102",
                f"{self.shown(key)}: expected a list of items, each line starting '- ', got "
                f"{quoted(raw)}",
                key,
            )
            return
        for index, item in enumerate(raw):
            if isinstance(item, dict):
                yield self._item(item, (*self.at, key, index), f"{key} item {index + 1}: ")
            else:
                self.report_item(
                    "NJ102",
                    f"{self.shown(key)}: item {index + 1} should be keys with values (like "
                    f"'- what: …' and 'due: …' below it), got {quoted(item)}",
                    key,
                    index,
                )

    def _item(self, data: dict[str, Any], at: KeyPath, label: str) -> Fields:
        return Fields(
            self.document,
            self.path,
            self.problems,
            self.contacts,
            data,
            at,
            label,
            self.resolver(),
            self.linked,
        )

    def check_keys(self, known: Collection[str]) -> None:
        """Warn about keys the format does not know that look like mistakes.

        A close misspelling gets a suggestion. A key without a value on the line of the key
        before it is the end of that key's value, cut off by a ',' inside `{…}`:
        `{value: 4,500}` or `{what: Call Jane, then Tom, due: …}`. Other keys are the user's
        own (shown under "More"), and an empty one is a template's property: both silent.
        """
        line_before = 0
        for key, value in self.data.items():
            line = self.document.place((*self.at, key), key=True)[0]
            after, line_before = line_before, line
            if key in known:
                continue
            hint = did_you_mean(key, known)
            if hint:
                message = f"{self.label}unknown key '{key}'{hint}"
            elif value is None and line == after:
                message = (
                    f"{self.label}'{key}' has no value, so it is ignored: if it belongs to "
                    "the value before it, put that value in quotes (inside {…} a ',' "
                    "starts a new key)"
                )
            else:
                continue
            self.report("NJ107", message, key, on_key=True)

    def report_item(self, code: str, message: str, key: str, index: int) -> None:
        line, column = self.document.place((*self.at, key, index))
        self.problems.append(Problem(code, self.path, message, line, column))


def yaml_wikilink(raw: Any) -> Any:
    """`[[x]]` written without quotes, which YAML reads as a list in a list, as the text `[[x]]`."""
    if (
        isinstance(raw, list)
        and len(raw) == 1
        and isinstance(raw[0], list)
        and len(raw[0]) == 1
        and isinstance(raw[0][0], str)
    ):
        return f"[[{raw[0][0]}]]"
    return raw


def wikilink_value(text: str) -> Wikilink | None:
    """The wikilink a whole value is, or None."""
    return property_link(text) if text.startswith("[[") else None
