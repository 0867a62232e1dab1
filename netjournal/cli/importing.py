"""`import vcard|linkedin`: new contact files from another tool's export, never over one.

Reading the file and deciding who is new are pure (`exchange/`); this module reads the
file, reports, and creates each new contact through `write.files.create`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from netjournal.cli.shared import config_option, count, journal_options
from netjournal.exchange.filling import filled
from netjournal.exchange.linkedin import NotConnections, read_connections
from netjournal.exchange.matching import ImportPlan, NewContact, plan_import
from netjournal.exchange.people import ImportedFile
from netjournal.exchange.vcard import NotVCards, read_vcards
from netjournal.model import Contact, Journal
from netjournal.options import JournalOptions
from netjournal.read.files import derived_slug
from netjournal.read.journal import read_journal
from netjournal.write.files import FileChanged, create, update
from netjournal.write.front_matter import Unwritable

MAX_IMPORT_BYTES = 64 * 1024 * 1024  # far above any address book, pictures included
PROGRESS_FROM = 100  # contacts: below this an import is over before a bar could be read

dry_run_option = click.option(
    "-n", "--dry-run", is_flag=True, help="Show who would be created or skipped; write nothing."
)
fill_option = click.option(
    "--fill-missing",
    is_flag=True,
    help="Give someone already in the journal the keys their file lacks (a phone, a "
    "birthday…), inserted before the closing '---'; what is there, notes included, stays.",
)


@click.group("import")
def import_() -> None:
    """Create contact files from another tool's export; a file you have changes only with
    --fill-missing, and then only by the keys it lacks."""


@import_.command()
@config_option
@dry_run_option
@fill_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def vcard(config_file: str | None, dry_run: bool, fill_missing: bool, file: Path) -> None:
    """Import the people of a .vcf file (Google, Apple or Outlook contacts).

    Someone already in the journal (same email, same URL or same name) is skipped; a
    namesake with another URL or email gets a file of their own. A value netjournal cannot
    write (a BDAY of 'circa 1800', a 'javascript:' URL) is left out, and reported.
    """
    _import(config_file, file, read_vcards, dry_run, fill_missing)


@import_.command()
@config_option
@dry_run_option
@fill_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def linkedin(config_file: str | None, dry_run: bool, fill_missing: bool, file: Path) -> None:
    """Import LinkedIn's Connections.csv; each contact gets the tag 'linkedin'.

    Connected On becomes 'met', Position 'title', the profile's address 'url'. Someone
    already in the journal (same email, same profile or same name) is skipped; a namesake
    with another profile or email gets a file of their own. A value netjournal cannot write
    (a Connected On of '29 Feb 2023') is left out, and reported.
    """
    _import(config_file, file, read_connections, dry_run, fill_missing)


def _import(
    config_file: str | None,
    file: Path,
    parse: Callable[[str], ImportedFile],
    dry_run: bool,
    fill_missing: bool,
) -> None:
    options = journal_options(config_file)
    try:
        imported = parse(_text(file))
    except (NotConnections, NotVCards) as error:
        raise click.ClickException(f"{file}: {error}") from None
    existing = read_journal(
        options.root,
        options.contact_folders,
        options.journal_folders,
        conventions=options.conventions,
    )
    if existing.errors:
        click.echo(
            f"Warning: the journal has {count(len(existing.errors), 'error')} "
            "(netjournal check lists them): someone whose file cannot be read is not "
            "recognised, and may be imported again.",
            err=True,
        )
    taken = {  # unreadable ones too
        name for folder in options.contact_folders for name in _names_in(folder)
    }
    plan = plan_import(imported.contacts, existing.journal.contacts.values(), taken)
    for problem in imported.problems:
        click.echo(f"{file}:{problem.line}: skipped: {problem.message}")
    for skipped in plan.skipped:
        who = skipped.person
        click.echo(f"{file}:{who.line}: skipped {who.name}: {skipped.reason}")
    if dry_run:
        for new in plan.new:
            _report(new, options, file, "would create")
        created = len(plan.new)
    else:
        created = _create(plan, options, file)
    filled = _fill(plan, options.root, existing.journal, dry_run) if fill_missing else 0
    skipped_count = len(imported.problems) + len(plan.skipped) + len(plan.new) - created
    verb = "would create" if dry_run else "created"
    click.echo(
        f"{file}: {verb} {count(created, 'contact')}, skipped {skipped_count}"
        + (f", {'would fill' if dry_run else 'filled'} {filled}" if fill_missing else "")
        + (" (dry run: nothing written)" if dry_run else "")
    )


def _fill(plan: ImportPlan, root: Path, journal: Journal, dry_run: bool) -> int:
    """Give each known contact the keys its file lacks; the number of files given some."""
    wanted: dict[str, tuple[Contact, dict[str, Any]]] = {}
    for skipped in plan.skipped:
        if skipped.known_as is not None:
            contact, fields = wanted.setdefault(skipped.known_as.path, (skipped.known_as, {}))
            for key, value in skipped.person.fields.items():
                fields.setdefault(key, value)
    entries = {entry.slug for entry in journal.entries}
    done = 0
    for path, (contact, fields) in wanted.items():
        file = root / path
        try:
            was = file.read_bytes()
            text, keys = filled(
                path, was.decode("utf-8"), fields, contacts=journal.contacts, entries=entries
            )
            if keys and not dry_run:
                update(file, text, was=was)
        except (Unwritable, UnicodeDecodeError) as error:
            click.echo(f"{path}: not filled: {error}")
            continue
        except FileChanged:
            click.echo(f"{path}: not filled: it changed while the import ran; run it again")
            continue
        except OSError as error:
            raise click.ClickException(f"cannot fill {path}: {error.strerror}") from None
        if keys:
            done += 1
            verb = "would fill" if dry_run else "filled"
            click.echo(f"{verb} {path} ({contact.name}): {', '.join(keys)}")
    return done


def _shown(options: JournalOptions, slug: str) -> str:
    """Where a new contact's file goes, as the journal's paths are shown: `contacts/x.md`."""
    path = options.contacts / f"{slug}.md"
    try:
        return path.resolve().relative_to(options.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _create(plan: ImportPlan, options: JournalOptions, file: Path) -> int:
    created = 0
    with _progress(plan.new) as (new_contacts, bar_shown):
        for new in new_contacts:
            shown = _shown(options, new.slug)
            try:
                create(options.contacts / f"{new.slug}.md", new.text)
            except FileExistsError:
                # made since the journal was read (an editor, a second import): theirs stays
                click.echo(f"{file}:{new.person.line}: skipped: {shown} appeared meanwhile")
                continue
            except OSError as error:
                raise click.ClickException(
                    f"cannot write {shown}: {error.strerror}; {count(created, 'contact')} "
                    "created before it (run the import again to add the rest)"
                ) from None
            created += 1
            _report(new, options, file, "created", bar_shown)
    return created


def _report(
    new: NewContact, options: JournalOptions, file: Path, verb: str, bar_shown: bool = False
) -> None:
    """`created contacts/x.md (X)` (unless a bar shows the progress), a namesake said as
    such, and a line for each value left out of the file, on the row's line (always)."""
    shown, name = _shown(options, new.slug), new.person.name
    namesake = new.namesake_of
    if namesake is not None:
        theirs = _shown(options, namesake.slug)
        apart = f", with another {new.told_apart_by}" if new.told_apart_by else ""
        click.echo(f"{verb} {name} ({shown}): a namesake of {theirs}{apart}")
    elif not bar_shown:
        click.echo(f"{verb} {shown} ({name})")
    imported = "would import" if verb.startswith("would") else "imported"
    for dropped in new.dropped:
        click.echo(
            f"{file}:{new.person.line}: {imported} {name} without {dropped.key}: {dropped.reason}"
        )


@contextmanager
def _progress(
    items: tuple[NewContact, ...],
) -> Iterator[tuple[Iterator[NewContact], bool]]:
    """The items, and whether a bar shows them going by: on stderr when it is a terminal
    and the import is large (then the bar, not a line per contact, says how it goes)."""
    if len(items) < PROGRESS_FROM or not sys.stderr.isatty():
        yield iter(items), False
        return
    with click.progressbar(items, label="Creating contacts", file=sys.stderr) as bar:
        yield iter(bar), True


def _names_in(folder: Path) -> set[str]:
    """The name and address of every `.md` file below `folder`: a new file may take neither."""
    if not folder.is_dir():
        return set()
    stems = {path.name[: -len(".md")] for path in folder.rglob("*.md")}
    return stems | {derived_slug(stem) for stem in stems}


def _text(file: Path) -> str:
    """The file's text: UTF-8 (with or without a BOM), UTF-16 with a BOM, else Windows-1252."""
    try:
        if file.stat().st_size > MAX_IMPORT_BYTES:
            raise click.ClickException(
                f"{file} is over {MAX_IMPORT_BYTES // 1024 // 1024} MB: is it the right file?"
            )
        data = file.read_bytes()
    except OSError as error:
        raise click.ClickException(f"cannot read {file}: {error.strerror}") from None
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # older Outlook and Excel exports
    except UnicodeDecodeError:
        raise click.ClickException(
            f"{file} is neither UTF-8 nor Windows text: save it as UTF-8 and import it again"
        ) from None
