"""The generated part of the site: read the journal, query it, render its pages."""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from pathlib import Path

from netjournal.diagnostics import JournalError, Problem
from netjournal.exchange.ics import calendar_text
from netjournal.model import Contact, Journal, JournalEntry
from netjournal.queries.calendar import CalendarItem, calendar_items
from netjournal.queries.privacy import public_view
from netjournal.queries.stage import DEFAULT_CREDIBILITY_TOUCHES
from netjournal.read.attachments import embedded_images, vault_images
from netjournal.read.conventions import NETJOURNAL, Conventions
from netjournal.read.history import FileHistory, contacts_history
from netjournal.read.journal import Folders, ReadResult, read_journal
from netjournal.read.kept import KeptJournal
from netjournal.render import DASHBOARD, FOLLOW_UPS, Site, contact_uri
from netjournal.render.places import month_uri
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


@dataclass(frozen=True)
class LazySite:
    """What `generate` returns, its pages not rendered yet: `site.page(uri)` renders one."""

    site: Site
    warnings: tuple[Problem, ...]
    files: dict[str, str | bytes]
    contacts: int
    entries: int

    def generated(self, pages: dict[str, str] | None = None) -> GeneratedSite:
        """The GeneratedSite of `pages` (by default every page, rendered now)."""
        shown = self.site.pages() if pages is None else pages
        return GeneratedSite(shown, self.warnings, self.files, self.contacts, self.entries)


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
    kept: KeptJournal | None = None,
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

    With `kept`, the journal serve keeps between its rebuilds (read/kept.py), only the files
    changed since its last read are read again, and only their records built again; a
    `notes` renderer made with `memo` keeps each note's HTML for the next call, so an
    unchanged note is not converted again.
    """
    return prepare(
        root,
        contacts,
        journal,
        today,
        public=public,
        public_fields=public_fields,
        docs=docs,
        notes=notes,
        credibility_touches=credibility_touches,
        git_history=git_history,
        conventions=conventions,
        progress=progress,
        kept=kept,
    ).generated()


def prepare(
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
    kept: KeptJournal | None = None,
) -> LazySite:
    """`generate`, its pages left to render when asked for (`serve` renders first the pages
    a save touches); the journal is read, checked and queried for its files now."""
    result = read(
        root,
        contacts,
        journal,
        public=public,
        docs=docs,
        conventions=conventions,
        progress=progress,
        kept=kept,
    )
    if result.errors:
        raise JournalError(result.problems)
    notes = notes or NoteRenderer()
    if public:
        visible = public_view(result.journal, public_fields)
        images = _images(_vault(root, contacts, journal), visible, notes, conventions)
        site = Site(visible, today, notes, credibility_touches=credibility_touches)
        return LazySite(site, result.warnings, images, len(visible.contacts), len(visible.entries))
    everything = result.journal
    feed = _feed(everything, today)
    images = _images(_vault(root, contacts, journal), everything, notes, conventions)
    site = Site(
        everything,
        today,
        notes,
        calendar_feed=CALENDAR_FEED,
        credibility_touches=credibility_touches,
        history=_history(root, contacts) if git_history else None,
    )
    count = (len(everything.contacts), len(everything.entries))
    return LazySite(site, result.warnings, {CALENDAR_FEED: feed, **images}, *count)


def read(
    root: Path,
    contacts: Folders,
    journal: Folders,
    *,
    public: bool,
    docs: Path | None,
    conventions: Conventions,
    progress: bool,
    kept: KeptJournal | None,
) -> ReadResult:
    """The journal as the site shows it: the one read a build or `serve`'s rebuild makes.

    `kept` (serve's) must have been made with the same arguments: it returns what
    `read_journal` would, reading again only what changed since its last read.
    """
    if kept is not None:
        return kept.read(progress=progress)
    return read_journal(
        root,
        contacts,
        journal,
        public=public,
        docs=docs,
        conventions=conventions,
        progress=progress,
    )


class _LastFeed:
    """The last calendar feed made, with what it was made of."""

    items: list[CalendarItem] | None = None
    today: date | None = None
    text = ""


def _feed(journal: Journal, today: date) -> str:
    """The calendar feed's text: the last one again when its items are the same, as after
    most saves under `serve` (writing the feed out costs twenty times finding its items)."""
    items = calendar_items(journal, today)
    if items != _LastFeed.items or today != _LastFeed.today:
        _LastFeed.text = calendar_text(items, today)
        _LastFeed.items, _LastFeed.today = items, today
    return _LastFeed.text


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


# More changed records than this, and `serve` renders every page at once (a git checkout, a
# bulk import): the pages they touch would be most of the site anyway.
FEW_RECORDS = 25


def first_pages(last: Site, new: Site) -> tuple[str, ...] | None:
    """The pages of `new` a save since `last` obviously touches, to render before the others:
    each changed contact's page, each changed entry's month page (or part) as it was and as
    it is, the pages of the contacts these records name (as they were and are), and the
    dashboard and the follow-ups page. `()` when no record changed.

    None when every page must be rendered now: the site's pages or settings differ (a
    contact added or removed, a new month or month part, another day), an entry moved to
    another page or anchor, or more than FEW_RECORDS records changed. Pages left out are
    rendered after, and the site is built again if any of them differ.
    """
    if last.settings != new.settings or last.uris != new.uris:
        return None
    old_contacts, new_contacts = last.journal.contacts, new.journal.contacts
    changed: list[object] = [
        record
        for slug, contact in new_contacts.items()
        if (was := old_contacts.get(slug)) is not contact and was != contact
        for record in (was, contact)
    ]
    old_entries = {entry.slug: entry for entry in last.journal.entries}
    new_entries = {entry.slug: entry for entry in new.journal.entries}
    moved = _moved(last, new, old_entries, new_entries)
    if moved:
        return None
    entry_slugs = [
        slug
        for slug in old_entries.keys() | new_entries.keys()
        if (before := old_entries.get(slug)) is not (now := new_entries.get(slug)) and before != now
    ]
    history = [
        contact.slug
        for contact in new_contacts.values()
        if last.history.get(contact.path, ()) != new.history.get(contact.path, ())
    ]
    if len(changed) // 2 + len(entry_slugs) + len(history) > FEW_RECORDS:
        return None
    if not (changed or entry_slugs or history):
        return ()
    wanted = [DASHBOARD, FOLLOW_UPS]
    named: set[str] = set(history)
    for slug in sorted(entry_slugs):
        for site, entries in ((last, old_entries), (new, new_entries)):
            entry = entries.get(slug)
            if entry is not None:  # its page, and its month's summary when it is split
                wanted += [site.places.pages[slug], month_uri(entry.month)]
                changed.append(entry)
    for record in changed:
        named |= _contacts_named(record, new_contacts)
    wanted += [contact_uri(slug) for slug in sorted(named)]
    return tuple(dict.fromkeys(wanted))


def _moved(
    last: Site,
    new: Site,
    old_entries: dict[str, JournalEntry],
    new_entries: dict[str, JournalEntry],
) -> bool:
    """Whether an entry both sites hold is on another page or under another anchor: the
    links to it from any page change."""
    old_pages, new_pages = last.places.pages, new.places.pages
    old_anchors, new_anchors = last.places.anchors, new.places.anchors
    return any(
        old_pages[slug] != new_pages[slug] or old_anchors[slug] != new_anchors[slug]
        for slug in old_entries.keys() & new_entries.keys()
    )


def _contacts_named(value: object, contacts: Mapping[str, Contact]) -> set[str]:
    """The slugs of `contacts` a record names anywhere in its fields (`with`, referrals,
    introductions, wikilinks...), itself included."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if item in contacts:
                found.add(item)
        elif isinstance(item, (tuple, list, frozenset, set)):
            stack.extend(item)
        elif isinstance(item, Mapping):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, f.name) for f in fields(item))
    return found
