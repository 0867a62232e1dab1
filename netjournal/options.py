"""netjournal's own options in a journal's mkdocs.yml, read without running anything in it.

`check` and `due` need only these, so they read mkdocs.yml here, with a YAML parser that
builds no object: `hooks:`, plugins, `!!python/...` and `!relative` tags are never run,
only stepped over. The MkDocs plugin validates the options it is given with the same rules,
so a mistake reads the same whichever command finds it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from netjournal.diagnostics import did_you_mean
from netjournal.queries.privacy import PUBLIC_FIELDS
from netjournal.queries.stage import DEFAULT_CREDIBILITY_TOUCHES
from netjournal.read.conventions import DEFAULT_EXCLUDE, NETJOURNAL, Conventions
from netjournal.read.files import MAX_FILE_BYTES, exclusions
from netjournal.read.records import KEY_TARGETS
from netjournal.read.values import BadValue, parse_date

# Set by `netjournal build/serve --today/--public`: the one way to reach `mkdocs serve`'s
# rebuilds, which load mkdocs.yml afresh each time.
TODAY_VARIABLE = "NETJOURNAL_TODAY"
PUBLIC_VARIABLE = "NETJOURNAL_PUBLIC"
OPTION_NAMES = (
    *("contacts", "journal", "today", "public", "public_fields", "offline", "raw_html"),
    *("credibility_touches", "exclude", "tasks", "keys"),
)
MAX_CREDIBILITY_TOUCHES = 1000  # touches to reach credibility: more than this is a typo
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(_TAG + name for name in ("str", "bool", "null", "int", "float", "seq"))
_PLAIN_TAGS |= {_TAG + "timestamp"}
_TRUE, _FALSE = ("true", "yes", "on"), ("false", "no", "off")
# What a journal's mkdocs.yml says for `docs_dir` so that it builds without a docs/ folder:
# MkDocs runs this while it reads the file, before any plugin, and the plugin then uses docs/
# if it exists (see empty_docs_dir).
EMPTY_DOCS_DIR = "!!python/object/apply:netjournal.options.empty_docs_dir []"
_empty_docs: list[str] = []


@dataclass(frozen=True)
class JournalOptions:
    """Where the journal's files are and how to show them, as mkdocs.yml sets them."""

    root: Path  # the folder of mkdocs.yml; relative folders are relative to it
    contacts: Path  # the first contacts folder listed: where new contacts are written
    journal: Path  # the first journal folder listed: where new entries are written
    today: date | None = None  # the day mkdocs.yml pins, if any
    public: bool = False
    public_fields: tuple[str, ...] = ()
    offline: bool = True
    raw_html: bool = False  # notes' HTML kept as written: for a journal only you write
    docs_dir: str = "docs"  # mkdocs.yml's own docs_dir: the user's pages, checked in public
    credibility_touches: int = DEFAULT_CREDIBILITY_TOUCHES
    conventions: Conventions = NETJOURNAL  # how a vault's files are written
    listed_contacts: tuple[Path, ...] = ()  # every contacts folder, when mkdocs.yml lists more
    listed_journal: tuple[Path, ...] = ()

    @property
    def docs(self) -> Path:
        return self.root / self.docs_dir

    @property
    def contact_folders(self) -> tuple[Path, ...]:
        """Every folder contacts are read from, in the order mkdocs.yml lists them."""
        return self.listed_contacts or (self.contacts,)

    @property
    def journal_folders(self) -> tuple[Path, ...]:
        """Every folder journal entries are read from, in the order mkdocs.yml lists them."""
        return self.listed_journal or (self.journal,)

    @property
    def folders(self) -> tuple[Path, ...]:
        """Every folder the journal is read from: what `serve` watches."""
        return tuple(dict.fromkeys((*self.contact_folders, *self.journal_folders)))


class OptionsError(Exception):
    """A mistake in mkdocs.yml, as one sentence naming the file, the line and the option."""


def default_options(root: Path) -> JournalOptions:
    """The options of a journal with no mkdocs.yml: `contacts/` and `journal/` in `root`."""
    return JournalOptions(root, root / "contacts", root / "journal")


def read_options(config_file: Path, *, folders_may_be_missing: bool = False) -> JournalOptions:
    """The netjournal options of `config_file`, read safely; raises OptionsError.

    Nothing in the file is run or built: the YAML is only parsed into nodes, and only the
    `netjournal` entry of `plugins:` is looked at (with `!ENV` read as MkDocs does). With
    `folders_may_be_missing`, the contacts and journal folders need not exist yet (a command
    that writes the first file makes its folder).
    """
    shown = str(config_file)
    try:
        if config_file.stat().st_size > MAX_FILE_BYTES:
            raise OptionsError(f"{shown} is over 2 MB, which no mkdocs.yml needs: check the file")
        text = config_file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise OptionsError(f"{shown} is not UTF-8 text: save it as UTF-8") from None
    except OSError as error:
        raise OptionsError(f"cannot read {shown}: {error.strerror or error}") from None
    try:
        document = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{shown}:{mark.line + 1}" if mark is not None else shown
        raise OptionsError(f"{where}: this is not valid YAML ({error.problem})") from None
    except (yaml.YAMLError, RecursionError):
        raise OptionsError(f"{shown} is not valid YAML, or nested too deeply") from None
    entry = _netjournal_entry(document, shown)
    root = Path(os.path.abspath(config_file)).parent
    docs_dir = _docs_dir(document)
    if entry is None:
        return _checked({}, root, lambda name: shown, docs_dir, folders_may_be_missing)
    raw: dict[str, object] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in entry.value:
        name = key_node.value if isinstance(key_node, ScalarNode) else str(key_node.tag)
        line = key_node.start_mark.line + 1
        if name in lines:
            raise OptionsError(
                f"{shown}:{line}: netjournal option '{name}' is set twice (first on line "
                f"{lines[name]}): keep one"
            )
        lines[name] = line
        raw[name] = _value(value_node, f"{shown}:{line}: netjournal option '{name}'")
    return _checked(
        raw,
        root,
        lambda name: f"{shown}:{lines[name]}" if name in lines else shown,
        docs_dir,
        folders_may_be_missing,
    )


def _docs_dir(document: Node | None) -> str:
    """mkdocs.yml's `docs_dir` when it is plain text, else MkDocs' default `docs`."""
    if isinstance(document, MappingNode):
        for key, value in document.value:
            plain = isinstance(value, ScalarNode) and value.tag == f"{_TAG}str"
            if key.value == "docs_dir" and plain and value.value.strip():
                return str(value.value)
    return "docs"


def names_the_plugin(config_file: Path) -> bool:
    """Whether `config_file` lists the netjournal plugin, read safely.

    True when the file cannot be read at all: read_options then says what is wrong with it,
    which helps more than "no journal here".
    """
    try:
        if config_file.stat().st_size > MAX_FILE_BYTES:
            return True
        document = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=_LOADER)
        return _netjournal_entry(document, str(config_file)) is not None
    except (OSError, ValueError, yaml.YAMLError, RecursionError, OptionsError):
        return True


def empty_docs_dir() -> str:
    """An empty folder for MkDocs' `docs_dir` while the journal has no docs/ of its own.

    Git keeps no empty folder, so a fresh clone of a journal has no docs/, and MkDocs refuses
    a `docs_dir` that does not exist while it reads mkdocs.yml, before any plugin runs. This
    folder stands in: made once per process in the temporary folder (never in the journal),
    left empty, and removed when the process ends.
    """
    if not _empty_docs:
        folder = tempfile.mkdtemp(prefix="netjournal-no-docs-")
        atexit.register(shutil.rmtree, folder, True)
        _empty_docs.append(os.path.abspath(folder))
    return _empty_docs[0]


def is_empty_docs_dir(folder: str) -> bool:
    """Whether `folder` is the stand-in empty_docs_dir made in this process."""
    return bool(_empty_docs) and os.path.abspath(folder) == _empty_docs[0]


def plugin_options(raw: Mapping[str, object], config_file: str | None) -> JournalOptions:
    """The options MkDocs loaded for the plugin, checked; raises OptionsError.

    The lines come from reading `config_file` safely, when it can be read.
    """
    root = Path(os.path.abspath(config_file)).parent if config_file else Path.cwd()
    shown = os.path.basename(config_file) if config_file else "mkdocs.yml"
    lines: dict[str, int] = {}
    if config_file:
        try:
            document = yaml.compose(Path(config_file).read_text(encoding="utf-8-sig"), _LOADER)
            entry = _netjournal_entry(document, shown)
        except (OSError, ValueError, yaml.YAMLError, RecursionError, OptionsError):
            entry = None
        for key_node, _ in entry.value if entry is not None else ():
            lines.setdefault(str(key_node.value), key_node.start_mark.line + 1)
    return _checked(raw, root, lambda name: f"{shown}:{lines[name]}" if name in lines else shown)


def _netjournal_entry(document: Node | None, shown: str) -> MappingNode | None:
    """The mapping of options under `plugins:` → `netjournal`, or None if it has none."""
    if not isinstance(document, MappingNode):
        return None
    plugins = next((v for k, v in document.value if k.value == "plugins"), None)
    items: list[tuple[Node, Node | None]] = []
    if isinstance(plugins, SequenceNode):
        for item in plugins.value:
            if isinstance(item, MappingNode):
                items.extend(item.value)
            else:
                items.append((item, None))
    elif isinstance(plugins, MappingNode):
        items = list(plugins.value)
    for key, value in items:
        if isinstance(key, ScalarNode) and key.value == "netjournal":
            if value is None or (isinstance(value, ScalarNode) and value.value in ("", "~")):
                return MappingNode(f"{_TAG}map", [])
            if not isinstance(value, MappingNode):
                raise OptionsError(
                    f"{shown}:{key.start_mark.line + 1}: the netjournal plugin's options must be "
                    "indented 'option: value' lines under '- netjournal:'"
                )
            return value
    return None


def _value(node: Node, where: str) -> object:
    """A plain value (text, true/false, a date's text, a list or a flat mapping of those);
    no tag is run."""
    if isinstance(node, MappingNode) and node.tag == f"{_TAG}map":
        # Only a flat mapping (the `keys` option): nested ones are refused like nested lists.
        if not all(isinstance(k, ScalarNode) and isinstance(v, ScalarNode) for k, v in node.value):
            raise OptionsError(f"{where}: write one 'name: key' line for each key")
        return {str(k.value): _value(v, where) for k, v in node.value}
    if node.tag == "!ENV":
        return _environment(node, where)
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace(_TAG, "!!", 1)
        raise OptionsError(f"{where}: netjournal reads only plain values here, not {tag}")
    if isinstance(node, SequenceNode):
        # Only a flat list: walking nested lists of aliases could take exponential time.
        if not all(isinstance(item, ScalarNode) for item in node.value):
            raise OptionsError(f"{where}: write a list of plain values, like [email, notes]")
        return [_value(item, where) for item in node.value]
    text = node.value
    if node.tag == f"{_TAG}bool":
        return text.lower() in _TRUE
    if node.tag == f"{_TAG}null":
        return None
    return text  # numbers and dates stay text: the checks below say what each must be


def _environment(node: Node, where: str) -> object:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`, read as MkDocs reads it."""
    if isinstance(node, ScalarNode):
        names, default = [node.value], None
    elif isinstance(node, SequenceNode) and all(isinstance(n, ScalarNode) for n in node.value):
        values = [n.value for n in node.value]
        names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    else:
        raise OptionsError(f"{where}: write !ENV NAME or !ENV [NAME, default]")
    for name in names:
        if name in os.environ:
            text = os.environ[name]
            tag = yaml.resolver.Resolver().resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
            return _value(ScalarNode(tag, text), where)
    return default


def _checked(
    raw: Mapping[str, object],
    root: Path,
    where: Callable[[str], str],
    docs_dir: str = "docs",
    folders_may_be_missing: bool = False,
) -> JournalOptions:
    """The options in `raw`, each checked; an OptionsError names the first mistake."""
    for name in raw:
        if name not in OPTION_NAMES:
            raise OptionsError(
                f"{where(name)}: netjournal has no option '{name}'"
                f"{did_you_mean(name, OPTION_NAMES)}: its options are {', '.join(OPTION_NAMES)}"
            )

    def folders(name: str) -> tuple[Path, ...]:
        """The folders `name` lists: one folder, or a list of them (`[People, CRM/Contacts]`)."""
        value = raw.get(name, name)
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and v.strip() for v in values):
            raise OptionsError(
                f"{where(name)}: netjournal option '{name}' must name a folder, or a list of "
                "folders like [People, CRM/Contacts]"
            )
        return tuple(folder(name, str(v)) for v in values)

    def folder(name: str, value: str) -> Path:
        path = root / value
        missing = not os.path.lexists(path)
        if missing and ((name == "journal" and name not in raw) or folders_may_be_missing):
            # A journal/ not made yet (git keeps no empty folder: every entry deleted, or none
            # written yet), or a folder `new`/`log` is about to make: read as empty. A missing
            # contacts/ stays an error: a build of a journal without its people (a folder moved
            # away, a checkout half done) would replace a good site with an empty one.
            return path
        if not path.is_dir():
            raise OptionsError(
                f"{where(name)}: the {name} folder {path} does not exist: create it, or name "
                f"yours with the plugin option '{name}:'"
            )
        return path

    def flag(name: str, default: bool) -> bool:
        value = raw.get(name, default)
        if not isinstance(value, bool):
            raise OptionsError(
                f"{where(name)}: netjournal option '{name}' is true or false, not {value!r}"
            )
        return value

    today = raw.get("today")
    try:
        pinned = None if today is None else parse_date(today)
    except BadValue as bad:
        raise OptionsError(f"{where('today')}: netjournal option 'today': {bad.message}") from None
    contact_folders, journal_folders = folders("contacts"), folders("journal")
    return JournalOptions(
        root,
        contact_folders[0],
        journal_folders[0],
        pinned,
        flag("public", False),
        _public_fields(raw.get("public_fields", []), where("public_fields")),
        flag("offline", True),
        flag("raw_html", False),
        docs_dir,
        _credibility_touches(raw.get("credibility_touches"), where("credibility_touches")),
        _conventions(raw, where, tasks=flag("tasks", True)),
        contact_folders if len(contact_folders) > 1 else (),
        journal_folders if len(journal_folders) > 1 else (),
    )


def _keys(value: object, where: str) -> Mapping[str, str]:
    """The `keys` option: each of the journal's own key names → the netjournal key it means."""
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, Mapping):
        raise OptionsError(
            f"{where}: netjournal option 'keys' maps your key names onto netjournal's, one "
            "per line, like 'Firma: company'"
        )
    for name, key in value.items():
        if key not in KEY_TARGETS:
            raise OptionsError(
                f"{where}: netjournal option 'keys' maps '{name}' onto '{key}', which is not a "
                f"key netjournal reads{did_you_mean(str(key), KEY_TARGETS)}: use one of "
                f"{', '.join(sorted(KEY_TARGETS))}"
            )
    return MappingProxyType({str(name): str(key) for name, key in value.items()})


def _conventions(
    raw: Mapping[str, object], where: Callable[[str], str], *, tasks: bool
) -> Conventions:
    """The options that say how a vault's files are written, as one Conventions value."""
    exclude = _exclude(raw.get("exclude"), where("exclude"))
    return Conventions(exclude=exclude, keys=_keys(raw.get("keys"), where("keys")), tasks=tasks)


def _exclude(value: object, where: str) -> tuple[str, ...]:
    """The default exclusions and the user's own globs (`!templates` reads templates/ again)."""
    if value is None:
        return DEFAULT_EXCLUDE
    written = value if isinstance(value, list) else [value]
    if not all(isinstance(glob, str) and glob.strip("!/ ") for glob in written):
        raise OptionsError(
            f"{where}: netjournal option 'exclude' is a list of globs, like [Archive, "
            f"'*.excalidraw.md'], not {value!r}"
        )
    return exclusions(DEFAULT_EXCLUDE, (str(glob).strip() for glob in written))


def _credibility_touches(value: object, where: str) -> int:
    """A whole number of touches from 1 to MAX_CREDIBILITY_TOUCHES (YAML's text or MkDocs' int)."""
    if value is None:
        return DEFAULT_CREDIBILITY_TOUCHES
    text = str(value).strip() if not isinstance(value, bool) else ""
    if text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_CREDIBILITY_TOUCHES:
        return int(text)
    raise OptionsError(
        f"{where}: netjournal option 'credibility_touches' is a whole number of touches from 1 "
        f"to {MAX_CREDIBILITY_TOUCHES}, like 5, not {value!r}"
    )


def _public_fields(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise OptionsError(
            f"{where}: netjournal option 'public_fields' is a list, like [email, notes]"
        )
    for field in value:
        if field not in PUBLIC_FIELDS:
            raise OptionsError(
                f"{where}: '{field}' is not a field public_fields can keep"
                f"{did_you_mean(str(field), PUBLIC_FIELDS)}: use any of {', '.join(PUBLIC_FIELDS)}"
            )
    return tuple(str(field) for field in value)


def resolve_today(configured: str | date | None, override: str | None) -> date:
    """`today` from the CLI's override, else mkdocs.yml, else the real date.

    The one place that reads the clock; raises OptionsError for a day that is not a date.
    """
    chosen = override or configured
    if chosen is None:
        return date.today()
    try:
        return parse_date(chosen)
    except BadValue as bad:
        raise OptionsError(bad.message) from None
