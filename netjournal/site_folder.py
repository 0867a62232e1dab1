"""Whether netjournal may replace a site folder, and what in it must be kept.

A folder is netjournal's when it holds the marker `.netjournal-site`, which lists the
top-level entries a build wrote (nothing else: no names, no notes). Everything a build did
not write, such as `.git`, `CNAME`, `.nojekyll` or a file the user added, is kept.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

MARKER = ".netjournal-site"
_MARKER_HEADER = (
    "# netjournal built this site. On the next build it replaces the entries listed below\n"
    "# and keeps everything else in this folder (.git, CNAME, your own files).\n"
)
# GitHub Pages' custom-domain file: kept in a site folder like a hidden entry.
_ALWAYS_KEPT = frozenset({"CNAME"})
# Pages every netjournal site has (as plain files or folders' index.html): how a site built
# before the marker existed is recognised.
_NETJOURNAL_PAGES = ("index.html", "contacts/index.html", "journal/index.html", "sitemap.xml")

_SITE_ENTRIES = frozenset(
    {"assets", "contacts", "journal", "search", "sources", "follow-ups", "sitemap.xml"}
    | {"sitemap.xml.gz", "404.html", MARKER}
    # The private site's calendar feed (site.CALENDAR_FEED): a public build that has none
    # must not carry the private one over from the site it replaces.
    | {"calendar.ics"}
)


class SiteFolderError(Exception):
    """A sentence saying why netjournal will not build into a folder."""


def write_marker(folder: Path, written: list[str] | None = None) -> None:
    """Mark `folder` as netjournal's, listing `written` (default: its non-hidden entries)."""
    if written is None:
        written = sorted(e for e in os.listdir(folder) if not e.startswith("."))
    text = _MARKER_HEADER + "".join(f"{entry}\n" for entry in written)
    (folder / MARKER).write_text(text, encoding="utf-8")


def entries_written(folder: Path) -> set[str] | None:
    """The top-level entries netjournal wrote in `folder`, or None if it is not a site of its.

    A site built before the marker existed is recognised by netjournal's own pages.
    """
    try:
        text = (folder / MARKER).read_text(encoding="utf-8")
    except FileNotFoundError:
        if looks_like_an_older_netjournal_site(folder):
            return {e for e in os.listdir(folder) if _not_kept(e)}
        return None
    except (OSError, UnicodeDecodeError):
        return None
    # The marker is a file in a folder people commit and merge: trust no line of it that
    # names a hidden entry, CNAME, or anything but one entry of this folder.
    return {
        line
        for line in text.splitlines()
        if line and not line.startswith("#") and _not_kept(line) and _plain_name(line)
    }


def _plain_name(entry: str) -> bool:
    return entry not in ("", ".", "..") and "/" not in entry and "\\" not in entry


def looks_like_an_older_netjournal_site(folder: Path) -> bool:
    """True if `folder` has the pages every netjournal site has and MkDocs' generator tag."""
    if not all((folder / page).is_file() for page in _NETJOURNAL_PAGES):
        return False
    with (folder / "index.html").open("rb") as page:
        head = page.read(8192)
    return b'<meta name="generator" content="mkdocs-' in head


def looks_like_part_of_a_site(folder: Path) -> bool:
    """True if every entry of `folder` is one a netjournal build writes at the top of a site.

    How a half-built site left by a netjournal without the marker is recognised.
    """
    return all(entry in _SITE_ENTRIES or entry.endswith(".html") for entry in os.listdir(folder))


def entries_to_keep(folder: Path, new_site: Path | None = None) -> list[str]:
    """The entries of the site folder `folder` that netjournal did not write, to be kept.

    With the `new_site` that replaces it, an entry the marker lists is replaced only when the
    new site has one of that name too, or when it is a kind of file only a build writes
    (a page, the sitemap): an edited marker never costs a file of the user's.
    """
    written = entries_written(folder) or set()
    if new_site is not None:
        fresh = set(os.listdir(new_site)) if new_site.is_dir() else set()
        written = {e for e in written if e in fresh or _site_output(e)}
    return sorted(e for e in os.listdir(folder) if e != MARKER and e not in written)


def _site_output(entry: str) -> bool:
    return entry in _SITE_ENTRIES or entry.endswith((".html", ".xml", ".xml.gz"))


def refuse_unless_replaceable(folder: Path) -> None:
    """Raise SiteFolderError unless `folder` (resolved, existing) may be swapped for a new site.

    It may when it is netjournal's, or holds nothing but hidden entries and CNAME.
    """
    if not folder.is_dir():
        raise SiteFolderError(f"the site folder {folder} is a file: name a folder with -d")
    if folder.resolve() in _home_and_above():
        raise SiteFolderError(
            f"the site folder {folder} is your home folder or holds it: "
            "name a folder of its own with -d, e.g. site"
        )
    if os.path.ismount(folder):
        raise SiteFolderError(
            f"the site folder {folder} is a mount point, which netjournal cannot swap for a "
            "new site: build into a folder inside it"
        )
    if entries_written(folder) is None:
        foreign = sorted(e for e in os.listdir(folder) if _not_kept(e))
        if foreign:
            raise SiteFolderError(_not_ours(folder, foreign))


def refuse_unless_mkdocs_may_clean(folder: Path) -> None:
    """Raise SiteFolderError if MkDocs' cleaning of `folder` would delete what is not ours.

    MkDocs keeps hidden entries and deletes every other one before it builds.
    """
    if not folder.is_dir():
        return
    written = entries_written(folder) or set()
    foreign = sorted(e for e in os.listdir(folder) if not e.startswith(".") and e not in written)
    if foreign:
        raise SiteFolderError(
            _not_ours(folder, foreign) + " (MkDocs deletes all but hidden entries; "
            "`netjournal build` keeps CNAME and the files it did not write)"
        )


def _home_and_above() -> set[Path]:
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError):  # no HOME and no password entry: nothing to protect
        return set()
    return {home, *home.parents}


def _not_kept(entry: str) -> bool:
    return not entry.startswith(".") and entry not in _ALWAYS_KEPT


def _not_ours(folder: Path, foreign: list[str]) -> str:
    shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
    return (
        f"the site folder {folder} holds files netjournal did not write ({shown}), and a "
        "build would delete them: build into a new or empty folder with -d"
    )


def clashing_folder(site_dir: Path, sacred: Iterable[Path]) -> Path | None:
    """The folder of `sacred` that `site_dir` is, holds, or lies inside; else None.

    Building there would empty it: MkDocs cleans its site folder, and a swap replaces it.
    """
    site = site_dir.resolve()
    for folder in sacred:
        folder = folder.resolve()
        if site == folder or site.is_relative_to(folder) or folder.is_relative_to(site):
            return folder
    return None


def refuse_journal_folder(site_dir: Path, contacts: Path, journal: Path) -> None:
    """Raise SiteFolderError if building into `site_dir` would replace or hold the journal."""
    folder = clashing_folder(site_dir, [contacts, journal])
    if folder is not None:
        raise SiteFolderError(
            f"the site folder {site_dir} would overwrite {folder}, where your journal lives: "
            "build into another folder (site_dir in mkdocs.yml, or -d)"
        )
