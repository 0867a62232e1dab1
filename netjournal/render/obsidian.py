"""Obsidian's Markdown in a note, as the site shows it: tags, callouts, embeds, tasks, and the
plugins' blocks that only Obsidian can run.

- `#tag` links to the tag's page (the reader's grammar, `read/hashtags.py`); `#daily` at the
  start of a line is a tag, never a heading.
- `> [!tip] Title` is a Material admonition; `> [!note]- Title` one that starts closed
  (`<details>`), `+` open. Obsidian's types map onto Material's; an unknown type is a note.
- `![[Jane Doe]]` links to the note it embeds, resolved like a wikilink; `![[photo.png]]`
  shows the image the site copied from the vault (`read/attachments.py`), its file name
  as alt text; its name alone when the vault has no such image.
- ```` ```dataview ````, ```` ```dataviewjs ````, ```` ```tasks ```` and Templater's `<% … %>`
  become a short note saying they run in Obsidian: never code to read, never run.
- `- [ ]` and `- [x]` are disabled checkboxes, each named by its task's words.

Everything here builds elements or fixed text: the user's words stay data, escaped by
Python-Markdown and then sanitised with the rest of the note.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from xml.etree.ElementTree import Element, SubElement

import markdown  # type: ignore[import-untyped]
from markdown.blockprocessors import BlockQuoteProcessor  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]
from markdown.inlinepatterns import InlineProcessor  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]
from markdown.util import AtomicString  # type: ignore[import-untyped]

from netjournal.queries.tags import Tag, by_name, tag_key, tags
from netjournal.read.attachments import is_image
from netjournal.read.hashtags import TAG_PRIORITY, ObsidianHeadings, TagPattern
from netjournal.read.wikilinks import PATTERN, PRIORITY, parsed
from netjournal.render.wikilinks import SiteLinks

# Obsidian's callout types (and their aliases) by the Material admonition that shows them.
CALLOUT_TYPES = {
    "note": "note",
    "abstract": "abstract",
    "summary": "abstract",
    "tldr": "abstract",
    "info": "info",
    "todo": "info",
    "tip": "tip",
    "hint": "tip",
    "important": "tip",
    "success": "success",
    "check": "success",
    "done": "success",
    "question": "question",
    "help": "question",
    "faq": "question",
    "warning": "warning",
    "caution": "warning",
    "attention": "warning",
    "failure": "failure",
    "fail": "failure",
    "missing": "failure",
    "danger": "danger",
    "error": "danger",
    "bug": "bug",
    "example": "example",
    "quote": "quote",
    "cite": "quote",
}
# `[!type]`, then `-` (closed) or `+` (open), then the title: classes without nesting.
_CALLOUT = re.compile(r"\[!([^\]\n]{1,64})\]([+-]?)[ \t]*([^\n]*)")
_TASK = re.compile(r"\[([ xX])\][ \t]+")
# The fenced blocks of Obsidian's plugins, by what the note says instead of their code.
PLUGIN_BLOCKS = {
    "dataview": "A Dataview query: it runs in Obsidian, not on this site.",
    "dataviewjs": "A DataviewJS script: it runs in Obsidian, not on this site.",
    "tasks": "A Tasks query: it runs in Obsidian, not on this site.",
}
TEMPLATER = "A Templater command: it runs in Obsidian, not on this site."
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*([^`\s{]*)")
MUTED = "runs-in-obsidian"  # the class of the note a plugin's block becomes (muted by the CSS)


class Obsidian(Extension):  # type: ignore[misc]
    """Obsidian's Markdown for the note renderer; `here` and `links` are the page's."""

    def __init__(self, href: Callable[[str, str], str], file_href: Callable[[str, str], str]):
        super().__init__()
        self.href = href  # (page here, target page) → a relative link
        self.file_href = file_href  # (page here, file in the site) → a relative link
        self.here = "index.md"
        self.links: SiteLinks | None = None
        self.images: Mapping[str, str] = {}  # each embedded image, as written → its file
        self._tags: tuple[SiteLinks, dict[str, Tag]] | None = None

    def tag_page(self, word: str) -> str | None:
        """The uri of the tag `word`'s page, when the site has one."""
        if self.links is None:
            return None
        if self._tags is None or self._tags[0] is not self.links:
            self._tags = (self.links, by_name(tags(self.links.journal)))
        found = self._tags[1].get(tag_key(word))
        return f"tags/{found.slug}.md" if found else None

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        ObsidianHeadings().extendMarkdown(md)
        md.parser.blockprocessors.register(_Quotes(md.parser), "quote", 20)
        # After whitespace is normalised (30), before fenced code (25) and raw HTML (20).
        md.preprocessors.register(_PluginBlocks(md), "netjournal-plugin-blocks", 28)
        md.inlinePatterns.register(_Tag(self), "netjournal-hashtags", TAG_PRIORITY)
        md.inlinePatterns.register(_Embed(self), "netjournal-embeds", PRIORITY + 0.5)
        # Before the inline pass (20): `[!note]` and `[ ]` are still the words as typed.
        md.treeprocessors.register(_Callouts(md), "netjournal-callouts", 25)
        md.treeprocessors.register(_Tasks(md), "netjournal-tasks", 24)


class _Tag(TagPattern):
    def __init__(self, owner: Obsidian) -> None:
        super().__init__()
        self.owner = owner

    def tag(self, word: str) -> Element | str:
        page = self.owner.tag_page(word)
        if page is None:
            return super().tag(word)
        element = Element("a", {"href": self.owner.href(self.owner.here, page), "class": "tag"})
        element.text = AtomicString(f"#{word}")
        return element


class _Embed(InlineProcessor):  # type: ignore[misc]
    """`![[note]]` as a link to the note (like `[[note]]`); `![[photo.png]]` as its name."""

    def __init__(self, owner: Obsidian) -> None:
        super().__init__("!" + PATTERN)
        self.owner = owner

    def handleMatch(self, match: re.Match[str], data: str) -> tuple[Element | str, int, int]:
        link = parsed(match)
        name = link.target.strip()
        if is_image(name):
            return self.image(name, (link.label or "").strip()), match.start(0), match.end(0)
        links = self.owner.links
        found = links.target(link) if links is not None and not link.own_heading else None
        if found is None:
            return link.text, match.start(0), match.end(0)
        target, text = found
        element = Element("a", {"href": self.owner.href(self.owner.here, target)})
        element.text = AtomicString(text)
        return element, match.start(0), match.end(0)

    def image(self, name: str, size: str) -> Element | str:
        """The image the vault holds under `name`, its file name as alt text (`![[a.png|300]]`
        is 300 pixels wide, as in Obsidian); its name alone when the vault has no such file."""
        uri = self.owner.images.get(name)
        if uri is None:
            return name
        alt = name.rpartition("/")[2]
        element = Element("img", {"src": self.owner.file_href(self.owner.here, uri), "alt": alt})
        width, _, height = size.partition("x")
        if width.isdigit() and (not height or height.isdigit()):
            element.set("width", width)
            if height:
                element.set("height", height)
        return element


class _PluginBlocks(Preprocessor):  # type: ignore[misc]
    """Dataview, DataviewJS and Tasks blocks, and Templater commands, as a muted note.

    One pass over the lines: a fence opens and closes as fenced code's does (the same
    character, at least as many); other fenced code and code spans are left as they are.
    """

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fence = ""  # the fence of the code block we are in
        plugin = ""  # its note, when it is a plugin's block
        command = False  # inside a Templater command that spans lines
        for line in lines:
            if command:
                end = line.find("%>")
                if end < 0:
                    continue
                command = False
                line = line[end + 2 :]
                if not line.strip():
                    continue
            if fence:
                if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                    out.extend(["", self.note("p", plugin), ""] if plugin else [line])
                    fence = plugin = ""
                elif not plugin:
                    out.append(line)
                continue
            opened = _FENCE.match(line)
            if opened:
                fence = opened.group(1)
                plugin = PLUGIN_BLOCKS.get(opened.group(2).casefold(), "")
                if not plugin:
                    out.append(line)
                continue
            if "<%" in line:
                line, command = self.templater(line)
            out.append(line)
        if fence and plugin:  # never closed: to the end of the note, as in Obsidian
            out.extend(["", self.note("p", plugin)])
        return out

    def note(self, tag: str, words: str) -> str:
        placeholder: str = self.md.htmlStash.store(f'<{tag} class="{MUTED}">{words}</{tag}>')
        return placeholder

    def templater(self, line: str) -> tuple[str, bool]:
        """`line` with each `<% … %>` outside a code span as a muted note; and whether the
        last one goes on past the line's end."""
        pieces, at = [], 0
        while True:
            start = line.find("<%", at)
            if start < 0:
                break
            end = line.find("%>", start + 2)
            if line.count("`", 0, start) % 2:  # inside a code span
                stop = len(line) if end < 0 else end + 2
                pieces.append(line[at:stop])
                at = stop
                continue
            pieces.extend([line[at:start], self.note("span", TEMPLATER)])
            if end < 0:
                return "".join(pieces), True
            at = end + 2
        pieces.append(line[at:])
        return "".join(pieces), False


class _Quotes(BlockQuoteProcessor):  # type: ignore[misc]
    """Quotes as Python-Markdown reads them, but a callout is never run into the quote
    before or after it (`> [!tip] A` and `> [!note] B` apart are two callouts)."""

    fresh = False

    def run(self, parent: Element, blocks: list[str]) -> None:
        found = self.RE.search(blocks[0])
        first = self.clean(blocks[0][found.start() :].lstrip("\n").split("\n")[0]) if found else ""
        sibling = super().lastChild(parent)
        self.fresh = first.startswith("[!") or (
            sibling is not None and sibling.tag == "blockquote" and _is_callout(sibling)
        )
        try:
            super().run(parent, blocks)
        finally:
            self.fresh = False

    def lastChild(self, parent: Element) -> Element | None:
        return None if self.fresh else super().lastChild(parent)


def _is_callout(quote: Element) -> bool:
    first = quote[0] if len(quote) else None
    return first is not None and first.tag == "p" and bool(_CALLOUT.match(first.text or ""))


class _Callouts(Treeprocessor):  # type: ignore[misc]
    """`> [!type]- Title` blockquotes as Material admonitions (foldable ones as details)."""

    def run(self, root: Element) -> None:
        pending = list(root.iter("blockquote"))
        while pending:
            quote = pending.pop(0)
            first = quote[0] if len(quote) else None
            if first is None or first.tag != "p" or not (first.text or "").startswith("[!"):
                continue
            match = _CALLOUT.match(first.text or "")
            if match is None:
                continue
            kind = CALLOUT_TYPES.get(match.group(1).strip().casefold(), "note")
            fold = match.group(2)
            if fold:
                quote.tag = "details"
                quote.attrib = {"class": kind, **({"open": "open"} if fold == "+" else {})}
                heading = Element("summary")
            else:
                quote.tag = "div"
                quote.attrib = {"class": f"admonition {kind}"}
                heading = Element("p", {"class": "admonition-title"})
            heading.text = match.group(3).strip() or match.group(1).strip().capitalize()
            # The lines after the title are Markdown of their own (a list may follow it
            # at once, as Obsidian reads it), parsed into the callout after its title.
            rest = (first.text or "")[match.end() :].lstrip("\n")
            quote.remove(first)
            parsed_rest = Element("div")
            if rest.strip():
                self.md.parser.parseChunk(parsed_rest, rest)
            for number, child in enumerate([heading, *parsed_rest]):
                quote.insert(number, child)
            pending.extend(parsed_rest.iter("blockquote"))


class _Tasks(Treeprocessor):  # type: ignore[misc]
    """`- [ ] words` as a disabled checkbox inside a label holding the words (its name)."""

    def run(self, root: Element) -> None:
        for item in [element for element in root.iter("li")]:
            holder = item[0] if len(item) and item[0].tag == "p" and not item.text else item
            match = _TASK.match(holder.text or "")
            if match is None:
                continue
            label = Element("label")
            attributes = {"type": "checkbox", "disabled": "disabled"}
            if match.group(1) != " ":
                attributes["checked"] = "checked"
            box = SubElement(label, "input", attributes)
            box.tail = " " + (holder.text or "")[match.end() :]
            # The task's own inline words go into the label; a nested list stays after it.
            while len(holder) and holder[0].tag not in ("ul", "ol", "p", "div", "blockquote"):
                child = holder[0]
                holder.remove(child)
                label.append(child)
            holder.text = None
            holder.insert(0, label)
            item.set("class", "task-list-item")
