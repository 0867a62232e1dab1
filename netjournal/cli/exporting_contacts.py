"""`export vcard|csv|json`: the contacts for another tool, on stdout or in one file.

The `export` group itself lives in `exporting.py`; `add_to(group)` adds these to it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from netjournal.cli.shared import config_option, journal_options, public_option, read, today_for
from netjournal.cli.shared import today_option as _today_option
from netjournal.exchange.table import contact_rows, csv_text, json_text
from netjournal.exchange.vcard import vcards
from netjournal.model import Journal
from netjournal.options import JournalOptions
from netjournal.queries.privacy import public_view

output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file, replacing it whole (default: print to the terminal).",
)


def _export(render: Callable[[Journal, date], str]) -> Callable[..., None]:
    """A command body: read the journal, take the public view if asked, render, write."""

    def command(
        config_file: str | None, today: str | None, public: bool, output: Path | None
    ) -> None:
        options = journal_options(config_file)
        public = public or options.public
        result = read(config_file, public=public)
        if result.errors:
            for problem in result.errors:
                click.echo(str(problem), err=True)
            if public:
                raise click.ClickException(
                    "a public export stops on errors, as a public build does: fix them "
                    "(netjournal check --public lists them), then export again"
                )
            click.echo("The files above have errors: what could not be read is left out.", err=True)
        journal = result.journal
        if public:
            journal = public_view(journal, options.public_fields)
        text = render(journal, today_for(options.today, today))
        if output is None:
            click.echo(text, nl=False)
        else:
            _refuse_journal_folders(output, options)
            _replace(output, text)
            click.echo(f"Wrote {len(journal.contacts)} contacts to {output}", err=True)

    return command


def _command(name: str, help_text: str, render: Callable[[Journal, date], str]) -> click.Command:
    body = _export(render)
    body.__doc__ = help_text
    for option in (output_option, public_option, _today_option, config_option):
        body = option(body)
    return click.command(name, help=help_text)(body)


vcard = _command(
    "vcard",
    "Export the contacts as vCards (3.0), for Google, Apple or Outlook contacts.",
    lambda journal, today: vcards(
        sorted(journal.contacts.values(), key=lambda c: (c.name.casefold(), c.slug))
    ),
)
csv = _command(
    "csv",
    "Export the contacts as CSV for a spreadsheet: fields, touches, next follow-up.",
    lambda journal, today: csv_text(contact_rows(journal, today)),
)
json = _command(
    "json",
    "Export the contacts as JSON for scripts: fields, touches, next follow-up.",
    lambda journal, today: json_text(contact_rows(journal, today)),
)


def add_to(group: click.Group) -> None:
    """Add `vcard`, `csv` and `json` to the `export` group."""
    for command in (vcard, csv, json):
        group.add_command(command)


def _refuse_journal_folders(output: Path, options: JournalOptions) -> None:
    """Never into contacts/ or journal/ (it would be read as a record, or replace one), nor
    into docs/ (the site would publish it)."""
    target = output.parent.resolve() / output.name
    for what, folder in (
        ("contacts", options.contacts),
        ("journal", options.journal),
        ("docs", options.docs),
    ):
        if target.is_relative_to(folder.resolve()):
            raise click.BadParameter(
                f"{output} is inside the journal's {what} folder ({folder}): "
                "write the export somewhere else",
                param_hint="--output",
            )
    if not output.parent.resolve().is_dir():
        raise click.BadParameter(
            f"the folder {output.parent} does not exist: create it first", param_hint="--output"
        )


def _replace(output: Path, text: str) -> None:
    """Write `text` to `output` whole or not at all: a temporary file, then `os.replace`."""
    handle, temporary = tempfile.mkstemp(
        dir=output.parent, prefix=f".{output.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, output)
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
