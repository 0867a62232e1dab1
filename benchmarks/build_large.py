"""Time `netjournal build` and `netjournal check` on a large synthetic journal.

    .venv/bin/python benchmarks/build_large.py [CONTACTS] [ENTRIES]

Writes the journal into a temporary folder, builds it twice (the second run is reported;
the first warms caches), and prints seconds and the site's size. Record results in
benchmarks/README.md.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SOURCES = [
    "referral",
    "network-referral",
    "self-referral",
    "marketing-response",
    "reputation-response",
]
KINDS = ["coffee", "call", "meeting", "one-to-one", "event", "email"]


def write_journal(root: Path, contacts: int, entries: int) -> None:
    rng = random.Random(7)
    (root / "contacts").mkdir()
    (root / "docs").mkdir()
    slugs = [f"person-{i:05d}" for i in range(contacts)]
    for i, slug in enumerate(slugs):
        source = SOURCES[i % len(SOURCES)]
        referrer = f"\nreferred_by: {slugs[(i + 1) % contacts]}" if source == "referral" else ""
        (root / "contacts" / f"{slug}.md").write_text(
            f"---\nname: Person {i}\ncompany: Company {i % 97}\nsource: {source}{referrer}\n"
            f"cadence: {rng.choice(['2w', '1m', '3m'])}\nopportunities:\n"
            f"  - {{title: Work {i}, date: 2025-06-01, status: won, "
            f"value: {rng.randint(1, 90) * 100}}}\n"
            f"---\nNotes about person {i}.\n",
            encoding="utf-8",
        )
    start = date(2025, 1, 1)
    for n in range(entries):
        day = start + timedelta(days=rng.randrange(690))
        folder = root / "journal" / str(day.year)
        folder.mkdir(parents=True, exist_ok=True)
        people = ", ".join(rng.sample(slugs, 2))
        (folder / f"{day}-entry-{n:05d}.md").write_text(
            f"---\ndate: {day}\nkind: {rng.choice(KINDS)}\nwith: [{people}]\nfollow_ups:\n"
            f"  - {{what: Follow up {n}, due: {day + timedelta(days=14)}, "
            f"done: {rng.random() < 0.8}}}\n"
            f"---\nWe talked about item {n}.\n",
            encoding="utf-8",
        )
    (root / "mkdocs.yml").write_text(
        "site_name: Large\ntheme: {name: material}\nplugins: [search, netjournal]\n",
        encoding="utf-8",
    )


def timed(command: list[str], cwd: Path) -> float:
    began = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - began


def main() -> None:
    contacts = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    entries = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    netjournal = str(Path(sys.executable).parent / "netjournal")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_journal(root, contacts, entries)
        check = timed([netjournal, "check"], root)
        timed([netjournal, "build", "--today", "2026-11-23"], root)
        build = timed([netjournal, "build", "--today", "2026-11-23"], root)
        pages = sum(1 for _ in (root / "site").rglob("*.html"))
        size = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
        print(
            f"{contacts} contacts, {entries} entries: check {check:.1f} s, build {build:.1f} s, "
            f"{pages} pages, site {size / 1_048_576:.0f} MiB"
        )


if __name__ == "__main__":
    main()
