"""Which HTML tags in a note are left open or close nothing, found in one linear scan.

`check` warns about them in the notes' Markdown (NJ130): an unclosed `<div>` would take
everything after it into the note (the site closes each note off on its own anyway).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from netjournal.diagnostics import Problem


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Elements whose tags must be balanced. Void elements (<br>, <img>…) are left out, and so is
# any name that is no HTML element: `<https://example.com>` is a Markdown autolink.
ELEMENTS = _names(
    "a abbr address article aside audio b bdi bdo blockquote body button canvas caption cite "
    "code colgroup data datalist dd del details dfn dialog div dl dt em fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 head header hgroup html i iframe ins kbd label legend "
    "li main map mark menu meter nav noscript object ol optgroup option output p picture pre "
    "progress q rp rt ruby s samp script section select slot small span strong style sub "
    "summary sup table tbody td template textarea tfoot th thead time title tr u ul var video "
    "xmp plaintext noembed noframes marquee center font frameset big strike tt nobr"
)
# Closed by the browser when their parent closes: only worth a word when nothing closes them.
_OPTIONAL_END = _names("p li dt dd tr td th thead tbody tfoot option optgroup rt rp")
# A new one of these closes the open one of the same group (<li> after <li>).
_SIBLINGS = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"}}
_SIBLINGS |= {"td": {"td", "th"}, "th": {"td", "th"}, "option": {"option"}, "p": {"p"}}
_CLOSES_P = _names(
    "address article aside blockquote details div dl fieldset figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr main menu nav ol p pre section table ul"
)


@dataclass(frozen=True)
class Tag:
    """One tag of the text: its name, 1-based line and column, and its span in the text."""

    name: str
    line: int
    column: int
    start: int
    end: int


@dataclass(frozen=True)
class Balance:
    """The tags left open at the end of the text, and the end tags that close nothing."""

    unclosed: tuple[Tag, ...]
    stray: tuple[Tag, ...]
    deepest: int = 0  # the most elements open at once


# Elements whose content is text up to their own end tag: `<style>` swallows any `<div>`.
_RAW_TEXT = _names("script style textarea title xmp iframe noembed noframes plaintext")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_TAG_END = re.compile(r"""["'>]""")


class _Scanner:
    """Tags from left to right, each character looked at a bounded number of times.

    (html.parser is quadratic on inputs like 2 MB of `<!--` on Python 3.11, hence this.)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.open: list[Tag] = []
        self.opened: Counter[str] = Counter()  # names in self.open: no walk down it per tag
        self.unclosed: list[Tag] = []
        self.stray: list[Tag] = []
        self.deepest = 0

    def scan(self) -> Balance:
        text, position = self.text, 0
        while (position := text.find("<", position)) >= 0:
            if text.startswith("<!--", position):
                end = text.find("-->", position + 4)
                position = len(text) if end < 0 else end + 3
            elif text.startswith(("<!", "<?"), position):
                end = text.find(">", position)
                position = len(text) if end < 0 else end + 1
            else:
                closing = text.startswith("</", position)
                name = _NAME.match(text, position + (2 if closing else 1))
                if name is None:
                    position += 1  # a '<' in text
                    continue
                end = self._tag_end(name.end())
                tag = self._tag(name.group().lower(), position, end)
                position = end
                if closing:
                    self._close(tag)
                elif tag.name in ELEMENTS and not text.startswith("/>", end - 2):
                    self._open(tag)
                    if tag.name in _RAW_TEXT:
                        position = self._raw_text_end(tag)
        return self.result()

    def _tag_end(self, position: int) -> int:
        """Where the tag that goes on at `position` ends ('>' outside quotes), or the text does."""
        while (found := _TAG_END.search(self.text, position)) is not None:
            if found.group() == ">":
                return found.end()
            quote = self.text.find(found.group(), found.end())
            if quote < 0:
                break
            position = quote + 1
        return len(self.text)

    def _raw_text_end(self, tag: Tag) -> int:
        closer = re.compile(f"</{tag.name}(?=[\\s/>]|$)", re.IGNORECASE)
        found = closer.search(self.text, tag.end)
        if found is None:
            return len(self.text)
        self._pop()
        return self._tag_end(found.end())

    def _tag(self, name: str, start: int, end: int) -> Tag:
        line = bisect.bisect_right(self.line_starts, start) - 1
        return Tag(name, line + 1, start - self.line_starts[line] + 1, start, end)

    def _open(self, tag: Tag) -> None:
        top = self.open[-1].name if self.open else ""
        if top in _SIBLINGS.get(tag.name, ()) or (top == "p" and tag.name in _CLOSES_P):
            self._pop()
        self.open.append(tag)
        self.opened[tag.name] += 1
        self.deepest = max(self.deepest, len(self.open))

    def _pop(self) -> Tag:
        tag = self.open.pop()
        self.opened[tag.name] -= 1
        return tag

    def _close(self, tag: Tag) -> None:
        if tag.name not in ELEMENTS:
            return
        if not self.opened[tag.name]:
            self.stray.append(tag)
            return
        while self.open:
            inner = self._pop()
            if inner.name == tag.name:
                break
            if inner.name not in _OPTIONAL_END:
                self.unclosed.append(inner)

    def result(self) -> Balance:
        left = [
            t
            for i, t in enumerate(self.open)
            if i == 0 or t.name not in _OPTIONAL_END  # an open <li> in an open <ul>: one word
        ]
        unclosed = sorted([*self.unclosed, *left], key=lambda t: t.start)
        return Balance(tuple(unclosed), tuple(self.stray), self.deepest)


def balance(text: str) -> Balance:
    """The unbalanced tags of `text` (HTML, or Markdown with its code masked)."""
    return _Scanner(text).scan()


def unbalanced_html(path: str, body: str, first_line: int) -> list[Problem]:
    """Warnings about a note's HTML: NJ130 per tag left open or closing nothing, NJ131 if deep.

    `first_line` is the file's line number of the body's first line. Code (fenced, indented
    or between backticks) is left out: a `<div>` shown as code is no tag.
    """
    if "<" not in body:  # no tag at all: most notes
        return []
    found = balance(mask_code(body))
    if found.deepest > DEEPEST:  # one word is enough: the note is shown as plain text
        return [
            Problem(
                "NJ131",
                path,
                f"the HTML in this note nests {found.deepest} elements deep, more than the "
                f"{DEEPEST} a note may have, so the site shows the note as plain text: "
                "close the tags you opened",
                first_line,
            )
        ]
    problems = []
    for tag in found.unclosed:
        problems.append(
            Problem(
                "NJ130",
                path,
                f"<{tag.name}> is never closed, so everything after it in the note would "
                f"become part of it: add </{tag.name}> where it should end, or write it as "
                f"`<{tag.name}>` to show it as text",
                first_line + tag.line - 1,
                tag.column,
            )
        )
    for tag in found.stray:
        problems.append(
            Problem(
                "NJ130",
                path,
                f"</{tag.name}> closes nothing that is open: remove it, or add the "
                f"<{tag.name}> it should close",
                first_line + tag.line - 1,
                tag.column,
            )
        )
    problems.sort(key=lambda p: (p.line, p.column))
    if len(problems) > _MOST:  # the first few say what to fix; thousands would hide the rest
        last = problems[_MOST - 1]
        more = f" ({len(problems) - _MOST} more in this note are not listed)"
        problems[_MOST - 1 :] = [
            Problem(last.code, path, last.message + more, last.line, last.column)
        ]
    return problems


_MOST = 10
# Deeper notes are shown as plain text: sanitising HTML nested n deep takes time in n squared.
DEEPEST = 100
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def mask_code(markdown: str) -> str:
    """`markdown` with every character of its code blocks and code spans made a space.

    Lines and columns stay where they were, so a tag found in the rest is placed exactly.
    """
    lines = markdown.split("\n")
    fence, blank_before, in_code, in_list = "", True, False, False
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            run = opening.group(1) if opening is not None else ""
            if run[:1] == fence[0] and len(run) >= len(fence) and not line.strip().strip(run[0]):
                fence = ""
            lines[index] = " " * len(line)
            continue
        if not line.strip():
            blank_before = True
            continue
        indented = line.startswith(("    ", "\t"))
        if indented and (in_code or (blank_before and not in_list)):
            lines[index] = " " * len(line)  # an indented code block, until a line is not
            in_code, blank_before = True, False
            continue
        if opening is not None:
            fence = opening.group(1)
            lines[index] = " " * len(line)
        elif not indented:
            in_list = _LIST_ITEM.match(line) is not None or (in_list and not blank_before)
        in_code = blank_before = False
    return _mask_code_spans("\n".join(lines))


def _mask_code_spans(text: str) -> str:
    """`text` with each code span (`…`, ``…``) blanked, in time linear in its runs of '`'."""
    runs = [(m.start(), m.end() - m.start()) for m in re.finditer("`+", text)]
    by_length: dict[int, list[int]] = {}
    for index, (_, length) in enumerate(runs):
        by_length.setdefault(length, []).append(index)
    chars, index = list(text), 0
    while index < len(runs):
        start, length = runs[index]
        same = by_length[length]
        after = bisect.bisect_right(same, index)
        if after == len(same):
            index += 1  # no closing run of the same length: the backticks are plain text
            continue
        closing = same[after]
        end = runs[closing][0] + length
        for position in range(start, end):
            if chars[position] != "\n":
                chars[position] = " "
        index = closing + 1
    return "".join(chars)
