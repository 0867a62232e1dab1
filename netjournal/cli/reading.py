"""`check` and `due`: read the journal and report, never writing a file.

Both answer from a kept answer when nothing they read changed (read/answers.py): this
module imports only Click and that, and loads the reader (cli/reports.py) when it must
read. Each morning's first run reads the files that changed and takes the rest from the
per-file cache (read/cache.py); a second run with nothing changed prints the kept answer.
"""

from __future__ import annotations

import os
from collections.abc import Callable
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

    def work(kept: Answers | None) -> Answer:
        from netjournal.cli import reports  # loads the reader: only when no kept answer fits

        return reports.check(config_file, output, public, kept)

    _answer(config_file, "check", {"format": output, "public": public}, work)


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

    def work(kept: Answers | None) -> Answer:
        from netjournal.cli import reports  # loads the reader: only when no kept answer fits

        return reports.due(config_file, today, as_json, kept)

    _answer(config_file, "due", {"today": today, "json": as_json, "clock": clock}, work)


def _answer(
    config_file: str | None,
    command: str,
    arguments: dict[str, object],
    work: Callable[[Answers | None], Answer],
) -> None:
    """Print the answer kept for `command` with `arguments` if nothing it read changed,
    else the one `work` finds (and keeps). A journal without an mkdocs.yml keeps none
    (`find_journal` decides what such a folder is)."""
    config = config_file or "mkdocs.yml"
    kept = Answers(Path(config), command, arguments) if os.path.isfile(config) else None
    answer = kept.stored() if kept is not None else None
    if answer is None:
        answer = work(kept)
    for err, text in answer.said:
        click.echo(text, err=err, nl=False)
    if answer.exit_code:
        raise SystemExit(answer.exit_code)
