"""Tags: a page per tag listing its contacts and entries, linked wherever a tag is shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import TODAY, Write

from netjournal.model import Journal
from netjournal.queries.tags import tag_slugs, tags
from netjournal.render import render_site
from netjournal.site import generate

JournalOf = Callable[[dict[str, str]], Journal]


def test_one_tag_whatever_its_case_lists_contacts_and_entries(journal_of: JournalOf) -> None:
    journal = journal_of(
        {
            "contacts/ann.md": "---\nname: Ann Lee\ntags: [Lawyer, bni]\n---\n",
            "contacts/bo.md": "---\nname: Bo Park\ntags: [lawyer]\n---\n",
            "contacts/cy.md": "---\nname: Cy Diaz\ntags: [LAWYER, Lawyer]\n---\n",
            "journal/2026/2026-11-01-lunch.md": "---\ndate: 2026-11-01\ntags: [lawyer]\n---\n",
        }
    )
    found = {tag.slug: tag for tag in tags(journal)}
    assert sorted(found) == ["bni", "lawyer"]
    lawyer = found["lawyer"]
    # Written so by Bo and the lunch; Cy's second spelling is the same tag, not a vote.
    assert lawyer.name == "lawyer"
    assert [c.slug for c in lawyer.contacts] == ["ann", "bo", "cy"]  # Cy counted once
    assert [e.slug for e in lawyer.entries] == ["2026-11-01-lunch"]


def test_tags_whose_page_names_coincide_each_keep_a_page() -> None:
    slugs = tag_slugs(["c", "c++", "c-2", "!!!", "?"])
    assert slugs["c"] == "c"  # the tag that is its own slug keeps it
    assert slugs["c-2"] == "c-2"  # a tag of that name keeps its own page…
    assert slugs["c++"] == "c-3"  # …so c++ takes the next free one, never c's page
    assert {slugs["!!!"], slugs["?"]} == {"tag", "tag-2"}
    assert len(set(slugs.values())) == len(slugs)


def test_every_shown_tag_links_to_its_page(journal_of: JournalOf) -> None:
    journal = journal_of(
        {
            "contacts/ann.md": "---\nname: Ann Lee\ntags: [C++, c]\n---\n",
            "journal/2026/2026-11-01-talk.md": "---\ndate: 2026-11-01\ntags: [c++]\n---\n",
        }
    )
    pages = render_site(journal, TODAY)
    assert "- **Tags:** [C\\+\\+](../tags/c-2.md), [c](../tags/c.md)" in pages["contacts/ann.md"]
    assert "tagged [c\\+\\+](../tags/c-2.md)" in pages["journal/2026-11.md"]
    assert "[Tags](tags/index.md)" in pages["index.md"]
    assert "[contacts by tag](../tags/index.md)" in pages["contacts/index.md"]
    index = pages["tags/index.md"]
    assert "| [C\\+\\+](c-2.md) | 1 | 1 |" in index and "| [c](c.md) | 1 | 0 |" in index
    page = pages["tags/c-2.md"]
    assert 'title: "C++"' in page
    assert "1 contact and 1 journal entry carry this tag" in page
    assert "[Ann Lee](../contacts/ann.md)" in page
    assert "[talk](../journal/2026-11.md#2026-11-01-talk)" in page.lower()


def test_a_journal_without_tags_says_how_to_add_one(journal_of: JournalOf) -> None:
    pages = render_site(journal_of({"contacts/ann.md": "---\nname: Ann Lee\n---\n"}), TODAY)
    assert [uri for uri in pages if uri.startswith("tags/")] == ["tags/index.md"]
    assert "No tags yet. Add `tags: [lawyer, bni]`" in pages["tags/index.md"]


def test_a_public_build_shows_no_tag_only_private_records_carry(
    write: Write, tmp_path: Path
) -> None:
    write("contacts/ann.md", "---\nname: Ann Lee\ntags: [golf]\n---\n")
    write("contacts/zed.md", "---\nname: Zed Quill\nprivate: true\ntags: [divorce-case]\n---\n")
    write(
        "journal/2026/2026-11-01-x.md",
        "---\ndate: 2026-11-01\nprivate: true\ntags: [secret-merger]\n---\n",
    )
    write("journal/2026/2026-11-02-y.md", "---\ndate: 2026-11-02\ntags: [golf, Zed Quill]\n---\n")
    private = generate(tmp_path, tmp_path / "contacts", tmp_path / "journal", TODAY)
    assert {"tags/divorce-case.md", "tags/secret-merger.md"} <= set(private.pages)
    public = generate(
        tmp_path, tmp_path / "contacts", tmp_path / "journal", TODAY, public=True
    ).pages
    assert [uri for uri in public if uri.startswith("tags/")] == ["tags/index.md", "tags/golf.md"]
    everything = "\n".join(public.values()).lower()
    for secret in ("divorce", "secret", "merger", "zed", "quill"):
        assert secret not in everything, secret
    assert "| [golf](golf.md) | 1 | 1 |" in public["tags/index.md"]
