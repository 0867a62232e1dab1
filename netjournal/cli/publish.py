"""Build a site next to the old one and swap it in only when it is complete.

The swap is two renames: the old site aside (`.site.old-<pid>`), the new one (built in
`.site.new-<pid>-…`) in its place; then what netjournal did not write (`.git`, `CNAME`, …) is
moved from the old site into the new one. A lock on the parent folder keeps two builds from
swapping at once, and each build first finishes or rolls back what a killed one left.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from netjournal.site_folder import (
    MARKER,
    SiteFolderError,
    entries_to_keep,
    entries_written,
    looks_like_part_of_a_site,
    refuse_unless_replaceable,
    write_marker,
)

try:
    import fcntl
except ImportError:  # Windows: no lock, the rest still holds
    fcntl = None  # type: ignore[assignment]

# Used only by the tests: the step at which this process kills itself with SIGKILL.
KILL_AT_VARIABLE = "NETJOURNAL_TEST_KILL_AT"
_OLDER_LITTER = re.compile(r"\.new-[a-z0-9_]{8}")


def build_atomically(config: MkDocsConfig, build: Callable[[MkDocsConfig], None]) -> None:
    """Run `build` into a fresh folder beside `config.site_dir`, then put it in its place.

    If the build fails, the previous site is left exactly as it was, so a publishing script
    never uploads half a site. A symbolic link keeps pointing where it did: the site is
    built into its target. Raises SiteFolderError, before writing anything, for a folder
    netjournal may not replace.
    """
    named = Path(config.site_dir)
    final = Path(os.path.realpath(named))  # a symlinked site folder: swap its target
    _make_parent(named, final.parent)
    with _locked(final.parent):
        recover(final)
        if final.exists():
            refuse_unless_replaceable(final)
    try:
        fresh = Path(tempfile.mkdtemp(prefix=f".{final.name}.new-{os.getpid()}-", dir=final.parent))
        write_marker(fresh, [])  # so a killed build's folder is known as netjournal's
    except OSError as error:
        raise SiteFolderError(_cannot(named, final.parent, error)) from None
    try:
        config.site_dir = str(fresh)
        try:
            build(config)
        finally:
            config.site_dir = str(named)
        write_marker(fresh)
        os.chmod(fresh, 0o755)  # mkdtemp made it private; a site is for a web server to read
        _kill_here_if_testing("built")
        with _locked(final.parent):
            _swap(fresh, final)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


def _swap(fresh: Path, final: Path) -> None:
    """Put `fresh` in the place of `final`, keeping what in `final` netjournal did not write."""
    recover(final)
    if not final.exists():
        os.rename(fresh, final)
        return
    refuse_unless_replaceable(final)
    kept = entries_to_keep(final, fresh)
    clashes = [entry for entry in kept if (fresh / entry).exists()]
    if clashes:
        raise SiteFolderError(
            f"{final / clashes[0]} was not written by netjournal, and the new site has one "
            "too: move one of them away, then build again"
        )
    if not (final / MARKER).is_file():  # so a recovery knows what to keep
        write_marker(final, sorted(set(os.listdir(final)) - set(kept)))
    old = final.parent / f".{final.name}.old-{os.getpid()}"
    os.rename(final, old)
    _kill_here_if_testing("swap")
    try:
        os.rename(fresh, final)
    except BaseException:
        os.rename(old, final)
        raise
    _kill_here_if_testing("carry")
    _finish(old, final)


def recover(final: Path) -> None:
    """Finish or roll back the swaps of builds into `final` that were killed.

    An old site set aside goes back in place if no new one took it, else gives the new one
    what netjournal did not write; a new site never swapped in is deleted. Only folders
    named as netjournal names them, and marked as its sites, are touched.
    """
    for leftover in sorted(final.parent.glob(f".{glob_escape(final.name)}.old-*")):
        if not _named(leftover, final, "old") or entries_written(leftover) is None:
            continue
        if not os.path.lexists(final):
            os.rename(leftover, final)
        else:
            _finish(leftover, final)
    for leftover in final.parent.glob(f".{glob_escape(final.name)}.new-*"):
        if _abandoned(leftover, final):
            shutil.rmtree(leftover, ignore_errors=True)


def _abandoned(new: Path, final: Path) -> bool:
    """True if `new` is a site folder a build into `final` began and can no longer finish."""
    pid = _named(new, final, "new")
    if pid:
        return not _alive(pid) and (new / MARKER).is_file()
    # An earlier netjournal named it `.site.new-` and 8 random characters, with no marker.
    older = _OLDER_LITTER.fullmatch(new.name[len(final.name) + 1 :])
    return bool(older) and looks_like_part_of_a_site(new)


def _finish(old: Path, final: Path) -> None:
    """Move what netjournal did not write from the old site into `final`, then delete it."""
    for entry in entries_to_keep(old, final):
        if not os.path.lexists(final / entry):
            os.rename(old / entry, final / entry)
    if entries_to_keep(old, final):  # never delete a kept entry the new site has a twin of
        return
    shutil.rmtree(old, ignore_errors=True)


def _named(leftover: Path, final: Path, kind: str) -> int:
    """The pid in a leftover's name if netjournal named it so for `final`, else 0."""
    pattern = rf"\.{re.escape(final.name)}\.{kind}-(\d{{1,10}})(?:-\w{{1,20}})?"
    found = re.fullmatch(pattern, leftover.name)
    return int(found.group(1)) if found else 0


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process
        return True
    return True


def glob_escape(name: str) -> str:
    """`name` with glob's special characters taken literally."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def _make_parent(named: Path, parent: Path) -> None:
    """Create the site folder's parent, or raise SiteFolderError saying why it cannot be."""
    try:
        parent.mkdir(parents=True, exist_ok=True)
        if not os.access(parent, os.W_OK | os.X_OK):
            raise PermissionError(13, "Permission denied")
    except OSError as error:
        raise SiteFolderError(_cannot(named, parent, error)) from None


def _cannot(named: Path, parent: Path, error: OSError) -> str:
    blocker = next((p for p in [parent, *parent.parents] if p.is_file()), None)
    reason = (
        f"{blocker} is a file"
        if blocker
        else f"cannot create a folder in {parent} ({(error.strerror or str(error)).lower()})"
    )
    return f"cannot build into {named}: {reason}; name a folder you can write with -d"


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (no file is created): one swap at a time."""
    if fcntl is None:
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _kill_here_if_testing(step: str) -> None:
    if os.environ.get(KILL_AT_VARIABLE) == step:
        os.kill(os.getpid(), signal.SIGKILL)
