"""The reader's fast paths give what its careful paths give (issue 12, goals 1 and 4).

Each fast path skips work only where the careful one could not find anything else: these
properties feed both the same texts, most of them made of the characters that matter.
"""

from __future__ import annotations

import re
from unittest import mock

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from yaml.resolver import BaseResolver

from netjournal.diagnostics import fold
from netjournal.read import front_matter, wikilinks
from netjournal.read.front_matter import FrontMatterError, parse
from netjournal.read.slow_markdown import BUDGET, markdown_steps, too_slow
from netjournal.read.wikilinks import Found, folded, links_in_notes

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


_YAML_LINES = st.sampled_from(
    [
        "name: Jane Doe",
        "name: Léa Müller 😀",
        "k: [é, 😀, x, {a: 😀😀, b: c}]",
        "k: [é,",
        "  😀 y, 'q 😀', x]",
        "  continued 😀 text",
        'k: "😀 é"',
        "  - 😀",
        "\ufeffk: v",
        "k: v\r",
        "k: v\x0c",
        "company: 'Acme, Inc.'",
        'title: "Head of ops"',
        "tags: [a, b, 'c d']",
        "tags: [a, [b, [c]]]",
        "email:",
        "  - jane@example.com",
        "  - {what: call, due: 2026-01-02, done: true}",
        "- loose",
        "follow_ups:",
        "  - what: call",
        "    due: 2026-01-02",
        "    done: 2026-01-03",
        "opportunities: [{title: x, value: 1200}]",
        "phone: 0123",
        "phone: +1 555 0100",
        "time: 14:30",
        "private: yes",
        "private: no",
        "value: 1e3",
        "value: .inf",
        "value: .nan",
        "value: 0x1F",
        "value: 1_000",
        "value: 12345678901234567890123456789",
        "value: ~",
        "value: null",
        "value: ''",
        "<<: x",
        "k: =",
        "1: one",
        "true: yes",
        "dup: 1",
        "dup: 2",
        "? key",
        ": x",
        "notes: |",
        "  line one",
        "  line two",
        "folded: >",
        "  a b",
        "nested:",
        "  deeper:",
        "    deepest: [x]",
        "k: a # comment",
        "# comment",
        "",
        "  ",
        "k: {a: 1, a: 2}",
        "k: [unclosed",
        "k: 'unclosed",
        "k:\tvalue",
        "\tk: v",
        "k: x: y",
        "just text",
        "k: &anchor v",
        "k: *alias",
        "k: !!str 12",
        "k: !!int x",
        'k: "\\x07"',
        "k: caf\u00e9",
        "k:\u00a0v",
        "k: a\u2028b",
        "%YAML 1.1",
        "k: [" * 3,
        "]]]",
    ]
)
FRONT_MATTERS = st.lists(_YAML_LINES, max_size=14).map("\n".join)


def _parsed(text: str) -> str:
    try:
        return repr(parse(text))
    except FrontMatterError as error:
        return repr((error.code, error.message, error.line, error.column))


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FRONT_MATTERS)
def test_front_matter_read_by_the_composer_is_read_as_event_by_event(yaml_text: str) -> None:
    text = f"---\n{yaml_text}\n---\nThe notes.\n"
    careful = mock.patch.object(front_matter, "_composable", lambda text: False)
    with careful:
        expected = _parsed(text)
    assert _parsed(text) == expected


def test_a_plain_front_matter_is_composed_in_c_and_keeps_every_place() -> None:
    text = "---\nname: Léa 😀\nphone: 0123\nfollow_ups:\n  - {what: x, due: 2026-01-02}\n---\n"
    with mock.patch.object(front_matter._Builder, "_read", side_effect=AssertionError):
        document = parse(text)
    assert document.data == {
        "name": "Léa 😀",
        "phone": 83,  # YAML 1.1 reads 0123 as octal
        "follow_ups": [{"what": "x", "due": "2026-01-02"}],
    }
    assert document.typed_text == {("phone",): "0123"}
    assert document.value_at[("follow_ups", 0, "due")] == (5, 20)
    assert document.key_at[("follow_ups", 0, "due")] == (5, 15)
    assert document.body_line == 7


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="aZé0-_ .'\"\t\u0301", max_size=12))
def test_a_slug_folds_as_every_word_folds(word: str) -> None:
    assert folded(word) == fold(word)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="[]*_`<&!#\n\\x", max_size=1_400))
@example("[" * 1_400)
@example("[[" * 700)
@example("[*" * 700)
def test_a_note_of_1400_characters_is_never_too_slow(body: str) -> None:
    assert not too_slow(body)
    assert markdown_steps(body) <= BUDGET


@settings(max_examples=2000, deadline=None)
@given(
    st.one_of(
        st.text(alphabet="0123456789+-._:eExXoObB~nNuUlLtTrRfFyYsS<=!&* ", max_size=12),
        st.sampled_from(["", "~", "null", "yes", "No", "on", "0x1F", "1_000", ".inf", "<<", "="]),
    ),
    st.booleans(),
    st.booleans(),
)
def test_the_loaders_resolve_each_scalar_as_pyyaml_does(
    value: str, plain: bool, quoted: bool
) -> None:
    for loader in (front_matter.LOADER, front_matter.PYTHON_LOADER):
        ours = loader("").resolve(yaml.ScalarNode, value, (plain, quoted))
        assert ours == BaseResolver.resolve(loader(""), yaml.ScalarNode, value, (plain, quoted))


def _split_line_by_line(text: str) -> str:
    """What `parse` gave when it split the whole text into lines to find the closing '---'."""
    lines = text.split("\n")
    try:
        if not front_matter.OPENING.fullmatch(lines[0]):
            raise front_matter.no_front_matter(lines)
        for number, line in enumerate(lines[1:], start=1):
            if re.fullmatch(r"(---|\.\.\.)[ \t]*", line):
                yaml_text = "\n".join(lines[1:number])
                body = "\n".join(lines[number + 1 :])
                builder = front_matter._Builder(yaml_text, body, front_matter.LOADER, number + 2)
                return repr(builder.build())
        raise front_matter.not_closed(lines)
    except FrontMatterError as error:
        return repr((error.code, error.message, error.line, error.column))


_FILE_PIECES = st.sampled_from(
    [
        "---",
        "--- ",
        "---\t",
        "...",
        "... x",
        " ---",
        "----",
        "—",
        "+++",
        "name: x",
        "k: [1]",
        "",
        " ",
        "notes",
        "# heading",
        "\n",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_FILE_PIECES, max_size=8).map("\n".join), st.booleans())
def test_the_front_matter_is_cut_where_it_was_cut_line_by_line(text: str, newline: bool) -> None:
    text = text + "\n" if newline else text
    assert _parsed(text) == _split_line_by_line(text)
