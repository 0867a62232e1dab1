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
from netjournal.model import Contact
from netjournal.write.front_matter import Unwritable, contact_text
from netjournal.write.slugs import free_slug, slug_for

_NOT_A_LETTER = re.compile(r"[\W_]+")  # one class, repeated: linear
_URL_START = re.compile(r"^[a-z][a-z0-9+.-]*://(www\.)?", re.ASCII)


@dataclass(frozen=True)
class NewContact:
    """Someone to add: the file's slug and text, and whom it came from."""

    slug: str
    person: ImportedContact
    text: str

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


def plan_import(
    people: Sequence[ImportedContact],
    existing: Iterable[Contact],
    taken: Collection[str],
) -> ImportPlan:
    """Each person is new, unless someone already in the journal or earlier in `people` has
    the same email, the same URL (a LinkedIn profile) or the same name, case, accents,
    spacing and punctuation aside; or unless their fields cannot be written as a file.

    `taken` are the slugs already used in `contacts/` (readable files or not).
    """
    known: dict[tuple[str, str], Contact | int] = {}  # a contact, or a line of this file
    for contact in existing:
        for key in identity(contact.name, contact.emails, contact.urls):
            known.setdefault(key, contact)
    used = {slug.casefold() for slug in taken} | {"index"}
    new: list[NewContact] = []
    skipped: list[Skipped] = []
    for person in people:
        keys = identity(person.name, _list(person, "email"), _list(person, "url"))
        same = next((key for key in keys if key in known), None)
        if same is not None:
            who = known[same]
            as_contact = who if isinstance(who, Contact) else None
            skipped.append(Skipped(person, f"{_who(who)} ({_why(same)})", as_contact))
            continue
        if not slug_for(person.name):
            reason = "the name has no letter or digit to make a file name from"
            skipped.append(Skipped(person, reason))
            continue
        slug = free_slug(person.name, used)
        try:
            text = contact_text(slug, person.fields, person.notes)
        except Unwritable as error:
            skipped.append(Skipped(person, f"cannot be written: {error}"))
            continue
        used.add(slug)
        new.append(NewContact(slug, person, text))
        for key in keys:
            known.setdefault(key, person.line)
    return ImportPlan(tuple(new), tuple(skipped))


def _list(person: ImportedContact, key: str) -> tuple[str, ...]:
    value = person.fields.get(key, ())
    return (value,) if isinstance(value, str) else tuple(str(v) for v in value)


def _who(who: Contact | int) -> str:
    if isinstance(who, Contact):
        return f"already in the journal as {who.path}"
    return f"the same person as line {who} of this file"


def _why(key: tuple[str, str]) -> str:
    kind, value = key
    return {"email": f"same email {value}", "url": f"same URL {value}"}.get(kind, "same name")


def identity(name: str, emails: Iterable[str], urls: Iterable[str]) -> list[tuple[str, str]]:
    """The keys that say two records are one person: emails, URLs, and the folded name."""
    keys = [("email", e.strip().casefold()) for e in emails if e.strip()]
    keys += [("url", plain_url(u)) for u in urls if plain_url(u)]
    folded = fold_name(name)
    if folded:
        keys.append(("name", folded))
    return keys


def plain_url(url: str) -> str:
    """`https://www.LinkedIn.com/in/jane/` → `linkedin.com/in/jane`: one person, one profile."""
    plain = _URL_START.sub("", url.strip().casefold())
    return plain.split("?", 1)[0].split("#", 1)[0].rstrip("/")


def fold_name(name: str) -> str:
    """The name as compared: no accents, case, emoji, punctuation or credentials after a comma.

    `Jane Doe, CPA`, `🚀 JANE  DOE` and `Jáne Doe` are one name; `Ørsted` is `orsted`.
    """
    main = name.split(",", 1)[0]
    decomposed = unicodedata.normalize("NFKD", main.replace("ø", "o").replace("Ø", "O"))
    letters = "".join(
        c for c in decomposed if unicodedata.category(c) not in ("Mn", "So", "Sk", "Cf")
    )
    return " ".join(_NOT_A_LETTER.sub(" ", letters.casefold()).split())
