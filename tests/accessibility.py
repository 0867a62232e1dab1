"""axe-core (vendored, tests/vendor/axe-core) run in Debian's Chromium on a built site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"serious", "critical"}
MODES: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "dark": {"viewport": {"width": 1280, "height": 800}, "color_scheme": "dark"},
    "phone-dark": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "color_scheme": "dark",
    },
}

_RUN = """async (rules) => {
  const only = {runOnly: {type: "tag", values: rules}, resultTypes: ["violations"]};
  const result = await axe.run(document, only);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact,
    nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary.split("\\n")[1])
  }));
}"""


def ready(page: Any, url: str) -> None:
    """Open `url` and wait until netjournal's script has made scrolling regions reachable."""
    page.goto(url)
    page.wait_for_selector("body[data-nj-scrollers]", state="attached")


_SETTLED = """(selector) => new Promise((resolve) => {
  const target = document.querySelector(selector);
  let quiet;
  const done = () => { seen.disconnect(); resolve(); };
  const wait = () => { clearTimeout(quiet); quiet = setTimeout(done, 300); };
  const seen = new MutationObserver(wait);
  seen.observe(target, {childList: true, subtree: true});
  wait();
})"""


def settled(page: Any, selector: str) -> None:
    """Wait until nothing under `selector` has changed for 0.3 s: search answers each key
    typed, so the results of the first letters may still be replaced by the last ones'."""
    page.evaluate(_SETTLED, selector)


def findings(page: Any) -> list[str]:
    """Every serious or critical axe finding on the page as it is now, one line per node."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    lines = []
    for violation in page.evaluate(_RUN, RULES):
        if violation["impact"] in BLOCKING:
            for node in violation["nodes"]:
                lines.append(f"{violation['impact']} {violation['id']}: {node}")
    return lines


def kinds_of_page(site: Path) -> list[str]:
    """One page of every kind the site has; three contacts (the longest, shortest, middle)."""
    contacts = sorted(
        (p for p in (site / "contacts").glob("*.html") if p.name != "index.html"),
        key=lambda p: p.stat().st_size,
    )
    chosen = {contacts[-1], contacts[0], contacts[len(contacts) // 2]} if contacts else set()
    months = sorted((site / "journal").glob("[0-9]*.html"))
    sources = sorted(p for p in (site / "sources").glob("*.html") if p.name != "index.html")
    pages = [
        "index.html",
        "contacts/index.html",
        "follow-ups.html",
        "sources/index.html",
        "journal/index.html",
        *sorted(p.relative_to(site).as_posix() for p in chosen),
        *(p.relative_to(site).as_posix() for p in (*months[-1:], *sources[:1])),
    ]
    pages += [page for page in ("needs.html", "events.html") if (site / page).exists()]
    pages += [p for p in ("referrals.html", "network.html") if (site / p).exists()]
    tags = sorted((site / "tags").glob("*.html"), key=lambda p: p.stat().st_size)
    tag_pages = [p for p in tags if p.name != "index.html"]
    if tags:  # the tags index and the longest tag's page
        pages += ["tags/index.html", *(p.relative_to(site).as_posix() for p in tag_pages[-1:])]
    # A large journal's pages: a letter of the contacts index, a long month's parts.
    pages += [p.relative_to(site).as_posix() for p in sorted(site.glob("contacts/letters/*"))[:1]]
    pages += [p.relative_to(site).as_posix() for p in sorted(site.glob("journal/*/[0-9]*"))[:1]]
    if (site / "file-format.html").exists():
        pages.append("file-format.html")
    return pages
