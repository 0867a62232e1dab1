"""A public build leaks nothing private, in any file of the site; a private build shows all."""

from __future__ import annotations

import gzip
from datetime import date

import pytest

from netjournal.model import Text
from netjournal.queries.privacy import public_view

# Every marker stands in one private place; the public site must contain none of them.
PRIVATE_FILES = {
    "contacts/zq-pslug.md": """
        ---
        name: Priv ZQPCNAME
        company: ZQPCOMPANY
        email: zqpemail@example.com
        source: reputation-response
        needs: [ZQPNEED]
        offers: [ZQPOFFER]
        opportunities:
          - {title: ZQPOPP, date: 2026-01-05, status: won, value: 777777}
        follow_ups:
          - {what: ZQPCFOLLOW, due: 2026-11-01}
        private: true
        ---
        ZQPCBODY
        """,
    "journal/2026-01-01-zq-peslug.md": """
        ---
        date: 2026-01-01
        title: ZQPETITLE
        with: [pub]
        follow_ups:
          - {what: ZQPEFOLLOW, due: 2026-11-02}
        private: true
        ---
        ZQPEBODY
        """,
    "contacts/pub.md": """
        ---
        name: Public Person
        company: Partner of Priv ZQPCNAME
        title: Assistant to zq-pslug
        location: Priv ZQPCNAME's office
        relationship: friend of Priv ZQPCNAME
        tags: [public, knows Priv ZQPCNAME]
        url: [https://example.com/public, https://example.com/zq-pslug]
        email: zqemail@example.com
        phone: "+1 555 ZQPHONE"
        birthday: 1931-07-09
        source: referral
        referred_by: zq-pslug
        introduced_by: zq-pslug
        met_at: 2026-01-01-zq-peslug
        cadence: 1m
        opportunities:
          - {title: Books, status: won, value: 100, referred_by: zq-pslug}
        ---
        ZQCBODY
        """,
    "journal/2026-02-01-lunch.md": """
        ---
        date: 2026-02-01
        title: Lunch with Priv ZQPCNAME
        kind: meal
        with: [pub, zq-pslug]
        referrals:
          - {given_to: pub, prospect: zq-pslug, note: ZQPREFNOTE}
          - {received_from: zq-pslug, prospect: Someone Else}
          - {given_to: pub, prospect: Public Prospect}
        introductions: [[pub, zq-pslug]]
        follow_ups:
          - {what: ZQPWHO, due: 2026-11-03, who: zq-pslug}
          - {what: Call Public Person, due: 2026-11-04}
        ---
        ZQEBODY
        """,
    "journal/2026-03-01-lunch-with-zq-pslug.md": """
        ---
        date: 2026-03-01
        kind: lunch with Priv ZQPCNAME
        with: [pub]
        follow_ups:
          - {what: Send the spring pack, due: 2026-11-05}
        ---
        """,
}
PRIVATE_MARKERS = [
    "ZQPCNAME",
    "ZQPCOMPANY",
    "zqpemail",
    "ZQPNEED",
    "ZQPOFFER",
    "ZQPOPP",
    "777,777",
    "ZQPCFOLLOW",
    "ZQPCBODY",
    "zq-pslug",
    "ZQPETITLE",
    "ZQPEFOLLOW",
    "ZQPEBODY",
    "zq-peslug",
    "ZQPREFNOTE",
    "ZQPWHO",
    "zq pslug",  # the slug in a title made from a file name
]
PERSONAL_MARKERS = ["zqemail", "ZQPHONE", "1931", "ZQCBODY", "ZQEBODY"]


def site_text(site) -> dict[str, str]:
    """Every file of the built site (gzip opened) by its path, the path itself included."""
    texts = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            texts[str(path.relative_to(site))] = data.decode("utf-8", "replace")
    return texts


def leaks(site, markers) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path, text in site_text(site).items():
        for marker in markers:
            if marker in text or marker in path:
                found.setdefault(marker, []).append(path)
    return found


@pytest.fixture
def journal_files(write):
    for path, text in PRIVATE_FILES.items():
        write(path, text)


def test_a_public_build_contains_no_private_marker_in_any_file(journal_files, build_site):
    site = build_site("--public")
    assert leaks(site, PRIVATE_MARKERS + PERSONAL_MARKERS) == {}
    public_person = (site / "contacts/pub.html").read_text(encoding="utf-8")
    assert "Public Person" in public_person and "Public Prospect" in public_person
    follow_ups = (site / "follow-ups.html").read_text(encoding="utf-8")
    assert "Call Public Person" in follow_ups
    # The entry named after a private contact is still there, under a neutral anchor.
    assert 'href="journal/2026-03.html#2026-03-01-entry-2"' in follow_ups
    assert 'id="2026-03-01-entry-2"' in (site / "journal/2026-03.html").read_text(encoding="utf-8")
    assert "https://example.com/public" in public_person


def test_the_private_build_shows_every_marker(journal_files, build_site):
    site = build_site()
    assert set(leaks(site, PRIVATE_MARKERS + PERSONAL_MARKERS)) == set(
        PRIVATE_MARKERS + PERSONAL_MARKERS
    )


def test_public_fields_lets_chosen_personal_fields_through(tmp_path, journal_files, build_site):
    config = (
        "site_name: T\ntheme: {name: material}\nplugins:\n  - search\n"
        "  - netjournal:\n      public: true\n      public_fields: [email, notes]\n"
    )
    site = build_site(config=config)
    found = leaks(site, PRIVATE_MARKERS + PERSONAL_MARKERS)
    assert set(found) == {"zqemail", "ZQCBODY", "ZQEBODY"}


def test_public_view_drops_counts_that_would_reveal_a_private_contact(journal_of):
    journal = journal_of({path: text for path, text in PRIVATE_FILES.items()})
    public = public_view(journal)
    assert list(public.contacts) == ["pub"]
    lunch, renamed = public.entries
    assert (renamed.slug, renamed.kind, renamed.title) == ("2026-03-01-entry-2", None, "Entry")
    assert lunch.title == "Meal"  # the title named a private contact
    assert lunch.with_ == ("pub",) and lunch.introductions == ()
    assert [r.prospect for r in lunch.referrals] == [Text("Public Prospect")]
    assert [f.what for f in lunch.follow_ups] == ["Call Public Person"]
    person = public.contacts["pub"]
    assert (person.referred_by, person.introduced_by, person.met_at) == (None, None, None)
    assert person.birthday is None and person.emails == () and person.body == ""
    assert (person.company, person.title, person.location, person.relationship) == (None,) * 4
    assert (person.tags, person.urls) == (("public",), ("https://example.com/public",))
    assert date(2026, 1, 1) not in [e.date for e in public.entries]
