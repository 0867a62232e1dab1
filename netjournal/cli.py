"""The `netjournal` command: build, serve, check and due, wired to the core."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from . import queries
from .plugin import (
    PUBLIC_VARIABLE,
    TODAY_VARIABLE,
    NetjournalPlugin,
    resolve_today,
)
from .publish import build_atomically, refuse_journal_folder
from .reader import ReadResult, read_journal
from .site_folder import SiteFolderError
from .terminal import due_json, due_text

config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False),
    default=None,
    help="The journal's mkdocs.yml (default: ./mkdocs.yml).",
)
public_option = click.option(
    "--public",
    is_flag=True,
    help="Leave out private records, every mention of them, and email, phone, birthday and "
    "notes (unless public_fields in mkdocs.yml lists them).",
)
today_option = click.option(
    "--today",
    metavar="YYYY-MM-DD",
    default=None,
    help="Judge what is overdue as of this day instead of the real date.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="netjournal")
def main() -> None:
    """A networking journal kept as plain Markdown, turned into a private website."""


@main.command()
@config_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where to write the site (default: site_dir in mkdocs.yml, i.e. ./site).",
)
@click.option("--strict", is_flag=True, help="Fail on warnings as well as errors.")
@public_option
@today_option
def build(
    config_file: str | None, site_dir: str | None, strict: bool, public: bool, today: str | None
) -> None:
    """Build the journal's site; the previous site stays until the new one is complete."""
    with _mkdocs(today, public):
        config = _load(config_file, strict=strict, **({"site_dir": site_dir} if site_dir else {}))
        # Checked here, whether mkdocs.yml lists the plugin or not: the plugin only sees the
        # temporary folder build_atomically builds into.
        plugin = config.plugins.get("netjournal")
        root = Path(config.config_file_path or ".").resolve().parent
        contacts, journal = root / "contacts", root / "journal"
        if isinstance(plugin, NetjournalPlugin):
            contacts, journal = Path(plugin.config.contacts), Path(plugin.config.journal)
        try:
            refuse_journal_folder(Path(config.site_dir), contacts, journal)
            build_atomically(config, mkdocs_build)
        except SiteFolderError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"Built the site in {config.site_dir}")


@main.command()
@config_option
@click.option(
    "-a",
    "--dev-addr",
    metavar="IP:PORT",
    default=None,
    help="Where to serve (default: dev_addr in mkdocs.yml, i.e. 127.0.0.1:8000).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@public_option
@today_option
def serve(
    config_file: str | None,
    dev_addr: str | None,
    open_browser: bool,
    public: bool,
    today: str | None,
) -> None:
    """Serve the site on this computer, rebuilding it whenever a journal file is saved."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    with _mkdocs(today, public):
        _load(config_file)  # fail early, with a sentence, on a broken mkdocs.yml
        options: dict[str, Any] = {"dev_addr": dev_addr} if dev_addr else {}
        mkdocs_serve(config_file=_config_path(config_file), open_in_browser=open_browser, **options)


@main.command()
@config_option
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    help="text: one 'path:line:column: severity CODE message' per line; json: a list.",
)
def check(config_file: str | None, output: str) -> None:
    """Check every contact and journal file; exit 1 if any has an error."""
    result = _read(config_file)
    if output == "json":
        click.echo(json.dumps([p.as_dict() for p in result.problems], indent=2, ensure_ascii=False))
    else:
        for problem in result.problems:
            click.echo(str(problem))
        journal = result.journal
        click.echo(
            f"{_count(len(result.errors), 'error')}, {_count(len(result.warnings), 'warning')} "
            f"({_count(len(journal.contacts), 'contact')}, "
            f"{_count(len(journal.entries), 'entry', 'entries')} read)",
            err=True,
        )
    if result.errors:
        raise SystemExit(1)


@main.command()
@config_option
@today_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def due(config_file: str | None, today: str | None, as_json: bool) -> None:
    """Show overdue and upcoming follow-ups, and relationships past their cadence."""
    folders = _plugin_options(config_file)
    result = read_journal(folders.root, folders.contacts, folders.journal)
    day = _today(folders.today, today)
    agenda = queries.follow_up_agenda(result.journal, day)
    cadence = queries.cadence_report(result.journal, day)
    render = due_json if as_json else due_text
    click.echo(render(result.journal, day, agenda, cadence))
    if result.errors:
        click.echo(
            f"{_count(len(result.errors), 'problem')} kept some files out of this list: "
            "run `netjournal check`.",
            err=True,
        )


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _config_path(config_file: str | None) -> str:
    return config_file or "mkdocs.yml"


def _load(config_file: str | None, **options: Any) -> MkDocsConfig:
    path = _config_path(config_file)
    if not Path(path).is_file():
        raise click.ClickException(
            f"{path} not found: run netjournal in the journal's folder or name its mkdocs.yml "
            "with -f"
        )
    try:
        return load_config(config_file=path, **options)
    except MkDocsException as error:
        raise click.ClickException(f"{path}: {error}") from None


@dataclass(frozen=True)
class _Folders:
    """Where the journal is, and the `today` its mkdocs.yml pins, if any."""

    root: Path
    contacts: Path
    journal: Path
    today: str | date | None = None


def _plugin_options(config_file: str | None) -> _Folders:
    """The journal's folders from mkdocs.yml (loaded once), or ./contacts and ./journal."""
    if config_file is None and not Path("mkdocs.yml").is_file():
        root = Path.cwd()
        return _Folders(root, root / "contacts", root / "journal")
    config = _load(config_file)
    plugin = config.plugins.get("netjournal")
    root = Path(config.config_file_path or ".").resolve().parent
    if plugin is None:
        return _Folders(root, root / "contacts", root / "journal")
    options = plugin.config
    return _Folders(root, Path(options["contacts"]), Path(options["journal"]), options["today"])


def _read(config_file: str | None) -> ReadResult:
    folders = _plugin_options(config_file)
    return read_journal(folders.root, folders.contacts, folders.journal)


def _today(configured: str | date | None, today: str | None) -> date:
    try:
        return resolve_today(configured, today)
    except MkDocsException as error:
        raise click.BadParameter(str(error), param_hint="--today") from None


@contextmanager
def _mkdocs(today: str | None, public: bool) -> Iterator[None]:
    """MkDocs' warnings shown on the terminal, its errors as sentences, options passed on."""
    if today is not None:
        resolve_today(None, today)  # refuse a bad --today before building anything
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    overrides = {TODAY_VARIABLE: today, PUBLIC_VARIABLE: "1" if public else None}
    previous = {name: os.environ.get(name) for name in overrides}
    os.environ.update({name: value for name, value in overrides.items() if value is not None})
    try:
        yield
    except MkDocsException as error:
        raise click.ClickException(str(error)) from None
    finally:
        logger.removeHandler(handler)
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
