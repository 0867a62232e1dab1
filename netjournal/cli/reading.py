"""`check` and `due`: read the journal and report, never writing a file."""

from __future__ import annotations

import dataclasses
import functools
import json

import click

from netjournal import queries
from netjournal.cli.shared import (
    config_option,
    count,
    journal_options,
    shown,
    today_for,
    today_option,
)
from netjournal.cli.terminal import due_json, due_text
from netjournal.read.journal import read_journal
from netjournal.read.synonyms import keys_read_as
from netjournal.read.values import quoted


@click.command()
@config_option
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    help="text: one 'path:line:column: severity CODE message' per line, each path as it "
    "opens from this folder; json: a list, each path relative to the journal's folder (the "
    "one holding mkdocs.yml).",
)
@click.option(
    "--public",
    is_flag=True,
    help="Also report what would stop a public build: a privacy flag that cannot be read, "
    "a contact or a page in docs/ naming a private contact.",
)
def check(config_file: str | None, output: str, public: bool) -> None:
    """Check every contact and journal file; exit 1 if any has an error."""
    options = journal_options(config_file)
    result = read_journal(
        options.root,
        options.contact_folders,
        options.journal_folders,
        public=public or options.public,
        docs=options.docs,
        cache=True,
        progress=True,
        conventions=options.conventions,
    )
    if output == "json":
        click.echo(json.dumps([p.as_dict() for p in result.problems], indent=2, ensure_ascii=False))
    else:
        for problem in result.problems:
            click.echo(dataclasses.replace(problem, path=shown(options.root, problem.path)))
        journal = result.journal
        # What a vault's keys were read as, so a surprise shows before the summary.
        for written, key, files in keys_read_as(journal):
            click.echo(f"read {quoted(written)} as {key} in {count(files, 'file')}", err=True)
        click.echo(
            f"{count(len(result.errors), 'error')}, {count(len(result.warnings), 'warning')} "
            f"({count(len(journal.contacts), 'contact')}, "
            f"{count(len(journal.entries), 'entry', 'entries')} read)",
            err=True,
        )
    if result.errors:
        raise SystemExit(1)


@click.command()
@config_option
@today_option
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print JSON for scripts, each path relative to the journal's folder (the one "
    "holding mkdocs.yml).",
)
def due(config_file: str | None, today: str | None, as_json: bool) -> None:
    """Show overdue and upcoming follow-ups, and relationships past their cadence."""
    options = journal_options(config_file)
    day = today_for(options.today, today)
    result = read_journal(
        options.root,
        options.contact_folders,
        options.journal_folders,
        cache=True,
        progress=True,
        conventions=options.conventions,
    )
    agenda = queries.follow_up_agenda(result.journal, day)
    cadence = queries.cadence_report(result.journal, day)
    if as_json:
        click.echo(due_json(result.journal, day, agenda, cadence))
    else:
        where = functools.partial(shown, options.root)
        click.echo(due_text(result.journal, day, agenda, cadence, where=where))
    if result.errors:
        # Say what each error left out: a follow-up whose `done` has a typo reads as open.
        for problem in result.errors:
            click.echo(
                dataclasses.replace(problem, path=shown(options.root, problem.path)), err=True
            )
        click.echo(
            f"{count(len(result.errors), 'error')} above: a file with an error is left out "
            "of this list, and a value with an error is read as missing (a follow-up whose "
            "'done' cannot be read is listed as open): fix them, then run due again.",
            err=True,
        )
