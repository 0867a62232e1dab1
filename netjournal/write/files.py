"""Files written whole or not at all, and never over one that is already there."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


class FileChanged(Exception):
    """The file changed on disk between reading it and writing it back."""


def create(path: Path, text: str) -> None:
    """Write a new file at `path`, atomically; FileExistsError if anything is there.

    The text goes to a temporary file in the same folder first, which is then linked into
    place: a link never replaces an existing name, so two commands racing for one name
    cannot overwrite each other, and a crash leaves either no file or the whole file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(path, text)
    try:
        try:
            os.link(temporary, path)
        except OSError as error:
            if error.errno == errno.EEXIST:
                raise FileExistsError(errno.EEXIST, "already exists", str(path)) from None
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            # A file system without hard links (FAT, some network shares): check, then rename.
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, "already exists", str(path)) from None
            os.rename(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def update(path: Path, text: str, *, was: bytes) -> None:
    """Replace the file at `path` with `text`, atomically, if it still holds `was`.

    FileChanged if someone (an editor, a sync) changed it since it was read: their change
    wins, and the command can be run again.
    """
    if path.read_bytes() != was:
        raise FileChanged(str(path))
    replace(path, text)


def replace(path: Path, text: str) -> None:
    """Write `text` at `path` whole or not at all, replacing what is there (keeping its mode).

    Only for a file the command exists to replace (its own earlier export, a record it
    updates): a reader meanwhile sees the old file or the new one, never half of one.
    """
    temporary = _temporary(path, text)
    try:
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _temporary(path: Path, text: str) -> str:
    """A hidden temporary file next to `path` holding `text` as it is (its own line ends:
    CRLF for iCalendar, a CRLF file edited in place), flushed to disk."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(name, 0o666 & ~_umask())
    except BaseException:
        os.unlink(name)
        raise
    return name


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
