"""Obsidian's Markdown in the notes: tags, callouts, embeds, plugin blocks and tasks, as a
person who keeps their notes in Obsidian expects to see them on the site."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import frontmatter  # type: ignore[import-untyped]
import pytest
from accessibility import MODES, findings, ready
from browser import needs_chromium, serving
from conftest import TODAY, Write

from netjournal.model import Journal
from netjournal.queries.tags import tags
from netjournal.read.hashtags import hashtags
from netjournal.read.journal import read_texts
from netjournal.read.titles import first_heading
from netjournal.read.wikilinks import heading_ids
from netjournal.render import render_site
from netjournal.render.sanitize import NoteRenderer
from netjournal.site import generate

JournalOf = Callable[[dict[str, str]], Journal]
JANE = "---\nname: Jane Doe\n---\n"


def note_html(page: str) -> str:
    """The note's HTML block on a generated page (its divs balanced)."""
    start = page.index('<div class="netjournal-note">')
    depth = 0
    for tag in re.finditer(r"<(/?)div\b", page[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page[start : start + page.index(">", start + tag.start()) + 1 - start]
    raise AssertionError("the note is not closed")


def rendered(journal_of: JournalOf, body: str, *, raw_html: bool = False, others: str = "") -> str:
    """The HTML of Jane's notes `body` on her page (Ann is another contact)."""
    files = {
        "contacts/jane.md": JANE + body,
        "contacts/ann.md": "---\nname: Ann Lee\ntags: [golf]\n---\n" + others,
    }
    result = read_texts(files)
    assert all(p.code == "NJ144" for p in result.problems), result.problems  # [[Nobody]]
    pages = render_site(result.journal, TODAY, NoteRenderer(raw_html=raw_html))
    return note_html(pages["contacts/jane.md"])


def anchors(html: str) -> list[tuple[str, str, str]]:
    """Each link of `html`: its class, href and words."""
    found = re.findall(r'<a (?:class="([^"]*)" )?href="([^"]*)"[^>]*>([^<]*)</a>', html)
    return [(kind, href, words) for kind, href, words in found]


def tasks(html: str) -> list[tuple[str, str]]:
    """Each task of `html` as ('x' or ' ', its label's words): its checkbox is disabled."""
    found = []
    for box, words in re.findall(
        r'<li class="task-list-item"><label><input ([^>]*)>(.*?)</label>', html
    ):
        assert sorted(box.split()) == sorted(
            [
                'type="checkbox"',
                'disabled="disabled"',
                *(['checked="checked"'] * ('checked="checked"' in box)),
            ]
        ), box
        found.append(
            ("x" if 'checked="checked"' in box else " ", re.sub(r"<[^>]*>", "", words).strip())
        )
    return found


# Tags ------------------------------------------------------------------------------------


def test_a_tag_at_the_start_of_a_line_links_to_its_page_and_is_no_heading(journal_of):
    html = rendered(journal_of, "#daily #journal\n\nRuns a bakery; #prospect.\n\n# Work\n")
    assert anchors(html) == [
        ("tag", "../../tags/daily/", "#daily"),
        ("tag", "../../tags/journal/", "#journal"),
        ("tag", "../../tags/prospect/", "#prospect"),
    ]
    assert "#prospect</a>.</p>" in html
    # a heading with a space stays one (a level down, under the page's own), and only it
    assert re.findall(r"<h\d[^>]*>[^<]*</h\d>", html) == ['<h2 id="notes--work">Work</h2>']


def test_a_hash_in_code_a_url_a_word_or_a_number_is_no_tag(journal_of):
    body = (
        "C# and https://x.example/#y and [a #b](https://c.example) and #1984 and `#code`\n\n"
        "```\n#fenced\n```\n\n    #indented\n\n[[Ann Lee|see #ann]]\n"
    )
    assert hashtags(body) == ()
    html = rendered(journal_of, body)
    assert "tags/" not in html
    assert "<code>#code</code>" in html and "#fenced" in html and "#indented" in html
    assert "C# and https://x.example/#y" in html and "#1984" in html


def test_the_tags_notes_carry_are_the_records_tags(journal_of):
    journal = journal_of(
        {
            "contacts/jane.md": JANE + "#Prospect #client/active #2026-goals\n",
            "contacts/ann.md": "---\nname: Ann Lee\ntags: [prospect]\n---\nAlso #prospect.\n",
            "journal/2026-11-20.md": "#daily #journal\n\nCoffee with [[jane]].\n",
        }
    )
    assert journal.contacts["jane"].tags == ("Prospect", "client/active", "2026-goals")
    assert journal.contacts["ann"].tags == ("prospect",)  # once, as the property writes it
    [daily] = journal.entries
    assert daily.tags == ("daily", "journal")
    assert daily.title == "20 November 2026"  # `#daily` is not a heading, so not its title
    found = {tag.name.casefold(): tag for tag in tags(journal)}
    assert [c.slug for c in found["prospect"].contacts] == ["ann", "jane"]
    assert [e.slug for e in found["daily"].entries] == ["2026-11-20"]
    pages = render_site(journal, TODAY)
    assert "[Jane Doe](../contacts/jane.md)" in pages["tags/client-active.md"]


def test_headings_and_titles_agree_that_a_tag_is_no_heading():
    assert heading_ids("#daily #journal\n\n## Notes\n") == [("Notes", "notes")]
    # After a line of tags the heading still opens the note: the title, out of the notes.
    assert first_heading("#daily\n\n# Call with Jane\n") == ("Call with Jane", "#daily")


def test_a_public_build_shows_no_tag_only_hidden_notes_carry(write: Write, tmp_path: Path):
    write("contacts/ann.md", "---\nname: Ann Lee\ntags: [golf]\n---\n#secretproject #golf\n")
    write("contacts/zed.md", "---\nname: Zed Quill\nprivate: true\n---\n#divorcecase\n")
    write("journal/2026-11-01-x.md", "---\ndate: 2026-11-01\nprivate: true\n---\n#merger\n")
    write("journal/2026-11-02-y.md", "---\ndate: 2026-11-02\n---\n#offsite plans\n")
    folders = (tmp_path, tmp_path / "contacts", tmp_path / "journal", TODAY)
    private = generate(*folders).pages
    for secret in ("secretproject", "divorcecase", "merger", "offsite"):
        assert f"tags/{secret}.md" in private
    public = generate(*folders, public=True).pages
    assert [uri for uri in public if uri.startswith("tags/")] == ["tags/index.md"]
    everything = "\n".join(public.values()).lower()
    for secret in ("secretproject", "divorcecase", "merger", "offsite", "golf"):
        assert secret not in everything, secret
    # With the notes published, the tags they carry are published with them.
    shown = generate(*folders, public=True, public_fields=["notes"]).pages
    assert {"tags/secretproject.md", "tags/offsite.md", "tags/golf.md"} <= set(shown)
    assert "tags/merger.md" not in shown and "tags/divorcecase.md" not in shown


# Callouts --------------------------------------------------------------------------------


def test_a_callout_is_a_material_admonition(journal_of):
    html = rendered(journal_of, "> [!tip] How to help\n> She wants a **payroll** provider.\n")
    assert html == (
        '<div class="netjournal-note">\n<div class="admonition tip">\n'
        '<p class="admonition-title">How to help</p>\n'
        "<p>She wants a <strong>payroll</strong> provider.</p>\n</div>\n</div>"
    )


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("hint", "tip"),
        ("TLDR", "abstract"),
        ("todo", "info"),
        ("error", "danger"),
        ("cite", "quote"),
        ("faq", "question"),
        ("fail", "failure"),
        ("done", "success"),
        ("caution", "warning"),
        ("bug", "bug"),
        ("example", "example"),
        ("hint-2", "note"),  # not a type: a note, titled as written
    ],
)
def test_obsidians_callout_types_map_onto_materials(journal_of, written, shown):
    html = rendered(journal_of, f"> [!{written}]\n> Words.\n")
    assert f'<div class="admonition {shown}">' in html
    # without a title, the type is the title, as Obsidian shows it
    assert f'<p class="admonition-title">{written.capitalize()}</p>' in html


def test_a_foldable_callout_is_closed_with_a_minus_and_open_with_a_plus(journal_of):
    closed = rendered(journal_of, "> [!note]- Agenda\n> 1. Payroll\n> 2. Introductions\n")
    assert (
        '<details class="note">\n<summary>Agenda</summary>\n<ol>\n<li>Payroll</li>\n'
        "<li>Introductions</li>\n</ol>\n</details>"
    ) in closed
    opened = rendered(journal_of, "> [!warning]+ Careful\n> Words.\n")
    assert '<details class="warning" open="open">\n<summary>Careful</summary>' in opened


def test_a_callout_holds_nested_callouts_and_a_plain_quote_stays_a_quote(journal_of):
    html = rendered(
        journal_of,
        "> [!info] Outer\n> Text.\n>\n> > [!quote] Inner\n> > Said [[Ann Lee]].\n\n"
        "Between.\n\n> Just a quote [!not a callout]\n",
    )
    outer = html.index('<div class="admonition info">')
    inner = html.index('<div class="admonition quote">')
    assert outer < inner < html.index("</div>", inner) < html.index("Between")
    assert ("", "../ann/", "Ann Lee") in anchors(html)
    assert "<blockquote>\n<p>Just a quote [!not a callout]</p>\n</blockquote>" in html


def test_callouts_one_after_another_stay_apart_and_plain_quotes_as_they_were(journal_of):
    html = rendered(
        journal_of, "> [!tip] A\n> x\n\n> [!note]- B\n> y\n\n> after\n\n> one\n\n> two\n"
    )
    assert html == (
        '<div class="netjournal-note">\n<div class="admonition tip">\n'
        '<p class="admonition-title">A</p>\n<p>x</p>\n</div>\n'
        '<details class="note">\n<summary>B</summary>\n<p>y</p>\n</details>\n'
        "<blockquote>\n<p>after</p>\n<p>one</p>\n<p>two</p>\n</blockquote>\n</div>"
    )


# Embeds ----------------------------------------------------------------------------------


def test_an_embed_links_to_the_note_it_names_or_shows_its_words(journal_of):
    html = rendered(journal_of, "![[Ann Lee]]\n\n![[Nobody Known]]\n\n![[portrait.png]]\n")
    assert anchors(html) == [("", "../ann/", "Ann Lee")]
    assert "<p>Nobody Known</p>" in html
    assert "<p>portrait.png</p>" in html  # no such image in the vault: its name
    assert "![[" not in html and "<img" not in html


def images(html: str) -> list[dict[str, str]]:
    """The attributes of each image of `html`."""
    return [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<img [^>]*>", html)]


# A tiny PNG (one transparent pixel).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def test_an_embedded_image_is_copied_into_the_site_and_shown(write: Write, tmp_path, build_site):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "portrait.png").write_bytes(PNG)
    (tmp_path / ".trash").mkdir()
    (tmp_path / ".trash" / "portrait.png").write_bytes(b"old")
    (tmp_path / "plan.svg").write_text("<svg><script>alert(1)</script></svg>", "utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(PNG)
    (tmp_path / "secret.png").symlink_to(outside / "secret.png")
    write(
        "contacts/jane.md",
        JANE + "![[portrait.png]] ![[assets/portrait.png|120]]\n\n![[plan.svg]] "
        "![[secret.png]] ![[missing.jpg]]\n",
    )
    site = build_site()
    assert (site / "attachments/assets/portrait.png").read_bytes() == PNG
    assert sorted(p.name for p in (site / "attachments").rglob("*") if p.is_file()) == [
        "portrait.png"
    ]
    assert not [p for p in site.rglob("*.svg") if "alert" in p.read_text("utf-8")]
    page = (site / "contacts/jane.html").read_text("utf-8")
    assert images(page) == [
        {"src": "../attachments/assets/portrait.png", "alt": "portrait.png"},
        {"src": "../attachments/assets/portrait.png", "alt": "portrait.png", "width": "120"},
    ]
    assert "<p>plan.svg secret.png missing.jpg</p>" in page
    # nothing is written into the vault
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".trash",
        "assets",
        "contacts",
        "docs",
        "journal",
        "mkdocs.yml",
        "plan.svg",
        "secret.png",
        "site",
    ]


def test_a_public_build_copies_no_image_of_hidden_notes(write: Write, tmp_path: Path):
    (tmp_path / "portrait.png").write_bytes(PNG)
    write("contacts/jane.md", JANE + "![[portrait.png]]\n")
    folders = (tmp_path, tmp_path / "contacts", tmp_path / "journal", TODAY)
    assert "attachments/portrait.png" in generate(*folders).files
    assert generate(*folders, public=True).files == {}
    shown = generate(*folders, public=True, public_fields=["notes"])
    assert shown.files == {"attachments/portrait.png": PNG}
    page = shown.pages["contacts/jane.md"]
    assert images(page) == [{"src": "../../attachments/portrait.png", "alt": "portrait.png"}]


# Plugin blocks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fence", "words"),
    [
        ("```dataview", "Dataview query"),
        ("~~~~ dataviewjs", "DataviewJS script"),
        ("```tasks", "Tasks query"),
    ],
)
def test_a_plugin_block_is_a_muted_note_never_code(journal_of, fence, words):
    close = fence.split()[0].rstrip("abcdefghijklmnopqrstuvwxyz")
    body = f'Before.\n\n{fence}\nTABLE secret_field FROM "People"\n{close}\n\nAfter.\n'
    html = rendered(journal_of, body)
    assert f'<p class="runs-in-obsidian">A {words}: it runs in Obsidian' in html
    assert "secret_field" not in html and "<code" not in html and "<pre" not in html
    assert "<p>Before.</p>" in html and "<p>After.</p>" in html


def test_a_plugin_block_never_closed_runs_to_the_end_of_the_note(journal_of):
    html = rendered(journal_of, "Before.\n\n```dataview\nLIST\n\nAfter, still the query.\n")
    assert html == (
        '<div class="netjournal-note">\n<p>Before.</p>\n<p class="runs-in-obsidian">A '
        "Dataview query: it runs in Obsidian, not on this site.</p>\n</div>"
    )


def test_a_templater_command_is_a_muted_note_where_it_stands(journal_of):
    body = (
        '<%* tR += "templater output" %>\n\nCalled <% tp.file.title %> today.\n\n'
        "<%*\nlet secret = 1;\n%>\nAfter.\n"
    )
    html = rendered(journal_of, body)
    note = (
        '<span class="runs-in-obsidian">A Templater command: it runs in Obsidian, '
        "not on this site.</span>"
    )
    assert html.count(note) == 3
    assert f"<p>Called {note} today.</p>" in html
    assert "tR" not in html and "tp.file" not in html and "secret" not in html
    assert "After." in html


def test_code_about_plugins_stays_code(journal_of):
    body = "```js\n<% keep %>\n```dataview\n```\n\n`<% inline %>` and `#tag`\n"
    html = rendered(journal_of, body)
    assert '<pre><code class="language-js">&lt;% keep %&gt;\n```dataview\n</code></pre>' in html
    assert "<code>&lt;% inline %&gt;</code> and <code>#tag</code>" in html
    assert "runs-in-obsidian" not in html


# Tasks -----------------------------------------------------------------------------------


def test_tasks_are_disabled_checkboxes_named_by_their_words(journal_of):
    body = "- [ ] Send Jane the letter 📅 2026-10-01\n- [x] Thank [[Ann Lee]]\n    - [X] Sub\n"
    html = rendered(journal_of, body)
    assert tasks(html) == [
        (" ", "Send Jane the letter 📅 2026-10-01"),
        ("x", "Thank Ann Lee"),
        ("x", "Sub"),
    ]
    assert ("", "../ann/", "Ann Lee") in anchors(html)  # inside the label
    assert "Thank <a" in html and "</a></label><ul>" in html  # the sub-list after the label
    assert "[ ]" not in html and "[x]" not in html


def test_a_list_item_that_is_no_task_stays_as_written(journal_of):
    html = rendered(journal_of, "- [link](https://x.example) here\n- [] nothing\n- [y] no\n")
    assert "checkbox" not in html and "task-list-item" not in html
    assert "<li>[] nothing</li>" in html and "<li>[y] no</li>" in html


def test_a_note_cannot_write_a_form_field_only_a_disabled_checkbox(journal_of):
    html = rendered(journal_of, '<input type="password" name="p"> <input type="text" value="x">')
    assert html.count('type="checkbox"') == 2 and html.count('disabled="disabled"') == 2
    assert "password" not in html and "name=" not in html and "value=" not in html


# In raw_html mode and on the built site -------------------------------------------------


def test_raw_html_mode_renders_obsidians_markdown_the_same(journal_of):
    body = "#daily\n\n> [!tip] Help\n> Words.\n\n- [ ] Task\n\n```dataview\nLIST\n```\n"
    sanitised = rendered(journal_of, body)
    raw = rendered(journal_of, body, raw_html=True)
    for html in (sanitised, raw):
        assert anchors(html) == [("tag", "../../tags/daily/", "#daily")]
        assert '<div class="admonition tip">' in html
        assert tasks(html) == [(" ", "Task")]
        assert '<p class="runs-in-obsidian">A Dataview query' in html


def test_a_built_site_shows_a_daily_note_as_obsidian_does(write: Write, build_site):
    write("contacts/jane.md", JANE + "> [!tip] How to help\n> Payroll.\n")
    write(
        "journal/2026-11-20.md",
        "#daily\n\nCoffee with [[Jane Doe]].\n\n- [ ] Ask Jane 📅 2026-11-22\n\n"
        "```dataviewjs\ndv.list([])\n```\n",
    )
    site = build_site()
    month = (site / "journal/2026-11.html").read_text("utf-8")
    assert ("tag", "../tags/daily.html", "#daily") in anchors(month)
    assert tasks(month) == [(" ", "Ask Jane 📅 2026-11-22")]
    assert "A DataviewJS script: it runs in Obsidian" in month and "dv.list" not in month
    assert "20 November 2026" in (site / "tags/daily.html").read_text("utf-8")
    jane = (site / "contacts/jane.html").read_text("utf-8")
    assert '<div class="admonition tip">\n<p class="admonition-title">How to help</p>' in jane


# Hostile notes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hostile",
    [
        "#a " * 30_000,
        "#" * 100_000,
        "> [!" * 30_000,
        "[!note]" * 20_000,
        "<%" * 50_000,
        "<% " + "x" * 100_000,
        "```dataview\n" * 20_000,
        "- [ ] " * 20_000,
        "![[" * 30_000 + "]]",
        "#" + "a/" * 50_000,
    ],
)
def test_hostile_notes_render_and_read_in_linear_time(journal_of, hostile):
    started = time.perf_counter()
    hashtags(hostile)
    heading_ids(hostile)
    NoteRenderer().html(hostile)
    assert time.perf_counter() - started < 3.0


# Accessibility ---------------------------------------------------------------------------

OBSIDIAN_NOTE = """\
#prospect #client/active

> [!tip] How to help
> She is looking for a payroll provider.

> [!warning]+ Open on arrival
> - [ ] Send the letter 📅 2026-12-01
> - [x] Thank her ✅ 2026-11-20

> [!note]- Closed at first
> Agenda.

- [ ] Ask about the audit
- [x] Add to the newsletter

```dataview
LIST FROM "People"
```

Called <% tp.file.title %> today.
"""


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("mode", sorted(MODES))
def test_obsidians_markdown_has_no_serious_axe_finding(browser, write, build_site, mode):
    write("contacts/ada-lovelace.md", "---\nname: Ada Lovelace\n---\n" + OBSIDIAN_NOTE)
    site = build_site()
    context = browser.new_context(**MODES[mode])
    with serving(site) as base:
        page = context.new_page()
        ready(page, base + "contacts/ada-lovelace.html")
        assert page.locator(".admonition.tip").count() == 1
        assert page.locator("details.warning[open]").count() == 1
        assert page.locator("details.note:not([open])").count() == 1
        assert page.get_by_role("checkbox", name="Send the letter 📅 2026-12-01").is_visible()
        assert page.get_by_role("checkbox", name="Ask about the audit").is_disabled()
        assert page.get_by_role("checkbox", name="Add to the newsletter").is_checked()
        assert page.get_by_role("link", name="#prospect").count() == 1
        muted = page.locator(".runs-in-obsidian").first
        assert muted.inner_text() == "A Dataview query: it runs in Obsidian, not on this site."
        assert muted.evaluate("e => getComputedStyle(e).fontStyle") == "italic"
        found = findings(page)
    context.close()
    assert found == [], "\n".join(found)


# The acceptance vaults' notes ------------------------------------------------------------

VAULTS = Path(__file__).parent / "vaults"


def vault_body(path: str) -> str:
    return frontmatter.loads((VAULTS / path).read_text("utf-8")).content


@pytest.mark.parametrize(
    ("path", "found"),
    [
        ("obsidian-crm/Daily/2026-11-20.md", ("daily", "journal")),
        ("obsidian-crm/Meetings/Meeting - 2026-11-14 2247 .md", ("meeting", "partners")),
        ("obsidian-crm/People/Jane Doe.md", ()),
        ("foam/people/Omar Haddad.md", ("prospect",)),
        ("foam/journal/2026-11-03.md", ("lunch",)),
        ("dataview/Journal/2026-11-02.md", ()),
    ],
)
def test_the_vaults_notes_carry_the_tags_obsidian_shows(path, found):
    assert hashtags(vault_body(path)) == found


@pytest.mark.parametrize(
    "path",
    sorted(
        p.relative_to(VAULTS).as_posix()
        for p in VAULTS.glob("*/**/*.md")
        if not {".obsidian", ".foam", ".trash", "templates", "Templates"} & set(p.parts)
    ),
)
def test_no_vault_note_shows_obsidians_syntax_as_text(path):
    html = NoteRenderer().html(vault_body(path))
    for written in ("[!", "![[", "[ ]", "[x]", "<%", "&lt;%", "```", "dv.", "TABLE"):
        assert written not in html, written
    assert not re.search(r'<h\d id="note--(daily|journal|meeting|partners|prospect)', html)
