"""What every command shares: the journal's options, --today, and counting in words."""

from __future__ import annotations

import os
import shlex
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from netjournal.options import JournalOptions
    from netjournal.read.journal import ReadResult

# The options, the reader and the site's words are imported where they are used: `check`
# and `due` give a kept answer with Click and these decorators alone (cli/reading.py).

config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False),
    default=None,
    help="The journal's mkdocs.yml (default: ./mkdocs.yml).",
)
public_option = click.option(
    "--public",
    is_flag=True,
    help="Leave out private records, every mention of them, and email, phone, birthday and "
    "notes (unless public_fields in mkdocs.yml lists them).",
)
today_option = click.option(
    "--today",
    metavar="YYYY-MM-DD",
    default=None,
    help="Judge what is overdue as of this day instead of the real date.",
)


def count(number: int, one: str, many: str | None = None) -> str:
    """`1 contact`, `2 contacts`, `0 entries`: the site's own helper, so the two agree."""
    from netjournal.render import words

    return words.count(number, one, many)


def config_path(config_file: str | None) -> str:
    return config_file or "mkdocs.yml"


def find_journal(config_file: str | None) -> None:
    """Stop with a sentence unless there is a journal here, or where `-f` points.

    A journal is a folder whose mkdocs.yml names the netjournal plugin, or that has a
    contacts/ or journal/ folder (with or without mkdocs.yml). A `-f` naming no file is left
    to the command, which says so in its own words.
    """
    from netjournal.options import names_the_plugin

    path = Path(config_path(config_file))
    if path.is_file():
        if names_the_plugin(path) or _has_journal_folders(path.absolute().parent):
            return
        why = (
            f"{path} does not name the netjournal plugin, and there is no contacts/ or "
            "journal/ folder beside it"
        )
    elif config_file is not None or _has_journal_folders(Path.cwd()):
        return
    else:
        why = f"{Path.cwd()} has no mkdocs.yml, contacts/ or journal/"
    above = _journal_above(Path.cwd())
    if above is not None:
        what_to_do = (
            f"this folder is inside the journal in {above}: cd {shlex.quote(str(above))}, or "
            f"name its mkdocs.yml with -f {shlex.quote(str(above / 'mkdocs.yml'))}"
        )
    else:
        what_to_do = (
            "run netjournal init to start one, or cd to your journal, or name its mkdocs.yml "
            "with -f path/to/mkdocs.yml"
        )
    raise click.ClickException(f"no journal here: {why}. {what_to_do[0].upper()}{what_to_do[1:]}")


def _has_journal_folders(folder: Path) -> bool:
    return (folder / "contacts").is_dir() or (folder / "journal").is_dir()


def _journal_above(here: Path) -> Path | None:
    """The nearest folder above `here` whose mkdocs.yml names the plugin: `cd ..` from contacts/."""
    from netjournal.options import names_the_plugin

    for above in here.absolute().parents:
        config = above / "mkdocs.yml"
        if config.is_file() and names_the_plugin(config):
            return above
    return None


def journal_options(
    config_file: str | None, *, folders_may_be_missing: bool = False
) -> JournalOptions:
    """netjournal's options, read safely from mkdocs.yml: no hook, plugin or tag runs.

    Without an mkdocs.yml, the journal is ./contacts and ./journal. Stops with a sentence
    when there is no journal here (find_journal). With `folders_may_be_missing`, the folders
    mkdocs.yml names need not exist yet: for the commands that write the first file.
    """
    from netjournal.options import OptionsError, default_options, read_options

    find_journal(config_file)
    if config_file is None and not Path("mkdocs.yml").is_file():
        return default_options(Path.cwd())
    path = Path(config_path(config_file))
    if not path.is_file():
        raise click.ClickException(f"{path} not found: name the journal's mkdocs.yml with -f")
    try:
        return read_options(path, folders_may_be_missing=folders_may_be_missing)
    except OptionsError as error:
        raise click.ClickException(str(error)) from None


def read(config_file: str | None, *, public: bool = False) -> ReadResult:
    """The journal named by `config_file` (or found here), read with its own options."""
    from netjournal.read.journal import read_journal

    options = journal_options(config_file)
    return read_journal(
        options.root,
        options.contact_folders,
        options.journal_folders,
        public=public or options.public,
        docs=options.docs,
        conventions=options.conventions,
    )


def today_for(configured: date | None, today: str | None) -> date:
    """--today if given (a bad one is blamed on --today), else mkdocs.yml's, else the clock."""
    from netjournal.options import OptionsError, resolve_today

    try:
        return resolve_today(configured, today)
    except OptionsError as error:
        raise click.BadParameter(str(error), param_hint="--today") from None


def shown(root: Path, path: str | Path) -> str:
    """`path` (relative to the journal's `root`, or absolute) as it opens from this folder.

    Run from the journal's root, the path is printed as it is (`journal/2026/x.md`); from
    elsewhere (`-f other/mkdocs.yml`), relative to this folder (`../other/journal/2026/x.md`),
    or absolute when the two folders share nothing but the file system's root.
    """
    here = os.path.abspath(os.curdir)
    target = os.path.abspath(root / path)
    if os.path.abspath(root) == here:
        return Path(os.path.relpath(target, here)).as_posix()
    try:
        relative = os.path.relpath(target, here)
        common = os.path.commonpath([target, here])
    except ValueError:  # another drive, on Windows
        return target
    if common == os.path.dirname(common):  # only `/` in common: the absolute path says more
        return target
    return Path(relative).as_posix()
