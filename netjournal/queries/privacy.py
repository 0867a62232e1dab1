"""The journal as a public build may show it: nothing private, and nothing that points to it."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from types import MappingProxyType

from netjournal.diagnostics import Problem
from netjournal.model import (
    Contact,
    ContactRef,
    EntryRef,
    FollowUp,
    Journal,
    JournalEntry,
    Origin,
    Person,
    Place,
    Property,
    Referral,
    Text,
)
from netjournal.queries.mentions import Mentions
from netjournal.read.hashtags import without_hashtags
from netjournal.read.values import quoted

PUBLIC_FIELDS = ("email", "phone", "birthday", "notes")


def public_view(journal: Journal, shown_fields: Collection[str] = ()) -> Journal:
    """The journal without private records or any mention of them.

    Private contacts and entries go, and so does everything that names a private contact:
    links to it (introduced by, referred by, with, referrals, introductions, follow-ups), any
    text that contains its name, alias, slug, email or phone as `Mentions` finds them (a text field
    is dropped, a title replaced), and an entry's slug (its anchor on the site) when the file
    name contains one. Email, phone, birthday and notes (contact and entry bodies) go too,
    unless `shown_fields` lists them; a file's other keys (its "More" list) go with the notes.
    """
    return _Redaction(journal, frozenset(shown_fields)).journal()


def private_mentions(journal: Journal) -> Mentions:
    """What finds the journal's private contacts in a text: names, slugs, emails, phones."""
    return Mentions(c for c in journal.contacts.values() if c.private)


def unpublishable_contacts(
    journal: Journal, name_places: Mapping[str, tuple[int, int]]
) -> list[Problem]:
    """An NJ121 error for each public contact whose own name or file name names a private one.

    Such a contact cannot be shown without its page title or URL naming the private
    contact, and no neutral name would tell the reader who it is: the user chooses.
    `name_places` gives the line and column of each contact's `name`.
    """
    secret = private_mentions(journal)
    problems = []
    for contact in journal.contacts.values():
        if contact.private:
            continue
        for what, text, fix, place in (
            ("file name", contact.slug, "rename the file (and the slugs that refer to it)", (1, 1)),
            ("name", contact.name, "change the name", name_places.get(contact.slug, (1, 1))),
        ):
            named = secret(text)
            if named is not None:
                problems.append(
                    Problem(
                        "NJ121",
                        contact.path,
                        f"this contact's {what} {quoted(text)} names the private contact "
                        f"{named}, so a public build would publish it: {fix}, or mark this "
                        "contact 'private: true'",
                        *place,
                    )
                )
    return problems


class _Redaction:
    def __init__(self, journal: Journal, kept: frozenset[str]) -> None:
        self.source, self.kept = journal, kept
        self.hidden = {slug for slug, c in journal.contacts.items() if c.private}
        self.secret = private_mentions(journal)
        self.private_entries = {e.slug for e in journal.entries if e.private}
        public = [e for e in journal.entries if not e.private]
        # An entry whose file name names a private contact gets a neutral slug (its anchor).
        self.renamed = {
            e.slug: f"{e.date:%Y-%m-%d}-entry-{n}"
            for n, e in enumerate(public, start=1)
            if self.secret(e.slug)
        }

    def journal(self) -> Journal:
        contacts = {
            slug: self.contact(c) for slug, c in self.source.contacts.items() if not c.private
        }
        entries = tuple(self.entry(e) for e in self.source.entries if not e.private)
        return Journal(MappingProxyType(contacts), entries)

    def text(self, value: str | None) -> str | None:
        return None if self.secret(value) else value

    def texts(self, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v for v in values if not self.secret(v))

    def slug(self, slug: str | None) -> str | None:
        return None if slug in self.hidden else slug

    def person(self, person: Person | None) -> bool:
        """Whether the person is a private contact, or words that name one."""
        if isinstance(person, ContactRef):
            return person.slug in self.hidden or self.secret(person.slug) is not None
        return person is not None and self.secret(person.text) is not None

    def place(self, place: Place | None) -> Place | None:
        """Where they met, unless it is a private entry or words that name someone private."""
        if isinstance(place, EntryRef):
            if place.slug in self.private_entries or self.secret(place.slug) is not None:
                return None
            return EntryRef(self.renamed.get(place.slug, place.slug))
        return None if place is None or self.secret(place.text) is not None else place

    def notes(self, body: str) -> str:
        return body if "notes" in self.kept and not self.secret(body) else ""

    def tags(self, tags: tuple[str, ...], body: str) -> tuple[str, ...]:
        """The tags a public page shows: none that only hidden notes carry (`#tag`)."""
        shown = tags if self.notes(body) else without_hashtags(tags, body)
        return self.texts(shown)

    def contact(self, contact: Contact) -> Contact:
        return dataclasses.replace(
            contact,
            company=self.text(contact.company),
            title=self.text(contact.title),
            location=self.text(contact.location),
            relationship=self.text(contact.relationship),
            tags=self.tags(contact.tags, contact.body),
            urls=self.texts(contact.urls),
            emails=self.texts(contact.emails) if "email" in self.kept else (),
            phones=self.texts(contact.phones) if "phone" in self.kept else (),
            birthday=contact.birthday if "birthday" in self.kept else None,
            body=self.notes(contact.body),
            introduced_by=self.slug(contact.introduced_by),
            referred_by=self.slug(contact.referred_by),
            met_at=self.place(contact.met_at),
            needs=self.texts(contact.needs),
            offers=self.texts(contact.offers),
            opportunities=tuple(
                dataclasses.replace(o, referred_by=self.slug(o.referred_by))
                for o in contact.opportunities
                if not self.secret(o.title)
            ),
            follow_ups=self.follow_ups(contact.follow_ups),
            aliases=self.texts(contact.aliases),
            links=self.links(contact.links),
            company_contact=self.slug(contact.company_contact)
            if self.text(contact.company)
            else None,
            more=self.more(contact.more),
        )

    def links(self, links: tuple[Origin, ...]) -> tuple[Origin, ...]:
        """The records wikilinks name, without private ones; entries under their public slug."""
        return tuple(
            EntryRef(self.renamed.get(link.slug, link.slug)) if isinstance(link, EntryRef) else link
            for link in links
            if link.slug
            not in (self.private_entries if isinstance(link, EntryRef) else self.hidden)
        )

    def entry(self, entry: JournalEntry) -> JournalEntry:
        kind = self.text(entry.kind)
        return dataclasses.replace(
            entry,
            slug=self.renamed.get(entry.slug, entry.slug),
            title=(kind or "entry").capitalize() if self.secret(entry.title) else entry.title,
            kind=kind,
            with_=tuple(s for s in entry.with_ if s not in self.hidden),
            tags=self.tags(entry.tags, entry.body),
            referrals=tuple(
                dataclasses.replace(r, entry=self.renamed.get(r.entry, r.entry))
                for r in entry.referrals
                if not self.mentioned_in(r)
            ),
            introductions=tuple(p for p in entry.introductions if not set(p) & self.hidden),
            follow_ups=self.follow_ups(entry.follow_ups),
            body=self.notes(entry.body),
            links=self.links(entry.links),
            more=self.more(entry.more),
        )

    def more(self, properties: tuple[Property, ...]) -> tuple[Property, ...]:
        """A file's other keys, redacted like its notes: kept only when the notes are
        published, and then without any that names someone private (key or value)."""
        if "notes" not in self.kept:
            return ()
        return tuple(
            p
            for p in properties
            if not self.secret(p.key)
            and not any(
                self.person(v) if isinstance(v, ContactRef | Text) else self.place(v) is None
                for v in p.values
            )
        )

    def mentioned_in(self, referral: Referral) -> bool:
        return (
            referral.contact in self.hidden
            or self.person(referral.prospect)
            or self.secret(referral.note) is not None
        )

    def follow_ups(self, follow_ups: tuple[FollowUp, ...]) -> tuple[FollowUp, ...]:
        return tuple(
            dataclasses.replace(f, origin=EntryRef(self.renamed.get(f.origin.slug, f.origin.slug)))
            if isinstance(f.origin, EntryRef)
            else f
            for f in follow_ups
            if not self.person(f.who) and not self.secret(f.what)
        )
