"""The journal's tags: which contacts and entries carry each, and the page each one gets.

Tags are matched as a person reads them: `Lawyer`, `lawyer` and `LAWYER` are one tag, shown
as it is written most often (as Obsidian treats them). Two different tags whose page names
would come out the same (`C++` and `C`, both `c`) each keep a page of their own: the first
in alphabetical order gets `c`, the next `c-2`, never one page for both.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from netjournal.model import Contact, Journal, JournalEntry
from netjournal.write.slugs import slug_for

EMPTY_SLUG = "tag"  # the page of a tag with no letter or digit in any script (`!!!`)


@dataclass(frozen=True)
class Tag:
    """One tag: its name as written, its page's slug, and what carries it."""

    name: str
    slug: str  # its page is tags/<slug>
    contacts: tuple[Contact, ...]  # by name
    entries: tuple[JournalEntry, ...]  # newest first

    @property
    def uses(self) -> int:
        return len(self.contacts) + len(self.entries)


def tag_key(name: str) -> str:
    """What makes two tags the same tag: their words, case and Unicode form aside."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def tags(journal: Journal) -> tuple[Tag, ...]:
    """Every tag of the journal's contacts and entries, by name (case aside)."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    contacts: dict[str, list[Contact]] = defaultdict(list)
    entries: dict[str, list[JournalEntry]] = defaultdict(list)
    for contact in journal.contacts.values():
        for key in _keys(contact.tags, spellings):
            contacts[key].append(contact)
    for entry in journal.entries:
        for key in _keys(entry.tags, spellings):
            entries[key].append(entry)
    keys = sorted(spellings)
    slugs = tag_slugs(keys)
    return tuple(
        Tag(
            name=_most_written(spellings[key]),
            slug=slugs[key],
            contacts=tuple(sorted(contacts[key], key=lambda c: (c.name.casefold(), c.slug))),
            entries=tuple(sorted(entries[key], key=lambda e: (e.date, e.slug), reverse=True)),
        )
        for key in keys
    )


def tag_slugs(keys: list[str]) -> dict[str, str]:
    """Each tag's page slug, unique: `c`, then `c-2` for the next tag that slugs to `c`.

    `keys` are taken in order, so the first keeps the plain slug. A numbered slug is never
    one that another tag makes on its own (`c-2` as a tag of its own keeps `c-2`).
    """
    wanted = {key: slug_for(key) or EMPTY_SLUG for key in keys}
    reserved = set(wanted.values())
    taken: set[str] = set()
    slugs: dict[str, str] = {}
    for key in sorted(keys, key=lambda k: (wanted[k] != _plain(k), k)):
        slug, number = wanted[key], 1
        while slug in taken or (slug != wanted[key] and slug in reserved):
            number += 1
            slug = f"{wanted[key]}-{number}"
        taken.add(slug)
        slugs[key] = slug
    return slugs


def by_name(found: tuple[Tag, ...]) -> dict[str, Tag]:
    """Each tag by every spelling it may be written in (see `tag_key`)."""
    return {tag_key(tag.name): tag for tag in found}


def _plain(key: str) -> str:
    """The key as a slug would read it with nothing dropped: `web design` → `web-design`."""
    return "-".join(key.split())


def _keys(names: tuple[str, ...], spellings: dict[str, Counter[str]]) -> list[str]:
    """The distinct tags in `names` (a record carries each tag once), counting spellings."""
    keys: list[str] = []
    for name in names:
        key = tag_key(name)
        if not key or key in keys:
            continue
        spellings[key][" ".join(name.split())] += 1
        keys.append(key)
    return keys


def _most_written(spellings: Counter[str]) -> str:
    """The spelling most records use; on a tie, the first in alphabetical order."""
    return min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]
