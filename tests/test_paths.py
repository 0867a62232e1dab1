"""Links between the site's pages: `render.paths.relative` is `posixpath.relpath` without the
file system (a link that went wrong here would lead every reader to a missing page)."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from netjournal.render.paths import relative

# Folders and names as the site has them, and the odd ones that must fall back.
SEGMENTS = st.sampled_from(["contacts", "journal", "2026-11", "a", "x.md", "index.md", "é", ""])
ODD = st.sampled_from(["..", ".", ""])
PATHS = st.lists(st.one_of(SEGMENTS, ODD), max_size=4).map("/".join)


@settings(max_examples=1000, deadline=None)
@given(PATHS, PATHS, st.booleans(), st.booleans())
def test_relative_is_what_relpath_gives(path: str, start: str, slash: bool, rooted: bool) -> None:
    path = (path or ".") + ("/" if slash and path else "")
    start = ("/" if rooted and start else "") + (start or ".")
    if rooted:  # relpath refuses to mix an absolute and a relative path; so does this
        path = "/" + path.lstrip("/")
    assert relative(path, start) == posixpath.relpath(path, start)


def test_links_between_the_site_pages() -> None:
    assert relative("contacts/jane.md", "journal") == "../contacts/jane.md"
    assert relative("journal/2026-11/2.md", "journal/2026-11") == "2.md"
    assert relative("index.md", "contacts/letters") == "../../index.md"
    assert relative("contacts", "contacts") == "."
    assert relative("contacts/letters/e.md", ".") == "contacts/letters/e.md"
