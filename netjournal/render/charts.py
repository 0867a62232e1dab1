"""The site's charts as static SVG, drawn at build time from the numbers in queries.charts.

Small functions that write SVG strings, rather than a charting library: the locked
dependencies hold none, and the ones that draw clean SVG without a browser (matplotlib,
plotly's kaleido, pygal) weigh megabytes, pull in their own fonts or colours, and answer
with ids and styles that fight Material's palettes. Bars and columns need a few rectangles
each. Everything is drawn in `currentColor`, so a chart has the text's own colour and
contrast in the light and the dark palette, with no script and nothing fetched. Meaning is
never colour alone: given and received referrals differ by fill (solid, hatched), position
(given above) and the words beside each bar.

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>` that says the numbers in
words, followed (except the sparkline) by a "The numbers" table in a `<details>`. Text from
the journal (a partner's name) goes through render.escape.xml_text; the rest are numbers and
month names. A chart is a raw HTML block, so Markdown never reads inside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

from netjournal.queries.charts import MonthCount, PartnerCount, SourceValue, busiest_months
from netjournal.render.escape import Safe, drawn_svg, xml_text

WIDTH = 360  # narrow enough to show unscaled on a phone
BAR = 16  # the thickness of one bar
CHARACTER = 7.5  # a generous average width of one character at 13px
SPARK = 5  # a sparkline's pixels per month
PARTNERS_DRAWN = 15  # the referrals chart draws the busiest (its table too: the page lists more)
QUARTERS = ("-01", "-04", "-07", "-10")  # the months the touches chart names below it
HATCH = "nj-chart-hatch"  # the one pattern id: a page has at most one referrals chart


def month_label(month: str, short: bool = False) -> str:
    """`2026-03` → `March 2026` (or `Mar 2026`)."""
    return f"{date.fromisoformat(month + '-01'):{'%b %Y' if short else '%B %Y'}}"


def money(value: Decimal) -> str:
    return f"{value:,}"


def value_won_chart(rows: tuple[SourceValue, ...]) -> Safe:
    """Horizontal bars of the value won by each source, or a sentence when nothing was won."""
    if not rows:
        return drawn_svg("<p>No opportunity won yet: no chart of value won.</p>")
    most = max(max(row.value for row in rows), Decimal(0))
    room = WIDTH - 2 - 60  # the longest bar leaves room for its own value after it
    parts, y = [], 0
    for row in rows:
        width = float(max(row.value, Decimal(0)) / most) * room if most else 0.0
        words = f"{row.source.label}: {money(row.value)} from {_won(row.won)}"
        parts.append(_text(0, y + 14, words))
        parts.append(_bar(1, y + 20, width))
        y += 46
    lines = "; ".join(f"{r.source.label} {money(r.value)} from {_won(r.won)}" for r in rows)
    table = _table(
        ("Source", "Won", "Value won"),
        ((r.source.label, str(r.won), money(r.value)) for r in rows),
    )
    return _chart("value-won", "Value won by source", f"{lines}.", y, "".join(parts), table)


def touches_chart(months: tuple[MonthCount, ...]) -> Safe:
    """A column per month of the last 24, zero months too, or a sentence when all are zero."""
    if not months:
        return drawn_svg("<p>No touches in the last 24 months: no chart of touches.</p>")
    step, column, top, tall = 15, 11, 16, 100  # 24 columns in WIDTH
    most = max(m.touches for m in months)
    parts = [_line(0, top + tall, step * len(months) + 2, top + tall)]
    for index, m in enumerate(months):
        x = index * step + 2
        height = m.touches / most * tall
        if m.touches:
            parts.append(_rect(x, top + tall - height, column, height))
        parts.append(_text(x + column / 2, top + tall - height - 4, str(m.touches), 11, "middle"))
        if m.month.endswith(QUARTERS):  # every month labelled would not fit
            name, year = month_label(m.month, short=True).split()
            parts.append(_text(x, top + tall + 16, name, 12))
            if m.month.endswith("-01") or index < 3:  # the year under each January, and first
                parts.append(_text(x, top + tall + 31, year, 12))
    total = sum(m.touches for m in months)
    summary = (
        f"{_touches(total)} from {month_label(months[0].month)} to "
        f"{month_label(months[-1].month)}, {busiest(months)}. One column per month; "
        "months without a touch have none."
    )
    table = _table(("Month", "Touches"), ((month_label(m.month), str(m.touches)) for m in months))
    width = step * len(months) + 18  # room for a label under the last column
    return _chart(
        "touches", "Touches per month", summary, top + tall + 38, "".join(parts), table, width
    )


def referrals_chart(partners: tuple[PartnerCount, ...], name_of: Callable[[str], str]) -> Safe:
    """Paired bars per partner: given (solid, above) and received (hatched, below)."""
    if not partners:
        return drawn_svg("<p>No referrals given or received yet: no chart of referrals.</p>")
    drawn = partners[:PARTNERS_DRAWN]
    most = max(max(p.given, p.received) for p in drawn)
    start, room = 80, WIDTH - 80 - 30
    parts = [
        f'<defs><pattern id="{HATCH}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="2.5" height="6" fill="currentColor"/>'
        "</pattern></defs>"
    ]
    y = 0
    for p in drawn:
        parts.append(_text(0, y + 14, name_of(p.partner), 13, weight=True))
        for word, count, hatched in (("given", p.given, False), ("received", p.received, True)):
            width = count / most * room
            parts.append(_text(0, y + 34, word, 12))
            parts.append(_bar(start, y + 21, width, hatched))
            parts.append(_text(start + width + 6, y + 34, str(count), 12))
            y += 20
        y += 26
    summary = "; ".join(
        f"{name_of(p.partner)}: given {p.given}, received {p.received}" for p in drawn
    )
    if len(partners) > len(drawn):
        summary += f"; and {len(partners) - len(drawn)} more partners, in the table by partner"
    summary += ". Given is the solid bar above, received the hatched bar below."
    table = _table(
        ("Partner", "Given", "Received"),
        ((name_of(p.partner), str(p.given), str(p.received)) for p in drawn),
    )
    return _chart(
        "referrals", "Referrals given and received, per partner", summary, y, "".join(parts), table
    )


def sparkline(months: tuple[MonthCount, ...]) -> Safe:
    """A small inline SVG of a contact's touches per month, described in words.

    No table beside it: the contact page's timeline lists every touch it counts.
    """
    if not months:
        return drawn_svg("")
    most = max(m.touches for m in months)
    parts = [_line(0, 19.5, SPARK * len(months), 19.5)]
    for index, m in enumerate(months):
        if m.touches:
            height = max(m.touches / most * 16, 2)
            parts.append(_rect(index * SPARK, 19 - height, SPARK - 1, height))
    total = sum(m.touches for m in months)
    words = xml_text(f"{_touches(total)} in the last {len(months)} months, {busiest(months)}")
    width = SPARK * len(months)
    return drawn_svg(
        f'<svg class="nj-sparkline" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{width}" height="20" viewBox="0 0 {width} 20" '
        # A space between the title and the description: the search index joins their text.
        f'style="vertical-align:middle;color:inherit"><title>{words}.</title> '
        f"<desc>One column per month, oldest first; the timeline below lists them.</desc>"
        + "".join(parts)
        + "</svg>"
    )


def busiest(months: tuple[MonthCount, ...]) -> str:
    """Where the touches peaked, in words: `most in March 2026 (3 touches)`."""
    peaks = busiest_months(months)
    if not peaks:
        return "none at all"
    each = _touches(peaks[0].touches)
    if sum(m.touches for m in months) == peaks[0].touches:  # one month holds them all
        return f"{'all ' if peaks[0].touches > 1 else ''}in {month_label(peaks[0].month)}"
    if len(peaks) == 1:
        return f"most in {month_label(peaks[0].month)} ({each})"
    if len(peaks) == 2:
        first, last = (month_label(p.month) for p in peaks)
        return f"most in {first} and {last} ({each} each)"
    return (
        f"at most {each} a month, in {len(peaks)} months, the last {month_label(peaks[-1].month)}"
    )


def _won(count: int) -> str:
    return f"{count} won"


def _touches(count: int) -> str:
    return f"{count} touch" if count == 1 else f"{count} touches"


def _chart(
    name: str,
    title: str,
    summary: str,
    height: float,
    drawing: str,
    table: str,
    width: int = WIDTH,
) -> Safe:
    ids = f"nj-{name}-title nj-{name}-desc"
    return drawn_svg(
        f'<div class="nj-chart"><figure><svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{ids}" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" style="max-width:100%;height:auto;color:inherit">'
        f'<title id="nj-{name}-title">{xml_text(title)}</title>'
        f'<desc id="nj-{name}-desc">{xml_text(summary)}</desc>{drawing}</svg>'
        f"<figcaption>{xml_text(title)}: the numbers are in the table below.</figcaption>"
        f"</figure><details><summary>The numbers</summary>{table}</details></div>"
    )


def _table(heads: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    """An HTML table; numbers (every column after the first) aligned right."""

    right = ' style="text-align:right"'

    def cells(tag: str, values: tuple[str, ...]) -> str:
        return "".join(
            f"<{tag}{'' if i == 0 else right}>{xml_text(v)}</{tag}>" for i, v in enumerate(values)
        )

    body = "".join(f"<tr>{cells('td', row)}</tr>" for row in rows)
    return f"<table><thead><tr>{cells('th', heads)}</tr></thead><tbody>{body}</tbody></table>"


def _text(
    x: float, y: float, words: str, size: int = 13, anchor: str = "", weight: bool = False
) -> str:
    middle = f' text-anchor="{anchor}"' if anchor else ""
    bold = ' font-weight="bold"' if weight else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="currentColor"{middle}{bold}>'
        f"{xml_text(words)}</text>"
    )


def _rect(x: float, y: float, width: float, height: float) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
        'fill="currentColor"/>'
    )


def _bar(x: float, y: float, width: float, hatched: bool = False) -> str:
    """A bar `width` long; zero is drawn as a short upright mark, so it is seen to be zero."""
    if width <= 0:
        return _line(x, y, x, y + BAR)
    if hatched:
        return (
            f'<rect x="{x:.1f}" y="{y + 0.75:.1f}" width="{width:.1f}" height="{BAR - 1.5}" '
            f'fill="url(#{HATCH})" stroke="currentColor" stroke-width="1.5"/>'
        )
    return _rect(x, y, width, BAR)


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        'stroke="currentColor" stroke-width="1.5"/>'
    )
