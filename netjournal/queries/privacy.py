"""The journal as a public build may show it: nothing private, and nothing that points to it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection
from types import MappingProxyType

from ..model import Contact, FollowUp, Journal, JournalEntry, Referral

PUBLIC_FIELDS = ("email", "phone", "birthday", "notes")


def public_view(journal: Journal, shown_fields: Collection[str] = ()) -> Journal:
    """The journal without private records or any mention of them.

    Private contacts and entries go, and so does everything that names a private contact:
    links to it (introduced by, referred by, with, referrals, introductions, follow-ups), any
    text that contains its name or slug (a text field is dropped, a title replaced), and an
    entry's slug (its anchor on the site) when the file name contains one. Email, phone,
    birthday and notes (contact and entry bodies) go too, unless `shown_fields` lists them.
    """
    return _Redaction(journal, frozenset(shown_fields)).journal()


class _Mentions:
    """Finds the names and slugs of private contacts inside free text.

    Hyphens, underscores and spaces count as one another, so the slug `jane-doe` is found
    in "Lunch with jane doe" (a title made from a file name) and the name in `jane_doe`.
    """

    def __init__(self, words: list[str]) -> None:
        patterns = sorted(
            (r"[-_\s]+".join(map(re.escape, parts)) for w in words if (parts := _parts(w))),
            key=len,
            reverse=True,
        )
        self.pattern = (
            re.compile(rf"(?<!\w)(?:{'|'.join(patterns)})(?!\w)", re.I) if patterns else None
        )

    def __call__(self, text: str | None) -> bool:
        return bool(text and self.pattern and self.pattern.search(text))


def _parts(word: str) -> list[str]:
    return [part for part in re.split(r"[-_\s]+", word) if part]


class _Redaction:
    def __init__(self, journal: Journal, shown: frozenset[str]) -> None:
        self.source, self.shown = journal, shown
        self.hidden = {slug for slug, c in journal.contacts.items() if c.private}
        names = [c.name for c in journal.contacts.values() if c.private]
        self.secret = _Mentions([*self.hidden, *names])
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

    def notes(self, body: str) -> str:
        return body if "notes" in self.shown and not self.secret(body) else ""

    def contact(self, contact: Contact) -> Contact:
        met_at = contact.met_at
        if self.secret(met_at) or met_at in self.private_entries:
            met_at = None
        elif met_at in self.renamed:
            met_at = self.renamed[met_at]
        return dataclasses.replace(
            contact,
            company=self.text(contact.company),
            title=self.text(contact.title),
            location=self.text(contact.location),
            relationship=self.text(contact.relationship),
            tags=self.texts(contact.tags),
            urls=self.texts(contact.urls),
            emails=self.texts(contact.emails) if "email" in self.shown else (),
            phones=self.texts(contact.phones) if "phone" in self.shown else (),
            birthday=contact.birthday if "birthday" in self.shown else None,
            body=self.notes(contact.body),
            introduced_by=self.slug(contact.introduced_by),
            referred_by=self.slug(contact.referred_by),
            met_at=met_at,
            needs=self.texts(contact.needs),
            offers=self.texts(contact.offers),
            opportunities=tuple(
                dataclasses.replace(o, referred_by=self.slug(o.referred_by))
                for o in contact.opportunities
                if not self.secret(o.title)
            ),
            follow_ups=self.follow_ups(contact.follow_ups),
        )

    def entry(self, entry: JournalEntry) -> JournalEntry:
        kind = self.text(entry.kind)
        return dataclasses.replace(
            entry,
            slug=self.renamed.get(entry.slug, entry.slug),
            title=(kind or "entry").capitalize() if self.secret(entry.title) else entry.title,
            kind=kind,
            with_=tuple(s for s in entry.with_ if s not in self.hidden),
            referrals=tuple(
                dataclasses.replace(r, entry=self.renamed.get(r.entry, r.entry))
                for r in entry.referrals
                if not self.mentioned_in(r)
            ),
            introductions=tuple(p for p in entry.introductions if not set(p) & self.hidden),
            follow_ups=self.follow_ups(entry.follow_ups),
            body=self.notes(entry.body),
        )

    def mentioned_in(self, referral: Referral) -> bool:
        return (
            referral.contact in self.hidden
            or referral.prospect in self.hidden
            or self.secret(referral.prospect)
            or self.secret(referral.note)
        )

    def follow_ups(self, follow_ups: tuple[FollowUp, ...]) -> tuple[FollowUp, ...]:
        return tuple(
            dataclasses.replace(f, origin=self.renamed.get(f.origin, f.origin))
            if f.origin_is_entry
            else f
            for f in follow_ups
            if f.who not in self.hidden and not self.secret(f.who) and not self.secret(f.what)
        )
