"""What of an imported person can be written: the values the format refuses are left out, and said.

Another tool's file can hold one value netjournal's files cannot (a `Connected On` of
`29 Feb 2023`, a 1,200-character title, a BDAY of `circa 1800`, a `javascript:` URL); the
person is still worth a file, without that value. Only a name that cannot be written leaves
no one to write.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from netjournal.exchange.people import ImportedContact
from netjournal.write.front_matter import Unwritable, contact_text

WEB_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Dropped:
    """A key left out of someone's file, and why, in the reader's words."""

    key: str  # a front-matter key, or `notes`
    reason: str


def with_web_addresses(person: ImportedContact) -> tuple[ImportedContact, list[Dropped]]:
    """The person with only http(s) URLs (`linkedin.com/in/x` given `https://`), and the
    others, dropped: a `javascript:` or `data:` link in a contact's page would run or
    show whatever it holds when clicked."""
    urls = person.fields.get("url")
    if not urls:
        return person, []
    kept: list[str] = []
    dropped: list[Dropped] = []
    for url in [urls] if isinstance(urls, str) else urls:
        address = web_address(str(url))
        if address is None:
            reason = f"'{url}' is not a web address: only http:// and https:// ones are imported"
            dropped.append(Dropped("url", reason))
        elif address.casefold() not in {k.casefold() for k in kept}:
            kept.append(address)
    fields = {k: v for k, v in person.fields.items() if k != "url"}
    if kept:
        fields["url"] = kept
    return dataclasses.replace(person, fields=fields), dropped


def web_address(value: str) -> str | None:
    """`https://…` and `http://…` as they are, a bare `linkedin.com/in/x` with `https://`;
    None for anything else (`javascript:…`, `data:…`, `ftp://…`, words)."""
    value = value.strip()
    scheme, separator, rest = value.partition("://")
    if separator:
        return value if scheme.casefold() in WEB_SCHEMES and rest.strip("/") else None
    host = value.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    name, _, port = host.partition(":")
    looks_like_a_host = (
        "." in name.strip(".")
        and (not port or port.isdigit())
        and not any(c.isspace() for c in value)
    )
    return f"https://{value}" if looks_like_a_host else None


def writable(slug: str, person: ImportedContact) -> tuple[str, list[Dropped]]:
    """The text of the person's file, and the keys left out of it because the writer
    refuses them (each tried with the name alone, so the reason is that value's own).

    Unwritable when the name itself cannot be written, or (rarely) when the values each
    written alone cannot be written together.
    """
    try:
        return contact_text(slug, person.fields, person.notes), []
    except Unwritable:
        pass
    name = {"name": person.fields.get("name", "")}
    contact_text(slug, name)  # the name itself: nothing to keep without it
    kept: dict[str, Any] = dict(name)
    dropped: list[Dropped] = []
    for key, value in person.fields.items():
        if key == "name":
            continue
        refused = _refusal(slug, {**name, key: value}, "", key)
        if refused is None:
            kept[key] = value
        else:
            dropped.append(refused)
    notes = person.notes
    if notes:
        refused = _refusal(slug, name, notes, "notes")
        if refused is not None:
            dropped.append(refused)
            notes = ""
    return contact_text(slug, kept, notes), dropped


def _refusal(slug: str, fields: Mapping[str, Any], notes: str, key: str) -> Dropped | None:
    try:
        contact_text(slug, fields, notes)
    except Unwritable as error:
        reason = str(error)
        return Dropped(key, reason.removeprefix(f"{key}: "))
    return None
