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
    links to it (introduced by, referred by, with, referrals, introductions, follow-ups) and
    any text that contains its name or slug. Email, phone, birthday and notes (contact and
    entry bodies) go too, unless `shown_fields` lists them.
    """
    hidden = {slug: c for slug, c in journal.contacts.items() if c.private}
    secret = _Mentions([*hidden, *(c.name for c in hidden.values())])
    entries = [e for e in journal.entries if not e.private]
    private_entries = {e.slug for e in journal.entries if e.private}
    contacts = {
        slug: _public_contact(c, hidden, secret, private_entries, shown_fields)
        for slug, c in journal.contacts.items()
        if not c.private
    }
    return Journal(
        MappingProxyType(contacts),
        tuple(_public_entry(e, hidden, secret, shown_fields) for e in entries),
    )


class _Mentions:
    """Finds the names and slugs of private contacts inside free text."""

    def __init__(self, words: list[str]) -> None:
        words = [w for w in words if w.strip()]
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I) if words else None

    def __call__(self, text: str | None) -> bool:
        return bool(text and self.pattern and self.pattern.search(text))


def _public_contact(
    contact: Contact,
    hidden: Collection[str],
    secret: _Mentions,
    private_entries: Collection[str],
    shown: Collection[str],
) -> Contact:
    def keep(slug: str | None) -> str | None:
        return None if slug in hidden else slug

    met_at = None if secret(contact.met_at) or contact.met_at in private_entries else contact.met_at
    return dataclasses.replace(
        contact,
        emails=contact.emails if "email" in shown else (),
        phones=contact.phones if "phone" in shown else (),
        birthday=contact.birthday if "birthday" in shown else None,
        body=contact.body if "notes" in shown and not secret(contact.body) else "",
        introduced_by=keep(contact.introduced_by),
        referred_by=keep(contact.referred_by),
        met_at=met_at,
        needs=tuple(n for n in contact.needs if not secret(n)),
        offers=tuple(o for o in contact.offers if not secret(o)),
        opportunities=tuple(
            dataclasses.replace(o, referred_by=keep(o.referred_by))
            for o in contact.opportunities
            if not secret(o.title)
        ),
        follow_ups=_public_follow_ups(contact.follow_ups, hidden, secret),
    )


def _public_entry(
    entry: JournalEntry, hidden: Collection[str], secret: _Mentions, shown: Collection[str]
) -> JournalEntry:
    return dataclasses.replace(
        entry,
        title=(entry.kind or "entry").capitalize() if secret(entry.title) else entry.title,
        with_=tuple(s for s in entry.with_ if s not in hidden),
        referrals=tuple(r for r in entry.referrals if not _mentions(r, hidden, secret)),
        introductions=tuple(p for p in entry.introductions if not set(p) & set(hidden)),
        follow_ups=_public_follow_ups(entry.follow_ups, hidden, secret),
        body=entry.body if "notes" in shown and not secret(entry.body) else "",
    )


def _mentions(referral: Referral, hidden: Collection[str], secret: _Mentions) -> bool:
    return (
        referral.contact in hidden
        or referral.prospect in hidden
        or secret(referral.prospect)
        or secret(referral.note)
    )


def _public_follow_ups(
    follow_ups: tuple[FollowUp, ...], hidden: Collection[str], secret: _Mentions
) -> tuple[FollowUp, ...]:
    return tuple(
        f for f in follow_ups if f.who not in hidden and not secret(f.who) and not secret(f.what)
    )
