"""Build a Contact or a JournalEntry from one file's front matter: the format, key by key."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from netjournal.diagnostics import Problem
from netjournal.model import (
    Contact,
    ContactRef,
    Direction,
    EntryRef,
    FollowUp,
    JournalEntry,
    Opportunity,
    Origin,
    Person,
    Place,
    Referral,
    Status,
    Text,
)
from netjournal.read.fields import Fields, slug_text
from netjournal.read.front_matter import Document
from netjournal.read.privacy_flag import unreadable_privacy
from netjournal.read.repeats import circles, introduction_kept, once_each, prospect_kept
from netjournal.read.values import (
    parse_birthday,
    parse_cadence,
    parse_date,
    parse_datetime,
    parse_done,
    parse_flag,
    parse_money,
    parse_source,
    parse_status,
    parse_text,
)

CONTACT_KEYS = frozenset(
    {
        *("name", "company", "title", "location", "email", "phone", "url", "tags", "met"),
        *("met_at", "introduced_by", "source", "referred_by", "relationship", "cadence"),
        *("opportunities", "follow_ups", "birthday", "needs", "offers", "private"),
    }
)
ENTRY_KEYS = frozenset(
    {"date", "title", "kind", "with", "follow_ups", "referrals", "introductions", "private"}
)
FOLLOW_UP_KEYS = frozenset(["what", "due", "who", "done"])
OPPORTUNITY_KEYS = frozenset(["title", "date", "status", "value", "source", "referred_by"])
REFERRAL_KEYS = frozenset(["given_to", "received_from", "prospect", "note", "value", "status"])


def contact(
    slug: str,
    path: str,
    document: Document,
    problems: list[Problem],
    contacts: Collection[str],
    *,
    public: bool = False,
    entries: Collection[str] = (),
) -> Contact | None:
    """The contact in `document`, or None when it lacks a usable name.

    `entries` are the journal's entry slugs, which `met_at` may name. For a `public` build,
    a privacy flag that cannot be read is an error.
    """
    f = Fields(document, path, problems, contacts, dict(document.data))
    f.check_keys(CONTACT_KEYS | unreadable_privacy(f, public))
    if "name" not in f and "date" in f:
        f.report(
            "NJ101",
            "'name' is missing, and this file has a 'date': if it is a meeting or a call, "
            "move it to journal/; if it is a person, add a line 'name: …'",
        )
        return None
    name = f.text("name", required=True)
    for key in ("introduced_by", "referred_by"):
        if _is(f, key, slug):
            del f.data[key]  # kept out of the record: nobody introduces themselves
            f.report(
                "NJ111",
                f"{key}: {slug} cannot be introduced or referred by themselves: name the "
                "person who did, or remove the line",
                key,
            )
    built = Contact(
        slug=slug,
        path=path,
        name=name or slug,
        company=f.text("company"),
        title=f.text("title"),
        location=f.text("location"),
        emails=f.many("email", parse_text),
        phones=f.many("phone", parse_text),
        urls=f.many("url", parse_text),
        tags=f.many("tags", parse_text),
        met=f.get("met", parse_date),
        met_at=_place(f, "met_at", entries),
        introduced_by=f.contact("introduced_by"),
        source=f.get("source", parse_source),
        referred_by=f.contact("referred_by"),
        relationship=f.text("relationship"),
        cadence=f.get("cadence", parse_cadence),
        opportunities=tuple(_opportunities(f, slug)),
        follow_ups=tuple(_follow_ups(f, ContactRef(slug))),
        birthday=f.get("birthday", parse_birthday),
        needs=f.many("needs", parse_text),
        offers=f.many("offers", parse_text),
        private=bool(f.get("private", parse_flag)),
        body=document.body.strip("\n"),
    )
    return built if name else None


def entry(
    slug: str,
    path: str,
    document: Document,
    problems: list[Problem],
    contacts: Collection[str],
    *,
    public: bool = False,
) -> JournalEntry | None:
    """The journal entry in `document`, or None when it lacks a usable date.

    For a `public` build, a privacy flag that cannot be read is an error.
    """
    f = Fields(document, path, problems, contacts, document.data)
    f.check_keys(ENTRY_KEYS | unreadable_privacy(f, public))
    if "date" not in f and "name" in f:
        f.report(
            "NJ101",
            "'date' is missing, and this file has a 'name': if it is a person, move it to "
            "contacts/; if it is a meeting or a call, add a line 'date: YYYY-MM-DD'",
        )
        return None
    when = f.get("date", parse_datetime, required=True)
    if when is None:
        return None
    day, moment = when
    return JournalEntry(
        slug=slug,
        path=path,
        date=day,
        time=moment,
        title=f.text("title") or title_from_slug(slug),
        kind=f.text("kind"),
        with_=_contacts(f, "with"),
        follow_ups=tuple(_follow_ups(f, EntryRef(slug))),
        referrals=tuple(_referrals(f, slug, day)),
        introductions=tuple(_introductions(f)),
        private=bool(f.get("private", parse_flag)),
        body=document.body.strip("\n"),
    )


def title_from_slug(slug: str) -> str:
    """`2025-03-04-coffee-with-jane` → `Coffee with jane`."""
    words = re.sub(r"^\d{4}-\d{2}-\d{2}[-_ ]*", "", slug).replace("-", " ").replace("_", " ")
    words = words.strip() or slug
    return words[0].upper() + words[1:]


def _is(f: Fields, key: str, slug: str) -> bool:
    value = f.data.get(key)
    return isinstance(value, str) and slug_text(value.strip()) == slug


def _contacts(f: Fields, key: str) -> tuple[str, ...]:
    """The contact slugs listed at `key`, unknown ones reported and left out."""
    raw = f.data.get(key)
    slugs = tuple(slug_text(slug) for slug in f.many(key, parse_text))
    if not isinstance(raw, list):
        return tuple(s for s in slugs if f.known(s, key))
    known = [(s, i) for i, s in enumerate(slugs) if f.known(s, key, i)]
    return tuple(once_each(f, key, tuple(s for s, _ in known), tuple(i for _, i in known)))


def _person(f: Fields, key: str) -> Person | None:
    """The contact the text names by its slug, else the text itself (a name)."""
    text = f.text(key)
    if text is None:
        return None
    return ContactRef(slug_text(text)) if slug_text(text) in f.contacts else Text(text)


def _place(f: Fields, key: str, entries: Collection[str]) -> Place | None:
    """The journal entry the text names by its slug, else the text itself (a place)."""
    text = f.text(key)
    if text is None:
        return None
    return EntryRef(slug_text(text)) if slug_text(text) in entries else Text(text)


def _follow_ups(f: Fields, origin: Origin) -> list[FollowUp]:
    found = []
    for item in f.items("follow_ups"):
        item.check_keys(FOLLOW_UP_KEYS)
        what = item.text("what", required=True)
        due = item.get("due", parse_date, required=True)
        done = item.get("done", parse_done) or (False, None)
        if what is not None and due is not None:
            found.append(FollowUp(what, due, origin, _person(item, "who"), *done))
    return found


def _opportunities(f: Fields, slug: str) -> list[Opportunity]:
    found = []
    for item in f.items("opportunities"):
        item.check_keys(OPPORTUNITY_KEYS)
        title = item.text("title", required=True)
        opportunity = Opportunity(
            title=title or "",
            date=item.get("date", parse_date),
            status=item.get("status", parse_status) or Status.OPEN,
            contact=slug,
            value=item.get("value", parse_money),
            source=item.get("source", parse_source),
            referred_by=item.contact("referred_by"),
        )
        if title is not None:
            found.append(opportunity)
    return found


def _referrals(f: Fields, entry_slug: str, day: Any) -> list[Referral]:
    found = []
    for item in f.items("referrals"):
        item.check_keys(REFERRAL_KEYS)
        given, received = "given_to" in item, "received_from" in item
        if given == received:
            item.report(
                "NJ101",
                "a referral needs exactly one of 'given_to: slug' "
                "(you referred someone to them) or 'received_from: slug'",
            )
            continue
        direction = Direction.GIVEN if given else Direction.RECEIVED
        partner = item.contact("given_to" if given else "received_from")
        referral = Referral(
            direction=direction,
            contact=partner or "",
            entry=entry_slug,
            date=day,
            prospect=prospect_kept(item, partner, _person(item, "prospect")),
            note=item.text("note"),
            value=item.get("value", parse_money),
            status=item.get("status", parse_status),
        )
        if partner is not None:
            found.append(referral)
    return found


def _introductions(f: Fields) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    seen: set[frozenset[str]] = set()
    raw = f.data.get("introductions")
    if raw is None:
        return found
    if not isinstance(raw, list):
        f.report(
            "NJ102",
            "introductions: expected a list of pairs, like '- [jane-doe, tom-okafor]'",
            "introductions",
        )
        return found
    for index, pair in enumerate(raw):
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(s, str) for s in pair)
        ):
            f.report(
                "NJ102",
                f"introductions: item {index + 1} should be a pair of contact "
                "slugs, like [jane-doe, tom-okafor]",
                "introductions",
            )
            continue
        first, second = slug_text(pair[0].strip()), slug_text(pair[1].strip())
        known = all([f.known(first, "introductions"), f.known(second, "introductions")])
        if known and introduction_kept(f, (first, second), index, seen):
            found.append((first, second))
    return found


def check_introducers(
    contacts: Mapping[str, Contact], places: Mapping[str, tuple[int, int]]
) -> list[Problem]:
    """A warning for each cycle of `introduced_by` (A introduced by B, B introduced by A…).

    `places` gives the line and column of each contact's `introduced_by`.
    """
    return circles(contacts, "introduced_by", places, "NJ112")


def check_referrers(
    contacts: Mapping[str, Contact], places: Mapping[str, tuple[int, int]]
) -> list[Problem]:
    """A warning for each cycle of `referred_by`; `places` gives each contact's `referred_by`."""
    return circles(contacts, "referred_by", places, "NJ142")
