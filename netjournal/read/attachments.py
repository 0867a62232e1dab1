"""The images a vault's notes embed (`![[photo.png]]`), found as Obsidian finds them.

Obsidian looks an embedded file up by its name anywhere in the vault (the one nearest the
vault's root when several share it), or by its path from the root (`![[assets/photo.png]]`).
Only images the notes embed are read, and only raster ones: an SVG may carry a script
that runs when its address is opened on the site. A file outside the folder (through a
symbolic link), hidden folders (`.obsidian`, `.trash`) and the `exclude` globs are skipped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

# `![[name]]` and `![[name|300]]`: one class each, no nesting (as read/wikilinks.py's).
EMBED = re.compile(r"!\[\[([^\[\]|#\n]+)(?:\|[^\[\]\n]*)?\]\]")
IMAGE_TYPES = frozenset(["png", "jpg", "jpeg", "gif", "webp", "avif", "bmp"])
MAX_IMAGE_BYTES = 20 * 1024 * 1024
FOLDER = "attachments"  # where the site keeps them: attachments/<path in the vault>


def is_image(name: str) -> bool:
    """Whether an embed of `name` shows an image (by its file name's ending)."""
    return name.rpartition(".")[2].casefold() in IMAGE_TYPES


def embedded_images(bodies: Iterable[str]) -> set[str]:
    """The image names the notes `bodies` embed, as written (`photo.png`, `img/a.jpg`)."""
    return {
        match.group(1).strip()
        for body in bodies
        if "![[" in body
        for match in EMBED.finditer(body)
        if is_image(match.group(1).strip())
    }


def vault_images(
    root: Path, names: Collection[str], exclude: Collection[str] = ()
) -> dict[str, tuple[str, bytes]]:
    """Each of `names` found under `root`: its address on the site and its bytes.

    A name not found, too large, or unreadable is left out (the note shows its name).
    """
    if not names:
        return {}
    wanted = {name.casefold().lstrip("/"): name for name in names}
    by_name: dict[str, list[PurePosixPath]] = {}
    base = root.resolve()
    for folder, folders, files in os.walk(base):
        here = PurePosixPath(Path(folder).relative_to(base).as_posix())
        folders[:] = sorted(
            f for f in folders if not f.startswith(".") and not _excluded(here / f, exclude)
        )
        for file in files:
            if is_image(file) and not _excluded(here / file, exclude):
                by_name.setdefault(file.casefold(), []).append(here / file)
    found: dict[str, tuple[str, bytes]] = {}
    for key, written in wanted.items():
        path = _chosen(key, by_name)
        if path is None:
            continue
        data = _read(base, path)
        if data is not None:
            found[written] = (f"{FOLDER}/{path.as_posix()}", data)
    return found


def _chosen(key: str, by_name: dict[str, list[PurePosixPath]]) -> PurePosixPath | None:
    """The file `key` (a name or a path from the root, folded) names: the nearest the root."""
    candidates = by_name.get(PurePosixPath(key).name, [])
    if "/" in key:
        candidates = [p for p in candidates if p.as_posix().casefold().endswith(key)]
    return min(candidates, key=lambda p: (len(p.parts), p.as_posix()), default=None)


def _read(base: Path, path: PurePosixPath) -> bytes | None:
    file = base / path
    try:
        real = file.resolve(strict=True)
        if not real.is_relative_to(base) or real.stat().st_size > MAX_IMAGE_BYTES:
            return None
        return real.read_bytes()
    except OSError:
        return None


def _excluded(path: PurePosixPath, exclude: Collection[str]) -> bool:
    text = path.as_posix()
    return any(
        fnmatchcase(text, glob) or fnmatchcase(part, glob)
        for glob in exclude
        for part in path.parts
    )
