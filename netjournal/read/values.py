"""Turn one raw front-matter value into a typed value, or say in a sentence why not."""

from __future__ import annotations

import enum
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from netjournal.diagnostics import did_you_mean
from netjournal.model import Birthday, Cadence, Source, Stage, Status, Unit
from netjournal.read.date_hints import date_hint

FIRST_YEAR, LAST_YEAR = 1900, 2199  # outside this, a year is a typo (and date maths overflow)
MAX_CADENCE_DAYS = 3660  # ten years
# The longest text value (name, company, a tag, a follow-up's `what`, a referral's note…):
# a paragraph's worth, several times the longest real one. The site escapes every punctuation
# mark of a value and Python-Markdown's inline patterns are quadratic on such text (200,000
# '-' never finished building); 1,000 characters render in milliseconds (NJ143).
MAX_TEXT = 1000
MAX_LIST_TEXT = 5 * MAX_TEXT  # all the texts of one list (tags are shown on one line)


class BadValue(Exception):
    """The value cannot be used; `code` is its diagnostic code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def quoted(value: Any) -> str:
    """The value as the user typed it, short enough for a message, invisible characters shown."""
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def parse_text(value: Any) -> str:
    """Plain text; numbers are taken as typed, lists and mappings are refused."""
    if isinstance(value, list):
        raise BadValue(
            "NJ102",
            "expected one piece of text, got a list: write one value, or put the text in "
            "quotes if it starts with '['",
        )
    if isinstance(value, dict):
        raise BadValue(
            "NJ102",
            "expected text, got keys with values: put the text in quotes if it contains "
            "': ' or starts with '{'",
        )
    if isinstance(value, bool) or value is None:
        raise BadValue("NJ102", f"expected text, got {_kind(value)}")
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise BadValue(
            "NJ143",
            f"the text is {len(text):,} characters long, more than the {MAX_TEXT:,} a value "
            "may have: shorten it, or write the long text in the notes below the front matter",
        )
    return text


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:([ T])(.*))?", re.ASCII)


def parse_datetime(value: Any) -> tuple[date, datetime | None]:
    """A date, and the date-time when a time of day is given (`2025-03-04 18:30`).

    A wikilink to a daily note (`"[[2026-11-21]]"`, Obsidian's way of linking a date) is
    the date it names.
    """
    value = unlinked(value)
    if isinstance(value, datetime):
        return _in_range(value.date(), str(value)), value
    if isinstance(value, date):
        return _in_range(value, str(value)), None
    text = str(value).strip()
    match = _DATE.fullmatch(text) if isinstance(value, str) else None
    if not match:
        raise BadValue("NJ104", f"{quoted(value)} is not a date{date_hint(text)}")
    year, month, day, _, rest = match.groups()
    try:
        day_ = date(int(year), int(month), int(day))
    except ValueError:
        raise BadValue(
            "NJ104", f"{quoted(text)} is not a real date: check the month and the day"
        ) from None
    _in_range(day_, text)
    if rest is None:
        return day_, None
    try:
        if not re.fullmatch(r"\d{1,2}:\d{2}.*", rest, re.ASCII):
            raise ValueError(rest)
        return day_, datetime.fromisoformat(f"{year}-{month}-{day}T{rest.strip()}")
    except ValueError:
        raise BadValue(
            "NJ104",
            f"{quoted(text)} has a time that cannot be read: write the time as 24-hour "
            "HH:MM, e.g. '2025-03-04 18:30', with a time zone if you like "
            "('2025-03-04T18:30+01:00')",
        ) from None


def _in_range(day: date, text: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise BadValue(
            "NJ104",
            f"{quoted(text)} is in the year {day.year}, which looks like a typo: "
            f"write a year between {FIRST_YEAR} and {LAST_YEAR}",
        )
    return day


# A whole `[[target]]` or `[[target|label]]`: one class per part, no `[` or `]` in any: linear.
_LINKED = re.compile(r"\[\[([^\[\]|#\n]*)(?:\|[^\[\]\n]*)?\]\]")


def unlinked(value: Any) -> Any:
    """The target of a value that is one wikilink (`"[[2026-11-21]]"`), else the value."""
    if isinstance(value, str):
        match = _LINKED.fullmatch(value.strip())
        if match:
            return match.group(1).strip()
    return value


def parse_date(value: Any) -> date:
    return parse_datetime(value)[0]


_UNITS = {"d": Unit.DAYS, "w": Unit.WEEKS, "m": Unit.MONTHS, "y": Unit.YEARS}
_UNIT_DAYS = {"d": 1, "w": 7, "m": 31, "y": 366}
_NAMED = {"weekly": "1w", "monthly": "1m", "quarterly": "3m", "yearly": "1y"}
_SPELLED = {
    **{"fortnightly": "2w", "biweekly": "2w", "bi-weekly": "2w", "daily": "1d"},
    **{"annually": "1y", "annual": "1y", "bimonthly": "2m", "half-yearly": "6m"},
}
_CADENCE_FORMS = (
    "write a number and a unit, like 2w, 30d, 3m or 1y, or weekly, monthly, quarterly, yearly"
)


def parse_cadence(value: Any) -> Cadence:
    """A keep-in-touch interval: `2w`, `30d`, `3m`, `1y`, or weekly, monthly, quarterly, yearly."""
    text = str(value).strip().lower()
    match = re.fullmatch(r"(\d+)\s*([dwmy])", _NAMED.get(text, text), re.ASCII)
    if not match or isinstance(value, bool):
        raise BadValue("NJ105", f"cadence {quoted(value)} is not an interval{_cadence_hint(text)}")
    count, unit = int(match.group(1)), match.group(2)
    if count == 0:
        raise BadValue("NJ105", f"cadence {quoted(value)} is zero: {_CADENCE_FORMS}, at least 1d")
    if count * _UNIT_DAYS[unit] > MAX_CADENCE_DAYS:
        raise BadValue(
            "NJ105",
            f"cadence {quoted(value)} is longer than ten years: write at most 10y, or leave "
            "'cadence' out to keep no cadence",
        )
    return Cadence(count, _UNITS[unit], str(value).strip())


def _cadence_hint(text: str) -> str:
    if text.startswith("-"):
        return f" (it is negative): {_CADENCE_FORMS}"
    words = re.fullmatch(r"(?:every\s+)?(\d+)\s*(day|week|month|year)s?", text, re.ASCII)
    if words:
        return f" (did you mean '{words.group(1)}{words.group(2)[0]}'?): {_CADENCE_FORMS}"
    every = re.fullmatch(r"every\s+(day|week|month|year)", text)
    if every:
        return f" (did you mean '1{every.group(1)[0]}'?): {_CADENCE_FORMS}"
    if text in _SPELLED:
        return f" (did you mean '{_SPELLED[text]}'?): {_CADENCE_FORMS}"
    return f"{did_you_mean(text, _NAMED)}: {_CADENCE_FORMS}"


E = TypeVar("E", bound=enum.Enum)


def _one_of(kind: type[E], value: Any, code: str, what: str, use: str) -> E:
    """The member of `kind` whose value the text names, case aside, a space or '_' for a
    '-' (`Network referral`, as a vault writes it); else a BadValue saying
    `unknown <what> '…' (did you mean …?): <use>`."""
    text = str(value).strip().lower()
    words = "-".join(text.replace("_", " ").split())
    for member in kind:
        if words == member.value:
            return member
    hint = did_you_mean(text, [str(member.value) for member in kind])
    raise BadValue(code, f"unknown {what} {quoted(value)}{hint}: {use}")


def parse_source(value: Any) -> Source:
    choices = ", ".join(source.value for source in Source)
    return _one_of(Source, value, "NJ103", "source", f"use one of {choices}")


def parse_stage(value: Any) -> Stage:
    """A contact's VCP stage as the file sets it: visibility, credibility or profitability."""
    use = "use visibility, credibility or profitability, or remove the line to have it derived"
    return _one_of(Stage, value, "NJ115", "stage", use)


def parse_status(value: Any) -> Status:
    return _one_of(Status, value, "NJ110", "status", "use open, won or lost")


# An amount as typed: digits, maybe a point and decimals. No exponent (1e3), no YAML 1.1
# octal (0750 would be 488) or base 60 (1:30 would be 90). One quantifier per run of digits,
# each run ended by a different character, so matching never backtracks.
_AMOUNT = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)", re.ASCII)
_EXPONENT = re.compile(r"-?\d+(?:\.\d+)?[eE][-+]?\d{1,3}", re.ASCII)
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|-?\d+(?:\.\d{1,2})?", re.ASCII)
MAX_AMOUNT_DIGITS = 15  # before the point: a quadrillion is a typo


def parse_money(value: Any) -> Decimal:
    """A plain amount read from the text as typed: 4500, 4500.50, 0750 (750).

    Fields hands over the characters the user typed, so YAML's readings of `0750` (octal),
    `1:30` (base 60) or `1e3` never reach an amount.
    """
    if not isinstance(value, bool) and isinstance(value, int | float | str):
        text = str(value).strip()
        whole = text.lstrip("-").split(".")[0].lstrip("0")
        if _AMOUNT.fullmatch(text) and len(whole) <= MAX_AMOUNT_DIGITS:
            return Decimal(text)
    raise BadValue(
        "NJ109",
        f"value {quoted(value)} is not a number{_money_hint(value)}: write a plain amount "
        "like 4500 or 4500.50, without a currency sign or thousands separators",
    )


def _money_hint(value: Any) -> str:
    """' (did you mean 4500?)' for '$4,500 USD', '4_500' or '4.5e3', else ''."""
    typed = str(value).strip()
    text = _digits_within(typed).replace("_", "")  # '$4,500 USD' → '4,500'
    if _THOUSANDS.fullmatch(text):
        plain = text.replace(",", "")
        return f" (did you mean {plain}?)" if plain != typed else ""
    if _EXPONENT.fullmatch(typed):
        amount = Decimal(typed)
        if abs(amount) < 10**MAX_AMOUNT_DIGITS and amount == amount.quantize(Decimal("0.01")):
            return f" (did you mean {amount:f}?)"
    return ""


def _digits_within(text: str) -> str:
    """`text` from its first digit or '-' to its last digit ('' when it has no digit)."""
    start = next((i for i, c in enumerate(text) if c.isdecimal() or c == "-"), len(text))
    end = next((i for i in range(len(text), start, -1) if text[i - 1].isdecimal()), start)
    return text[start:end]


def parse_done(value: Any) -> tuple[bool, date | None]:
    """Whether a follow-up is done, and when: `true`, `false` or the date it was done."""
    if isinstance(value, bool):
        return value, None
    if value is None:
        return False, None
    if value in ("true", "True", "TRUE", "false", "False", "FALSE"):
        # Only quotes make YAML read these as text: `done: "false"` would count as done.
        raise BadValue(
            "NJ108",
            f'done "{value}" is in quotes, so it is text: write done: {value.lower()} '
            "without quotes",
        )
    try:
        return True, parse_date(value)
    except BadValue:
        raise BadValue(
            "NJ108",
            f"done {quoted(value)} is neither true, false nor a date: write "
            "'done: true' or the day it was done, like 'done: 2025-03-04'",
        ) from None


def parse_birthday(value: Any) -> Birthday:
    """A birthday: a date, or `--MM-DD` when the year is unknown (either may be a wikilink)."""
    text = str(unlinked(value)).strip()
    match = re.fullmatch(r"--(\d{2})-(\d{2})", text, re.ASCII)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        try:
            date(2000, month, day)  # a leap year, so --02-29 is allowed
        except ValueError:
            raise BadValue(
                "NJ104", f"birthday {quoted(text)} is not a real day: check the month and day"
            ) from None
        return Birthday(month, day)
    try:
        day_ = parse_date(value)
    except BadValue as bad:
        if "real date" in bad.message or "typo" in bad.message:
            raise BadValue("NJ104", f"birthday {bad.message}") from None
        raise BadValue(
            "NJ104",
            f"birthday {quoted(value)} is not a date: write YYYY-MM-DD, or "
            "'--MM-DD' in quotes when you don't know the year",
        ) from None
    return Birthday(day_.month, day_.day, day_.year)


def parse_flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no"):
        raise BadValue(
            "NJ102",
            f"expected true or false, got the text {quoted(value)}: remove the quotes around it",
        )
    raise BadValue("NJ102", f"expected true or false, got {quoted(value)}")


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    return quoted(value)
