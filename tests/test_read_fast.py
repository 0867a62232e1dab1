"""The reader's fast paths give what its careful paths give (issue 12, goals 1 and 4).

Each fast path skips work only where the careful one could not find anything else: these
properties feed both the same texts, most of them made of the characters that matter.
"""

from __future__ import annotations

from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netjournal.read import wikilinks
from netjournal.read.wikilinks import Found, links_in_notes

# The pieces notes are made of where Markdown's code, escapes, HTML and references hide a
# wikilink, and the wikilinks themselves.
_NOTE_PIECES = st.sampled_from(
    [
        "[[jane-doe]]",
        "[[Jane Doe|JD]]",
        "[[x#Notes]]",
        "[[#Notes]]",
        "[[]]",
        "[[",
        "]]",
        "[",
        "]",
        "|",
        "#",
        "`",
        "```",
        "~~~",
        "\\",
        "<b>",
        "<div>\n",
        ">",
        "> ",
        "]:",
        "[ref]: ",
        "    ",
        "\t",
        "\n",
        "\n\n",
        " ",
        "- ",
        "1. ",
        "* ",
        "word",
        "é",
        "---\n",
        "# ",
    ]
)
NOTES = st.lists(_NOTE_PIECES, max_size=30).map("".join)


def _careful(body: str, first_line: int = 1) -> list[Found]:
    """`links_in_notes` with every note sent through Python-Markdown."""
    with mock.patch.object(wikilinks, "_plain", lambda body: False):
        return links_in_notes(body, first_line)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOTES, st.integers(min_value=1, max_value=40))
def test_notes_without_code_give_the_wikilinks_markdown_gives(body: str, first_line: int) -> None:
    assert links_in_notes(body, first_line) == _careful(body, first_line)


def test_a_plain_note_skips_markdown_and_a_note_with_code_does_not() -> None:
    plain = "Lunch with [[jane-doe]].\n\n- ask [[Tom|him]] about [[x#Notes]]\n"
    with mock.patch.object(wikilinks._OUTSIDE_CODE, "found", side_effect=AssertionError):
        found = links_in_notes(plain, 5)
    assert [(f.link.target, f.line, f.column) for f in found] == [
        ("jane-doe", 5, 12),
        ("Tom", 7, 7),
        ("x", 7, 25),
    ]
    coded = "Lunch with [[jane-doe]], `[[not-a-link]]`.\n\n    [[code]]\n"
    assert [f.link.target for f in links_in_notes(coded)] == ["jane-doe"]
