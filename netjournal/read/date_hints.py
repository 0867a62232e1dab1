"""What a person probably meant by a date netjournal cannot read: `03/04/2025`, `March 4`."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_RELATIVE = {"today", "tomorrow", "yesterday", "now", "soon", "asap", "tbd", "later"}


def date_hint(text: str) -> str:
    """': write it as YYYY-MM-DD…', with the date the user probably meant when there is one."""
    example = ": write it as YYYY-MM-DD, e.g. 2025-03-04"
    lowered = text.lower()
    if lowered in _RELATIVE or lowered.startswith(("next ", "last ", "this ", "in ")):
        return (
            ": write the day itself as YYYY-MM-DD, e.g. 2025-03-04 (a word like "
            f"{text!r} would mean another day tomorrow)"
        )
    numbers = re.fullmatch(r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})", text, re.ASCII)
    if numbers:
        first, second, third = (int(n) for n in numbers.groups())
        return _numeric_hint(first, second, third, example)
    # Spaces collapsed first, so the pattern holds no run of spaces next to another: the
    # one it replaces tried every split of a long run between its '\s*' and '\s+'.
    spaced = " ".join(lowered.split())
    words = re.fullmatch(r"(\d{1,2})? ?([a-z]{3,9})\.? ?(\d{1,2})?,? (\d{4})", spaced)
    if words and words.group(2)[:3] in _MONTHS and bool(words.group(1)) != bool(words.group(3)):
        day = int(words.group(1) or words.group(3))
        return _suggest(int(words.group(4)), _MONTHS[words.group(2)[:3]], day, example)
    return example


def _numeric_hint(first: int, second: int, third: int, example: str) -> str:
    if first > 31:  # 2025/3/4, 2025-3-4
        return _suggest(first, second, third, example)
    if third < 1000:
        return example
    if first > 12:  # 13/04/2025: day first
        return _suggest(third, second, first, example)
    if second > 12 or first == second:  # 04/13/2025: month first
        return _suggest(third, first, second, example)
    us, european = _iso(third, first, second), _iso(third, second, first)
    if us and european:
        return (
            f": write it as YYYY-MM-DD, {us} if the month comes first, {european} if the day does"
        )
    return example


def _suggest(year: int, month: int, day: int, example: str) -> str:
    meant = _iso(year, month, day)
    return f" (did you mean {meant}?): write dates as YYYY-MM-DD" if meant else example


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
