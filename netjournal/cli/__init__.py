"""The `netjournal` command: one group, its commands kept in a module each."""

from __future__ import annotations

import click

from netjournal.cli import exporting_contacts
from netjournal.cli.capture import done, log, new
from netjournal.cli.exporting import export
from netjournal.cli.importing import import_
from netjournal.cli.reading import check, due
from netjournal.cli.site_commands import build, serve
from netjournal.cli.starting import init


class _InOrder(click.Group):
    """Commands listed in `--help` in the order they were added, not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(cls=_InOrder, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="netjournal")
def main() -> None:
    """A networking journal kept as plain Markdown, turned into a private website."""


# In the order a new user meets them: start, capture, look, share.
exporting_contacts.add_to(export)  # vcard, csv and json beside ics
for command in (init, new, log, done, due, check, build, serve, export, import_):
    main.add_command(command)
