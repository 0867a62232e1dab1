"""Measure netjournal on generated journals: the one benchmark command (see README.md).

    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/run.py [N ...] [--repeat R] [--keep]

For each N (default 500; 5000 takes about a quarter of an hour), a journal of N contacts and
10·N entries (benchmarks/generate.py) is written to a temporary folder, and this prints:

- the yardstick: PyYAML's C loader (CSafeLoader) over every file's front-matter block;
- netjournal's own share, in this process: `read_journal` (uncached), the queries (their
  share of `render_site` as cProfile counts it) and the rest of `render_site` (templates);
- `netjournal build` beside a bare `mkdocs build` of the same Markdown (render_site's pages
  in a docs folder, the same theme, the markdown extensions and offline plugin netjournal
  adds, the same index-only navigation): wall time, peak memory (/usr/bin/time), and their
  ratio; the MkDocs part is the build less netjournal's own share;
- pages and bytes of the built site;
- `netjournal due` and `netjournal check`, cold (no cache) and warm (cache from a run before);
- the preview latency under `netjournal serve` (127.0.0.1, a free port): from a save to the
  moment the served page shows it, for a line appended to one contact's notes (its page), and
  for a task due today appended to one entry's notes (its month page and the dashboard).

Times are wall-clock medians of R runs (default 3, 1 when N > 1000); the preview's are
medians of 3 saves whatever R is. `--preview-only FOLDER` measures only the preview, on a
journal already generated there (e.g. by `benchmarks/generate.py`), and leaves it as it was.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import TODAY, write_journal

from netjournal.read.cache import CACHE_FOLDER
from netjournal.read.journal import read_journal
from netjournal.render import INDEX_PAGES, render_site

BIN = Path(sys.executable).parent
ENVIRONMENT_NOTE = "NO_MKDOCS_2_WARNING=1"


def median(run: Callable[[], float], repeat: int) -> float:
    return statistics.median(run() for _ in range(repeat))


def front_matter_blocks(root: Path) -> list[str]:
    blocks = []
    for folder in ("contacts", "journal"):
        for path in sorted((root / folder).rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            if text.startswith("---\n"):
                end = text.find("\n---\n", 3)
                blocks.append(text[4:end] if end > 0 else "")
    return blocks


def c_loader(root: Path) -> tuple[float, float]:
    """CPU and wall seconds to read every file and load its front matter with PyYAML's C
    loader: the yardstick of every benchmark here."""
    cpu, wall = time.process_time(), time.perf_counter()
    for block in front_matter_blocks(root):
        yaml.load(block, Loader=yaml.CSafeLoader)
    return time.process_time() - cpu, time.perf_counter() - wall


def split(root: Path) -> dict[str, float]:
    """netjournal's own share: reading, queries and rendering, in seconds."""
    began = time.perf_counter()
    result = read_journal(root)
    read = time.perf_counter() - began
    began = time.perf_counter()
    render_site(result.journal, TODAY, calendar_feed="calendar.ics")
    render = time.perf_counter() - began
    return {"read": read, "render": render}


def queries_share(root: Path) -> float:
    """The part of render_site's time spent in netjournal.queries, as cProfile counts it."""
    journal = read_journal(root).journal
    profile = cProfile.Profile()
    profile.runcall(render_site, journal, TODAY, calendar_feed="calendar.ics")
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = sum(row[2] for row in stats.values())
    queries = sum(row[2] for (file, _, _), row in stats.items() if "/netjournal/queries/" in file)
    return queries / total if total else 0.0


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of `command`, by /usr/bin/time."""
    wall, _, peak = cpu_timed(command, cwd)
    return wall, peak


def medians(command: list[str], cwd: Path, repeat: int, before: Callable[[], None]) -> tuple:
    runs = []
    for _ in range(repeat):
        before()
        runs.append(timed(command, cwd))
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


BARE_YML = """\
site_name: A generated journal, bare
theme:
  name: material
  font: false
plugins:
  - search
  - offline
markdown_extensions:
  - tables
  - attr_list
  - toc:
      permalink: true
  - md_in_html
  - smarty
nav:
{nav}
"""


def write_bare(root: Path, bare: Path) -> int:
    """render_site's pages in `bare/docs` with a plain mkdocs.yml; the number of pages."""
    pages = render_site(read_journal(root).journal, TODAY, calendar_feed="calendar.ics")
    for uri, markdown in pages.items():
        path = bare / "docs" / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    nav = "\n".join(
        f"  - {yaml.safe_dump(title).strip()}: {uri}" for uri, title in INDEX_PAGES.items()
    )
    (bare / "mkdocs.yml").write_text(BARE_YML.format(nav=nav), encoding="utf-8")
    return len(pages)


def site_size(site: Path) -> tuple[int, int]:
    pages = sum(1 for _ in site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return pages, size


def zensical_build(binary: str, bare: Path, repeat: int) -> None:
    """Zensical's build of the same docs/ folder, beside MkDocs': a data point, not a target.

    Cold is with its cache (`.cache/`) and output removed; warm is the rebuild of unchanged
    pages, which Zensical skips. User CPU seconds too: it uses every core, MkDocs one.
    """
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)

    def run(clean: bool) -> tuple[float, float, int]:
        if clean:
            shutil.rmtree(bare / ".cache", ignore_errors=True)
        shutil.rmtree(bare / "site", ignore_errors=True)
        return cpu_timed([binary, "build"], bare)

    cold = [run(True) for _ in range(repeat)]
    warm = [run(False) for _ in range(repeat)]
    mkdocs = [cpu_timed([sys.executable, "-m", "mkdocs", "build", "-q"], bare) for _ in cold]
    for name, runs in (("zensical cold", cold), ("zensical warm", warm), ("bare mkdocs", mkdocs)):
        wall = statistics.median(r[0] for r in runs)
        user = statistics.median(r[1] for r in runs)
        peak = statistics.median(r[2] for r in runs)
        print(f"{name}: {wall:.1f} s wall, {user:.1f} s user CPU, {peak / 1024:.0f} MiB")
    print(f"(zensical {version.stdout.strip()})")


def cpu_timed(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, user CPU seconds and peak memory (KiB) of `command`."""
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %M", *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{done.stderr[-3000:]}")
    wall, user, peak = done.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user), int(peak)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def served(url: str) -> str:
    """The page at `url`, or "" when the server does not answer it (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (OSError, urllib.error.URLError):
        return ""


def shows(url: str, text: str) -> Callable[[], bool]:
    return lambda: text in served(url)


def wait_until(condition: Callable[[], bool], seconds: float, what: str) -> float:
    """Seconds until `condition()` holds, polled every 50 ms; raises after `seconds`."""
    began = time.perf_counter()
    while not condition():
        if time.perf_counter() - began > seconds:
            raise SystemExit(f"gave up after {seconds:.0f} s waiting for {what}")
        time.sleep(0.05)
    return time.perf_counter() - began


def preview(root: Path, saves: int = 3) -> None:
    """Seconds from a save to the served page showing it, under `netjournal serve`.

    A line appended to one contact's notes, polled on its page; a task due today appended to
    the journal's first entry (so it sorts first among the dashboard's follow-ups due soon),
    polled on its month page and on the dashboard. Each save replaces the last one's line,
    and the files are put back as they were at the end.
    """
    contact = sorted((root / "contacts").glob("*.md"))[0]
    entry = sorted((root / "journal").rglob("*.md"))[0]
    month = entry.name[:7]
    port, log = free_port(), root.parent / f"preview-{root.name}.log"
    base = f"http://127.0.0.1:{port}/"
    originals = {path: path.read_bytes() for path in (contact, entry)}
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [str(BIN / "netjournal"), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        first = wait_until(lambda: bool(served(base)) or server.poll() is not None, 3600, "serve")
        if server.poll() is not None:
            raise SystemExit(f"serve stopped:\n{log.read_text(errors='replace')[-3000:]}")
        print(f"preview: first build served after {first:.1f} s")
        time.sleep(2)  # past the read cache's "racily clean" window for the saves below
        contact_times, entry_times, dashboard_times, rest_times = [], [], [], []

        def checked_line(began: float, lines: int) -> None:
            """Wait for serve to say it checked the other pages; note when it did."""
            wait_until(lambda: checks(log) > lines, 3600, "the check of the other pages")
            rest_times.append(time.perf_counter() - began)

        for save in range(saves):
            marker = f"Preview check {os.getpid()}-{save}"
            text = originals[contact].decode("utf-8").rstrip("\n") + f"\n\n{marker}.\n"
            began = time.perf_counter()
            lines = checks(log)
            contact.write_text(text, encoding="utf-8")
            page = f"{base}contacts/{contact.stem}.html"
            wait_until(shows(page, marker), 3600, f"{marker} on {page}")
            contact_times.append(time.perf_counter() - began)
            checked_line(began, lines)
            time.sleep(1)
            task = f"- [ ] {marker} task \U0001f4c5 {TODAY.isoformat()}"
            text = originals[entry].decode("utf-8").rstrip("\n") + f"\n\n{task}\n"
            began, lines = time.perf_counter(), checks(log)
            entry.write_text(text, encoding="utf-8")
            month_page, dashboard = f"{base}journal/{month}.html", f"{base}index.html"
            wait_until(shows(month_page, marker), 3600, f"{marker} on {month_page}")
            entry_times.append(time.perf_counter() - began)
            wait_until(shows(dashboard, marker), 3600, f"{marker} on the dashboard")
            dashboard_times.append(time.perf_counter() - began)
            checked_line(began, lines)
            time.sleep(1)
        median = statistics.median
        print(
            f"preview: a contact saved, on its page {median(contact_times):.1f} s; an entry "
            f"saved, on its month page {median(entry_times):.1f} s, on the dashboard "
            f"{median(dashboard_times):.1f} s (medians of {saves} saves: "
            f"{', '.join(f'{t:.1f}' for t in contact_times)} / "
            f"{', '.join(f'{t:.1f}' for t in dashboard_times)})"
        )
        print(
            "preview: from each save to serve's line that the other pages are checked (and "
            f"built): {', '.join(f'{t:.1f}' for t in rest_times)} s"
        )
        said = log.read_text(errors="replace").splitlines()
        for line in [line for line in said if "pages" in line][-3:]:
            print(f"preview: serve said {line.strip()!r}")
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def checks(log: Path) -> int:
    """How many times serve has said it checked the pages a save left as they were."""
    text = log.read_text(errors="replace") if log.exists() else ""
    return text.count("Checked the other pages at")


def profile_rebuild(root: Path) -> None:
    """Where one of serve's rebuilds goes, after a save to one contact: cProfile's cumulative
    seconds of its parts (the profile slows Python code about 1.5 to 2 times), and the CPU
    seconds of the same rebuild unprofiled. In this process, as `netjournal serve` does: in
    two steps (the save's own pages first, the others checked in a background thread, then
    one more rebuild if any differ), each measured on its own."""
    from mkdocs.commands.build import build

    from netjournal.cli.site_config import load_site_config

    site = Path(tempfile.mkdtemp(prefix="netjournal-profile-"))
    contact = sorted((root / "contacts").glob("*.md"))[0]
    original = contact.read_bytes()

    def config() -> Any:
        loaded = load_site_config(str(root / "mkdocs.yml"), site_dir=str(site))
        loaded.site_url = "http://127.0.0.1:8000/"
        return loaded

    def rebuild(line: str | None) -> float:
        if line is not None:
            contact.write_bytes(original + f"\n{line}\n".encode())
        began = time.process_time()
        build(config(), serve_url="http://127.0.0.1:8000/", dirty=True)
        return time.process_time() - began

    reports: list[int] = []

    def checked() -> tuple[float, float]:
        """The background check's CPU seconds, and the rebuild it asks for (0 if none)."""
        before = len(reports)
        plugin.steps.wait()
        if len(reports) == before:
            return (plugin.steps.cpu, 0.0)
        return (plugin.steps.cpu, rebuild(None) if reports[-1] else 0.0)

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    plugin = first.plugins["netjournal"]
    plugin.checked = reports.append  # as `netjournal serve`'s server does
    try:
        began = time.process_time()
        build(first, serve_url="http://127.0.0.1:8000/")
        print(f"profile: first (full) build {time.process_time() - began:.1f} CPU s")
        time.sleep(2)  # past the read cache's "racily clean" window
        rebuild("A line to warm the read cache.")
        checked()
        quick, background, more = [], [], []
        for n in range(3):
            quick.append(rebuild(f"Unprofiled line {n}."))
            pages = f"{plugin.pages_built} of {plugin.pages_total}"
            check, again = checked()
            background.append(check)
            more.append(again)
        print(
            f"profile: a contact saved, the quick rebuild ({pages} pages): "
            f"{statistics.median(quick):.2f} CPU s (of {', '.join(f'{t:.2f}' for t in quick)})"
        )
        print(
            f"profile: the background check of the others {statistics.median(background):.2f} "
            f"CPU s of its thread; the rebuild it asked for {statistics.median(more):.2f} CPU s "
            f"(pages differing: {reports[-3:]})"
        )
        profile = cProfile.Profile()
        profile.runcall(rebuild, "A profiled line.")
        print(f"profile: {plugin.pages_built} of {plugin.pages_total} pages rebuilt")
        checked()
        stats = pstats.Stats(profile)
        rows = stats.stats  # type: ignore[attr-defined]
        total = max(row[3] for row in rows.values())
        parts = {
            "netjournal: the journal read (site.read)": ("site.py", "read"),
            "netjournal: calendar feed": ("ics.py", "calendar_text"),
            "netjournal: embedded images looked for": ("site.py", "_images"),
            "netjournal: the site catalogued (Site())": ("__init__.py", "__init__"),
            "netjournal: which pages a save touches (first_pages)": ("site.py", "first_pages"),
            "netjournal: the first pages rendered (Site.page)": ("__init__.py", "page"),
            "  of which notes converted": ("sanitize.py", "_convert"),
            "  of which notes from the memo": ("sanitize.py", "_still_leads"),
            "MkDocs: on_files (netjournal's whole part)": ("__init__.py", "on_files"),
            "MkDocs: pages converted (_populate_page)": ("build.py", "_populate_page"),
            "MkDocs: pages written (_build_page)": ("build.py", "_build_page"),
            "MkDocs: static files copied": ("files.py", "copy_static_files"),
            "MkDocs: theme templates (sitemap, 404)": ("build.py", "_build_theme_template"),
            "MkDocs: files gathered (get_files)": ("files.py", "get_files"),
            "MkDocs: navigation (get_navigation)": ("nav.py", "get_navigation"),
            "netjournal: search index written": ("search.py", "write_search_index"),
            "netjournal: which pages changed (mark)": ("incremental.py", "mark"),
        }
        print(f"profile: the profiled rebuild, {total:.2f} s in all (cumulative seconds):")
        for label, (module, name) in parts.items():
            seconds = sum(
                row[3]
                for (path, _, function), row in rows.items()
                if function == name
                and path.endswith(module)
                and (name != "__init__" or "netjournal/render" in path)
                and (name != "page" or "netjournal/render" in path)
            )
            print(f"  {label}: {seconds:.2f}")
        stats.sort_stats("tottime").print_stats(12)
    finally:
        contact.write_bytes(original)
        first.plugins.on_shutdown()
        shutil.rmtree(site, ignore_errors=True)


def measure(contacts: int, repeat: int, keep: bool, zensical: str | None = None) -> None:
    folder = Path(tempfile.mkdtemp(prefix=f"netjournal-bench-{contacts}-"))
    root, bare = folder / "journal", folder / "bare"
    try:
        began = time.perf_counter()
        files = write_journal(contacts, root)
        print(f"\n## N = {contacts}: {files} files ({time.perf_counter() - began:.1f} s to write)")
        yardstick = median(lambda: c_loader(root)[1], repeat)
        parts = [split(root) for _ in range(repeat)]
        read = statistics.median(p["read"] for p in parts)
        render = statistics.median(p["render"] for p in parts)
        share = queries_share(root)
        own = read + render
        print(f"C loader over the front matter: {yardstick:.2f} s")
        print(
            f"netjournal's own: {own:.2f} s = read {read:.2f} + queries {render * share:.2f} "
            f"+ rendering {render * (1 - share):.2f}  ({own / yardstick:.1f}x the C loader; "
            f"read alone {read / yardstick:.1f}x)"
        )

        nothing = lambda: None  # noqa: E731
        build, build_peak = medians([str(BIN / "netjournal"), "build"], root, repeat, nothing)
        generated = write_bare(root, bare)
        mkdocs, mkdocs_peak = medians(
            [sys.executable, "-m", "mkdocs", "build", "-q"], bare, repeat, nothing
        )
        pages, size = site_size(root / "site")
        print(
            f"build: netjournal {build:.1f} s, {build_peak / 1024:.0f} MiB; bare mkdocs "
            f"{mkdocs:.1f} s, {mkdocs_peak / 1024:.0f} MiB; ratio {build / mkdocs:.2f} time, "
            f"{build_peak / mkdocs_peak:.2f} memory"
        )
        print(
            f"split of the build: netjournal {own:.1f} s, MkDocs and Material {build - own:.1f} s"
        )
        print(f"site: {generated} generated pages, {pages} HTML files, {size / 1_048_576:.0f} MiB")
        if zensical:
            zensical_build(zensical, bare, repeat)

        cache = root / CACHE_FOLDER

        def cold() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        for command in (["due", "--json"], ["check"]):
            line = [str(BIN / "netjournal"), *command]
            cold_time, cold_peak = medians(line, root, repeat, cold)
            timed(line, root)  # makes the cache (the files are older than FRESH_SECONDS now)
            warm_time, warm_peak = medians(line, root, repeat, nothing)
            print(
                f"{command[0]}: cold {cold_time:.2f} s ({cold_time / yardstick:.1f}x the C "
                f"loader), warm {warm_time:.2f} s; peak {cold_peak / 1024:.0f} / "
                f"{warm_peak / 1024:.0f} MiB"
            )
        preview(root)
    finally:
        if keep:
            print(f"kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("contacts", nargs="*", type=int, default=[500])
    parser.add_argument("--repeat", type=int, default=None, help="runs per median")
    parser.add_argument("--keep", action="store_true", help="keep the generated folders")
    parser.add_argument(
        "--zensical", metavar="PATH", help="also time this zensical binary on the same pages"
    )
    parser.add_argument(
        "--preview-only", metavar="FOLDER", help="only the preview latency, on this journal"
    )
    parser.add_argument(
        "--profile-rebuild", metavar="FOLDER", help="only profile one of serve's rebuilds"
    )
    arguments = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {Path('/proc/cpuinfo').exists() and 'Linux'}")
    if arguments.profile_rebuild:
        profile_rebuild(Path(arguments.profile_rebuild).resolve())
        return
    if arguments.preview_only:
        preview(Path(arguments.preview_only).resolve())
        return
    for contacts in arguments.contacts:
        repeat = arguments.repeat or (3 if contacts <= 1000 else 1)
        measure(contacts, repeat, arguments.keep, arguments.zensical)


if __name__ == "__main__":
    main()
