"""What every command shares: the journal's options, --today, and counting in words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from netjournal.options import (
    JournalOptions,
    OptionsError,
    default_options,
    read_options,
    resolve_today,
)
from netjournal.read.journal import ReadResult, read_journal

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


def count(number: int, one: str, many: str | None = None) -> str:
    """`1 contact`, `2 contacts`, `0 entries`."""
    return f"{number} {one if number == 1 else many or one + 's'}"


def config_path(config_file: str | None) -> str:
    return config_file or "mkdocs.yml"


def journal_options(config_file: str | None) -> JournalOptions:
    """netjournal's options, read safely from mkdocs.yml: no hook, plugin or tag runs.

    Without an mkdocs.yml, the journal is ./contacts and ./journal.
    """
    if config_file is None and not Path("mkdocs.yml").is_file():
        return default_options(Path.cwd())
    path = Path(config_path(config_file))
    if not path.is_file():
        raise click.ClickException(f"{path} not found: name the journal's mkdocs.yml with -f")
    try:
        return read_options(path)
    except OptionsError as error:
        raise click.ClickException(str(error)) from None


def read(config_file: str | None, *, public: bool = False) -> ReadResult:
    """The journal named by `config_file` (or found here), read with its own options."""
    options = journal_options(config_file)
    return read_journal(
        options.root,
        options.contacts,
        options.journal,
        public=public or options.public,
        docs=options.docs,
    )


def today_for(configured: date | None, today: str | None) -> date:
    """--today if given (a bad one is blamed on --today), else mkdocs.yml's, else the clock."""
    try:
        return resolve_today(configured, today)
    except OptionsError as error:
        raise click.BadParameter(str(error), param_hint="--today") from None
