"""Finding private contacts in free text: by name (in its usual variants), alias, slug, email,
phone.

Text and names are compared in a folded form: case, accents, `ß`/`ss`, apostrophes and
quotes, punctuation, hyphens, underscores and spaces do not matter, and honorifics
(Dr, Mr, Mrs, Ms, Mx, Prof, Sir…) and suffixes (Jr, PhD…) are dropped from a name.
Names are found by one pass over the text's words (Aho-Corasick), so the time grows with
the text's length only, whatever the text and the names hold.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from netjournal.model import Contact

HONORIFICS = frozenset(
    {
        *("dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame", "lord"),
        *("lady", "rev", "mme", "mlle", "herr", "frau"),
    }
)
SUFFIXES = frozenset({"jr", "sr", "phd", "md", "esq", "mba", "cpa", "ii", "iii", "iv"})
# Scripts written without spaces between words (or with particles glued to names): each
# character is a word of its own there, so 王小明 is found in 我和王小明吃饭.
_UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u3040-\u30ff\u3130-\u318f"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
)
# One character class per alternative, disjoint from each other: linear, nothing to backtrack.
_WORD = re.compile(f"[{_UNSPACED}]|[^\\W_{_UNSPACED}]+")
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u02b9`\u00b4\u2032]")
# Letters NFKD leaves alone, spelt as people type them without the key.
_PLAIN_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d"})
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_PHONE_RUN = re.compile(r"\d[\d\s().+/-]*")  # one character class repeated: linear
PHONE_DIGITS = 7  # a phone is found by its last 7 digits, wherever they appear
MIN_PHONE_DIGITS = 5  # shorter "phones" (extensions, "n/a") would match any number
_UNESCAPE_ROUNDS = 3  # `&amp;#101;` is `&#101;` once decoded, `e` twice


def decoded(text: str) -> str:
    """`text` with its HTML character references decoded, as Markdown would show them.

    `Asant&#101;` → `Asante`, `O&#39;Brien` → `O'Brien`; decoded again while that changes
    it (`&amp;#101;` → `e`), a few times at most. Each round is linear in the text.
    """
    for _ in range(_UNESCAPE_ROUNDS):
        if "&" not in text:
            break
        plain = html.unescape(text)
        if plain == text:
            break
        text = plain
    return text


def words(text: str) -> list[str]:
    """The words of `text`, folded: `Léa O'Neil-Strauß` → `['lea', 'o', 'neil', 'strauss']`.

    HTML character references are decoded first: `Asant&#101;` is the word `asante`.
    """
    return _WORD.findall(_folded(decoded(text)))


def _folded(text: str, translation: dict[int, str] | None = None, apostrophe: str = " ") -> str:
    """`text` casefolded, without accents; an apostrophe splits words (Quill's → quill s)."""
    text = text.casefold()
    if translation:
        text = text.translate(translation)
    plain = unicodedata.normalize("NFKD", text).translate(_PLAIN_LETTERS)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _APOSTROPHES.sub(apostrophe, plain.casefold())


def name_variants(name: str) -> set[tuple[str, ...]]:
    """The word sequences that count as naming `name`.

    The full name without honorifics before it or suffixes (Jr, PhD) after it; and, for each
    way of splitting it into given names and a surname (which may be several words:
    `van der Berg`, `García López`, `O Brien Smith`), the given names as initials
    (`Z Quill`, `A M Lopez`, `M J van der Berg`) or after the surname, as in a list
    (`Quill Zed`, `van der Berg Mary Jane`); `ae`/`oe`/`ue` for `ä`/`ö`/`ü`; an apostrophe
    as nothing or as a space (`ONeil`, `O Neil`). HTML character references are decoded.
    """
    found: set[tuple[str, ...]] = set()
    spellings = {
        _folded(decoded(name), translation, apostrophe)
        for translation in (None, _GERMAN)
        for apostrophe in (" ", "")
    }
    for spelling in spellings:
        typed = _WORD.findall(spelling)
        # Each form on the way to the plain name counts too: a given name may be a title's
        # word ("Dr. Sir Aa" is named by "Sir Aa"), and then the plain name is one word.
        found.update(tuple(form) for form in _stripped_forms(typed) if len(form) > 1)
        plain = _plain_name(typed)
        if not plain:
            continue
        found.add(tuple(plain))
        if len(plain) > 1 and plain[0][0] != plain[0]:
            for split in range(1, len(plain)):
                given, surname = plain[:split], plain[split:]
                found.add((given[0][0], *given[1:], *surname))
                found.add((*(g[0] for g in given), *surname))
                found.add((*surname, *given))
    return found


def _stripped_forms(found: list[str]) -> list[list[str]]:
    """The name as typed, then without each honorific before it and each suffix after it."""
    forms, start, end = [found], 0, len(found)
    while end - start > 1 and found[start] in HONORIFICS:
        start += 1
        forms.append(found[start:end])
    while end - start > 1 and found[end - 1] in SUFFIXES:
        end -= 1
        forms.append(found[start:end])
    return forms


def _plain_name(found: list[str]) -> list[str]:
    """The words of a name without the honorifics before it and the suffixes after it."""
    start, end = 0, len(found)
    while end - start > 1 and found[start] in HONORIFICS:
        start += 1
    while end - start > 1 and found[end - 1] in SUFFIXES:
        end -= 1
    return found[start:end]


def phone_numbers(text: str) -> list[str]:
    """Each number in `text` as its digits: `+1 (555) 010-0100 ext 2` → `['15550100100', '2']`."""
    return [
        "".join(str(unicodedata.decimal(c)) for c in run if c.isdecimal())
        for run in _PHONE_RUN.findall(text)
    ]


@dataclass(frozen=True)
class Mention:
    """A private contact found in a text, and the word (counted from 0) where it starts."""

    contact: str
    word: int


class Mentions:
    """Finds private contacts in free text: `mentions(text)` is the slug of one, or None."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self.names = _WordSequences()
        self.alone: dict[str, str] = {}  # one-word names and slugs: found as a whole text only
        self.emails: dict[str, str] = {}
        self.phones: dict[int, dict[str, str]] = {}  # by length of the digits looked for
        for contact in contacts:
            for variant in {*name_variants(contact.name), *name_variants(contact.slug)}:
                if len(variant) == 1:
                    self.alone.setdefault(variant[0], contact.slug)
                else:
                    self.names.add(variant, contact.slug)
            # An alias is a name they go by: found anywhere, even when it is one word
            # ("Lunch with Bobby"), unlike a first name taken from the full name.
            for alias in contact.aliases:
                for variant in name_variants(alias):
                    self.names.add(variant, contact.slug)
            for email in contact.emails:
                if "@" in email:
                    self.emails[unicodedata.normalize("NFKC", email.strip()).casefold()] = (
                        contact.slug
                    )
            for phone in contact.phones:
                for digits in phone_numbers(phone):
                    if len(digits) >= MIN_PHONE_DIGITS:
                        tail = digits[-PHONE_DIGITS:]
                        self.phones.setdefault(len(tail), {})[tail] = contact.slug

    def __call__(self, text: str | None) -> str | None:
        """The slug of a private contact `text` names, or None."""
        if not text:
            return None
        found = words(text)
        return next(self.in_words(found), None) or self.whole(found) or self.by_address(text)

    def whole(self, found: list[str]) -> str | None:
        """The private contact with a one-word name or slug that is all the words say, or None.

        `Pat` and `Dr Pat` name the private `Pat` (or `contacts/pat.md`); `Pat Smith` and
        `Lunch with Pat` do not, as a first name alone is not matched.
        """
        plain = _plain_name(found)
        return self.alone.get(plain[0]) if len(plain) == 1 else None

    def in_words(self, found: list[str]) -> Iterator[str]:
        """Each private contact named in the word list, in order (by slug)."""
        for mention in self.positions(found):
            yield mention.contact

    def positions(self, found: list[str]) -> Iterator[Mention]:
        """Each place in the word list where a private contact's name or slug starts.

        Names and slugs of one word are not looked for here: see `whole`.
        """
        return self.names.find(found)

    def by_address(self, text: str) -> str | None:
        """The private contact whose email address or phone number is in `text`, or None."""
        text = decoded(text)
        folded = unicodedata.normalize("NFKC", text).casefold()
        for email, slug in self.emails.items():
            if email in folded:
                return slug
        for digits in phone_numbers(text):
            for length, tails in self.phones.items():
                for start in range(len(digits) - length + 1):
                    owner = tails.get(digits[start : start + length])
                    if owner is not None:
                        return owner
        return None


class _WordSequences:
    """An Aho-Corasick automaton over words: finds any of many word sequences in one pass."""

    def __init__(self) -> None:
        self.next: list[dict[str, int]] = [{}]  # state → word → state; state 0 is the start
        self.ends: list[tuple[str, int] | None] = [None]  # (contact, length) ending here
        self.back: list[int] = [0]  # the longest proper suffix that is also a state
        self.ready = True

    def add(self, words: tuple[str, ...], contact: str) -> None:
        state = 0
        for word in words:
            if word not in self.next[state]:
                self.next.append({})
                self.ends.append(None)
                self.back.append(0)
                self.next[state][word] = len(self.next) - 1
            state = self.next[state][word]
        self.ends[state] = self.ends[state] or (contact, len(words))
        self.ready = False

    def _link(self) -> None:
        """Fill `back`, breadth first, and let each state report what a suffix of it ends."""
        queue = deque(self.next[0].values())
        while queue:
            state = queue.popleft()
            for word, child in self.next[state].items():
                queue.append(child)
                back = self.back[state]
                while back and word not in self.next[back]:
                    back = self.back[back]
                # Children of the start fall back to it; deeper states to a shorter state.
                self.back[child] = self.next[back].get(word, 0) if state else 0
                self.ends[child] = self.ends[child] or self.ends[self.back[child]]
        self.ready = True

    def find(self, found: list[str]) -> Iterator[Mention]:
        """Each sequence ending in `found`, with the index of its first word."""
        if not self.ready:
            self._link()
        state = 0
        for index, word in enumerate(found):
            while state and word not in self.next[state]:
                state = self.back[state]
            state = self.next[state].get(word, 0)
            end = self.ends[state]
            if end is not None:
                yield Mention(end[0], index - end[1] + 1)
