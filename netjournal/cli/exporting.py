"""`export`: the journal in formats other tools read; `export ics` is the calendar feed."""

from __future__ import annotations

import click

from netjournal.cli.export_file import output_option, output_path, write_export
from netjournal.cli.shared import (
    config_option,
    count,
    journal_options,
    public_option,
    today_for,
    today_option,
)
from netjournal.exchange.ics import calendar_text, is_feed
from netjournal.queries.calendar import calendar_items
from netjournal.queries.privacy import public_view
from netjournal.read.journal import read_journal


@click.group()
def export() -> None:
    """Write the journal in a format other tools read."""


@export.command()
@output_option
@public_option
@today_option
@config_option
def ics(output: str | None, public: bool, today: str | None, config_file: str | None) -> None:
    """An iCalendar feed of open follow-ups, plans and birthdays, for a calendar app.

    Each follow-up is an all-day event on its due day (an overdue one stays there), each
    entry dated after today an event at its date and time, each birthday a yearly event.
    Importing or subscribing again updates the events instead of adding copies.
    """
    options = journal_options(config_file)
    day = today_for(options.today, today)
    public = public or options.public
    target = output_path(output, options, is_export=is_feed, example="calendar.ics")
    result = read_journal(
        options.root,
        options.contact_folders,
        options.journal_folders,
        public=public,
        conventions=options.conventions,
    )
    if result.errors:
        for problem in result.errors:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"the journal has {count(len(result.errors), 'error')} (listed above): a feed "
            "without those files would silently drop their events; fix them (netjournal "
            "check lists them), then export again"
        )
    journal = public_view(result.journal, options.public_fields) if public else result.journal
    items = calendar_items(journal, day, show_paths=not public)
    text = calendar_text(items, day)
    if target is None:
        click.echo(text, nl=False)
        return
    write_export(target, text)
    click.echo(f"Wrote {count(len(items), 'event')} to {output}", err=True)
