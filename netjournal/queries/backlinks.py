"""Who links to a contact: the entries and contacts whose wikilinks name it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from netjournal.model import Contact, ContactRef, Journal, JournalEntry


@dataclass(frozen=True)
class Backlinks:
    """The records that link to one contact by wikilink, in notes or properties."""

    entries: tuple[JournalEntry, ...] = ()  # newest first
    contacts: tuple[Contact, ...] = ()  # by name

    def __bool__(self) -> bool:
        return bool(self.entries or self.contacts)


def backlinks(journal: Journal) -> dict[str, Backlinks]:
    """Each linked contact's backlinks, by slug; a contact's links to itself are left out."""
    entries: dict[str, list[JournalEntry]] = defaultdict(list)
    contacts: dict[str, list[Contact]] = defaultdict(list)
    for entry in reversed(journal.entries):
        for slug in _linked(entry.links, journal):
            entries[slug].append(entry)
    for contact in sorted(journal.contacts.values(), key=lambda c: (c.name, c.slug)):
        for slug in _linked(contact.links, journal):
            if slug != contact.slug:
                contacts[slug].append(contact)
    return {
        slug: Backlinks(tuple(entries.get(slug, ())), tuple(contacts.get(slug, ())))
        for slug in sorted(entries.keys() | contacts.keys())
    }


def _linked(links: tuple[object, ...], journal: Journal) -> list[str]:
    return [
        link.slug
        for link in dict.fromkeys(links)
        if isinstance(link, ContactRef) and link.slug in journal.contacts
    ]
