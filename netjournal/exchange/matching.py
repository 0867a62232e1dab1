"""Who of an import is new, and who is already in the journal (or earlier in the same file).

Pure: the people read from a file and the journal's contacts in, a plan out (the new
contacts with their file's text, and the skipped ones with the reason in words), so a dry
run and a real run decide the same, and nothing is ever written twice or over a file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from netjournal.exchange.people import ImportedContact
from netjournal.exchange.writable import Dropped, with_web_addresses, writable
from netjournal.model import Contact
from netjournal.write.front_matter import Unwritable
from netjournal.write.slugs import free_slug, slug_for

_NOT_A_LETTER = re.compile(r"[\W_]+")  # one class, repeated: linear
_URL_START = re.compile(r"^[a-z][a-z0-9+.-]*://(www\.)?", re.ASCII)
# Titles before a name that say nothing about who it is: a small fixed list, in English.
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof"})


@dataclass(frozen=True)
class NewContact:
    """Someone to add: the file's slug and text, whom it came from, the values left out of
    it, and the contact (or earlier new one) of the same name they were told apart from."""

    slug: str
    person: ImportedContact
    text: str
    dropped: tuple[Dropped, ...] = ()
    namesake_of: Contact | NewContact | None = None
    told_apart_by: str = ""  # "profile", "email" or "profile and email"

    @property
    def path(self) -> str:
        return f"contacts/{self.slug}.md"


@dataclass(frozen=True)
class Skipped:
    """Someone left out of the import, and why, in words."""

    person: ImportedContact
    reason: str
    known_as: Contact | None = None  # the journal's contact they are, if that is why


@dataclass(frozen=True)
class ImportPlan:
    """What an import does: the contacts it creates and the people it skips, in file order."""

    new: tuple[NewContact, ...]
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True)
class _Known:
    """Someone a person may turn out to be: a contact, or a new one from earlier in the file."""

    who: Contact | NewContact
    emails: frozenset[str]
    urls: frozenset[str]

    def told_apart_from(self, emails: frozenset[str], urls: frozenset[str]) -> str:
        """What says a namesake is someone else: both have profiles (URLs) and none is
        shared, or both have emails and none is shared; "" when nothing does."""
        other = [
            what
            for what, theirs, ours in (("profile", self.urls, urls), ("email", self.emails, emails))
            if theirs and ours and not theirs & ours
        ]
        return " and ".join(other)


def plan_import(
    people: Sequence[ImportedContact],
    existing: Iterable[Contact],
    taken: Collection[str],
) -> ImportPlan:
    """Each person is new, unless someone already in the journal or earlier in `people` has
    the same email or the same URL (a LinkedIn profile), or the same name (`fold_name`) and
    nothing that tells them apart: a namesake with another profile or another email is
    someone else, and gets a file of their own (`john-smith-2`).

    A value the writer refuses (`with_web_addresses`, `writable`) is left out of the file and
    listed; only someone whose name cannot be written is skipped for it. `taken` are the
    slugs already used in `contacts/` (readable files or not).
    """
    known: dict[tuple[str, str], Contact | int] = {}  # a contact, or a line of this file
    by_name: dict[str, list[_Known]] = {}
    for contact in existing:
        emails, urls = _emails(contact.emails), _urls(contact.urls)
        for key in _keys(emails, urls):
            known.setdefault(key, contact)
        by_name.setdefault(fold_name(contact.name), []).append(_Known(contact, emails, urls))
    used = {slug.casefold() for slug in taken} | {"index"}
    new: list[NewContact] = []
    skipped: list[Skipped] = []
    for imported in people:
        person, not_web = with_web_addresses(imported)
        emails, urls = _emails(_list(person, "email")), _urls(_list(person, "url"))
        keys = _keys(emails, urls)
        same = next((key for key in keys if key in known), None)
        if same is not None:
            who = known[same]
            as_contact = who if isinstance(who, Contact) else None
            skipped.append(Skipped(person, f"{_who(who)} ({_why(same)})", as_contact))
            continue
        folded = fold_name(person.name)
        namesakes = by_name.get(folded, []) if folded else []
        matches = [k for k in namesakes if not k.told_apart_from(emails, urls)]
        match = matches[0] if matches else None
        if len(matches) > 1:  # namesakes nothing tells apart: never filled into a guess
            files = " and ".join(_shown(k.who) for k in matches)
            reason = f"the same name as {files}, and nothing tells which one: none is changed"
            skipped.append(Skipped(person, reason))
            continue
        if match is not None:
            if isinstance(match.who, NewContact):
                earlier = match.who.person.line
                skipped.append(Skipped(person, f"{_who(earlier)} (same name)"))
            else:
                skipped.append(Skipped(person, f"{_who(match.who)} (same name)", match.who))
            continue
        if not slug_for(person.name):
            reason = "the name has no letter or digit to make a file name from"
            skipped.append(Skipped(person, reason))
            continue
        slug = free_slug(person.name, used)
        try:
            text, refused = writable(slug, person)
        except Unwritable as error:
            skipped.append(Skipped(person, f"cannot be written: {error}"))
            continue
        used.add(slug)
        first = namesakes[0] if namesakes else None
        apart = first.told_apart_from(emails, urls) if first else ""
        added = NewContact(
            slug, person, text, tuple(not_web + refused), first.who if first else None, apart
        )
        new.append(added)
        for key in keys:
            known.setdefault(key, person.line)
        if folded:
            by_name.setdefault(folded, []).append(_Known(added, emails, urls))
    return ImportPlan(tuple(new), tuple(skipped))


def _list(person: ImportedContact, key: str) -> tuple[str, ...]:
    value = person.fields.get(key, ())
    return (value,) if isinstance(value, str) else tuple(str(v) for v in value)


def _emails(emails: Iterable[str]) -> frozenset[str]:
    return frozenset(e.strip().casefold() for e in emails if e.strip())


def _urls(urls: Iterable[str]) -> frozenset[str]:
    return frozenset(plain for plain in map(plain_url, urls) if plain)


def _keys(emails: frozenset[str], urls: frozenset[str]) -> list[tuple[str, str]]:
    """The keys that say two records are one person, whatever their names: emails and URLs."""
    return [("email", e) for e in sorted(emails)] + [("url", u) for u in sorted(urls)]


def _shown(who: Contact | NewContact) -> str:
    return who.path


def _who(who: Contact | int) -> str:
    if isinstance(who, Contact):
        return f"already in the journal as {who.path}"
    return f"the same person as line {who} of this file"


def _why(key: tuple[str, str]) -> str:
    kind, value = key
    return f"same email {value}" if kind == "email" else f"same URL {value}"


def plain_url(url: str) -> str:
    """`https://www.LinkedIn.com/in/jane/` → `linkedin.com/in/jane`: one person, one profile."""
    plain = _URL_START.sub("", url.strip().casefold())
    return plain.split("?", 1)[0].split("#", 1)[0].rstrip("/")


def fold_name(name: str) -> str:
    """The name as compared: no accents, case, emoji, punctuation, credentials after a comma
    (`, CPA`) or leading honorifics (Dr, Mr, Mrs, Ms, Mx, Prof: `HONORIFICS`).

    `Jane Doe, CPA`, `Dr. Jane Doe`, `🚀 JANE  DOE` and `Jáne Doe` are one name; `Ørsted` is
    `orsted`. A name that is only an honorific (`Dr.`) stays as it is.
    """
    main = name.split(",", 1)[0]
    decomposed = unicodedata.normalize("NFKD", main.replace("ø", "o").replace("Ø", "O"))
    letters = "".join(
        c for c in decomposed if unicodedata.category(c) not in ("Mn", "So", "Sk", "Cf")
    )
    words = _NOT_A_LETTER.sub(" ", letters.casefold()).split()
    first = 0
    while first < len(words) - 1 and words[first] in HONORIFICS:
        first += 1
    return " ".join(words[first:])
