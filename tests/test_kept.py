"""A kept journal (read/kept.py) reads what a fresh `read_journal` reads, after any edits.

Every test edits a small journal in a temporary folder between reads and compares
`KeptJournal.read()` with a fresh `read_journal` of the same arguments: the same Journal and
the same problems in the same order. Each edit gives the file a new modification time
(`_save`), as a save some moments later would, and the kept journal is told the files
settled long ago (`clock`), so what it keeps is really kept; the test of a same-size edit
in the same instant uses the real clock.
"""

from __future__ import annotations

import os
import tempfile
import time
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netjournal.read.kept as kept_module
from netjournal.model import Journal
from netjournal.read.conventions import DEFAULT_EXCLUDE, Conventions
from netjournal.read.journal import ReadResult, read_journal
from netjournal.read.kept import KeptJournal

_TICKS = count(1)


def _later() -> float:
    return time.time() + 3600.0  # every file settled: nothing is read again for freshness


def _save(path: Path, text: str | bytes) -> None:
    """The file written, with a modification time of its own (a later save)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    tick = 1_600_000_000_000_000_000 + next(_TICKS) * 1_000_000
    os.utime(path, ns=(tick, tick))


def _contact(name: str, notes: str = "", extra: str = "") -> str:
    return f"---\nname: {name}\n{extra}---\n{notes}\n"


def _entry(day: str, with_: str = "", notes: str = "", extra: str = "") -> str:
    people = f"with: [{with_}]\n" if with_ else ""
    return f"---\ndate: {day}\n{people}{extra}---\n{notes}\n"


def _journal(root: Path) -> None:
    _save(
        root / "contacts/jane-doe.md", _contact("Jane Doe", "Met at the fair.", "aliases: [JD]\n")
    )
    _save(root / "contacts/omar-haddad.md", _contact("Omar Haddad", "See [[jane-doe]]."))
    _save(
        root / "contacts/priya-shah.md",
        _contact("Priya Shah", "## Projects\n\nData work.", "introduced_by: omar-haddad\n"),
    )
    _save(root / "journal/2025/2025-01-10-coffee.md", _entry("2025-01-10", "jane-doe", "Talked."))
    _save(
        root / "journal/2025/2025-02-03-call.md",
        _entry("2025-02-03", "omar-haddad", "Asked about [[Priya Shah#Projects]]."),
    )
    _save(
        root / "journal/2025/2025-03-01-lunch.md",
        _entry("2025-03-01", "priya-shah, jane-doe", "- [ ] send the deck 📅 2025-03-08"),
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    _journal(tmp_path)
    return tmp_path


def _same(kept: KeptJournal, root: Path, **options: object) -> ReadResult:
    """The kept read, asserted equal to a fresh one (journal, problems and their order)."""
    got = kept.read()
    fresh = read_journal(root, cache=False, **options)  # type: ignore[arg-type]
    assert got.journal == fresh.journal
    assert got.problems == fresh.problems
    return got


def _paths(journal: Journal) -> dict[str, object]:
    found: dict[str, object] = {c.path: c for c in journal.contacts.values()}
    found.update({e.path: e for e in journal.entries})
    return found


def test_first_read_is_read_journal_and_nothing_changed_reads_no_file(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = KeptJournal(root, clock=_later)
    first = _same(kept, root)
    assert kept.whole and kept.changed == frozenset(_paths(first.journal))

    def refuse(*args: object) -> object:
        raise AssertionError("a file was parsed again")

    monkeypatch.setattr(kept_module, "parsed", refuse)
    again = kept.read()
    assert again == first
    assert not kept.whole and kept.changed == frozenset()


def test_a_note_edited_builds_only_that_record_again(root: Path) -> None:
    kept = KeptJournal(root, clock=_later)
    kept.read()
    _save(
        root / "contacts/jane-doe.md",
        _contact("Jane Doe", "Met at the fair. Likes jazz.", "aliases: [JD]\n"),
    )
    got = _same(kept, root)
    assert not kept.whole
    assert kept.changed == {"contacts/jane-doe.md"}
    assert "Likes jazz" in got.journal.contacts["jane-doe"].body


def test_a_follow_up_added_to_an_entry(root: Path) -> None:
    kept = KeptJournal(root, clock=_later)
    kept.read()
    path = root / "journal/2025/2025-01-10-coffee.md"
    _save(
        path,
        _entry(
            "2025-01-10",
            "jane-doe",
            "Talked.",
            "follow_ups:\n  - {what: send notes, due: 2025-01-17}\n",
        ),
    )
    got = _same(kept, root)
    assert not kept.whole and kept.changed == {"journal/2025/2025-01-10-coffee.md"}
    assert [f.what for e in got.journal.entries for f in e.follow_ups if e.slug.endswith("coffee")]


def test_an_entry_moved_to_another_day_keeps_the_order(root: Path) -> None:
    kept = KeptJournal(root, clock=_later)
    kept.read()
    _save(root / "journal/2025/2025-01-10-coffee.md", _entry("2025-04-01", "jane-doe", "Later."))
    got = _same(kept, root)
    assert [e.date.isoformat() for e in got.journal.entries][-1] == "2025-04-01"


def test_a_key_made_invalid_then_fixed(root: Path) -> None:
    kept = KeptJournal(root, clock=_later)
    kept.read()
    path = root / "contacts/omar-haddad.md"
    _save(
        path,
        _contact(
            "Omar Haddad", "See [[jane-doe]].", "cadence: sometimes\nintroduced_by: nobody-here\n"
        ),
    )
    broken = _same(kept, root)
    assert any(p.path == "contacts/omar-haddad.md" for p in broken.problems)
    _save(path, _contact("Omar Haddad", "See [[jane-doe]].", "cadence: monthly\n"))
    fixed = _same(kept, root)
    assert not any(p.path == "contacts/omar-haddad.md" for p in fixed.problems)


def test_front_matter_broken_then_mended(root: Path) -> None:
    kept = KeptJournal(root, clock=_later)
    kept.read()
    path = root / "contacts/priya-shah.md"
    _save(path, "---\nname: [Priya\n---\nnotes\n")
    broken = _same(kept, root)
    assert "priya-shah" not in broken.journal.contacts and broken.errors
    _save(path, _contact("Priya Shah", "## Projects\n\nData work."))
    _same(kept, root)


_COFFEE, _CALL, _LUNCH = (
    f"journal/2025/2025-{day}.md" for day in ("01-10-coffee", "02-03-call", "03-01-lunch")
)


@pytest.mark.parametrize(
    ("change", "rebuilt"),
    [
        ("added", {"contacts/zed-quist.md", "journal/2025/2025-05-05-zed.md"}),
        # Omar named by the call's `with` and by Priya's `introduced_by`: both now warn.
        ("removed", {"contacts/priya-shah.md", _CALL}),
        # Jane's slug is gone: the entries with her, and Omar's [[jane-doe]], read again.
        ("renamed", {"contacts/jane-smith.md", "contacts/omar-haddad.md", _COFFEE, _LUNCH}),
        ("named like another", {"contacts/Jane Doe.md"}),  # at jane-doe-2, NJ149
        ("index", set()),  # `index.md` cannot be a contact (NJ010): nothing else changes
    ],
)
def test_files_added_removed_or_renamed(root: Path, change: str, rebuilt: set[str]) -> None:
    """Records are built again exactly when something they looked up answers otherwise."""
    kept = KeptJournal(root, clock=_later)
    kept.read()
    if change == "added":
        _save(root / "contacts/zed-quist.md", _contact("Zed Quist", "New. [[JD]]"))
        _save(root / "journal/2025/2025-05-05-zed.md", _entry("2025-05-05", "zed-quist"))
    elif change == "removed":
        (root / "contacts/omar-haddad.md").unlink()
    elif change == "renamed":
        (root / "contacts/jane-doe.md").rename(root / "contacts/jane-smith.md")
    elif change == "named like another":
        _save(root / "contacts/Jane Doe.md", _contact("Jane Doe", "Same person?"))
    else:
        _save(root / "contacts/index.md", _contact("Index Person"))
    got = _same(kept, root)
    assert kept.rebuilt == rebuilt
    assert not kept.whole
    assert got.problems or change in ("added", "named like another")


def test_a_new_contact_mends_the_links_that_named_nobody(root: Path) -> None:
    _save(root / _COFFEE, _entry("2025-01-10", "jane-doe", "Ask [[Zed Quist]] too."))
    kept = KeptJournal(root, clock=_later)
    before = _same(kept, root)
    assert [p.code for p in before.problems if p.path == _COFFEE] == ["NJ144"]
    _save(root / "contacts/zed-quist.md", _contact("Zed Quist"))
    after = _same(kept, root)
    assert kept.rebuilt == {"contacts/zed-quist.md", _COFFEE}
    assert not [p for p in after.problems if p.path == _COFFEE]


@pytest.mark.parametrize(
    ("path", "text", "rebuilt"),
    [
        (
            "contacts/jane-doe.md",
            _contact("Jane Roe", "Met at the fair.", "aliases: [JD]\n"),
            {"contacts/jane-doe.md"},
        ),
        (
            "contacts/jane-doe.md",
            _contact("Jane Doe", "Met at the fair.", "aliases: [Janey]\n"),
            {"contacts/jane-doe.md"},
        ),
        (
            "contacts/omar-haddad.md",
            _contact("Omar Haddad", "# Omar\n\n## Projects\n\nx"),
            {"contacts/omar-haddad.md"},
        ),
        (  # the call links to [[Priya Shah#Projects]]: now a heading that is not there
            "contacts/priya-shah.md",
            _contact("Priya Shah", "## Data\n\nData work."),
            {"contacts/priya-shah.md", _CALL},
        ),
        (
            _COFFEE,
            _entry("2025-01-10", "", "", "title: Coffee at ACME\n"),
            {_COFFEE},
        ),
        (
            "contacts/omar-haddad.md",
            _contact("Omar Haddad", "", "company: Globex Corp\n"),
            {"contacts/omar-haddad.md"},
        ),
    ],
    ids=["name", "alias", "heading added", "heading renamed", "capitalised title", "company"],
)
def test_what_other_records_may_depend_on(
    root: Path, path: str, text: str, rebuilt: set[str]
) -> None:
    """A change others may depend on makes a new context; each kept record's lookups are
    asked again of it, and only those answered otherwise are built again."""
    kept = KeptJournal(root, clock=_later)
    kept.read()
    _save(root / path, text)
    _same(kept, root)
    assert kept.rebuilt == rebuilt


def test_a_title_made_from_a_file_name_keeps_a_new_capitalised_word(root: Path) -> None:
    _save(root / "journal/2025/2025-04-01-acme-visit.md", _entry("2025-04-01", "jane-doe"))
    kept = KeptJournal(root, clock=_later)
    assert [e.title for e in _same(kept, root).journal.entries if "acme" in e.slug] == [
        "Acme visit"
    ]
    _save(root / _COFFEE, _entry("2025-01-10", "jane-doe", "", "title: Lunch at ACME\n"))
    got = _same(kept, root)
    assert [e.title for e in got.journal.entries if "acme" in e.slug] == ["ACME visit"]
    assert kept.rebuilt == {_COFFEE, "journal/2025/2025-04-01-acme-visit.md"}


def test_a_heading_renamed_in_place_is_seen_by_the_link_to_it(root: Path) -> None:
    kept = KeptJournal(root, clock=_later)
    kept.read()
    _save(root / "contacts/priya-shah.md", _contact("Priya Shah", "## Work\n\nData work."))
    got = _same(kept, root)
    assert any(p.path == "journal/2025/2025-02-03-call.md" for p in got.problems)


def test_notes_edited_without_a_new_heading_stay_narrow(root: Path) -> None:
    kept = KeptJournal(root, clock=_later)
    kept.read()
    _save(root / "contacts/priya-shah.md", _contact("Priya Shah", "## Projects\n\nData, and ML."))
    _same(kept, root)
    assert not kept.whole


def test_excluded_folders(tmp_path: Path) -> None:
    _journal(tmp_path)
    conventions = Conventions(exclude=(*DEFAULT_EXCLUDE, "drafts", "journal/private/*"))
    kept = KeptJournal(tmp_path, conventions=conventions, clock=_later)
    kept.read()
    _save(tmp_path / "contacts/drafts/ghost.md", _contact("Ghost"))
    _save(tmp_path / "journal/private/2025-06-01-x.md", _entry("2025-06-01"))
    _save(tmp_path / "journal/2025/2025-06-02-y.md", _entry("2025-06-02", "ghost"))
    got = _same(kept, tmp_path, conventions=conventions)
    assert "ghost" not in got.journal.contacts
    assert all("private" not in e.path for e in got.journal.entries)


def test_files_made_unreadable_or_binary(root: Path) -> None:
    kept = KeptJournal(root, clock=_later)
    kept.read()
    _save(root / "contacts/jane-doe.md", b"---\nname: Jane\0Doe\n---\n")
    (root / "contacts/omar-haddad.md").unlink()
    (root / "contacts/omar-haddad.md").symlink_to(root / "contacts/nowhere.md")
    got = _same(kept, root)
    assert {p.code for p in got.problems} >= {"NJ001", "NJ012"}
    _save(root / "contacts/jane-doe.md", _contact("Jane Doe"))
    (root / "contacts/omar-haddad.md").unlink()
    _save(root / "contacts/omar-haddad.md", _contact("Omar Haddad"))
    _same(kept, root)


def test_a_same_size_edit_in_the_same_instant_is_seen(root: Path) -> None:
    """A save that keeps the size and modification time (a coarse clock's same tick)."""
    path = root / "contacts/jane-doe.md"
    before = path.stat()
    kept = KeptJournal(root)  # the real clock: these files changed just now
    kept.read()
    path.write_text(path.read_text(encoding="utf-8").replace("fair", "FAIR"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    got = _same(kept, root)
    assert "FAIR" in got.journal.contacts["jane-doe"].body


def test_public_and_docs(root: Path) -> None:
    _save(root / "docs/about.md", "Ask Omar Haddad.\n")
    kept = KeptJournal(root, public=True, docs=root / "docs", clock=_later)
    _same(kept, root, public=True, docs=root / "docs")
    _save(root / "contacts/omar-haddad.md", _contact("Omar Haddad", "", "private: true\n"))
    got = _same(kept, root, public=True, docs=root / "docs")
    assert any(p.path.startswith("docs/") for p in got.errors)


def test_the_first_read_uses_and_fills_the_disk_cache(root: Path) -> None:
    KeptJournal(root, clock=_later).read()
    assert (root / ".netjournal-cache/read.json").is_file()
    kept = KeptJournal(root, clock=_later)
    _same(kept, root)


# The property: any sequence of edits, read after each.

_NAMES = ["Ana Lima", "Ben Ode", "Jane Doe", "JD", "Zoë Ñúñez", "Acme"]
_NOTES = [
    "",
    "Plain words.",
    "## Projects\n\nx",
    "See [[jane-doe]].",
    "[[Ana Lima#Projects]]",
    "[[nobody]]",
    "- [ ] call back 📅 2025-02-01",
    "[[2025-01-10-coffee]]",
    "[[Talk with Ana]] and [[Ben Ode]]",
    "[[jane-doe#Projects]] [[JD]]",
    "# Acme Day\n\n## Projects",
]
_EXTRA = [
    "",
    "aliases: [JD]\n",
    "cadence: monthly\n",
    "cadence: sometimes\n",
    "introduced_by: jane-doe\n",
    "company: ACME Labs\n",
    "title: CEO\n",
    "tags: [C++]\n",
    "referred_by: ana-lima\n",
    "email: a@example.com\n",
    "private: true\n",
    "met_at: 2025-01-10-coffee\n",
    "met_at: 2025-03-01\n",
    "introduced_by: ben-ode\n",
]
_FILES = [
    "contacts/jane-doe.md",
    "contacts/ana-lima.md",
    "contacts/Ben Ode.md",
    "contacts/ben-ode.md",
    "contacts/drafts/x.md",
    "journal/2025/2025-01-10-coffee.md",
    "journal/2025/2025-02-03-call.md",
    "journal/2025/Talk with Ana.md",
    "journal/2025/2025-03-01.md",
]

_edit = st.one_of(
    st.tuples(
        st.just("contact"),
        st.sampled_from([f for f in _FILES if f.startswith("contacts/")]),
        st.sampled_from(_NAMES),
        st.sampled_from(_NOTES),
        st.sampled_from(_EXTRA),
    ),
    st.tuples(
        st.just("entry"),
        st.sampled_from([f for f in _FILES if f.startswith("journal/")]),
        st.sampled_from(["2025-01-10", "2025-03-01", "2025-01-10 09:30", "soon"]),
        st.sampled_from(_NOTES),
        st.sampled_from(
            [
                "",
                "with: [jane-doe]\n",
                "with: [ana-lima, nobody]\n",
                "title: Lunch at Acme\n",
                "follow_ups:\n  - {what: x, due: 2025-02-01}\n",
            ]
        ),
    ),
    st.tuples(st.just("remove"), st.sampled_from(_FILES), st.just(""), st.just(""), st.just("")),
    st.tuples(st.just("binary"), st.sampled_from(_FILES), st.just(""), st.just(""), st.just("")),
    st.tuples(
        st.just("plain"), st.sampled_from(_FILES), st.sampled_from(_NOTES), st.just(""), st.just("")
    ),
)


def _apply(root: Path, edit: tuple[str, str, str, str, str]) -> None:
    kind, path, first, notes, extra = edit
    target = root / path
    if kind == "contact":
        _save(target, _contact(first, notes, extra))
    elif kind == "entry":
        _save(target, _entry(first, "", notes, extra))
    elif kind == "remove":
        target.unlink(missing_ok=True)
    elif kind == "binary":
        _save(target, b"\0\1")
    else:
        _save(target, first + "\n")  # no front matter: a daily note, or an error


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(_edit, min_size=1, max_size=3), min_size=1, max_size=5),
    st.booleans(),
)
def test_any_edits_read_as_a_fresh_read(
    batches: list[list[tuple[str, str, str, str, str]]], public: bool
) -> None:
    """The property: after each batch of edits, the same result as a fresh read, and
    `changed` is exactly the paths whose record differs (public builds and docs too)."""
    conventions = Conventions(exclude=(*DEFAULT_EXCLUDE, "drafts"))
    with tempfile.TemporaryDirectory(prefix="kept-") as folder:
        root = Path(folder)
        _journal(root)
        _save(root / "docs/about.md", "Ask Ana Lima or Ben Ode.\n")
        options = {"conventions": conventions, "public": public, "docs": root / "docs"}
        kept = KeptJournal(root, clock=_later, **options)  # type: ignore[arg-type]
        previous = _same(kept, root, **options)
        for batch in batches:
            for edit in batch:
                _apply(root, edit)
            now = _same(kept, root, **options)
            before, after = _paths(previous.journal), _paths(now.journal)
            differ = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
            assert kept.changed == differ
            previous = now
