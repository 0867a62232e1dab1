"""Where each record is shown on the site: the one place that decides which page holds an entry
or a contact's row, so no link can lead to a page that lacks it.

A journal grows without its pages growing: a month of more than `limit` entries is a summary
linking its parts (`journal/2026-11/1.md`, by ranges of days), and a journal of more than
`limit` contacts lists them by the first letter of their names (`contacts/letters/e.md`),
each letter in pages of at most `limit` rows. Small journals keep one page for each.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from slugify import slugify

from netjournal.model import Contact, JournalEntry
from netjournal.queries.needs import fold

PAGE_LIMIT = 200  # the most entries on a month's page, or contacts on a page of the index
NAMES_SHOWN = 10  # the names a table cell or a sentence lists before "and N more"
OTHER = "other"  # the letter page of names that start with no letter A to Z


def month_uri(month: str) -> str:
    """The page of `YYYY-MM`: all its entries, or the summary linking its parts."""
    return f"journal/{month}.md"


def month_part_uri(month: str, part: int) -> str:
    return f"journal/{month}/{part}.md"


def anchor_id(slug: str) -> str:
    """An entry's slug made safe as an HTML id: accents dropped, other letters made '-'."""
    plain = unicodedata.normalize("NFKD", slug)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip("-.") or "entry"


def entry_anchors(entries: Iterable[JournalEntry]) -> dict[str, str]:
    """The HTML id of each entry (by slug), unique within its month.

    `2026-03-01-встреча` and `2026-03-01-звонок` both make `2026-03-01`, and `a+b` makes
    `a-b`: the second gets `-2` (or the next free number). A slug that is its own id keeps
    it, and the others are numbered in slug order, so ids do not depend on times of day.
    Unique within the month, an id is unique on each of the month's parts too, and stays the
    same when a month grows past the limit and is split.
    """
    months: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        months[entry.month].append(entry.slug)
    anchors: dict[str, str] = {}
    for slugs in months.values():
        wanted = {slug: anchor_id(slug) for slug in slugs}
        reserved = set(wanted.values())  # an entry's own id is never another's '-2'
        taken: set[str] = set()
        numbers: dict[str, int] = defaultdict(lambda: 1)  # per id: no rescan from 2
        for slug in sorted(slugs, key=lambda s: (wanted[s] != s, s)):
            base = anchor = wanted[slug]
            while anchor in taken or (anchor != base and anchor in reserved):
                numbers[base] += 1
                anchor = f"{base}-{numbers[base]}"
            taken.add(anchor)
            anchors[slug] = anchor
    return anchors


@dataclass(frozen=True)
class MonthPart:
    """Some days of a month too long for one page, and their entries in the month's order."""

    month: str
    number: int  # from 1
    entries: tuple[JournalEntry, ...]

    @property
    def uri(self) -> str:
        return month_part_uri(self.month, self.number)

    @property
    def first(self) -> date:
        return self.entries[0].date

    @property
    def last(self) -> date:
        return self.entries[-1].date

    @property
    def days(self) -> str:
        """`1 to 7`, or `12` when the part holds one day (or part of one)."""
        first, last = self.first.day, self.last.day
        return f"{first}" if first == last else f"{first} to {last}"


def month_parts(month: str, entries: Sequence[JournalEntry], limit: int) -> tuple[MonthPart, ...]:
    """The parts of a month of more than `limit` entries, whole days together where a day fits
    on one page; () when the month fits on one page."""
    if len(entries) <= limit:
        return ()
    chunks: list[list[JournalEntry]] = [[]]
    days: dict[date, list[JournalEntry]] = defaultdict(list)
    for entry in entries:
        days[entry.date].append(entry)
    for day_entries in days.values():
        if chunks[-1] and len(chunks[-1]) + len(day_entries) > limit:
            chunks.append([])
        for entry in day_entries:  # a day longer than a page fills pages of its own
            if len(chunks[-1]) == limit:
                chunks.append([])
            chunks[-1].append(entry)
    return tuple(MonthPart(month, n, tuple(chunk)) for n, chunk in enumerate(chunks, 1))


def letter_of(name: str) -> str:
    """The letter a name is listed under, `a` to `z` (Émile under `e`, Ørsted under `o`), else
    `other` (李伟, Дмитрий, 42 Club): other scripts are not spelt in Latin letters here."""
    for character in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(character) or not character.isalnum():
            continue
        folded = character.casefold()
        if not "a" <= folded <= "z" and unicodedata.name(character, "").startswith("LATIN"):
            folded = slugify(character)[:1]  # Ø, Ł, Æ: letters of their own, spelt as o, l, a
        return folded if "a" <= folded <= "z" else OTHER
    return OTHER


@dataclass(frozen=True)
class LetterPage:
    """One page of the contacts whose names start with `letter`, at most `limit` of them."""

    letter: str  # `a`…`z` or `other`
    number: int  # from 1
    pages: int  # how many pages the letter has
    contacts: tuple[Contact, ...]  # by name

    @property
    def uri(self) -> str:
        suffix = "" if self.number == 1 else f"-{self.number}"
        return f"contacts/letters/{self.letter}{suffix}.md"

    @property
    def label(self) -> str:
        """`A`, `Other`, or `A, page 2`."""
        shown = "Other" if self.letter == OTHER else self.letter.upper()
        return shown if self.pages == 1 else f"{shown}, page {self.number}"


def letter_pages(contacts: Sequence[Contact], limit: int) -> tuple[LetterPage, ...]:
    """The pages of the contacts index by letter (A to Z, then the rest), when there are more
    than `limit` contacts; () when they fit on one page. `contacts` come sorted by name."""
    if len(contacts) <= limit:
        return ()
    letters: dict[str, list[Contact]] = defaultdict(list)
    for contact in contacts:
        letters[letter_of(contact.name)].append(contact)
    pages: list[LetterPage] = []
    for letter in sorted(letters, key=lambda key: (key == OTHER, key)):
        # Without accents or case, so that Émile sorts among the other E names.
        people = sorted(letters[letter], key=lambda c: (fold(c.name), c.name))
        count = -(-len(people) // limit)
        for number in range(1, count + 1):
            shown = tuple(people[(number - 1) * limit : number * limit])
            pages.append(LetterPage(letter, number, count, shown))
    return tuple(pages)


class Places:
    """Which page holds each entry, and the month parts and letter pages of the site."""

    def __init__(
        self,
        by_month: dict[str, list[JournalEntry]],
        people: Sequence[Contact],
        limit: int = PAGE_LIMIT,
    ):
        self.anchors = entry_anchors(e for entries in by_month.values() for e in entries)
        self.parts = {
            month: found
            for month, entries in by_month.items()
            if (found := month_parts(month, entries, limit))
        }
        self.pages: dict[str, str] = {}  # entry slug → the page that holds it
        for month, entries in by_month.items():
            for entry in entries:
                self.pages[entry.slug] = month_uri(month)
        for parts in self.parts.values():
            for part in parts:
                for entry in part.entries:
                    self.pages[entry.slug] = part.uri
        self.letters = letter_pages(people, limit)
        self.limit = limit

    def entry(self, slug: str) -> str:
        """The page and anchor of the entry `slug`: `journal/2026-11/2.md#2026-11-09-bni`."""
        return f"{self.pages[slug]}#{self.anchors[slug]}"
