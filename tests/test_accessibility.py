"""No serious or critical WCAG 2.2 AA finding by axe-core on any kind of page, in three modes.

One built site per journal and one browser for the whole session: the sample, and a journal
with README's minimal mkdocs.yml (Material's default palette) that takes every branch of
every template.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from accessibility import MODES, findings, kinds_of_page, ready
from browser import chromium, needs_chromium, serving
from conftest import MINIMAL_MKDOCS, TODAY

pytestmark = [pytest.mark.browser, needs_chromium]

BRANCHES = Path(__file__).parent / "golden" / "journals" / "branches"


@pytest.fixture(scope="session")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The branches journal with README's minimal mkdocs.yml, built by `netjournal build`."""
    from click.testing import CliRunner

    from netjournal.cli import main

    root = tmp_path_factory.mktemp("minimal")
    for folder in ("contacts", "journal"):
        shutil.copytree(BRANCHES / folder, root / folder)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    site = root / "site"
    arguments = ["build", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    result = CliRunner().invoke(main, [*arguments, "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    return site


def _axe_every_page(browser, site: Path, mode: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    context = browser.new_context(**MODES[mode])
    page = context.new_page()
    with serving(site) as base:
        for path in kinds_of_page(site):
            ready(page, base + path)
            found[path] = findings(page)
        ready(page, base)  # the dashboard with search results open
        page.keyboard.press("/")  # Material's key for search, on a phone too
        page.locator("input.md-search__input").press_sequentially("referral", delay=10)
        page.locator(".md-search-result__item").first.wait_for()
        found["index.html with search results"] = findings(page)
    context.close()
    return {path: lines for path, lines in found.items() if lines}


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("journal", ["sample", "minimal"])
def test_no_serious_finding_on_any_kind_of_page(request, browser, journal, mode):
    site = request.getfixturevalue(f"{journal}_site")
    failing = _axe_every_page(browser, site, mode)
    assert failing == {}, "\n".join(
        f"{path}:\n  " + "\n  ".join(lines) for path, lines in failing.items()
    )
