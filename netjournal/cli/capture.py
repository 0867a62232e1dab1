"""`new contact`, `log` and `done`: write down a person, a meeting, a promise kept.

The edge only: the files' text comes from `netjournal.write`, which reads every file back
before it is written; here the journal is read, dates resolved against --today, and each
file created (never over another) or edited in place (never over someone else's change).
"""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path

import click

from netjournal.cli.shared import (
    config_option,
    count,
    journal_options,
    shown,
    today_for,
    today_option,
)
from netjournal.diagnostics import did_you_mean
from netjournal.model import FollowUp
from netjournal.options import JournalOptions
from netjournal.queries.follow_up_ids import follow_up_ids, matching_follow_ups, origin_paths
from netjournal.read.files import journal_files
from netjournal.read.journal import ReadResult, read_journal
from netjournal.write.done import is_marked_done, mark_done
from netjournal.write.files import FileChanged, create, update
from netjournal.write.front_matter import Unwritable
from netjournal.write.new_records import (
    NewContact,
    NewEntry,
    new_contact,
    new_entry,
    shared_names,
    unexpected_dates,
)
from netjournal.write.relative_dates import Looking, UnreadableDate, resolve_date

dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Print what would be written, and write nothing."
)


@click.group()
def new() -> None:
    """Create a new contact file from the command line."""


@new.command("contact")
@config_option
@click.argument("name")
@click.option("--company", help="Where they work.")
@click.option(
    "--source",
    help="How they came to you: referral, network-referral, self-referral, "
    "marketing-response or reputation-response.",
)
@click.option("--introduced-by", metavar="SLUG", help="The contact who introduced you.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for more).")
@click.option("--email", "emails", multiple=True, help="An email address (repeat for more).")
@click.option("--phone", "phones", multiple=True, help="A phone number (repeat for more).")
@click.option("--slug", help="The file name, without '.md' (default: made from the name).")
@dry_run_option
def contact(
    config_file: str | None,
    name: str,
    company: str | None,
    source: str | None,
    introduced_by: str | None,
    tags: tuple[str, ...],
    emails: tuple[str, ...],
    phones: tuple[str, ...],
    slug: str | None,
    dry_run: bool,
) -> None:
    """Create contacts/<slug>.md for a new person, and print its path.

    The slug is made from the name in any script (Ørsted: orsted, 李伟: li-wei). An existing
    file is never replaced: another slug is suggested instead.
    """
    options = journal_options(config_file, folders_may_be_missing=True)
    result = _read(options)
    taken = _slugs(options.contact_folders, options.root)
    wanted = NewContact(name, slug, company, source, introduced_by, tags, emails, phones)
    try:
        made = new_contact(
            wanted, result.journal.contacts, taken, shown(options.root, options.contacts)
        )
    except Unwritable as refused:
        raise click.ClickException(str(refused)) from None
    _create(options.root, options.contacts, made.place, made.text, dry_run)
    where = functools.partial(shown, options.root)
    for note in shared_names(made, name.strip(), result.journal.contacts, where):
        click.echo(note, err=True)


@click.command()
@config_option
@today_option
@click.argument("title")
@click.option(
    "--with", "with_", multiple=True, metavar="SLUG", help="A contact who was there (repeat)."
)
@click.option("--kind", help="coffee, call, meeting, event, email… (any word).")
@click.option(
    "--date",
    "day",
    metavar="DATE",
    help="When it happened (default today): YYYY-MM-DD, yesterday, 3d (3 days ago), friday "
    "(the last one), last monday…",
)
@click.option(
    "--follow-up",
    "follow_ups",
    multiple=True,
    metavar="TEXT",
    help="Something you promised; each needs its own --due, paired in order.",
)
@click.option(
    "--due",
    "dues",
    multiple=True,
    metavar="DATE",
    help="When the follow-up is due: YYYY-MM-DD, tomorrow, 7d, 2w, 3m, friday (the next "
    "one), next monday…",
)
@click.option("--private", is_flag=True, help="Keep the entry out of a public build.")
@dry_run_option
def log(
    config_file: str | None,
    today: str | None,
    title: str,
    with_: tuple[str, ...],
    kind: str | None,
    day: str | None,
    follow_ups: tuple[str, ...],
    dues: tuple[str, ...],
    private: bool,
    dry_run: bool,
) -> None:
    """Write down a meeting, call or event as journal/YYYY/YYYY-MM-DD-<title>.md.

    Print the path of the new file. A name already taken gets -2, -3…
    """
    options = journal_options(config_file, folders_may_be_missing=True)
    now = today_for(options.today, today)
    when = _date(day or "today", now, Looking.BACK, "--date")
    if len(follow_ups) != len(dues):
        raise click.UsageError(
            f"{len(follow_ups)} --follow-up and {len(dues)} --due: give each follow-up its own "
            "--due, in the same order (--follow-up 'Send the article' --due 7d)"
        )
    promised = [
        (what, _date(due, now, Looking.FORWARD, "--due"))
        for what, due in zip(follow_ups, dues, strict=True)
    ]
    result = _read(options)
    taken = _slugs(options.journal_folders, options.root)
    wanted = NewEntry(title, when, kind, with_, promised, private)
    try:
        made = new_entry(wanted, result.journal.contacts, taken)
    except Unwritable as refused:
        raise click.ClickException(str(refused)) from None
    _create(options.root, options.journal, made.place, made.text, dry_run)
    for note in unexpected_dates(wanted, now):
        click.echo(note, err=True)


@click.command()
@config_option
@today_option
@click.argument("text_or_id", metavar="TEXT-OR-ID")
@click.option(
    "--on",
    metavar="DATE",
    help="When it was done (default today): YYYY-MM-DD, yesterday, 2d (2 days ago), friday…",
)
@dry_run_option
def done(
    config_file: str | None, today: str | None, text_or_id: str, on: str | None, dry_run: bool
) -> None:
    """Mark one open follow-up done, by the id `netjournal due` shows or words of what it says.

    Only its `done:` line is written: every other line of the file stays as it was. A task
    in the notes (`- [ ] …`) is done by ticking its box, `- [x] … ✅ YYYY-MM-DD`, on its line.
    """
    options = journal_options(config_file)
    now = today_for(options.today, today)
    day = _date(on or "today", now, Looking.BACK, "--on")
    if day > now:
        raise click.BadParameter(
            f"{day} is after today ({now}): a follow-up cannot be done in the future",
            param_hint="--on",
        )
    result = _read(options)
    journal = result.journal
    chosen = _chosen(result, text_or_id, lambda path: shown(options.root, path))
    relative = origin_paths(journal)[chosen.origin]
    path = Path(os.path.realpath(options.root / relative))
    where = shown(options.root, relative)
    if not _inside(path, options.folders):
        raise click.ClickException(f"{where} is outside the journal's folders: not written")
    raw = path.read_bytes()
    before = raw.decode("utf-8")
    entries = {entry.slug for entry in journal.entries}
    try:
        after = mark_done(
            before,
            chosen.origin,
            chosen,
            day,
            contacts=journal.contacts,
            entries=entries,
            path=relative,
        )
    except Unwritable as refused:
        raise click.ClickException(f"{where}: {refused}") from None
    if dry_run:
        diff = difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), where, where, n=0
        )
        click.echo("".join(diff), nl=False)
        click.echo(f"Nothing written (--dry-run): {where} would be changed as above.", err=True)
        return
    try:
        update(path, after, was=raw)
    except FileChanged:
        raise click.ClickException(
            f"{where} changed while netjournal was editing it, so it was left as it is now: "
            "run the command again"
        ) from None
    written = path.read_bytes()
    args = (chosen.origin, chosen, day)
    if not is_marked_done(
        before,
        written.decode("utf-8", "replace"),
        *args,
        contacts=journal.contacts,
        entries=entries,
        path=relative,
    ):
        update(path, before, was=written)
        by_hand = (
            f"tick its box and add ✅ {day.isoformat()}"
            if chosen.task
            else f"add 'done: {day.isoformat()}' to the follow-up"
        )
        raise click.ClickException(
            f"{where} did not read back as expected after the edit, so it was put back as it "
            f"was: {by_hand} in your editor"
        )
    click.echo(f"Done on {day.isoformat()}: {chosen.what}  {where}:{chosen.line}")


def _chosen(result: ReadResult, typed: str, where: Callable[[str], str]) -> FollowUp:
    """The one open follow-up `typed` names; every other case refused with a sentence.

    `where` shows a file's path (relative to the journal) as it opens from this folder.
    """
    journal = result.journal
    ids = follow_up_ids(journal)
    paths = {origin: where(path) for origin, path in origin_paths(journal).items()}
    found = matching_follow_ups(ids, typed)
    still_open = [f for f in found if not f.done]
    if len(still_open) == 1:
        return still_open[0]

    def listed(follow_ups: list[FollowUp]) -> str:
        return "\n".join(
            f"  {paths[f.origin]}:{f.line}  {ids[f]}  {f.what}  (due {f.due}"
            + (f", done {f.done_on})" if f.done_on else ")")
            for f in sorted(follow_ups, key=lambda f: (f.due, paths[f.origin], f.line))
        )

    if still_open:
        raise click.ClickException(
            f"{len(still_open)} open follow-ups match {typed!r}: run done again with the id "
            f"of one, or more of its words:\n{listed(still_open)}"
        )
    if found:
        raise click.ClickException(f"{typed!r} is already done: nothing to do\n{listed(found)}")
    hint = did_you_mean(typed, sorted({f.what for f in ids if not f.done}))
    unread = len({problem.path for problem in result.errors})
    maybe = (
        f"\n{count(unread, 'file')} {'has' if unread == 1 else 'have'} errors and "
        f"{'was' if unread == 1 else 'were'} not read in full (netjournal check lists them): "
        "the follow-up may be in one of them"
        if unread
        else ""
    )
    raise click.ClickException(
        f"no open follow-up matches {typed!r}{hint}: `netjournal due` lists them with their "
        f"ids{maybe}"
    )


def _read(options: JournalOptions) -> ReadResult:
    return read_journal(
        options.root,
        options.contact_folders,
        options.journal_folders,
        conventions=options.conventions,
    )


def _slugs(folders: tuple[Path, ...], root: Path) -> set[str]:
    """The slug (and name) of every Markdown file in `folders`, read or not: each is taken."""
    files = journal_files(folders, root.resolve(), [])
    return {file.slug for file in files} | {file.name for file in files}


def _date(text: str, today: date, looking: Looking, option: str) -> date:
    try:
        return resolve_date(text, today, looking)
    except UnreadableDate as unreadable:
        raise click.BadParameter(str(unreadable), param_hint=option) from None


def _create(root: Path, folder: Path, place: str, text: str, dry_run: bool) -> None:
    """Create `folder/place` (never over a file) and print its path; with `dry_run`, print
    the path and the text instead. A folder mkdocs.yml names but git did not keep (it keeps
    no empty folder) is made for the first file."""
    path = folder / place
    here = shown(root, path)
    if not _inside(path, (folder,)):
        raise click.ClickException(f"{here} would be outside {shown(root, folder)}: not written")
    if dry_run:
        click.echo(f"Nothing written (--dry-run): {here} would hold:", err=True)
        click.echo(text, nl=False)
        return
    new_folder = not folder.is_dir()
    try:
        create(path, text)
    except FileExistsError:
        raise click.ClickException(f"{here} exists: netjournal never replaces a file") from None
    if new_folder:
        click.echo(f"Made the folder {shown(root, folder)}/ for the first file.", err=True)
    click.echo(here)


def _inside(path: Path, folders: Collection[Path]) -> bool:
    """Whether `path`, its links followed, lies inside one of `folders`."""
    real = Path(os.path.realpath(path))
    return any(real.is_relative_to(os.path.realpath(folder)) for folder in folders)
