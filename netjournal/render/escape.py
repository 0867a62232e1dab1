"""The one place where text from the user's files is made safe for Markdown, links and HTML.

Every value a template prints goes through `markdown_text` unless it is already `Markup`
(made here, on purpose): so a name with `<`, `|`, `[` or `*` shows as typed and breaks no
table, link or heading.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup

# Python-Markdown's backslash escapes, plus '|' (the tables extension adds it).
_BACKSLASHED = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
# `--` and `---` as smarty reads them (en and em dash), but not inside a longer run of
# hyphens (`-----` stays as typed). Escaped hyphens are hidden from smarty, so the dashes are
# made here, before escaping; one pass, no nested quantifier.
_DASHES = re.compile(r"(?<!-)-{2,3}(?!-)")
_DASH = {2: "\u2013", 3: "\u2014"}
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_NOT_IN_EMAIL = frozenset('@<>()[]\\,;:"')


Safe = Markup  # what a template prints as it is: made only in this module

# What an empty table cell shows: a dash for the eye, "none" for a screen reader (the dash
# itself is read as nothing, or as "em dash", depending on the reader).
NOTHING = Markup('<span aria-hidden="true">—</span><span class="nj-screen-reader-only">none</span>')
EMPTY = Markup("")


def markdown_text(value: Any, *, typographic: bool = True) -> str:
    """`value` as inline Markdown that renders as typed, on one line.

    `typographic`: `--` and `---` become en and em dashes, as smarty makes them in notes
    (quotes are left to smarty itself, which curls them on the page). Off for addresses.
    """
    text = re.sub(r"\s+", " ", str(value))  # one line: a newline would end a table row
    if typographic:
        text = typographic_dashes(text)
    text = _BACKSLASHED.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def typographic_dashes(text: str) -> str:
    """`a -- b` with an en dash, `a --- b` with an em dash: what smarty makes of the same text."""
    return _DASHES.sub(lambda m: _DASH[len(m.group())], text)


def finalize(value: Any) -> Any:
    """Jinja's finalize hook: escape everything a template prints that is not Markup."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    if isinstance(value, date | int | Decimal) and not isinstance(value, bool):
        return str(value)  # digits and hyphens: nothing to escape, and the source stays readable
    return markdown_text(value)


def as_typed(value: Any) -> Markup:
    """`value` escaped so that it shows exactly as typed."""
    return Markup(markdown_text(value))


def joined(items: Any, separator: str = ", ") -> Markup:
    """Safe pieces joined by `separator` (which is escaped like any text)."""
    return Markup(markdown_text(separator) if separator.strip() else separator).join(items)


def heading_id(html_id: str) -> Markup:
    """An attr_list `{#id}` for a heading; `html_id` holds only [A-Za-z0-9._-]."""
    if not html_id or any(not (c.isascii() and (c.isalnum() or c in "._-")) for c in html_id):
        raise ValueError(f"not a safe id: {html_id!r}")
    return Markup("{#" + html_id + "}")


def amount(value: Decimal | None) -> Markup:
    """An amount with thousands separators and no currency (the journal's own)."""
    return EMPTY if value is None else Markup(f"{value:,}")


def sanitised_html(html: str) -> Markup:
    """HTML that render.sanitize has already cleaned with nh3, to be printed as it is."""
    return Markup(html)


def link(text: Any, target: str) -> Markup:
    """A Markdown link to `target` (a page path, URL-quoted here) with escaped text.

    ':' is quoted too, so a file named `javascript:x.md` is a page, never a URL scheme.
    """
    label = text if isinstance(text, Markup) else markdown_text(text)
    return Markup(f"[{label}]({quote(target, safe='/#')})")


def external_link(url: str, text: Any | None = None) -> Markup:
    """A link for a web address, e-mail or phone number, or plain text when it is unsafe.

    Only http(s), mailto and tel addresses become links: a `javascript:` URL stays text.
    """
    address = url.strip()
    if is_email(address):
        address = "mailto:" + address
    elif address.startswith("www."):
        address = "https://" + address
    scheme = urlsplit(address).scheme.lower() if ":" in address else ""
    if scheme not in _SAFE_SCHEMES or any(c in address for c in "\n\r\t "):
        return Markup(markdown_text(url, typographic=False))
    destination = quote(address, safe="/#:?=&%@~+!$,;'*[]")
    label = markdown_text(text if text is not None else url, typographic=False)
    return Markup(f"[{label}]({destination})")


def is_email(text: str) -> bool:
    """Whether `text` is one address like `jane@example.com`: name, '@', a dotted domain.

    Checked without a regular expression: the pattern it replaces tried every '.' of the
    domain in turn, so `a@` and 60,000 `b.` took minutes.
    """
    name, at, domain = text.partition("@")
    usable = all(c not in _NOT_IN_EMAIL and not c.isspace() for c in text.replace("@", "", 1))
    return bool(name) and bool(at) and "." in domain[1:-1] and usable


def page_title(text: str) -> str:
    """Front matter giving a page its title, safe where themes print titles unescaped.

    MkDocs takes a page's title from its first heading, unescaped, and Material prints it raw
    in the header and through `striptags` (which decodes entities) in `<title>`. So the title
    is given explicitly, with angle brackets swapped for look-alikes that cannot open a tag.
    """
    safe = typographic_dashes(" ".join(text.split()))
    safe = safe.replace("&", "&amp;").replace("<", "\u2039").replace(">", "\u203a")
    return f"---\ntitle: {json.dumps(safe, ensure_ascii=False)}\n---\n\n"


def xml_text(value: Any) -> str:
    """`value` escaped for the text of an inline SVG (or HTML) element."""
    return str(Markup.escape(str(value)))


def drawn_svg(svg: str) -> Markup:
    """An SVG that render.picture made from numbers and `xml_text`, printed as it is."""
    return Markup(svg)
