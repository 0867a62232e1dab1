"""The journal's files on disk: which are read, and their text.

Only ever reads: no file is opened for writing, no symbolic link leading outside the
journal is followed, and nothing but a regular file is read (a named pipe called `x.md`
would otherwise block forever).
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from netjournal.diagnostics import Problem
from netjournal.write.slugs import slug_for

MAX_FILE_BYTES = 2 * 1024 * 1024
# Control characters, line separators, bytes that are not UTF-8 (os.fsdecode's surrogates)
_UNUSABLE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# netjournal's own file names: kept as they are as addresses, so no existing link changes.
CANONICAL = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass(frozen=True)
class JournalFile:
    path: Path
    display_path: str  # relative to the journal's root, with forward slashes
    address: str | None = None  # the slug given when the derived one was another file's

    @functools.cached_property  # asked for again and again per file while reading
    def name(self) -> str:
        """The file's name as written, without `.md` (in NFC): in a vault, the note's name."""
        return unicodedata.normalize("NFC", self.path.name[: -len(".md")])

    @functools.cached_property
    def slug(self) -> str:
        """The record's slug: its address on the site, derived from the file name."""
        return self.address or derived_slug(self.name)

    @property
    def canonical(self) -> bool:
        """Whether the file name is a slug already (`jane-doe.md`): its address is its name."""
        return CANONICAL.fullmatch(self.name) is not None


@functools.lru_cache(maxsize=65536)  # asked for again and again per file while reading
def derived_slug(name: str) -> str:
    """The address a file named `name` (without `.md`) gets: the name itself when it is a
    lowercase slug, else its transliteration (`Lars Ørsted` → `lars-orsted`, `伟 李` → `wei-li`).

    Never empty: a name with no letter or digit in any script (`🎉`) gets `note-` and a digest
    of the name, the same in every build whatever other files there are.
    """
    if CANONICAL.fullmatch(name):
        return name
    slug = slug_for(name)
    if slug:
        return slug
    return "note-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def excluded(relative: str, name: str, exclude: Sequence[str]) -> bool:
    """Whether a file or folder is left out by `exclude` (see `exclusions`).

    `relative` is its path from the journal's root, with forward slashes; `name` its own name.
    A pattern with no '/' is matched against the name, anywhere below a listed folder; one
    with a '/' against the whole relative path. Matching is case-sensitive (fnmatch: `*`, `?`,
    `[abc]`; in a path, `*` crosses folders).
    """
    by_name, by_path = _matchers(tuple(exclude))
    return bool(
        (by_name is not None and by_name.match(name))
        or (by_path is not None and by_path.match(relative))
    )


def name_pattern(exclude: Sequence[str]) -> re.Pattern[str] | None:
    """One expression for the `exclude` patterns that match a name (those without a '/')."""
    return _matchers(tuple(exclude))[0]


@functools.lru_cache(maxsize=16)
def _matchers(exclude: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The patterns without and with a '/', each group as one expression (fnmatch's own
    translation, joined): one match per file, not one per pattern."""
    names = [fnmatch.translate(p) for p in exclude if "/" not in p]
    paths = [fnmatch.translate(p.strip("/")) for p in exclude if "/" in p]
    return (
        re.compile("|".join(names)) if names else None,
        re.compile("|".join(paths)) if paths else None,
    )


def exclusions(defaults: Iterable[str], written: Iterable[str]) -> tuple[str, ...]:
    """The patterns in force: the `defaults`, then each of the user's `written` ones; a
    written `!pattern` takes that pattern out again (`!templates` reads templates/ folders)."""
    patterns = list(defaults)
    for pattern in written:
        if pattern.startswith("!"):
            patterns = [p for p in patterns if p != pattern[1:].rstrip("/")]
        else:
            patterns.append(pattern.rstrip("/") or pattern)
    return tuple(dict.fromkeys(patterns))


def journal_files(
    folders: Sequence[Path], root: Path, problems: list[Problem], exclude: Sequence[str] = ()
) -> list[JournalFile]:
    """The `.md` files below each of `folders`, in the order they are listed; a file in two of
    them (the same folder listed twice, or one inside another) is read once."""
    if len(folders) == 1:
        return markdown_files(folders[0], root, problems, exclude)
    found: list[JournalFile] = []
    seen: set[str] = set()  # display paths: made from the resolved folder, so one per file
    met: list[Problem] = []
    for folder in dict.fromkeys(folders):
        for file in markdown_files(folder, root, met, exclude):
            if file.display_path not in seen:
                seen.add(file.display_path)
                found.append(file)
    problems.extend(dict.fromkeys(met))  # a folder inside another reports its problems once
    return found


def markdown_files(
    folder: Path, root: Path, problems: list[Problem], exclude: Sequence[str] = ()
) -> list[JournalFile]:
    """The `.md` files below `folder`, in a stable order; links leading outside refused.

    Names starting with '.' (editors' lock files, `.git`, `.trash`) are skipped, and so is
    whatever `exclude` names (see `excluded`).
    """
    if not folder.is_dir():
        return []
    inside = [root]
    if not Path(os.path.abspath(folder)).is_relative_to(root):
        inside.append(folder.resolve())  # a folder mkdocs.yml names outside the journal
    elif _outside(folder, inside, root, problems):
        return []
    by_path = any("/" in pattern for pattern in exclude)  # else no relative path is needed
    found: list[JournalFile] = []
    top = folder.resolve()
    seen = {top}
    pending = [folder]
    while pending:
        directory = pending.pop()
        parent = directory.resolve()  # once per folder: a resolve() per file cost 1.7 s
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            problems.append(_unreadable(display_path(directory, root), error))
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            if exclude and excluded(
                display_path(path, root, parent) if by_path else "", entry.name, exclude
            ):
                continue
            is_folder = _is_folder(entry)
            if not is_folder and not entry.name.endswith(".md"):
                _check_extension(path, root, problems)
            elif _UNUSABLE_NAME.search(entry.name):
                problems.append(_unusable_name(path, root))
            elif entry.is_symlink() and _outside(path, inside, root, problems):
                continue
            elif not is_folder:
                found.append(JournalFile(path, display_path(path, root, parent)))
            elif _new_folder(path, entry.is_symlink(), top, seen):
                subfolders.append(path)
        pending.extend(reversed(subfolders))
    return found


def _new_folder(path: Path, is_link: bool, top: Path, seen: set[Path]) -> bool:
    """Whether to read the folder `path`: not when it was read already, or (for a link) when
    it lies inside the folder being read anyway, so no file is read twice."""
    target = path.resolve()
    if target in seen or (is_link and target.is_relative_to(top)):
        return False
    seen.add(target)
    return True


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _outside(link: Path, inside: list[Path], root: Path, problems: list[Problem]) -> bool:
    """True (and reported) when the symbolic link `link` leads outside the journal."""
    try:
        target = link.resolve()
    except (OSError, RuntimeError):  # a loop of links
        problems.append(
            Problem(
                "NJ012",
                display_path(link, root),
                "this symbolic link leads round in a loop: remove it",
            )
        )
        return True
    if any(target.is_relative_to(folder) for folder in inside):
        return False
    problems.append(
        Problem(
            "NJ009",
            display_path(link, root),
            "this symbolic link points outside the journal, so it is not read (a shared "
            "journal must not pull in files from elsewhere): copy the file into the journal",
        )
    )
    return True


def _check_extension(path: Path, root: Path, problems: list[Problem]) -> None:
    """A warning for a Markdown file netjournal skips because of how its name ends."""
    name = path.name
    stem, dot, extension = name.rpartition(".")
    if dot and extension.lower() in ("md", "markdown", "mdown", "mkd"):
        problems.append(
            Problem(
                "NJ014",
                display_path(path, root),
                f"'{_printable(name)}' is not read, because only names ending in '.md' "
                f"(lowercase) are: rename it to '{slugify(stem)}.md'",
            )
        )


def _unusable_name(path: Path, root: Path) -> Problem:
    return Problem(
        "NJ013",
        display_path(path, root),
        "this name has a control character or bytes that are not UTF-8, so it is not "
        f"read: rename it to '{slugify(_readable(path.name))}'",
    )


def _unreadable(shown: str, error: OSError) -> Problem:
    reason = (error.strerror or str(error)).lower()
    return Problem("NJ012", shown, f"cannot read this: {reason}: check it, or remove it")


def display_path(path: Path, root: Path, parent: Path | None = None) -> str:
    """`path` relative to `root`, as the user reads it; `parent` is its folder resolved."""
    absolute = (parent or path.parent.resolve()) / path.name
    try:
        return _printable(absolute.relative_to(root).as_posix())
    except ValueError:
        return _printable(path.as_posix())


def _readable(name: str) -> str:
    """A file name with bytes that are not UTF-8 and control characters left out."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _UNUSABLE_NAME.sub("-", text.replace("\ufffd", "-"))


def _printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 shown as \\xff."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def slugify(text: str) -> str:
    """A lowercase slug like `text`: `José Álvarez` → `jose-alvarez` ('' if nothing is left)."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9._]+", "-", plain).strip("-.")


def read_text(file: JournalFile, problems: list[Problem]) -> str | None:
    """The file's text with newlines as \\n, or None with the reason recorded."""
    raw = _read_bytes(file, problems)
    text = None if raw is None else _decode(file, raw, problems)
    return None if text is None else text.replace("\r\n", "\n").replace("\r", "\n")


def _read_bytes(file: JournalFile, problems: list[Problem]) -> bytes | None:
    """The file's bytes, unless it is too large or not a regular file (both reported)."""
    try:
        # Non-blocking, so a named pipe is opened, recognised and closed, never waited on.
        handle = os.open(file.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if file.path.is_symlink() and not file.path.exists():
            error.strerror = "it is a symbolic link to a file that does not exist"
        problems.append(_unreadable(file.display_path, error))
        return None
    with os.fdopen(handle, "rb") as opened:
        info = os.fstat(opened.fileno())
        if stat.S_ISDIR(info.st_mode):
            return None  # a folder named x.md whose link could not be followed
        if not stat.S_ISREG(info.st_mode):
            problems.append(
                Problem(
                    "NJ012",
                    file.display_path,
                    "this is not a regular file (a pipe, a socket or a device): remove it",
                )
            )
            return None
        raw = b""
        if info.st_size <= MAX_FILE_BYTES:
            raw = opened.read(info.st_size + 1)  # not MAX_FILE_BYTES: read() allocates that
            if len(raw) > info.st_size:  # it grew since
                raw += opened.read(MAX_FILE_BYTES + 1 - len(raw))
    if len(raw) > MAX_FILE_BYTES or info.st_size > MAX_FILE_BYTES:
        size = max(info.st_size, len(raw))
        problems.append(
            Problem(
                "NJ008",
                file.display_path,
                f"the file is {size / 1_048_576:.1f} MB, over the "
                f"{MAX_FILE_BYTES // 1_048_576} MB a journal file may have: "
                "split it, or keep large attachments elsewhere",
            )
        )
        return None
    return raw


def _decode(file: JournalFile, raw: bytes, problems: list[Problem]) -> str | None:
    """The file as text (UTF-8, with or without a byte order mark), or None with the reason."""
    problem = None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problem = "the file is saved as UTF-16: save it as UTF-8 in your editor"
    elif b"\0" in raw:
        problem = (
            "the file is binary (it contains NUL bytes), not text: remove it, or save it as "
            "UTF-8 text"
        )
    if problem:
        problems.append(Problem("NJ001", file.display_path, problem))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[start : error.start].decode("utf-8", "replace")) + 1
        problems.append(
            Problem(
                "NJ001",
                file.display_path,
                f"byte 0x{raw[error.start]:02X} is not UTF-8: the file is probably saved as "
                "Latin-1 or Windows-1252; save it as UTF-8 in your editor",
                raw.count(b"\n", 0, error.start) + 1,
                column,
            )
        )
        return None
