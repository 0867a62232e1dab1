"""Plans (entries dated after today) and what to read before meeting someone.

An entry dated after `today` is a plan; one dated `today` is today's touch, as in the
calendar feed. A plan is never shown as if it had happened, and resets no cadence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from netjournal.model import Contact, ContactRef, Journal, JournalEntry, Referral
from netjournal.queries.agenda import DueFollowUp
from netjournal.queries.needs import fold
from netjournal.queries.touches import is_plan, touched
from netjournal.read.fences import outside_fences
from netjournal.read.wikilinks import (
    WIKILINK,
    Resolver,
    Wikilink,
    journal_resolver,
    parsed,
    shown,
)

FIRST_LINES = 240  # characters of a last conversation's notes shown before you meet
# Markdown punctuation, one class: linear. Not `>` nor `#`, which are text inside a line
# (`a <b> c`, `C#`); a quote's `>` at the start of a line goes with `_QUOTED`.
_MARKUP = re.compile(r"[*_`\[\]|~]+")
_QUOTED = re.compile(r"[>\s]+")
_SPACES = re.compile(r"\s+")
# What a vault's notes carry that is no words of the conversation: a list item's marker and
# task box, a callout's `[!type]`, a Dataview field's `key::`.
_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_CALLOUT = re.compile(r"\[![^\[\]\n]*\][+-]?")  # no `[` inside: disjoint scans, linear
_FIELD = re.compile(r"(?<=[\[(])[\w -]{1,64}::[ \t]*")  # one run after each bracket: linear


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


def plain_start(
    body: str, limit: int = FIRST_LINES, words: Callable[[Wikilink], str] | None = None
) -> str:
    """The first lines of a note as one line of plain text, cut at a word near `limit`.

    Each wikilink reads as `words` says (the page's words: `Jane Doe > Notes`), else as
    its own words; the words are kept whole, only the Markdown around them goes.
    """
    joined = " ".join(_words_of(_unquoted(line)) for line in _text_lines(body))
    shown = words or (lambda link: link.text)
    pieces, last, enough = [], 0, 4 * limit
    for match in WIKILINK.finditer(joined):
        before = joined[last : match.start()]
        pieces.append(_MARKUP.sub("", before.removesuffix("!")))  # `![[x]]` embeds x: its words
        pieces.append(shown(parsed(match)))
        last = match.end()
        if last > enough:  # the words so far may do: a long note's links are not all read
            if len(_plain(pieces)) > limit:
                break
            enough *= 2  # checked again only after as much again: linear in all
    else:
        pieces.append(_MARKUP.sub("", joined[last:]))
    text = _plain(pieces)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-")
    return cut + "…"


def _plain(pieces: list[str]) -> str:
    return _SPACES.sub(" ", "".join(pieces)).strip()


def _text_lines(body: str) -> list[str]:
    """The lines of a note that hold its words: not blank, not a heading or a line of tags,
    not in a fenced block (code, or a Dataview query), not a Templater command."""
    found = []
    for _, line in outside_fences(body.splitlines()):
        text = line.lstrip(" \t>")
        if text.strip() and text[:1] != "#" and not text.startswith("<%"):
            found.append(line)
    return found


def _words_of(line: str) -> str:
    """A line without its list marker, task box, callout type and fields' keys."""
    item = _ITEM.match(line)
    line = line[item.end() :] if item else line
    return _FIELD.sub("", _CALLOUT.sub("", line))


def _unquoted(line: str) -> str:
    """A line without the `>` marks that open a quote."""
    marks = _QUOTED.match(line)
    return line[marks.end() :] if marks and ">" in marks.group() else line


def page_words(journal: Journal, resolver: Resolver | None = None) -> Callable[[Wikilink], str]:
    """What each wikilink shows on the site, by the reader's one resolver: `[[ana-lima]]`
    reads Ana Lima, `[[jane-doe#Notes]]` Jane Doe > Notes, an unknown one its own words.
    `resolver`, the journal's own if the caller has made it already (a second costs about
    a second and a half at 55,000 files)."""
    entries = {entry.slug: entry for entry in journal.entries}
    resolver = resolver or journal_resolver(journal)

    def words(link: Wikilink) -> str:
        found = resolver.resolve(link.target).target if not link.own_heading else None
        if found is None:
            return link.text
        if isinstance(found, ContactRef):
            return shown(link, found, journal.contacts[found.slug].name)
        return shown(link, found, entries[found.slug].title)

    return words


@dataclass(frozen=True)
class Meetings:
    """What every contact's "before you meet" block draws on, gathered in one pass."""

    last: dict[str, JournalEntry]  # the latest entry up to today `with` each contact
    referrals: dict[str, tuple[Referral, ...]]  # each contact's referrals up to today, newest first
    words: Callable[[Wikilink], str]  # how a note's wikilinks read on the site


def meetings(journal: Journal, today: date, resolver: Resolver | None = None) -> Meetings:
    """The last meeting and the referrals of every contact, and the page's words for links
    (found by `resolver`, the journal's own, when given)."""
    last: dict[str, JournalEntry] = {}
    referrals: dict[str, list[Referral]] = {}
    for entry in journal.entries:  # oldest first: a later entry replaces an earlier one
        if is_plan(entry, today):
            continue
        for slug in entry.with_:
            last[slug] = entry
        for referral in entry.referrals:
            referrals.setdefault(referral.contact, []).append(referral)
    newest_first = {
        slug: tuple(sorted(found, key=lambda r: r.date, reverse=True))
        for slug, found in referrals.items()
    }
    return Meetings(last, newest_first, page_words(journal, resolver))


def before_you_meet(
    journal: Journal,
    contact: Contact,
    today: date,
    follow_ups: list[DueFollowUp] | tuple[DueFollowUp, ...],
    known: Meetings | None = None,
) -> BeforeYouMeet:
    """The short block a contact page opens with. `follow_ups`: the open ones about them;
    `known`: the whole journal's `meetings`, when a caller asks for every contact."""
    known = known or meetings(journal, today)
    last = known.last.get(contact.slug)
    theirs = [item for item in follow_ups if their_promise(contact, item.follow_up.what)]
    return BeforeYouMeet(
        last=last,
        first_lines=plain_start(last.body, words=known.words) if last else "",
        needs=contact.needs,
        you_owe=tuple(item for item in follow_ups if item not in theirs),
        they_owe=tuple(theirs),
        referrals=known.referrals.get(contact.slug, ()),
    )
