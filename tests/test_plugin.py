"""The MkDocs plugin's own choices: fonts, `today`, navigation, the user's own pages."""

from __future__ import annotations

from datetime import date

import pytest

from netjournal.options import OptionsError, resolve_today


def test_today_comes_from_the_cli_then_mkdocs_yml_then_the_clock():
    assert resolve_today(date(2026, 1, 2), "2026-03-04") == date(2026, 3, 4)
    assert resolve_today(date(2026, 1, 2), None) == date(2026, 1, 2)
    assert resolve_today("2026-01-05", None) == date(2026, 1, 5)
    assert resolve_today(None, None) == date.today()
    with pytest.raises(OptionsError, match="is not a date"):
        resolve_today("soon", None)


def test_material_fonts_are_off_unless_the_config_names_one(write, build_site, tmp_path):
    write("contacts/a.md", "---\nname: A\n---\n")
    site = build_site()
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ntheme:\n  name: material\n  font: {text: Inter}\nplugins: [netjournal]\n",
        encoding="utf-8",
    )
    site = build_site()
    assert "fonts.googleapis.com" in (site / "index.html").read_text(encoding="utf-8")


def test_a_page_of_your_own_replaces_the_generated_one_and_joins_the_nav(
    write, build_site, tmp_path
):
    write("contacts/a.md", "---\nname: A\n---\n")
    write("docs/index.md", "# My own home page\n")
    write("docs/about.md", "# About this journal\n")
    site = build_site()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "My own home page" in home and "Overdue follow-ups" not in home
    assert 'href="about.html"' in home and 'href="follow-ups.html"' in home


def test_a_page_of_your_own_that_replaces_a_generated_one_is_warned_about(
    write, build_site, tmp_path
):
    """The dashboard, a contact's page or the calendar feed never vanish without a word."""
    from click.testing import CliRunner

    from netjournal.cli import main

    write("contacts/a.md", "---\nname: A\n---\n")
    write("docs/contacts/a.md", "# Mine\n")
    write("docs/calendar.ics", "BEGIN:VCALENDAR\n")
    build_site()  # warnings do not stop a build…
    arguments = ["build", "-f", str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "site")]
    result = CliRunner().invoke(main, [*arguments, "--strict", "--today", "2026-11-23"])
    assert result.exit_code == 1  # …but they are warnings: --strict fails on them
    for uri, what in (("contacts/a.md", "page"), ("calendar.ics", "file")):
        assert f"is published instead of the {what} netjournal makes at {uri}" in result.output


def test_directory_urls_when_offline_is_off(write, build_site):
    write("contacts/jane.md", "---\nname: Jane\n---\n")
    site = build_site(
        config="site_name: T\ntheme: {name: material}\nplugins:\n  - netjournal:\n"
        "      offline: false\n"
    )
    assert (site / "contacts/jane/index.html").is_file()
    assert not (site / "search/search_index.js").exists()


def test_add_pages_keeps_your_own_page_and_puts_only_the_index_pages_in_the_nav(tmp_path):
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

    from netjournal.plugin import add_pages

    docs = tmp_path / "docs"
    (docs / "contacts").mkdir(parents=True)
    (docs / "contacts" / "jane.md").write_text("# My own Jane page\n", encoding="utf-8")
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "T", "docs_dir": str(docs), "site_dir": str(tmp_path / "s")})
    assert config.validate() == ([], [])
    config.plugins._current_plugin = "netjournal"  # as MkDocs sets it while a plugin runs
    files = Files(
        [File(uri, str(docs), config.site_dir, False) for uri in ("contacts/jane.md", "about.md")]
    )
    add_pages(
        files,
        config,
        {"index.md": "# Dashboard\n", "contacts/jane.md": "# Jane\n", "contacts/tom.md": "# T\n"},
    )
    jane = files.get_file_from_path("contacts/jane.md")
    assert jane is not None and jane.content_string == "# My own Jane page\n"
    tom = files.get_file_from_path("contacts/tom.md")
    assert tom is not None and tom.content_string == "# T\n" and not tom.inclusion.is_in_nav()
    assert config.nav is not None
    assert [next(iter(item.values())) for item in config.nav[:5]] == [
        "index.md",
        "follow-ups.md",
        "contacts/index.md",
        "journal/index.md",
        "sources/index.md",
    ]
    assert config.nav[5:] == ["about.md"]
