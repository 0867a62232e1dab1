"""The wikilinks of one record: what its front matter and notes name, each once, and the
warnings for those that name nothing, are empty, or ask for a heading the notes lack."""

from __future__ import annotations

from netjournal.diagnostics import Problem
from netjournal.model import ContactRef, Origin
from netjournal.read.attachments import is_image
from netjournal.read.fields import Fields
from netjournal.read.front_matter import Document
from netjournal.read.values import quoted
from netjournal.read.wikilinks import (
    Found,
    Target,
    Wikilink,
    ambiguity,
    find_heading,
    heading_ids,
    links_in_notes,
)


def record_links(
    f: Fields, document: Document, body: str, own: Target
) -> tuple[tuple[Origin, ...], tuple[str, ...]]:
    """The records the wikilinks in the front matter and the notes name, each once; and the
    contacts the notes' wikilinks name (an entry's people met), each once.

    A wikilink in the notes that names nothing is a warning (NJ144) at its line, as is an
    empty one (NJ147) and one to a heading its record's notes lack (NJ148). `body` is the
    record's notes as its page shows them, where `[[#heading]]` looks; `own` the record.
    """
    resolver = f.resolver()
    people: list[str] = []
    own_headings: list[tuple[str, str]] | None = None  # read when a link first asks
    in_notes = document.links
    for found in (
        links_in_notes(document.body, document.body_line) if in_notes is None else in_notes
    ):
        link = found.link

        def warn(code: str, message: str, found: Found = found) -> None:
            f.problems.append(Problem(code, f.path, message, found.line, found.column))

        if link.empty:
            warn(
                "NJ147",
                f"{quoted(link.written)} is an empty wikilink: write a contact's slug, name or "
                "alias, or an entry's file name, between the brackets (it shows as written "
                "until then)",
            )
            continue
        if link.own_heading:
            heading = (link.heading or "").strip()
            if own_headings is None:
                own_headings = heading_ids(body)
            if find_heading(own_headings, heading) is None:
                warn(
                    "NJ148",
                    f"the wikilink {quoted(link.written)}: no heading {quoted(heading)} in "
                    f"{own.slug}: it shows as plain text; write a heading of these notes after "
                    "the '#'",
                )
            continue
        if is_image(link.target.strip()):
            continue  # `![[photo.png]]`: an image of the vault, which the site copies and shows
        resolution = resolver.resolve(link.target)
        if resolution.target is not None:
            f.linked.append(resolution.target)
            if isinstance(resolution.target, ContactRef):
                people.append(resolution.target.slug)
            several = ambiguity(link, resolution)
            if several is not None:
                warn("NJ145", several)
            heading = (link.heading or "").strip()
            # Judged only against notes the resolver was given (a whole journal's; one file
            # checked alone before it is written knows no other record's notes).
            known = resolution.target in resolver.notes
            if heading and known and resolver.heading(resolution.target, heading) is None:
                warn("NJ148", no_heading(link, heading, resolution.target.slug))
            continue
        warn(
            "NJ144",
            f"the wikilink {quoted(link.written)} names no contact or journal "
            f"entry{resolution.hint}: write a contact's slug, name or alias, or an "
            "entry's file name, between the brackets (it shows as plain text until then)",
        )
    return tuple(dict.fromkeys(f.linked)), tuple(dict.fromkeys(people))


def no_heading(link: Wikilink, heading: str, slug: str) -> str:
    return (
        f"the wikilink {quoted(link.written)}: no heading {quoted(heading)} in {slug}: it "
        f"links to {slug} itself; write a heading of its notes after the '#', or remove the "
        "'#' part"
    )
