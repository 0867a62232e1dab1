"""Tasks in a note's text, as Obsidian writes them: each `- [ ] …` a follow-up of its record.

A task line is a list item whose text starts with a box: `- [ ] …`, `* [x] …`, `1. [ ] …`,
indented or in a quote (`> - [ ] …`, a callout), never in a fenced or indented code block.
`[ ]` is open, `[x]`/`[X]` done. Its dates are written as the Tasks plugin writes them
(`📅 2026-11-22` due, `⏳` scheduled, `🛫` start, `✅` done) or as Dataview's inline fields
(`[due:: 2026-11-22]`, `[completion:: …]`, in brackets or parentheses). The first wikilink
to a contact says whom it is about; the words left, links read as the names they show, are
what was promised.

Every pattern here is a sequence of single character classes, each repeated once: no nested
quantifier, so a hostile line of any length is scanned in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from netjournal.diagnostics import Problem
from netjournal.model import ContactRef, FollowUp, Origin
from netjournal.read.fences import Fences
from netjournal.read.values import BadValue, parse_date
from netjournal.read.wikilinks import WIKILINK, parsed

# The box of a task: its list marker (after any indentation and quote markers), then `[ ]`.
TASK = re.compile(
    r"(?P<lead>[ \t]*(?:>[ \t]*)*(?:[-*+]|[0-9]{1,9}[.)])[ \t]+\[)(?P<box>[ xX])\](?=[ \t]|$)"
)
_LIST_ITEM = re.compile(r"[ \t]*(?:>[ \t]*)*(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
# The Tasks plugin's dates: a sign, then (normally) the date. Its other signs (priorities) go.
_SIGNS = {
    "📅": "due",
    "📆": "due",
    "🗓": "due",
    "⏳": "scheduled",
    "⌛": "scheduled",
    "🛫": "start",
    "✅": "done",
    "\u2795": "created",  # the heavy plus sign
    "❌": "cancelled",
}
_EMOJI_DATE = re.compile(
    "(?P<sign>[" + "".join(_SIGNS) + r"])\ufe0f?[ \t]*(?P<value>[0-9][0-9-]{0,14})?"
)
_PRIORITY = re.compile("[⏫🔼🔽🔺⏬]\ufe0f?")
# Dataview's fields for the same dates: `[due:: 2026-11-09]` or `(due:: 2026-11-09)`.
_FIELDS = {"due": "due", "completion": "done", "scheduled": "scheduled", "start": "start"}
_FIELDS |= {"created": "created", "cancelled": "cancelled"}
_FIELD = re.compile(
    r"\[(?P<b>[^\[\]()\n:]*)::(?P<bv>[^\[\]\n]*)\]|\((?P<p>[^\[\]()\n:]*)::(?P<pv>[^()\n]*)\)"
)
_BLOCK_ID = re.compile(r"\^[A-Za-z0-9-]+")  # Obsidian's `^id` at the end of a line
_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class Task:
    """One task line as written: its box, its words and the dates it gives."""

    line: int  # of the file
    done: bool
    what: str  # the words, without dates, with wikilinks as the names they show
    dates: dict[str, date]  # "due", "scheduled", "start", "done" (…) as written
    links: tuple[str, ...]  # the targets of its wikilinks, in order
    dataview: bool  # its dates are Dataview fields, so a done date is written as one too
    unreadable: tuple[tuple[str, str], ...] = ()  # (what was written, why it is no date)


def task_lines(body: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """Each line of `body` that is a task, outside code, with its line in the file."""
    if "[ ]" not in body and "[x]" not in body and "[X]" not in body:
        return  # most notes: no box, nothing to scan line by line
    fences = Fences()
    in_code = in_list = False
    blank_before = True
    for number, line in enumerate(body.split("\n")):
        line = line.removesuffix("\r")
        blank = not line.strip()
        if fences.fenced(line):  # inside ``` or ~~~ until a fence as long, of the same sign
            blank_before = False
            continue
        indented = not blank and _indent(line) >= 4
        if in_code and (blank or indented):
            continue
        in_code = indented and blank_before and not in_list
        if in_code:
            continue
        if not blank and not indented:  # a list goes on through its items' indented lines
            in_list = bool(_LIST_ITEM.match(line)) or (in_list and not blank_before)
        blank_before = blank
        if not blank and TASK.match(line):
            yield first_line + number, line


def _indent(line: str) -> int:
    width = 0
    for character in line:
        if character == " ":
            width += 1
        elif character == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def without_block_id(text: str) -> str:
    """`text` without a block id (`… ^a1b2`) at its end, which names the line, not the task."""
    kept = text.rstrip(" \t")
    head, space, last = kept.rpartition(" ")
    return head if space and _BLOCK_ID.fullmatch(last) else text


def read_task(line: str, number: int) -> Task | None:
    """The task `line` (line `number` of its file) is, or None when it is no task."""
    box = TASK.match(line)
    if box is None:
        return None
    text = without_block_id(line[box.end() :])
    dates: dict[str, date] = {}
    unreadable: list[tuple[str, str]] = []
    dataview = False

    def dated(kind: str, written: str, value: str) -> None:
        try:
            dates.setdefault(kind, parse_date(value.strip()[:10] if "T" in value else value))
        except BadValue as bad:
            unreadable.append((written.strip(), bad.message))

    def emoji(match: re.Match[str]) -> str:
        value = match["value"]
        if value is None:
            unreadable.append(
                (match.group().strip(), "write the date after it, like 📅 2026-11-22")
            )
            return match.group()
        dated(_SIGNS[match["sign"]], match.group(), value)
        return " "

    def field(match: re.Match[str]) -> str:
        nonlocal dataview
        key = (match["b"] if match["b"] is not None else match["p"]).strip()
        value = match["bv"] if match["b"] is not None else match["pv"]
        kind = _FIELDS.get(key.casefold())
        if kind is None:
            return f" {value.strip()} "  # another field, `(person:: [[Jane]])`: its value
        dataview = True
        dated(kind, match.group(), value.strip())
        return " "

    # Links first, so that a field's value may be one: `[with:: [[Jonathan]]]`.
    links = tuple(parsed(m).target.strip() for m in WIKILINK.finditer(text))
    text = WIKILINK.sub(lambda m: parsed(m).text, text)
    text = _FIELD.sub(field, _EMOJI_DATE.sub(emoji, text))
    text = _PRIORITY.sub(" ", text)
    what = _SPACES.sub(" ", text).strip()
    return Task(number, box["box"] != " ", what, dates, links, dataview, tuple(unreadable))


def task_follow_ups(
    body: str,
    first_line: int,
    origin: Origin,
    undated: date | None,
    contact: Callable[[str], str | None],
    path: str,
    problems: list[Problem],
) -> list[FollowUp]:
    """The follow-ups the tasks in the notes `body` make, their mistakes added to `problems`.

    A task is due on its due date, else its scheduled date, else its start date, else on
    `undated` (an entry's date: a promise made in a meeting is due from that day); with no
    date and no `undated` (a contact's notes) it is only a checklist item. `contact` gives
    the contact a wikilink's target names, if any.
    """
    found = []
    for number, line in task_lines(body, first_line):
        task = read_task(line, number)
        if task is None or not task.what:
            continue  # an empty box promises nothing (a template's `- [ ] `)
        for written, why in task.unreadable:
            until = "; until then it is due on the entry's date" if undated else ""
            column = line.find(written) + 1 or 1
            problems.append(
                Problem(
                    "NJ157",
                    path,
                    f"the task {task.what!r}: {written!r}: {why}{until}",
                    number,
                    column,
                )
            )
        due = next((task.dates[k] for k in ("due", "scheduled", "start") if k in task.dates), None)
        due = due or undated
        if due is None:
            continue
        done_on = task.dates.get("done")
        if done_on is not None and not task.done:
            marks = (line.find("✅"), line.casefold().find("completion::"))
            problems.append(
                Problem(
                    "NJ158",
                    path,
                    f"the task {task.what!r} has a done date ({done_on}) but its box is not "
                    "ticked, so it stays open: tick it ('[x]') or remove the date",
                    number,
                    max(marks) + 1 if max(marks) >= 0 else 1,
                )
            )
        who = next((slug for slug in map(contact, task.links) if slug is not None), None)
        found.append(
            FollowUp(
                task.what,
                due,
                origin,
                ContactRef(who) if who else None,
                task.done,
                done_on if task.done else None,
                line=number,
                task=True,
            )
        )
    return found
