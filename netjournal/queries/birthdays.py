"""Birthdays coming up: whose, on which day, and the age they turn when the year is known."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from netjournal.model import Birthday, Contact, Journal

BIRTHDAY_DAYS = 30  # how far ahead birthdays are listed, today included
MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)


@dataclass(frozen=True)
class UpcomingBirthday:
    """A contact's next birthday, as celebrated on `day` (28 February for a 29 February one
    in a year without it)."""

    contact: Contact
    day: date
    in_days: int  # 0 is today
    age: int | None  # the age they turn, when the year of birth is known

    @property
    def when(self) -> str:
        """`today`, `tomorrow` or `in 12 days`."""
        if self.in_days == 0:
            return "today"
        return "tomorrow" if self.in_days == 1 else f"in {self.in_days} days"


def readable_day(day: date) -> str:
    """`12 April`: how a person writes a birthday (English month names, whatever the locale)."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def next_birthday(birthday: Birthday, today: date) -> date:
    """The next day, from `today` on, the birthday is celebrated.

    Born on 29 February: 28 February in a year without a 29th, never 1 March, so the day
    stays in the month the person was born in.
    """
    for year in (today.year, today.year + 1):
        leap = calendar.isleap(year)
        day = 28 if (birthday.month, birthday.day) == (2, 29) and not leap else birthday.day
        celebrated = date(year, birthday.month, day)
        if celebrated >= today:
            return celebrated
    raise AssertionError("a birthday comes round within a year")  # pragma: no cover


def upcoming_birthdays(
    journal: Journal, today: date, days: int = BIRTHDAY_DAYS
) -> list[UpcomingBirthday]:
    """The birthdays from `today` to `days` days ahead, soonest first, then by name."""
    found = []
    for contact in journal.contacts.values():
        if contact.birthday is None:
            continue
        day = next_birthday(contact.birthday, today)
        in_days = (day - today).days
        if in_days <= days:
            year = contact.birthday.year
            age = day.year - year if year is not None and year < day.year else None
            found.append(UpcomingBirthday(contact, day, in_days, age))
    return sorted(found, key=lambda b: (b.day, b.contact.name, b.contact.slug))
