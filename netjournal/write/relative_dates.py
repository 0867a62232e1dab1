"""Dates typed on the command line: `2026-11-23`, `today`, `7d`, `friday`, `next monday`.

Only these forms are accepted, each with one meaning, judged against `today` (a parameter,
never the clock):

- `YYYY-MM-DD`: that day.
- `today`, `yesterday`, `tomorrow`.
- `7d`, `2w`, `3m`, `1y` (days, weeks, calendar months, years): that long after today for a
  date that is looked forward to (a follow-up's due date), that long before today for a
  date that is looked back on (when a meeting happened, when a follow-up was done).
- a weekday (`monday` or `mon`): the first one after today when looking forward, the last
  one before today when looking back; never today itself (write `today` for that).
- `next monday`: the first Monday after today; `last monday`: the last one before today.

dateparser reads the words (with `RELATIVE_BASE` set to `today`), behind a pattern that lets
through only the forms above: on its own it also reads `3m` as three minutes and `01/02/2026`
as January, which nobody should have to guess. The tests pin what it does with each weekday
from each day of the week.
"""

from __future__ import annotations

import enum
import re
from datetime import date, datetime, timedelta

import dateparser

from netjournal.model import add_months
from netjournal.read.values import BadValue, parse_date


class Looking(enum.Enum):
    """Which way a date is expected to lie from today, when the words leave it open."""

    FORWARD = "future"  # a due date
    BACK = "past"  # when something happened or was done


class UnreadableDate(ValueError):
    """The text is none of the accepted forms: the sentence says which forms are."""


FORMS = "YYYY-MM-DD, today, yesterday, tomorrow, 7d, 2w, 3m, 1y, a weekday, or next/last monday"

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAYS = "|".join([*_WEEKDAYS, *(day[:3] for day in _WEEKDAYS)])
# dateparser reads `next sat`, `last wed` and `next sun` as nothing: it is given full names.
_FULL_NAME = {day[:3]: day for day in _WEEKDAYS}
_SPAN = re.compile(r"(\d{1,4})([dwmy])", re.ASCII)
_WORDS = re.compile(rf"today|yesterday|tomorrow|(?:(?:next|last) )?(?:{_DAYS})", re.ASCII)
_ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}", re.ASCII)
_SPACES = re.compile(r"\s+")


def resolve_date(text: str, today: date, looking: Looking) -> date:
    """The day `text` names, judged on `today`; raises UnreadableDate."""
    typed = _SPACES.sub(" ", text.strip().lower())
    if _ISO.fullmatch(typed):
        try:
            return parse_date(typed)
        except BadValue as bad:
            raise UnreadableDate(bad.message) from None
    span = _SPAN.fullmatch(typed)
    if span:
        return _moved(today, int(span.group(1)), span.group(2), looking)
    if _WORDS.fullmatch(typed):
        *first, day = typed.split(" ")
        return _dateparser(" ".join([*first, _FULL_NAME.get(day, day)]), today, looking)
    raise UnreadableDate(f"'{text}' is not a date: write {FORMS}")


def _moved(today: date, count: int, unit: str, looking: Looking) -> date:
    sign = 1 if looking is Looking.FORWARD else -1
    try:
        if unit in "dw":
            return today + sign * timedelta(days=count * (7 if unit == "w" else 1))
        return add_months(today, sign * count * (12 if unit == "y" else 1))
    except (OverflowError, ValueError):
        raise UnreadableDate(f"'{count}{unit}' from {today} is not a date") from None


def _dateparser(words: str, today: date, looking: Looking) -> date:
    found = dateparser.parse(
        words,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(today.year, today.month, today.day),
            "PREFER_DATES_FROM": looking.value,
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if found is None:  # not expected for the forms let through; said plainly all the same
        raise UnreadableDate(f"'{words}' is not a date: write {FORMS}")
    return found.date()
