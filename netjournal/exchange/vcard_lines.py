"""The content lines of vCard files as Google, Apple and Outlook write them (2.1 and 3.0).

Read here rather than by vobject, whose reader keeps only the text before the first
unescaped comma of a name or a note (Outlook's 2.1 never escapes them), cannot read
Outlook's quoted-printable soft line breaks, and parses each line with nested regular
expressions. Every step here is one pass over the text.
"""

from __future__ import annotations

import codecs
import quopri
import re
from dataclasses import dataclass, field

from netjournal.exchange.people import RowProblem

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}


@dataclass(frozen=True)
class Property:
    """One content line: `item1.EMAIL;TYPE=WORK:jane@example.com`, its value still escaped."""

    line: int
    group: str
    name: str  # upper case
    params: dict[str, list[str]]  # upper-case names; a bare 2.1 type (`WORK`) is under TYPE
    value: str

    def types(self) -> set[str]:
        return {t.upper() for t in self.params.get("TYPE", [])}


@dataclass
class Card:
    """The properties between one BEGIN:VCARD and its END:VCARD, and the line it begins on."""

    line: int
    properties: list[Property] = field(default_factory=list)

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name]

    def first(self, name: str) -> Property | None:
        found = self.all(name)
        return found[0] if found else None


def cards(text: str) -> tuple[list[Card], list[RowProblem]]:
    """Every card of `text`, and a located problem for each one left unfinished or unreadable."""
    found: list[Card] = []
    problems: list[RowProblem] = []
    current: Card | None = None
    for number, line in _logical_lines(text):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if current is not None:
                problems.append(_unfinished(current))
            current = Card(number)
        elif upper == "END:VCARD":
            if current is not None:
                found.append(current)
            current = None
        elif current is not None:
            try:
                prop = _property(number, line)
            except ValueError as error:
                problems.append(RowProblem(number, str(error)))
                continue
            if prop is not None:
                current.properties.append(prop)
    if current is not None:
        problems.append(_unfinished(current))
    return found, problems


def _unfinished(card: Card) -> RowProblem:
    return RowProblem(card.line, "this card has no END:VCARD line: the file may be cut short")


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Lines unfolded: a line starting with a space or tab continues the one before (3.0), and
    so does any line after a quoted-printable line ending in `=` (Outlook's 2.1).

    Each line's pieces are gathered in a list and joined once, so a picture folded over
    thousands of lines costs its length, not its length times its lines.
    """
    lines: list[tuple[int, list[str], bool]] = []  # first line number, pieces, quoted-printable
    for number, physical in enumerate(_LINE_BREAK.split(text), start=1):
        if lines and physical[:1] in (" ", "\t"):
            lines[-1][1].append(physical[1:])
        elif lines and lines[-1][2] and lines[-1][1][-1].endswith("="):
            lines[-1][1].append("\n" + physical)
        elif physical.strip():
            lines.append((number, [physical], _is_quoted_printable(physical)))
    return [(number, "".join(pieces)) for number, pieces, _ in lines]


def _is_quoted_printable(line: str) -> bool:
    head, _, _ = _split_head(line)
    return "QUOTED-PRINTABLE" in head.upper()


def _split_head(line: str) -> tuple[str, str, bool]:
    """`(name and parameters, value, found)`: split at the first colon outside quotes."""
    colon = line.find(":")
    if colon >= 0 and '"' not in line[:colon]:  # nearly every line: no quoted parameter
        return line[:colon], line[colon + 1 :], True
    quoted = False
    for index, character in enumerate(line):
        if character == '"':
            quoted = not quoted
        elif character == ":" and not quoted:
            return line[:index], line[index + 1 :], True
    return line, "", False


def _property(number: int, line: str) -> Property | None:
    head, value, found = _split_head(line)
    if not found:
        return None  # not a property (a stray line of a picture's data): nothing to read
    parts = _split(head, ";", quotes=True)
    group, _, name = parts[0].rpartition(".")
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, equals, values = part.partition("=")
        if not equals:  # vCard 2.1: `TEL;WORK;VOICE`
            key, values = "TYPE", part
        params.setdefault(key.strip().upper(), []).extend(
            v.strip().strip('"') for v in _split(values, ",", quotes=True) if v.strip()
        )
    encoding = {e.upper() for e in params.get("ENCODING", [])}
    if "QUOTED-PRINTABLE" in encoding or "QUOTED-PRINTABLE" in params.get("TYPE", []):
        value = _quoted_printable(value, params.get("CHARSET", ["utf-8"])[0])
    elif encoding & {"B", "BASE64"}:
        return None  # a picture or a key: nothing netjournal keeps
    return Property(number, group, name.strip().upper(), params, value)


def _quoted_printable(value: str, charset: str) -> str:
    """The decoded text, its line breaks written `\\n` as in any other escaped value."""
    try:
        codecs.lookup(charset)
    except LookupError:
        raise ValueError(
            f"the character set {charset!r} is unknown: save the file as UTF-8"
        ) from None
    data = quopri.decodestring(value.encode("utf-8"))
    try:
        text = data.decode(charset)
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Outlook's own, whatever it says
    return _LINE_BREAK.sub("\\\\n", text)


def _split(text: str, separator: str, *, quotes: bool = False) -> list[str]:
    """`text` split at each `separator` not escaped by a backslash (nor quoted, if `quotes`)."""
    if "\\" not in text and '"' not in text:
        return text.split(separator)
    parts, current, escaped, quoted = [], [], False, False
    for character in text:
        if escaped:
            current.append(character)
            escaped = False
        elif character == "\\" and not quotes:
            current.append(character)
            escaped = True
        elif character == '"' and quotes:
            quoted = not quoted
            current.append(character)
        elif character == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(character)
    parts.append("".join(current))
    return parts


def unescape(value: str) -> str:
    """A text value as written: `\\n` a line break, `\\,` `\\;` `\\:` `\\\\` the character."""
    if "\\" not in value:
        return value
    out, escaped = [], False
    for character in value:
        if escaped:
            out.append(_ESCAPES.get(character, "\\" + character))
            escaped = False
        elif character == "\\":
            escaped = True
        else:
            out.append(character)
    if escaped:
        out.append("\\")
    return "".join(out)


def text(prop: Property) -> str:
    """The property's whole value as text (commas and semicolons included)."""
    return unescape(prop.value)


def components(prop: Property) -> list[str]:
    """The parts of a structured value (N, ORG, ADR), split at unescaped semicolons."""
    return [unescape(part) for part in _split(prop.value, ";")]


def listed(prop: Property) -> list[str]:
    """The items of a list value (CATEGORIES), split at unescaped commas."""
    return [unescape(part) for part in _split(prop.value, ",")]
