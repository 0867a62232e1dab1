"""The `netjournal` command: one group, its commands kept in a module each.

A command's module is imported when that command runs, not before: `netjournal due` each
morning need not load the exporters, the site builder and MkDocs (a second, on a journal
that takes a tenth of one to read from the cache).
"""

from __future__ import annotations

import importlib

import click

# In the order a new user meets them: start, capture, look, share.
COMMANDS = {
    "init": "netjournal.cli.starting:init",
    "new": "netjournal.cli.capture:new",
    "log": "netjournal.cli.capture:log",
    "done": "netjournal.cli.capture:done",
    "due": "netjournal.cli.reading:due",
    "check": "netjournal.cli.reading:check",
    "build": "netjournal.cli.site_commands:build",
    "serve": "netjournal.cli.site_commands:serve",
    "export": "netjournal.cli.exporting:export",
    "import": "netjournal.cli.importing:import_",
}


class _Lazy(click.Group):
    """Commands listed in `--help` in the order of COMMANDS, each imported when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, name = COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(module), name)
            if cmd_name == "export":
                from netjournal.cli import exporting_contacts

                exporting_contacts.add_to(command)  # vcard, csv and json beside ics
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=_Lazy, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="netjournal")
def main() -> None:
    """A networking journal kept as plain Markdown, turned into a private website."""
