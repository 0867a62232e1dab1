"""Whatever is in a file, or in its name, reading it gives a record or a located Problem.

Never another exception, never a place outside the file, never a problem on two lines.
Three properties, 10,000 generated inputs in all: front matter as raw text, front matter
as random values of every YAML type, and files with random names, bytes and encodings.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netjournal.diagnostics import CODES, Problem
from netjournal.read.front_matter import Document, FrontMatterError, parse
from netjournal.read.items import FOLLOW_UP_KEYS, OPPORTUNITY_KEYS
from netjournal.read.journal import ReadResult, read_journal
from netjournal.read.records import CONTACT_KEYS, ENTRY_KEYS

SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
# Profiles: "ci" (chosen when CI is set, as on .ci/run) runs the full 6,000 inputs; the
# default "dev" runs a sixth of them, so a local run while editing stays quick. (It was
# 10,000: reading a vault's notes made each input slower, and the suite keeps to 10 minutes.)
settings.register_profile("ci", max_examples=1500, **SETTINGS)
settings.register_profile("dev", max_examples=250, **SETTINGS)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)
EXAMPLES = settings.default.max_examples
KEYS = sorted(CONTACT_KEYS | ENTRY_KEYS | FOLLOW_UP_KEYS | OPPORTUNITY_KEYS)

# Pieces people type, paste and mistype, from which front-matter lines are made.
FRAGMENTS = [
    *(f"{key}: " for key in KEYS),
    *("- ", "  ", "    ", "\t", ": ", ":", "---", "...", "#", "'", '"', "[", "]", "{", "}"),
    *(",", "&a ", "*a", "<<: ", "!!str ", "!!python/object:x ", "|", ">", "%", "@", "`"),
    *("?", "\\", "\\u", "\\x07", "\\ud800", "2025-02-30", "2025-03-04 18:30", "03/04/2025"),
    *("true", "no", "~", "null", "0123", "1e999", ".nan", "9" * 5000, "$4,500", "2w", "0d"),
    *("jane-doe", "Jane Doe", "é", "😀", "\u00a0", "\u200b", "\u2028", "\x85", "\ufeff"),
    *("\x07", "\x1b[31m", "\r", "\x00", "\u0301", "\U0010ffff"),
]
lines = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=8).map(
    "".join
)
front_matter_texts = st.one_of(
    st.lists(lines, max_size=12).map(lambda rows: "---\n" + "\n".join(rows) + "\n---\nBody\n"),
    st.lists(lines, max_size=6).map("\n".join),
    st.text(max_size=200),
)


_SCRATCH = Path(tempfile.mkdtemp(prefix="netjournal-properties-"))
atexit.register(shutil.rmtree, _SCRATCH, ignore_errors=True)


def _scratch() -> Path:
    """An empty journal folder, the same one each time: faster than a new one per example."""
    for folder in ("contacts", "journal"):
        shutil.rmtree(_SCRATCH / folder, ignore_errors=True)
    return _SCRATCH


def _assert_located(problem: Problem, text: str) -> None:
    """The problem has a known code, a place inside the file, and prints on one line."""
    assert problem.code in CODES
    rows = text.split("\n")
    assert 1 <= problem.line <= len(rows), (problem, len(rows))
    assert 1 <= problem.column <= len(rows[problem.line - 1]) + 1, problem
    assert "\n" not in str(problem) and "\r" not in str(problem)
    assert str(problem).startswith(f"{problem.path}:{problem.line}:{problem.column}: ")


@settings(max_examples=2 * EXAMPLES)
@given(front_matter_texts)
def test_any_text_is_a_document_or_a_located_error(text: str) -> None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as the reader hands it over
    try:
        document = parse(text)
    except FrontMatterError as error:
        _assert_located(Problem(error.code, "x.md", error.message, error.line, error.column), text)
        return
    assert isinstance(document, Document) and isinstance(document.data, dict)
    for line, column in [*document.value_at.values(), *document.key_at.values()]:
        _assert_located(Problem("NJ004", "x.md", "", line, column), text)


# Values of every type YAML can hold, huge and empty ones included.
HUGE = ["x" * 100_000, "Ünïcödé 😀 " * 5_000, "line\n" * 5_000, 10**4000, -(10**300), 1e308]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(HUGE),
    st.sampled_from(["", " ", "2025-03-04", "2025-02-30", "--02-29", "2w", "referral", "won"]),
    st.sampled_from(["jane-doe", "Jane Doe", "true", "maybe", "$4,500", "next week", "0d"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=4),
    ),
    max_leaves=12,
)
front_matters = st.dictionaries(
    st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), values, max_size=8
)


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _dump(data: dict[str, Any], unicode: bool, flow: bool | None) -> str:
    text: str = yaml.dump(
        data, Dumper=DUMPER, allow_unicode=unicode, default_flow_style=flow, width=1 << 20
    )
    return text


def _problems_of(result: ReadResult, shown: str) -> list[Problem]:
    return [p for p in result.problems if p.path == shown]


@settings(max_examples=EXAMPLES)
@given(front_matters, st.booleans(), st.sampled_from([None, False, True]))
def test_any_values_make_a_record_or_located_errors(
    data: dict[str, Any], unicode: bool, flow: bool | None
) -> None:
    """The same front matter, read as a contact and as a journal entry."""
    text = "---\n" + _dump(data, unicode, flow) + "---\nNotes.\n"
    texts = {"contacts/jane-doe.md": text, "journal/2025-03-04-call.md": text}
    root = _scratch()
    for relative, text in texts.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    result = read_journal(root)
    for problem in result.problems:
        _assert_located(problem, texts[problem.path])
    recorded = {
        "contacts/jane-doe.md": "jane-doe" in result.journal.contacts,
        "journal/2025-03-04-call.md": bool(result.journal.entries),
    }
    for shown, has_record in recorded.items():
        errors = [p for p in _problems_of(result, shown) if p.is_error]
        assert has_record or errors, f"{shown} gave neither a record nor an error"


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"]
names = st.one_of(
    st.text(min_size=1, max_size=40).filter(lambda n: "/" not in n and "\0" not in n),
    st.binary(min_size=1, max_size=30)
    .filter(lambda b: b"/" not in b and b"\0" not in b)
    .map(os.fsdecode),
)
contents = st.one_of(
    st.binary(max_size=300),
    st.tuples(front_matters, st.sampled_from(ENCODINGS), st.sampled_from(["\n", "\r\n", "\r"])).map(
        lambda t: (
            ("---\n" + _dump(t[0], True, None) + "---\n")
            .replace("\n", t[2])
            .encode(t[1], "replace")
        )
    ),
)
files = st.lists(
    st.tuples(
        st.sampled_from(["contacts", "journal", "contacts/sub", "journal/2025"]),
        names,
        st.sampled_from([".md", ".md", ".md", ".MD", ".markdown", "", ".txt"]),
        contents,
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=EXAMPLES)
@given(files)
def test_any_file_name_and_bytes_are_read_or_located(
    specs: list[tuple[str, str, str, bytes]],
) -> None:
    root = _scratch()
    written = {}
    for directory, name, extension, data in specs:
        relative = f"{directory}/{name}{extension}"
        path = root / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists():
                continue
            path.write_bytes(data)
        except OSError:  # a name this file system refuses (too long, say)
            continue
        written[relative] = data
    result = read_journal(root)
    for problem in result.problems:
        data = next((d for r, d in written.items() if _shown(r) == problem.path), None)
        if data is not None and problem.line > 1:
            text = data.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n")
            _assert_located(problem, text)
        assert problem.code in CODES and "\n" not in str(problem)
        str(problem).encode("utf-8")  # printable: no half characters from odd names
    read = {e.path for e in result.journal.entries} | {
        c.path for c in result.journal.contacts.values()
    }
    for relative in written:
        name = relative.rsplit("/", 1)[1]
        if not name.endswith(".md") or name.startswith("."):
            continue
        mentioned = any(p.path == _shown(relative) for p in result.problems)
        assert _shown(relative) in read or mentioned, f"{relative!r} vanished without a word"


def _shown(relative: str) -> str:
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
