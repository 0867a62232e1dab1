"""What every page needs to pass WCAG 2.2 AA on top of Material: assets, a partial, labels.

The plugin ships a small stylesheet (contrast, underlined links, the phone drawer), a script
(sideways-scrolling tables and code reachable by keyboard) and a theme folder whose search
partial names Material's search dialog. Material's own files are never edited.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

STYLESHEET = "assets/netjournal/accessible.css"
SCRIPT = "assets/netjournal/accessible.js"
# The layout of netjournal's own pages: tables as cards on a phone, badges, the timeline;
# and the contacts index's sorting and filtering.
LAYOUT = "assets/netjournal/layout.css"
FINDER = "assets/netjournal/contacts.js"
STYLESHEETS = (STYLESHEET, LAYOUT)
SCRIPTS = (SCRIPT, FINDER)

# A heading with an id (the toc extension gives every heading one), or a bare <table> as
# Python-Markdown writes it. The alternatives start differently ("<h" vs "<t") and neither
# repeats a group, so one pass over the page is linear.
_HEADING_OR_TABLE = re.compile(r'<h[1-6] id="([^"<>]*)"|<table>')
# The tags of a table as Python-Markdown writes them; `(?=[\s>])` tells <th> from <thead>.
_TABLE_TAG = re.compile(r"<(/?)(table|thead|tr|th|td)(?=[\s>])")
_TAG = re.compile(r"<[^<>]*>")
# The rest of a <td> tag whose cell holds only a date ("2026-11-05"). `[^<>]*` stops at the
# next tag, so trying it at every cell reads the page once.
_DATE_CELL = re.compile(r"([^<>]*)>\d{4}-\d{2}-\d{2}</td>")


def theme_folder() -> Path:
    """The folder of netjournal's template overrides, to put before Material's own."""
    return Path(str(files("netjournal.plugin") / "theme"))


def asset(uri: str) -> str:
    """The text of one of netjournal's shipped assets (in `STYLESHEETS` or `SCRIPTS`)."""
    name = uri.rsplit("/", 1)[1]
    return (files("netjournal.plugin") / "assets" / name).read_text(encoding="utf-8")


def label_tables(html: str) -> str:
    """`html` with each table labelled by the heading it sits under (`aria-labelledby`).

    A screen reader's table list then reads "Overdue follow-ups (3)", not "table 1".
    """
    parts: list[str] = []
    heading: str | None = None
    start = 0
    for match in _HEADING_OR_TABLE.finditer(html):
        if match.group(1) is not None:
            heading = match.group(1)
        elif heading is not None:
            parts.append(html[start : match.start()])
            parts.append(f'<table aria-labelledby="{heading}">')
            start = match.end()
    parts.append(html[start:])
    return "".join(parts)


def label_cells(html: str) -> str:
    """`html` with each body cell naming its column (`data-label="Due"`), and each cell
    that holds only a date marked as one (`class="nj-date"`).

    On a phone the stylesheet lays each row out as a card of "column: value" lines, the
    column names drawn from these attributes, so that nothing scrolls off screen; on any
    screen a date is kept on one line (a hyphen is a place to break it, "2026-11-" / "05").
    One pass over the page's table tags; cells of a table without a header row get no label.
    """
    parts: list[str] = []
    start = 0
    headers: list[str] = []
    header_start: int | None = None  # where the current <th>'s text begins
    column = 0
    in_head = False
    for match in _TABLE_TAG.finditer(html):
        closing, tag = match.group(1) == "/", match.group(2)
        if tag == "table" and not closing:
            headers = []
        elif tag == "thead":
            in_head = not closing
        elif tag == "tr" and not closing:
            column = 0
        elif tag == "th" and in_head:
            if closing and header_start is not None:
                headers.append(_attribute_text(html[header_start : match.start()]))
                header_start = None
            elif not closing:
                header_start = html.find(">", match.end()) + 1
        elif tag == "td" and not closing:
            attributes = []
            if column < len(headers) and headers[column]:
                attributes.append(f' data-label="{headers[column]}"')
            date = _DATE_CELL.match(html, match.end())
            if date and "class=" not in date.group(1):
                attributes.append(' class="nj-date"')
            if attributes:
                parts.append(html[start : match.end()])
                parts.extend(attributes)
                start = match.end()
            column += 1
    parts.append(html[start:])
    return "".join(parts)


def _attribute_text(header: str) -> str:
    """A header cell's words, fit to stand in an attribute (its HTML already escaped)."""
    return " ".join(_TAG.sub("", header).replace('"', "&quot;").split())
