"""An entry's title when its file gives none: its first heading, else its file name, readable.

`2026-03-04-bni-meeting` reads "BNI meeting", `call-with-marco` "Call with Marco": the words
of a file name keep the casing of the acronyms below, of the journal's contacts' names, and
of the words written in capitals in its titles, tags and companies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from netjournal.read.wikilinks import without_links

# Acronyms a networking journal uses; the journal's own (words in capitals) are added to them.
ACRONYMS = [
    "AI",
    "API",
    "B2B",
    "B2C",
    "BNI",
    "CEO",
    "CFO",
    "CMO",
    "COO",
    "CPA",
    "CRM",
    "CTO",
    "CV",
    "DM",
    "EOD",
    "EOY",
    "FAQ",
    "HR",
    "IT",
    "KPI",
    "MBA",
    "MVP",
    "NDA",
    "NGO",
    "PR",
    "QA",
    "QBR",
    "ROI",
    "RSVP",
    "SaaS",
    "SEO",
    "SMB",
    "UI",
    "UX",
    "VC",
    "VP",
]
_DATED = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[-_ ]|$)")
_WORD = re.compile(r"[^\W_]+")  # letters and digits: one class, linear
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def file_date(slug: str) -> date | None:
    """The date a file name starts with (`2026-11-20`, `2026-11-20-coffee`), or None."""
    match = _DATED.match(slug)
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def known_words(names: Iterable[str], texts: Iterable[str]) -> dict[str, str]:
    """Each word to keep as spelled, by its lowercase form.

    The acronyms above; every word of the contacts' `names` that starts with a capital; and
    every word of two letters or more written in capitals in `texts` (titles, tags, companies).
    """
    known = {word.casefold(): word for word in ACRONYMS}
    for text in texts:
        for word in _WORD.findall(text):
            if len(word) > 1 and word.isupper():
                known.setdefault(word.casefold(), word)
    for name in names:
        for word in _WORD.findall(name):
            if word[:1].isupper() and not word.isupper():
                known.setdefault(word.casefold(), word)
    return known


def title_from_slug(slug: str, known: Mapping[str, str] | None = None) -> str:
    """`2025-03-04-coffee-with-jane` → `Coffee with Jane` when Jane is a known word.

    Words are split at hyphens and underscores; a known word keeps its casing, the first
    word gets a capital. A file name that is only a date reads as the date: `20 November 2026`.
    """
    dated = _DATED.match(slug)
    rest = slug[dated.end() :] if dated else slug
    words = [word for word in rest.replace("_", "-").split("-") if word]
    day = file_date(slug)
    if not words:
        return readable_date(day) if day else slug
    known = known if known is not None else known_words((), ())
    shown = [known.get(word.casefold(), word) for word in words]
    first = shown[0]
    shown[0] = first[0].upper() + first[1:]
    return " ".join(shown)


def readable_date(day: date) -> str:
    """`20 November 2026`, in English whatever the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def first_heading(body: str) -> tuple[str, str] | None:
    """The text of the note's first `#` heading outside fenced code, and the note without it
    when it is the note's first line (else the note as it is); None when there is none.

    Written without a regular expression over the line: `#`s and spaces at its end are cut
    by `rstrip`, so a line of 100,000 of them costs one pass.
    """
    lines = body.split("\n")
    fence = ""
    first_text = next((n for n, line in enumerate(lines) if line.strip()), None)
    for number, line in enumerate(lines):
        stripped = line.strip()
        if fence:
            fence = "" if stripped.startswith(fence) else fence
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        text = _heading(line)
        if text is None:
            continue
        text = without_links(text).strip()
        if not text:
            continue
        if number == first_text:
            return text, "\n".join(lines[number + 1 :]).strip("\n")
        return text, body
    return None


def _heading(line: str) -> str | None:
    """The text of an ATX heading line (`# Coffee with Jane ##`), or None."""
    if line.startswith("    ") or line.startswith("\t"):
        return None  # indented code
    stripped = line.lstrip(" ")
    hashes = len(stripped) - len(stripped.lstrip("#"))
    if not 1 <= hashes <= 6:
        return None
    rest = stripped[hashes:]
    if rest and rest[0] not in " \t":
        return None  # `#tag`, not a heading
    text = rest.strip()
    closing = text.rstrip("#")
    if closing != text and (not closing or closing[-1] in " \t"):
        text = closing.strip()
    return text
