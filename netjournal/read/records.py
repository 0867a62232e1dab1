"""Build a Contact or a JournalEntry from one file's front matter: the format, key by key."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from netjournal.diagnostics import Problem
from netjournal.model import (
    Contact,
    ContactRef,
    EntryRef,
    FollowUp,
    JournalEntry,
    Origin,
)
from netjournal.read import items, synonyms
from netjournal.read.fields import Fields, slug_text
from netjournal.read.front_matter import Document
from netjournal.read.hashtags import with_hashtags
from netjournal.read.more import properties
from netjournal.read.names import contact_name, wikilink_words
from netjournal.read.privacy_flag import unreadable_privacy
from netjournal.read.record_links import record_links
from netjournal.read.repeats import circles
from netjournal.read.tasks import task_follow_ups
from netjournal.read.titles import file_date, file_time, first_heading, title_from_slug
from netjournal.read.values import (
    parse_birthday,
    parse_cadence,
    parse_date,
    parse_datetime,
    parse_flag,
    parse_source,
    parse_stage,
    parse_text,
    quoted,
    unlinked,
)
from netjournal.read.wikilinks import Resolver


@dataclass(frozen=True)
class Key:
    """One key of the file format: how its value becomes a field of the record.

    `read(fields, key, record)` gives the field's value, recording a located Problem for a
    bad one (or a missing required one); `record` says what the file is.
    """

    name: str
    read: Callable[[Fields, Key, _Record], Any]
    field: str = ""  # the record's attribute, when it is not the key's name
    required: bool = False


@dataclass(frozen=True)
class _Record:
    """What the file being read is: its slug, and what its keys may refer to."""

    slug: str
    entries: Collection[str] = ()  # the journal's entry slugs, which `met_at` may name
    day: date | None = None  # an entry's date, which its referrals carry


def _text(f: Fields, key: Key, record: _Record) -> str | None:
    return f.text(key.name, required=key.required)


def _texts(f: Fields, key: Key, record: _Record) -> tuple[str, ...]:
    return f.many(key.name, parse_text)


def _tags(f: Fields, key: Key, record: _Record) -> tuple[str, ...]:
    """The tags, also as Obsidian and vCard write them: one text of several split at commas
    (`tags: meeting, followup`, `CATEGORIES: a,b`), `#client` as client."""
    one_text = isinstance(f.data.get(key.name), str)
    found = []
    for written in f.many(key.name, parse_text):
        for tag in written.split(",") if one_text else [written]:
            tag = tag.strip()
            if tag[:1] == "#" and tag[1:2] not in ("", "#", " "):
                tag = tag[1:]  # Obsidian's `#client` is the tag client
            if tag:
                found.append(tag)
    return tuple(found)


def _parsed(parse: Callable[[Any], Any]) -> Callable[[Fields, Key, _Record], Any]:
    return lambda f, key, record: f.get(key.name, parse, required=key.required)


def _contact_slug(f: Fields, key: Key, record: _Record) -> str | None:
    return f.contact(key.name)


def _flag(f: Fields, key: Key, record: _Record) -> bool:
    return bool(f.get(key.name, parse_flag))


# The file format, declared once: the keys a contact and an entry may have, in the order of
# the docs' tables, and how each is read. Known and required keys are derived from these.
CONTACT_FORMAT = (
    Key("name", _text),
    Key("company", _text),
    Key("title", _text),
    Key("location", _text),
    Key("email", _texts, "emails"),
    Key("phone", _texts, "phones"),
    Key("url", _texts, "urls"),
    Key("tags", _tags),
    Key("met", _parsed(parse_date)),
    Key("met_at", lambda f, key, record: items.place(f, key.name, record.entries)),
    Key("introduced_by", _contact_slug),
    Key("source", _parsed(parse_source)),
    Key("referred_by", _contact_slug),
    Key("relationship", _text),
    Key("cadence", _parsed(parse_cadence)),
    Key("opportunities", lambda f, key, record: tuple(items.opportunities(f, record.slug))),
    Key("follow_ups", lambda f, key, record: tuple(items.follow_ups(f, ContactRef(record.slug)))),
    Key("birthday", _parsed(parse_birthday)),
    Key("needs", _texts),
    Key("offers", _texts),
    Key("stage", _parsed(parse_stage)),
    Key("private", _flag),
    Key("aliases", _texts),
)
ENTRY_FORMAT = (
    Key("date", _parsed(parse_datetime), required=True),
    Key("title", _text),
    Key("kind", _text),
    Key("with", lambda f, key, record: items.contacts(f, key.name), "with_"),
    Key("tags", _tags),
    Key("follow_ups", lambda f, key, record: tuple(items.follow_ups(f, EntryRef(record.slug)))),
    Key("referrals", lambda f, key, record: tuple(items.referrals(f, record.slug, record.day))),
    Key("introductions", lambda f, key, record: tuple(items.introductions(f))),
    Key("private", _flag),
)
CONTACT_KEYS = frozenset(key.name for key in CONTACT_FORMAT)
ENTRY_KEYS = frozenset(key.name for key in ENTRY_FORMAT)
# The keys a `keys` option may map a journal's own names onto.
KEY_TARGETS = CONTACT_KEYS | ENTRY_KEYS | frozenset(synonyms.NAME_PARTS)


def key_tables(keys: Mapping[str, str]) -> tuple[synonyms.KeyTable, synonyms.KeyTable]:
    """What each key means in a contact and in an entry, with the journal's own `keys`."""
    return _key_tables(tuple(sorted(keys.items())))


@functools.lru_cache(maxsize=8)
def _key_tables(keys: tuple[tuple[str, str], ...]) -> tuple[synonyms.KeyTable, synonyms.KeyTable]:
    own = dict(keys)
    return (
        synonyms.table(CONTACT_KEYS | set(synonyms.NAME_PARTS), synonyms.CONTACT_SYNONYMS, own),
        synonyms.table(ENTRY_KEYS, synonyms.ENTRY_SYNONYMS, own),
    )


def _renamed(document: Document, keys: synonyms.KeyTable) -> synonyms.Renamed:
    return synonyms.with_inline(synonyms.renamed(document, keys), keys)


def _clashes(f: Fields, found: synonyms.Renamed) -> None:
    for clash in found.clashes:
        f.report(
            "NJ153",
            f"{quoted(clash.other)} and {quoted(clash.kept)} both give {clash.key}: it is read "
            f"from {quoted(clash.kept)}, and {quoted(clash.other)} is shown under More; keep "
            "one of them",
            clash.other,
            on_key=True,
        )


def link_names(document: Document, keys: Mapping[str, str]) -> list[str]:
    """The name and aliases a wikilink may call the contact in `document` by, read as
    `contact` reads them (`Name:`, `FN`, first and last name, the opening heading)."""
    data = _renamed(document, key_tables(keys)[0]).document.data
    found = []
    for key in ("name", "aliases"):
        value = data.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip():
                found.append(item.strip())
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        parts = [data.get(part) for part in synonyms.NAME_PARTS]
        joined = " ".join(part.strip() for part in parts if isinstance(part, str))
        heading = first_heading(_body(document))
        if joined.strip():
            found.insert(0, joined.strip())
        elif heading is not None and heading[1] != _body(document):
            found.insert(0, heading[0])
    return found


def _read(
    f: Fields, format_: tuple[Key, ...], record: _Record, skip: Collection[str] = ()
) -> dict[str, Any]:
    """Each key of `format_` read into its record field, by field name."""
    return {
        key.field or key.name: key.read(f, key, record) for key in format_ if key.name not in skip
    }


def contact(
    slug: str,
    path: str,
    document: Document,
    problems: list[Problem],
    contacts: Collection[str],
    *,
    public: bool = False,
    entries: Collection[str] = (),
    names: Resolver | None = None,
    file_name: str | None = None,
    tasks: bool = True,
    keys: Mapping[str, str] = MappingProxyType({}),
) -> Contact | None:
    """The contact in `document`, or None when it is an entry in the wrong folder.

    `file_name` is the file's name as written (without `.md`), by default the slug; it is
    the contact's name when nothing else gives one (see `contact_name`). Keys are read as
    written in a vault (read/synonyms.py, with the journal's own `keys`) and from the
    notes' inline fields; the others are kept to show under "More".

    `entries` are the journal's entry slugs, which `met_at` may name; `names` finds what a
    wikilink names (by default, contacts by slug). For a `public` build, a privacy flag
    that cannot be read is an error.
    """
    found = _renamed(document, key_tables(keys)[0])
    document = found.document
    f = Fields(document, path, problems, contacts, dict(document.data), names=names)
    f.spelled = found.spelled
    others = {clash.other for clash in found.clashes}  # reported as clashes, not as typos
    f.check_keys(CONTACT_KEYS | set(synonyms.NAME_PARTS) | others | unreadable_privacy(f, public))
    _clashes(f, found)
    if "name" not in f and "date" in f:
        f.report(
            "NJ101",
            "'name' is missing, and this file has a 'date': if it is a meeting or a call, "
            "move it to journal/; if it is a person, add a line 'name: …'",
        )
        return None
    for key in ("introduced_by", "referred_by"):
        if _is(f, key, slug):
            del f.data[key]  # kept out of the record: nobody introduces themselves
            f.report(
                "NJ111",
                f"{key}: {slug} cannot be introduced or referred by themselves: name the "
                "person who did, or remove the line",
                key,
            )
    values = _read(f, CONTACT_FORMAT, _Record(slug, entries))
    if tasks:  # a dated task in a contact's notes is a follow-up too (read/tasks.py)
        values["follow_ups"] += tuple(_tasks(f, document, ContactRef(slug), None))
    company = wikilink_words(f, values)
    name = values.pop("name")
    body = _body(document)
    if "name" in f.data:  # written, and empty or unreadable: said so, as the format's own key
        if name is None:
            if f.data["name"] in (None, "") or not str(f.data["name"]).strip():
                f.missing("name")
            return None
    else:
        name, body = contact_name(f, body, file_name or slug)
    values["tags"] = with_hashtags(values["tags"], body)
    links, _ = record_links(f, document, body, ContactRef(slug))
    return Contact(
        slug=slug,
        path=path,
        name=name,
        **values,
        body=body,
        links=links,
        company_contact=company,
        more=properties(f, found.unused),
        read_as=found.read_as,
    )


def entry(
    slug: str,
    path: str,
    document: Document,
    problems: list[Problem],
    contacts: Collection[str],
    *,
    public: bool = False,
    names: Resolver | None = None,
    known: Mapping[str, str] | None = None,
    file_name: str | None = None,
    tasks: bool = True,
    keys: Mapping[str, str] = MappingProxyType({}),
) -> JournalEntry | None:
    """The journal entry in `document`, or None when it lacks a usable date.

    A file whose name (`file_name`, as written, by default the slug) starts with a date needs
    no `date:` (a daily note). `names` finds what
    a wikilink names; `known` are the words a title made from the file name keeps as
    spelled. For a `public` build, a privacy flag that cannot be read is an error. Keys
    are read as for a contact, with an entry's synonyms (`people` is with).
    """
    found = _renamed(document, key_tables(keys)[1])
    document = found.document
    f = Fields(document, path, problems, contacts, document.data, names=names)
    f.spelled = found.spelled
    # A calendar's habit, and a vault's: the time of day has its own key. Its text as typed:
    # YAML reads an unquoted 14:30 as 870 (minutes, in base 60).
    time_of_day = str(document.typed_text.get(("time",), f.data.get("time", ""))).strip()
    if "time" in f and "date" in f:
        written = str(unlinked(f.data["date"])).split(" ")[0]
        f.report(
            "NJ107",
            "'time' is not a key netjournal reads: write the time of day in 'date', like "
            f"date: {written} {time_of_day[:5] or '19:30'}, so the entry (and a plan in the "
            "calendar feed) has it",
            "time",
            on_key=True,
        )
    others = {clash.other for clash in found.clashes}
    f.check_keys(ENTRY_KEYS | {"time"} | others | unreadable_privacy(f, public))
    _clashes(f, found)
    if "date" not in f and "name" in f:
        f.report(
            "NJ101",
            "'date' is missing, and this file has a 'name': if it is a person, move it to "
            "contacts/; if it is a meeting or a call, add a line 'date: YYYY-MM-DD'",
        )
        return None
    file_name = file_name or slug
    named = file_date(file_name)
    daily = named if "date" not in f.data else None  # a daily note
    if daily is not None:  # the file name's time of day, else the `time` key's
        moment = file_time(file_name)
        if moment is None and "time" in f:
            moment = _at(daily, time_of_day)
            if moment is None:
                f.report(
                    "NJ104",
                    f"time: {quoted(time_of_day)} is not a time of day: write it as HH:MM, "
                    "like 14:30",
                    "time",
                )
        when: tuple[date, Any] | None = (daily, moment)
    else:
        [date_key] = (key for key in ENTRY_FORMAT if key.name == "date")
        when = date_key.read(f, date_key, _Record(slug))
    if when is None:
        return None
    day, moment = when  # one key, two fields: the day and, if given, the time of day
    if named is not None and day != named:
        f.report(
            "NJ146",
            f"date: {day} is not {named}, the date the file name starts with: the entry is "
            f"dated {day}, as 'date:' says, but its address on the site keeps {named}; "
            "correct one of them so they agree",
            "date",
        )
    values = _read(f, ENTRY_FORMAT, _Record(slug, day=day), skip=("date",))
    if tasks:  # each task in the notes is a follow-up, due on the entry's date if undated
        values["follow_ups"] += tuple(_tasks(f, document, EntryRef(slug), day))
    body = _body(document)
    if not values["title"]:
        heading = first_heading(body)
        if heading is not None:
            values["title"], body = heading
        else:
            values["title"] = title_from_slug(file_name, known)
    values["tags"] = with_hashtags(values["tags"], body)
    # The people an entry's notes link to are people met: after the listed ones, once.
    links, met = record_links(f, document, body, EntryRef(slug))
    values["with_"] = tuple(dict.fromkeys([*values["with_"], *met]))
    more = properties(f, (key for key in found.unused if key != "time"))  # time: NJ107
    return JournalEntry(
        slug=slug,
        path=path,
        date=day,
        time=moment,
        **values,
        body=body,
        links=links,
        more=more,
        read_as=found.read_as,
    )


def _at(day: date, time_of_day: str) -> datetime | None:
    """`day` at `time_of_day` as written (`14:30`, `9:05`, `14:30:00`), or None."""
    hours, _, rest = time_of_day.partition(":")
    minutes = rest[:2]
    if not (hours.isdigit() and minutes.isdigit() and len(hours) <= 2 and len(minutes) == 2):
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return datetime(day.year, day.month, day.day, int(hours), int(minutes))


def _tasks(f: Fields, document: Document, origin: Origin, undated: date | None) -> list[FollowUp]:
    resolver = f.resolver()
    return task_follow_ups(
        document.body, document.body_line, origin, undated, resolver.contact, f.path, f.problems
    )


def page_notes(document: Document, entry: bool) -> str:
    """A record's notes as its page shows them: an entry without `title:` loses the first
    heading to its title (when it opens the notes)."""
    body = _body(document)
    title = document.data.get("title")
    if entry and not (isinstance(title, str) and title.strip()):
        heading = first_heading(body)
        if heading is not None:
            return heading[1]
    return body


def _body(document: Document) -> str:
    return document.body.strip("\n")


def _is(f: Fields, key: str, slug: str) -> bool:
    value = f.data.get(key)
    return isinstance(value, str) and slug_text(value.strip()) == slug


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
