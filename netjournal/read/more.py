"""The keys of a file netjournal has no use for (`status`, `LinkedIn` in a vault, `NOTE`), kept
to show under "More": nothing the user wrote disappears from their pages.

Values become words as typed (a date as written, a list item by item, a mapping as
`key: value`), and a whole wikilink the record it names, when it names one; one that names
nothing is its words, without a warning: the key is the user's own, not netjournal's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from netjournal.model import ContactRef, EntryRef, Property, Text
from netjournal.read.fields import Fields, wikilink_value, yaml_wikilink
from netjournal.read.front_matter import KeyPath
from netjournal.read.wikilinks import without_links

Value = ContactRef | EntryRef | Text


def properties(f: Fields, keys: Iterable[str]) -> tuple[Property, ...]:
    """A Property for each of `keys` (as written in `f`) that has a value."""
    found = []
    for key in keys:
        values = tuple(_values(f, f.data.get(key), (key,)))
        if values:
            found.append(Property(key, values))
    return tuple(found)


def _values(f: Fields, raw: Any, at: KeyPath) -> Iterator[Value]:
    raw = yaml_wikilink(raw)
    if isinstance(raw, list):
        for index, item in enumerate(raw):
            item = yaml_wikilink(item)
            if isinstance(item, list | dict):
                yield Text(_words(item))
            else:
                yield from _values(f, item, (*at, index))
        return
    if isinstance(raw, dict):
        yield from (Text(f"{key}: {_words(value)}") for key, value in raw.items())
        return
    if raw is None or raw == "":
        return
    text = f.document.typed_text.get(at, raw)
    text = ("true" if text else "false") if isinstance(text, bool) else str(text).strip()
    link = wikilink_value(text)
    if link is None:
        yield Text(without_links(text))
        return
    found = f.resolver().resolve(link.target).target
    yield found if found is not None else Text(link.text)


def _words(value: Any) -> str:
    """A nested value in words: lists joined by ', ', mappings as `key: value`."""
    value = yaml_wikilink(value)
    if isinstance(value, list):
        return ", ".join(_words(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_words(item)}" for key, item in value.items())
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else without_links(str(value))
