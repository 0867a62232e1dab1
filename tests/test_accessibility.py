"""No serious or critical WCAG 2.2 AA finding by axe-core on any kind of page, in three modes.

One built site per journal and one browser for the whole session: the sample, and a journal
made by `netjournal init` (its mkdocs.yml, no docs/) into which the golden `branches`
journal's files are copied beside init's example, so that every branch of every template is
seen with the look a new user gets.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from accessibility import MODES, findings, kinds_of_page, ready, settled
from browser import needs_chromium, serving
from conftest import MINIMAL_MKDOCS, TODAY

pytestmark = [pytest.mark.browser, needs_chromium]

BRANCHES = Path(__file__).parent / "golden" / "journals" / "branches"
SPLIT = Path(__file__).parent / "golden" / "journals" / "split"


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal made by `netjournal init` (its mkdocs.yml, no docs/) holding the branches
    journal's files too, built by `netjournal build`."""
    from click.testing import CliRunner

    from netjournal.cli import main

    root = tmp_path_factory.mktemp("minimal") / "journal"
    day = ["--today", TODAY.isoformat()]
    made = CliRunner().invoke(main, ["init", str(root), *day])
    assert made.exit_code == 0, made.output
    assert not (root / "docs").exists()
    for folder in ("contacts", "journal"):
        shutil.copytree(BRANCHES / folder, root / folder, dirs_exist_ok=True)
    site = root / "site"
    arguments = ["build", "-f", str(root / "mkdocs.yml"), "-d", str(site), *day]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="session")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden `split` journal built with a page limit of 3, as a journal of thousands
    is built with 200: contacts by letter, a month in parts."""
    from functools import partial

    from click.testing import CliRunner

    from netjournal import site as site_module
    from netjournal.cli import main
    from netjournal.render import Site

    root = tmp_path_factory.mktemp("split") / "journal"
    shutil.copytree(SPLIT, root)
    (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    (root / "docs").mkdir()
    site = root / "site"
    arguments = ["build", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_module, "Site", partial(Site, page_limit=3))
        result = CliRunner().invoke(main, [*arguments, "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert (site / "contacts" / "letters" / "a.html").exists()
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
        settled(page, ".md-search-result__list")
        found["index.html with search results"] = findings(page)
    context.close()
    return {path: lines for path, lines in found.items() if lines}


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("journal", ["sample", "minimal", "split"])
def test_no_serious_finding_on_any_kind_of_page(request, browser, journal, mode):
    site = request.getfixturevalue(f"{journal}_site")
    failing = _axe_every_page(browser, site, mode)
    assert failing == {}, "\n".join(
        f"{path}:\n  " + "\n  ".join(lines) for path, lines in failing.items()
    )


PLANTS = {
    "image-alt": '<img src="portrait.png">',
    "color-contrast": '<p style="color: #b0b0b0">Last met long ago</p>',
}


@pytest.mark.parametrize("rule", sorted(PLANTS))
def test_a_planted_mistake_in_a_template_is_found(browser, write, build_site, monkeypatch, rule):
    """The check is not blind: a grey line or an image without `alt` in contact.md.j2 fails."""
    from jinja2 import ChoiceLoader, DictLoader

    from netjournal import render

    original = render._environment

    def planted(*arguments):
        env = original(*arguments)
        source = env.loader.get_source(env, "contact.md.j2")[0]
        plant = DictLoader({"contact.md.j2": source + "\n" + PLANTS[rule] + "\n"})
        env.loader = ChoiceLoader([plant, env.loader])
        return env

    monkeypatch.setattr(render, "_environment", planted)
    write("contacts/ada-lovelace.md", "---\nname: Ada Lovelace\n---\n")
    site = build_site()
    context = browser.new_context(**MODES["desktop"])
    with serving(site) as base:
        page = context.new_page()
        ready(page, base + "contacts/ada-lovelace.html")
        found = findings(page)
    context.close()
    assert any(line.split(":")[0].endswith(" " + rule) for line in found), found


def _focused(page) -> dict[str, object]:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          return {
            text: el.textContent.trim(),
            skip: el.classList.contains("md-skip"),
            sidebar: !!el.closest(".md-sidebar"),
            content: !!el.closest("article"),
            timeline: !!el.closest("article div.nj-timeline:not(.nj-plans)"),
          };
        }"""
    )


def _tab_until(page, reached: str) -> list[dict[str, object]]:
    stops = []
    for _ in range(150):
        page.keyboard.press("Tab")
        stops.append(_focused(page))
        if stops[-1][reached]:
            return stops
    raise AssertionError(f"Tab never reached the {reached}: {stops}")


def test_on_a_phone_the_closed_drawer_takes_no_focus(browser, sample_site):
    """Tabbing from the top of a page goes from the header straight to the content."""
    context = browser.new_context(**MODES["phone"])
    page = context.new_page()
    with serving(sample_site) as base:
        ready(page, base + "contacts/maria-chen.html")
        stops = _tab_until(page, "content")
    context.close()
    assert [stop["text"] for stop in stops if stop["sidebar"]] == []
    assert len(stops) <= 6, [stop["text"] for stop in stops]


def test_keyboard_alone_reaches_a_timeline_and_searches(browser, sample_site):
    """On a phone: the skip link, then Tab into the timeline; then search and open a result."""
    context = browser.new_context(**MODES["phone"])
    page = context.new_page()
    with serving(sample_site) as base:
        ready(page, base + "contacts/maria-chen.html")
        page.keyboard.press("Tab")
        assert _focused(page)["skip"], _focused(page)
        page.keyboard.press("Enter")
        stops = _tab_until(page, "timeline")
        assert [stop["text"] for stop in stops if stop["sidebar"]] == []

        page.keyboard.press("/")
        page.keyboard.type("Hargrove", delay=20)
        page.locator(".md-search-result__item").first.wait_for()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/contacts/linda-hargrove\.html"))
    context.close()
