"""Turn the journal and the queries' answers into Markdown pages: `{uri: markdown}`."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from . import queries
from .escape import external_link, finalize, link, markdown_text, page_title
from .model import Contact, Journal, JournalEntry, Opportunity, Source
from .sanitize import NoteRenderer

DASHBOARD = "index.md"
FOLLOW_UPS = "follow-ups.md"
CONTACTS = "contacts/index.md"
JOURNAL = "journal/index.md"
SOURCES = "sources/index.md"
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


def month_uri(month: str) -> str:
    return f"journal/{month}.md"


def source_uri(source: Source) -> str:
    return f"sources/{source.value}.md"


def anchor_id(slug: str) -> str:
    """The HTML id of a journal entry on its month page: its slug, made safe as an id."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", slug).strip("-.") or "entry"


def render_site(journal: Journal, today: date, notes: NoteRenderer | None = None) -> dict[str, str]:
    """Every generated page of the site, keyed by its path in the docs.

    `notes` renders the notes with the site's Markdown extensions (by default the ones the
    plugin adds), sanitised unless it was made with `raw_html`.
    """
    site = _Site(journal, today, notes or NoteRenderer())
    return site.pages()


class _Site:
    def __init__(self, journal: Journal, today: date, notes: NoteRenderer) -> None:
        self.journal, self.today = journal, today
        self.env = _environment(journal, notes)
        self.touches = queries.touches(journal, today)
        self.agenda = queries.follow_up_agenda(journal, today)
        self.cadence = queries.cadence_report(journal, today)
        self.sources = queries.source_summaries(journal)
        self.ledger = queries.referral_ledger(journal)
        self.timelines = queries.timelines(journal)
        self.follow_ups = queries.follow_ups_by_contact(journal, self.agenda)
        self.balances = {balance.contact: balance for balance in self.ledger}
        self.overdue = {item.follow_up for item in self.agenda.overdue}

    def render(self, template: str, uri: str, title: str, **context: Any) -> str:
        common = {"journal": self.journal, "today": self.today, "page_uri": uri}
        markdown = self.env.get_template(template).render(**common, **context)
        return page_title(title) + markdown

    def pages(self) -> dict[str, str]:
        months: dict[str, list[JournalEntry]] = defaultdict(list)
        for entry in self.journal.entries:
            months[entry.month].append(entry)
        pages = {
            DASHBOARD: self.render(
                "dashboard.md.j2",
                DASHBOARD,
                "Dashboard",
                agenda=self.agenda,
                cadence=self.cadence,
                recent=queries.recent_entries(self.journal, self.today),
                sources=self.sources,
                referrals=queries.referral_totals(self.ledger),
            ),
            FOLLOW_UPS: self.render(
                "follow_ups.md.j2",
                FOLLOW_UPS,
                "Follow-ups",
                agenda=self.agenda,
                cadence=self.cadence,
            ),
            CONTACTS: self.render("contacts.md.j2", CONTACTS, "Contacts", touches=self.touches),
            JOURNAL: self.render(
                "journal.md.j2",
                JOURNAL,
                "Journal",
                months=[(m, e, queries.kinds(e)) for m, e in sorted(months.items(), reverse=True)],
            ),
            SOURCES: self.render(
                "sources.md.j2",
                SOURCES,
                "Sources",
                sources=self.sources,
                ledger=self.ledger,
                meanings=SOURCE_MEANINGS,
            ),
        }
        for summary in self.sources:
            uri = source_uri(summary.source)
            pages[uri] = self.render(
                "source.md.j2",
                uri,
                summary.source.label,
                summary=summary,
                meaning=SOURCE_MEANINGS[summary.source],
            )
        for month, entries in months.items():
            pages[month_uri(month)] = self.render(
                "month.md.j2",
                month_uri(month),
                month_name(month),
                month=month,
                entries=entries,
                overdue=self.overdue,
            )
        for contact in self.journal.contacts.values():
            pages[contact_uri(contact.slug)] = self._contact(contact)
        return pages

    def _contact(self, contact: Contact) -> str:
        touched = self.touches.get(contact.slug, [])
        last = touched[-1].date if touched else None
        return self.render(
            "contact.md.j2",
            contact_uri(contact.slug),
            contact.name,
            contact=contact,
            touches=len(touched),
            status=queries.keep_in_touch(contact, last, self.today),
            timeline=self.timelines.get(contact.slug, []),
            balance=self.balances.get(contact.slug),
            follow_ups=self.follow_ups.get(contact.slug, []),
        )


def _environment(journal: Journal, renderer: NoteRenderer) -> Environment:
    env = Environment(
        loader=PackageLoader("netjournal", "templates"),
        autoescape=False,  # the output is Markdown: `finalize` escapes for Markdown instead
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    entries = {entry.slug: entry for entry in journal.entries}

    @pass_context
    def page(context: Context, target: str, text: Any = None) -> Markup:
        """A link from the page being rendered to the page `target`."""
        here = posixpath.dirname(context["page_uri"]) or "."
        path, _, fragment = target.partition("#")
        relative = posixpath.relpath(path, here) + (f"#{fragment}" if fragment else "")
        return link(text if text is not None else INDEX_PAGES.get(target, target), relative)

    @pass_context
    def contact(context: Context, slug: str | None) -> Markup:
        """A link to the contact `slug`, or the text itself when it names no contact."""
        if slug is None:
            return Markup("")
        if slug in journal.contacts:
            return page(context, contact_uri(slug), journal.contacts[slug].name)
        return Markup(markdown_text(slug))

    @pass_context
    def contacts(context: Context, slugs: list[str]) -> Markup:
        return Markup(", ").join(contact(context, slug) for slug in slugs)

    @pass_context
    def entry(context: Context, item: JournalEntry | str, text: Any = None) -> Markup:
        """A link to a journal entry on its month page (by entry or slug)."""
        found = entries.get(item) if isinstance(item, str) else item
        if found is None:
            return Markup(markdown_text(item))
        target = f"{month_uri(found.month)}#{anchor_id(found.slug)}"
        return page(context, target, found.title if text is None else text)

    @pass_context
    def source(context: Context, value: Source | None) -> Markup:
        return page(context, source_uri(value), value.label) if value else Markup("")

    def notes(body: str, depth: int, owner: str) -> Markup:
        """A note as safe HTML, headings `depth` levels down, its ids kept apart by `owner`."""
        return Markup(renderer.html(body, depth, anchor_id(owner)))

    env.filters.update(
        page=page,
        contact=contact,
        entry=entry,
        source=source,
        external=external_link,
        money=money,
        days=days,
        month_name=month_name,
        notes=notes,
        anchor=lambda slug: Markup("{#" + anchor_id(slug) + "}"),
        contacts=contacts,
    )

    def referrer(opportunity: Opportunity) -> str | None:
        return queries.opportunity_referrer(opportunity, journal.contacts[opportunity.contact])

    env.globals.update(brought_by=queries.brought_by, referrer=referrer)
    return env


def money(value: Decimal | None) -> Markup:
    """An amount with thousands separators and no currency (the journal's own)."""
    if value is None:
        return Markup("")
    return Markup(f"{value:,}")


def days(count: int) -> str:
    count = abs(count)
    return f"{count} day" if count == 1 else f"{count} days"


def month_name(month: str) -> str:
    """`2025-03` → `March 2025`."""
    return f"{date.fromisoformat(month + '-01'):%B %Y}"
