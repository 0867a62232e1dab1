"""`check` warns (NJ116) when two contact files look like one person, naming both files."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from netjournal.cli import main
from netjournal.read.duplicates import same_phone
from netjournal.read.journal import read_texts


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("+1 555 0100", "(555) 0100", True),  # with and without the country code
        ("+44 20 7946 0958", "020 7946 0958", True),  # the trunk 0 instead of +44
        ("+1 (212) 555-0199", "1.212.555.0199", True),  # punctuation is no difference
        ("+1 212 555 0199", "+1 415 555 0199", False),  # ending alike is not enough
        ("555 0100", "555 0101", False),
        ("12 34", "012 34", False),  # too short to say: an extension, a typo
    ],
)
def test_phone_numbers_are_compared_by_their_digits(one, other, same):
    assert same_phone(one, other) is same
    assert same_phone(other, one) is same


def warnings_of(files: dict[str, str]) -> list[str]:
    result = read_texts(files)
    assert not result.errors
    return [f"{p.path}:{p.line}: {p.code} {p.message}" for p in result.problems]


def test_a_shared_email_names_both_files_once_on_the_later_one():
    found = warnings_of(
        {
            "contacts/jane-doe.md": "---\nname: Jane Doe\n"
            "email: [a@x.org, Jane@Example.com]\n---\n",
            "contacts/j-doe.md": "---\nname: J. Doe\nemail: jane@example.com \n---\n",
        }
    )
    assert found == [
        "contacts/jane-doe.md:3: NJ116 email: Jane Doe may be the same person as J. Doe in "
        "contacts/j-doe.md: both have the email Jane@Example.com; if they are one person, "
        "merge the two files into one; if not, nothing needs doing"
    ]


def test_names_that_fold_alike_and_a_shared_phone_are_one_warning():
    [found] = warnings_of(
        {
            "contacts/zoe-ng.md": '---\nname: Zoë Ng\nphone: "+44 20 7946 0958"\n---\n',
            "contacts/zoe-ng-2.md": '---\nname: "zoe  NG"\nphone: "020 7946 0958"\n---\n',
        }
    )
    assert found.startswith("contacts/zoe-ng-2.md:3: NJ116 phone: zoe  NG may be the same")
    assert "in contacts/zoe-ng.md: both have the phone number 020 7946 0958 and names" in found
    assert "(Zoë Ng, zoe  NG)" in found


def test_different_people_get_no_warning():
    assert (
        warnings_of(
            {
                "contacts/sam.md": '---\nname: Sam Roe\nphone: "+1 212 555 0199"\n'
                "email: sam@x.org\n---\n",
                "contacts/ann.md": '---\nname: Ann Roe\nphone: "+1 415 555 0199"\n'
                "email: [ann@x.org, ann@x.org]\n---\n",
            }
        )
        == []
    )


def test_every_pair_of_three_alike_is_named():
    found = warnings_of({f"contacts/li-wei-{n}.md": "---\nname: Li Wei\n---\n" for n in (1, 2, 3)})
    assert [line.split(" may be")[0] for line in found] == [
        "contacts/li-wei-2.md:2: NJ116 name: Li Wei",
        "contacts/li-wei-3.md:2: NJ116 name: Li Wei",
        "contacts/li-wei-3.md:2: NJ116 name: Li Wei",
    ]
    assert "in contacts/li-wei-1.md: both have the name Li Wei;" in found[0]


def test_check_prints_the_warning_and_still_passes(tmp_path, monkeypatch):
    (tmp_path / "contacts").mkdir()
    (tmp_path / "journal").mkdir()
    (tmp_path / "contacts/ann.md").write_text("---\nname: Ann\nphone: +1 555 0100\n---\n", "utf-8")
    (tmp_path / "contacts/bea.md").write_text('---\nname: Bea\nphone: "(555) 0100"\n---\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "contacts/bea.md:3:8: warning NJ116 phone: Bea may be the same person as Ann in "
        "contacts/ann.md: both have the phone number (555) 0100;"
    )
    assert "0 errors, 1 warning (2 contacts, 0 entries read)" in result.output


def test_namesakes_with_different_emails_or_profiles_are_two_people():
    """As `netjournal import` decides: another email or profile means another person."""
    assert (
        warnings_of(
            {
                "contacts/john-smith.md": "---\nname: John Smith\nemail: john@acme.example\n---\n",
                "contacts/john-smith-2.md": "---\nname: John Smith\nemail: js@globex.example\n"
                "---\n",
                "contacts/jon-a.md": "---\nname: Jon A\nurl: https://ex.org/in/a\n---\n",
                "contacts/jon-a-2.md": "---\nname: Jon A\nurl: https://ex.org/in/b\n---\n",
            }
        )
        == []
    )
    [found] = warnings_of(
        {
            "contacts/ada.md": "---\nname: Ada\nemail: ada@x.org\n---\n",
            "contacts/ada-2.md": "---\nname: Ada\n---\n",  # nothing tells them apart
        }
    )
    assert found.startswith("contacts/ada-2.md:2: NJ116 name: Ada may be the same person")
