"""netjournal's options read from mkdocs.yml in every form MkDocs accepts, and nothing run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netjournal.options import OptionsError, read_options


@pytest.fixture
def folders(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("contacts", "journal", "people"):
        (tmp_path / name).mkdir()
    return tmp_path


def options_of(root: Path, text: str):
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return read_options(Path("mkdocs.yml"))


def test_plugins_as_a_mapping_and_a_bare_entry_are_read(folders):
    found = options_of(folders, "plugins:\n  search: {}\n  netjournal:\n    contacts: people\n")
    assert found.contacts == folders / "people" and found.journal == folders / "journal"
    bare = options_of(folders, "plugins:\n  - search\n  - netjournal\n")
    assert (bare.today, bare.public, bare.offline) == (None, False, True)


def test_env_tags_are_read_as_mkdocs_reads_them(folders, monkeypatch):
    monkeypatch.setenv("JOURNAL_DAY", "2026-01-02")
    monkeypatch.setenv("JOURNAL_PUBLIC", "true")
    found = options_of(
        folders,
        "plugins:\n  - netjournal:\n      today: !ENV JOURNAL_DAY\n"
        "      public: !ENV [UNSET_NAME, JOURNAL_PUBLIC, false]\n",
    )
    assert (found.today, found.public) == (date(2026, 1, 2), True)


@pytest.mark.parametrize(
    ("options", "sentence"),
    [
        ("      today: 2026-11-23\n      today: 2026-11-24\n", "mkdocs.yml:4: netjournal option "
         "'today' is set twice (first on line 3): keep one"),
        ("      public: yes please\n", "mkdocs.yml:3: netjournal option 'public' is true or "
         "false, not 'yes please'"),
        ("      contacts: !relative $config_dir/people\n", "mkdocs.yml:3: netjournal option "
         "'contacts': netjournal reads only plain values here, not !relative"),
        ("      public_fields: [[email]]\n", "mkdocs.yml:3: netjournal option 'public_fields': "
         "write a list of plain values"),
        ("      contacts: clients\n", "mkdocs.yml:3: the contacts folder"),
    ],
)  # fmt: skip
def test_a_mistake_in_the_options_names_its_line(folders, options, sentence):
    with pytest.raises(OptionsError) as raised:
        options_of(folders, "plugins:\n  - netjournal:\n" + options)
    assert str(raised.value).startswith(sentence)
