"""The MkDocs plugin: adds the journal's pages in memory and watches its folders."""

from __future__ import annotations

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

from . import offline
from .diagnostics import JournalError
from .publish import clashing_folder
from .queries.privacy import PUBLIC_FIELDS
from .render import INDEX_PAGES
from .sanitize import NoteRenderer
from .site import GeneratedSite, generate
from .values import BadValue, parse_date

log = logging.getLogger("mkdocs.plugins.netjournal")

# Set by `netjournal build/serve --today/--public`: the one way to reach `mkdocs serve`'s
# rebuilds, which load mkdocs.yml afresh each time.
TODAY_VARIABLE = "NETJOURNAL_TODAY"
PUBLIC_VARIABLE = "NETJOURNAL_PUBLIC"
_MATERIAL_DEFAULT_FONT = {"text": "Roboto", "code": "Roboto Mono"}
_NEEDED_EXTENSIONS = ("tables", "attr_list", "toc")


class NetjournalConfig(Config):  # type: ignore[no-untyped-call]
    contacts = c.Dir(exists=True, default="contacts")
    journal = c.Dir(exists=True, default="journal")
    offline = c.Type(bool, default=True)  # browsable from disk: .html links, search included
    public = c.Type(bool, default=False)  # leave out private records and personal fields
    public_fields = c.ListOfItems(c.Choice(PUBLIC_FIELDS), default=[])
    today = c.Optional(c.Type((str, date)))  # a YAML date, or text checked in on_config
    raw_html = c.Type(bool, default=False)  # trust the notes' HTML: for a one-author journal


class NetjournalPlugin(BasePlugin[NetjournalConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.serving = False
        self.last_good: GeneratedSite | None = None  # what `serve` shows while a file is broken

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup makes MkDocs keep this instance across the rebuilds of `serve`.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        configured: str | date | None = self.config.today  # type: ignore[assignment]
        self.today = resolve_today(configured, os.environ.get(TODAY_VARIABLE))
        refuse_site_dir(Path(config.site_dir), self.config)
        self.public = self.config.public or os.environ.get(PUBLIC_VARIABLE) == "1"
        if config.theme.name == "material" and config.theme.get("font") == _MATERIAL_DEFAULT_FONT:
            config.theme["font"] = False  # private by default: no request to Google Fonts
        for extension in _NEEDED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if self.config.offline:
            config.use_directory_urls = False  # so links work from file://
            polyfills = config.extra.setdefault("polyfills", [])
            if offline.WORKER_SHIM not in polyfills:
                polyfills.append(offline.WORKER_SHIM)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        root = Path(config.config_file_path or ".").resolve().parent
        try:
            site = generate(
                root,
                Path(self.config.contacts),
                Path(self.config.journal),
                self.today,
                public=self.public,
                public_fields=self.config.public_fields,
                notes=NoteRenderer(
                    config.markdown_extensions, config.mdx_configs, raw_html=self.config.raw_html
                ),
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
        else:
            self.last_good = site
        for problem in site.warnings:
            log.warning(str(problem))
        add_pages(files, config, site.pages)
        if self.config.offline:
            files.append(File.generated(config, offline.WORKER_SHIM, content=offline.worker_shim()))
        return files

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.offline:
            offline.inline_search_index(Path(config.site_dir))

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        for folder in (self.config.contacts, self.config.journal):
            server.watch(folder)
        return server


def refuse_site_dir(site_dir: Path, options: NetjournalConfig) -> None:
    """Stop a build whose site folder would replace or hold the journal's own files."""
    folder = clashing_folder(site_dir, [Path(options.contacts), Path(options.journal)])
    if folder is not None:
        raise PluginError(
            f"the site folder {site_dir} would overwrite {folder}, where your journal lives: "
            "build into another folder (site_dir in mkdocs.yml, or -d)"
        )


def resolve_today(configured: str | date | None, override: str | None) -> date:
    """`today` from the CLI's override, else mkdocs.yml, else the real date."""
    chosen = override or configured
    if chosen is None:
        return date.today()
    try:
        return parse_date(chosen)
    except BadValue as bad:
        raise PluginError(f"netjournal 'today': {bad.message}") from None


def add_pages(files: Files, config: MkDocsConfig, pages: dict[str, str]) -> None:
    """Add the generated pages to `files`; only the index pages go into the navigation.

    A page the user wrote at the same path in `docs/` is kept instead of the generated one.
    """
    for uri, markdown in pages.items():
        if files.get_file_from_path(uri) is not None:
            log.info("netjournal: keeping your own %s instead of the generated page", uri)
            continue
        inclusion = InclusionLevel.INCLUDED if uri in INDEX_PAGES else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, uri, content=markdown, inclusion=inclusion))
    if config.nav is None:
        own = [f.src_uri for f in files.documentation_pages() if f.src_uri not in pages]
        config.nav = [{title: uri} for uri, title in INDEX_PAGES.items()] + own


def _errors_sentence(error: JournalError) -> str:
    errors = [p for p in error.problems if p.is_error]
    lines = [str(p) for p in error.problems]
    noun = "error" if len(errors) == 1 else "errors"
    return (
        "\n".join(lines) + f"\nThe journal has {len(errors)} {noun}: fix the files named above "
        "(`netjournal check` lists them), then build again."
    )
