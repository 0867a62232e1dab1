"""`due` and `check` at scale, cold, warm and with one file changed (issue 12, goal 4).

    .venv/bin/python benchmarks/generate.py 5000 /tmp/warm-j5000
    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/warm.py /tmp/warm-j5000 [--repeat 3]

Only runs on a journal `benchmarks/generate.py` wrote (its mkdocs.yml names "A generated
journal"): the one-file-changed case appends a line to one contact's notes, and the cold
case deletes the journal's `.netjournal-cache/`. Prints, for each command, user + system
CPU seconds, wall seconds and peak memory, beside the C loader yardstick (PyYAML's
CSafeLoader over every file's front matter, reading the files included, as
benchmarks/run.py reads them).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from run import c_loader  # beside this script, as run.py imports generate

NETJOURNAL = str(Path(sys.executable).parent / "netjournal")
COMMANDS = (["due", "--json"], ["check"])


def timed(command: list[str], root: Path) -> tuple[float, float, int, bytes]:
    """CPU (user + system) and wall seconds, peak KiB, and stdout of `netjournal command`."""
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", NETJOURNAL, *command],
        cwd=root,
        capture_output=True,
        check=False,
    )
    wall, user, system, peak = done.stderr.decode().strip().splitlines()[-1].split()
    return float(user) + float(system), float(wall), int(peak), done.stdout


def shown(runs: list[tuple[float, float, int, bytes]]) -> str:
    cpu = statistics.median(r[0] for r in runs)
    wall = statistics.median(r[1] for r in runs)
    return f"{cpu:7.2f} CPU s {wall:7.2f} wall s {max(r[2] for r in runs) // 1024:5d} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("journal", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    root: Path = options.journal.resolve()
    config = root / "mkdocs.yml"
    if "A generated journal" not in config.read_text(encoding="utf-8"):
        raise SystemExit(f"{root} is not a journal benchmarks/generate.py wrote: not touched")
    cpu, wall = c_loader(root)
    print(f"C loader over the front matter: {cpu:.2f} CPU s, {wall:.2f} wall s")
    changed = sorted((root / "contacts").glob("*.md"))[0]
    for command in COMMANDS:
        name = " ".join(command)
        shutil.rmtree(root / ".netjournal-cache", ignore_errors=True)
        cold = timed(command, root)
        print(
            f"{name:12} cold (no cache)      {shown([cold])}  {cold[0] / cpu:5.1f} x the C loader"
        )
        warm = [timed(command, root) for _ in range(options.repeat)]
        same = all(run[3] == cold[3] for run in warm)
        print(f"{name:12} warm (nothing new)   {shown(warm)}  same output: {same}")
        with changed.open("a", encoding="utf-8") as file:
            file.write("\nOne more line of notes.\n")
        time.sleep(2.5)  # settled, as last evening's notes are by morning
        one = timed(command, root)
        print(f"{name:12} one file changed     {shown([one])}")


if __name__ == "__main__":
    main()
