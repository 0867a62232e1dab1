"""`.netjournal-cache/` beside mkdocs.yml: where `check` and `due` keep what they may reuse.

The folder holds a `.gitignore` of `*`, so git never records it, and files of plain JSON,
never pickle: a cache file someone else left in a shared folder can at worst be wrong (and
is then ignored), never run code. Each file is written whole to a temporary name and moved
into place, so a run stopped halfway leaves the previous file or the new one, never half.
Its first line is the sha256 of the JSON below it: a file damaged, cut short or edited by
hand no longer matches its digest and is ignored (worked out again), never trusted.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["CACHE_FOLDER", "code_digest", "inside", "load_json", "save_json"]

CACHE_FOLDER = ".netjournal-cache"
_IGNORE = "# netjournal's cache: safe to delete\n*\n"
_SIGNED = b"netjournal-cache sha256 "  # the first line: this, the JSON's digest, a newline


def load_json(folder: Path, name: str) -> Any:
    """The JSON in `folder/name`, or None when it is missing, unreadable, not JSON, or not
    the JSON its first line's digest was made from."""
    try:
        with open(folder / name, "rb") as file:
            head = file.readline(len(_SIGNED) + 65)
            body = file.read()
    except OSError:
        return None
    if not head.startswith(_SIGNED) or head[len(_SIGNED) :].strip() != _digest(body):
        return None
    try:
        return json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        return None


def _digest(body: bytes) -> bytes:
    return hashlib.sha256(body).hexdigest().encode("ascii")


def save_json(folder: Path, name: str, data: Any) -> None:
    """Write `data` to `folder/name` atomically, the folder and its `.gitignore` made first;
    a folder that cannot be written to (a read-only journal) is left as it is."""
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text(_IGNORE, encoding="utf-8")
        handle, temporary = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
        try:
            # json.dumps, not json.dump: dump writes through the pure-Python encoder, piece by
            # piece (74 of a profiled 281 s at N = 5,000); dumps runs the C one.
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            with os.fdopen(handle, "wb") as file:
                file.write(_SIGNED + _digest(body) + b"\n" + body)
            os.replace(temporary, folder / name)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):  # ValueError: text that cannot be encoded as UTF-8
        pass  # no place for the cache: the next run works it all out again


def inside(path: Path | str, folder: Path | str) -> bool:
    """Whether `path` is `folder` or lies below it (a cache must never be written into a
    journal's folders)."""
    return os.path.abspath(path).startswith(os.path.join(os.path.abspath(folder), ""))


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of netjournal's source, Python's version and the packages installed beside
    netjournal: what both cache files were made by. Another release, an edited checkout or
    an upgraded library makes them untrusted (worked out again), never wrongly reused."""
    digest = hashlib.sha256(sys.version.encode("utf-8"))
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sources: list[str] = []
    for folder, folders, names in os.walk(package):
        folders[:] = sorted(f for f in folders if not f.startswith((".", "__")))
        sources.extend(os.path.join(folder, n) for n in names if n.endswith((".py", ".j2")))
    for path in sorted(sources):
        digest.update(path.encode("utf-8", "surrogateescape"))
        with open(path, "rb") as file:
            digest.update(file.read())
    installed = os.path.dirname(package)
    digest.update("\n".join(sorted(_distributions(installed))).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _distributions(folder: str) -> Sequence[str]:
    """The distributions installed in `folder` (`PyYAML-6.0.2.dist-info`), and in the
    site-packages folders on the path: their names carry their versions."""
    found: list[str] = []
    for place in dict.fromkeys([folder, *(p for p in sys.path if p.endswith("site-packages"))]):
        try:
            found.extend(n for n in os.listdir(place) if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return found
