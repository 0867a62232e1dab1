"""The lists inside a record: follow-ups, opportunities, referrals, introductions, people."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from netjournal.model import (
    ContactRef,
    Direction,
    EntryRef,
    FollowUp,
    Opportunity,
    Origin,
    Person,
    Place,
    Referral,
    Status,
    Text,
)
from netjournal.read.fields import Fields, slug_text, wikilink_value
from netjournal.read.repeats import introduction_kept, once_each, prospect_kept
from netjournal.read.values import (
    parse_date,
    parse_done,
    parse_money,
    parse_source,
    parse_status,
    parse_text,
)

FOLLOW_UP_KEYS = frozenset(["what", "due", "who", "done"])
OPPORTUNITY_KEYS = frozenset(["title", "date", "status", "value", "source", "referred_by"])
REFERRAL_KEYS = frozenset(["given_to", "received_from", "prospect", "note", "value", "status"])


def contacts(f: Fields, key: str) -> tuple[str, ...]:
    """The contacts listed at `key` (slugs or wikilinks), unknown ones reported and left out."""
    raw = f.data.get(key)
    texts = f.many(key, parse_text)
    if not isinstance(raw, list):
        found = (f.contact_named(text, key) for text in texts)
        return tuple(s for s in found if s is not None)
    known = [(s, i) for i, t in enumerate(texts) if (s := f.contact_named(t, key, i)) is not None]
    return tuple(once_each(f, key, tuple(s for s, _ in known), tuple(i for _, i in known)))


def person(f: Fields, key: str) -> Person | None:
    """The contact the text names by its slug (or a wikilink), else the text itself (a name)."""
    text = f.text(key)
    if text is None:
        return None
    link = wikilink_value(text)
    if link is not None:
        found = f.follow(link, key)
        return ContactRef(found.slug) if found is not None else Text(link.text)
    slug = f.slug_named(text)
    return ContactRef(slug) if slug is not None else Text(text)


def place(f: Fields, key: str, entries: Collection[str]) -> Place | None:
    """The journal entry the text names by its slug (or a wikilink), else the text itself."""
    text = f.text(key)
    if text is None:
        return None
    link = wikilink_value(text)
    if link is not None:
        found = f.follow(link, key, kind="place")
        return EntryRef(found.slug) if isinstance(found, EntryRef) else Text(link.text)
    return EntryRef(slug_text(text)) if slug_text(text) in entries else Text(text)


def follow_ups(f: Fields, origin: Origin) -> list[FollowUp]:
    found = []
    for item in f.items("follow_ups"):
        item.check_keys(FOLLOW_UP_KEYS)
        what = item.text("what", required=True)
        due = item.get("due", parse_date, required=True)
        done = item.get("done", parse_done) or (False, None)
        if what is not None and due is not None:
            line = item.document.place(item.at)[0]
            found.append(FollowUp(what, due, origin, person(item, "who"), *done, line=line))
    return found


def opportunities(f: Fields, slug: str) -> list[Opportunity]:
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


def referrals(f: Fields, entry_slug: str, day: Any) -> list[Referral]:
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
            prospect=prospect_kept(item, partner, person(item, "prospect")),
            note=item.text("note"),
            value=item.get("value", parse_money),
            status=item.get("status", parse_status),
        )
        if partner is not None:
            found.append(referral)
    return found


def introductions(f: Fields) -> list[tuple[str, str]]:
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
        first = f.contact_named(pair[0].strip(), "introductions")
        second = f.contact_named(pair[1].strip(), "introductions")
        if first and second and introduction_kept(f, (first, second), index, seen):
            found.append((first, second))
    return found
