"""`check` and `due`: read the journal and report, never writing a file.

Both answer from a kept answer when nothing they read changed (read/answers.py): this
module imports only Click and that, and loads the reader (cli/reports.py) when it must
read. Each morning's first run reads the files that changed and takes the rest from the
per-file cache (read/cache.py); a second run with nothing changed prints the kept answer.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import click

from netjournal.cli.shared import config_option, today_option
from netjournal.read.answers import Answer, Answers

_FORMAT_HELP = (
    "text: one 'path:line:column: severity CODE message' per line, each path as it "
    "opens from this folder; json: a list, each path relative to the journal's folder (the "
    "one holding mkdocs.yml)."
)


@click.command()
@config_option
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", help=_FORMAT_HELP
)
@click.option(
    "--public",
    is_flag=True,
    help="Also report what would stop a public build: a privacy flag that cannot be read, "
    "a contact or a page in docs/ naming a private contact.",
)
def check(config_file: str | None, output: str, public: bool) -> None:
    """Check every contact and journal file; exit 1 if any has an error."""
    kept = _kept(config_file, "check", {"format": output, "public": public})
    answer = kept.stored() if kept is not None else None
    if answer is None:
        from netjournal.cli import reports

        answer = reports.check(config_file, output, public, kept)
    _print(answer)


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
    # The clock's day counts when no --today is given (mkdocs.yml may pin one: then it
    # changes nothing but a kept answer's life, a day).
    clock = None if today is not None else date.today().isoformat()
    kept = _kept(config_file, "due", {"today": today, "json": as_json, "clock": clock})
    answer = kept.stored() if kept is not None else None
    if answer is None:
        from netjournal.cli import reports

        answer = reports.due(config_file, today, as_json, kept)
    _print(answer)


def _kept(config_file: str | None, command: str, arguments: dict[str, object]) -> Answers | None:
    """The answers kept for this journal, when it has an mkdocs.yml (without one, the
    journal is read in full: `find_journal` decides what a folder without one is)."""
    config = config_file or "mkdocs.yml"
    if not os.path.isfile(config):
        return None
    return Answers(Path(config), command, arguments)


def _print(answer: Answer) -> None:
    for err, text in answer.said:
        click.echo(text, err=err, nl=False)
    if answer.exit_code:
        raise SystemExit(answer.exit_code)
