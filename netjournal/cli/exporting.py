"""`export`: the journal in formats other tools read; `export ics` is the calendar feed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import click

from netjournal.cli.shared import (
    config_option,
    count,
    journal_options,
    public_option,
    today_for,
    today_option,
)
from netjournal.exchange.ics import PRODUCT, calendar_text
from netjournal.queries.calendar import calendar_items
from netjournal.queries.privacy import public_view
from netjournal.read.journal import read_journal

_OUTPUT = "-o/--output"


@click.group()
def export() -> None:
    """Write the journal in a format other tools read."""


@export.command()
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    default=None,
    help="Write the feed to FILE (replacing an earlier export) instead of printing it.",
)
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
    target = _output_path(output, options.contacts, options.journal) if output else None
    result = read_journal(options.root, options.contacts, options.journal, public=public)
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
    try:
        _replace(target, text)
    except OSError as error:
        raise click.ClickException(
            f"cannot write {target}: {(error.strerror or str(error)).lower()}"
        ) from None
    click.echo(f"Wrote {count(len(items), 'event')} to {output}", err=True)


def _output_path(output: str, contacts: Path, journal: Path) -> Path | None:
    """Where -o writes (a symbolic link's target), or None for `-`, stdout; refuses a path
    that is a folder, lies in the journal's folders, or holds something else than a feed."""
    if output == "-":
        return None
    named = Path(output)
    target = Path(os.path.realpath(named))
    if target.is_dir():
        raise click.BadParameter(
            f"{named} is a folder: name a file in it, like {named / 'calendar.ics'}",
            param_hint=_OUTPUT,
        )
    for folder in (contacts, journal):
        if target.is_relative_to(os.path.realpath(folder)):
            raise click.BadParameter(
                f"{named} is inside the journal's folder {folder}, which netjournal only "
                "reads: write the feed somewhere else",
                param_hint=_OUTPUT,
            )
    if not target.parent.is_dir():
        raise click.BadParameter(
            f"the folder {target.parent} does not exist: create it, or name another",
            param_hint=_OUTPUT,
        )
    if target.exists() and not _is_our_feed(target):
        raise click.BadParameter(
            f"{named} exists and is not a calendar netjournal exported: it is left as it is; "
            "name a new file, or delete that one first",
            param_hint=_OUTPUT,
        )
    return target


def _is_our_feed(path: Path) -> bool:
    """Whether `path` is a calendar an earlier `export ics` wrote (so replacing it loses
    nothing the next export does not write again)."""
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    return head.startswith(b"BEGIN:VCALENDAR") and f"PRODID:{PRODUCT}".encode() in head


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all: a temporary file beside it, then a rename.

    Replacing the previous export is the command's purpose; a calendar app reading the
    file meanwhile sees the old feed or the new one, never half of one.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
