"""Notes' HTML in the built site: cleaned, closed off note by note, anchors kept apart."""

from __future__ import annotations

import re
import time

from netjournal.read.html_balance import unbalanced_html

RAW_HTML_MKDOCS = """\
site_name: Test journal
theme:
  name: material
plugins:
  - search
  - netjournal:
      raw_html: true
markdown_extensions:
  - toc:
      permalink: true
"""
PERMALINKS_MKDOCS = RAW_HTML_MKDOCS.replace("      raw_html: true\n", "")


def test_a_note_heading_cannot_take_an_entry_anchor(write, build_site):
    # The note's heading would get the id '2026-11-02-coffee', the next entry's anchor.
    # (With a title: without one, a note's first heading would be the entry's title.)
    write(
        "journal/2026-11-01-call.md",
        "---\ndate: 2026-11-01\ntitle: Call\n---\n# 2026-11-02 coffee\n",
    )
    write("journal/2026-11-02-coffee.md", "---\ndate: 2026-11-02\n---\nCoffee.\n")
    month = (build_site(config=PERMALINKS_MKDOCS) / "journal/2026-11.html").read_text("utf-8")
    assert re.findall(r'id="2026-11-02-coffee"', month) == ['id="2026-11-02-coffee"']
    assert re.search(r'<h2 id="2026-11-02-coffee">Coffee', month)
    # the note's heading keeps an id and a permalink of its own, one level under its entry
    own = '<h3 id="2026-11-01-call--2026-11-02-coffee">2026-11-02 coffee'
    assert own in month
    assert 'href="#2026-11-01-call--2026-11-02-coffee"' in month


def test_raw_html_keeps_the_notes_html_for_a_single_author(write, build_site):
    note = '<span onclick="go()">tap</span> <iframe src="map.html"></iframe> <div>open\n'
    write("journal/2026-11-01-call.md", "---\ndate: 2026-11-01\n---\n" + note)
    write("journal/2026-11-02-next.md", "---\ndate: 2026-11-02\n---\nNext.\n")
    month = (build_site(config=RAW_HTML_MKDOCS) / "journal/2026-11.html").read_text("utf-8")
    assert '<span onclick="go()">tap</span>' in month
    assert '<iframe src="map.html"></iframe>' in month
    note_html = month[
        month.index('<div class="netjournal-note">') : month.index('<h2 id="2026-11-02-next"')
    ]
    assert note_html.count("<div") == note_html.count("</div>")  # closed off all the same


def test_by_default_the_same_note_is_cleaned(write, build_site):
    note = '<span onclick="go()">tap</span> <iframe src="map.html"></iframe>\n'
    write("journal/2026-11-01-call.md", "---\ndate: 2026-11-01\n---\n" + note)
    month = (build_site() / "journal/2026-11.html").read_text("utf-8")
    assert "<span>tap</span>" in month
    assert "onclick" not in month and "<iframe" not in month


def test_a_note_nested_too_deep_is_shown_as_typed(write, build_site):
    write("contacts/jane.md", "---\nname: Jane\n---\n" + "<div>" * 5000 + "deep\n")
    page = (build_site() / "contacts/jane.html").read_text("utf-8")
    assert "<pre>&lt;div&gt;&lt;div&gt;" in page


def test_the_html_check_takes_linear_time_on_hostile_notes():
    """2 MB notes built to make html.parser (quadratic on Python 3.11) or a regex crawl."""
    for unit in ("<!--", "</", '<a "', "`` ` ", "</div>", "<style>", "- x\n\n    <div>\n"):
        times = []
        for size in (250_000, 1_000_000):
            note = unit * (size // len(unit))
            runs = []
            for _ in range(3):  # the fastest of three, in CPU time: the machine may be busy
                start = time.process_time()
                unbalanced_html("journal/x.md", note, 4)
                runs.append(time.process_time() - start)
            times.append(min(runs))
        # 4 times the text takes about 4 times as long; quadratic would be 16 times. The
        # slack keeps a busy machine's noise on millisecond timings from failing it.
        assert times[1] < 10 * times[0] + 0.5, (unit, times)
