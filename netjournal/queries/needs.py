"""The needs board: each contact's open needs next to the contacts who could meet them.

Matching is meant to be explained on the page, so it is plain word overlap: a need and a
contact's offers and tags are folded (case and accents dropped), cut into words, stripped of
common English stop words, and lightly stemmed; the words they share are the reason shown.
No stemming library is in the project's locked dependencies, and a real stemmer's stems
("busi", "plann") read badly when shown, so a fixed stop-word list and a four-suffix rule
(`ies`→`y`, `ing`, `ed`, `es`/`s`) do the job, and the page shows the need's own words.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from dataclasses import dataclass

from netjournal.model import Contact, Journal

# Common English words that say nothing about what someone needs or offers.
_ENGLISH = """
    a about after all also an and any are as at be been before being but by can could do
    does for from get gets had has have he her here him his how i if in into is it its just
    like me more most my need needs new no not now of off on one only or other our out over
    own same she so some such than that the their them then there these they this those to
    too up us very was way we well were what when where which while who whom why will with
    would you your always every good ready first help looking want wants people
"""
# Words nearly every need and offer of a business networker shares, so they explain
# nothing: "business owners" needing a loan are not a match for a bakery's business.
_EVERYONES = {"business", "businesses", "small", "local", "company", "companies"}
STOP_WORDS = frozenset(_ENGLISH.split()) | _EVERYONES
SUGGESTIONS = 5  # per need: the best few are introductions to make; the rest are counted
_WORD = re.compile(r"[a-z0-9]+")  # one character class, no nesting: linear on any text


# Letters that Unicode does not decompose into a base letter and a mark: Łęcki is filed,
# sorted and found as Lecki, Sørina as Sorina.
BASE_LETTERS = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss"} | {
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "\u0131": "i",
    "þ": "th",
    "Þ": "Th",
    "ð": "d",
    "Ð": "D",
}
_BASE_LETTERS = str.maketrans(BASE_LETTERS)


def fold(text: str) -> str:
    """`text` in lower case without accents: `Café` and `cafe` fold alike, `Łódź` and
    `lodz` too."""
    plain = unicodedata.normalize("NFKD", text.translate(_BASE_LETTERS).casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A word without its plural or verb ending: `owners`→`owner`, `planning`→`plan`.

    The rule is small on purpose, so a reader can follow why two words matched: `ies`→`y`,
    then `ing` or `ed` (a doubled last letter halved: `plann`→`plan`), then `es` after
    s/x/z/ch/sh, then a final `s` (not `ss`: `business` stays). Words of four letters or
    fewer are left alone, so `bus` and `news` are not cut.
    """
    if len(word) <= 4:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return base
    if word.endswith(("ses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def key_words(text: str) -> dict[str, str]:
    """The words of `text` that can match, by stem, each with the first form it was typed in."""
    found: dict[str, str] = {}
    for word in _WORD.findall(fold(text)):
        if word not in STOP_WORDS and len(word) > 1 and not word.isdigit():
            found.setdefault(stem(word), word)
    return found


@dataclass(frozen=True)
class Suggestion:
    """A contact who could meet a need: the words in common, and what of theirs matched."""

    contact: str
    words: tuple[str, ...]  # the need's own words that matched, in the need's order
    matched: tuple[str, ...]  # their offers and tags that share a word with the need


@dataclass(frozen=True)
class Need:
    """One open need of a contact and the introductions it suggests, best first."""

    contact: str
    need: str
    suggestions: tuple[Suggestion, ...]  # the best SUGGESTIONS
    more: int = 0  # other contacts who share a word with it


def needs_board(journal: Journal) -> tuple[Need, ...]:
    """Every need of every contact, each with the other contacts whose offers or tags match.

    A contact is never suggested for their own need. Suggestions come most words in common
    first, then by name, the best SUGGESTIONS kept and the others counted; a need nobody
    matches is kept, with no suggestions. The offers are indexed by word once, so each need
    looks up only the contacts that share one of its words.
    """
    people = sorted(journal.contacts.values(), key=lambda c: (c.name.casefold(), c.slug))
    order = {c.slug: n for n, c in enumerate(people)}
    offered = {c.slug: (*c.offers, *c.tags) for c in people}
    index = _offers_by_word(people)
    board = []
    for contact in people:
        for need in contact.needs:
            wanted = key_words(need)
            found = _shared_words(contact.slug, wanted, index)
            best = heapq.nsmallest(
                SUGGESTIONS, found, key=lambda slug: (-len(found[slug][0]), order[slug])
            )
            suggestions = tuple(
                Suggestion(
                    slug,
                    tuple(form for key, form in wanted.items() if key in found[slug][0]),
                    tuple(sorted(found[slug][1], key=offered[slug].index)),
                )
                for slug in best
            )
            board.append(Need(contact.slug, need, suggestions, len(found) - len(best)))
    return tuple(board)


def _shared_words(
    own: str, wanted: dict[str, str], index: dict[str, list[tuple[str, str]]]
) -> dict[str, tuple[set[str], dict[str, None]]]:
    """For each contact but `own` sharing a word with the need: the stems, and their texts."""
    found: dict[str, tuple[set[str], dict[str, None]]] = {}
    for key in wanted:
        for slug, text in index.get(key, ()):
            if slug != own:
                common, matched = found.setdefault(slug, (set(), {}))
                common.add(key)
                matched[text] = None
    return found


def _offers_by_word(people: list[Contact]) -> dict[str, list[tuple[str, str]]]:
    """For each stem, the (contact slug, offer or tag) that contain it."""
    index: dict[str, list[tuple[str, str]]] = {}
    for contact in people:
        for text in (*contact.offers, *contact.tags):
            for key in key_words(text):
                index.setdefault(key, []).append((contact.slug, text))
    return index
