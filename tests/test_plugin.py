"""The MkDocs plugin's own choices: fonts, `today`, navigation, the user's own pages."""

from __future__ import annotations

from datetime import date

import pytest
from mkdocs.exceptions import PluginError

from netjournal.plugin import resolve_today


def test_today_comes_from_the_cli_then_mkdocs_yml_then_the_clock():
    assert resolve_today(date(2026, 1, 2), "2026-03-04") == date(2026, 3, 4)
    assert resolve_today(date(2026, 1, 2), None) == date(2026, 1, 2)
    assert resolve_today("2026-01-05", None) == date(2026, 1, 5)
    assert resolve_today(None, None) == date.today()
    with pytest.raises(PluginError, match="is not a date"):
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


def test_directory_urls_when_offline_is_off(write, build_site):
    write("contacts/jane.md", "---\nname: Jane\n---\n")
    site = build_site(
        config="site_name: T\ntheme: {name: material}\nplugins:\n  - netjournal:\n"
        "      offline: false\n"
    )
    assert (site / "contacts/jane/index.html").is_file()
    assert not (site / "search/search_index.js").exists()
