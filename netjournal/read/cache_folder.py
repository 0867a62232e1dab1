"""`.netjournal-cache/` beside mkdocs.yml: where `check` and `due` keep what they may reuse.

The folder holds a `.gitignore` of `*`, so git never records it, and files of plain JSON,
never pickle: a cache file someone else left in a shared folder can at worst be wrong (and
is then ignored), never run code. Each file is written whole to a temporary name and moved
into place, so a run stopped halfway leaves the previous file or the new one, never half.
Its first line is the sha256 of the JSON below it: a file damaged, cut short or edited by
hand no longer matches its digest and is ignored (worked out again), never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["CACHE_FOLDER", "load_json", "save_json"]

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
