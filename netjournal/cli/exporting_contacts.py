"""`export vcard|csv|json`: the contacts for another tool, on stdout or in one file.

The `export` group itself lives in `exporting.py`; `add_to(group)` adds these to it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import click

from netjournal.cli.export_file import output_option, output_path, write_export
from netjournal.cli.shared import (
    config_option,
    count,
    journal_options,
    public_option,
    read,
    today_for,
)
from netjournal.cli.shared import today_option as _today_option
from netjournal.exchange.table import (
    contact_rows,
    csv_text,
    is_csv_export,
    is_json_export,
    json_text,
)
from netjournal.exchange.vcard import is_vcard_export, vcards
from netjournal.model import Journal
from netjournal.queries.privacy import public_view


def _export(
    render: Callable[[Journal, date], str], is_export: Callable[[bytes], bool], example: str
) -> Callable[..., None]:
    """A command body: read the journal, take the public view if asked, render, write."""

    def command(
        config_file: str | None, today: str | None, public: bool, output: str | None
    ) -> None:
        options = journal_options(config_file)
        target = output_path(output, options, is_export=is_export, example=example)
        public = public or options.public
        result = read(config_file, public=public)
        if result.errors:
            for problem in result.errors:
                click.echo(str(problem), err=True)
            files = len({problem.path for problem in result.errors})
            check = "netjournal check --public" if public else "netjournal check"
            raise click.ClickException(
                f"the journal has {count(len(result.errors), 'error')} (listed above): an "
                f"export without {'that file' if files == 1 else 'those files'} would silently "
                f"drop the contacts (or the touches) they hold; fix them ({check} lists them), "
                "then export again"
            )
        journal = result.journal
        if public:
            journal = public_view(journal, options.public_fields)
        text = render(journal, today_for(options.today, today))
        if target is None:
            click.echo(text, nl=False)
        else:
            write_export(target, text)
            click.echo(f"Wrote {count(len(journal.contacts), 'contact')} to {output}", err=True)

    return command


def _command(
    name: str,
    help_text: str,
    render: Callable[[Journal, date], str],
    is_export: Callable[[bytes], bool],
) -> click.Command:
    body = _export(render, is_export, f"contacts.{name.replace('vcard', 'vcf')}")
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
    is_vcard_export,
)
csv = _command(
    "csv",
    "Export the contacts as CSV for a spreadsheet: fields, touches, next follow-up.",
    lambda journal, today: csv_text(contact_rows(journal, today)),
    is_csv_export,
)
json = _command(
    "json",
    "Export the contacts as JSON for scripts: fields, touches, next follow-up.",
    lambda journal, today: json_text(contact_rows(journal, today)),
    is_json_export,
)


def add_to(group: click.Group) -> None:
    """Add `vcard`, `csv` and `json` to the `export` group."""
    for command in (vcard, csv, json):
        group.add_command(command)
