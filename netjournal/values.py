"""Turn one raw front-matter value into a typed value, or say in a sentence why not."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .diagnostics import did_you_mean
from .model import Birthday, Cadence, Source, Status, Unit


class BadValue(Exception):
    """The value cannot be used; `code` is its diagnostic code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def shown(value: Any) -> str:
    """The value as the user typed it, short enough for a message."""
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def parse_text(value: Any) -> str:
    """Plain text; numbers are taken as typed, lists and mappings are refused."""
    if isinstance(value, bool | list | dict) or value is None:
        raise BadValue("NJ102", f"expected text, got {_kind(value)}")
    return str(value).strip()


def parse_texts(value: Any) -> tuple[str, ...]:
    """A list of text; a single text counts as a list of one."""
    items = value if isinstance(value, list) else [value]
    return tuple(text for text in (parse_text(item) for item in items) if text)


def parse_datetime(value: Any) -> tuple[date, datetime | None]:
    """A date, and the date-time when a time of day is given (`2025-03-04 18:30`)."""
    if isinstance(value, datetime):
        return value.date(), value
    if isinstance(value, date):
        return value, None
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?.*))?", text)
    if isinstance(value, str) and match:
        year, month, day, rest = match.groups()
        try:
            day_ = date(int(year), int(month), int(day))
        except ValueError:
            raise BadValue(
                "NJ104", f"{shown(text)} is not a real date: check the month and the day"
            ) from None
        if rest is None:
            return day_, None
        try:
            return day_, datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            raise BadValue(
                "NJ104",
                f"{shown(text)} has a time that cannot be read: write e.g. "
                "'2025-03-04 18:30' or '2025-03-04T18:30+01:00'",
            ) from None
    raise BadValue(
        "NJ104", f"{shown(value)} is not a date: write it as YYYY-MM-DD, e.g. 2025-03-04"
    )


def parse_date(value: Any) -> date:
    return parse_datetime(value)[0]


_UNITS = {"d": Unit.DAYS, "w": Unit.WEEKS, "m": Unit.MONTHS, "y": Unit.YEARS}
_NAMED = {"weekly": "1w", "monthly": "1m", "quarterly": "3m", "yearly": "1y"}
_SPELLED = {"fortnightly": "2w", "biweekly": "2w", "daily": "1d", "annually": "1y", "annual": "1y"}


def parse_cadence(value: Any) -> Cadence:
    """A keep-in-touch interval: `2w`, `30d`, `3m`, `1y`, or weekly, monthly, quarterly, yearly."""
    text = str(value).strip().lower()
    match = re.fullmatch(r"(\d+)\s*([dwmy])", _NAMED.get(text, text))
    if not match or int(match.group(1)) == 0:
        hint = (
            f" (did you mean '{_SPELLED[text]}'?)"
            if text in _SPELLED
            else did_you_mean(text, _NAMED)
        )
        raise BadValue(
            "NJ105",
            f"cadence {shown(value)} is not an interval{hint}: write a number and a "
            "unit, like 2w, 30d, 3m or 1y, or weekly, monthly, quarterly, yearly",
        )
    return Cadence(int(match.group(1)), _UNITS[match.group(2)], str(value).strip())


def parse_source(value: Any) -> Source:
    text = str(value).strip().lower()
    for source in Source:
        if text == source.value:
            return source
    choices = [source.value for source in Source]
    raise BadValue(
        "NJ103",
        f"unknown source {shown(value)}{did_you_mean(text, choices)}: use one of "
        + ", ".join(choices),
    )


def parse_status(value: Any) -> Status:
    text = str(value).strip().lower()
    for status in Status:
        if text == status.value:
            return status
    hint = did_you_mean(text, [s.value for s in Status])
    raise BadValue("NJ110", f"unknown status {shown(value)}{hint}: use open, won or lost")


def parse_money(value: Any) -> Decimal:
    """A plain amount: 4500 or 4500.50, without a currency sign or thousands separators."""
    if not isinstance(value, bool) and isinstance(value, int | float | str):
        try:
            amount = Decimal(str(value).strip())
            if amount.is_finite():
                return amount
        except InvalidOperation:
            pass
    raise BadValue(
        "NJ109",
        f"value {shown(value)} is not a number: write a plain amount like 4500 "
        "or 4500.50, without a currency sign or thousands separators",
    )


def parse_done(value: Any) -> tuple[bool, date | None]:
    """Whether a follow-up is done, and when: `true`, `false` or the date it was done."""
    if isinstance(value, bool):
        return value, None
    if value is None:
        return False, None
    try:
        return True, parse_date(value)
    except BadValue:
        raise BadValue(
            "NJ108",
            f"done {shown(value)} is neither true, false nor a date: write "
            "'done: true' or the day it was done, like 'done: 2025-03-04'",
        ) from None


def parse_birthday(value: Any) -> Birthday:
    """A birthday: a date, or `--MM-DD` when the year is unknown."""
    text = str(value).strip()
    match = re.fullmatch(r"--(\d{2})-(\d{2})", text)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        try:
            date(2000, month, day)  # a leap year, so --02-29 is allowed
        except ValueError:
            raise BadValue("NJ104", f"birthday {shown(text)} is not a real day") from None
        return Birthday(month, day)
    try:
        day_ = parse_date(value)
    except BadValue:
        raise BadValue(
            "NJ104",
            f"birthday {shown(value)} is not a date: write YYYY-MM-DD, or "
            "'--MM-DD' in quotes when you don't know the year",
        ) from None
    return Birthday(day_.month, day_.day, day_.year)


def parse_flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise BadValue("NJ102", f"expected true or false, got {shown(value)}")


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    return shown(value)
