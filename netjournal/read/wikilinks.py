"""Wikilinks, as Obsidian and Foam write them: `[[slug]]`, `[[Name|label]]`, `[[x#heading]]`.

One resolver turns a wikilink's target into the contact or entry it names, as Obsidian
does: by slug, then by file name (`[[Jane Doe]]` finds `Jane Doe.md`, `[[People/Jane Doe]]`
and `[[Jane Doe.md]]` too), then by a contact's name or alias; compared folded (case,
accents, spaces and hyphens do not matter), so `[[Jane Doe]]` finds `jane-doe.md` named Jane
Doe.
The reader uses it for front-matter values and for the notes' links (warnings, backlinks,
a daily note's people); the renderer uses the same one to turn them into site links.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import markdown  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]
from markdown.inlinepatterns import InlineProcessor  # type: ignore[import-untyped]

from netjournal.diagnostics import did_you_mean, fold
from netjournal.model import ContactRef, EntryRef, Journal
from netjournal.read.hashtags import ObsidianHeadings
from netjournal.read.inline_pass import InlinePass
from netjournal.read.slow_markdown import too_slow

# Each part is one character class repeated once, and none may hold '[' or ']': a match
# can neither nest nor backtrack into another, so the scan is linear in the text. The
# target may be empty: `[[#Notes]]` is Obsidian's link to a heading of the same note, and
# `[[]]` or `[[|x]]` are found so that `check` can say they name nothing.
PATTERN = r"\[\[([^\[\]|#\n]*)(?:#([^\[\]|\n]*))?(?:\|([^\[\]\n]*))?\]\]"
WIKILINK = re.compile(PATTERN)
# Before Python-Markdown's links (160), after code spans (190) and backslash escapes (180):
# so `[[x]]` in code stays literal, and `\[[x]]` is no link, as in Obsidian.
PRIORITY = 175
# The extensions every site renders notes with that decide a heading's id (the render
# layer's SITE_EXTENSIONS): toc makes it, attr_list may set it, smarty changes the words;
# and, as the notes are rendered, `#daily` is a tag, not a heading.
HEADING_EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "smarty", ObsidianHeadings()]

Target = ContactRef | EntryRef


@dataclass(frozen=True)
class Wikilink:
    """One `[[target#heading|label]]` as written."""

    target: str
    heading: str | None = None
    label: str | None = None

    @property
    def text(self) -> str:
        """What it shows unresolved: its label, else its target (and heading); an empty
        one (`[[]]`, `[[|x]]`) shows as written, so nothing typed is lost."""
        if self.empty:
            return self.written
        if self.label and self.label.strip():
            return self.label.strip()
        return self.words(self.target.strip())

    def words(self, name: str) -> str:
        """The words it shows when its target reads `name`: with its heading, if any."""
        heading = (self.heading or "").strip()
        if not name:
            return heading
        return f"{name} > {heading}" if heading else name

    @property
    def empty(self) -> bool:
        """Whether it names nothing at all: `[[]]`, `[[|x]]`, `[[#]]`."""
        return not self.target.strip() and not (self.heading or "").strip()

    @property
    def own_heading(self) -> bool:
        """Whether it links to a heading of the note it is in: `[[#Notes]]`."""
        return not self.target.strip() and bool((self.heading or "").strip())

    @property
    def written(self) -> str:
        heading = f"#{self.heading}" if self.heading is not None else ""
        label = f"|{self.label}" if self.label is not None else ""
        return f"[[{self.target}{heading}{label}]]"


def parsed(match: re.Match[str]) -> Wikilink:
    return Wikilink(match.group(1), match.group(2), match.group(3))


def property_link(value: str) -> Wikilink | None:
    """The wikilink a front-matter value is, as a whole (`"[[priya-shah]]"`), or None."""
    match = WIKILINK.fullmatch(value.strip())
    return parsed(match) if match else None


def without_links(text: str) -> str:
    """`text` with each wikilink replaced by the words it shows: for titles."""
    return WIKILINK.sub(lambda m: parsed(m).text, text)


@dataclass(frozen=True)
class Resolution:
    """What a wikilink names: a record, or nothing (with a suggestion), or two (ambiguous)."""

    target: Target | None
    hint: str = ""  # ` (did you mean 'x'?)` when nothing was found
    others: tuple[str, ...] = ()  # slugs of the other records with the same name or alias


class Resolver:
    """Finds the contact or entry a wikilink's target names.

    By exact slug first, then by folded slug, then by a file's name (`Jane Doe` for
    `People/Jane Doe.md`; with a folder, `People/Jane Doe`, by the end of its path), then by
    a contact's name or alias, then by folded entry slug. A name or alias two contacts share
    resolves to the first by slug, and says which others it could be.
    """

    def __init__(
        self,
        contacts: Mapping[str, Iterable[str]],  # slug → its name and aliases
        entries: Iterable[str] = (),
        notes: Mapping[Target, str] | None = None,  # each record's notes, as its page shows them
        paths: Mapping[Target, str] | None = None,  # each record's file, from the journal's root
    ) -> None:
        self.contacts = frozenset(contacts)
        self.entries = frozenset(entries)
        self.notes = notes or {}
        self._headings: dict[Target, list[tuple[str, str]]] = {}
        self.by_fold: dict[str, list[Target]] = {}
        self._by_path: dict[str, list[Target]] | None = None  # made when a link has a '/'
        self._paths: list[tuple[str, Target]] = []
        self.by_file_name: dict[str, Target] = {}
        for slug in sorted(contacts):
            self._add(slug, ContactRef(slug))
        for target, path in sorted((paths or {}).items(), key=lambda item: item[1]):
            self._add_path(path, target)
        for slug in sorted(contacts):
            for name in contacts[slug]:
                self._add(name, ContactRef(slug))
        for slug in sorted(self.entries):
            self._add(slug, EntryRef(slug))
        self.choices = frozenset(
            word for slug, names in contacts.items() for word in (slug, *names) if word
        ) | {file_name(path) for path in (paths or {}).values()}

    def _add(self, word: str, target: Target) -> None:
        found = self.by_fold.setdefault(folded(word), [])
        if target not in found:
            found.append(target)

    def _add_path(self, path: str, target: Target) -> None:
        """A file's name, and each end of its path (`CRM/Contacts/X`, `Contacts/X`), as words
        that name `target`."""
        name = file_name(path)
        if not (isinstance(target, ContactRef) and name == target.slug):
            self._add(name, target)  # (a contact's slug is a word already)
        self.by_file_name.setdefault(name.casefold(), target)
        self._paths.append((path, target))

    @property
    def by_path(self) -> dict[str, list[Target]]:
        """Each end of each file's path, folded, and the records there: made the first time a
        link names a folder, as few do (folding every path of a large journal costs a second)."""
        if self._by_path is None:
            self._by_path = {}
            for path, target in self._paths:
                parts = [fold(part) for part in _without_md(path).split("/")]
                for start in range(len(parts) - 1):
                    found = self._by_path.setdefault("/".join(parts[start:]), [])
                    if target not in found:
                        found.append(target)
        return self._by_path

    def file_named(self, text: str) -> Target | None:
        """The record whose file is named `text` (`Jane Doe`, `Jane Doe.md`; capitals aside),
        or None: a key that names a contact by slug takes its file name too."""
        return self.by_file_name.get(
            unicodedata.normalize("NFC", _without_md(text.strip())).casefold()
        )

    def resolve(self, target: str) -> Resolution:
        """The record `target` (a wikilink's target, as written) names."""
        plain = target.strip()
        if not plain:
            return Resolution(None)
        if plain in self.contacts:
            return Resolution(ContactRef(plain))
        if plain in self.entries:
            return Resolution(EntryRef(plain))
        plain = _without_md(plain)
        if "/" in plain.strip("/"):
            found = self.by_path.get(_fold_path(plain.strip("/")), [])
            if found:
                return Resolution(found[0], others=tuple(t.slug for t in found[1:]))
            return Resolution(None, did_you_mean(plain.rsplit("/", 1)[-1], self.choices))
        found = self.by_fold.get(folded(plain), [])
        if found:
            return Resolution(found[0], others=tuple(t.slug for t in found[1:]))
        return Resolution(None, did_you_mean(plain, self.choices))

    def heading(self, target: Target, heading: str) -> str | None:
        """The id (before the page's prefix) of the heading `heading` in `target`'s notes, or
        None when its notes have no such heading. Read once per record, when first asked."""
        if target not in self._headings:
            self._headings[target] = heading_ids(self.notes.get(target, ""))
        return find_heading(self._headings[target], heading)

    def contact(self, target: str) -> str | None:
        """The slug of the contact `target` names, or None."""
        found = self.resolve(target).target
        return found.slug if isinstance(found, ContactRef) else None


def journal_resolver(journal: Journal, notes: Mapping[Target, str] | None = None) -> Resolver:
    """The resolver of a journal as read: what the site's links and words are found by."""
    paths: dict[Target, str] = {ContactRef(s): c.path for s, c in journal.contacts.items()}
    paths.update({EntryRef(e.slug): e.path for e in journal.entries})
    contacts = {slug: (c.name, *c.aliases) for slug, c in journal.contacts.items()}
    return Resolver(contacts, [e.slug for e in journal.entries], notes, paths)


def file_name(path: str) -> str:
    """A file's name as written, without its folder and `.md` (NFC): `Jane Doe`."""
    return unicodedata.normalize("NFC", _without_md(path.rsplit("/", 1)[-1]))


def folded(word: str) -> str:
    """`fold(word)`, without its Unicode work when `word` is a slug already (`jane-doe`,
    `2026-03-04-lunch`): lowercase ASCII letters and digits joined by single hyphens, which
    folding leaves as they are. Most words a resolver is given or asked are."""
    plain = word.replace("-", "")
    slug = plain.isascii() and plain.isalnum() and word == word.lower()
    if slug and word[0] != "-" and word[-1] != "-" and "--" not in word:
        return word
    return fold(word)


def _without_md(text: str) -> str:
    if text.isascii():  # lowercasing only the end is the same (and spares a copy of a path)
        return text[:-3] if text[-3:].lower() == ".md" else text
    return text[:-3] if text.lower().endswith(".md") else text


def _fold_path(path: str) -> str:
    return "/".join(fold(part) for part in path.split("/"))


def heading_ids(body: str) -> list[tuple[str, str]]:
    """Each heading of the note `body` as the page shows it: its words and its id.

    Python-Markdown's own toc makes them, with the site's default extensions, so the ids
    are those the note renderer gives (before it puts the record's prefix in front):
    `notes`, `notes_1` for a second one, `{#custom}` from attr_list.
    """
    if "#" not in body or too_slow(body):
        return []
    converter = markdown.Markdown(extensions=HEADING_EXTENSIONS)
    try:
        converter.convert(body)
    except RecursionError:
        return []
    found: list[tuple[str, str]] = []
    tokens = list(converter.toc_tokens)
    while tokens:
        token = tokens.pop(0)
        found.append((html.unescape(str(token["name"])), str(token["id"])))
        tokens[:0] = token["children"]
    return found


def find_heading(headings: list[tuple[str, str]], heading: str) -> str | None:
    """The id of the first of `headings` that `heading` (as written in a link) names: by its
    words, folded (case and accents do not matter), or by its id."""
    wanted = fold(heading)
    for words, id_ in headings:
        if fold(words) == wanted or fold(id_) == wanted:
            return id_
    return None


def shown(link: Wikilink, found: Target, name: str) -> str:
    """What a wikilink to `found` (whose name or title is `name`) shows, as Obsidian does:
    the label, else the target as typed (`[[Janey]]` reads Janey); a bare slug reads as the
    name or title it stands for. Its heading follows (`Jane Doe > Work`)."""
    label = (link.label or "").strip()
    if label:
        return label
    typed = link.target.strip()
    return link.words(name if fold(typed) == fold(found.slug) else typed)


@dataclass(frozen=True)
class Found:
    """A wikilink in a note, outside code, and the line of the file it is on."""

    link: Wikilink
    line: int
    column: int


def ambiguity(link: Wikilink, resolution: Resolution) -> str | None:
    """The NJ145 sentence for a wikilink whose words name more than one record, or None."""
    if resolution.target is None or not resolution.others:
        return None
    slugs = ", ".join(f"'{slug}'" for slug in (resolution.target.slug, *resolution.others))
    return (
        f"the wikilink '{link.written}' could name {slugs}: it links to the first; write "
        f"the slug between the brackets, like [[{resolution.target.slug}]], to say which"
    )


def links_in_notes(body: str, first_line: int = 1) -> list[Found]:
    """Every wikilink in the note `body` that Markdown shows as one: none in code.

    Python-Markdown itself decides what is code, with the same pattern at the same
    priority as the site's: each wikilink is numbered in a copy of the note, and the
    numbers that come out of the inline pass are the wikilinks outside code.
    """
    if "[[" not in body or too_slow(body):
        return []
    found = list(WIKILINK.finditer(body))
    if not found:
        return []
    if _plain(body):
        numbers: Iterable[int] = range(len(found))
    else:
        seen = _OUTSIDE_CODE.found(_numbered(body, found))
        if seen is None:
            return []
        numbers = sorted(set(seen))
    starts = [0, *(match.end() for match in re.finditer("\n", body))]
    located = []
    for number in numbers:
        start = found[number].start()
        line = bisect.bisect_right(starts, start) - 1
        located.append(Found(parsed(found[number]), first_line + line, start - starts[line] + 1))
    return located


# What may keep a `[[…]]` from being a link in Python-Markdown: a code span or fence (` and
# ~~~), an indented code block (a tab, or four spaces opening a line), a backslash escape,
# raw HTML (<), a quote deep enough to stop the parser (>), a reference definition (]:),
# and the characters Python-Markdown and `_numbered` use as placeholders.
_NOT_PLAIN = ("`", "~~~", "\t", "\n    ", "\\", "<", ">", "]:", "\x02", "\x03", "\ue000", "\ue001")


def _plain(body: str) -> bool:
    """Whether every `[[…]]` of `body` is a link to Python-Markdown: nothing in it could
    make one code, an escape, HTML or a reference definition. The Markdown pass costs a
    hundred times this check, and most notes hold none of these."""
    return not body.startswith("    ") and not any(mark in body for mark in _NOT_PLAIN)


def _numbered(body: str, matches: list[re.Match[str]]) -> str:
    pieces, last = [], 0
    for number, match in enumerate(matches):
        pieces.append(body[last : match.start()])
        pieces.append(f"[[\ue000{number}\ue001]]")
        last = match.end()
    pieces.append(body[last:])
    return "".join(pieces)


class _Collect(Extension):  # type: ignore[misc]
    def __init__(self, seen: list[int]) -> None:
        super().__init__()
        self.seen = seen

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(
            _Numbered(r"\[\[\ue000(\d+)\ue001\]\]", self.seen), "netjournal-wikilinks", PRIORITY
        )


class _Numbered(InlineProcessor):  # type: ignore[misc]
    def __init__(self, pattern: str, seen: list[int]) -> None:
        super().__init__(pattern)
        self.seen = seen

    def handleMatch(self, match: re.Match[str], data: str) -> tuple[Any, int, int]:
        self.seen.append(int(match.group(1)))
        return "", match.start(0), match.end(0)


# The wikilinks' numbers that come out of the inline pass: those outside code.
_OUTSIDE_CODE: InlinePass[int] = InlinePass(_Collect)
