"""Split a file into YAML front matter and body, keeping where every value stands.

python-frontmatter gives the values but not their places, and its boundary pattern can
swallow blank lines, which shifts every line number after it; so the split is done here.
The YAML is read event by event, never composed into a node graph: an alias is refused at
the first `*name` (so a "billion laughs" file costs nothing), nesting is capped before
libyaml's recursive composer could overflow the C stack, and each key and value keeps the
line and column the user sees in their editor.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import yaml

if TYPE_CHECKING:
    from netjournal.read.wikilinks import Found

from netjournal.read.front_matter_errors import (
    BROKEN_ESCAPE,
    OPENING,
    UNICODE_SPACE,
    At,
    FrontMatterError,
    explain,
    fence_like,
    invisible_space,
    invisible_space_message,
    no_front_matter,
    not_closed,
    unreadable_character,
)

__all__ = ["Document", "FrontMatterError", "parse"]

KeyPath = tuple[str | int, ...]  # where a value sits: ("follow_ups", 2, "due")
MAX_DEPTH = 20  # the format nests 3 levels; unknown keys may nest a little more
MAX_VALUES = 10_000  # a busy contact has a few hundred; a million would take gigabytes
_PLAIN_TYPES = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_LINE_SEPARATOR = re.compile("[\x85\u2028\u2029]")
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def _without_timestamps(base: Any) -> Any:
    """A subclass of the loader `base` that leaves dates as text, parsed later with clear errors."""

    class Loader(base):  # type: ignore[misc]
        yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
            first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
            for first, resolvers in base.yaml_implicit_resolvers.items()
        }

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            """PyYAML's `resolve`, shorter for a scalar (called for every one, keys too):
            the same tags, as the safe loaders have no path or wildcard resolvers."""
            if kind is not yaml.ScalarNode or self.yaml_path_resolvers or None in _FIRST:
                return super().resolve(kind, value, implicit)
            if implicit[0]:
                for tag, regexp in _FIRST.get(value[:1], ()):  # '' for an empty value
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG

    _FIRST = Loader.yaml_implicit_resolvers
    return Loader


PYTHON_LOADER: Any = _without_timestamps(yaml.SafeLoader)
# libyaml when present: 20-50 times faster. A file it refuses is read again by PyYAML's own
# loader, whose messages (and netjournal's own limits, which libyaml's may pre-empt) do not
# change with the libyaml a PyYAML release bundles.
LOADER: Any = _without_timestamps(getattr(yaml, "CSafeLoader", yaml.SafeLoader))

_CLOSING_LINE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Document:
    """A file's front matter as plain data, the places of its keys and values, and its body."""

    data: dict[str, Any]
    body: str
    value_at: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    # The text of unquoted values YAML read as numbers or true/false (`phone: 0123`, `no`).
    typed_text: dict[KeyPath, str] = field(default_factory=dict)
    body_line: int = 1  # the line of the file the body starts on
    # The wikilinks of the body outside code, when already found (a cached file keeps them:
    # finding them runs the body through Python-Markdown).
    links: tuple[Found, ...] | None = None

    def place(self, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path` (or of its key), else of its nearest parent."""
        table = self.key_at if key else self.value_at
        while path:
            if path in table:
                return table[path]
            path = path[:-1]
        return (1, 1)


def parse(text: str, loader: Any = None) -> Document:
    """The front matter and body of `text` (newlines already normalized to \\n).

    Raises FrontMatterError, with a diagnostic code, a sentence and a place, when the front
    matter cannot be read.
    """
    first_end = text.find("\n")
    if not OPENING.fullmatch(text if first_end < 0 else text[:first_end]):
        raise no_front_matter(text.split("\n"))
    closing = None if first_end < 0 else _CLOSING_LINE.search(text, first_end + 1)
    if closing is None:
        raise not_closed(text.split("\n"))
    start, end = first_end + 1, closing.start()
    yaml_text = text[start : end - 1] if end > start else ""
    body = text[closing.end() + 1 :]  # after the closing line's '\n', if it has one
    body_line = text.count("\n", 0, end) + 2
    return _Builder(yaml_text, body, loader or LOADER, body_line).build()


def plain_note(text: str) -> Document | None:
    """`text` as a note without front matter (a daily note), or None when it looks like a
    front matter gone wrong: a '---' below blank lines, a dash for '---', TOML's '+++'."""
    lines = text.split("\n")
    first = lines[0].strip()
    if OPENING.fullmatch(lines[0]) or first == "+++" or fence_like(lines[0]):
        return None
    if not first and any(OPENING.fullmatch(line.strip()) for line in lines):
        return None
    return Document({}, text)


class _Lines:
    """Turns a YAML mark into the file's line and column (1-based, after the opening '---').

    Counted from the mark's character index, not YAML's own line count, which also breaks
    lines at U+2028 and U+0085 where editors do not.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None  # counted when first asked

    def place(self, mark: Any) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0, *(match.end() for match in re.finditer("\n", self.text))]
        line = bisect.bisect_right(self._starts, mark.index) - 1
        return line + 2, mark.index - self._starts[line] + 1


@dataclass
class _Open:
    """A mapping or list being filled, and (for a mapping) the key whose value comes next."""

    value: dict[str, Any] | list[Any]
    path: KeyPath
    key: str | None = None


class _Builder:
    """Plain values from YAML events, refusing aliases, duplicate keys and deep nesting."""

    def __init__(self, yaml_text: str, body: str, loader: Any, body_line: int = 1) -> None:
        self.text, self.lines = yaml_text, _Lines(yaml_text)
        self.loader_class = loader
        self.document = Document({}, body, body_line=body_line)
        self.stack: list[_Open] = []
        self.count = 0

    def build(self) -> Document:
        separator = _LINE_SEPARATOR.search(self.text)
        if separator:
            raise FrontMatterError(
                "NJ004",
                f"an invisible line separator U+{ord(separator.group()):04X} (often pasted from "
                "LinkedIn or a PDF) is here: YAML ends the line there, your editor may not; "
                "delete it, or put a space in its place",
                *self.lines.place(At(separator.start())),
            )
        if self.loader_class is LOADER and _composable(self.text):
            document = self.document
            composed = _composed(self.text, self.lines, document.body, document.body_line)
            if composed is not None:
                return composed
        try:
            self._read_with(self.loader_class)
        except yaml.MarkedYAMLError as error:
            if self.loader_class is PYTHON_LOADER:
                raise explain(error, self.text, self.lines.place) from None
            # libyaml refused it: PyYAML's own loader says why, in words that do not change
            # with the libyaml a release bundles, and netjournal's own limits fire first.
            document = self.document
            return _Builder(self.text, document.body, PYTHON_LOADER, document.body_line).build()
        except yaml.reader.ReaderError as error:
            raise unreadable_character(error, self.text, self.lines.place) from None
        return self.document

    def _read_with(self, loader_class: Any) -> None:
        loader = loader_class(self.text)
        try:
            self._read(loader)
        finally:
            loader.dispose()

    def _read(self, loader: Any) -> None:
        documents = 0
        while not isinstance(event := loader.get_event(), yaml.StreamEndEvent):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self._error(
                        "NJ004",
                        "a line starting '---' inside the front matter starts a second "
                        "YAML document: remove it, or put the text in quotes",
                        event,
                    )
            elif isinstance(event, yaml.AliasEvent):
                # Refused outright, which also stops a "billion laughs" before it grows.
                raise self._error(
                    "NJ007",
                    f"'*{event.anchor}' is a YAML alias, which netjournal does not allow: "
                    "write the value out, or put it in quotes if it is text",
                    event,
                )
            elif isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
                if event.anchor is not None:
                    raise self._anchor(event)
                self._node(loader, event)
            elif isinstance(event, yaml.CollectionEndEvent):
                self.stack.pop()

    def _node(self, loader: Any, event: Any) -> None:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self._error(
                "NJ008",
                f"the front matter holds more than {MAX_VALUES:,} keys and values: keep long "
                "lists in the notes below it, or split the file",
                event,
            )
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.value, dict) and parent.key is None:
            parent.key = self._key(event, parent)
            return
        if parent is None:
            path: KeyPath = ()
            if not isinstance(event, yaml.MappingStartEvent):
                end = event.end_mark.index
                spaced = invisible_space(self.text, event.start_mark.index, end, self.lines.place)
                raise spaced or self._error(
                    "NJ005",
                    "the front matter must be keys with values, like 'name: Jane Doe', "
                    "one per line",
                    event,
                )
        elif isinstance(parent.value, list):
            path = (*parent.path, len(parent.value))
        else:
            path = (*parent.path, str(parent.key))
        self.document.value_at[path] = self.lines.place(event.start_mark)
        value: Any
        if isinstance(event, yaml.CollectionStartEvent) and event.tag not in _COLLECTION_TAGS:
            raise self._unknown_tag(str(event.tag), event)
        if isinstance(event, yaml.ScalarEvent):
            value = self._scalar(loader, event, path)
        else:
            value = {} if isinstance(event, yaml.MappingStartEvent) else []
        if parent is None:
            self.document.data.update(value)
            value = self.document.data
        elif isinstance(parent.value, list):
            parent.value.append(value)
        else:
            parent.value[str(parent.key)] = value
            parent.key = None
        if isinstance(event, yaml.CollectionStartEvent):
            if len(self.stack) >= MAX_DEPTH:
                raise self._error(
                    "NJ004",
                    f"the values are nested more than {MAX_DEPTH} levels deep: "
                    "netjournal's keys never need more than 3",
                    event,
                )
            self.stack.append(_Open(value, path))

    def _key(self, event: Any, mapping: _Open) -> str:
        if not isinstance(event, yaml.ScalarEvent):
            raise self._error(
                "NJ005", "a key must be a plain word, like 'name', not a list or mapping", event
            )
        key = str(event.value)
        self._check_characters(key, event)
        odd = UNICODE_SPACE.search(key)
        if odd is not None:
            raise self._error("NJ004", invisible_space_message(odd.group()), event)
        assert isinstance(mapping.value, dict)
        where = (*mapping.path, key)
        if key in mapping.value:
            line, _ = self.document.key_at[where]
            raise self._error(
                "NJ006",
                f"key '{key}' appears twice in one place (first on line {line}): "
                "keep one, or merge their values",
                event,
            )
        self.document.key_at[where] = self.lines.place(event.start_mark)
        return key

    def _scalar(self, loader: Any, event: Any, path: KeyPath) -> Any:
        tag, explicit = event.tag, event.tag not in (None, "!")
        if explicit and tag not in _PLAIN_TYPES:
            raise self._unknown_tag(tag, event)
        if not explicit:
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag not in _PLAIN_TYPES:  # '<<' and '=' have tags of their own: text here
                tag = "tag:yaml.org,2002:str"
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = loader.construct_object(node)
        except (yaml.YAMLError, ValueError, ArithmeticError):
            if explicit:
                message = f"the tag '{_shown_tag(tag)}' does not fit this value: remove the tag"
                raise self._error("NJ004", message, event) from None
            value = str(event.value)  # digits too many for a number: kept as the text typed
        finally:
            loader.constructed_objects.clear()  # PyYAML's cache would keep every node alive
        if isinstance(value, str):
            self._check_characters(value, event)
        elif event.implicit[0] and value is not None:
            self.document.typed_text[path] = str(event.value)
        return value

    def _check_characters(self, text: str, event: Any) -> None:
        if _NOT_TEXT.search(text):
            raise self._error("NJ004", BROKEN_ESCAPE, event)

    def _anchor(self, event: Any) -> FrontMatterError:
        """An NJ007 at a `&name` anchor, which YAML would otherwise drop from the value.

        `company: &Sons Ltd` reads as 'Ltd': the anchor is refused wherever it stands,
        like the aliases that would repeat it.
        """
        return self._error(
            "NJ007",
            f"'&{event.anchor}' is a YAML anchor, which netjournal does not allow (YAML leaves "
            "it out of the value): write each value out in full, and put text starting "
            f"with '&' in quotes, like \"&{event.anchor} …\"",
            event,
        )

    def _unknown_tag(self, tag: str, event: Any) -> FrontMatterError:
        return self._error(
            "NJ004", f"the YAML tag '{_shown_tag(tag)}' is not used by netjournal: remove it", event
        )

    def _error(self, code: str, message: str, event: Any) -> FrontMatterError:
        return FrontMatterError(code, message, *self.lines.place(event.start_mark))


def _shown_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


# The characters of YAML's anchors, aliases, tags and escapes: a front matter without them
# (nearly every one) has nothing the event-by-event reader refuses that the composer would
# take, and each of its values is made of the file's own characters.
_NOT_COMPOSED = ("&", "*", "!", "\\")
# Every nesting level, and every key and value past the first, needs one of these: counting
# them bounds what libyaml's composer (recursive in C) may build before it is asked to.
_STRUCTURE = (":", "-", ",", "?", "[", "{")
_MAX_STRUCTURE = 1_000


def _composable(text: str) -> bool:
    """Whether `text` may be read by libyaml's composer, which builds the whole tree in C:
    no anchor, alias, tag or escape, no character the reader refuses, and a size that keeps
    the tree small and shallow. Anything else goes through the event-by-event reader."""
    if any(mark in text for mark in _NOT_COMPOSED):
        return False
    if _NOT_TEXT.search(text) or UNICODE_SPACE.search(text):
        return False
    return sum(text.count(mark) for mark in _STRUCTURE) <= _MAX_STRUCTURE


def _composed(text: str, lines: _Lines, body: str, body_line: int) -> Document | None:
    """The document libyaml's composer reads in `text`, with the same values, places and
    typed text the event-by-event reader gives; None when the composer refuses `text` or it
    holds anything that reader would refuse (which then says why)."""
    loader = LOADER(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    document = Document({}, body, body_line=body_line)
    if root is None:
        return document
    if not isinstance(root, yaml.MappingNode):
        return None
    walk = _Walk(loader, document, lines)
    if not walk.mapping(root, (), document.data, 1):
        return None
    return document


class _Walk:
    """Plain values from a composed tree, in the event-by-event reader's order."""

    def __init__(self, loader: Any, document: Document, lines: _Lines) -> None:
        self.constructors = loader.yaml_constructors
        self.loader, self.document, self.lines = loader, document, lines
        self.end = len(lines.text)
        self.count = 1

    def place(self, mark: Any) -> tuple[int, int]:
        """The file's line and column of `mark`: libyaml's own count, which is the editor's
        where no line separator other than '\n' can stand (U+0085, U+2028 and U+2029 are
        refused before, '\r' is not composed); at the very end, where libyaml counts a
        line break the text may not have, counted from the text."""
        if mark.index < self.end:
            return mark.line + 2, mark.column + 1
        return self.lines.place(mark)

    def mapping(self, node: Any, path: KeyPath, into: dict[str, Any], depth: int) -> bool:
        self.document.value_at[path] = self.place(node.start_mark)
        key_at = self.document.key_at
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                return False
            key = str(key_node.value)
            if key in into:
                return False
            where = (*path, key)
            key_at[where] = self.place(key_node.start_mark)
            self.count += 1
            found, value = self.value(value_node, where, depth)
            if not found:
                return False
            into[key] = value
        return True

    def value(self, node: Any, path: KeyPath, depth: int) -> tuple[bool, Any]:
        self.count += 1
        if self.count > MAX_VALUES:
            return False, None
        if isinstance(node, yaml.ScalarNode):
            self.document.value_at[path] = self.place(node.start_mark)
            return True, self._scalar(node, path)
        if depth >= MAX_DEPTH:
            return False, None
        if isinstance(node, yaml.MappingNode):
            mapping: dict[str, Any] = {}
            return self.mapping(node, path, mapping, depth + 1), mapping
        self.document.value_at[path] = self.place(node.start_mark)
        items: list[Any] = []
        for index, item in enumerate(node.value):
            found, value = self.value(item, (*path, index), depth + 1)
            if not found:
                return False, None
            items.append(value)
        return True, items

    def _scalar(self, node: Any, path: KeyPath) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:str" or tag not in _PLAIN_TYPES:
            return node.value  # '<<' and '=' have tags of their own: text here
        try:
            value = self.constructors[tag](self.loader, node)
        except (yaml.YAMLError, ValueError, ArithmeticError):
            return str(node.value)  # digits too many for a number: kept as the text typed
        if value is not None:
            self.document.typed_text[path] = str(node.value)
        return value
