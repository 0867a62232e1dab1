"""How a journal's files are written, where mkdocs.yml says they differ from netjournal's own
format: a vault kept in Obsidian or Foam, read as it is.

The reader takes these as one value, so an option about the files' shape is added here and in
`options.py` only, not at every place a journal is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# What no journal folder's notes are, in any vault: the editors' own folders and the
# templates whose placeholders (`{{date}}`, `<% tp.file.title %>`) are not records.
DEFAULT_EXCLUDE = (".obsidian", ".foam", ".trash", "templates", "Templates")


@dataclass(frozen=True)
class Conventions:
    """The `exclude`, `keys` and `tasks` options of a journal's mkdocs.yml.

    - `exclude`: globs of paths that are never read.
    - `keys`: the user's own key names, each mapped onto the netjournal key it means.
    - `tasks`: whether an open task (`- [ ] …`) in an entry's notes is a follow-up.
    """

    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    tasks: bool = True


NETJOURNAL = Conventions()  # a journal in netjournal's own format, as `init` makes it
