"""The `netjournal` command: one group, its commands kept in a module each."""

from __future__ import annotations

import click

from netjournal.cli.importing import import_
from netjournal.cli.reading import check, due
from netjournal.cli.site_commands import build, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="netjournal")
def main() -> None:
    """A networking journal kept as plain Markdown, turned into a private website."""


for command in (build, serve, check, due, import_):
    main.add_command(command)
