"""The corpus of bad inputs: each case is a tiny journal and the exact `netjournal check` output.

`tests/corpus/<case>/` holds the case's `contacts/` and `journal/` files and `expected.txt`:
comment lines (`# …`, why the case is there and what was decided), then the lines `check`
prints, then its summary line. Files that git could not carry faithfully (other encodings,
line endings, links, pipes, 20 MB) are written by GENERATED below instead.

After an intended change of a message, refresh every expected.txt (comments are kept) with

    NETJOURNAL_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_corpus.py

and read the diff before committing it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINIMAL_MKDOCS, REPO, TODAY

from netjournal.cli import main
from netjournal.diagnostics import CODES
from netjournal.read import front_matter
from netjournal.read.cache import CACHE_FOLDER
from netjournal.read.journal import ReadResult, read_journal
from netjournal.render import render_site

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.txt").is_file())
UPDATE = os.environ.get("NETJOURNAL_UPDATE_GOLDEN") == "1"
JANE = "---\nname: Jane Doe\n---\n"


def _write(root: Path, relative: str, data: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _outside(root: Path, name: str, data: str) -> Path:
    """A file next to the journal, where a link must not lead."""
    return _write(root.parent / "elsewhere", name, data)


def _huge(root: Path) -> None:
    with (root / "contacts/jane-doe.md").open("wb") as file:
        file.write(JANE.encode())
        file.truncate(20 * 1024 * 1024)  # sparse: 20 MB without writing them


def _link(root: Path, relative: str, target: Path) -> None:
    (root / relative).parent.mkdir(parents=True, exist_ok=True)
    (root / relative).symlink_to(target)


GENERATED: dict[str, Callable[[Path], object]] = {
    "utf8-bom": lambda root: _write(root, "contacts/jane-doe.md", b"\xef\xbb\xbf" + JANE.encode()),
    "crlf-line-endings": lambda root: _write(
        root, "contacts/jane-doe.md", b"---\r\nname: Jane Doe\r\ncadence: 2 weeks\r\n---\r\n"
    ),
    "cr-line-endings": lambda root: _write(
        root, "contacts/jane-doe.md", b"---\rname: Jane Doe\r\rsource: referal\r---\rNotes.\r"
    ),
    "mixed-line-endings": lambda root: _write(
        root, "contacts/jane-doe.md", b"---\nname: Jane Doe\r\ncompany: x\rmet: 2025-02-30\n---\n"
    ),
    "unicode-line-separator": lambda root: _write(
        root,
        "contacts/jane-doe.md",
        "---\nname: Jane Doe\ntitle: Partner\u2028Estate law\nmet: 2025-02-30\n---\n",
    ),
    "latin-1-file": lambda root: _write(
        root, "contacts/jose-alvarez.md", "---\nname: José Álvarez\n---\n".encode("latin-1")
    ),
    "utf-16-file": lambda root: _write(root, "contacts/jane-doe.md", JANE.encode("utf-16")),
    "binary-file": lambda root: _write(
        root, "contacts/photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    ),
    "file-of-20-mb": _huge,
    "symlink-outside-journal": lambda root: _link(
        root, "contacts/jane-doe.md", _outside(root, "jane-doe.md", JANE)
    ),
    "symlinked-folder-outside-journal": lambda root: _link(
        root, "journal/2025", _outside(root, "2025/2025-03-04-call.md", "---\n---\n").parent
    ),
    "symlink-inside-journal": lambda root: (
        _write(root, "notes/jane-doe.md", JANE),
        _link(root, "contacts/jane-doe.md", root / "notes/jane-doe.md"),
    ),
    "symlink-loop": lambda root: _link(root, "contacts/jane-doe.md", root / "contacts/jane-doe.md"),
    "dangling-symlink": lambda root: _link(root, "contacts/jane-doe.md", root / "gone.md"),
    "named-pipe": lambda root: os.mkfifo(root / "contacts/jane-doe.md"),
    "file-name-with-newline": lambda root: _write(root, "contacts/jane\ndoe.md", JANE),
    "file-name-not-utf8": lambda root: _write(
        root, os.fsdecode(b"contacts/jos\xe9-alvarez.md"), "---\nname: José Álvarez\n---\n"
    ),
    "file-name-with-accents": lambda root: _write(
        root, "contacts/josé-álvarez.md", "---\nname: José Álvarez\n---\n"
    ),
    "slugs-differing-in-capitals": lambda root: (
        _write(root, "contacts/a/jane-doe.md", JANE),
        _write(root, "contacts/b/Jane-Doe.md", JANE),
    ),
    "extension-in-capitals": lambda root: _write(root, "contacts/Jane-Doe.MD", JANE),
    "no-break-space-after-colon": lambda root: _write(
        root, "contacts/jane-doe.md", "---\nname: Jane Doe\ncompany:\u00a0Doe & Co\n---\n"
    ),
    "no-break-space-as-indentation": lambda root: _write(
        root,
        "contacts/jane-doe.md",
        "---\nname: Jane Doe\ntags:\n\u00a0\u00a0- attorney\n\u00a0\u00a0- bni\n---\n",
    ),
    "control-character": lambda root: _write(
        root, "contacts/jane-doe.md", "---\nname: Jane\x08 Doe\n---\n"
    ),
    "deep-nesting": lambda root: _write(
        root, "contacts/jane-doe.md", "---\nname: Jane Doe\nx: " + "[" * 10_000 + "\n---\n"
    ),
    "too-many-values": lambda root: _write(
        root, "contacts/jane-doe.md", "---\nname: Jane Doe\nx: [" + "1," * 999_999 + "1]\n---\n"
    ),
    "em-dash-fence": lambda root: _write(
        root, "contacts/jane-doe.md", "\u2014\nname: Jane Doe\n\u2014\n"
    ),
    "zero-width-space-in-key": lambda root: _write(
        root, "contacts/jane-doe.md", "---\nname\u200b: Jane Doe\n---\n"
    ),
}


def _journal(case: str, tmp_path: Path) -> Path:
    """The case's journal, ready to check, in a fresh folder."""
    root = tmp_path / "journal-root"
    shutil.copytree(CORPUS / case, root, ignore=shutil.ignore_patterns("expected.txt"))
    for folder in ("contacts", "journal", "docs"):
        (root / folder).mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    GENERATED.get(case, lambda root: None)(root)
    return root


def _expected(case: str) -> tuple[list[str], list[str]]:
    """The comment lines and the output lines of the case's expected.txt."""
    lines = (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return [x for x in lines if x.startswith("#")], [x for x in lines if not x.startswith("#")]


def _snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every file and link under `root`: a hash of its content (or target) and its mtime.

    Leaves out the journal's own cache (`.netjournal-cache/` beside mkdocs.yml), which
    `check` keeps up to date on purpose; tests/test_cache.py tests it."""
    found = {}
    for directory, folders, names in os.walk(root):
        folders[:] = [folder for folder in folders if folder != CACHE_FOLDER]
        for name in names:
            path = Path(directory, name)
            info = path.lstat()
            if path.is_symlink():
                content = os.readlink(path).encode("utf-8", "surrogateescape")
            elif path.is_file():
                content = path.read_bytes()
            else:
                content = b""
            found[os.fsencode(path).hex()] = (hashlib.sha256(content).hexdigest(), info.st_mtime_ns)
    return found


_opened: list[str] | None = None


def _audit(event: str, arguments: tuple[object, ...]) -> None:
    if _opened is not None and event in ("open", "os.scandir", "os.listdir") and arguments:
        target = arguments[0]
        if isinstance(target, str | bytes | os.PathLike):
            _opened.append(os.fsdecode(os.path.abspath(target)))


sys.addaudithook(_audit)


@contextlib.contextmanager
def _watching_opens() -> Iterator[list[str]]:
    """Every path opened or listed inside the block."""
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


@pytest.mark.parametrize("case", CASES)
def test_check_prints_exactly_the_expected_lines(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _journal(case, tmp_path)
    monkeypatch.chdir(root)  # paths are printed as they open from here: the journal's own
    before = _snapshot(tmp_path)
    public = ["--public"] if case.startswith("public-") else []  # as for a public build
    result = CliRunner().invoke(main, ["check", "-f", str(root / "mkdocs.yml"), *public])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    printed = result.stdout.splitlines() + result.stderr.splitlines()
    comments, expected = _expected(case)
    if UPDATE:
        text = "\n".join([*comments, *printed]) + "\n"
        (CORPUS / case / "expected.txt").write_text(text, encoding="utf-8")
    else:
        assert printed == expected
    errors = [line for line in printed if re.search(r": error NJ\d{3} ", line)]
    assert result.exit_code == (1 if errors else 0)
    assert _snapshot(tmp_path) == before, "check changed a file"


@pytest.mark.parametrize("case", CASES)
def test_reading_stays_inside_the_journal_and_the_site_renders(case: str, tmp_path: Path) -> None:
    root = _journal(case, tmp_path)
    with _watching_opens() as opened:
        result = read_journal(root)
    real_root = str(root.resolve())
    strays = [p for p in opened if not os.path.realpath(p).startswith(real_root)]
    assert strays == [], "read files outside the journal"
    render_site(result.journal, TODAY)  # what was read, however odd, renders


@pytest.mark.parametrize("case", CASES)
def test_both_yaml_parsers_give_the_same_lines(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libyaml is used when installed; the pure-Python parser must say exactly the same."""
    if UPDATE:
        pytest.skip("refreshing the golden files")
    root = _journal(case, tmp_path)
    monkeypatch.setattr(front_matter, "LOADER", front_matter.PYTHON_LOADER)
    public = case.startswith("public-")
    result = read_journal(root, public=public, docs=root / "docs")
    lines = [str(problem) for problem in result.problems]
    # Without check's lines saying what a key was read as (issue 14), which are not problems.
    assert lines == [line for line in _expected(case)[1][:-1] if not line.startswith("read '")]


def test_the_corpus_is_large_and_covers_every_code() -> None:
    codes = {
        code
        for case in CASES
        for line in _expected(case)[1]
        for code in re.findall(r"^.*?:\d+:\d+: (?:error|warning) (NJ\d{3}) ", line)
    }
    assert len(CASES) >= 50
    assert codes == set(CODES), "a code without a case, or a case with an unknown code"
    assert set(GENERATED) <= set(CASES), "a generated case without its folder"


def test_every_case_says_why_it_is_there() -> None:
    for case in CASES:
        assert _expected(case)[0], f"{case}/expected.txt has no comment"


def _read_with_peak_memory(root: Path) -> tuple[ReadResult, int]:
    """The journal at `root` read, and the most memory (bytes) Python held while reading."""
    tracemalloc.start()
    try:
        result = read_journal(root)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_alias_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    """A "billion laughs" of 9 levels would be 9**9 (387 million) strings once expanded.

    Memory is the guard (an expansion would take gigabytes); how fast it is refused is
    measured in benchmarks/README.md, not asserted here.
    """
    levels = [
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)
    ]
    bomb = "\n".join(["---", "name: Bomb", 'a: &a ["lol","lol","lol","lol","lol"]', *levels, "---"])
    _write(tmp_path, "contacts/bomb.md", bomb)
    result, peak = _read_with_peak_memory(tmp_path)
    assert [p.code for p in result.problems] == ["NJ007"]
    assert peak < 1_000_000  # bytes


def test_a_million_values_are_refused_without_reading_them_all(tmp_path: Path) -> None:
    """2 MB of '1,' would be a million values: gigabytes of memory once read."""
    _write(tmp_path, "contacts/wide.md", "---\nname: Wide\nx: [" + "1," * 1_000_000 + "]\n---\n")
    result, peak = _read_with_peak_memory(tmp_path)
    assert [p.code for p in result.problems] == ["NJ008"]
    assert peak < 25_000_000  # bytes: about 10 MB, the file's bytes and text and 10,000 values


def test_the_diagnostics_page_lists_every_code_with_a_real_example() -> None:
    page = (REPO / "docs/diagnostics.md").read_text(encoding="utf-8")
    documented = re.findall(r"^## (NJ\d{3})\b", page, flags=re.M)
    assert documented == sorted(CODES), "every code once on docs/diagnostics.md, in order"
    outputs = {line for case in CASES for line in _expected(case)[1]}
    for section in re.split(r"^## ", page, flags=re.M)[1:]:
        code = section[:5]
        examples = re.findall(r"^(\S.*?:\d+:\d+: (?:error|warning) NJ\d{3} .*)$", section, re.M)
        assert examples, f"{code}: no example line of `check` output"
        for example in examples:
            assert f" {code} " in example and example in outputs, f"{code}: {example!r}"
        assert re.search(r"^\*\*Fix\*\*", section, re.M), f"{code}: no fix"
        assert f" {CODES[code].severity.value} " in examples[0]
