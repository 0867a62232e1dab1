"""An entry's title when its file gives none: its first heading, else its file name, readable.

`2026-03-04-bni-meeting` reads "BNI meeting", `call-with-marco` "Call with Marco": the words
of a file name keep the casing of the acronyms below, of the journal's contacts' names, and
of the words written in capitals in its titles, tags and companies.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from netjournal.read.fences import outside_fences
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
# A date in a file name, and the time of day that may follow it (`_0937`, ` 2247`): fixed
# widths and no nested repetition, so both scans are linear.
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")
_CLOCK = re.compile(r"[ _T]?([01]\d|2[0-3])[:.h]?([0-5]\d)(?!\d)")
MAX_PREFIX = 40  # characters before the date: `Meeting - `, `Daily note `, not a sentence
_SEPARATORS = " -_.\t"
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


@dataclass(frozen=True)
class NameDate:
    """What a dated file name says: `Meeting - 2024-06-14 2247 ` is the day 2024-06-14 at
    22:47, with `Meeting` before the date and nothing after it."""

    day: date
    time: time | None
    before: str  # the words before the date, as written, without the separators
    after: str  # the words after the date (and time), as written


@functools.lru_cache(maxsize=1024)  # an entry's name is asked for its date, then its title
def name_date(name: str) -> NameDate | None:
    """The date (and time) a file name starts with, or has after a short prefix, or None.

    `2022-01-03`, `2026-11-20-coffee`, `2022-10-10_0937`, `2026-09-20 Call with Jane Doe`,
    `Meeting - 2024-06-14 2247 `. The prefix is at most MAX_PREFIX characters and ends in a
    space, '-', '_' or '.' (so `v2026-01-01` is no date); only the first date is looked at.
    """
    found = _DAY.search(name, 0, MAX_PREFIX + 10)
    if found is None or found.start() > MAX_PREFIX:
        return None
    prefix = name[: found.start()]
    if prefix and prefix[-1] not in _SEPARATORS:
        return None
    try:
        day = date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None
    end, moment = found.end(), None
    clock = _CLOCK.match(name, end)
    if clock is not None:
        moment, end = time(int(clock.group(1)), int(clock.group(2))), clock.end()
    elif end < len(name) and name[end] not in _SEPARATORS:
        return None  # `2026-01-01x`: not a date followed by words
    return NameDate(day, moment, prefix.strip(_SEPARATORS), name[end:].strip(_SEPARATORS))


def file_date(slug: str) -> date | None:
    """The date a file name gives (see `name_date`: `2026-11-20-coffee`), or None."""
    found = name_date(slug)
    return found.day if found else None


def file_time(name: str) -> datetime | None:
    """The day and time of day a file name gives (`2022-10-10_0937`), or None without a time."""
    found = name_date(name)
    if found is None or found.time is None:
        return None
    return datetime.combine(found.day, found.time)


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

    The words of the file name around its date: a name with spaces is read as written
    (`2026-09-20 Call with Jane Doe` → `Call with Jane Doe`, `Meeting - 2024-06-14 2247` →
    `Meeting`). Otherwise words are split at hyphens and underscores; a known word keeps its
    casing, the first word gets a capital. A name that is only a date reads as the date:
    `20 November 2026`.
    """
    dated = name_date(slug)
    rest = " ".join(part for part in (dated.before, dated.after) if part) if dated else slug
    if " " in rest.strip():
        return rest.strip()
    words = [word for word in rest.replace("_", "-").split("-") if word]
    day = dated.day if dated else None
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
    """The note's title from its headings, outside fenced code, and the notes without it.

    A heading that opens the note (only lines of `#tags` before it, as a daily note's
    `#daily` line) is the title, and its line leaves the notes. Otherwise the first level-1
    heading is, and the notes stay as they are; a section heading (`## Log`) further down is
    no title. None when there is none.

    Written without a regular expression over the line: `#`s and spaces at its end are cut
    by `rstrip`, so a line of 100,000 of them costs one pass.
    """
    lines = body.split("\n")
    opening = next((n for n, line in enumerate(lines) if line.strip() and not _tags(line)), None)
    for number, line in outside_fences(lines):
        if number == opening or line.lstrip(" ")[:2] == "# ":
            text = _heading(line)
            text = None if text is None else without_links(text).strip()
            if text and number == opening:
                return text, "\n".join([*lines[:number], *lines[number + 1 :]]).strip("\n")
            if text:
                return text, body
    return None


def _tags(line: str) -> bool:
    """Whether a line is only `#tags` (`#daily #journal`), which a daily note may open with."""
    words = line.split()
    return bool(words) and all(len(w) > 1 and w[0] == "#" and w[1] not in "# " for w in words)


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
