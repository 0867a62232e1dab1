"""The who-brought-whom forest drawn as a small static SVG, made at build time.

Written by hand rather than with a charting library: an outline (one row per person, indented
under whoever brought them, joined by elbow lines) needs a few dozen lines of SVG, no
layout engine, no browser and no script. Everything is drawn in `currentColor`, so the
picture follows the light and dark palettes; the list on the same page says the same in
words, and the SVG carries its own text alternative (`role="img"`, `<title>`, `<desc>`).
Names are XML-escaped by render.escape.xml_text.
"""

from __future__ import annotations

from netjournal.model import Journal
from netjournal.queries.network import REFERRED, Row
from netjournal.render.escape import Safe, drawn_svg, xml_text

ROW = 26  # pixels between rows
INDENT = 28  # pixels per level
CHARACTER = 8.5  # a generous average width of one character at 14px, for the picture's width


def forest_picture(outline: tuple[Row, ...], journal: Journal, summary: str) -> Safe:
    """An SVG of `outline`, or nothing when it is empty; `summary` is its text alternative."""
    if not outline:
        return drawn_svg("")
    parts: list[str] = []
    above: list[int] = []  # the row index of the last person seen at each depth
    width = 0.0
    for index, row in enumerate(outline):
        x, y = 12 + row.depth * INDENT, (index + 1) * ROW
        del above[row.depth :]
        if above:
            top = (above[-1] + 1) * ROW + 5
            dash = "" if row.how == REFERRED else ' stroke-dasharray="4 3"'
            parts.append(
                f'<path d="M{x - INDENT} {top} V{y} H{x - 6}" fill="none" '
                f'stroke="currentColor" stroke-width="1.5"{dash}/>'
            )
        above.append(index)
        name = journal.name_of(row.person)
        style = "" if row.person in journal.contacts else ' font-style="italic"'
        parts.append(f'<circle cx="{x}" cy="{y}" r="4" fill="currentColor"/>')
        parts.append(
            f'<text x="{x + 10}" y="{y + 5}" font-size="14" fill="currentColor"{style}>'
            f"{xml_text(name)}</text>"
        )
        width = max(width, x + 10 + len(name) * CHARACTER + 12)
    height = (len(outline) + 1) * ROW
    label = xml_text(summary)
    return drawn_svg(
        f'<figure class="nj-picture"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="nj-forest-title nj-forest-desc" width="{width:.0f}" '
        f'height="{height}" viewBox="0 0 {width:.0f} {height}" '
        f'style="max-width:100%;height:auto;color:inherit">'
        f'<title id="nj-forest-title">Who brought whom</title>'
        f'<desc id="nj-forest-desc">{label}</desc>' + "".join(parts) + "</svg>"
        f"<figcaption>{label}</figcaption></figure>"
    )
