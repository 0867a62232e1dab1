"""The `netjournal` command: one group, its commands kept in a module each."""

from __future__ import annotations

import click

from netjournal.cli.exporting import export
from netjournal.cli.reading import check, due
from netjournal.cli.site_commands import build, serve
from netjournal.cli.starting import init


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="netjournal")
def main() -> None:
    """A networking journal kept as plain Markdown, turned into a private website."""


for command in (init, build, serve, check, due, export):
    main.add_command(command)
