"""`netjournal serve`: MkDocs' live-reload server, kept private, and never stuck or stale.

MkDocs' own `serve` listens where mkdocs.yml's `dev_addr` says (possibly every interface),
prints a traceback and leaves every request hanging when mkdocs.yml breaks during a
rebuild, and stops watching a folder for good once it is deleted (as a git checkout can do).
This one listens on 127.0.0.1 unless told otherwise, keeps serving the last good site with
a sentence, and watches a folder again when it comes back.

After the first (full) build, each rebuild is a MkDocs dirty build: the plugin marks as
modified only the pages whose generated Markdown changed (plugin/incremental.py), so a save
converts and writes a handful of pages, and each rebuild's line says how many. A save shows
first on the pages it obviously touches; the plugin then checks the others in the
background (plugin/first_pages.py) and tells the server, through `pages_checked`, how many
differ: those are built by one more rebuild.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import watchdog.events
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

from netjournal.cli.shared import count
from netjournal.cli.site_config import load_site_config
from netjournal.options import OptionsError
from netjournal.site import GeneratedSite

log = logging.getLogger("mkdocs.plugins.netjournal")

PRIVATE_HOST = "127.0.0.1"
_ADDRESS = re.compile(r"\[?([^\[\]\s]*?)\]?:(\d{1,5})")  # one lazy run, then digits: linear


@dataclass(frozen=True)
class Address:
    """Where the site is served: a host (an IP address or a name) and a port."""

    host: str
    port: int

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def is_private(self) -> bool:
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return self.host == "localhost"


def parse_address(text: str) -> Address:
    """`IP:PORT` (`127.0.0.1:8000`, `[::1]:8000`) as an Address; raises ValueError with why."""
    match = _ADDRESS.fullmatch(text.strip())
    if match is None or not match.group(1):
        raise ValueError(f"'{text}' is not IP:PORT: write it like 127.0.0.1:8000")
    port = int(match.group(2))
    if not 1 <= port <= 65535:
        raise ValueError(f"port {port} does not exist: use a port from 1 to 65535, like 8000")
    return Address(match.group(1), port)


def serving_address(explicit: str | None, configured_port: int | None) -> Address:
    """`-a` when given; else 127.0.0.1, on mkdocs.yml's port (8000 by default).

    mkdocs.yml's `dev_addr` may name every interface (`0.0.0.0`); only an explicit `-a`
    shows the journal to other computers, so a shared mkdocs.yml cannot.
    """
    if explicit is not None:
        return parse_address(explicit)
    return Address(PRIVATE_HOST, configured_port or 8000)


class JournalServer(LiveReloadServer):
    """MkDocs' server, bound before the first build, following folders that come back."""

    def __init__(
        self,
        builder: Callable[[], None],
        address: Address,
        site: str,
        mount: str,
        announce: Callable[[str], None] = print,
    ):
        super().__init__(builder, address.host, address.port, site, mount_path=mount)
        self.announce = announce
        self._listening = False
        self._journal_folders: tuple[str, ...] = ()
        self._folders_changed = False

    def listen(self) -> None:
        """Take the address now, so a port in use is said before anything is built."""
        super().server_bind()
        super().server_activate()
        self._listening = True

    def server_bind(self) -> None:
        if not self._listening:
            super().server_bind()

    def server_activate(self) -> None:
        if not self._listening:
            super().server_activate()

    def watch_journal(self, folders: Iterable[Path]) -> None:
        """Watch the journal's folders, and their parents for a folder deleted or made again.

        Watchdog stops watching a folder that disappears, and MkDocs ignores folder events,
        so the parents are watched (one level only: cheap) to notice and watch it again.
        """
        self._journal_folders = tuple(os.path.abspath(folder) for folder in folders)
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = self._on_parent_event  # type: ignore[method-assign]
        for parent in {os.path.dirname(folder) for folder in self._journal_folders}:
            if os.path.isdir(parent):
                self.observer.schedule(handler, parent, recursive=False)
        self.rewatch()

    def _on_parent_event(self, event: watchdog.events.FileSystemEvent) -> None:
        paths = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", ""))}
        if paths & set(self._journal_folders):
            self._folders_changed = True
            self.request_rebuild()

    def request_rebuild(self) -> None:
        """Rebuild soon, as a saved file would make it (MkDocs offers no public way)."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def pages_checked(self, differ: int) -> None:
        """The plugin has checked, in the background, the pages a rebuild left as they
        were: build the `differ` that are not up to date, or say they all are."""
        if differ:
            self.request_rebuild()
        else:
            self.announce(f"Checked the other pages at {_now()}: all up to date")

    def rewatch(self) -> None:
        """Watch each journal folder that exists afresh if it was deleted or made again."""
        changed, self._folders_changed = self._folders_changed, False
        for folder in self._journal_folders:
            if changed and folder in self._watched_paths:
                self.unwatch(folder)
            if os.path.isdir(folder) and folder not in self._watched_paths:
                self.watch(folder)


class _DirtyBuildNotice(logging.Filter):
    """Hides MkDocs' warning that a dirty build may leave stale navigation: the plugin
    rebuilds every page when the navigation or anything else pages share changes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def serve_journal(
    config_file: str,
    explicit_address: str | None,
    *,
    open_browser: bool,
    announce: Callable[[str], None],
) -> None:
    """Serve the journal until Ctrl-C; raises OptionsError if it cannot start.

    After the first build, a broken mkdocs.yml or journal is logged and the last good site
    stays up, so no request ever waits on a build that cannot finish.
    """
    site_dir = tempfile.mkdtemp(prefix="netjournal-serve-")
    stopping = _stop_on_signals()  # the served copy of a private site must not outlive serve
    notice = _DirtyBuildNotice()
    logging.getLogger("mkdocs.commands.build").addFilter(notice)
    try:
        config = load_site_config(config_file, site_dir=site_dir)
        address = serving_address(explicit_address, config.dev_addr.port)
        mount = urlsplit(config.site_url or "/").path or "/"
        serve_url = f"{address.url.rstrip('/')}/{mount.strip('/')}".rstrip("/") + "/"

        def fresh_config() -> MkDocsConfig:
            fresh = load_site_config(config_file, site_dir=site_dir)
            fresh.site_url = serve_url
            return fresh

        failing = False
        good_at = ""  # when the site being served was built

        def rebuild() -> None:
            nonlocal failing, good_at
            try:
                fresh = fresh_config()
                build(fresh, serve_url=serve_url, dirty=True)  # only the pages that changed
            except Exception as error:  # a rebuild that raises would hang every request
                failing = True
                log.error(
                    "%s: still serving the site as it was; fix it and save to rebuild",
                    _sentence(error),
                )
                announce(_not_rebuilt(good_at))
            else:
                if _kept_last_good(fresh):  # a journal file has an error: the plugin said which
                    failing = True
                    announce(_not_rebuilt(good_at))
                else:
                    announce(_built("Rebuilt", fresh) + (" — up to date again" if failing else ""))
                    failing, good_at = False, _now()
            finally:
                server.rewatch()

        server = JournalServer(rebuild, address, site_dir, mount, announce)
        try:
            server.listen()
        except OSError as error:
            raise OptionsError(_cannot_listen(address, error)) from None
        try:
            config.site_url = serve_url
            config.plugins.on_startup(command="serve", dirty=False)
            build(config, serve_url=serve_url)
            announce(_built("Built", config))
            good_at = _now()
            announce(_serving_line(serve_url, address, config.dev_addr.host, explicit_address))
            server.watch(config.docs_dir)
            if config.config_file_path:
                server.watch(config.config_file_path)
            served = config.plugins.on_serve(server, config=config, builder=rebuild)
            for item in config.watch:
                served.watch(item)
            served.serve(open_in_browser=open_browser)  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            announce("Stopped serving.")
        finally:
            server.shutdown()
            config.plugins.on_shutdown()
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(notice)
        shutil.rmtree(site_dir, ignore_errors=True)
        for number, handler in stopping.items():
            signal.signal(number, handler)


def _stop_on_signals() -> dict[int, Any]:
    """Make SIGTERM, and SIGINT even where a shell ignored it, stop serving like Ctrl-C.

    Returns the handlers to put back. Outside the main thread nothing can be changed.
    """

    def stop(number: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous: dict[int, Any] = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        try:
            previous[number] = signal.signal(number, stop)
        except ValueError:  # not the main thread
            break
    return previous


def _serving_line(url: str, address: Address, configured_host: str, explicit: str | None) -> str:
    if not address.is_private:
        return f"Serving your journal at {url} — other computers can see it there. Ctrl+C to stop"
    line = f"Serving your journal at {url} (this computer only) — Ctrl+C to stop"
    if explicit is None and configured_host not in (PRIVATE_HOST, "localhost"):
        line += (
            f". mkdocs.yml's dev_addr asks for {configured_host}, which netjournal serve "
            f"ignores: pass -a {configured_host}:{address.port} to share it on purpose."
        )
    return line


def _built(verb: str, config: MkDocsConfig) -> str:
    """`Rebuilt at 14:02:11: 3 contacts, 12 entries (2 of 31 pages rebuilt)`, as the plugin
    counted them, or `(no page changed)` (an editor that saves through a temporary file
    makes two events); `…; checking the others)` when the save showed on its own pages first, and
    `Checked the other pages at 14:02:15: 2 more rebuilt` for the rebuild that follows."""
    plugin = config.plugins.get("netjournal")
    shown = getattr(plugin, "last_good", None)
    if not isinstance(shown, GeneratedSite):  # mkdocs.yml does not list the plugin
        return f"{verb} at {_now()}"
    built, total = getattr(plugin, "pages_built", 0), getattr(plugin, "pages_total", 0)
    step = getattr(getattr(plugin, "steps", None), "step", "all")
    if verb == "Rebuilt" and step == "more" and isinstance(built, int):
        return f"Checked the other pages at {_now()}: {built} more rebuilt"
    contacts, entries = count(shown.contacts, "contact"), count(shown.entries, "entry", "entries")
    line = f"{verb} at {_now()}: {contacts}, {entries}"
    if verb == "Rebuilt" and isinstance(built, int) and isinstance(total, int) and total:
        checking = "; checking the others" if step == "first" else ""
        if built == 0 and not checking:  # a save that changed no page, or its second event
            return line + " (no page changed)"
        line += f" ({built} of {count(total, 'page')} rebuilt{checking})"
    return line


def _not_rebuilt(good_at: str) -> str:
    return (
        f"Not rebuilt at {_now()}: still showing the site of {good_at} until the errors "
        "above are fixed"
    )


def _kept_last_good(config: MkDocsConfig) -> bool:
    return getattr(config.plugins.get("netjournal"), "kept_last_good", False) is True


def _now() -> str:
    return datetime.now().strftime("%H:%M:%S")


def _cannot_listen(address: Address, error: OSError) -> str:
    where = f"{address.host}:{address.port}"
    if error.errno == errno.EADDRINUSE:
        return (
            f"cannot serve on {where}: something else, maybe another netjournal serve, is "
            f"using it: stop that, or pass another port, like -a {address.host}:"
            f"{address.port + 1 if address.port < 65535 else 8000}"
        )
    if error.errno == errno.EACCES:
        return f"cannot serve on {where}: this user may not use that port: use one above 1023"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"cannot serve on {where}: {address.host} is not an address of this computer"
    return f"cannot serve on {where}: {error.strerror or error}"


def _sentence(error: Exception) -> str:
    if isinstance(error, OptionsError):
        return str(error)
    text = str(error).strip() or type(error).__name__
    return f"the site was not rebuilt: {text}"
