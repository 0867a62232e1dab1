"""The writer is the reader's inverse: what it writes reads back the same, with no problem."""

from __future__ import annotations

import os
import threading
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netjournal.model import Birthday, Contact, ContactRef, JournalEntry, Source, Status
from netjournal.read.hashtags import with_hashtags
from netjournal.read.journal import read_record
from netjournal.write.files import FileChanged, create, update
from netjournal.write.front_matter import Unwritable, contact_text, entry_text
from netjournal.write.slugs import free_slug, slug_for

# Text a person might type in a value: any printable character of any script, trimmed.
_CHARACTERS = st.characters(
    blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"), blacklist_characters="\ufeff"
)
text = st.text(_CHARACTERS, min_size=1, max_size=60).map(str.strip).filter(bool)
days = st.dates(date(1900, 1, 1), date(2199, 12, 31))
slugs = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)


@st.composite
def contacts(draw: st.DrawFn) -> dict[str, Any]:
    fields: dict[str, Any] = {"name": draw(text)}
    for key in ("company", "title", "location", "relationship"):
        if draw(st.booleans()):
            fields[key] = draw(text)
    for key in ("email", "phone", "url", "tags", "needs", "offers"):
        fields[key] = draw(st.lists(text, max_size=3, unique_by=str.casefold))
    fields["met"] = draw(st.none() | days)
    fields["source"] = draw(st.none() | st.sampled_from(Source))
    fields["cadence"] = draw(st.none() | st.sampled_from(["2w", "30d", "3m", "1y", "monthly"]))
    fields["birthday"] = draw(
        st.none()
        | days.map(lambda d: Birthday(d.month, d.day, d.year))
        | days.map(lambda d: Birthday(d.month, d.day))
    )
    fields["private"] = draw(st.sampled_from([None, True]))
    fields["opportunities"] = draw(
        st.lists(
            st.fixed_dictionaries(
                {"title": text, "status": st.sampled_from(Status)},
                optional={
                    "date": days,
                    "value": st.decimals(0, 10**9, places=2),
                    "source": st.sampled_from(Source),
                },
            ),
            max_size=2,
        )
    )
    fields["follow_ups"] = draw(
        st.lists(
            st.fixed_dictionaries({"what": text, "due": days}, optional={"done": days}),
            max_size=2,
            unique_by=lambda item: (item["what"].casefold(), item["due"]),
        )
    )
    return fields


# Notes without '<': an unclosed tag is a problem the reader reports, so the writer refuses
# it (test_a_note_the_reader_would_warn_about_is_refused).
notes = st.text(
    st.characters(
        blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"), blacklist_characters="\ufeff<"
    )
    | st.sampled_from("\n\t"),
    max_size=200,
)


@settings(deadline=None)  # a loaded CI machine reads slowly; correctness is the point
@given(contacts(), notes)
def test_a_written_contact_reads_back_the_same_with_no_problem(
    fields: dict[str, Any], body: str
) -> None:
    written = contact_text("someone", fields, body)
    record, problems = read_record("contacts/someone.md", written)
    assert problems == []
    assert isinstance(record, Contact)
    assert record.name == fields["name"]
    for key in ("company", "title", "location", "relationship"):
        assert getattr(record, key) == fields.get(key)
    assert record.emails == tuple(fields["email"])
    assert record.phones == tuple(fields["phone"])
    # A tag written `#x` is Obsidian's tag x; the notes' own `#tags` count too, after them.
    tags = [t[1:] if t[:1] == "#" and t[1:2] not in ("", "#", " ") else t for t in fields["tags"]]
    assert record.tags == with_hashtags(tuple(tags), record.body)
    assert (record.needs, record.offers) == (tuple(fields["needs"]), tuple(fields["offers"]))
    assert record.met == fields["met"]
    assert record.source == fields["source"]
    assert (record.cadence.text if record.cadence else None) == fields["cadence"]
    assert record.birthday == fields["birthday"]
    assert record.private == bool(fields["private"])
    assert [(o.title, o.status, o.date, o.value, o.source) for o in record.opportunities] == [
        (o["title"], o["status"], o.get("date"), o.get("value"), o.get("source"))
        for o in fields["opportunities"]
    ]
    assert [(f.what, f.due, f.done_on) for f in record.follow_ups] == [
        (f["what"], f["due"], f.get("done")) for f in fields["follow_ups"]
    ]
    assert record.body == body.lstrip("\n").rstrip()
    assert contact_text("someone", fields, body) == written  # the same data, the same bytes


@settings(deadline=None)
@given(
    st.fixed_dictionaries(
        {"date": days | st.datetimes(datetime(1900, 1, 1), datetime(2199, 12, 31))},
        optional={"title": text, "kind": text},
    ),
    st.lists(st.sampled_from(["jane-doe", "li-wei", "orsted"]), unique=True),
)
def test_a_written_entry_reads_back_the_same_with_no_problem(
    fields: dict[str, Any], people: list[str]
) -> None:
    fields["with"] = people
    fields["follow_ups"] = [{"what": "send the article", "due": date(2026, 12, 8), "who": "li-wei"}]
    written = entry_text("a-meeting", fields, contacts={"jane-doe", "li-wei", "orsted"})
    record, problems = read_record(
        "journal/a-meeting.md", written, contacts={"jane-doe", "li-wei", "orsted"}
    )
    assert problems == []
    assert isinstance(record, JournalEntry)
    when = fields["date"]
    if isinstance(when, datetime):
        assert (record.date, record.time) == (when.date(), when.replace(second=0, microsecond=0))
    else:
        assert (record.date, record.time) == (when, None)
    assert record.title == fields.get("title", "A meeting")
    assert record.kind == fields.get("kind")
    assert record.with_ == tuple(people)
    assert record.follow_ups[0].who == ContactRef("li-wei")


def test_a_generated_file_looks_hand_written() -> None:
    written = contact_text(
        "jane-doe",
        {
            "name": "Jane Doe",
            "company": "no",  # YAML 1.1 would read a bare no as false
            "phone": ["0123 456"],
            "email": ["jane@example.com"],
            "met": date(2026, 3, 4),
            "birthday": Birthday(2, 29),
            "tags": ["0123"],
            "follow_ups": [{"due": date(2026, 4, 1), "what": "send: the article"}],
        },
        "Met at the breakfast.",
    )
    assert written == (
        "---\n"
        "name: Jane Doe\n"
        "company: 'no'\n"
        "email:\n- jane@example.com\n"
        "phone:\n- 0123 456\n"
        "tags:\n- '0123'\n"
        "met: 2026-03-04\n"
        "follow_ups:\n- what: 'send: the article'\n  due: 2026-04-01\n"
        "birthday: --02-29\n"
        "---\n\nMet at the breakfast.\n"
    )


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert(1)</script>",
        "[a link](https://example.com)",
        "a | b",
        "---",
        "key: value",
        "{a: 1}",
        "- item",
        "# not a heading",
        "&anchor",
        "!!python/object:os.system",
        "yes",
        "null",
        "2026-01-02",
        "1e3",
    ],
)
def test_text_that_looks_like_yaml_or_markup_round_trips_as_text(value: str) -> None:
    written = contact_text("x", {"name": value, "company": value, "tags": [value]}, value)
    record, problems = read_record("contacts/x.md", written)
    assert problems == []
    assert isinstance(record, Contact)
    assert (record.name, record.company, record.tags, record.body) == (
        value,
        value,
        (value,),
        value,
    )


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"name": "A", "handler": "x"}, "'handler' is not a key"),
        ({"name": "A", "content": "x"}, "'content' is not a key"),
        ({"name": "A", "source": "a friend"}, "unknown source 'a friend'"),
        ({"name": "A", "introduced_by": "nobody"}, "no contact has the slug 'nobody'"),
        ({"name": "A" * 1001}, "more than the 1,000"),
    ],
)
def test_the_writer_refuses_what_the_reader_would_refuse(fields: dict[str, Any], says: str) -> None:
    with pytest.raises(Unwritable, match=says):
        contact_text("a", fields)


def test_a_note_the_reader_would_warn_about_is_refused() -> None:
    with pytest.raises(Unwritable, match="<a> is never closed"):
        contact_text("x", {"name": "X"}, "See <a href='https://example.com'>the article")


def test_a_new_file_never_replaces_one_that_is_there(tmp_path: Path) -> None:
    target = tmp_path / "contacts" / "jane-doe.md"
    create(target, "first\n")
    with pytest.raises(FileExistsError):
        create(target, "second\n")
    assert target.read_text() == "first\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["jane-doe.md"]  # no leftovers


def test_racing_writers_leave_exactly_one_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "jane-doe.md"
    texts = [f"writer {n}\n" * 10_000 for n in range(8)]
    won: list[str] = []

    def write(text: str) -> None:
        try:
            create(target, text)
            won.append(text)
        except FileExistsError:
            pass

    threads = [threading.Thread(target=write, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1
    assert target.read_text() == won[0]
    assert os.listdir(tmp_path) == ["jane-doe.md"]


def test_an_update_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    target = tmp_path / "jane-doe.md"
    target.write_text("as read\n")
    target.chmod(0o640)
    update(target, "updated\n", was=b"as read\n")
    assert target.read_text() == "updated\n"
    assert target.stat().st_mode & 0o777 == 0o640
    with pytest.raises(FileChanged):
        update(target, "again\n", was=b"as read\n")
    assert target.read_text() == "updated\n"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Jane Doe", "jane-doe"),
        ("Ørsted", "orsted"),
        ("Дмитрий Иванов", "dmitrii-ivanov"),
        ("李伟", "li-wei"),
        ("José Müller-Lüdenscheidt", "jose-muller-ludenscheidt"),
        ("Zoë O'Brien", "zoe-o-brien"),
        ("!!!", ""),
    ],
)
def test_names_in_any_script_get_a_readable_stable_slug(name: str, slug: str) -> None:
    assert slug_for(name) == slug


def test_a_taken_slug_gets_the_next_number() -> None:
    assert free_slug("Jane Doe", {"jane-doe", "jane-doe-2"}) == "jane-doe-3"
    assert free_slug("Jane Doe", set()) == "jane-doe"


def test_amounts_are_written_as_plain_numbers() -> None:
    written = contact_text(
        "x",
        {
            "name": "X",
            "opportunities": [{"title": "Audit", "status": Status.WON, "value": Decimal("0750")}],
        },
    )
    assert "  value: 750\n" in written
    record, problems = read_record("contacts/x.md", written)
    assert problems == []
    assert isinstance(record, Contact)
    assert record.opportunities[0].value == Decimal(750)
