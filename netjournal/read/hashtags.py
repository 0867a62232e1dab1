"""Obsidian's `#tag` words in a note: the tags its text carries, as Obsidian reads them.

A tag is `#` after a space (or at the start of a line) and then letters, digits, `_`, `-`
and `/`, not only digits: `#daily`, `#client/active`, `#2026-goals`; `#1984` is a number.
`C#`, `https://x.example/#y` and a `#` in code are not tags. `#daily` at the start of a
line is a tag, never a heading: a heading needs a space after its `#`s (`# Notes`), as in
Obsidian and CommonMark. The note renderer uses the same grammar (`render/obsidian.py`),
so what the site links as a tag is what counts as one.
"""

from __future__ import annotations

import re
import unicodedata
from xml.etree.ElementTree import Element

import markdown  # type: ignore[import-untyped]
from markdown.blockprocessors import HashHeaderProcessor  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]
from markdown.inlinepatterns import InlineProcessor  # type: ignore[import-untyped]

from netjournal.read.inline_pass import InlinePass
from netjournal.read.slow_markdown import too_slow

# One character class repeated once after a fixed look-behind: linear in the text.
TAG_PATTERN = r"(?<!\S)#([\w/-]+)"
_TAG = re.compile(TAG_PATTERN)
# After links (160) and autolinks (120), so a link's words or address are never a tag.
TAG_PRIORITY = 105
_WIKILINK = r"\[\[[^\[\]\n]*\]\]"  # one class inside fixed brackets: linear


def is_tag(word: str) -> bool:
    """Whether `word` (what follows the `#`) is a tag: anything but digits alone."""
    return not word.isdigit()


class ObsidianHeadings(Extension):  # type: ignore[misc]
    """`#daily` is a tag, not a heading: an ATX heading needs a space after its `#`s.

    Python-Markdown reads `#daily` as `<h1>daily</h1>`; Obsidian, CommonMark and netjournal's
    titles (`titles.first_heading`) do not. `#` alone is still an empty heading.
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.parser.blockprocessors.register(_Headings(md.parser), "hashheader", 70)


class _Headings(HashHeaderProcessor):  # type: ignore[misc]
    RE = re.compile(
        r"(?:^|\n)(?P<level>#{1,6})(?=[ \t]|\n|$)"
        r"(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)"
    )


class TagPattern(InlineProcessor):  # type: ignore[misc]
    """A `#tag` in a note's text: never inside a link, whose words it would break."""

    ANCESTOR_EXCLUDES = ("a",)

    def __init__(self) -> None:
        super().__init__(TAG_PATTERN)

    def handleMatch(
        self, match: re.Match[str], data: str
    ) -> tuple[Element | str | None, int | None, int | None]:
        word = match.group(1)
        if not is_tag(word):
            return None, None, None
        return self.tag(word), match.start(0), match.end(0)

    def tag(self, word: str) -> Element | str:
        """What the tag `word` becomes in the note: here, its words as written."""
        return f"#{word}"


class _Wikilinks(InlineProcessor):  # type: ignore[misc]
    """A wikilink's words (`[[Jane|see #x]]`) are never a tag: the site shows them as a link."""

    def handleMatch(self, match: re.Match[str], data: str) -> tuple[str, int, int]:
        return "", match.start(0), match.end(0)


def hashtags(body: str) -> tuple[str, ...]:
    """The tags the note `body` carries in its text, each once, in the order written.

    Python-Markdown decides what is code and what is a link, with the same grammar as the
    site's notes, so a tag counts exactly when its page shows it as one.
    """
    if "#" not in body or too_slow(body):
        return ()
    if not any(is_tag(match.group(1)) for match in _TAG.finditer(body)):
        return ()
    seen = _SHOWN.found(body)
    return () if seen is None else tuple(dict.fromkeys(seen))


def with_hashtags(tags: tuple[str, ...], body: str) -> tuple[str, ...]:
    """A record's `tags`, then each tag its notes `body` carry that they lack (case aside)."""
    found = hashtags(body)
    if not found:
        return tags
    have = {_folded(tag) for tag in tags}
    extra = {_folded(tag): tag for tag in reversed(found) if _folded(tag) not in have}
    return (*tags, *(tag for key, tag in reversed(extra.items())))


def without_hashtags(tags: tuple[str, ...], body: str) -> tuple[str, ...]:
    """`tags` without those the notes `body` carry: what a page that hides the notes shows.

    A tag written both as a property and in the notes goes too: the record cannot tell
    which one put it there, and the notes stay private.
    """
    found = {_folded(tag) for tag in hashtags(body)}
    return tuple(tag for tag in tags if _folded(tag) not in found) if found else tags


def _folded(tag: str) -> str:
    return " ".join(unicodedata.normalize("NFC", tag).casefold().split())


class _Collect(Extension):  # type: ignore[misc]
    def __init__(self, seen: list[str]) -> None:
        super().__init__()
        self.seen = seen

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        ObsidianHeadings().extendMarkdown(md)
        md.inlinePatterns.register(_Seen(self.seen), "netjournal-hashtags", TAG_PRIORITY)
        # At the priority the site's wikilinks have (read/wikilinks.py's PRIORITY).
        md.inlinePatterns.register(_Wikilinks(_WIKILINK), "netjournal-wikilinks", 175)


class _Seen(TagPattern):
    def __init__(self, seen: list[str]) -> None:
        super().__init__()
        self.seen = seen

    def tag(self, word: str) -> Element | str:
        self.seen.append(word)
        return super().tag(word)


# The tags that come out of the inline pass: those the page shows as tags.
_SHOWN: InlinePass[str] = InlinePass(_Collect)
