"""A contact or a journal entry as the text of its file: the reader's inverse.

Keys come in the documented order (the reader's format tables), dates as `YYYY-MM-DD`, and
strings are quoted only where YAML needs it (`'0123'`, `'no'`), so a written file looks like a
hand-written one and the same data always gives the same bytes. Before any text is returned it
is read back by the reader: what the reader would refuse, or read differently, is not written.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import frontmatter
import yaml

from netjournal.model import Birthday, Cadence, Contact, JournalEntry
from netjournal.read.items import FOLLOW_UP_KEYS, OPPORTUNITY_KEYS, REFERRAL_KEYS
from netjournal.read.journal import read_record
from netjournal.read.records import CONTACT_FORMAT, ENTRY_FORMAT

# The order of the keys inside the items of a list, as the docs show them.
_ITEM_ORDER = {
    "follow_ups": ("what", "due", "who", "done"),
    "opportunities": ("title", "date", "status", "value", "source", "referred_by"),
    "referrals": ("given_to", "received_from", "prospect", "note", "value", "status"),
}
assert set(_ITEM_ORDER["follow_ups"]) == FOLLOW_UP_KEYS
assert set(_ITEM_ORDER["opportunities"]) == OPPORTUNITY_KEYS
assert set(_ITEM_ORDER["referrals"]) == REFERRAL_KEYS


class Unwritable(ValueError):
    """The record cannot be written: the sentence says which key and why."""


def contact_text(
    slug: str,
    fields: Mapping[str, Any],
    body: str = "",
    *,
    contacts: Collection[str] = (),
    entries: Collection[str] = (),
) -> str:
    """The text of `contacts/<slug>.md`; `contacts` and `entries` are the slugs it may name."""
    order = [key.name for key in CONTACT_FORMAT]
    text = _text(_ordered(fields, order), body)
    _check(f"contacts/{slug}.md", text, contacts, entries, Contact)
    return text


def entry_text(
    slug: str,
    fields: Mapping[str, Any],
    body: str = "",
    *,
    contacts: Collection[str] = (),
) -> str:
    """The text of `journal/<slug>.md`; `contacts` are the slugs it may name."""
    order = [key.name for key in ENTRY_FORMAT]
    text = _text(_ordered(fields, order), body)
    _check(f"journal/{slug}.md", text, contacts, (), JournalEntry)
    return text


def _ordered(fields: Mapping[str, Any], order: list[str]) -> dict[str, Any]:
    unknown = sorted(set(fields) - set(order))
    if unknown:
        raise Unwritable(f"{unknown[0]!r} is not a key of this kind of file")
    return {
        key: _item(key, fields[key]) for key in order if key in fields and not _empty(fields[key])
    }


def _item(key: str, value: Any) -> Any:
    """Lists of mappings (follow-ups, referrals…) with their keys in the documented order."""
    if key in _ITEM_ORDER and isinstance(value, list | tuple):
        return [
            {k: item[k] for k in _ITEM_ORDER[key] if k in item and not _empty(item[k])}
            | {k: v for k, v in item.items() if k not in _ITEM_ORDER[key]}
            if isinstance(item, Mapping)
            else item
            for item in value
        ]
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple) and not value)


def _text(metadata: dict[str, Any], body: str) -> str:
    # The notes as given, but for blank lines around them and spaces at their very end, which
    # python-frontmatter drops and which mean nothing in Markdown.
    post = frontmatter.Post(body.lstrip("\n").rstrip())
    post.metadata.update(metadata)  # not as keywords: a key may be called `content` or `handler`
    text: str = frontmatter.dumps(post, Dumper=_Dumper, sort_keys=False, width=1_000_000)
    return text + "\n"


class _Dumper(yaml.SafeDumper):
    """YAML as a person writes it: plain where it can be, quoted where it must be."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # the same date twice is written twice, never as &id001 / *id001


def _represent_datetime(dumper: yaml.SafeDumper, value: datetime) -> yaml.Node:
    # `2026-01-02 18:30`, as people write it: YAML reads it as text, and so does the reader
    return dumper.represent_str(value.strftime("%Y-%m-%d %H:%M"))


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    tag = "int" if value == value.to_integral_value() and "." not in str(value) else "float"
    return dumper.represent_scalar(f"tag:yaml.org,2002:{tag}", str(value))


def _represent_birthday(dumper: yaml.SafeDumper, value: Birthday) -> yaml.Node:
    if value.year is None:
        return dumper.represent_str(f"--{value.month:02d}-{value.day:02d}")
    return dumper.represent_date(date(value.year, value.month, value.day))


def _represent_cadence(dumper: yaml.SafeDumper, value: Cadence) -> yaml.Node:
    return dumper.represent_str(value.text)


def _represent_enum(dumper: yaml.SafeDumper, value: enum.Enum) -> yaml.Node:
    return dumper.represent_str(str(value.value))


_Dumper.add_representer(datetime, _represent_datetime)
_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(Birthday, _represent_birthday)
_Dumper.add_representer(Cadence, _represent_cadence)
_Dumper.add_multi_representer(enum.Enum, _represent_enum)
_Dumper.add_representer(tuple, yaml.SafeDumper.represent_list)


def _check(
    path: str, text: str, contacts: Collection[str], entries: Collection[str], kind: type
) -> None:
    """Refuse the text unless the reader reads it as a `kind`, without a single problem."""
    record, problems = read_record(path, text, contacts=contacts, entries=entries)
    if problems:
        raise Unwritable(problems[0].message)
    if not isinstance(record, kind):
        raise Unwritable(f"{path} would not be read as a {kind.__name__}")
