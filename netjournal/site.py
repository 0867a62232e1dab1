"""The generated part of the site: read the journal, query it, render its pages."""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from netjournal.diagnostics import JournalError, Problem
from netjournal.exchange.ics import calendar_text
from netjournal.model import Journal
from netjournal.queries.calendar import calendar_items
from netjournal.queries.privacy import public_view
from netjournal.queries.stage import DEFAULT_CREDIBILITY_TOUCHES
from netjournal.read.attachments import embedded_images, vault_images
from netjournal.read.conventions import NETJOURNAL, Conventions
from netjournal.read.history import FileHistory, contacts_history
from netjournal.read.journal import Folders, read_journal
from netjournal.render import render_site
from netjournal.render.sanitize import NoteRenderer

# Where the site publishes its calendar feed, for calendar apps to subscribe to.
CALENDAR_FEED = "calendar.ics"


@dataclass(frozen=True)
class GeneratedSite:
    """The pages to add to the site (`{docs path: markdown}`), the other files it publishes
    as they are (`{docs path: text or bytes}`: the calendar feed, the images the notes
    embed), and the warnings met on the way."""

    pages: dict[str, str]
    warnings: tuple[Problem, ...]
    files: dict[str, str | bytes] = field(default_factory=dict)  # other files: {uri: content}
    contacts: int = 0  # how many contacts and entries the site shows, for `serve` to say
    entries: int = 0


def generate(
    root: Path,
    contacts: Folders,
    journal: Folders,
    today: date,
    *,
    public: bool = False,
    public_fields: Collection[str] = (),
    docs: Path | None = None,
    notes: NoteRenderer | None = None,
    credibility_touches: int = DEFAULT_CREDIBILITY_TOUCHES,
    git_history: bool = True,
    conventions: Conventions = NETJOURNAL,
    progress: bool = False,
    cache: bool = False,
) -> GeneratedSite:
    """The journal's pages as of `today`; raises JournalError when any file has an error.

    A public site leaves out private records, every mention of them, and the personal
    fields `public_fields` does not list; it is refused (errors) when that cannot be done,
    e.g. when a page of `docs` names a private contact. `notes` renders
    the notes (sanitised by default). `credibility_touches` is the touches after which a
    relationship is at credibility.

    A private site publishes the calendar feed at CALENDAR_FEED, and its dashboard links
    it; a public one publishes no feed: follow-ups, plans and birthdays are reminders for
    the journal's owner, and a feed is made to be fetched by apps and servers
    (`netjournal export ics --public` makes one on purpose).

    When `root` is in a git repository and `git_history` is on, each contact page of a
    private site lists its file's recent changes (one `git log` for the whole build). A
    public site shows no history at all: commit subjects are free text that may name a
    private contact, and when a file changed says more than a public page should.

    With `cache`, files unchanged since the last read are not parsed again (read/cache.py),
    as `serve` reads on every save; a `notes` renderer made with `memo` keeps each note's
    HTML for the next call, so an unchanged note is not converted again.
    """
    result = read_journal(
        root,
        contacts,
        journal,
        public=public,
        docs=docs,
        conventions=conventions,
        progress=progress,
        cache=cache,
    )
    if result.errors:
        raise JournalError(result.problems)
    notes = notes or NoteRenderer()
    if public:
        visible = public_view(result.journal, public_fields)
        images = _images(_vault(root, contacts, journal), visible, notes, conventions)
        pages = render_site(visible, today, notes, credibility_touches=credibility_touches)
        return GeneratedSite(
            pages, result.warnings, images, len(visible.contacts), len(visible.entries)
        )
    everything = result.journal
    feed = calendar_text(calendar_items(everything, today), today)
    images = _images(_vault(root, contacts, journal), everything, notes, conventions)
    pages = render_site(
        everything,
        today,
        notes,
        calendar_feed=CALENDAR_FEED,
        credibility_touches=credibility_touches,
        history=_history(root, contacts) if git_history else None,
    )
    count = (len(everything.contacts), len(everything.entries))
    return GeneratedSite(pages, result.warnings, {CALENDAR_FEED: feed, **images}, *count)


def _history(root: Path, contacts: Folders) -> FileHistory:
    """The recent changes of the files in each contacts folder (one `git log` per folder)."""
    history: FileHistory = {}
    for folder in (contacts,) if isinstance(contacts, Path) else contacts:
        history.update(contacts_history(root, folder))
    return history


def _vault(root: Path, contacts: Folders, journal: Folders) -> Path:
    """Where embedded images are looked for: the folder of mkdocs.yml, or, when mkdocs.yml
    sits outside the vault (`contacts: [../Vault/People]`), the folder holding all the listed
    ones, so the vault's `Attachments/` is found while nothing is written into the vault."""
    listed = [
        Path(os.path.abspath(root / folder))
        for folders in (contacts, journal)
        for folder in ((folders,) if isinstance(folders, Path) else folders)
    ]
    if all(folder.is_relative_to(Path(os.path.abspath(root))) for folder in listed):
        return root
    return Path(os.path.commonpath(listed))


def _images(
    root: Path, shown: Journal, notes: NoteRenderer, conventions: Conventions
) -> dict[str, str | bytes]:
    """The images the notes `shown` embed, copied into the site, and shown by `notes`."""
    bodies = [c.body for c in shown.contacts.values()] + [e.body for e in shown.entries]
    found = vault_images(root, embedded_images(bodies), conventions.exclude)
    notes.show_images({name: uri for name, (uri, _) in found.items()})
    return dict(found.values())
