"""Whether a note's Markdown would make Python-Markdown crawl, judged in one linear pass.

Python-Markdown's inline patterns are quadratic on some text (`__applyPattern` copies the
whole paragraph for every match, and a link's `[` reads ahead to its `]`, or to the end of
the paragraph when there is none). Measured on 200,000-character notes: one unclosed `[`
costs about 0.5 µs per character after it in its paragraph (1,000 of them before 200,000
letters took 100 s), and every backslash escape, `<`, `&`, `` ` ``, `*` or `_` about 4 ns
per character of its paragraph (200,000 `\\` took 10 s). Such a note is shown as plain
text instead (NJ132); notes a person writes stay far below the budget.
"""

from __future__ import annotations

import re

from netjournal.diagnostics import Problem

# Characters that start an inline pattern and may match (each match copies the paragraph);
# `#` starts a tag (`#daily`).
_MATCHES = "\\*_<`&!#\n"
_BRACKET = re.compile(r"[][]")
# Steps (about 0.5 µs each) a note may take in the inline patterns: about a second of CPU.
BUDGET = 2_000_000
_SHORT = 1_400  # 1,400² · 65/64 < BUDGET: a note this short is never too slow
_COPY = 128  # a match costs about a 128th of a step per character of its paragraph


def markdown_steps(body: str) -> int:
    """An estimate, counted in linear time, of the work Python-Markdown's inline patterns do.

    Per paragraph (text between blank lines): for each `[`, the characters up to its `]`
    (or to the paragraph's end); and for each character that may start a match, the
    paragraph's length over `_COPY`.
    """
    steps = 0
    for paragraph in _paragraphs(body):
        opened: list[int] = []
        for bracket in _BRACKET.finditer(paragraph):
            if bracket.group() == "[":
                opened.append(bracket.start())
            elif opened:
                steps += bracket.start() - opened.pop()
        # A wikilink `[[…]]` is a match too (netjournal's own inline pattern).
        matches = sum(paragraph.count(char) for char in _MATCHES) + paragraph.count("[[")
        end = len(paragraph)
        steps += sum(end - start for start in opened)
        steps += matches * end // _COPY
    return steps


def too_slow(body: str) -> bool:
    """Whether the note would take more than about a second to render (NJ132)."""
    # A paragraph of n characters counts at most n steps per '[' and n / 128 per match (two
    # per character at most): n² · 65/64 in all, under the budget for every shorter note.
    if len(body) <= _SHORT:
        return False
    return markdown_steps(body) > BUDGET


def _paragraphs(body: str) -> list[str]:
    paragraphs, current = [], []
    for line in body.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def slow_note(path: str, body: str, first_line: int) -> list[Problem]:
    """NJ132 at the note's first line when it would take too long to render, else nothing."""
    if not too_slow(body):
        return []
    return [
        Problem(
            "NJ132",
            path,
            "this note has so many '[', '\\', '<', '&', '`', '*' or '_' in one paragraph that "
            "rendering its Markdown would take too long, so the site shows the note as plain "
            "text: remove the pasted characters, or split the text into paragraphs with "
            "blank lines",
            first_line,
        )
    ]
