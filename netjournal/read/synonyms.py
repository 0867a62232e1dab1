"""Keys as vaults write them: `Company`, `E-mail`, `EMAIL[HOME]`, `people`, read as netjournal's.

One table per record type, because the same word means different things in a contact and an
entry (a contact's `title` is their job; an entry's, its heading). A key matches its
netjournal key, or a synonym below, ignoring capitals, spaces, '-', '_' and a vCard type in
brackets (`EMAIL[HOME]` is `email`); a journal's `keys` option adds its own names on top.

When two keys of a file mean the same netjournal key, a list key (email, phone, tags, with…)
takes both values, in file order. Any other key takes the value of the key spelled as netjournal
spells it, else of the first one in the file; the other value is kept under "More" and warned
about (NJ153). An empty value of a key not spelled as netjournal spells it is left out, silently:
Obsidian writes every property of a template, empty.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from netjournal.model import Journal
from netjournal.read.front_matter import Document, KeyPath
from netjournal.read.inline_fields import InlineField, inline_fields

# The contact's keys netjournal reads under other names, as vaults and vCards write them.
CONTACT_SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "name": ("Name", "Full Name", "FN"),
    "first_name": ("First Name", "firstname", "given_name", "N.GN"),
    "last_name": ("Last Name", "lastname", "surname", "family_name", "N.FN"),
    "company": ("Company", "org", "ORG", "organization", "organisation", "employer"),
    "title": ("Position", "role", "ROLE", "TITLE", "job title"),
    "location": ("city", "address", "ADR"),
    "email": ("E-mail", "Email", "emails", "mail", "EMAIL"),
    "phone": ("Phone", "Phone Number", "phones", "mobile", "cell", "telephone", "TEL"),
    "url": ("URL", "urls", "Website", "homepage", "LinkedIn"),
    "tags": ("tag", "CATEGORIES"),
    "birthday": ("BDAY", "birthdate", "date of birth"),
    "referred_by": ("Referred by",),
    "introduced_by": ("Introduced by",),
    "met_at": ("Met at",),
    "follow_ups": ("Follow-ups", "Follow ups"),
    "aliases": ("alias",),
}
# An entry's keys netjournal reads under other names.
ENTRY_SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "date": ("Date", "day"),
    "title": ("subject",),
    "kind": ("type",),
    "with": ("people", "contacts", "attendees", "participants", "person", "persons"),
    "tags": ("tag", "CATEGORIES"),
    "follow_ups": ("Follow-ups", "Follow ups"),
}
NAME_PARTS = ("first_name", "last_name")  # a contact's name, when it has no `name`
# The keys that hold a list: two keys meaning one of them add up.
LIST_KEYS = frozenset(["email", "phone", "url", "tags", "aliases", "needs", "offers", "with"])


def fold(key: str) -> str:
    """`key` as keys are compared: `E-mail` and `email`, `EMAIL[HOME]` and `Email` are one.

    Capitals, spaces, '-' and '_' do not count, nor a vCard type in brackets at the end.
    """
    key = unicodedata.normalize("NFC", key).strip()
    if key.endswith("]") and "[" in key:
        key = key[: key.rindex("[")]
    return "".join(c for c in key.casefold() if c not in " -_")


@dataclass(frozen=True)
class KeyTable:
    """What each key of one record type means: netjournal's own keys, and folded names."""

    known: frozenset[str]
    folded: Mapping[str, str]

    def meaning(self, written: str) -> str | None:
        """The netjournal key `written` means, or None."""
        return written if written in self.known else self.folded.get(fold(written))


def table(
    known: Iterable[str], synonyms: Mapping[str, tuple[str, ...]], own: Mapping[str, str]
) -> KeyTable:
    """What each key means for a record with the keys `known` and these `synonyms`.

    `own` is the journal's `keys` option (a name → one of `known`, or a name part for a
    contact): its names win. `private` is only ever `private`: a public build refuses the
    other spellings (NJ120) rather than guess whether a record is private.
    """
    names = frozenset(known)
    found = {fold(key): key for key in names if key != "private"}
    for key, others in synonyms.items():
        for other in others:
            found.setdefault(fold(other), key)
    found.update({fold(name): key for name, key in own.items() if key in names})
    return KeyTable(names, found)


@dataclass(frozen=True)
class Clash:
    """Two keys of one file that mean the same netjournal key, which takes one value."""

    kept: str  # as written
    other: str  # as written: its value is shown under "More"
    key: str  # netjournal's


@dataclass(frozen=True)
class Renamed:
    """A front matter with its keys renamed to netjournal's, and what was read as what."""

    document: Document
    spelled: Mapping[str, str] = field(default_factory=dict)  # netjournal key → as written
    read_as: tuple[tuple[str, str], ...] = ()  # (as written, netjournal key), when they differ
    unused: tuple[str, ...] = ()  # keys netjournal has no use for, as written, in file order
    clashes: tuple[Clash, ...] = ()


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def renamed(document: Document, keys: KeyTable) -> Renamed:
    """`document` with each key that `keys` (a `table`) maps read as netjournal's key.

    The places of values and keys move with them, so a located problem still points at the
    key and value as written.
    """
    if keys.known.issuperset(document.data):  # every key spelled as netjournal spells it
        return Renamed(document, {key: key for key in reversed(document.data)})
    groups: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    unused: list[str] = []
    skipped = False
    for written, value in document.data.items():
        key = keys.meaning(written)
        if key is None:
            data[written] = value  # still seen by the privacy check of a public build
            if not is_empty(value):
                unused.append(written)
            continue
        if is_empty(value) and written != key:
            skipped = True
            continue  # a template's empty property, silently
        groups.setdefault(key, []).append(written)
    moves: dict[str, tuple[str, int | None]] = {}  # written → (key, offset in a list)
    clashes: list[Clash] = []
    for key, spellings in groups.items():
        if len(spellings) > 1 and key in LIST_KEYS:
            values: list[Any] = []
            for written in spellings:
                value = document.data[written]
                moves[written] = (key, len(values))
                values.extend(value if isinstance(value, list) else [value])
            data[key] = values
            continue
        kept = key if key in spellings else spellings[0]
        data[key] = document.data[kept]
        moves[kept] = (key, None)
        for other in spellings:
            if other != kept:
                clashes.append(Clash(kept, other, key))
                data[other] = document.data[other]
                unused.append(other)
    spelled = {moves[w][0]: w for w in reversed(list(moves))}
    read_as = tuple((w, key) for w, (key, _) in moves.items() if w != key)
    if not (read_as or clashes or skipped):  # netjournal's own spelling: nothing moves
        return Renamed(document, spelled, read_as, tuple(unused), ())
    moved = Document(
        data,
        document.body,
        _moved(document.value_at, moves, document.data),
        _moved(document.key_at, moves, document.data, keys=True),
        _moved(document.typed_text, moves, document.data),
        document.body_line,
        document.links,
    )
    return Renamed(moved, spelled, read_as, tuple(unused), tuple(clashes))


def _moved(
    table_: Mapping[KeyPath, Any],
    moves: Mapping[str, tuple[str, int | None]],
    data: Mapping[str, Any],
    keys: bool = False,
) -> dict[KeyPath, Any]:
    """The places (or texts) of `table_`, under the keys the values moved to."""
    out: dict[KeyPath, Any] = {}
    for path, place in table_.items():
        if not path or not isinstance(path[0], str) or path[0] not in moves:
            out[path] = place
            continue
        key, offset = moves[path[0]]
        rest = path[1:]
        if offset is None:
            out.setdefault((key, *rest), place)
        elif isinstance(data[path[0]], list):
            if rest and isinstance(rest[0], int):
                moved = (key, rest[0] + offset, *rest[1:])
                out[moved] = place
            elif not rest and (keys or offset == 0):
                out.setdefault((key,), place)
        else:
            moved = (key, offset, *rest)
            out[moved] = place
            if not rest:
                out.setdefault((key,), place)
    return out


def with_inline(found: Renamed, keys: KeyTable) -> Renamed:
    """`found` with the notes' inline fields (`role:: Tax adviser`) added where the front
    matter does not set their key; a key given several times in the text is a list."""
    fields = inline_fields(found.document.body, found.document.body_line)
    document = found.document
    added: dict[str, list[InlineField]] = {}
    for one in fields:
        name = keys.meaning(one.key) or one.key
        if one.value and is_empty(document.data.get(name)):
            added.setdefault(name, []).append(one)
    if not added:
        return found
    data, value_at, key_at = dict(document.data), dict(document.value_at), dict(document.key_at)
    spelled, read_as, unused = dict(found.spelled), list(found.read_as), list(found.unused)
    for name, written in added.items():
        places = [(one.line, one.column) for one in written for _ in _split(one.value)]
        values = [value for one in written for value in _split(one.value)]
        data[name] = values[0] if len(values) == 1 else values
        value_at[(name,)] = places[0]
        value_at.update({(name, index): place for index, place in enumerate(places)})
        key_at[(name,)] = (written[0].line, written[0].key_column)
        spelled[name] = written[0].key
        if keys.meaning(written[0].key) is None:
            unused.append(name)
        read_as.extend((k, name) for k in dict.fromkeys(one.key for one in written) if k != name)
    moved = Document(
        data,
        document.body,
        value_at,
        key_at,
        document.typed_text,
        document.body_line,
        document.links,
    )
    return Renamed(moved, spelled, tuple(read_as), tuple(unused), found.clashes)


def _split(value: str) -> list[str]:
    """`[[A]], [[B]]` as two values (Dataview's list); any other text as one."""
    parts = [part.strip() for part in value.split(",")]
    if len(parts) > 1 and all(p.startswith("[[") and p.endswith("]]") for p in parts):
        return parts
    return [value]


def keys_read_as(journal: Journal) -> list[tuple[str, str, int]]:
    """Each key read under netjournal's name, the key it was read as and in how many files,
    most files first: what `check` says it read (`read 'Company' as company in 12 files`)."""
    counted: Counter[tuple[str, str]] = Counter()
    for contact in journal.contacts.values():
        counted.update(set(contact.read_as))
    for entry in journal.entries:
        counted.update(set(entry.read_as))
    return sorted(((w, k, n) for (w, k), n in counted.items()), key=lambda t: (-t[2], t[0], t[1]))
