"""When each contact's file last changed, from the journal's git history, if it has one.

Git is read once per build: one `git log` over the contacts folder, whatever the number of
contacts (a process per file would make a large journal slow to build). Every failure (not
a repository, git not installed, too slow) gives no history, so such a journal builds
exactly as before. Commit subjects are untrusted text: they are only ever shown, escaped by
the templates like any other text of the journal.
"""

from __future__ import annotations

import os
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

RECENT_CHANGES = 5  # changes listed on a contact page, newest first
GIT_TIMEOUT = 10.0  # seconds: a build never waits longer on git than this
_HEADER = "\x1e"  # starts each commit's line in the output, before its date and subject
_FIELDS = "\x1f"  # between a commit's date and subject


@dataclass(frozen=True)
class Change:
    """One commit that changed a file: its day and its subject (untrusted, shown escaped)."""

    day: date
    subject: str


FileHistory = dict[str, tuple[Change, ...]]  # {path from the journal's root: newest first}


def contacts_history(root: Path, contacts: Path, limit: int = RECENT_CHANGES) -> FileHistory:
    """For each file of `contacts` that git knows, its last `limit` changes, newest first.

    Paths are relative to `root`, like the records' own paths; a file renamed in the
    history keeps the changes made under its old names. Empty when `root` is not in a git
    repository, when git is missing or fails, or when `contacts` is outside `root`.
    """
    top = root.resolve()
    try:
        folder = contacts.resolve().relative_to(top).as_posix()
    except ValueError:
        return {}
    output = _git_log(top, folder)
    return _parse(output, limit) if output else {}


def _git_log(root: Path, folder: str) -> str | None:
    command = [
        "git",
        "--no-pager",
        "--literal-pathspecs",  # a folder name is a name, never a pathspec pattern
        "-c",
        "core.quotepath=off",  # names as they are, not octal-escaped
        "-c",
        "core.fsmonitor=false",  # no hook of the repository is ever run
        "-c",
        "log.showSignature=false",
        "log",
        "-z",
        "--no-color",
        "--name-status",
        "-M",  # renames, to follow a file across them
        "--relative",  # paths from `root`, which may be a folder inside the repository
        "--date=short",
        f"--format={_HEADER}%ad{_FIELDS}%s",
        "--",
        folder,
    ]
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        # A fixed command and no shell: the folder is passed as data, after `--`.
        done = subprocess.run(
            command,
            cwd=root,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
            env=environment,
        )
    except (OSError, subprocess.SubprocessError):  # no git, or too slow
        return None
    if done.returncode != 0:  # not a repository, or no commit yet
        return None
    return done.stdout.decode("utf-8", "replace")


def _parse(output: str, limit: int) -> FileHistory:
    """Read `git log -z --name-status` output, newest commit first.

    Split on NUL only, so a subject may hold any other character; a token starting with
    the header mark opens a commit, then come statuses, each followed by its one path (two
    for a rename or copy: old, then new).
    """
    found: dict[str, list[Change]] = defaultdict(list)
    now_named: dict[str, str] = {}  # an older name of a file → its name today
    change: Change | None = None
    tokens = output.split("\0")
    at = 0
    while at < len(tokens):
        token = tokens[at]
        at += 1
        if token.startswith(_HEADER):
            change = _change(token[len(_HEADER) :])
            continue
        status = token.strip("\n")
        if not status or change is None:
            continue
        if status[0] in "RC":  # rename or copy: old name, then new name
            old, new = tokens[at : at + 2]
            at += 2
            current = now_named.get(new, new)
            if status[0] == "R":
                now_named[old] = current
        else:
            current = now_named.get(tokens[at], tokens[at]) if at < len(tokens) else ""
            at += 1
        if current and len(found[current]) < limit:
            found[current].append(change)
    return {path: tuple(changes) for path, changes in found.items()}


def _change(header: str) -> Change | None:
    day, _, subject = header.partition(_FIELDS)
    try:
        return Change(date.fromisoformat(day), subject.strip())
    except ValueError:
        return None
