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

# A heading with an id (the toc extension gives every heading one), or a bare <table> as
# Python-Markdown writes it. The alternatives start differently ("<h" vs "<t") and neither
# repeats a group, so one pass over the page is linear.
_HEADING_OR_TABLE = re.compile(r'<h[1-6] id="([^"<>]*)"|<table>')


def theme_folder() -> Path:
    """The folder of netjournal's template overrides, to put before Material's own."""
    return Path(str(files("netjournal.plugin") / "theme"))


def asset(uri: str) -> str:
    """The text of one of netjournal's shipped assets (`STYLESHEET` or `SCRIPT`)."""
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
