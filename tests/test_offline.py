"""The built site opened straight from disk (file://): links and search work, no other host.

Search on file:// rests on Material's offline plugin and the vendored `iframe-worker` shim
(netjournal/plugin/assets/vendor/); the last test checks that shim on its own, with a toy
worker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browser import needs_chromium, serving

from netjournal.plugin.offline import worker_shim

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]

CONTACT = "Linda Hargrove"
CONTACT_PAGE = "contacts/linda-hargrove.html"


@dataclass
class Visit:
    """A fresh browser tab, with what it asked for and what went wrong in it."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def elsewhere(self, start: str) -> list[str]:
        """The requested URLs, each once, that do not begin with `start`."""
        return sorted({url for url in self.requests if not url.startswith(start)})


@pytest.fixture
def visit(browser: Any) -> Iterator[Visit]:
    context = browser.new_context()
    context.set_default_timeout(10_000)
    page = context.new_page()
    visit = Visit(page)
    # The context hears requests from every frame, the worker's iframe included.
    context.on("request", lambda request: visit.requests.append(request.url))
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("pageerror", lambda error: visit.errors.append(f"uncaught: {error}"))
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    yield visit
    context.close()


def heading(locator: Any) -> str:
    """A heading's text without the permalink sign the toc extension appends."""
    return str(locator.inner_text()).rstrip("¶").strip()


def search_and_open_contact(
    page: Any, name: str = CONTACT, contact_page: str = CONTACT_PAGE
) -> None:
    """Search for a contact's surname, check the result, and follow it to the contact."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(name.split()[-1], delay=20)  # Material searches on key events
    result = page.locator(f".md-search-result__item > a[href*='{contact_page}']").first
    result.wait_for()
    assert name in result.inner_text()
    result.click()
    page.wait_for_url(re.compile(re.escape(contact_page)))
    assert heading(page.locator("article h1")) == name


def test_links_work_from_disk(visit: Visit, sample_site: Path) -> None:
    page = visit.page
    page.goto((sample_site / "index.html").as_uri())
    assert heading(page.locator("article h1")) == "Dashboard"
    link = page.locator("article table a[href*='contacts/']").first
    name = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"^file://.*/contacts/[a-z-]+\.html$"))
    assert heading(page.locator("article h1")) == name
    assert visit.elsewhere("file://") == []


def test_search_finds_a_contact_from_disk(visit: Visit, sample_site: Path) -> None:
    visit.page.goto((sample_site / "index.html").as_uri())
    search_and_open_contact(visit.page)
    # The search worker's script really was loaded, from disk (the shim adds a `?time`).
    worker = r"^file://.*/workers/search\.\w+\.min\.js(\?\d+)?$"
    assert any(re.search(worker, url) for url in visit.requests)
    assert visit.elsewhere("file://") == []


def test_no_javascript_errors_from_disk(visit: Visit, sample_site: Path) -> None:
    visit.page.goto((sample_site / "index.html").as_uri())
    visit.page.locator("article table a[href*='contacts/']").first.click()
    visit.page.wait_for_url(re.compile(r"/contacts/[a-z-]+\.html$"))
    search_and_open_contact(visit.page)  # from a page one folder down
    assert visit.errors == []


def test_search_over_http_keeps_the_real_worker(visit: Visit, sample_site: Path) -> None:
    with serving(sample_site) as base:
        visit.page.goto(base)
        search_and_open_contact(visit.page)
        assert visit.page.evaluate("String(Worker).includes('[native code]')")
        assert visit.page.locator("iframe").count() == 0
        assert visit.elsewhere(base) == []
        assert visit.errors == []


def test_search_in_more_languages_from_disk(visit: Visit, write: Any, build_site: Any) -> None:
    # Then Material's worker loads lunr's language scripts with importScripts.
    write("contacts/greta-hoffmann.md", "---\nname: Greta Hoffmann\n---\n")
    search = "  - search:\n      lang: [en, de]\n"
    site = build_site(
        config=f"site_name: T\ntheme: {{name: material}}\nplugins:\n{search}  - netjournal\n"
    )
    visit.page.goto((site / "index.html").as_uri())
    search_and_open_contact(visit.page, "Greta Hoffmann", "contacts/greta-hoffmann.html")
    assert any(url.endswith("/lunr/min/lunr.de.min.js") for url in visit.requests)
    assert visit.elsewhere("file://") == []
    assert visit.errors == []


# The vendored shim on its own, for what Material's search worker needs of it. Material's
# worker listens with addEventListener; this one with onmessage, and it needs importScripts,
# which the shim resolves against the page (Material's worker passes absolute addresses).
TOY_WORKER = """
onmessage = (event) => {
  if (event.data === "throw") throw new Error("the toy worker failed");
  if (event.data === "import") {
    // Waited for, as Material's worker does.
    Promise.resolve(importScripts("lib/helper.js")).then(() => postMessage(helper()));
    return;
  }
  self.postMessage({ echo: event.data });
};
"""
HELPER = "function helper() { return 'helped'; }"


@pytest.fixture
def toy_page(visit: Visit, tmp_path: Path) -> Any:
    (tmp_path / "workers").mkdir()
    (tmp_path / "lib").mkdir()
    (tmp_path / "shim.js").write_text(worker_shim(), encoding="utf-8")
    (tmp_path / "workers" / "toy.js").write_text(TOY_WORKER, encoding="utf-8")
    (tmp_path / "lib" / "helper.js").write_text(HELPER, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><script src="shim.js"></script><body>', "utf-8")
    visit.page.goto(page.as_uri())
    return visit.page


def run(page: Any, function: str) -> Any:
    """What the async JavaScript `function` returns in `page`; fails rather than hang."""
    timeout = "new Promise((_, no) => setTimeout(() => no(new Error('timed out')), 5000))"
    return page.evaluate(f"() => Promise.race([({function})(), {timeout}])")


def test_the_shim_keeps_message_order_and_waits_for_imports(toy_page: Any) -> None:
    replies = run(
        toy_page,
        """async () => {
        const worker = new Worker("workers/toy.js");
        const replies = [];
        const heard = new Promise((resolve) => worker.addEventListener("message", (event) => {
            replies.push(event.data);
            if (replies.length === 4) resolve();
        }));
        let viaHandler = 0;
        worker.onmessage = () => viaHandler++;
        // Before the worker's script has even loaded. (The shim copies a message when it
        // delivers it, not when it is posted; Material never changes one after posting.)
        worker.postMessage({ n: 1 });
        worker.postMessage(2);
        worker.postMessage("import");
        worker.postMessage(3);
        await heard;
        return [replies, viaHandler];
    }""",
    )
    # "import" answers last: the worker awaits its importScripts before replying.
    assert replies == [[{"echo": {"n": 1}}, {"echo": 2}, {"echo": 3}, "helped"], 4]
