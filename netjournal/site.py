"""The generated part of the site: read the journal, query it, render its pages."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from netjournal.diagnostics import JournalError, Problem
from netjournal.queries.privacy import public_view
from netjournal.read.journal import read_journal
from netjournal.render import render_site
from netjournal.render.sanitize import NoteRenderer


@dataclass(frozen=True)
class GeneratedSite:
    """The pages to add to the site (`{docs path: markdown}`) and the warnings met on the way."""

    pages: dict[str, str]
    warnings: tuple[Problem, ...]
    contacts: int = 0  # how many contacts and entries the site shows, for `serve` to say
    entries: int = 0


def generate(
    root: Path,
    contacts: Path,
    journal: Path,
    today: date,
    *,
    public: bool = False,
    public_fields: Collection[str] = (),
    docs: Path | None = None,
    notes: NoteRenderer | None = None,
) -> GeneratedSite:
    """The journal's pages as of `today`; raises JournalError when any file has an error.

    A public site leaves out private records, every mention of them, and the personal
    fields `public_fields` does not list; it is refused (errors) when that cannot be done,
    e.g. when a page of `docs` names a private contact. `notes` renders
    the notes (sanitised by default).
    """
    result = read_journal(root, contacts, journal, public=public, docs=docs)
    if result.errors:
        raise JournalError(result.problems)
    visible = public_view(result.journal, public_fields) if public else result.journal
    pages = render_site(visible, today, notes)
    return GeneratedSite(pages, result.warnings, len(visible.contacts), len(visible.entries))
