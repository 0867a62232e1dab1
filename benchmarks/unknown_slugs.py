"""Time `netjournal check` on a journal full of slugs that name no contact.

    .venv/bin/python benchmarks/unknown_slugs.py [CONTACTS] [UNKNOWN]

Each unknown slug gets a "did you mean" search over every contact: half are near misses
of a real slug (`persn-00012`), half are names that match nothing. Record results in
benchmarks/README.md.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PER_ENTRY = 10


def write_journal(root: Path, contacts: int, unknown: int) -> None:
    rng = random.Random(7)
    (root / "contacts").mkdir()
    (root / "journal").mkdir()
    slugs = [f"{rng.choice(['ann', 'bo', 'chen', 'dev'])}-person-{i:05d}" for i in range(contacts)]
    for slug in slugs:
        (root / "contacts" / f"{slug}.md").write_text(f"---\nname: {slug}\n---\n", "utf-8")
    wrong = []
    for n in range(unknown):
        if n % 2:
            wrong.append(rng.choice(slugs).replace("person", "persn"))
        else:
            wrong.append("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(12)))
    for start in range(0, unknown, PER_ENTRY):
        people = ", ".join(wrong[start : start + PER_ENTRY])
        (root / "journal" / f"2025-01-01-entry-{start:05d}.md").write_text(
            f"---\ndate: 2025-01-01\nwith: [{people}]\n---\n", "utf-8"
        )


def main() -> None:
    contacts = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    unknown = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    netjournal = str(Path(sys.executable).parent / "netjournal")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_journal(root, contacts, unknown)
        began = time.perf_counter()
        done = subprocess.run([netjournal, "check"], cwd=root, capture_output=True, text=True)
        seconds = time.perf_counter() - began
        hints = done.stdout.count("did you mean")
        print(f"{contacts} contacts, {unknown} unknown slugs: check {seconds:.1f} s, {hints} hints")


if __name__ == "__main__":
    main()
