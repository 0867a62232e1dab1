"""A contact's name when its file has no `name`, and the words of a wikilink in a text key.

Vaults name people by `first_name` and `last_name`, by a Foam note's opening heading, or
only by the file's name (`Jane Doe.md`); a company may be a wikilink to a note of its own.
"""

from __future__ import annotations

from typing import Any

from netjournal.model import ContactRef
from netjournal.read import synonyms
from netjournal.read.fields import Fields, wikilink_value
from netjournal.read.titles import first_heading
from netjournal.read.wikilinks import Wikilink

_TEXT_KEYS = ("company", "title", "location", "relationship")  # a wikilink there shows its words


def contact_name(f: Fields, body: str, file_name: str) -> tuple[str, str]:
    """The name of a contact without `name`, and its notes as its page shows them.

    First name and last name (`first_name`, `First Name`, vCard's `N.GN` and `N.FN`), else
    the heading the notes open with (Foam's `# Dana Ito`, then left out of the notes), else
    the file name: as written (`Jane Doe`, `伟 李`), or words with capitals for a slug
    (`dana-ito` reads "Dana Ito").
    """
    parts = [f.text(part) for part in synonyms.NAME_PARTS]
    joined = " ".join(part for part in parts if part)
    if joined:
        return joined, body
    heading = first_heading(body)
    if heading is not None and heading[1] != body:
        return heading
    if file_name == file_name.lower() and " " not in file_name:
        words = [word for word in file_name.replace("_", "-").split("-") if word]
        if words:
            return " ".join(word[:1].upper() + word[1:] for word in words), body
    return file_name, body


def wikilink_words(f: Fields, values: dict[str, Any]) -> str | None:
    """A wikilink in a text key (`Company: "[[Acme Inc]]"`) shown as its words; the slug
    of the contact the company is, when the link names one."""
    company = None
    for key in _TEXT_KEYS:
        link = _link(values.get(key))
        if link is None:
            continue
        values[key] = link.text
        found = f.resolver().resolve(link.target).target
        if key == "company" and isinstance(found, ContactRef):
            f.linked.append(found)
            company = found.slug
    return company


def _link(value: Any) -> Wikilink | None:
    return wikilink_value(value) if isinstance(value, str) else None
