"""`build` and `serve`: the journal's site, through MkDocs."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from netjournal.cli.publish import build_atomically
from netjournal.cli.serving import parse_address, serve_journal
from netjournal.cli.shared import (
    config_option,
    config_path,
    find_journal,
    journal_options,
    public_option,
    today_for,
    today_option,
)
from netjournal.cli.site_config import load_site_config
from netjournal.options import PUBLIC_VARIABLE, TODAY_VARIABLE, OptionsError
from netjournal.site_folder import SiteFolderError, refuse_journal_folder


@click.command()
@config_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where to write the site (default: site_dir in mkdocs.yml, i.e. ./site).",
)
@click.option("--strict", is_flag=True, help="Fail on warnings as well as errors.")
@public_option
@today_option
def build(
    config_file: str | None, site_dir: str | None, strict: bool, public: bool, today: str | None
) -> None:
    """Build the journal's site; the previous site stays until the new one is complete."""
    find_journal(config_file)
    with _mkdocs(today, public):
        config = _load(config_file, strict=strict, **({"site_dir": site_dir} if site_dir else {}))
        # Checked here, whether mkdocs.yml lists the plugin or not: the plugin only sees the
        # temporary folder build_atomically builds into.
        folders = journal_options(config_file)
        try:
            for folder in folders.folders:  # each listed contacts and journal folder
                refuse_journal_folder(Path(config.site_dir), folder, folder)
            build_atomically(config, mkdocs_build)
        except SiteFolderError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"Built the site in {config.site_dir}")


@click.command()
@config_option
@click.option(
    "-a",
    "--dev-addr",
    metavar="IP:PORT",
    default=None,
    help="Where to serve (default: 127.0.0.1, this computer only, on dev_addr's port in "
    "mkdocs.yml, i.e. 8000).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@public_option
@today_option
def serve(
    config_file: str | None,
    dev_addr: str | None,
    open_browser: bool,
    public: bool,
    today: str | None,
) -> None:
    """Serve the site on this computer, rebuilding it whenever a journal file is saved."""
    find_journal(config_file)
    if dev_addr is not None:
        _address(dev_addr)  # a bad -a is refused before anything is built
    with _mkdocs(today, public):
        try:
            serve_journal(
                config_path(config_file),
                dev_addr,
                open_browser=open_browser,
                announce=lambda line: click.echo(line, err=True),
            )
        except OptionsError as error:
            raise click.ClickException(str(error)) from None


def _load(config_file: str | None, **options: Any) -> MkDocsConfig:
    try:
        return load_site_config(config_path(config_file), **options)
    except OptionsError as error:
        raise click.ClickException(str(error)) from None


def _address(dev_addr: str) -> None:
    try:
        parse_address(dev_addr)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="-a/--dev-addr") from None


@contextmanager
def _mkdocs(today: str | None, public: bool) -> Iterator[None]:
    """MkDocs' warnings shown on the terminal, its errors as sentences, options passed on."""
    if today is not None:
        today_for(None, today)  # refuse a bad --today before building anything
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    overrides = {TODAY_VARIABLE: today, PUBLIC_VARIABLE: "1" if public else None}
    previous = {name: os.environ.get(name) for name in overrides}
    os.environ.update({name: value for name, value in overrides.items() if value is not None})
    try:
        yield
    except MkDocsException as error:
        raise click.ClickException(str(error)) from None
    finally:
        logger.removeHandler(handler)
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
