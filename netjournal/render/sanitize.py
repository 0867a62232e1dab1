"""The user's notes as safe HTML: each note's Markdown rendered on its own, then sanitised.

Journals are shared (a team, an import), so a note is data: its Markdown becomes HTML here,
nh3 (Ammonia) keeps the formatting and drops scripts, event handlers, frames, forms, meta
and styles, `javascript:`/`data:` links and images from other hosts. Rendering each note on
its own and re-serialising it also closes every tag it left open, so a note can never
swallow the entries after it. The result is one raw HTML block, which Python-Markdown then
leaves alone when MkDocs renders the page.

Under `serve` the renderer is kept between rebuilds and remembers each note's HTML (`memo`):
a note whose text, place and wikilinks' targets are unchanged is not converted again.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any
from urllib.parse import quote, urlsplit
from xml.etree.ElementTree import Element

import markdown  # type: ignore[import-untyped]
import nh3
from markdown.extensions import Extension  # type: ignore[import-untyped]
from markdown.inlinepatterns import InlineProcessor  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]
from markdown.util import AtomicString  # type: ignore[import-untyped]

from netjournal.read.html_balance import DEEPEST, ELEMENTS, balance
from netjournal.read.slow_markdown import too_slow
from netjournal.read.wikilinks import (
    PATTERN,
    PRIORITY,
    Wikilink,
    find_heading,
    heading_ids,
    parsed,
)
from netjournal.render import paths
from netjournal.render.obsidian import Obsidian
from netjournal.render.wikilinks import SiteLinks


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# What every site has: MkDocs's built-in extensions and the ones the plugin adds.
SITE_EXTENSIONS: tuple[str, ...] = ("toc", "tables", "fenced_code", "attr_list", "smarty")

_TAGS = _names(
    "a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl "
    "dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img input ins kbd label li mark ol p pre q "
    "rp rt ruby s "
    "samp small span strong sub summary sup table tbody td tfoot th thead time tr u ul var "
    "wbr"
)
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "style", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "abbr": {"title"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
# An `input` is only ever a task's checkbox, and disabled: never a field a note could use
# to ask the reader for something (a password).
_CHECKBOX_VALUES = {"input": {"type": {"checkbox"}, "checked": {"checked", ""}}}
_CHECKBOX = {"input": {"type": "checkbox", "disabled": "disabled"}}
_VOID = _names("area base br col embed hr img input link meta source track wbr")
_CLASS = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")
# Material's layout (md-*) and netjournal's own classes stay theirs: a note cannot restyle
# the page around it, e.g. into an overlay asking for a password.
_RESERVED_CLASSES = ("md-", "netjournal")
_INVISIBLE = re.compile(r"[\x00-\x20]")


# What a note's HTML depended on besides its text and place: each wikilink's target and
# each #tag's page, as they were when it was converted.
Lookups = list[tuple[Wikilink | str, tuple[str, str] | str | None]]


class NoteRenderer:
    """Renders notes to HTML with the site's Markdown extensions; sanitised unless `raw_html`.

    With `memo`, each note's HTML is kept for the next render of the site (`serve`'s next
    rebuild), keyed by the note's text, heading depth, id prefix, page and embedded images,
    and used again only when every wikilink and #tag in it still leads where it did. What
    one render of the site did not use is dropped by the next, so the memory held is about
    one site's notes.
    """

    def __init__(
        self,
        extensions: Sequence[str | Extension] = SITE_EXTENSIONS,
        configs: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        raw_html: bool = False,
        directory_urls: bool = True,
        memo: bool = False,
    ) -> None:
        self.shift = _ShiftHeadings()
        self.wikilinks = _Wikilinks(directory_urls)
        self.obsidian = _RecordedObsidian(
            lambda here, target: site_href(here, target, directory_urls),
            lambda here, target: file_href(here, target, directory_urls),
        )
        self.memo = memo
        self.converted = 0  # notes converted (not taken from the memo), for the benchmark
        self._kept: dict[tuple[str, int, str, str, str], tuple[str, Lookups]] = {}
        self._used: dict[tuple[str, int, str, str, str], tuple[str, Lookups]] = {}
        self._site: SiteLinks | None = None  # the site being rendered: one SiteLinks each
        self._recorded: _RecordedLinks | None = None
        self._images = ""  # a digest of the embedded images shown
        self.markdown = markdown.Markdown(
            extensions=[*extensions, self.shift, self.wikilinks, self.obsidian],
            extension_configs=dict(configs or {}),
        )
        self.options = _TRUSTED if raw_html else _SANITISED
        self.raw_html = raw_html

    def show_images(self, images: Mapping[str, str]) -> None:
        """Show each embedded image (`![[photo.png]]`, by the name written) from its file in
        the site (`attachments/photo.png`); any other image embed shows its name."""
        self.obsidian.images = images
        self._images = repr(sorted(images.items()))

    def html(
        self,
        body: str,
        depth: int = 0,
        prefix: str = "note",
        *,
        here: str = "index.md",
        links: SiteLinks | None = None,
    ) -> str:
        """The note as one closed HTML block, headings `depth` levels down, ids `prefix`-ed.

        Every id in the note gets `prefix--` in front, and links to them follow: a note can
        neither clash with nor take over an anchor of the page (an entry's, a section's).
        A wikilink that `links` resolves becomes a link from the page `here` (its path in
        the docs); any other shows its words as plain text.
        """
        if not self.memo or links is None:
            return self._convert(body, depth, prefix, here, links)
        if links is not self._site:  # a new render of the site: keep only what the last used
            self._site, self._recorded = links, _RecordedLinks(links)
            if self._used:
                self._kept, self._used = self._used, {}
        recorded = self._recorded
        assert recorded is not None
        key = (body, depth, prefix, here, self._images if "![[" in body else "")
        found = self._used.get(key) or self._kept.get(key)
        if found is not None and self._still_leads(found[1], recorded, here):
            self._used[key] = found
            return found[0]
        recorded.lookups = []
        self.obsidian.lookups = recorded.lookups
        try:
            html = self._convert(body, depth, prefix, here, recorded)
        finally:
            self.obsidian.lookups = None
        self._used[key] = (html, recorded.lookups)
        return html

    def _still_leads(self, lookups: Lookups, links: _RecordedLinks, here: str) -> bool:
        """Whether each wikilink and #tag a kept note looked up leads where it did."""
        self.obsidian.here, self.obsidian.links = here, links
        self.obsidian.lookups = None
        for looked_up, result in lookups:
            now = (
                links.site.target(looked_up)
                if isinstance(looked_up, Wikilink)
                else self.obsidian.tag_page(looked_up)
            )
            if now != result:
                return False
        return True

    def _convert(
        self, body: str, depth: int, prefix: str, here: str, links: SiteLinks | None
    ) -> str:
        self.converted += 1
        self.shift.depth = depth
        self.wikilinks.here, self.wikilinks.links = here, links
        self.obsidian.here, self.obsidian.links = here, links
        # `[[#heading]]` leads to a heading of this very note: `follow` below prefixes it.
        self.wikilinks.own = heading_ids(body) if "[[#" in body else []
        self.markdown.reset()
        ids: set[str] = set()
        fragments: set[str] = set()

        def attribute(tag: str, name: str, value: str) -> str | None:
            if name == "id":
                ids.add(value)
                return f"{prefix}--{value}"
            if name == "href" and value.startswith("#"):
                fragments.add(value[1:])
            if self.raw_html:
                return value
            if name == "class":
                kept = [c for c in value.split() if _CLASS.fullmatch(c)]
                return " ".join(c for c in kept if not c.startswith(_RESERVED_CLASSES)) or None
            if tag == "img" and name == "src":
                return value if _same_site(value) else None
            return value

        if too_slow(body):  # Python-Markdown would crawl (NJ132)
            return _plain(body)
        try:
            html = self.markdown.convert(body)
        except RecursionError:  # lists nested hundreds deep
            return _plain(body)
        if balance(html).deepest > DEEPEST:
            return _plain(body)
        clean = nh3.clean(html, attribute_filter=attribute, **self.options)
        if fragments & ids:  # links to the note's own ids: a second, cheap pass over clean HTML

            def follow(tag: str, name: str, value: str) -> str:
                inside = name == "href" and value.startswith("#") and value[1:] in ids
                return f"#{prefix}--{value[1:]}" if inside else value

            clean = nh3.clean(clean, attribute_filter=follow, **self.options)
        return f'<div class="netjournal-note">\n{clean.strip()}\n</div>'


_SANITISED: dict[str, Any] = {
    "tags": set(_TAGS),
    "attributes": {tag: set(names) for tag, names in _ATTRIBUTES.items()},
    "tag_attribute_values": _CHECKBOX_VALUES,
    "set_tag_attribute_values": _CHECKBOX,
    "url_schemes": {"http", "https", "mailto", "tel"},
    "link_rel": "noopener noreferrer",
    "filter_style_properties": {"text-align"},  # the tables extension aligns columns so
    "strip_comments": True,
}
# raw_html: nothing taken out, but the HTML is still parsed and written out again, so every
# note is closed off on its own.
_TRUSTED: dict[str, Any] = {
    "tags": set(ELEMENTS | _VOID | {"svg", "math", "meta", "link", "base", "input"}),
    "clean_content_tags": set(),
    "attributes": {
        "*": _names(
            "id class style title lang dir href src srcdoc srcset alt width height name value type "
            "action method target rel content http-equiv colspan rowspan align start open "
            "controls autoplay loop poster data allow sandbox scope span datetime cite checked "
            "disabled"
        )
    },
    "generic_attribute_prefixes": {"on", "data-", "aria-"},
    "url_schemes": {"http", "https", "mailto", "tel", "javascript", "data", "file", "ftp"},
    "link_rel": None,
    "strip_comments": False,
}


class _RecordedLinks(SiteLinks):
    """The site's links, noting each wikilink looked up and where it led (for the memo)."""

    def __init__(self, site: SiteLinks) -> None:  # shares the site's, builds nothing
        self.site = site
        self.journal = site.journal
        self.lookups: Lookups = []

    def target(self, link: Wikilink) -> tuple[str, str] | None:
        found = self.site.target(link)
        self.lookups.append((link, found))
        return found


class _RecordedObsidian(Obsidian):
    """Obsidian's Markdown, noting each #tag looked up and the page it led to (for the memo)."""

    lookups: Lookups | None = None  # where to note them; None: not noted

    def tag_page(self, word: str) -> str | None:
        found = super().tag_page(word)
        if self.lookups is not None:
            self.lookups.append((word, found))
        return found


def _plain(body: str) -> str:
    """The note's text exactly as typed, when it is too deep (NJ131) or slow (NJ132) to render."""
    return f'<div class="netjournal-note">\n<pre>{escape(body, quote=False)}</pre>\n</div>'


def _same_site(url: str) -> bool:
    """Whether an image at `url` loads from the site itself: a relative path, no host."""
    plain = _INVISIBLE.sub("", url).replace("\\", "/")  # as browsers read it
    return not plain.startswith("//") and not urlsplit(plain).scheme


class _ShiftHeadings(Extension):  # type: ignore[misc]
    """Pushes a note's headings `depth` levels down (to h6 at most), under the page's own."""

    depth = 0

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Shift(md, self), "netjournal-shift-headings", 30)


class _Shift(Treeprocessor):  # type: ignore[misc]
    def __init__(self, md: markdown.Markdown, owner: _ShiftHeadings) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: Element) -> None:
        if self.owner.depth:
            for element in root.iter():
                if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1] in "123456":
                    element.tag = f"h{min(int(element.tag[1]) + self.owner.depth, 6)}"


class _Wikilinks(Extension):  # type: ignore[misc]
    """`[[target#heading|label]]` as a link to the page it names, or as its words.

    Registered at the priority the reader finds wikilinks with, so code stays code.
    The href is the page's final address (the note is raw HTML, which MkDocs does not
    rewrite), relative, so the site works from any folder and from `file://`.
    """

    def __init__(self, directory_urls: bool) -> None:
        super().__init__()
        self.directory_urls = directory_urls
        self.here = "index.md"
        self.links: SiteLinks | None = None
        self.own: list[tuple[str, str]] = []  # the headings of the note being rendered

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(_Wikilink(PATTERN, self), "netjournal-wikilinks", PRIORITY)


class _Wikilink(InlineProcessor):  # type: ignore[misc]
    def __init__(self, pattern: str, owner: _Wikilinks) -> None:
        super().__init__(pattern)
        self.owner = owner

    def handleMatch(self, match: re.Match[str], data: str) -> tuple[Element | str, int, int]:
        link = parsed(match)
        if link.own_heading:
            heading = find_heading(self.owner.own, (link.heading or "").strip())
            if heading is None:
                return link.text, match.start(0), match.end(0)
            element = Element("a", {"href": f"#{heading}"})
            element.text = AtomicString(link.text)
            return element, match.start(0), match.end(0)
        found = self.owner.links.target(link) if self.owner.links is not None else None
        if found is None:
            return link.text, match.start(0), match.end(0)  # a string is shown as text
        target, text = found
        element = Element(
            "a", {"href": site_href(self.owner.here, target, self.owner.directory_urls)}
        )
        element.text = AtomicString(text)
        return element, match.start(0), match.end(0)


def page_url(uri: str, directory_urls: bool) -> str:
    """The address MkDocs gives the page `uri` (`contacts/jane.md`), from the site's root."""
    stem = uri[: -len(".md")]
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return ""
    return f"{stem[: -len('index')]}" if stem.endswith("/index") else f"{stem}/"


def file_href(here: str, target: str, directory_urls: bool) -> str:
    """A relative link from the page `here` to the file `target` (`attachments/a.png`)."""
    here_url = page_url(here, directory_urls)
    origin = here_url.rstrip("/") if directory_urls else posixpath.dirname(here_url)
    return quote(paths.relative(target, origin or "."))


def site_href(here: str, target: str, directory_urls: bool) -> str:
    """A relative link from the page `here` to `target` (a page, maybe with `#fragment`)."""
    path, _, fragment = target.partition("#")
    suffix = f"#{fragment}" if fragment else ""
    if path == here:
        return suffix or "#"
    here_url = page_url(here, directory_urls)
    # A page's links start from its folder: `contacts/jane/` with directory URLs.
    origin = here_url.rstrip("/") if directory_urls else posixpath.dirname(here_url)
    url = page_url(path, directory_urls)
    relative = paths.relative(url or ".", origin or ".")
    if url.endswith("/") or not url:
        relative = relative.rstrip("/") + "/"
    return quote(relative) + suffix
