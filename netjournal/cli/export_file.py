"""Where `export … -o FILE` may write: never into the journal, never over someone's file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import click

from netjournal.options import JournalOptions
from netjournal.site_folder import MARKER
from netjournal.write.files import replace

OUTPUT = "-o/--output"

output_option = click.option(
    "-o",
    "--output",
    metavar="FILE",
    default=None,
    help="Write to FILE (replacing an earlier export of the same kind) instead of printing.",
)


def output_path(
    output: str | None,
    options: JournalOptions,
    *,
    is_export: Callable[[bytes], bool],
    example: str,
) -> Path | None:
    """The file `-o` names (a symbolic link's target), or None to print (no -o, or `-`).

    Refused: a folder; a path inside the journal's contacts, journal or docs folder (it
    would be read as a record, or published); a folder that does not exist; and an existing
    file unless it is empty or `is_export` recognises an earlier export of this kind by its
    first bytes, so `-o mkdocs.yml` or someone's own calendar is never replaced.
    """
    if output is None or output == "-":
        return None
    named = Path(output)
    target = Path(os.path.realpath(named))
    if target.is_dir():
        raise click.BadParameter(
            f"{named} is a folder: name a file in it, like {named / example}", param_hint=OUTPUT
        )
    for what, folder in (
        *(("contacts", folder) for folder in options.contact_folders),
        *(("journal", folder) for folder in options.journal_folders),
        ("docs", options.docs),
    ):
        if target.is_relative_to(os.path.realpath(folder)):
            raise click.BadParameter(
                f"{named} is inside the journal's {what} folder ({folder}), which netjournal "
                "only reads (or publishes): write the export somewhere else",
                param_hint=OUTPUT,
            )
    site = _site_holding(target, options)
    if site is not None:
        raise click.BadParameter(
            f"{named} is inside {site}, a site netjournal builds: a build replaces it, and "
            "keeps a file it did not write there, so a public build would publish the export: "
            "write it somewhere else",
            param_hint=OUTPUT,
        )
    if not target.parent.is_dir():
        raise click.BadParameter(
            f"the folder {named.parent} does not exist: create it, or name another",
            param_hint=OUTPUT,
        )
    if target.exists() and not _replaceable(target, is_export):
        raise click.BadParameter(
            f"{named} exists and is not an earlier export of this kind: it is left as it is; "
            "name a new file, or delete that one first",
            param_hint=OUTPUT,
        )
    return target


def _site_holding(target: Path, options: JournalOptions) -> Path | None:
    """The built site `target` would be in: a folder with netjournal's marker, or site/."""
    default_site = Path(os.path.realpath(options.root / "site"))
    for folder in target.parents:
        if folder == default_site or (folder / MARKER).is_file():
            return folder
    return None


def write_export(path: Path, text: str) -> None:
    """The export at `path`, whole or not at all; an OS error as a sentence."""
    try:
        replace(path, text)
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise click.ClickException(f"cannot write {path}: {reason}") from None


def _replaceable(path: Path, is_export: Callable[[bytes], bool]) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    return not head.strip() or is_export(head)
