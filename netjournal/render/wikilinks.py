"""Where a wikilink in a note leads on the site, and what it shows.

The reader's one `Resolver` decides what a wikilink names (so the site links exactly what
`check` accepted); this module only turns that record into a page of the site: a contact's
page, or an entry's place on the page that holds it (its month's, or a part of a long month:
`render.places`). A heading (`[[jane-doe#Work]]`) leads to that
heading in the record's notes, whose ids the note renderer prefixes; when the notes have no
such heading, to the record itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from netjournal.model import ContactRef, EntryRef, Journal
from netjournal.read.wikilinks import Target, Wikilink, journal_resolver, shown
from netjournal.render.places import month_uri


class SiteLinks:
    """The site page (`contacts/jane-doe.md`, `journal/2026-03.md#2026-03-04-bni`) and the
    words of each wikilink that names a record of `journal`; None for the others."""

    def __init__(
        self,
        journal: Journal,
        anchors: Mapping[str, str],
        note_ids: Mapping[str, str],
        pages: Mapping[str, str] | None = None,
    ):
        self.journal = journal
        self.pages = pages  # the page that holds each entry (`Places.pages`), else its month's
        self.anchors = anchors  # each entry's id on the page that holds it
        self.note_ids = note_ids  # the prefix of the ids in each entry's note
        self.entries = {entry.slug: entry for entry in journal.entries}
        notes: dict[Target, str] = {ContactRef(s): c.body for s, c in journal.contacts.items()}
        notes.update({EntryRef(s): e.body for s, e in self.entries.items()})
        self.resolver = journal_resolver(journal, notes)

    def target(self, link: Wikilink) -> tuple[str, str] | None:
        """The page (with its fragment) `link` leads to and the words it shows, or None.

        A heading its record's notes lack leads to the record itself (`check` says so).
        """
        found = self.resolver.resolve(link.target).target
        if found is None:
            return None
        written = (link.heading or "").strip()
        heading = self.resolver.heading(found, written) if written else None
        if isinstance(found, ContactRef):
            name = self.journal.contacts[found.slug].name
            uri = f"contacts/{found.slug}.md"
            fragment = f"notes--{heading}" if heading else ""
        else:
            entry = self.entries[found.slug]
            name = entry.title
            uri = self.pages[entry.slug] if self.pages is not None else month_uri(entry.month)
            fragment = self.anchors[entry.slug]
            if heading:
                fragment = f"{self.note_ids[entry.slug]}--{heading}"
        return (f"{uri}#{fragment}" if fragment else uri), shown(link, found, name)
