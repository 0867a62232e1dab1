"""The MkDocs plugin: adds the journal's pages in memory and watches its folders."""

from __future__ import annotations

import io
import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from netjournal.diagnostics import JournalError
from netjournal.options import (
    PUBLIC_VARIABLE,
    TODAY_VARIABLE,
    JournalOptions,
    OptionsError,
    is_empty_docs_dir,
    plugin_options,
    resolve_today,
)
from netjournal.plugin import accessible, offline, search
from netjournal.plugin.first_pages import Checked, TwoSteps
from netjournal.plugin.incremental import GeneratedPage, Rebuilds
from netjournal.progress import Progress
from netjournal.queries.privacy import PUBLIC_FIELDS
from netjournal.queries.stage import DEFAULT_CREDIBILITY_TOUCHES
from netjournal.read.kept import KeptJournal
from netjournal.render import INDEX_PAGES
from netjournal.render.sanitize import NoteRenderer
from netjournal.site import GeneratedSite, prepare
from netjournal.site_folder import (
    SiteFolderError,
    refuse_journal_folder,
    refuse_unless_mkdocs_may_clean,
    write_marker,
)

log = logging.getLogger("mkdocs.plugins.netjournal")

# Set by `netjournal build/serve --today/--public`: the one way to reach `mkdocs serve`'s
# rebuilds, which load mkdocs.yml afresh each time.
_MATERIAL_DEFAULT_FONT = {"text": "Roboto", "code": "Roboto Mono"}
# md_in_html: timelines; smarty: typographic quotes and dashes in every journal, without a
# line in its mkdocs.yml.
_NEEDED_EXTENSIONS = ("tables", "attr_list", "toc", "md_in_html", "smarty")


class NetjournalConfig(Config):  # type: ignore[no-untyped-call]
    """The options as MkDocs types them; `options.py` checks them and says what is wrong."""

    # Checked by netjournal's own options (plugin_options): a folder named here must exist,
    # and a default one not made yet (git keeps no empty folder) is read as empty. Each is one
    # folder or a list of them (`[People, CRM/Contacts]`), relative to mkdocs.yml.
    contacts = c.Type((str, list), default="contacts")
    journal = c.Type((str, list), default="journal")
    exclude = c.Type((str, list), default=[])  # globs of files and folders never read
    offline = c.Type(bool, default=True)  # browsable from disk: .html links, search included
    public = c.Type(bool, default=False)  # leave out private records and personal fields
    public_fields = c.ListOfItems(c.Choice(PUBLIC_FIELDS), default=[])
    today = c.Optional(c.Type((str, date)))  # a YAML date, or text checked in on_config
    raw_html = c.Type(bool, default=False)  # trust the notes' HTML: for a one-author journal
    credibility_touches = c.Type(
        int, default=DEFAULT_CREDIBILITY_TOUCHES
    )  # touches to reach credibility (VCP stage)
    tasks = c.Type(bool, default=True)  # a task (`- [ ] …`) in the notes is a follow-up


class NetjournalPlugin(BasePlugin[NetjournalConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.serving = False
        self.last_good: GeneratedSite | None = None  # what `serve` shows while a file is broken
        self.kept_last_good = False  # the last build showed last_good again: a file is broken
        self.offline: Any = None  # Material's offline plugin, run by this one when `offline`
        # How far MkDocs has got with the pages, on a terminal (a long build's only sign of life)
        self.converting = self.writing = Progress("", "", stream=io.StringIO())
        # Under `serve`: what the last build wrote, so a rebuild converts only changed pages,
        # and the notes' renderer, whose memo of each note's HTML outlives a rebuild.
        self.rebuilds = Rebuilds()
        self.notes: tuple[str, NoteRenderer] | None = None
        self.kept: tuple[str, KeptJournal] | None = None  # the journal, read again per save
        self.pages_built = self.pages_total = 0  # pages the last build converted, of all
        # Under `netjournal serve`: a save's pages first, the others checked after
        # (first_pages.py); `checked` is serve's way to hear of the check, set in on_serve.
        self.steps = TwoSteps()
        self.checked: Checked | None = None

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        """MkDocs' errors and warnings about the options; a mistake in them stops the build.

        MkDocs would only warn about an unknown option, and a misspelt `pubilc: true` would
        publish the private site: netjournal's own check raises instead, naming the line.
        """
        try:
            self.options: JournalOptions = plugin_options(options, config_file_path)
        except OptionsError as error:
            raise PluginError(str(error)) from None
        # `keys` (checked above) would shadow the Config mapping's own keys(): not declared.
        typed = {name: value for name, value in options.items() if name != "keys"}
        return super().load_config(typed, config_file_path)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup makes MkDocs keep this instance across the rebuilds of `serve`.
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        # MkDocs keeps this instance for the process: what serve kept goes with serve.
        self.steps.stop()
        self.serving, self.last_good, self.kept_last_good = False, None, False
        self.rebuilds, self.notes, self.kept = Rebuilds(), None, None
        self.steps, self.checked = TwoSteps(), None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.today = resolve_today(self.options.today, os.environ.get(TODAY_VARIABLE))
        except OptionsError as error:
            raise PluginError(f"netjournal 'today': {error}") from None
        refuse_site_dir(Path(config.site_dir), self.options)
        use_own_docs(config)
        self.public = self.options.public or os.environ.get(PUBLIC_VARIABLE) == "1"
        if config.theme.name == "material" and config.theme.get("font") == _MATERIAL_DEFAULT_FONT:
            config.theme["font"] = False  # private by default: no request to Google Fonts
        for extension in _NEEDED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if config.theme.name == "material":
            _add_accessibility(config)
        # Browsable from disk: .html links, the search index as a script, a worker shim.
        self.offline = offline.material_offline(config) if self.options.offline else None
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        root = Path(config.config_file_path or ".").resolve().parent
        self.steps.stop()  # a background check in progress stops before the notes are used
        try:
            lazy = prepare(
                root,
                self.options.contact_folders,
                self.options.journal_folders,
                self.today,
                public=self.public,
                public_fields=self.options.public_fields,
                docs=Path(config.docs_dir),
                credibility_touches=self.options.credibility_touches,
                conventions=self.options.conventions,
                progress=True,  # on a terminal, how many files are read
                notes=self._note_renderer(config),
                kept=self._kept_journal(root, config),
            )
        except JournalError as error:
            if not (self.serving and self.last_good):
                raise PluginError(_errors_sentence(error)) from None
            for problem in error.problems:
                log.error(str(problem))
            log.error(
                "netjournal: still serving the journal as it was before these errors; "
                "fix the files named above and save to rebuild"
            )
            site = self.last_good
            self.kept_last_good = True
        else:
            two_steps = self.checked is not None
            chosen = self.steps.choose(lazy.site, two_steps) if self.serving else None
            self.last_good = site = lazy.generated(chosen)
            self.kept_last_good = False
        for problem in site.warnings:
            log.warning(str(problem))
        add_pages(files, config, site.pages)
        add_files(files, config, site.files)
        if config.theme.name == "material":
            for uri in (*accessible.STYLESHEETS, *accessible.SCRIPTS):
                files.append(File.generated(config, uri, content=accessible.asset(uri)))
        if self.options.offline:
            files.append(File.generated(config, offline.WORKER_SHIM, content=offline.worker_shim()))
        self.rebuilds.built = []
        if self.serving:  # which pages the rebuild must convert (only a dirty build asks)
            self.rebuilds.mark(files, config, site.pages)
        # Under serve, the pages a rebuild converts; else every page.
        pages = sum(1 for f in files.documentation_pages() if not self.serving or f.is_modified())
        self.converting = Progress("Converting pages to HTML", "pages", pages)
        self.writing = Progress("Writing pages", "pages", pages)
        return files

    def _kept_journal(self, root: Path, config: MkDocsConfig) -> KeptJournal | None:
        """Under `serve`, the journal kept since the last build, while it is read with the
        same settings: each save reads again only the files that changed (read/kept.py)."""
        if not self.serving:
            return None
        docs, options = Path(config.docs_dir), self.options
        folders = (options.contact_folders, options.journal_folders)
        settings = repr((root, *folders, self.public, docs, options.conventions))
        if self.kept is None or self.kept[0] != settings:
            kept = KeptJournal(
                root,
                options.contact_folders,
                options.journal_folders,
                public=self.public,
                docs=docs,
                conventions=options.conventions,
            )
            self.kept = (settings, kept)
        return self.kept[1]

    def _note_renderer(self, config: MkDocsConfig) -> NoteRenderer:
        """The notes' renderer for this build: under `serve`, the last build's (and its memo)
        while the Markdown settings are the same."""
        settings = repr(
            (
                config.markdown_extensions,
                config.mdx_configs,
                self.options.raw_html,
                config.use_directory_urls,
            )
        )
        if self.serving and self.notes is not None and self.notes[0] == settings:
            return self.notes[1]
        notes = NoteRenderer(
            config.markdown_extensions,
            config.mdx_configs,
            raw_html=self.options.raw_html,
            directory_urls=config.use_directory_urls,
            memo=self.serving,
        )
        self.notes = (settings, notes) if self.serving else None
        return notes

    def on_nav(self, nav: Navigation, /, **kwargs: Any) -> Navigation:
        if self.serving:
            self.rebuilds.name_skipped_pages(nav)
        return nav

    def on_page_content(self, html: str, /, **kwargs: Any) -> str:
        self.converting.advance()
        self.rebuilds.converted(kwargs["page"].url)
        return accessible.label_cells(accessible.label_tables(html))

    def on_post_page(self, output: str, /, **kwargs: Any) -> str:
        self.converting.close()  # every page is converted before the first is written
        self.writing.advance()
        return output

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.writing.close()
        site_dir = Path(config.site_dir)
        built, pages = self.rebuilds.built, self.rebuilds.page_urls()
        kept = self.rebuilds.search if self.serving else {}
        # Folded, with the entries of the pages a dirty build skipped; before the offline copy.
        entries = search.write_search_index(site_dir, built, pages, kept)
        if self.offline is not None:
            self.offline.on_post_build(config=config)
        write_marker(site_dir)  # so the next build knows the folder is ours
        self.pages_built, self.pages_total = len(built), len(pages)
        if self.serving:
            self.rebuilds.search = entries
            self.rebuilds.finish(site_dir)
            if not self.kept_last_good:  # else the check would ask for a build that fails
                self.steps.check_later(self.checked)  # the pages this build left as they were
        else:
            self.rebuilds = Rebuilds()

    def on_build_error(self, *, error: Exception) -> None:
        self.rebuilds.forget()  # what was written is unknown: the next build converts all
        self.kept = None  # nor is what a read cut short kept: the next one reads all

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        folders = self.options.folders
        checked = getattr(server, "pages_checked", None)  # netjournal serve's server
        self.checked = checked if callable(checked) else None
        watch_journal = getattr(server, "watch_journal", None)
        if watch_journal is not None:
            watch_journal(folders)  # follows a folder deleted and made again
        else:
            for folder in folders:
                if folder.is_dir():  # one not made yet is not watched (MkDocs cannot)
                    server.watch(str(folder))
        return server


def _add_accessibility(config: MkDocsConfig) -> None:
    # Before Material's templates (a partial naming the search dialog) and before the user's
    # own stylesheets and scripts, so that theirs still override netjournal's.
    folder = str(accessible.theme_folder())
    if folder not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, folder)
    for position, stylesheet in enumerate(accessible.STYLESHEETS):
        if stylesheet not in config.extra_css:
            config.extra_css.insert(position, stylesheet)
    scripts = [str(s) for s in config.extra_javascript]
    for position, script in enumerate(accessible.SCRIPTS):
        if script not in scripts:
            config.extra_javascript.insert(position, script)


def use_own_docs(config: MkDocsConfig) -> None:
    """docs/ beside mkdocs.yml as `docs_dir`, when mkdocs.yml lent an empty one and it exists.

    A journal's mkdocs.yml may say `docs_dir: !!python/object/apply:netjournal.options.
    empty_docs_dir []` so that a clone without docs/ builds (MkDocs checks docs_dir before any
    plugin runs); from here on, files are not gathered yet, so docs/ can still be used.
    """
    if is_empty_docs_dir(config.docs_dir) and config.config_file_path:
        own = Path(config.config_file_path).resolve().parent / "docs"
        if own.is_dir():
            config.docs_dir = str(own)


def refuse_site_dir(site_dir: Path, options: JournalOptions) -> None:
    """Stop a build whose site folder would lose the journal or files netjournal did not write.

    The journal's folders must not be in it or hold it, and MkDocs deletes every entry of a
    site folder but hidden ones before it builds.
    """
    try:
        for folder in options.folders:  # each listed contacts and journal folder
            refuse_journal_folder(site_dir, folder, folder)
        refuse_unless_mkdocs_may_clean(site_dir)
    except SiteFolderError as error:
        raise PluginError(str(error)) from None


def add_pages(files: Files, config: MkDocsConfig, pages: dict[str, str]) -> None:
    """Add the generated pages to `files`; only the index pages go into the navigation.

    A page the user wrote at the same path in `docs/` is kept instead of the generated one,
    with a warning (the dashboard or a contact's page silently gone would be a surprise).
    """
    for uri, markdown in pages.items():
        if files.get_file_from_path(uri) is not None:
            _warn_replaced(config, uri, "page")
            continue
        inclusion = InclusionLevel.INCLUDED if uri in INDEX_PAGES else InclusionLevel.NOT_IN_NAV
        files.append(GeneratedPage.generated(config, uri, content=markdown, inclusion=inclusion))
    if config.nav is None:
        own = [f.src_uri for f in files.documentation_pages() if f.src_uri not in pages]
        config.nav = [{title: uri} for uri, title in INDEX_PAGES.items()] + own


def add_files(files: Files, config: MkDocsConfig, published: dict[str, str | bytes]) -> None:
    """Add the generated files that are not pages (the calendar feed, the notes' images),
    copied as they are.

    A file the user put at the same path in `docs/` is kept instead of the generated one,
    with a warning.
    """
    for uri, text in published.items():
        if files.get_file_from_path(uri) is not None:
            _warn_replaced(config, uri, "file")
            continue
        files.append(File.generated(config, uri, content=text))


def _warn_replaced(config: MkDocsConfig, uri: str, what: str) -> None:
    yours = Path(config.docs_dir, uri)
    shown = os.path.relpath(yours) if yours.is_absolute() else str(yours)
    log.warning(
        "netjournal: %s is published instead of the %s netjournal makes at %s: rename yours "
        "to keep both",
        shown,
        what,
        uri,
    )


def _errors_sentence(error: JournalError) -> str:
    errors = [p for p in error.problems if p.is_error]
    lines = [str(p) for p in error.problems]
    noun = "error" if len(errors) == 1 else "errors"
    return (
        "\n".join(lines) + f"\nThe journal has {len(errors)} {noun}: fix the files named above "
        "(`netjournal check` lists them), then build again."
    )
