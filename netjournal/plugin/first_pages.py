"""`serve`'s two steps: the pages a save obviously touches first, the others checked after.

A save rebuilds at once only the pages `site.first_pages` names (the changed records' own
pages, the pages of the contacts they name, the dashboard and the follow-ups page); every
other page keeps its last Markdown, so MkDocs' dirty build skips it. Once that build is
written and the browser reloaded, a background thread renders every page of the same
journal (Markdown only: it never touches MkDocs) and tells serve how many differ from what
was built; serve then rebuilds once more with exactly those pages, already rendered. A new
save stops the background pass (it checks between pages) before anything else is rendered,
so the notes' renderer is only ever used by one thread at a time.

Without a way to ask for that last rebuild (plain `mkdocs serve`), every rebuild renders
every page, as before.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from netjournal.render import Site
from netjournal.site import first_pages

HEAD_START = 0.3  # seconds the pass waits after a build before it begins

Checked = Callable[[int], None]  # told how many pages differ; asks serve for a rebuild if any


class TwoSteps:
    """What serve built last, and the background pass that checks the pages it left as
    they were."""

    def __init__(self) -> None:
        self.last: Site | None = None  # the journal the last build showed, as a site
        self.built: dict[str, str] = {}  # {uri: markdown} of every page as built last
        self.complete = True  # `built` is every page of `last`, all checked
        self.step = "all"  # what the coming build is: "all", "first" or "more" pages
        self.last_first: tuple[str, ...] = ()  # the pages the last "first" step rendered
        self.cpu = 0.0  # CPU seconds of the last background pass (all threads), finished
        self._checked: tuple[Site, dict[str, str]] | None = None  # a finished pass
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()

    def choose(self, new: Site, two_steps: bool) -> dict[str, str]:
        """The Markdown of every page for the coming build of `new`."""
        self.stop()
        more = self._take_checked()
        first = first_pages(self.last, new) if two_steps and self.last is not None else None
        if first is None:  # render every page now
            self.last, self.built, self.complete = new, new.pages(), True
            self.step = "all"
        elif not first:  # no record changed: the site as built, or as checked since
            self.step = "more" if more else "all"
        else:
            pages = dict(self.built)
            for uri in first:
                pages[uri] = new.page(uri)
            self.last, self.built, self.complete = new, pages, False
            self.step, self.last_first = "first", first
        return self.built

    def _take_checked(self) -> bool:
        """Use a finished background pass: its pages become the ones to build."""
        checked, self._checked = self._checked, None
        if checked is None or checked[0] is not self.last:
            return False
        changed = checked[1] != self.built
        self.built, self.complete = checked[1], True
        return changed

    def check_later(self, checked: Checked | None) -> None:
        """After a build: render and check the pages it left as they were, in the background."""
        if self.complete or checked is None or self.last is None:
            return
        self._cancel = cancel = threading.Event()
        site, built = self.last, self.built
        self._thread = threading.Thread(
            target=self._check,
            args=(site, built, cancel, checked),
            name="netjournal-check-pages",
            daemon=True,
        )
        self._thread.start()

    def _check(
        self, site: Site, built: dict[str, str], cancel: threading.Event, checked: Checked
    ) -> None:
        if cancel.wait(HEAD_START):  # the browser first fetches the page it reloads
            return
        began = time.thread_time()
        for uri in site.uris:
            if cancel.is_set():
                return
            site.page(uri)
        pages = site.pages()
        differ = sum(1 for uri, markdown in pages.items() if built.get(uri) != markdown)
        self.cpu = time.thread_time() - began
        if cancel.is_set():
            return
        self._checked = (site, pages)
        checked(differ)

    def stop(self) -> None:
        """Stop the background pass, if one runs (it stops before its next page)."""
        self._cancel.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def wait(self, seconds: float | None = None) -> bool:
        """Wait for the background pass to finish (tests, the benchmark); whether it has."""
        thread = self._thread
        if thread is not None:
            thread.join(seconds)
            return not thread.is_alive()
        return True
