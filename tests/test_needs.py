"""The needs board: each need next to the contacts whose offers or tags share its words."""

from __future__ import annotations

from conftest import TODAY

from netjournal.queries.needs import key_words, needs_board, stem
from netjournal.render import render_site


def test_a_need_is_matched_by_an_offer_sharing_a_word_after_folding_and_stemming(journal_of):
    journal = journal_of(
        {
            "contacts/ana.md": "---\nname: Ana\nneeds: [Wholesale accounts for CAFÉS]\n---\n",
            "contacts/bo.md": "---\nname: Bo\noffers: [Knows every cafe owner in town]\n---\n",
            "contacts/cy.md": "---\nname: Cy\noffers: [Plumbing]\n---\n",
        }
    )
    [need] = needs_board(journal)
    assert need.contact == "ana" and need.need == "Wholesale accounts for CAFÉS"
    [suggestion] = need.suggestions
    assert suggestion.contact == "bo"
    assert suggestion.words == ("cafes",)  # the need's own word, folded
    assert suggestion.matched == ("Knows every cafe owner in town",)


def test_tags_match_too_and_more_words_in_common_come_first(journal_of):
    journal = journal_of(
        {
            "contacts/ana.md": "---\nname: Ana\nneeds: [Retirement planning for dentists]\n---\n",
            "contacts/bo.md": "---\nname: Bo\ntags: [financial-planning]\n---\n",
            "contacts/cy.md": "---\nname: Cy\noffers: [Retirement plans]\n---\n",
        }
    )
    [need] = needs_board(journal)
    assert [(s.contact, s.words) for s in need.suggestions] == [
        ("cy", ("retirement", "planning")),
        ("bo", ("planning",)),
    ]


def test_stop_words_alone_make_no_match_and_nobody_matches_themself(journal_of):
    journal = journal_of(
        {
            "contacts/ana.md": """
                ---
                name: Ana
                needs: [Help with the business for new owners]
                offers: [Owners' coaching]
                ---
            """,
            "contacts/bo.md": "---\nname: Bo\noffers: [Help with the business, for new]\n---\n",
        }
    )
    [need] = needs_board(journal)
    assert need.suggestions == ()  # "owners" is Ana's own offer; the rest are common words


def test_a_need_nobody_offers_is_listed_with_no_match_yet(journal_of):
    journal = journal_of(
        {
            "contacts/ana.md": "---\nname: Ana\nneeds: [A master plumber]\n---\n",
            "contacts/bo.md": "---\nname: Bo\noffers: [Bookkeeping]\n---\n",
        }
    )
    [need] = needs_board(journal)
    assert need.suggestions == ()
    page = render_site(journal, TODAY)["needs.md"]
    row = next(line for line in page.splitlines() if line.startswith("| A master plumber"))
    assert "no match yet" in row and "[Ana](contacts/ana.md)" in row


def test_the_suffix_rule_is_small_and_leaves_short_words_and_ss_alone():
    assert [stem(w) for w in ("owners", "planning", "planned", "companies", "boxes")] == [
        "owner",
        "plan",
        "plan",
        "company",
        "box",
    ]
    assert [stem(w) for w in ("business", "news", "bus", "status")] == [
        "business",
        "news",
        "bus",
        "status",
    ]
    assert key_words("The Café's owners, and 2 cafes") == {"cafe": "cafe", "owner": "owners"}


def test_each_suggestion_links_both_people_and_shows_the_words(journal_of):
    journal = journal_of(
        {
            "contacts/ana.md": "---\nname: Ana <b>\nneeds: [Insurance | for trucks]\n---\n",
            "contacts/bo.md": "---\nname: Bo\noffers: [Truck insurance]\n---\n",
        }
    )
    page = render_site(journal, TODAY)["needs.md"]
    row = next(line for line in page.splitlines() if "Truck insurance" in line)
    assert "[Ana &lt;b&gt;](contacts/ana.md)" in row and "[Bo](contacts/bo.md)" in row
    assert "Insurance \\| for trucks" in row  # user text escaped: the table keeps its cells
    assert "| insurance, trucks |" in row


def test_a_public_board_shows_no_private_contact(write, build_site):
    write("contacts/ana.md", "---\nname: Ana\nneeds: [Truck insurance]\n---\n")
    write("contacts/zq.md", "---\nname: Zed Quill\noffers: [Truck insurance]\nprivate: true\n---\n")
    write("contacts/zr.md", "---\nname: Zoe Rook\nneeds: [Caulking a BOAT]\nprivate: true\n---\n")
    write("contacts/bo.md", "---\nname: Bo\noffers: [Truck repairs, boat caulking]\n---\n")
    private = (build_site() / "needs.html").read_text("utf-8")
    assert "Zed Quill" in private and "Caulking a BOAT" in private
    public = (build_site("--public") / "needs.html").read_text("utf-8")
    assert "Zed" not in public and "zq" not in public and "Zoe" not in public
    assert "Caulking a BOAT" not in public  # the private contact's need went with them
    assert "Bo</a>" in public and "Truck insurance" in public
