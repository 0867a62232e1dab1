"""Inputs built to be slow: 1 MB lines for every regular expression over the user's text,
and thousands of slugs that name no contact.

Each must finish in well under the bound (2 CPU seconds, generous); the
real timings are in benchmarks/README.md ("Slow inputs"). Before the rewrites, a line of
60,000 characters already took a minute in four of them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import TODAY, Write

from netjournal.cli import main
from netjournal.diagnostics import Problem, did_you_mean, fold
from netjournal.read import values
from netjournal.read.date_hints import date_hint
from netjournal.read.files import slugify
from netjournal.read.front_matter import FrontMatterError, parse
from netjournal.read.front_matter_errors import fence_like, invisible_space
from netjournal.read.journal import ReadResult
from netjournal.read.records import title_from_slug
from netjournal.read.slow_markdown import BUDGET, markdown_steps, too_slow
from netjournal.render import anchor_id, render_site
from netjournal.render.escape import is_email, markdown_text
from netjournal.render.sanitize import NoteRenderer

MB = 1_000_000
BOUND = 2.0  # seconds


def _seconds(run: Callable[[], Any]) -> float:
    """CPU seconds `run` takes: the machine's other work does not count against it."""
    began = time.process_time()
    run()
    return time.process_time() - began


def _bad(parse_value: Callable[[Any], Any], text: str) -> Callable[[], None]:
    def run() -> None:
        with pytest.raises(values.BadValue):
            parse_value(text)

    return run


def _unreadable(text: str) -> Callable[[], None]:
    def run() -> None:
        with pytest.raises(FrontMatterError):
            parse(text)

    return run


# (what, run): one per regular expression over user text, or its replacement, in the
# module that holds it, each fed the line that made (or would make) it backtrack.
HOSTILE: dict[str, Callable[[], Any]] = {
    "front matter never closed, a line of spaces (fence_like)": _unreadable(
        "---\nname: Jane\n" + " " * MB + "x\n"
    ),
    "first line of spaces (fence_like)": _unreadable(" " * MB + "x\n---\n"),
    "fence_like directly": lambda: fence_like("\t" * MB + "x"),
    "closing fence and spaces (_CLOSING)": _unreadable("---\nname: J\n---" + " " * MB + "x"),
    "month and spaces (date_hint words)": lambda: date_hint("march" + " " * MB + "x"),
    "digits (date_hint numbers)": lambda: date_hint("1" * MB + "/1/1"),
    "e-mail with a million dots (is_email)": lambda: is_email("a@" + "b." * (MB // 2) + "@"),
    "amount with letters between digits (_money_hint)": _bad(
        values.parse_money, "1" + "a" * MB + "1"
    ),
    "amount of digits then a letter (_AMOUNT)": _bad(values.parse_money, "1" * MB + "x"),
    "amount with commas (_THOUSANDS)": _bad(values.parse_money, "1" + ",111" * (MB // 4) + "x"),
    "amount with an exponent (_EXPONENT)": _bad(values.parse_money, "1" * MB + "e5x"),
    "date then a long time (_DATE)": _bad(values.parse_date, "2025-01-01 " + "1" * MB),
    "cadence of digits and spaces": _bad(values.parse_cadence, "1" * MB + " " * MB + "x"),
    "cadence 'every' and spaces": _bad(values.parse_cadence, "every" + " " * MB + "x"),
    "birthday of dashes": _bad(values.parse_birthday, "--" + "1" * MB),
    "fold (did you mean)": lambda: fold(" -_" * (MB // 3) + "x"),
    "one-line problem": lambda: str(Problem("NJ004", "a.md", "\x01" * MB)),
    "slugify": lambda: slugify("a+" * (MB // 2)),
    "anchor_id": lambda: anchor_id("+a" * (MB // 2)),
    "markdown_text": lambda: markdown_text("* \t" * (MB // 3)),
    "title_from_slug": lambda: title_from_slug("2025-01-01" + "-" * MB + "x"),
    "notes' headings, shifted down": lambda: NoteRenderer().html(
        " " * MB + "x\n" + "#" * MB + "x", 2
    ),
    "invisible space after a colon (_STRUCTURAL_SPACE)": lambda: invisible_space(
        ":" * (MB // 2) + " " * (MB // 2) + "x", 0, MB + 1, lambda at: (1, 1)
    ),
    "did you mean, a 1 MB slug": lambda: did_you_mean("a" * MB, ["jane-doe"]),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_line_is_handled_fast(case: str) -> None:
    assert _seconds(HOSTILE[case]) < BOUND


def test_the_e_mail_the_issue_timed_renders_fast_as_text(
    write: Write, read: Callable[[], ReadResult]
) -> None:
    """`a@`, `b.` repeated, then `@`: 100 s to build before at 60,000 `b.` (now NJ143, too
    long); as long as a value may be, not an address, so plain text."""
    address = "a@" + "b." * 498 + "b@"
    assert len(address) == values.MAX_TEXT
    write("contacts/jane-doe.md", f"---\nname: Jane Doe\nemail: '{address}'\n---\n")
    journal = read().journal
    pages: dict[str, str] = {}
    assert _seconds(lambda: pages.update(render_site(journal, TODAY))) < BOUND
    assert "b\\.b\\.b" in pages["contacts/jane-doe.md"]
    assert "mailto:" not in pages["contacts/jane-doe.md"]


def test_a_hostile_file_is_checked_fast(write: Write, read: Callable[[], ReadResult]) -> None:
    """The three files the issue timed (51 s, 89 s, 100 s at 60,000 characters), at 1 MB."""
    write("contacts/unclosed.md", "---\nname: Unclosed\n" + " " * MB + "\n")
    write("journal/a-date.md", "---\ndate: march" + " " * MB + "x\n---\n")
    write(
        "contacts/money.md",
        "---\nname: M\nopportunities:\n  - title: T\n    value: '1" + "a" * MB + "1'\n---\n",
    )
    result: list[ReadResult] = []
    assert _seconds(lambda: result.append(read())) < 3 * BOUND
    assert sorted(p.code for p in result[0].problems) == ["NJ003", "NJ104", "NJ109"]


def test_unknown_slugs_among_many_contacts_are_suggested_fast() -> None:
    """500 contacts, 2,000 unknown slugs: 13 s of suggestions before they were indexed."""
    contacts = frozenset(f"person-{i:04d}-{'abcdefgh'[i % 8]}" for i in range(500))
    words = [f"persn-{i:04d}-x" if i % 2 else f"nobody-{i:05d}" for i in range(2000)]
    hints: list[str] = []
    seconds = _seconds(lambda: hints.extend(did_you_mean(w, contacts) for w in words))
    assert seconds < BOUND
    assert hints[1] == " (did you mean 'person-0001-b'?)"  # near misses still found
    assert hints[0] == ""


def test_a_long_chain_of_referrals_is_walked_once() -> None:
    """20,000 contacts each referred by the next: walked from every contact, 200 million steps."""
    from netjournal.model import Contact
    from netjournal.read.repeats import circles

    slugs = [f"p{i}" for i in range(20_000)]
    contacts = {
        slug: Contact(slug=slug, path=f"contacts/{slug}.md", name=slug, referred_by=by)
        for slug, by in zip(slugs, [*slugs[1:], slugs[5_000]], strict=True)
    }
    found: list[Any] = []
    assert _seconds(lambda: found.extend(circles(contacts, "referred_by", {}, "NJ142"))) < BOUND
    assert len(found) == 1  # p5000 → … → p19999 → p5000, reported once
    assert found[0].path == "contacts/p5000.md"


LONG = 200_000


def test_a_long_value_is_a_located_error_from_check(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """200,000 `-` as a company took minutes to build (each escaped, then quadratic in
    Python-Markdown); now `check` refuses any text value over MAX_TEXT, where it stands."""
    most = "x" * values.MAX_TEXT
    write(
        "contacts/jane-doe.md",
        f'---\nname: Jane Doe\ncompany: "{"-" * LONG}"\ntags: [ok, {"t" * 1001}]\n'
        f"title: {most}\n---\n",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "contacts/jane-doe.md:3:10: error NJ143 company: the text is 200,000 characters long, "
        "more than the 1,000 a value may have: shorten it, or write the long text in the "
        "notes below the front matter",
        "contacts/jane-doe.md:4:12: error NJ143 tags: the text is 1,001 characters long, "
        "more than the 1,000 a value may have: shorten it, or write the long text in the "
        "notes below the front matter",
    ]
    assert "2 errors, 0 warnings" in result.output  # the title of 1,000 is fine


def test_a_long_list_of_texts_is_a_located_error(
    write: Write, read: Callable[[], ReadResult]
) -> None:
    """200 tags of 1,000 `-` each are shown on one line: as slow as one long value."""
    tags = "".join(f"\n  - {'-' * 1000}" for _ in range(200))
    write("contacts/jane-doe.md", f"---\nname: Jane Doe\ntags:{tags}\n---\n")
    result = read()
    [problem] = result.problems
    assert (problem.code, problem.line, problem.column) == ("NJ143", 9, 5)
    assert "longer than the 5,000 characters a list may have by item 6" in problem.message
    assert len(result.journal.contacts["jane-doe"].tags) == 5


@pytest.mark.parametrize("char", list("[\\<&`*_"))
def test_a_note_of_one_hostile_character_renders_fast_as_plain_text(char: str) -> None:
    """200,000 `[` or `\\` in a note never finished building; each is now plain text."""
    body = char * LONG
    assert too_slow(body)
    html: list[str] = []
    assert _seconds(lambda: html.append(NoteRenderer().html(body))) < BOUND
    assert html[0].startswith('<div class="netjournal-note">\n<pre>')


def test_long_notes_as_people_write_them_are_rendered() -> None:
    """200,000 characters of paragraphs with links, emphasis, code and escapes: Markdown."""
    paragraph = (
        "Met *Jane* at [the meetup](https://example.com/meetup) about `kubectl` \\& "
        "R&amp;D, <b>bold</b> and _more_; she knows [Tom] [1]. " * 4
    )
    body = "\n\n".join([paragraph] * (LONG // len(paragraph)))
    assert len(body) > LONG * 0.9
    assert markdown_steps(body) < BUDGET / 10
    html: list[str] = []
    assert _seconds(lambda: html.append(NoteRenderer().html(body))) < 5 * BOUND
    assert "<em>Jane</em>" in html[0]
    assert "<pre>" not in html[0]


def test_a_build_with_a_hostile_note_finishes_with_the_note_as_text(
    write: Write, build_site: Callable[..., Path]
) -> None:
    """A real `netjournal build`: 200,000 `[` and 200,000 `\\` as notes never finished
    (over 40 s each before); now the site is built in seconds, the notes shown as typed."""
    write("contacts/jane-doe.md", "---\nname: Jane Doe\n---\n\nFirst *line*.\n\n" + "[" * LONG)
    write("contacts/tom-okafor.md", "---\nname: Tom Okafor\n---\n\n" + "\\" * LONG)
    write("contacts/ann-lee.md", "---\nname: Ann Lee\n---\n\nMet at [the meetup](https://e.com).")
    began = time.monotonic()
    site = build_site()
    assert time.monotonic() - began < 30  # wall time, generous: 3 s on the 2-core machine
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (site / "contacts").glob("*.html")}
    assert "<pre>First *line*.\n\n" + "[" * 100 in pages["jane-doe"]
    assert "<pre>" + "\\" * 100 in pages["tom-okafor"]
    assert '<a href="https://e.com"' in pages["ann-lee"]
