"""The last few answers of `check` and `due`, given again when nothing they read changed.

A warm `due` at N = 5,000 must take under a second; building the records again, even from
each file's cached front matter (read/cache.py), takes ten times that, and the records
depend on the whole journal. So the whole answer is kept instead: what the command printed
(stdout and stderr, in order) and its exit code, under

- the question: the command, its arguments (the day it is run for included), the folder it
  is run from (paths are printed relative to it), mkdocs.yml's path and bytes (and the
  environment variables its `!ENV` tags may read), and the code: netjournal's release, a
  digest of its source, Python's version and the packages installed beside it;
- the fingerprint of every file the command read (read/fingerprint.py), taken before
  reading.

An answer is given again only when both are the same, so a file that changed, appeared,
went or was renamed, a new `exclude` in mkdocs.yml, another `--today` or format all mean
the command runs in full. An answer read from a file changed less than FRESH_SECONDS
before the run is not kept (coarse file-system clocks: see read/fingerprint.py). Answers
live in `.netjournal-cache/answers.json` (JSON, never pickle), the KEPT most recent, each
with a digest of itself: one damaged or edited by hand is not trusted, only worked out anew.
Nothing here imports the reader, so a warm answer costs the imports of this module, the
fingerprint pass and printing.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netjournal.read.cache_folder import CACHE_FOLDER, code_digest, inside, load_json, save_json
from netjournal.read.fingerprint import Fingerprint, fingerprint

__all__ = ["KEPT", "Answer", "Answers", "Where"]

KEPT = 8  # answers kept: check and due, text and JSON, a few days or folders
_FILE = "answers.json"
_FORMAT = 1  # bump when what an answer holds changes shape
_MAX_CONFIG_BYTES = 2 * 1024 * 1024  # as read_options: larger is no mkdocs.yml


@dataclass(frozen=True)
class Answer:
    """What a command printed, in order (`True` for stderr), and the code it exited with."""

    said: tuple[tuple[bool, str], ...]
    exit_code: int


@dataclass(frozen=True)
class Where:
    """What a command reads besides mkdocs.yml: folders (absolute), with the `exclude`
    patterns that leave part of them out, and single files."""

    folders: tuple[str, ...]
    files: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


class Answers:
    """The stored answers of one journal, for one question."""

    def __init__(self, config: Path, command: str, arguments: Mapping[str, object]) -> None:
        """The answers to `command` with `arguments` (plain JSON values) for the journal
        whose mkdocs.yml is `config`; none are given or kept when it cannot be read."""
        self.root = Path(os.path.abspath(config)).parent
        self.folder = self.root / CACHE_FOLDER
        self.question = _question(config, command, arguments)
        self.taken: tuple[Where, Fingerprint, float] | None = None

    def stored(self) -> Answer | None:
        """The answer kept for this question, if nothing it read has changed since."""
        if self.question is None:
            return None
        for kept in _entries(load_json(self.folder, _FILE)):
            if kept["question"] != self.question:
                continue
            where = Where(*(tuple(kept["where"][part]) for part in ("folders", "files", "exclude")))
            _, now, _ = self.look(where)
            if now.digest != kept["fingerprint"]:
                return None
            said = tuple((bool(err), str(text)) for err, text in kept["said"])
            return Answer(said, int(kept["exit"]))
        return None

    def look(self, where: Where) -> tuple[Where, Fingerprint, float]:
        """The fingerprint of what `where` names, taken once per run (before reading)."""
        if self.taken is None or self.taken[0] != where:
            started = time.time()
            now = fingerprint(str(self.root), where.folders, where.files, where.exclude)
            self.taken = (where, now, started)
        return self.taken

    def keep(self, where: Where, answer: Answer) -> None:
        """Keep `answer`, worked out from the files `where` names as they were when `look`
        was called; not when one was changed just before, or the cache folder would lie
        inside one of the folders read (nothing is written into contacts/ or journal/)."""
        if self.question is None or self.taken is None or self.taken[0] != where:
            return
        _, seen, started = self.taken
        if not seen.settled(started) or any(inside(self.folder, f) for f in where.folders):
            return
        entry: dict[str, Any] = {
            "question": self.question,
            "fingerprint": seen.digest,
            "where": {
                "folders": list(where.folders),
                "files": list(where.files),
                "exclude": list(where.exclude),
            },
            "said": [[err, text] for err, text in answer.said],
            "exit": answer.exit_code,
        }
        entry["digest"] = _digest(entry)
        others = [
            kept
            for kept in _entries(load_json(self.folder, _FILE))
            if kept["question"] != self.question
        ]
        data = {"format": _FORMAT, "answers": [entry, *others][:KEPT]}
        save_json(self.folder, _FILE, data)


def _entries(data: Any) -> list[dict[str, Any]]:
    """The answers in the loaded file that have the shape `keep` writes and their own
    digest; anything else (damage, another format, a hand edit) is left out."""
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return []
    found = data.get("answers")
    return [kept for kept in found if _sound(kept)] if isinstance(found, list) else []


def _sound(kept: Any) -> bool:
    if not isinstance(kept, dict) or set(kept) != {
        *("question", "fingerprint", "where", "said", "exit", "digest"),
    }:
        return False
    where = kept["where"]
    said = kept["said"]
    return (
        isinstance(kept["question"], str)
        and isinstance(kept["fingerprint"], str)
        and isinstance(kept["exit"], int)
        and isinstance(where, dict)
        and set(where) == {"folders", "files", "exclude"}
        and all(_texts(where[part]) for part in where)
        and isinstance(said, list)
        and all(
            isinstance(line, list)
            and len(line) == 2
            and isinstance(line[0], bool)
            and isinstance(line[1], str)
            for line in said
        )
        and kept["digest"] == _digest({k: v for k, v in kept.items() if k != "digest"})
    )


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _digest(entry: Mapping[str, Any]) -> str:
    text = json.dumps(entry, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _question(config: Path, command: str, arguments: Mapping[str, object]) -> str | None:
    """A digest of everything besides the files that the answer depends on, or None when
    mkdocs.yml cannot be read (the command then says why, in full)."""
    try:
        with open(config, "rb") as file:
            text = file.read(_MAX_CONFIG_BYTES + 1)
    except OSError:
        return None
    if len(text) > _MAX_CONFIG_BYTES:
        return None
    # `!ENV NAME` reads NAME: every variable whose name the file holds (more than it needs).
    environment = (
        sorted((k, v) for k, v in os.environ.items() if k.encode("utf-8", "replace") in text)
        if b"!ENV" in text
        else []
    )
    asked = {
        "format": _FORMAT,
        "code": code_digest(),
        "command": command,
        "arguments": dict(arguments),
        "here": os.path.abspath(os.curdir),
        "config": os.path.abspath(config),
        "config bytes": hashlib.sha256(text).hexdigest(),
        "environment": environment,
    }
    try:
        return _digest(asked)
    except (TypeError, ValueError):  # an argument that is no plain value
        return None
