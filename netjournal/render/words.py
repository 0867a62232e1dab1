"""Counts and names in words, the same on the site and in the terminal.

One place for "1 contact" / "2 contacts" and for what the soon window is called, so the
dashboard, the follow-ups page and `netjournal due` never disagree.
"""

from __future__ import annotations

from netjournal.queries.agenda import SOON_DAYS

# English plurals that do not add "s" (the rest do): the nouns the site and CLI count.
_IRREGULAR = {
    "entry": "entries",
    "journal entry": "journal entries",
    "touch": "touches",
    "person": "people",
    "opportunity": "opportunities",
    "match": "matches",
}


def plural(noun: str) -> str:
    """The plural of `noun`: `entry` → `entries`, `touch` → `touches`, `day` → `days`."""
    return _IRREGULAR.get(noun, noun + "s")


def count(number: int, one: str, many: str | None = None) -> str:
    """`1 contact`, `2 contacts`, `0 entries`: the noun agrees with the number."""
    return f"{number} {one if number == 1 else many or plural(one)}"


def soon_window(days: int = SOON_DAYS) -> str:
    """What the follow-ups due soon are called everywhere: "Due in the next 7 days".

    The window runs from today to `days` days ahead, so "this week" would be a day short.
    """
    return f"Due in the next {count(days, 'day')}"
