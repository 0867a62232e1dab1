"""The `netjournal` command: build, serve, check and due, wired to the core."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from netjournal import queries
from netjournal.cli.publish import build_atomically
from netjournal.cli.serving import parse_address, serve_journal
from netjournal.cli.site_config import load_site_config
from netjournal.cli.terminal import due_json, due_text
from netjournal.options import (
    PUBLIC_VARIABLE,
    TODAY_VARIABLE,
    JournalOptions,
    OptionsError,
    default_options,
    read_options,
    resolve_today,
)
from netjournal.read.journal import ReadResult, read_journal
from netjournal.site_folder import SiteFolderError, refuse_journal_folder

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
        folders = _options(config_file)
        try:
            refuse_journal_folder(Path(config.site_dir), folders.contacts, folders.journal)
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
    help="Where to serve (default: 127.0.0.1, this computer only, on dev_addr's port in "
    "mkdocs.yml, i.e. 8000).",
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
    if dev_addr is not None:
        _address(dev_addr)  # a bad -a is refused before anything is built
    with _mkdocs(today, public):
        try:
            serve_journal(
                _config_path(config_file),
                dev_addr,
                open_browser=open_browser,
                announce=lambda line: click.echo(line, err=True),
            )
        except OptionsError as error:
            raise click.ClickException(str(error)) from None


@main.command()
@config_option
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    help="text: one 'path:line:column: severity CODE message' per line; json: a list.",
)
@click.option(
    "--public",
    is_flag=True,
    help="Also report what would stop a public build: a privacy flag that cannot be read, "
    "a contact or a page in docs/ naming a private contact.",
)
def check(config_file: str | None, output: str, public: bool) -> None:
    """Check every contact and journal file; exit 1 if any has an error."""
    result = _read(config_file, public=public)
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
    options = _options(config_file)
    day = _today(options.today, today)
    result = read_journal(options.root, options.contacts, options.journal)
    agenda = queries.follow_up_agenda(result.journal, day)
    cadence = queries.cadence_report(result.journal, day)
    render = due_json if as_json else due_text
    click.echo(render(result.journal, day, agenda, cadence))
    if result.errors:
        # Say what each error left out: a follow-up whose `done` has a typo reads as open.
        for problem in result.errors:
            click.echo(str(problem), err=True)
        click.echo(
            f"{_count(len(result.errors), 'error')} above: a file with an error is left out "
            "of this list, and a value with an error is read as missing (a follow-up whose "
            "'done' cannot be read is listed as open): fix them, then run due again.",
            err=True,
        )


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _config_path(config_file: str | None) -> str:
    return config_file or "mkdocs.yml"


def _load(config_file: str | None, **options: Any) -> MkDocsConfig:
    try:
        return load_site_config(_config_path(config_file), **options)
    except OptionsError as error:
        raise click.ClickException(str(error)) from None


def _options(config_file: str | None) -> JournalOptions:
    """netjournal's options, read safely from mkdocs.yml: no hook, plugin or tag runs.

    Without an mkdocs.yml, the journal is ./contacts and ./journal.
    """
    if config_file is None and not Path("mkdocs.yml").is_file():
        return default_options(Path.cwd())
    path = Path(_config_path(config_file))
    if not path.is_file():
        raise click.ClickException(f"{path} not found: name the journal's mkdocs.yml with -f")
    try:
        return read_options(path)
    except OptionsError as error:
        raise click.ClickException(str(error)) from None


def _read(config_file: str | None, *, public: bool = False) -> ReadResult:
    options = _options(config_file)
    return read_journal(
        options.root,
        options.contacts,
        options.journal,
        public=public or options.public,
        docs=options.docs,
    )


def _today(configured: date | None, today: str | None) -> date:
    """--today if given (a bad one is blamed on --today), else mkdocs.yml's, else the clock."""
    try:
        return resolve_today(configured, today)
    except OptionsError as error:
        raise click.BadParameter(str(error), param_hint="--today") from None


def _address(dev_addr: str) -> None:
    try:
        parse_address(dev_addr)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="-a/--dev-addr") from None


@contextmanager
def _mkdocs(today: str | None, public: bool) -> Iterator[None]:
    """MkDocs' warnings shown on the terminal, its errors as sentences, options passed on."""
    if today is not None:
        _today(None, today)  # refuse a bad --today before building anything
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
