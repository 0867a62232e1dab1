"""The largest generated pages of a journal, by Markdown bytes and render time (CPU).

    .venv/bin/python benchmarks/page_sizes.py FOLDER [FOLDER ...] [--top 15]

Each FOLDER is a journal (benchmarks/generate.py N OUT). Each page's time is the CPU time of
its template's `render` call, measured by wrapping Jinja2's `Template.render` in this process.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import TODAY

from netjournal.read.journal import read_journal
from netjournal.render import render_site


def audit(root: Path) -> tuple[dict[str, str], dict[str, float]]:
    """Every page of `root`'s site, and the CPU seconds each page's template took."""
    journal = read_journal(root).journal
    times: dict[str, float] = {}
    original: Callable[..., str] = jinja2.Template.render

    def timed(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        began = time.process_time()
        try:
            return original(self, *args, **kwargs)
        finally:
            uri = kwargs.get("page_uri")
            if uri is not None:
                times[uri] = times.get(uri, 0.0) + time.process_time() - began

    jinja2.Template.render = timed  # type: ignore[method-assign]
    try:
        pages = render_site(journal, TODAY, calendar_feed="calendar.ics")
    finally:
        jinja2.Template.render = original  # type: ignore[method-assign]
    return pages, times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=15)
    arguments = parser.parse_args()
    for root in arguments.folders:
        began = time.process_time()
        pages, times = audit(root)
        total = sum(len(text.encode()) for text in pages.values())
        print(
            f"\n{root}: {len(pages)} pages, {total:,} bytes, "
            f"{time.process_time() - began:.1f} CPU s with reading"
        )
        print("| page | bytes | render CPU s |\n| --- | ---: | ---: |")
        largest = sorted(pages, key=lambda uri: -len(pages[uri].encode()))
        for uri in largest[: arguments.top]:
            print(f"| {uri} | {len(pages[uri].encode()):,} | {times.get(uri, 0.0):.2f} |")
        kinds: dict[str, list[str]] = {}
        for uri in pages:
            kinds.setdefault(uri.split("/")[0] if uri.count("/") else uri, []).append(uri)
        print("largest of each kind:")
        for kind, uris in sorted(kinds.items()):
            top = max(uris, key=lambda uri: len(pages[uri].encode()))
            print(f"  {kind}: {len(uris)} pages, largest {top} {len(pages[top].encode()):,} B")
        slowest = sorted(times, key=lambda uri: -times[uri])[:5]
        print("slowest:", ", ".join(f"{uri} {times[uri]:.2f}" for uri in slowest))


if __name__ == "__main__":
    main()
