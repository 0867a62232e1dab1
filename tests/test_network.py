"""Who brought whom: each contact's chain to its origin, the forest, the top connectors and
the picture; circles and people who are not contacts end a chain instead of looping."""

from __future__ import annotations

import textwrap
import time
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

from conftest import TODAY, Write

from netjournal.model import Contact, Journal
from netjournal.queries.network import INTRODUCED, REFERRED, Origin, Step, network, origin
from netjournal.read.journal import read_texts
from netjournal.render import render_site
from netjournal.site import generate

CHAIN = {
    "contacts/dave.md": "---\nname: Dave Kowalski\n---\n",
    "contacts/ben.md": "---\nname: Ben Adeyemi\nintroduced_by: dave\n---\n",
    "contacts/nora.md": """
        ---
        name: Nora Castillo
        introduced_by: dave
        referred_by: ben
        opportunities:
          - {title: Books, status: won, value: 3800}
        ---
    """,
    "contacts/tom.md": """
        ---
        name: Tom Okafor
        referred_by: dave
        opportunities:
          - {title: Payroll, status: won, value: 1000}
          - {title: Audit, status: lost, value: 5000}
        ---
    """,
    "contacts/solo.md": "---\nname: Solo Person\n---\n",
}


def _read(files: dict[str, str]) -> Journal:
    """The journal, read even when the reader warns (a circle is a warning, not an error)."""
    return read_texts({p: textwrap.dedent(t).lstrip("\n") for p, t in files.items()}).journal


def _contacts(*people: Contact) -> Journal:
    return Journal(MappingProxyType({c.slug: c for c in people}))


def test_a_chain_goes_back_to_its_origin_referrer_before_introducer(journal_of):
    journal = journal_of(CHAIN)
    assert origin(journal, "nora") == Origin(
        (Step("dave", "ben", INTRODUCED), Step("ben", "nora", REFERRED))
    )
    assert origin(journal, "dave") == Origin(())


def test_the_forest_nests_each_person_under_who_brought_them(journal_of):
    found = network(journal_of(CHAIN))
    assert [(r.person, r.depth, r.how) for r in found.outline] == [
        ("dave", 0, None),
        ("ben", 1, INTRODUCED),
        ("nora", 2, REFERRED),
        ("tom", 1, REFERRED),
    ]
    assert found.alone == ("solo",)
    assert dict(found.origins) == {s: origin(journal_of(CHAIN), s) for s in ("ben", "nora", "tom")}


def test_top_connectors_count_people_and_won_business_they_brought_directly(journal_of):
    found = network(journal_of(CHAIN))
    assert [(c.person, len(c.people)) for c in found.most_people] == [("dave", 2), ("ben", 1)]
    # Dave brought Ben (nothing won) and Tom (1,000 won); Nora's 3,800 is Ben's, not Dave's.
    assert [(c.person, c.value_won) for c in found.most_business] == [
        ("ben", Decimal(3800)),
        ("dave", Decimal(1000)),
    ]


def test_a_two_person_circle_is_shown_once_and_each_chain_stops(journal_of):
    journal = _read(
        {
            "contacts/amy.md": "---\nname: Amy\nintroduced_by: bob\n---\n",
            "contacts/bob.md": "---\nname: Bob\nintroduced_by: amy\n---\n",
        }
    )
    found = network(journal)
    assert [(r.person, r.depth, r.circle) for r in found.outline] == [
        ("amy", 0, True),
        ("bob", 1, False),
    ]
    assert origin(journal, "amy") == Origin(
        (Step("amy", "bob", INTRODUCED), Step("bob", "amy", INTRODUCED)), circular=True
    )


def test_a_three_person_circle_with_a_tail_places_everyone_once(journal_of):
    journal = _read(
        {
            "contacts/c.md": "---\nname: Cat\nintroduced_by: a\n---\n",
            "contacts/a.md": "---\nname: Ann\nreferred_by: b\n---\n",
            "contacts/b.md": "---\nname: Bea\nintroduced_by: c\n---\n",
            "contacts/d.md": "---\nname: Dan\nintroduced_by: b\n---\n",  # hangs off the circle
        }
    )
    found = network(journal)
    assert sorted(r.person for r in found.outline) == ["a", "b", "c", "d"]
    assert found.outline[0].person == "a" and found.outline[0].circle
    assert origin(journal, "d").circular
    assert dict(found.origins) == {s: origin(journal, s) for s in "abcd"}  # built alike
    assert len(origin(journal, "d").steps) == 4  # d ← b ← c ← a ← b: stops where it repeats
    page = render_site(journal, TODAY)["network.md"]
    assert "(a circle: everyone in it was brought by someone in it)" in page
    assert "The chain comes back to" in render_site(journal, TODAY)["contacts/d.md"]


def test_a_self_introduction_is_refused_by_the_reader_and_never_a_parent():
    result = read_texts({"contacts/amy.md": "---\nname: Amy\nintroduced_by: amy\n---\n"})
    assert any("cannot be introduced or referred by themselves" in str(p) for p in result.problems)
    assert network(result.journal).outline == ()
    # Built by hand, bypassing the reader, it is still no link.
    amy = Contact(slug="amy", path="contacts/amy.md", name="Amy", introduced_by="amy")
    assert network(_contacts(amy)).alone == ("amy",)
    assert origin(_contacts(amy), "amy") == Origin(())


def test_a_parent_that_is_no_contact_is_a_root_shown_as_text():
    kim = Contact(slug="kim", path="contacts/kim.md", name="Kim", referred_by="gone-person")
    journal = _contacts(kim)
    found = network(journal)
    assert [(r.person, r.depth) for r in found.outline] == [("gone-person", 0), ("kim", 1)]
    assert origin(journal, "kim") == Origin((Step("gone-person", "kim", REFERRED),))
    pages = render_site(journal, TODAY)
    assert "- gone\\-person (not a contact)" in pages["network.md"]
    assert "gone-person.md" not in pages["network.md"]
    assert "1. gone\\-person referred [Kim](kim.md)" in pages["contacts/kim.md"]


def test_the_contact_page_shows_the_chain_back_to_the_origin(journal_of):
    page = render_site(journal_of(CHAIN), TODAY)["contacts/nora.md"]
    assert "## Who brought them" in page
    assert "1. [Dave Kowalski](dave.md) introduced [Ben Adeyemi](ben.md)" in page
    assert "1. [Ben Adeyemi](ben.md) referred [Nora Castillo](nora.md)" in page
    assert "## Who brought them" not in render_site(journal_of(CHAIN), TODAY)["contacts/dave.md"]


def test_the_network_page_draws_the_forest_as_an_accessible_static_svg(journal_of):
    files = dict(CHAIN)
    files["contacts/ben.md"] = "---\nname: Ben <b>&amp; Co\nintroduced_by: dave\n---\n"
    page = render_site(journal_of(files), TODAY)["network.md"]
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "4 people in 1 tree" in svg
    assert "currentColor" in svg and "<script" not in svg and svg.count("http") == 1  # xmlns
    assert "Ben &lt;b&gt;&amp;amp; Co" in svg  # a name is text, never markup
    assert svg.count("<text") == 4 and svg.count("<path") == 3
    assert 'stroke-dasharray="4 3"' in svg  # introductions dashed, referrals solid
    assert "- [Dave Kowalski](contacts/dave.md)\n    - introduced [Ben" in page


def test_a_journal_where_nobody_brought_anyone_says_so_without_a_picture(journal_of):
    page = render_site(journal_of({"contacts/solo.md": CHAIN["contacts/solo.md"]}), TODAY)
    assert "Nobody has introduced or referred anyone" in page["network.md"]
    assert "<svg" not in page["network.md"]
    assert "[Who brought whom](network.md)" in page["index.md"]


def test_a_chain_of_three_thousand_people_is_laid_out_without_recursion_and_quickly():
    people = [Contact(slug="p0", path="contacts/p0.md", name="P0")]
    people += [
        Contact(slug=f"p{i}", path=f"contacts/p{i}.md", name=f"P{i}", introduced_by=f"p{i - 1}")
        for i in range(1, 3000)
    ]
    started = time.perf_counter()
    found = network(_contacts(*people))
    assert found.outline[-1].depth == 2999
    assert time.perf_counter() - started < 10  # each chain built on its parent's


def test_a_public_build_leaks_no_private_introducer_through_the_network(
    write: Write, tmp_path: Path
):
    write("contacts/zed-quill.md", "---\nname: Zed Quill\nprivate: true\n---\n")
    write("contacts/ben.md", "---\nname: Ben\nintroduced_by: zed-quill\n---\n")
    write("contacts/nora.md", "---\nname: Nora\nreferred_by: ben\n---\n")
    pages = generate(tmp_path, tmp_path / "contacts", tmp_path / "journal", TODAY, public=True)
    for uri in ("network.md", "contacts/ben.md", "contacts/nora.md"):
        assert "Zed" not in pages.pages[uri] and "zed-quill" not in pages.pages[uri], uri
    assert "1 tree, 2 people" in pages.pages["network.md"]
