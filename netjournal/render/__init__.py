"""Turn the journal and the queries' answers into Markdown pages: `{uri: markdown}`."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from functools import partial
from typing import Any, TypeVar

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context

from netjournal.model import (
    Contact,
    ContactRef,
    Direction,
    EntryRef,
    Journal,
    JournalEntry,
    Source,
    Text,
)
from netjournal.queries import Happening
from netjournal.queries.birthdays import readable_day
from netjournal.queries.stage import DEFAULT_CREDIBILITY_TOUCHES
from netjournal.queries.tags import Tag, by_name, tag_key, tags
from netjournal.read.history import FileHistory
from netjournal.render import charts, parts, paths, rooms, views, words
from netjournal.render.escape import (
    EMPTY,
    NOTHING,
    Safe,
    amount,
    as_typed,
    external_link,
    finalize,
    heading_id,
    joined,
    link,
    page_title,
    sanitised_html,
)
from netjournal.render.picture import forest_picture
from netjournal.render.places import (
    NAMES_SHOWN,
    PAGE_LIMIT,
    MonthPart,
    Places,
    anchor_id,
    month_uri,
)
from netjournal.render.sanitize import NoteRenderer
from netjournal.render.wikilinks import SiteLinks

T = TypeVar("T")

DASHBOARD = "index.md"
FOLLOW_UPS = "follow-ups.md"
CONTACTS = "contacts/index.md"
JOURNAL = "journal/index.md"
SOURCES = "sources/index.md"
REFERRALS = "referrals.md"  # linked from the dashboard's "More" list, not in the nav
NETWORK = "network.md"
TAGS = "tags/index.md"  # linked from the dashboard's "More" list and the contacts page
INDEX_PAGES = {
    DASHBOARD: "Dashboard",
    FOLLOW_UPS: "Follow-ups",
    CONTACTS: "Contacts",
    JOURNAL: "Journal",
    SOURCES: "Sources",
}

SOURCE_MEANINGS = {
    Source.REFERRAL: "They had a need, and someone in your network sent them to you.",
    Source.NETWORK_REFERRAL: "A mutual contact introduced you before they needed anything; "
    "the work came later, from the relationship.",
    Source.SELF_REFERRAL: "You met them yourself: at an event, online, in your community.",
    Source.MARKETING_RESPONSE: "They answered something you put out: an ad, a flyer, a "
    "newsletter, a web search.",
    Source.REPUTATION_RESPONSE: "They sought you out for what they had heard or read about "
    "you: your visibility and credibility at work.",
}


def contact_uri(slug: str) -> str:
    return f"contacts/{slug}.md"


def source_uri(source: Source) -> str:
    return f"sources/{source.value}.md"


def tag_uri(slug: str) -> str:
    return f"tags/{slug}.md"


def render_site(
    journal: Journal,
    today: date,
    notes: NoteRenderer | None = None,
    *,
    calendar_feed: str | None = None,
    credibility_touches: int = DEFAULT_CREDIBILITY_TOUCHES,
    history: FileHistory | None = None,
    page_limit: int = PAGE_LIMIT,
) -> dict[str, str]:
    """Every generated page of the site, keyed by its path in the docs.

    `notes` renders the notes with the site's Markdown extensions (by default the ones the
    plugin adds), sanitised unless it was made with `raw_html`. `calendar_feed`, the path
    of the site's calendar feed if it publishes one, is linked from the dashboard.
    `credibility_touches` is the touches after which a relationship is at credibility.
    `history`, each contact file's recent git changes by path, is listed on its page.
    `page_limit` is the most entries a month's page holds, and the most contacts the
    contacts index lists, before they are split into pages (see `places`).
    """
    site = Site(
        journal,
        today,
        notes,
        calendar_feed=calendar_feed,
        credibility_touches=credibility_touches,
        history=history,
        page_limit=page_limit,
    )
    return site.pages()


class Site:
    """The site's pages as a catalogue: every uri, in order, and each page rendered only when
    asked for (and kept), so `serve` can show the pages a save touches before the others.

    `render_site` is `{uri: page(uri)}` over `uris`; the arguments are render_site's. The
    queries' answers (`views.Facts`) are worked out as the pages asked for need them.
    """

    def __init__(
        self,
        journal: Journal,
        today: date,
        notes: NoteRenderer | None = None,
        *,
        calendar_feed: str | None = None,
        credibility_touches: int = DEFAULT_CREDIBILITY_TOUCHES,
        history: FileHistory | None = None,
        page_limit: int = PAGE_LIMIT,
    ) -> None:
        self.journal, self.today, self.history = journal, today, history or {}
        # What every page depends on besides the records: another value renders every page.
        self.settings = (today, calendar_feed, credibility_touches, page_limit)
        found_tags = tags(journal)
        by_month = views.months(journal)
        people = sorted(journal.contacts.values(), key=lambda c: c.name)
        self.places = places = Places(by_month, people, page_limit)
        self.links = _links(journal, places)
        env = _environment(journal, notes or NoteRenderer(), found_tags, places, self.links)
        resolver = self.links.resolver  # one for the notes' links and the words they show
        self.facts = facts = views.facts(journal, today, credibility_touches, lambda: resolver)
        self._rendered: dict[str, str] = {}

        def render(template: str, uri: str, title: str, view: Callable[[], object]) -> Page:
            def page() -> str:
                markdown = env.get_template(template).render(view=view(), page_uri=uri)
                return page_title(title) + markdown

            return page

        pages: dict[str, Page] = {
            DASHBOARD: render(
                "dashboard.md.j2",
                DASHBOARD,
                "Dashboard",
                lambda: views.dashboard(facts, calendar_feed),
            ),
            FOLLOW_UPS: render(
                "follow_ups.md.j2", FOLLOW_UPS, "Follow-ups", lambda: views.follow_ups(facts)
            ),
            JOURNAL: render(
                "journal.md.j2", JOURNAL, "Journal", lambda: views.journal_index(facts)
            ),
            SOURCES: render("sources.md.j2", SOURCES, "Sources", lambda: views.sources(facts)),
            rooms.NEEDS: render(
                "needs.md.j2", rooms.NEEDS, "Needs board", lambda: rooms.needs(facts)
            ),
            rooms.EVENTS: render(
                "events.md.j2", rooms.EVENTS, "Events", lambda: rooms.events(facts)
            ),
            REFERRALS: render(
                "referrals.md.j2",
                REFERRALS,
                "Referrals",
                lambda: views.referrals(facts, page_limit),
            ),
            NETWORK: render(
                "network.md.j2", NETWORK, "Who brought whom", lambda: views.network_page(facts)
            ),
        }
        if places.letters:
            letters = places.letters
            pages[CONTACTS] = render(
                "contacts_letters.md.j2",
                CONTACTS,
                "Contacts",
                lambda: parts.contact_letters(facts, letters),
            )
            for letter in letters:
                pages[letter.uri] = render(
                    "contacts_letter.md.j2",
                    letter.uri,
                    f"Contacts: {letter.label}",
                    partial(parts.letter_contacts, facts, letter, letters),
                )
        else:
            pages[CONTACTS] = render(
                "contacts.md.j2", CONTACTS, "Contacts", lambda: views.contacts(facts)
            )
        for summary in facts.sources:
            uri = source_uri(summary.source)
            pages[uri] = render(
                "source.md.j2", uri, summary.source.label, partial(views.source, facts, summary)
            )
        pages[TAGS] = render("tags.md.j2", TAGS, "Tags", lambda: found_tags)
        for tag in found_tags:
            uri = tag_uri(tag.slug)
            pages[uri] = render("tag.md.j2", uri, tag.name, partial(_itself, tag))
        for month, entries in by_month.items():
            uri = month_uri(month)
            split = places.parts.get(month)
            page = partial(views.month_page, facts, month, entries)
            if not split:
                pages[uri] = render("month.md.j2", uri, month_name(month), page)
                continue
            shown = partial(_month_summary, page, split)
            pages[uri] = render("month_summary.md.j2", uri, month_name(month), shown)
            for part in split:
                title = f"{month_name(month)}, days {part.days}"
                held = partial(parts.month_part, facts, part, len(split))
                pages[part.uri] = render("month_part.md.j2", part.uri, title, held)
        for contact in journal.contacts.values():
            uri = contact_uri(contact.slug)
            changes = self.history.get(contact.path, ())
            view = partial(views.contact_page, facts, contact, changes)
            pages[uri] = render("contact.md.j2", uri, contact.name, view)
        self._pages = pages
        self.uris = tuple(pages)

    def page(self, uri: str) -> str:
        """The Markdown of the page at `uri` (one of `uris`), rendered once."""
        found = self._rendered.get(uri)
        if found is None:
            found = self._rendered[uri] = self._pages[uri]()
        return found

    def pages(self) -> dict[str, str]:
        """Every page, in the order of `uris`."""
        return {uri: self.page(uri) for uri in self.uris}

    def rendered(self, uri: str) -> bool:
        """Whether the page at `uri` has been rendered already."""
        return uri in self._rendered


Page = Callable[[], str]


def _itself(value: T) -> T:
    return value


def _month_summary(
    page: Callable[[], views.Month], split: tuple[MonthPart, ...]
) -> parts.MonthSummary:
    return parts.month_summary(page(), split)


def _links(journal: Journal, places: Places) -> SiteLinks:
    """Where each wikilink of the notes leads; ids of entries' notes worked out when asked."""
    return SiteLinks(journal, places.anchors, _NoteIds(places.pages), places.pages)


class _NoteIds(Mapping[str, str]):
    """The prefix of the ids in each entry's note (by slug), made when a link asks for one:
    few links name a heading in an entry's notes, and a large journal has 50,000 entries."""

    def __init__(self, entries: Mapping[str, str]) -> None:
        self.entries = entries

    def __getitem__(self, slug: str) -> str:
        if slug not in self.entries:
            raise KeyError(slug)
        return anchor_id(slug)

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


class _CompiledTemplates(BytecodeCache):
    """Each template compiled once per process, not once per site: `serve` makes a site for
    every save, and parsing and compiling the templates again cost more than rendering the
    pages a save touches. Jinja checks each one against its source's checksum; every
    environment sharing this is made by `_environment`, with the same settings."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def _environment(
    journal: Journal,
    renderer: NoteRenderer,
    found_tags: tuple[Tag, ...] = (),
    places: Places | None = None,
    site_links: SiteLinks | None = None,
) -> Environment:
    env = Environment(
        loader=PackageLoader("netjournal.render", "templates"),
        autoescape=False,  # the output is Markdown: `finalize` escapes for Markdown instead
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED,
    )
    entries = {entry.slug: entry for entry in journal.entries}
    if places is None:
        places = Places(views.months(journal), sorted(journal.contacts.values(), key=_name))
    anchors = places.anchors

    @pass_context
    def page(context: Context, target: str, text: Any = None) -> Safe:
        """A link from the page being rendered to the page `target`."""
        here = posixpath.dirname(context["page_uri"]) or "."
        path, _, fragment = target.partition("#")
        relative = paths.relative(path, here) + (f"#{fragment}" if fragment else "")
        return link(text if text is not None else INDEX_PAGES.get(target, target), relative)

    @pass_context
    def contact(context: Context, slug: str | None) -> Safe:
        """A link to the contact `slug`, or the text itself when it names no contact."""
        if slug is None:
            return EMPTY
        if slug in journal.contacts:
            return page(context, contact_uri(slug), journal.contacts[slug].name)
        return as_typed(slug)

    @pass_context
    def contacts(context: Context, slugs: list[str]) -> Safe:
        return joined(contact(context, slug) for slug in slugs)

    @pass_context
    def entry(context: Context, item: JournalEntry | str, text: Any = None) -> Safe:
        """A link to a journal entry on the page that holds it (by entry or slug)."""
        found = entries.get(item) if isinstance(item, str) else item
        if found is None:
            return as_typed(item)
        return page(context, places.entry(found.slug), found.title if text is None else text)

    @pass_context
    def named(context: Context, value: ContactRef | EntryRef | Text | None) -> Safe:
        """A link to the contact or entry `value` names, or its words as typed."""
        if isinstance(value, ContactRef):
            return contact(context, value.slug)
        if isinstance(value, EntryRef):
            return entry(context, value.slug)
        return as_typed(value.text) if value is not None else EMPTY

    tag_pages = by_name(found_tags)

    @pass_context
    def tag(context: Context, name: str) -> Safe:
        """A link to the page of the tag `name`, or its words as typed when it has none."""
        found = tag_pages.get(tag_key(name))
        return page(context, tag_uri(found.slug), name) if found else as_typed(name)

    @pass_context
    def tag_list(context: Context, names: Iterable[str]) -> Safe:
        return joined(tag(context, name) for name in names)

    @pass_context
    def source(context: Context, value: Source | None) -> Safe:
        return page(context, source_uri(value), value.label) if value else EMPTY

    if site_links is None:
        site_links = _links(journal, places)
    links = site_links

    @pass_context
    def notes(context: Context, body: str, depth: int, owner: str) -> Safe:
        """A note as safe HTML, headings `depth` levels down, its ids kept apart by `owner`;
        its wikilinks lead to the pages they name."""
        html = renderer.html(body, depth, anchor_id(owner), here=context["page_uri"], links=links)
        return sanitised_html(html)

    env.filters.update(
        page=page,
        contact=contact,
        entry=entry,
        named=named,
        source=source,
        tag=tag,
        tags=tag_list,
        external=external_link,
        money=amount,
        days=days,
        count=words.count,
        soon_window=words.soon_window,
        month_name=month_name,
        notes=notes,
        anchor=lambda slug: heading_id(anchors[slug]),
        contacts=contacts,
        or_none=or_none,
        outline_indent=lambda depth: Safe("    " * depth),  # nests a Markdown list
        forest_picture=lambda outline, trees, people: forest_picture(
            outline, journal, forest_summary(trees, people)
        ),
        readable_day=readable_day,
        value_won_chart=charts.value_won_chart,
        touches_chart=charts.touches_chart,
        referrals_chart=lambda partners: charts.referrals_chart(partners, journal.name_of),
        sparkline=charts.sparkline,
        heading_id=heading_id,
        rows=lambda items: list(items)[: places.limit],
        beyond=lambda items: max(0, len(items) - places.limit),
        few=lambda items: list(items)[:NAMES_SHOWN],
        beyond_few=lambda items: max(0, len(items) - NAMES_SHOWN),
    )

    env.globals.update(
        Happening=Happening,
        Direction=Direction,
        meanings=SOURCE_MEANINGS,
        pages=INDEX_PAGES,
    )
    env.globals["journal_contacts"] = journal.contacts
    return env


def _name(contact: Contact) -> str:
    return contact.name


def forest_summary(trees: int, people: int) -> str:
    """The who-brought-whom picture in words, its text alternative."""
    return (
        f"{words.count(people, 'person')} in {words.count(trees, 'tree')}: each line joins a "
        "person to the one who brought them, solid for a referral, dashed for an "
        "introduction. The list below says the same in words."
    )


def or_none(value: Any) -> Any:
    """`value`, or `NOTHING` when there is nothing to show in its table cell."""
    return NOTHING if value is None or value == "" else value


def days(number: int) -> str:
    """`1 day`, `3 days`: how long ago or ahead, without its sign."""
    return words.count(abs(number), "day")


def month_name(month: str) -> str:
    """`2025-03` → `March 2025`."""
    return f"{date.fromisoformat(month + '-01'):%B %Y}"
