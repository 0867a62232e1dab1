"""Make the built site browsable straight from disk (`file://…/site/index.html`).

Material's own `offline` plugin does the work: `.html` links instead of directory URLs, and
the search index written again as a script (`search/search_index.js`) that a `<script>` tag
can load where `fetch` is refused. Browsers also refuse Web Workers on `file://`, so Material
loads its author's `iframe-worker` shim, from unpkg.com unless a polyfill naming
`iframe-worker` is configured: netjournal publishes a vendored copy (`assets/vendor/`, MIT)
at `WORKER_SHIM`, so nothing is asked of another host.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from material.plugins.offline.plugin import OfflinePlugin  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig

WORKER_SHIM = "assets/netjournal/vendor/iframe-worker/shim.js"


def worker_shim() -> str:
    """The vendored `iframe-worker` shim: Material's search worker on `file://` pages."""
    vendor = files("netjournal.plugin") / "assets" / "vendor"
    return (vendor / "iframe-worker-shim.js").read_text(encoding="utf-8")


def material_offline(config: MkDocsConfig) -> Any:
    """Material's offline plugin, set up for `config` with netjournal's copy of the shim.

    The shim goes into `extra.polyfills` first, so that the plugin, which adds the CDN's
    address only when no polyfill names `iframe-worker`, leaves it out.
    """
    polyfills = config.extra.setdefault("polyfills", [])
    if WORKER_SHIM not in polyfills:
        polyfills.append(WORKER_SHIM)
    plugin = OfflinePlugin()
    plugin.load_config({})  # its defaults: no option is given, so none can be wrong
    plugin.on_config(config)
    return plugin
