"""One pass over every file a command reads, summed up as a digest: same digest, same files.

`check` and `due` answer from a stored answer when nothing they read has changed since
(netjournal/answers.py). This pass is what "nothing changed" means: every name below the
folders read (hidden names and what `exclude` names left out, as the reader leaves them
out), and for each its size, modification and inode change times in nanoseconds, inode
and kind; a symbolic link also by where it points. A file that changes, appears, goes or is
renamed changes the digest; so does a same-size edit within one second, because the change
time moves whatever `touch -d` does to the modification time.

It must stay cheap (it runs before every warm answer, on 55,000 files at N = 5,000), so it
imports nothing of the reader: one `os.scandir` per folder and one `stat` per name.
Like read/cache.py, it reports how recently the newest file changed, so that an answer read
from files changed less than FRESH_SECONDS ago is never kept: a coarse file-system clock
could stamp a second save in the same tick with the same times (git's "racily clean").
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["FRESH_SECONDS", "Fingerprint", "fingerprint"]

FRESH_SECONDS = 2.0


@dataclass(frozen=True)
class Fingerprint:
    """What a pass over the folders found: a digest of every name and its stat, how many
    names, and the newest modification or change time among them (seconds)."""

    digest: str
    names: int
    newest: float

    def settled(self, started: float) -> bool:
        """Whether every file was last changed well before `started` (see FRESH_SECONDS)."""
        return self.newest < started - FRESH_SECONDS


def fingerprint(
    root: str, folders: Sequence[str], files: Sequence[str] = (), exclude: Sequence[str] = ()
) -> Fingerprint:
    """The fingerprint of `files` and of everything below `folders` (absolute paths), as
    seen from the journal's `root`: names are kept relative to it, so two folders cannot
    swap their files unseen."""
    lines: list[str] = []  # one per name, hashed at the end: a hash update per name costs
    newest = 0
    by_name = _by_name(tuple(exclude))
    root = os.path.abspath(root)
    seen: set[tuple[int, int]] = set()  # folders walked: a link loop is walked once

    for path in files:
        info = _stat(path)
        lines.append(f"{os.path.relpath(path, root)}\0{_line(info)}")
        if info is not None:
            newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
    for top in dict.fromkeys(folders):
        pending = [(top, os.path.relpath(top, root) + "/")]
        while pending:
            folder, shown = pending.pop()
            info = _stat(folder)
            if info is None or not stat.S_ISDIR(info.st_mode):
                lines.append(f"{shown}\0not a folder\0{_line(info)}")
                continue
            if (info.st_dev, info.st_ino) in seen:
                lines.append(f"{shown}\0seen")
                continue
            seen.add((info.st_dev, info.st_ino))
            try:
                # In the folder's own order: unsorted, an unchanged folder lists the same way
                # each time, and a new order could only make a needless new answer.
                entries = list(os.scandir(folder))
            except OSError as error:
                lines.append(f"{shown}\0unreadable {error.errno}")
                continue
            below = []
            for entry in entries:
                name = entry.name
                if name[0] == "." or (by_name is not None and by_name.match(name)):
                    continue
                link = ""
                if entry.is_symlink():
                    try:
                        link = os.readlink(entry.path)
                    except OSError:
                        link = "?"
                try:
                    found = entry.stat()  # follows a link, as the reader does
                except OSError:
                    lines.append(f"{shown}{name}\0dangling\0{link}")
                    continue
                if found.st_mode & 0o170000 == stat.S_IFDIR:
                    lines.append(f"{shown}{name}/\0folder\0{link}")
                    below.append((entry.path, f"{shown}{name}/"))
                    continue
                mtime, ctime = found.st_mtime_ns, found.st_ctime_ns
                if mtime > newest or ctime > newest:
                    newest = max(mtime, ctime)
                lines.append(
                    f"{shown}{name}\0{link}\0{found.st_size}\0{mtime}\0{ctime}\0{found.st_ino}"
                )
            pending.extend(reversed(below))
    text = "\n".join(lines).encode("utf-8", "surrogateescape")
    return Fingerprint(hashlib.sha256(text).hexdigest(), len(lines), newest / 1e9)


def _line(info: os.stat_result | None) -> str:
    if info is None:
        return "missing"
    return f"{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}"


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


@functools.lru_cache(maxsize=16)
def _by_name(exclude: tuple[str, ...]) -> re.Pattern[str] | None:
    """The `exclude` patterns without a '/', matched against a name as read/files.py matches
    them (kept here, so a warm answer does not load the reader). Patterns with a '/' match
    a path, which the reader takes through resolved folders: they are not applied here, so
    the pass may look at more files than the reader reads, never at fewer."""
    names = [fnmatch.translate(p) for p in exclude if "/" not in p]
    return re.compile("|".join(names)) if names else None
