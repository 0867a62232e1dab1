"""Words: counts agree with their nouns, one name for the soon window, typographic text,
and an empty journal that says how to begin."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import markdown
from click.testing import CliRunner
from conftest import REPO, TODAY, Write

from netjournal.cli import main
from netjournal.render.escape import external_link, markdown_text, page_title
from netjournal.render.words import count, plural, soon_window
from netjournal.site import generate

# Every noun the site and the terminal count, in the plural: "1 <one of these>" is a slip.
NOUNS = (
    "contact", "entry", "journal entry", "touch", "follow-up", "day", "person", "event",
    "opportunity", "need", "tag", "tree", "suggestion", "error", "warning", "file", "referral",
)  # fmt: skip
ONE_OF_MANY = re.compile(
    r"\b1 (?:" + "|".join(re.escape(plural(n)) for n in NOUNS) + r"|people)\b(?!\))"
)

ONE_OF_EACH = {
    "contacts/ann-lee.md": (
        "---\nname: Ann Lee\ncadence: 1d\ntags: [golf]\nneeds: [A bookkeeper]\n"
        "offers: [golf lessons]\nintroduced_by: bo-park\n"
        "opportunities:\n  - {title: Books, date: 2026-10-01, status: won, value: 100, "
        "source: referral}\n---\n"
    ),
    "contacts/bo-park.md": "---\nname: Bo Park\nbirthday: 1980-11-24\n---\n",
    "journal/2026/2026-11-21-golf.md": (
        "---\ndate: 2026-11-21\nkind: event\nwith: [ann-lee]\ntags: [golf]\n"
        "follow_ups:\n  - {what: Send the scorecard, due: 2026-11-22}\n"
        "  - {what: Book the next round, due: 2026-11-24}\n---\n"
    ),
}


def _journal(write: Write, files: dict[str, str]) -> None:
    for path, text in files.items():
        write(path, text)
    write("mkdocs.yml", "site_name: T\nplugins: [netjournal]\n")


def _cli(tmp_path: Path, *arguments: str) -> str:
    config = ["-f", str(tmp_path / "mkdocs.yml")]
    result = CliRunner().invoke(main, [*arguments, *config], catch_exceptions=False)
    return result.output


def test_count_agrees_with_its_noun() -> None:
    assert [count(1, "entry"), count(0, "entry"), count(2, "touch")] == [
        "1 entry",
        "0 entries",
        "2 touches",
    ]
    assert [count(1, "person"), count(3, "person"), count(1, "day")] == [
        "1 person",
        "3 people",
        "1 day",
    ]


def test_no_page_and_no_terminal_report_says_one_of_a_plural(write: Write, tmp_path: Path) -> None:
    _journal(write, ONE_OF_EACH)
    site = generate(tmp_path, tmp_path / "contacts", tmp_path / "journal", TODAY)
    sample = generate(REPO, REPO / "contacts", REPO / "journal", TODAY, git_history=False)
    pages = {f"one/{u}": p for u, p in site.pages.items()} | sample.pages
    slips = {uri: ONE_OF_MANY.findall(page) for uri, page in pages.items()}
    assert {uri: found for uri, found in slips.items() if found} == {}
    # The one-of-each journal does say "1 contact" and "1 touch" where it counts them.
    assert "1 journal entry" in site.pages["index.md"]
    assert "1 touch so far" in site.pages["contacts/ann-lee.md"]
    assert "1 event; 1 person met, 1 became a client" in site.pages["events.md"]
    due = _cli(tmp_path, "due", "--today", TODAY.isoformat())
    check = _cli(tmp_path, "check")
    assert not ONE_OF_MANY.findall(due + check), due + check
    assert "0 errors, 0 warnings (2 contacts, 1 entry read)" in check


def test_the_soon_window_has_one_name_on_the_site_and_in_the_terminal(
    write: Write, tmp_path: Path
) -> None:
    _journal(write, ONE_OF_EACH)
    pages = generate(tmp_path, tmp_path / "contacts", tmp_path / "journal", TODAY).pages
    due = _cli(tmp_path, "due", "--today", TODAY.isoformat())
    name = soon_window()
    assert name == "Due in the next 7 days"
    assert f"## {name} (1)" in pages["index.md"]
    assert f"## {name} (1)" in pages["follow-ups.md"]
    assert f"{name} (1)" in due
    for text in (*pages.values(), due):
        assert "within 7" not in text and "this week" not in text


def test_dashes_and_quotes_are_typographic_and_nothing_is_unescaped() -> None:
    typed = 'Call -- "urgent" --- <b>x</b> | *y* ----- 1-2'
    html = markdown.markdown(markdown_text(typed), extensions=["smarty", "tables"])
    assert "<b>" not in html  # shown as typed, never made a tag again
    assert unescape(html) == "<p>Call \u2013 \u201curgent\u201d \u2014 <b>x</b> | *y* ----- 1-2</p>"
    assert 'title: "Call \u2013 \\"urgent\\""' in page_title('Call -- "urgent"')
    # An address keeps its hyphens, shown and linked.
    assert (
        external_link("https://a.example/x--y")
        == "[https://a\\.example/x\\-\\-y](https://a.example/x--y)"
    )


def test_the_built_sample_has_typographic_titles_notes_and_tag_pages(sample_site: Path) -> None:
    month = unescape((sample_site / "journal" / "2026-11.html").read_text(encoding="utf-8"))
    assert "BNI weekly meeting \u2013 visitor day planning" in month
    assert "\u201cHow to spot a referral\u201d" in month  # a title's quotes, by smarty
    assert "I still haven\u2019t called \u2013 embarrassing" in month  # the notes'
    assert "\\-\\-" not in month and "meeting -- visitor" not in month
    bni = (sample_site / "tags" / "bni.html").read_text(encoding="utf-8")
    assert "Notes for my BNI education slot" in bni and "Dave Kowalski" in bni


def test_an_empty_journal_says_how_to_add_the_first_contact_and_entry(tmp_path: Path) -> None:
    (tmp_path / "contacts").mkdir()
    (tmp_path / "journal").mkdir()
    pages = generate(tmp_path, tmp_path / "contacts", tmp_path / "journal", TODAY).pages
    dashboard = pages["index.md"]
    assert "Well kept" not in dashboard and "| 0 |" not in dashboard
    assert 'netjournal new contact "Jane Doe"' in dashboard
    assert 'netjournal log "Coffee with Jane" --with jane-doe' in dashboard
    assert 'netjournal new contact "Jane Doe"' in pages["contacts/index.md"]
    assert "| Name |" not in pages["contacts/index.md"]
    assert "netjournal log" in pages["journal/index.md"]
    assert "| Month |" not in pages["journal/index.md"]
