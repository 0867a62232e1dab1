"""Plans (entries dated after today) and what to read before meeting someone.

An entry dated after `today` is a plan; one dated `today` is today's touch, as in the
calendar feed. A plan is never shown as if it had happened, and resets no cadence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from netjournal.model import Contact, Journal, JournalEntry, Referral
from netjournal.queries.agenda import DueFollowUp
from netjournal.queries.needs import fold
from netjournal.queries.touches import is_plan, touched
from netjournal.read.wikilinks import without_links

FIRST_LINES = 240  # characters of a last conversation's notes shown before you meet
_MARKUP = re.compile(r"[*_`>#\[\]|~]+")  # Markdown punctuation, one class: linear
_SPACES = re.compile(r"\s+")


def plans(journal: Journal, today: date) -> tuple[JournalEntry, ...]:
    """Every plan, soonest first."""
    return tuple(e for e in journal.entries if is_plan(e, today))


def plans_by_contact(journal: Journal, today: date) -> dict[str, tuple[JournalEntry, ...]]:
    """For each contact, the plans that involve them (as `touched` counts), soonest first."""
    found: dict[str, list[JournalEntry]] = {}
    for entry in plans(journal, today):
        for slug in touched(entry):
            found.setdefault(slug, []).append(entry)
    return {slug: tuple(entries) for slug, entries in found.items()}


@dataclass(frozen=True)
class BeforeYouMeet:
    """What to read before meeting a contact.

    `last` is the latest entry up to today that was `with` them; `first_lines` the start
    of its notes as plain text. `you_owe` are the open follow-ups about them that are yours;
    `they_owe` those written as their promise (see `their_promise`).
    """

    last: JournalEntry | None
    first_lines: str
    needs: tuple[str, ...]
    you_owe: tuple[DueFollowUp, ...]
    they_owe: tuple[DueFollowUp, ...]
    referrals: tuple[Referral, ...]  # given and received, newest first

    @property
    def empty(self) -> bool:
        return not (self.last or self.needs or self.you_owe or self.they_owe or self.referrals)


def their_promise(contact: Contact, what: str) -> bool:
    """Whether a follow-up's text is the contact's promise rather than yours.

    A follow-up is something you wrote down to do; the file format has no owner for it. So
    the words decide, in the way people write such notes: a `what` that starts with the
    contact's first name or full name followed by "to" or "will" ("Ben to send the term
    sheet", "Maria Chen will call back") is what they promised you. Every other one is yours.
    """
    text = fold(what).strip()
    full = fold(contact.name).strip()
    names = {full, full.split()[0]} if full else set()
    return any(text.startswith(f"{name} {verb} ") for name in names for verb in ("to", "will"))


def plain_start(body: str, limit: int = FIRST_LINES) -> str:
    """The first lines of a note as one line of plain text, cut at a word near `limit`."""
    lines = [line for line in body.splitlines() if line.strip() and line.lstrip()[:1] != "#"]
    text = _SPACES.sub(" ", _MARKUP.sub("", without_links(" ".join(lines)))).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-")
    return cut + "…"


def before_you_meet(
    journal: Journal,
    contact: Contact,
    today: date,
    follow_ups: list[DueFollowUp] | tuple[DueFollowUp, ...],
) -> BeforeYouMeet:
    """The short block a contact page opens with. `follow_ups`: the open ones about them."""
    past = [e for e in journal.entries if contact.slug in e.with_ and not is_plan(e, today)]
    last = past[-1] if past else None
    referrals = [
        r
        for entry in journal.entries
        if not is_plan(entry, today)
        for r in entry.referrals
        if r.contact == contact.slug
    ]
    referrals.sort(key=lambda r: r.date, reverse=True)
    theirs = [item for item in follow_ups if their_promise(contact, item.follow_up.what)]
    return BeforeYouMeet(
        last=last,
        first_lines=plain_start(last.body) if last else "",
        needs=contact.needs,
        you_owe=tuple(item for item in follow_ups if item not in theirs),
        they_owe=tuple(theirs),
        referrals=tuple(referrals),
    )
