"""The generated part of the site: read the journal, query it, render its pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .diagnostics import JournalError, Problem
from .reader import read_journal
from .render import render_site


@dataclass(frozen=True)
class GeneratedSite:
    """The pages to add to the site (`{docs path: markdown}`) and the warnings met on the way."""

    pages: dict[str, str]
    warnings: tuple[Problem, ...]


def generate(root: Path, contacts: Path, journal: Path, today: date) -> GeneratedSite:
    """The journal's pages as of `today`; raises JournalError when any file has an error."""
    result = read_journal(root, contacts, journal)
    if result.errors:
        raise JournalError(result.problems)
    return GeneratedSite(render_site(result.journal, today), result.warnings)
