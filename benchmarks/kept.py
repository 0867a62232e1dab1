"""A kept journal's reads after one save (issue 12, goal 3: serve's reading half).

    .venv/bin/python benchmarks/generate.py 5000 /tmp/kept-j5000
    .venv/bin/python benchmarks/kept.py /tmp/kept-j5000 [--repeat 3]

Only runs on a journal `benchmarks/generate.py` wrote (its mkdocs.yml names "A generated
journal"). It reads the journal once with `KeptJournal` (read/kept.py), as serve would keep
it, then for each case makes one save, times `kept.read()` in CPU seconds (in-process,
`time.process_time`), puts the file back as it was and reads again (untimed): (a) nothing
changed, (b) a line added to one contact's notes, (c) a follow-up added to one entry,
(d) one contact's name changed, (e) one new entry file. Medians of `--repeat` runs. Beside
them: a fresh `read_journal(cache=True)` (the disk cache warm) and the C loader yardstick.
Every file it changes is put back byte for byte; the new entry is removed.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from run import c_loader  # beside this script, as warm.py imports it

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from netjournal.read.cache import FRESH_SECONDS
from netjournal.read.journal import read_journal
from netjournal.read.kept import KeptJournal


def cpu(run: Callable[[], object]) -> float:
    began = time.process_time()
    run()
    return time.process_time() - began


def edits(root: Path) -> dict[str, tuple[Path, Callable[[str], str | None]]]:
    """Each case: the file it saves, and the file's new text from its old (None: none)."""
    contact = sorted((root / "contacts").glob("*.md"))[7]
    entry = next(
        path
        for path in sorted((root / "journal").rglob("*.md"))[-400:]
        if "follow_ups:\n" in path.read_text(encoding="utf-8")
    )
    slug = contact.stem
    new_entry = root / "journal" / "2026" / "2026-11-20-kept-benchmark.md"
    return {
        "(a) nothing changed": (contact, lambda text: text),
        "(b) one contact's notes edited": (contact, lambda text: text + "\nOne more line.\n"),
        "(c) one entry's follow-up added": (
            entry,
            lambda text: text.replace(
                "follow_ups:\n", "follow_ups:\n  - {what: Send the kept deck, due: 2026-12-01}\n", 1
            ),
        ),
        "(d) one contact's name changed": (
            contact,
            lambda text: text.replace("---\nname: ", "---\nname: Dr ", 1),
        ),
        "(e) one new entry file": (
            new_entry,
            lambda _: f"---\ndate: 2026-11-20\nwith: [{slug}]\n---\nKept benchmark.\n",
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("journal", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    root: Path = options.journal.resolve()
    if "A generated journal" not in (root / "mkdocs.yml").read_text(encoding="utf-8"):
        raise SystemExit(f"{root} is not a journal benchmarks/generate.py wrote: not touched")
    print(f"C loader over the front matter: {c_loader(root)[0]:.2f} CPU s")
    read_journal(root, cache=True)  # the disk cache made, as serve's first read leaves it
    fresh = statistics.median(cpu(lambda: read_journal(root, cache=True)) for _ in range(3))
    print(f"fresh read_journal(cache=True), warm disk cache: {fresh:.2f} CPU s")
    kept = KeptJournal(root, cache=True)
    print(f"KeptJournal's first read: {cpu(kept.read):.2f} CPU s")
    for case, (path, change) in edits(root).items():
        times, rebuilt, changed = [], 0, 0
        for _ in range(options.repeat):
            old = path.read_bytes() if path.exists() else None
            time.sleep(FRESH_SECONDS + 0.1)  # the last save settled, as between two saves
            text = change(old.decode("utf-8") if old is not None else "")
            if text is not None and text.encode("utf-8") != old:
                path.write_text(text, encoding="utf-8")
            times.append(cpu(kept.read))
            rebuilt, changed = max(rebuilt, len(kept.rebuilt)), max(changed, len(kept.changed))
            if old is None:
                path.unlink()
            elif path.read_bytes() != old:
                path.write_bytes(old)
            kept.read()  # put back, read back
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(
            f"{case:34} {statistics.median(times):6.2f} CPU s ({shown}); "
            f"{rebuilt} records built again, {changed} changed"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak memory of this process: {peak} MiB")


if __name__ == "__main__":
    main()
