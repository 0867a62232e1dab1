"""The calendar feed as iCalendar (RFC 5545) text, made by the `icalendar` library.

Every item is a VEVENT, never a VTODO: Google Calendar, Outlook and Apple Calendar all show
the events of a subscribed calendar, and none of them shows its to-dos. Reminders are
all-day and marked free (TRANSPARENT), so they never make the day look busy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone

from icalendar import Calendar, Event

from netjournal.queries.calendar import CalendarItem

PRODUCT = "-//netjournal//calendar feed//EN"
CALENDAR_NAME = "Networking journal"
REFRESH = timedelta(hours=6)  # how often a subscribed app may fetch the feed again


def calendar_text(items: Iterable[CalendarItem], today: date) -> str:
    """The items as an iCalendar file's text (CRLF line ends, long lines folded).

    Every DTSTAMP is the start of `today` (UTC): the same journal and the same `today` give
    the same bytes, so a feed that did not change is not downloaded as new.
    """
    stamp = datetime.combine(today, time(), tzinfo=timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("x-published-ttl", "PT6H")  # Outlook's and Apple's name for it
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})  # RFC 7986
    for item in items:
        calendar.add_component(_event(item, stamp))
    text: bytes = calendar.to_ical()
    return text.decode("utf-8")


def _event(item: CalendarItem, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", _moment(item.start))
    event.add("dtend", _moment(item.end))
    event.add("summary", item.summary)
    if item.description:
        event.add("description", item.description)
    event.add("categories", [item.kind.value])
    event.add("transp", "OPAQUE" if item.busy else "TRANSPARENT")
    if item.recurrence is not None:
        rule: dict[str, object] = {"freq": "yearly"}
        if item.recurrence.month is not None:
            rule["bymonth"] = item.recurrence.month
        if item.recurrence.month_day is not None:
            rule["bymonthday"] = item.recurrence.month_day
        event.add("rrule", rule)
    return event


def _moment(moment: date | datetime) -> date | datetime:
    """A date (all-day), a time of day without a zone (the reader's own, as written), or UTC.

    A fixed offset such as +01:00 has no name iCalendar can give without a VTIMEZONE,
    so a time written with one is given in UTC, the same instant.
    """
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        return moment.astimezone(timezone.utc)
    return moment


def is_feed(head: bytes) -> bool:
    """Whether a file starting with `head` is a feed netjournal wrote (safe to replace)."""
    return head.startswith(b"BEGIN:VCALENDAR") and f"PRODID:{PRODUCT}".encode() in head
