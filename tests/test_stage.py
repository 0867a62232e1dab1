"""VCP stage: visibility, credibility or profitability, from the record or the file's `stage`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import MINIMAL_MKDOCS, TODAY

from netjournal.model import Stage
from netjournal.options import OptionsError, read_options
from netjournal.queries.stage import stages
from netjournal.read.journal import read_texts
from netjournal.render import render_site
from netjournal.site import generate


def meetings(slug: str, count: int, *, start: int = 1) -> dict[str, str]:
    """`count` coffees with `slug` in October 2026, one a day."""
    text = "---\ndate: 2026-10-{day:02d}\nwith: [{slug}]\n---\n"
    return {
        f"journal/2026-10-{day:02d}-{slug}.md": text.format(day=day, slug=slug)
        for day in range(start, start + count)
    }


def person(name: str, extra: str = "") -> str:
    return f"---\nname: {name}\n{extra}---\n"


JOURNAL = {
    "contacts/four.md": person("Four Touches"),
    "contacts/five.md": person("Five Touches"),
    "contacts/given.md": person("Given A Referral"),
    "contacts/received.md": person("Sent Me One"),
    "contacts/client.md": person(
        "Won Client", "referred_by: sender\nopportunities:\n  - {title: Books, status: won}\n"
    ),
    "contacts/sender.md": person("Sent A Client"),
    "contacts/lost.md": person(
        "Lost Deal", "opportunities:\n  - {title: Audit, status: lost, value: 900}\n"
    ),
    "contacts/planned.md": person("Planned Referral"),
    "contacts/known.md": person("Known Well", "stage: credibility\n"),
    **meetings("four", 4),
    **meetings("five", 5, start=10),
    "journal/2026-11-02-referral.md": """---
date: 2026-11-02
referrals:
  - {given_to: given, prospect: Someone}
  - {received_from: received, prospect: Someone else}
---
""",
    "journal/2026-12-01-plan.md": """---
date: 2026-12-01
referrals:
  - {given_to: planned, prospect: A plan}
---
""",
}


def journal_of(files: dict[str, str]):
    result = read_texts(files)
    assert not result.problems, [str(p) for p in result.problems]
    return result.journal


def test_each_stage_comes_from_touches_business_and_referrals():
    found = stages(journal_of(JOURNAL), TODAY)
    by_slug = {slug: fact.stage for slug, fact in found.items()}
    assert by_slug == {
        "four": Stage.VISIBILITY,  # one touch short of credibility
        "five": Stage.CREDIBILITY,  # 5 touches, the default
        "given": Stage.PROFITABILITY,  # a referral given to them, with one touch
        "received": Stage.PROFITABILITY,  # a referral they sent you
        "client": Stage.PROFITABILITY,  # won business, never touched
        "sender": Stage.PROFITABILITY,  # referred a client who was won
        "lost": Stage.VISIBILITY,  # lost business is no business
        "planned": Stage.VISIBILITY,  # a referral planned after today has not flowed yet
        "known": Stage.CREDIBILITY,  # set in the file
    }
    assert (found["four"].touches, found["five"].touches, found["planned"].touches) == (4, 5, 0)
    assert found["known"].set_in_file and found["known"].derived is Stage.VISIBILITY
    assert not found["five"].set_in_file


def test_the_touches_for_credibility_are_configurable():
    journal = journal_of(JOURNAL)
    assert stages(journal, TODAY, credibility_touches=4)["four"].stage is Stage.CREDIBILITY
    assert stages(journal, TODAY, credibility_touches=6)["five"].stage is Stage.VISIBILITY
    assert stages(journal, TODAY, credibility_touches=6)["five"].next_step.startswith(
        "credibility after 1 more touch;"
    )


def test_a_stage_in_the_file_overrides_even_a_lower_one():
    journal = journal_of({"contacts/x.md": person("X", "stage: visibility\n"), **meetings("x", 6)})
    fact = stages(journal, TODAY)["x"]
    assert (fact.stage, fact.derived, fact.touches) == (Stage.VISIBILITY, Stage.CREDIBILITY, 6)


def test_a_misspelt_stage_is_an_error_that_suggests_the_word():
    result = read_texts({"contacts/jane.md": "---\nname: Jane\nstage: Credibilty\n---\n"})
    [problem] = result.problems
    assert (problem.code, problem.line, problem.is_error) == ("NJ115", 3, True)
    assert "unknown stage 'Credibilty' (did you mean 'credibility'?)" in problem.message
    assert result.journal.contacts["jane"].stage is None  # read, with the stage derived


def test_the_contact_page_says_the_stage_the_touches_and_what_comes_next():
    pages = render_site(journal_of(JOURNAL), TODAY)
    assert (
        "- **Stage:** [visibility](index.md#stages) — 4 touches so far; credibility after "
        "1 more touch; profitability once business or a referral flows"
    ) in pages["contacts/four.md"]
    assert (
        "- **Stage:** [credibility](index.md#stages) — 5 touches so far; profitability once "
        "business or a referral flows"
    ) in pages["contacts/five.md"]
    assert (
        "- **Stage:** [credibility](index.md#stages) — 0 touches so far; set in the file "
        "(the journal says visibility)"
    ) in pages["contacts/known.md"]


def test_the_contacts_index_has_a_stage_column_a_filter_by_stage_and_the_rule():
    page = render_site(journal_of(JOURNAL), TODAY, credibility_touches=4)["contacts/index.md"]
    assert "| Name | Company | Relationship | Source | Stage | Touches | Last touch |" in page
    # The stage carries its place in the order (visibility 0, credibility 1, profitability 2)
    # for the contacts finder's sort.
    assert "| [Four Touches](four.md) |" in page
    assert '| <data value="1">credibility</data> | 4 |' in page
    assert '| <data value="1">credibility</data> (set in the file) | 0 |' in page
    assert "[Visibility \\(2\\)](index.md#stage-visibility)" in page
    section = page.split("### Credibility (3) {#stage-credibility}")[1].split("###")[0]
    assert "[Five Touches](five.md)" in section and "[Known Well](known.md)" in section
    assert "[Won Client]" not in section
    assert "## How the stage is found {#stages}" in page
    assert "**credibility** after 4 touches" in page


def test_an_empty_stage_says_nobody_is_there():
    page = render_site(journal_of({"contacts/a.md": person("A")}), TODAY)["contacts/index.md"]
    assert "### Profitability (0) {#stage-profitability}\n\nNobody at this stage yet." in page


@pytest.fixture
def config(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("contacts", "journal"):
        (tmp_path / name).mkdir()
    return tmp_path / "mkdocs.yml"


def test_credibility_touches_is_read_from_mkdocs_yml(config):
    config.write_text("plugins:\n  - netjournal:\n      credibility_touches: 8\n", "utf-8")
    assert read_options(Path("mkdocs.yml")).credibility_touches == 8
    config.write_text("plugins:\n  - netjournal\n", "utf-8")
    assert read_options(Path("mkdocs.yml")).credibility_touches == 5


@pytest.mark.parametrize("value", ["0", "five", "2.5", "true", "[5]", "1001"])
def test_a_bad_credibility_touches_names_the_line(config, value):
    config.write_text(f"plugins:\n  - netjournal:\n      credibility_touches: {value}\n", "utf-8")
    with pytest.raises(OptionsError) as raised:
        read_options(Path("mkdocs.yml"))
    assert str(raised.value).startswith("mkdocs.yml:3: netjournal option 'credibility_touches'")
    assert "whole number of touches from 1 to 1000" in str(raised.value)


def test_a_build_uses_the_credibility_touches_of_mkdocs_yml(tmp_path, build_site):
    (tmp_path / "contacts").mkdir()
    (tmp_path / "contacts/four.md").write_text(person("Four Touches"), "utf-8")
    for path, text in meetings("four", 4).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, "utf-8")
    config = MINIMAL_MKDOCS.replace(
        "  - netjournal\n", "  - netjournal:\n      credibility_touches: 3\n"
    )
    site = build_site(config=textwrap.dedent(config))
    page = (site / "contacts/four.html").read_text("utf-8")
    assert "credibility</a> — 4 touches so far" in page


def test_a_public_build_shows_no_private_contact_by_stage(tmp_path):
    (tmp_path / "contacts").mkdir()
    (tmp_path / "journal").mkdir()
    (tmp_path / "contacts/ann.md").write_text(person("Ann Public"), "utf-8")
    (tmp_path / "contacts/zed.md").write_text(person("Zed Hidden", "private: true\n"), "utf-8")
    (tmp_path / "journal/2026-11-01-r.md").write_text(
        "---\ndate: 2026-11-01\nreferrals:\n  - {given_to: zed, prospect: Someone}\n---\n",
        "utf-8",
    )
    site = generate(tmp_path, tmp_path / "contacts", tmp_path / "journal", TODAY, public=True)
    page = site.pages["contacts/index.md"]
    assert "Zed" not in page and "zed" not in page
    assert "[Visibility \\(1\\)](index.md#stage-visibility)" in page
    assert "[Profitability \\(0\\)](index.md#stage-profitability)" in page
