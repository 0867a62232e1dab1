"""`init`: start a journal, ready to build and to commit, without touching anything there."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import click

from netjournal.cli.shared import today_for, today_option
from netjournal.options import OptionsError, names_the_plugin, read_options
from netjournal.write.files import create
from netjournal.write.starter import starter_files


@click.command()
@click.argument("folder", default=".", metavar="[DIR]", type=click.Path(path_type=Path))
@today_option
def init(folder: Path, today: str | None) -> None:
    """Start a journal in DIR (default: here): mkdocs.yml, contacts/, journal/ and examples.

    Nothing is ever replaced: if any file it would write is already there, nothing at all
    is written. A DIR that does not exist is made. A .gitignore of your own is kept, and a
    folder that already holds contacts or entries gets no examples.
    """
    files = starter_files(today_for(None, today))
    if os.path.lexists(folder) and not folder.is_dir():
        raise click.ClickException(
            f"{folder} is a file, not a folder: name a folder for the journal, "
            "like netjournal init my-journal"
        )
    outer = _journal_holding(folder)
    if outer is not None:
        raise click.ClickException(
            f"nothing was written: {_shown(folder)} is in {outer}, a folder of the journal "
            f"in {outer.parent}, which would read the new journal's files as its own: start "
            "the journal somewhere else"
        )
    notes: list[str] = []
    if os.path.lexists(folder / ".gitignore"):
        del files[".gitignore"]
        try:
            ignored = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
        except OSError:  # a broken link, say: kept as it is all the same
            ignored = ""
        if "site" not in ignored:
            notes.append("your .gitignore is kept: add a line /site/ to it, for the built site")
    if _holds_records(folder):
        files = {path: text for path, text in files.items() if not path.endswith(".md")}
        notes.append("contacts/ or journal/ already hold your files, so no example was added")
    in_the_way = _in_the_way(folder, files)
    if in_the_way:
        raise click.ClickException(
            f"nothing was written: {_listed(in_the_way)} already "
            f"{'exists' if len(in_the_way) == 1 else 'exist'} in {_shown(folder)}, and netjournal "
            "init never replaces a file: start the journal in a new folder "
            "(netjournal init my-journal), or move them away first"
        )
    written: list[str] = []
    for relative, text in files.items():
        try:
            create(folder / relative, text)
        except FileExistsError:  # made by someone else since the check: theirs is kept
            why = "appeared meanwhile and was kept"
            raise click.ClickException(_stopped(folder, relative, why, written)) from None
        except OSError as error:
            reason = f"cannot be written ({error.strerror or error})"
            raise click.ClickException(_stopped(folder, relative, reason, written)) from None
        written.append(relative)
    click.echo(f"Started a journal in {_shown(folder)}:")
    for relative in written:
        click.echo(f"  {relative}")
    for note in notes:
        click.echo(f"Note: {note}.")
    click.echo("Next:")
    if folder.resolve() != Path.cwd().resolve():
        typed = str(folder)
        click.echo(f"  cd {shlex.quote(typed if not typed.startswith('-') else './' + typed)}")
    click.echo("  netjournal serve      # then open the address it prints")
    click.echo("  git init && git add . && git commit -m 'My networking journal'")


def _journal_holding(folder: Path) -> Path | None:
    """The contacts or journal folder of an existing journal that `folder` would be inside."""
    target = Path(os.path.realpath(folder))
    for above in target.parents:
        kept: tuple[Path, ...] = (above / "contacts", above / "journal")
        config = above / "mkdocs.yml"
        if config.is_file() and names_the_plugin(config):
            try:
                options = read_options(config)
                kept = options.folders
            except OptionsError:
                pass
        elif config.is_file() or not any(folder.is_dir() for folder in kept):
            continue
        for kept_folder in kept:
            real = Path(os.path.realpath(kept_folder))
            if target == real or target.is_relative_to(real):
                return kept_folder
    return None


def _holds_records(folder: Path) -> bool:
    """Whether contacts/ or journal/ in `folder` already hold Markdown files."""
    return any(
        next((folder / name).rglob("*.md"), None) is not None
        for name in ("contacts", "journal")
        if (folder / name).is_dir()
    )


def _in_the_way(folder: Path, files: dict[str, str]) -> list[str]:
    """What stands where init would write: an existing file, or a file where a folder goes."""
    found: list[str] = []
    for relative in files:
        parts = Path(relative).parts
        for depth in range(1, len(parts)):  # contacts/, journal/, journal/2026/
            parent = "/".join(parts[:depth])
            path = folder / parent
            if os.path.lexists(path) and not path.is_dir() and parent not in found:
                found.append(parent)
        if os.path.lexists(folder / relative):
            found.append(relative)
    return found


def _listed(paths: list[str]) -> str:
    return ", ".join(paths[:-1]) + f" and {paths[-1]}" if len(paths) > 1 else paths[0]


def _shown(folder: Path) -> str:
    return "this folder" if str(folder) == "." else str(folder)


def _stopped(folder: Path, relative: str, why: str, written: list[str]) -> str:
    made = f"; already written: {', '.join(written)}" if written else "; nothing was written"
    return f"stopped: {folder / relative} {why}{made}"
