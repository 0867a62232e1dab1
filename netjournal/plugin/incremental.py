"""`serve`'s rebuilds: only the pages whose generated Markdown changed go through MkDocs.

MkDocs' dirty build (`build(config, dirty=True)`) skips every page whose `File.is_modified()`
is false. A generated page has no source file, so MkDocs counts it as always modified; here
each one is a `GeneratedPage` that is modified only when its Markdown's digest differs from
the last build's, when its output file is missing, or when something every page shares
changed (the set of pages, the navigation, mkdocs.yml, the theme, the user's own pages):
then every page is built again, as a new contact adds a row to the contacts index and a
link target to every page's navigation.

What a dirty build leaves out is put back here: the search index entries of the pages it
skipped (search.py writes the index from the entries of the pages built now and the kept
ones of the others), the titles of skipped pages in the navigation, and the removal of the
output files of pages and files that are gone. A plain `build` never runs dirty, so none of
this changes it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from netjournal.options import PUBLIC_VARIABLE, TODAY_VARIABLE


class GeneratedPage(File):
    """A page netjournal generates, modified only when its Markdown changed (see above)."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


def digest(text: str | bytes) -> str:
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


class Rebuilds:
    """What the last complete build wrote, to tell which pages the next one must build."""

    def __init__(self) -> None:
        self.shared: str | None = None  # digest of what every page shares; None: build all
        self.pages: dict[str, str] = {}  # {generated page uri: digest of its Markdown}
        self.markdown: dict[str, str] = {}  # {uri: the Markdown digested}: the same string
        # object again (a page serve left as it was) is not digested again
        self.outputs: set[str] = set()  # every file the build wrote (absolute paths)
        self.titles: dict[str, str] = {}  # {page uri: its title}, for skipped pages in the nav
        self.search: dict[str, str] = {}  # {page url: its search entries, as JSON}
        # The build under way
        self.files: Files | None = None
        self.built: list[str] = []  # the urls of the pages converted, in order
        self.everything = True  # this build builds every page

    def mark(self, files: Files, config: MkDocsConfig, generated: Mapping[str, str]) -> None:
        """Tell each page of `files` whether the coming build must convert it again.

        `generated` is `{uri: markdown}` of the pages netjournal added (as GeneratedPage).
        """
        self.files, self.built = files, []
        shared = _shared_digest(files, config)
        self.everything = shared != self.shared
        self._next_shared, self._next_pages = shared, {}
        self._next_markdown = dict(generated)
        for file in _pages(files):
            if isinstance(file, GeneratedPage):
                markdown = generated.get(file.src_uri)
                if markdown is None:
                    page_digest = ""
                elif markdown is self.markdown.get(file.src_uri):
                    page_digest = self.pages.get(file.src_uri) or digest(markdown)
                else:
                    page_digest = digest(markdown)
                self._next_pages[file.src_uri] = page_digest
                file.changed = (
                    self.everything
                    or self.pages.get(file.src_uri) != page_digest
                    or not os.path.isfile(file.abs_dest_path)
                )
            elif self.everything:  # a page of the user's own: MkDocs compares its mtime
                setattr(file, "is_modified", _always)  # noqa: B010 (a method, per instance)

    def name_skipped_pages(self, nav: Navigation) -> None:
        """Give pages of the navigation that a dirty build will skip their last title
        (MkDocs learns a title by converting the page)."""
        for page in nav.pages:
            if page.title is None and not page.file.is_modified():
                title = self.titles.get(page.file.src_uri)
                if title is not None:
                    page.title = title

    def converted(self, url: str) -> None:
        self.built.append(url)

    def finish(self, site_dir: Path) -> None:
        """The build is complete: remove what it no longer has, and remember what it wrote."""
        files = self.files
        if files is None:
            return
        outputs = {file.abs_dest_path for file in files}
        for gone in sorted(self.outputs - outputs):
            _remove(Path(gone), site_dir)
        self.outputs = outputs
        self.shared, self.pages = self._next_shared, self._next_pages
        self.markdown = self._next_markdown
        for file in _pages(files):
            if file.page is not None and file.page.title is not None:
                self.titles[file.src_uri] = file.page.title
        self.files = None

    def forget(self) -> None:
        """A build failed halfway: the next one builds every page."""
        self.shared, self.pages, self.search, self.files = None, {}, {}, None
        self.markdown = {}

    def page_urls(self) -> list[str]:
        """The url of each page of the build under way, in the order MkDocs builds them."""
        if self.files is None:
            return []
        return [f.url for f in _pages(self.files) if f.page is not None]


def _pages(files: Files) -> list[File]:
    """Every Markdown page, drafts included (`serve` shows them)."""
    return [file for file in files if file.is_documentation_page()]


def _always() -> bool:
    return True


def _shared_digest(files: Files, config: MkDocsConfig) -> str:
    """A digest of what every page's HTML depends on besides its own Markdown."""
    parts: list[Any] = [
        _config_text(config.config_file_path),
        repr(config.nav),
        config.theme.name,
        list(config.theme.dirs),
        repr(dict(config.theme.items())),
        list(config.markdown_extensions),
        repr(config.mdx_configs),
        config.site_url,
        config.use_directory_urls,
        os.environ.get(TODAY_VARIABLE),
        os.environ.get(PUBLIC_VARIABLE),
    ]
    for file in _pages(files):
        parts.append(file.src_uri)
        if not isinstance(file, GeneratedPage) and file.abs_src_path:
            parts.append(_stamp(file.abs_src_path))
    return digest(repr(parts))


def _config_text(path: str | None) -> bytes:
    try:
        return Path(path).read_bytes() if path else b""
    except OSError:
        return b""


def _stamp(path: str) -> tuple[int, int]:
    try:
        stat = os.stat(path)
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


def _remove(path: Path, site_dir: Path) -> None:
    """Remove a file the site no longer has, and the folders it leaves empty (never the site
    folder itself, nor anything outside it)."""
    site = site_dir.resolve()
    if not path.resolve().is_relative_to(site):
        return
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder.resolve() != site and folder.resolve().is_relative_to(site):
        try:
            folder.rmdir()
        except OSError:  # not empty
            break
        folder = folder.parent
