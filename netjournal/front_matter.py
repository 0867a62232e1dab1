"""Split a file into YAML front matter and body, keeping where every value stands.

python-frontmatter gives the values but not their places, and its boundary pattern can
swallow blank lines, which shifts every line number after it; so the split is done here,
and the YAML is composed node by node so each key and value keeps its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

Path = tuple[str | int, ...]

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """A safe loader that leaves dates as text, so netjournal parses them with clear errors."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


_OPENING = re.compile(r"---[ \t]*")
_CLOSING = re.compile(r"(---|\.\.\.)[ \t]*")


class FrontMatterError(Exception):
    """The front matter cannot be read; `code` is a diagnostic code, line and column 1-based."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column


@dataclass(frozen=True)
class Document:
    """A file's front matter as plain data, the places of its keys and values, and its body."""

    data: dict[str, Any]
    body: str
    value_at: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def place(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path` (or of its key), else of its nearest parent."""
        table = self.key_at if key else self.value_at
        while path:
            if path in table:
                return table[path]
            path = path[:-1]
        return (1, 1)


def parse(text: str) -> Document:
    """The front matter and body of `text` (newlines already normalized to \\n)."""
    lines = text.split("\n")
    if not lines or not _OPENING.fullmatch(lines[0]):
        raise FrontMatterError(
            "NJ002",
            "no front matter: the file must start with a line '---', then the "
            "keys, then another '---'",
        )
    for number, line in enumerate(lines[1:], start=1):
        if _CLOSING.fullmatch(line):
            yaml_text = "\n".join(lines[1:number])
            body = "\n".join(lines[number + 1 :])
            break
    else:
        raise FrontMatterError(
            "NJ003", "the front matter is not closed: add a line '---' after the last key"
        )
    return _compose(yaml_text, body)


def _compose(yaml_text: str, body: str) -> Document:
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 2, mark.column + 1) if mark else (1, 1)
        reason = error.problem or "invalid YAML"
        hint = " (use spaces, not tabs, to indent)" if "\t" in yaml_text else ""
        raise FrontMatterError("NJ004", f"invalid YAML: {reason}{hint}", line, column) from None
    except yaml.YAMLError as error:
        raise FrontMatterError("NJ004", f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    document = Document({}, body)
    if node is None:
        return document
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(
            "NJ005",
            "the front matter must be keys with values, like 'name: Jane Doe'",
            *_place(node),
        )
    data = _Builder(loader, document).value(node, ())
    document.data.update(data)
    return document


def _place(node: yaml.Node) -> tuple[int, int]:
    # +1 for the opening '---' line, +1 because YAML counts from 0.
    return node.start_mark.line + 2, node.start_mark.column + 1


@dataclass
class _Builder:
    """Turns composed nodes into plain values, refusing aliases and duplicate keys."""

    loader: Any
    document: Document
    seen: set[int] = field(default_factory=set)

    def value(self, node: yaml.Node, path: Path) -> Any:
        if id(node) in self.seen:
            # An alias: refused outright, which also stops "billion laughs" before it grows.
            raise FrontMatterError(
                "NJ007", "YAML aliases (*name) are not allowed: write the value out", *_place(node)
            )
        self.seen.add(id(node))
        self.document.value_at[path] = _place(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise FrontMatterError(
                "NJ005", "a key must be a plain word, like 'name'", *_place(node)
            )
        try:
            return self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
            reason = getattr(error, "problem", None) or str(error)
            raise FrontMatterError(
                "NJ004", f"invalid YAML value: {reason}", *_place(node)
            ) from None

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = str(self._scalar(key_node))
            if key in result:
                line, _ = self.document.key_at[(*path, key)]
                raise FrontMatterError(
                    "NJ006",
                    f"key '{key}' appears twice (first on line {line}): keep one",
                    *_place(key_node),
                )
            self.document.key_at[(*path, key)] = _place(key_node)
            result[key] = self.value(value_node, (*path, key))
        return result
