"""A public build leaks no private contact by a name variant, an address, a contact named
after one, a page of docs/, or a link in docs/; and it stops, naming the place, when it
cannot tell what is private."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import MINIMAL_MKDOCS, TODAY, Write
from hypothesis import given
from hypothesis import strategies as st
from test_privacy import leaks, site_text

from netjournal.cli import main
from netjournal.model import Contact
from netjournal.queries.mentions import Mentions
from netjournal.read.docs_folder import docs_problems


def run_build(root: Path, *options: str) -> Result:
    """A real `netjournal build` of the journal at `root` into `root/site`."""
    (root / "docs").mkdir(exist_ok=True)
    if not (root / "mkdocs.yml").exists():
        (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    arguments = ["build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site"), *options]
    return CliRunner().invoke(main, [*arguments, "--today", TODAY.isoformat()])


def private(slug: str, name: str, extra: str = "") -> str:
    return f"---\nname: {name}\n{extra}private: true\n---\n"


NAMED_PRIVATELY = {
    "contacts/min-kim.md": private("min-kim", "Dr. Min Kim"),
    "contacts/lea-dupont.md": private("lea-dupont", "Léa Dupont"),
    "contacts/sean-oneil.md": private("sean-oneil", "Sean O'Neil"),
    "contacts/hans-strauss.md": private("hans-strauss", "Hans Strauß"),
    "contacts/zed-quill.md": private("zed-quill", "Zed Quill"),
    "contacts/pub.md": """
        ---
        name: Public Person
        title: Assistant to Min Kim
        company: HANS STRAUSS GmbH
        location: Z. Quill's office
        tags: [met via Sean O\u2019Neil, public-tag]
        needs: ["Le\u0301a Dupont's advice", Minnie Kim's books]
        follow_ups:
          - {what: Call lea dupont, due: 2026-11-20}
          - {what: Call Public Person, due: 2026-11-21}
        ---
        """,
    "journal/2026-02-01-lunch-with-lea-dupont.md": """
        ---
        date: 2026-02-01
        with: [pub]
        ---
        """,
}
VARIANTS = ["Min Kim", "HANS STRAUSS", "Z. Quill", "O\u2019Neil", "Le\u0301a", "lea dupont"]
VARIANTS += ["lea-dupont", "Lea dupont", "Léa", "O&rsquo;Neil"]


def test_name_variants_of_private_contacts_are_in_no_file_of_a_public_site(
    write: Write, tmp_path: Path
) -> None:
    for path, text in NAMED_PRIVATELY.items():
        write(path, text)
    result = run_build(tmp_path, "--public")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    assert leaks(site, VARIANTS) == {}
    texts = "".join(site_text(site).values())
    # Only what names them went: the rest of the contact, and a near name, are there.
    assert "public-tag" in texts and "Call Public Person" in texts and "Minnie Kim" in texts
    assert 'id="2026-02-01-entry-1"' in (site / "journal/2026-02.html").read_text("utf-8")


ENCODED = {
    "contacts/kwame-asante.md": private("kwame-asante", "Kwame Asante"),
    "contacts/zoe.md": private("zoe", "Dr. Zoë O\u2019Brien-Smith, PhD"),
    "contacts/pub.md": """
        ---
        name: Public Person
        tags: [met via Kwam&#x65; Asante, public-tag]
        ---
        Notes that stay.

        ## Notes — Kwame Asant&#101;

        Lunch with Zo&euml; O&#39;Brien-Smith.

        Call Kwame Asant&amp;#101; back.
        """,
    "journal/2026-02-01-call.md": """
        ---
        date: 2026-02-01
        title: Call with Kwam&#x65; Asante
        with: [pub]
        ---
        Met Zo&euml; O&#39;Brien-Smith.
        """,
}


def test_html_character_references_do_not_smuggle_a_private_name_onto_a_public_site(
    write: Write, tmp_path: Path
) -> None:
    for path, text in ENCODED.items():
        write(path, text)
    config = MINIMAL_MKDOCS.replace(
        "  - netjournal\n", "  - netjournal:\n      public_fields: [notes]\n"
    )
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_build(tmp_path, "--public")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    markers = ["Asante", "asante", "Asant&", "Kwam&", "Zo&euml;", "Brien", "brien", "Zoë"]
    assert leaks(site, markers) == {}
    texts = "".join(site_text(site).values())
    assert "public-tag" in texts and "Public Person" in texts


ADDRESSES = {
    "contacts/zed-quill.md": private(
        "zed-quill", "Zed Quill", "email: Zed.Quill@Example.com\nphone: +44 20 7946 0958\n"
    ),
    "contacts/pub.md": """
        ---
        name: Public Person
        title: write to ZED.QUILL@example.com
        follow_ups:
          - {what: Ring 020 7946 0958 about the lease, due: 2026-11-20}
          - {what: Send the brochure, due: 2026-11-21}
        ---
        """,
    "journal/2026-02-01-call.md": """
        ---
        date: 2026-02-01
        title: Call on +44 (20) 7946-0958
        with: [pub]
        ---
        """,
}


def test_a_private_contacts_email_and_phone_are_in_no_file_of_a_public_site(
    write: Write, tmp_path: Path
) -> None:
    for path, text in ADDRESSES.items():
        write(path, text)
    result = run_build(tmp_path, "--public")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    assert leaks(site, ["zed.quill@", "ZED.QUILL", "7946"]) == {}
    assert "Send the brochure" in (site / "follow-ups.html").read_text("utf-8")


def test_a_public_contact_named_after_a_private_one_stops_a_public_build(
    write: Write, tmp_path: Path
) -> None:
    write("contacts/zed-quill.md", private("zed-quill", "Zed Quill"))
    write("contacts/zed-quill-assistant.md", "---\nname: Office of Zed Quill\n---\n")
    result = run_build(tmp_path, "--public")
    assert result.exit_code == 1
    assert "contacts/zed-quill-assistant.md:1:1: error NJ121 this contact's file name" in (
        result.output
    )
    assert "contacts/zed-quill-assistant.md:2:7: error NJ121 this contact's name" in result.output
    assert not (tmp_path / "site").exists()
    # The private build shows the contact, as before.
    assert run_build(tmp_path).exit_code == 0
    assert "Office of Zed Quill" in (tmp_path / "site/contacts/zed-quill-assistant.html").read_text(
        "utf-8"
    )


@pytest.mark.parametrize(
    ("line", "where"),
    [
        ("Private: true", "2:1: error NJ120 key 'Private'"),
        ("PRIVATE: true", "2:1: error NJ120 key 'PRIVATE'"),
        ("privat: true", "2:1: error NJ120 key 'privat'"),
        ("private:", "2:9: error NJ120 'private' is empty"),
        ("private: ~", "2:10: error NJ120 'private' is empty"),
        ("privacy: true", "2:1: error NJ120 key 'privacy'"),
        ("confidential: true", "2:1: error NJ120 key 'confidential'"),
        ("hidden: true", "2:1: error NJ120 key 'hidden'"),
        ("visibility: private", "2:1: error NJ120 key 'visibility'"),
        ("private_contact: true", "2:1: error NJ120 key 'private_contact'"),
    ],
)
def test_a_privacy_flag_that_cannot_be_read_stops_a_public_build(
    write: Write, tmp_path: Path, line: str, where: str
) -> None:
    write("contacts/zed-quill.md", f"---\n{line}\nname: Zed Quill\n---\n")
    write("journal/2026-02-01-call.md", f"---\ndate: 2026-02-01\n{line}\n---\n")
    result = run_build(tmp_path, "--public")
    assert result.exit_code == 1
    assert f"contacts/zed-quill.md:{where}" in result.output
    assert f"journal/2026-02-01-call.md:3:{where[2:]}" in result.output
    assert not (tmp_path / "site").exists()
    # A private build reads it as before: the contact is on the site.
    assert run_build(tmp_path).exit_code == 0
    assert (tmp_path / "site/contacts/zed-quill.html").is_file()


def test_a_docs_page_naming_a_private_contact_stops_a_public_build(
    write: Write, tmp_path: Path
) -> None:
    write("contacts/min-kim.md", private("min-kim", "Dr. Min Kim"))
    write("docs/about.md", "# About\n\nMy network.\nThanks to MIN\nKIM for the idea.\n")
    (tmp_path / "docs/merci.txt").write_bytes("Merci à\nDr Min Kim\n".encode("latin-1"))
    result = run_build(tmp_path, "--public")
    assert result.exit_code == 1
    assert "docs/about.md:4:1: error NJ122 line 4 names the private contact min-kim" in (
        result.output
    )
    assert "docs/merci.txt:2:1: error NJ122" in result.output  # Latin-1 text is read too
    assert not (tmp_path / "site").exists()
    assert run_build(tmp_path).exit_code == 0  # a private build publishes the page
    # Once the name is gone, the page is published; a near name is not refused.
    (tmp_path / "docs/merci.txt").unlink()
    write("docs/about.md", "# About\n\nThanks to Minnie Kimball.\n")
    assert run_build(tmp_path, "--public").exit_code == 0
    assert "Minnie Kimball" in (tmp_path / "site/about.html").read_text("utf-8")


@pytest.mark.parametrize("public", [[], ["--public"]])
def test_a_link_in_docs_leading_outside_it_stops_every_build(
    write: Write, tmp_path: Path, public: list[str]
) -> None:
    root = tmp_path / "journal-root"
    outside = tmp_path / "etc"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0:ZQSECRET\n", encoding="utf-8")
    for folder in ("contacts", "journal", "docs"):
        (root / folder).mkdir(parents=True)
    (root / "docs/passwd.md").symlink_to(outside / "passwd")
    (root / "docs/etc").symlink_to(outside)
    (root / "docs/about.md").write_text("# About\n", encoding="utf-8")
    (root / "docs/same.md").symlink_to(root / "docs/about.md")  # inside docs/: fine
    result = run_build(root, *public)
    assert result.exit_code == 1
    assert "docs/passwd.md:1:1: error NJ009 this symbolic link points outside docs/" in (
        result.output
    )
    assert "docs/etc:1:1: error NJ009" in result.output
    assert "docs/same.md" not in result.output
    assert not (root / "site").exists()


def test_adversarial_megabyte_lines_are_scanned_in_linear_time(tmp_path: Path) -> None:
    """1 MB lines built to make a backtracking matcher slow: each is scanned in linear time."""
    many = " ".join(["A"] * 11 + ["B"] + ["C"] * 20)  # 11 steps down the name from each word
    mentions = Mentions(
        [
            Contact("zed-quill", "c", "Dr. Zed Quill", phones=("+44 20 7946 0958",)),
            Contact("a-b", "c", many, emails=("a@b.example",)),
        ]
    )
    lines = {
        "letters": "a" * 1_000_000,
        "prefixes": "zed " * 250_000,
        "long name prefix": "a " * 500_000,
        "digits": "1 " * 500_000,
        "phone separators": "9-" * 500_000,
        "accents": "e\u0301" * 500_000,
        "apostrophes": "'" * 1_000_000,
        "at signs": "a@" * 500_000,
        "ideographs": "王" * 1_000_000,
    }
    timings = {}
    for name, line in lines.items():
        start = time.perf_counter()
        assert mentions(line) is None
        timings[name] = time.perf_counter() - start
    assert max(timings.values()) < 10, timings  # measured: 0.2 to 1.6 s each
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("zed " * 250_000 + "\n" + "a " * 500_000, encoding="utf-8")
    start = time.perf_counter()
    assert docs_problems(docs, tmp_path, mentions) == []
    assert time.perf_counter() - start < 10  # measured: about 1 s


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Min Kim", "min-kim"),
        ("dr min kim", "min-kim"),
        ("M. Kim", "min-kim"),
        ("Kim, Min", "min-kim"),
        ("lunch-with-lea-dupont", "lea-dupont"),
        ("LÉA DUPONT", "lea-dupont"),
        ("Le\u0301a Dupont", "lea-dupont"),
        ("Sean O\u2019Neil", "sean-oneil"),
        ("sean oneil", "sean-oneil"),
        ("Sean O Neil's desk", "sean-oneil"),
        ("HANS STRAUSS", "hans-strauss"),
        ("Juergen Mueller", "jurgen-muller"),
        ("Z. Quill", "zed-quill"),
        ("zed_quill", "zed-quill"),
        ("我和王小明吃饭", "wang"),
        ("Minnie Kim", None),
        ("Kim", None),
        ("Zedd Quilling", None),
        ("Dupont", None),
        ("Hans", None),
        ("Anna Bell Dunn", "bell-dunn"),
        ("Ann Lee's report", "al"),
    ],
)
def test_what_counts_as_naming_a_private_contact(text: str, named: str | None) -> None:
    mentions = Mentions(
        Contact(slug, "c", name)
        for slug, name in [
            ("min-kim", "Dr. Min Kim"),
            ("lea-dupont", "Léa Dupont"),
            ("sean-oneil", "Sean O'Neil"),
            ("hans-strauss", "Hans Strauß"),
            ("jurgen-muller", "Jürgen Müller"),
            ("zed-quill", "Zed Quill"),
            ("wang", "王小明"),
            ("anna-bell-carter", "Anna Bell Carter"),
            ("bell-dunn", "Bell Dunn"),
            ("al", "Ann Lee, PhD"),
        ]
    )
    assert mentions(text) == named


SURNAMES_OF_SEVERAL_WORDS = [
    ("lea-oneil", "Léa O\u2019Neil"),
    ("mj", "Mary-Jane van der Berg"),
    ("jm", "José María García López"),
    ("zoe", "Dr. Zoë O\u2019Brien-Smith, PhD"),
    ("zed-quill", "Zed Quill"),
]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("O'Neil, Léa", "lea-oneil"),
        ("ONeil, Lea", "lea-oneil"),
        ("L. O'Neil", "lea-oneil"),
        ("van der Berg, Mary-Jane", "mj"),
        ("M. J. van der Berg", "mj"),
        ("M. van der Berg", None),  # not all of the given names
        ("Mary-Jane van der Berg", "mj"),
        ("Mary Jane", None),
        ("van der Berg", None),
        ("Jane van der Berg", None),
        ("García López, José María", "jm"),
        ("J. M. García López", "jm"),
        ("J. María García López", "jm"),
        ("Lopez, Jose Maria Garcia", "jm"),
        ("García López", None),
        ("José García", None),
        ("O'Brien-Smith, Zoë", "zoe"),
        ("Z. O'Brien-Smith", "zoe"),
        ("Zoe OBrien Smith", "zoe"),
        ("O'Brien-Smith", None),
        ("Zoe Smith", None),
        ("Quill, Zed", "zed-quill"),
        ("Quill, Zedd", None),
    ],
)
def test_a_surname_of_several_words_is_found_first_or_after_initials(
    text: str, named: str | None
) -> None:
    mentions = Mentions(Contact(slug, "c", name) for slug, name in SURNAMES_OF_SEVERAL_WORDS)
    assert mentions(text) == named


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Pat", "pat"),
        ("  pat. ", "pat"),
        ("Dr. Pat", "pat"),
        ("Cher", "cher"),
        ("CHER", "cher"),
        ("Pat Smith", None),
        ("Lunch with Pat", None),
        ("lunch-with-pat", None),
        ("Cher Ami", None),
        ("Sam Lee", "sam"),  # a full name is found as before
        ("Lunch with Sam Lee", "sam"),
        ("Sam", "sam"),  # the slug (contacts/sam.md) is one word: as the whole text only
        ("Ask Sam", None),
    ],
)
def test_a_one_word_name_or_slug_is_found_only_as_the_whole_text(
    text: str, named: str | None
) -> None:
    mentions = Mentions(
        Contact(slug, "c", name)
        for slug, name in [("pat", "Pat"), ("cher", "Cher"), ("sam", "Sam Lee")]
    )
    assert mentions(text) == named


def test_a_private_contact_of_one_word_does_not_stop_a_public_build_of_longer_names(
    write: Write, tmp_path: Path
) -> None:
    write("contacts/pat.md", private("pat", "Pat"))
    write("contacts/pat-smith.md", "---\nname: Pat Smith\ntitle: Engineer\n---\n")
    write("contacts/lee.md", "---\nname: Lee Patel\ntags: [met with Pat Smith]\n---\n")
    result = run_build(tmp_path, "--public")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    assert "Pat Smith" in (site / "contacts/pat-smith.html").read_text("utf-8")
    assert "met with Pat Smith" in (site / "contacts/lee.html").read_text("utf-8")
    assert not (site / "contacts/pat.html").exists()
    # A public contact called just that still names the private one.
    write("contacts/pat2.md", "---\nname: Pat\n---\n")
    result = run_build(tmp_path, "--public")
    assert result.exit_code == 1
    assert "contacts/pat2.md:2:7: error NJ121 this contact's name 'Pat'" in result.output


NAME_WORD = st.text("abcdeilnorsuzéèüöçñå", min_size=2, max_size=8)


@given(
    given_names=st.lists(NAME_WORD, min_size=1, max_size=2),
    last=NAME_WORD,
    honorific=st.sampled_from(["", "Dr. ", "Prof ", "Mx "]),
    separators=st.lists(st.sampled_from([" ", "-", "_", ". ", " - ", "\u00a0"]), min_size=3),
    capitals=st.lists(st.booleans(), min_size=30, max_size=30),
    form=st.sampled_from(["NFC", "NFD"]),
    around=st.tuples(
        st.sampled_from(["", "Lunch with ", "x/"]), st.sampled_from(["", "'s", ".md"])
    ),
)
def test_a_private_name_is_found_however_it_is_cased_accented_or_separated(
    given_names: list[str],
    last: str,
    honorific: str,
    separators: list[str],
    capitals: list[bool],
    form: str,
    around: tuple[str, str],
) -> None:
    name = " ".join([*given_names, last])
    mentions = Mentions([Contact("someone", "c", honorific + name)])
    typed = (
        "".join(word + separators[i % len(separators)] for i, word in enumerate(given_names)) + last
    )
    typed = "".join(c.upper() if up else c for c, up in zip(typed, capitals * 10, strict=False))
    text = unicodedata.normalize(form, around[0] + typed + around[1])
    assert mentions(text) == "someone", text


def test_check_public_reads_docs_dir_and_public_from_mkdocs_yml(
    write: Write, tmp_path: Path
) -> None:
    write("contacts/min-kim.md", private("min-kim", "Dr. Min Kim"))
    write("pages/about.md", "# About\n\nThanks to Min Kim.\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ndocs_dir: pages\nplugins:\n  - netjournal:\n      public: true\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "-f", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code == 1
    assert "pages/about.md:3:1: error NJ122" in result.output
