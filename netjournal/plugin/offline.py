"""Make the built site browsable straight from disk (`file://…/site/index.html`).

Links need `.html` file names (no directory URLs), the search index must be loadable by a
`<script>` tag, and Material's search Web Worker needs a stand-in, since browsers refuse
workers on `file://`. The stand-in is netjournal's own (`assets/file-worker.js`); nothing is
fetched from a CDN.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

WORKER_SHIM = "assets/netjournal/file-worker.js"


def worker_shim() -> str:
    """The JavaScript that lets Material's search worker run on `file://` pages."""
    return (files("netjournal.plugin") / "assets" / "file-worker.js").read_text(encoding="utf-8")


def inline_search_index(site_dir: Path) -> None:
    """Write `search/search_index.js` (`var __index = …`) next to the JSON index, if any.

    Material loads this script instead of the JSON when the page is opened from disk.
    """
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        data = index.read_text(encoding="utf-8")
        (site_dir / "search" / "search_index.js").write_text(f"var __index = {data}", "utf-8")
