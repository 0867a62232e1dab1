"""Relative links between the site's pages, as plain string work.

A page links to another by its path in the docs (`contacts/jane.md` from
`journal/2026-11.md` is `../contacts/jane.md`). `posixpath.relpath` makes both paths absolute
first (two `getcwd` calls each time), which was a tenth of rendering a site with many links;
the site's paths are already relative and normal, so the common folders are dropped and each
folder left climbed with `..`.
"""

from __future__ import annotations

import posixpath


def relative(path: str, start: str) -> str:
    """`path` as seen from the folder `start` (both relative to the site's root, `.` or ``
    for the root itself): what `posixpath.relpath(path, start)` gives, without the
    file system. Any path that is not plain (`..`, `.` inside it, `//`, a leading `/`) is
    left to `posixpath.relpath`."""
    to = _parts(path)
    at = _parts(start)
    if to is None or at is None:
        return posixpath.relpath(path, start)
    common = 0
    for mine, theirs in zip(to, at, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def _parts(path: str) -> list[str] | None:
    """The folders and name of a plain relative path (`[]` for the root), else None."""
    if path in ("", "."):
        return []
    parts = path.removesuffix("/").split("/")
    if path.startswith("/") or any(part in ("", ".", "..") for part in parts):
        return None
    return parts
