"""Reading the user's files: what becomes a record, and a located sentence for each mistake."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from conftest import messages

from netjournal.model import ContactRef, Direction, Journal, Source, Status, Text, Unit
from netjournal.read.journal import read_texts


def test_a_contact_with_every_key_is_read(write, read):
    write(
        "contacts/jane-doe.md",
        """
        ---
        name: Jane Doe
        company: Doe & Co
        title: Estate attorney
        location: Riverside
        email: [jane@example.com, jd@example.org]
        phone: "+1 555 0100"
        url: https://doe.example.com
        tags: [attorney, bni]
        met: 2025-06-12
        met_at: 2025-06-12-chamber-mixer
        introduced_by: tom-okafor
        source: network-referral
        relationship: Referral-Partner
        cadence: 3m
        birthday: "--04-12"
        needs: [Families without a will]
        offers: Estate planning
        opportunities:
          - title: Practice accounts
            date: 2025-09-01
            status: won
            value: 3200.50
        follow_ups:
          - what: Send the checklist
            due: 2025-07-01
            done: 2025-06-28
        private: true
        unknown_thing: kept and ignored
        ---
        Jane runs a **two-lawyer** practice.
        """,
    )
    write("contacts/tom-okafor.md", "---\nname: Tom Okafor\n---\n")
    result = read()
    assert result.problems == ()
    jane = result.journal.contacts["jane-doe"]
    assert (jane.name, jane.company, jane.title, jane.location) == (
        "Jane Doe",
        "Doe & Co",
        "Estate attorney",
        "Riverside",
    )
    assert jane.emails == ("jane@example.com", "jd@example.org")
    assert jane.phones == ("+1 555 0100",)
    assert jane.urls == ("https://doe.example.com",)
    assert jane.tags == ("attorney", "bni")
    assert jane.met == date(2025, 6, 12)
    assert jane.met_at == Text("2025-06-12-chamber-mixer")  # no such entry: words
    assert jane.introduced_by == "tom-okafor"
    assert jane.source is Source.NETWORK_REFERRAL
    assert jane.relationship == "Referral-Partner"  # shown as typed
    assert (jane.cadence.count, jane.cadence.unit) == (3, Unit.MONTHS)
    assert (jane.birthday.month, jane.birthday.day, jane.birthday.year) == (4, 12, None)
    assert jane.needs == ("Families without a will",)
    assert jane.offers == ("Estate planning",)
    [opportunity] = jane.opportunities
    assert opportunity.status is Status.WON and opportunity.value == Decimal("3200.50")
    [follow_up] = jane.follow_ups
    assert follow_up.done and follow_up.done_on == date(2025, 6, 28)
    assert jane.private is True
    assert jane.body == "Jane runs a **two-lawyer** practice."


def test_an_entry_with_every_key_is_read(write, read):
    for slug in ("jane-doe", "tom-okafor", "ann-lee"):
        write(f"contacts/{slug}.md", f"---\nname: {slug.title()}\n---\n")
    write(
        "journal/2025/03/2025-03-04-coffee-with-jane.md",
        """
        ---
        date: 2025-03-04 08:30
        kind: Coffee
        with: [jane-doe]
        referrals:
          - given_to: jane-doe
            prospect: tom-okafor
            note: needs a will
            value: 1500
            status: won
          - received_from: jane-doe
            prospect: Acme Ltd
        introductions:
          - [tom-okafor, ann-lee]
        follow_ups:
          - what: Call Tom
            due: 2025-03-10
            who: tom-okafor
        ---
        Notes.
        """,
    )
    [entry] = read().journal.entries
    assert entry.slug == "2025-03-04-coffee-with-jane"
    assert entry.title == "Coffee with Jane"  # from the file name, Jane as her name is spelt
    assert entry.date == date(2025, 3, 4) and entry.time == datetime(2025, 3, 4, 8, 30)
    assert entry.kind == "Coffee"
    assert entry.with_ == ("jane-doe",)
    given, received = entry.referrals
    assert (given.direction, given.contact, given.prospect, given.value, given.status) == (
        Direction.GIVEN,
        "jane-doe",
        ContactRef("tom-okafor"),
        Decimal(1500),
        Status.WON,
    )
    assert (received.direction, received.prospect, received.status) == (
        Direction.RECEIVED,
        Text("Acme Ltd"),
        None,
    )
    assert entry.introductions == (("tom-okafor", "ann-lee"),)
    assert entry.follow_ups[0].who == ContactRef("tom-okafor") and not entry.follow_ups[0].done


def test_a_date_time_with_a_time_zone_keeps_its_zone(write, read):
    write("journal/e.md", "---\ndate: 2025-03-04T18:30+01:00\n---\n")
    [entry] = read().journal.entries
    assert entry.time == datetime(2025, 3, 4, 18, 30, tzinfo=timezone(timedelta(hours=1)))


def test_broken_yaml_names_the_file_and_line(write, read):
    write("contacts/jane.md", "---\nname: Jane\ncompany: 'Doe & Co\n---\n")
    [problem] = read().problems
    assert problem.code == "NJ004" and problem.path == "contacts/jane.md"
    assert problem.line >= 3


def test_a_missing_name_is_read_from_the_file_name(write, read):
    # Issue 14: a contact's file name is its name when nothing else gives one.
    write("contacts/jane.md", "---\ncompany: Doe\n---\n")
    result = read()
    assert messages(result) == []
    assert result.journal.contacts["jane"].name == "Jane"


def test_a_missing_date_is_an_error(write, read):
    write("journal/note.md", "---\ntitle: A note\n---\n")
    result = read()
    assert [p.code for p in result.problems] == ["NJ101"]
    assert "'date' is missing" in result.problems[0].message
    assert result.journal.entries == ()


def test_a_date_that_is_not_a_date_names_line_column_and_key(write, read):
    write("journal/e.md", "---\ntitle: x\ndate: next week\n---\n")
    assert messages(read()) == [
        "journal/e.md:3:7: error NJ104 date: 'next week' is not a date: write the day "
        "itself as YYYY-MM-DD, e.g. 2025-03-04 (a word like 'next week' would mean another "
        "day tomorrow)"
    ]


def test_an_impossible_date_is_refused(write, read):
    write("journal/e.md", "---\ndate: 2025-02-30\n---\n")
    [problem] = read().problems
    assert problem.code == "NJ104" and "not a real date" in problem.message


def test_an_unknown_source_suggests_the_right_one(write, read):
    write("contacts/jane-doe.md", "---\nname: Jane\ntitle: x\nsource: referal\n---\n")
    [problem] = read().problems
    assert str(problem).startswith(
        "contacts/jane-doe.md:4:9: error NJ103 source: unknown source 'referal' "
        "(did you mean 'referral'?)"
    )


def test_a_slug_that_names_no_contact_is_reported_where_it_stands(write, read):
    write("contacts/jane-doe.md", "---\nname: Jane\n---\n")
    write(
        "journal/e.md",
        """
        ---
        date: 2025-01-02
        with:
          - jane-doe
          - jane-do
        follow_ups:
          - what: x
            due: 2025-01-03
          - what: y
            due: someday
        ---
        """,
    )
    result = read()
    assert messages(result) == [
        "journal/e.md:5:5: error NJ106 with: no contact has the slug 'jane-do' (did you mean "
        "'jane-doe'?): write the contact's slug: its file name in contacts/, without '.md'",
        "journal/e.md:10:10: error NJ104 due: 'someday' is not a date: write it as YYYY-MM-DD, "
        "e.g. 2025-03-04",
    ]


def test_two_files_with_the_same_slug_are_reported(write, read):
    write("journal/2025/a.md", "---\ndate: 2025-01-01\n---\n")
    write("journal/2026/a.md", "---\ndate: 2026-01-01\n---\n")
    result = read()
    assert messages(result) == [
        "journal/2026/a.md:1:1: error NJ010 slug 'a' is already used by journal/2025/a.md: "
        "rename one of the files"
    ]
    assert len(result.journal.entries) == 1


def test_a_file_that_is_not_utf8_is_reported_not_crashed(tmp_path, write, read):
    write("contacts/x.md", "")
    (tmp_path / "contacts/x.md").write_bytes("---\nname: Jos\xe9\n---\n".encode("latin-1"))
    [problem] = read().problems
    assert (problem.code, problem.line) == ("NJ001", 2)
    assert "not UTF-8" in problem.message


def test_no_front_matter_and_unclosed_front_matter(write, read):
    write("contacts/a.md", "name: A\n")
    write("contacts/b.md", "---\nname: B\n")
    assert [(p.path, p.code) for p in read().problems] == [
        ("contacts/a.md", "NJ002"),
        ("contacts/b.md", "NJ003"),
    ]


def test_reading_never_writes(tmp_path, write, read):
    path = write("contacts/a.md", "---\nname: A\nsource: nope\n---\n")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_text_keeps_what_was_typed_where_yaml_sees_numbers_or_booleans(write, read):
    write(
        "contacts/jane-doe.md",
        "---\nname: No\nphone: 0123456789\ntitle: 1.10\ncompany: 2025\ntags: [yes, 007]\n---\n",
    )
    jane = read().journal.contacts["jane-doe"]
    assert (jane.name, jane.phones, jane.title, jane.company) == (
        "No",
        ("0123456789",),
        "1.10",
        "2025",
    )
    assert jane.tags == ("yes", "007")


def test_a_bad_value_is_left_out_but_the_contact_is_kept(write, read):
    write(
        "contacts/jane-doe.md", "---\nname: Jane Doe\ncadence: fortnightly\nmet: 2025-06-12\n---\n"
    )
    result = read()
    assert [p.code for p in result.errors] == ["NJ105"]
    jane = result.journal.contacts["jane-doe"]
    assert jane.cadence is None and jane.met == date(2025, 6, 12)


def test_a_slug_written_in_another_unicode_form_still_finds_its_contact(write, read):
    decomposed = "jose\u0301"  # how macOS stores 'josé' in a file name
    write(f"contacts/{decomposed}.md", "---\nname: José\n---\n")
    write("journal/e.md", "---\ndate: 2025-01-02\nwith: [jos\u00e9]\n---\n")
    result = read()
    assert result.problems == ()  # any file name is a name (issue 14): its address is 'jose'
    [entry] = result.journal.entries
    assert entry.with_ == ("jose",) and "jose" in result.journal.contacts


def test_a_contact_introduced_by_themselves_loses_only_that_reference(write, read):
    write("contacts/jane-doe.md", "---\nname: Jane Doe\nintroduced_by: jane-doe\ncompany: X\n---\n")
    result = read()
    assert [p.code for p in result.problems] == ["NJ111"]
    jane = result.journal.contacts["jane-doe"]
    assert jane.introduced_by is None and jane.company == "X"


def test_one_follow_up_without_a_dash_counts_as_a_list_of_one(write, read):
    write(
        "journal/e.md", "---\ndate: 2025-01-02\nfollow_ups:\n  what: Call\n  due: 2025-01-09\n---\n"
    )
    result = read()
    assert result.problems == ()
    [follow_up] = result.journal.entries[0].follow_ups
    assert (follow_up.what, follow_up.due) == ("Call", date(2025, 1, 9))


def test_a_problem_is_always_one_line_of_output(write, read):
    write("contacts/jane-doe.md", '---\nname: Jane\n"compan\\ny": x\n"Nam\\te": y\n---\n')
    problems = read().problems
    assert [str(p).split(" NJ107 ")[1] for p in problems] == [
        "unknown key 'compan\\ny' (did you mean 'company'?)",
        "unknown key 'Nam\\te' (did you mean 'name'?)",
    ]


def test_did_you_mean_ignores_case_accents_spaces_and_underscores():
    from netjournal.diagnostics import did_you_mean

    assert did_you_mean("Jane Doe", ["jane-doe", "tom"]) == " (did you mean 'jane-doe'?)"
    assert did_you_mean("José Álvarez", ["jose-alvarez"]) == " (did you mean 'jose-alvarez'?)"
    assert did_you_mean("Follow-Ups", ["follow_ups"]) == " (did you mean 'follow_ups'?)"
    assert did_you_mean("referal", ["referral", "self-referral"]) == " (did you mean 'referral'?)"
    assert did_you_mean("linkedin", ["referral", "self-referral"]) == ""
    assert did_you_mean("name", ["name"]) == ""


def test_the_same_front_matter_reads_the_same_with_either_yaml_parser(write, read, monkeypatch):
    from netjournal.read import front_matter

    write(
        "contacts/jane-doe.md",
        "---\nname: Jane\nfollow_ups:\n  - {what: x, due: 2025-01-01}\n---\n",
    )
    with_libyaml = read()
    monkeypatch.setattr(front_matter, "LOADER", front_matter.PYTHON_LOADER)
    assert read() == with_libyaml


def _libyaml_that_stops_at(depth: int, problem: str) -> type:
    """A libyaml loader with a nesting limit of its own and a message netjournal never saw,
    as a new PyYAML release may bundle (6.0.4's libyaml stops at 1,000 levels)."""
    import yaml

    from netjournal.read import front_matter

    class Stricter(front_matter.LOADER):  # type: ignore[misc,name-defined]
        level = 0

        def get_event(self) -> yaml.Event:
            event = super().get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                self.level += 1
                if self.level > depth:
                    raise yaml.MarkedYAMLError(problem=problem, problem_mark=event.start_mark)
            return event

    return Stricter


def test_netjournals_nesting_limit_fires_whatever_limit_libyaml_has(write, read, monkeypatch):
    from netjournal.read import front_matter

    monkeypatch.setattr(front_matter, "LOADER", _libyaml_that_stops_at(3, "too deep, says C"))
    write("contacts/jane-doe.md", "---\nname: Jane Doe\nx: " + "[" * 10_000 + "\n---\n")
    assert messages(read()) == [
        "contacts/jane-doe.md:3:23: error NJ004 the values are nested more than 20 levels "
        "deep: netjournal's keys never need more than 3"
    ]


def test_a_file_libyaml_refuses_in_words_netjournal_does_not_know_is_read_again(
    write, read, monkeypatch
):
    from netjournal.read import front_matter

    monkeypatch.setattr(front_matter, "LOADER", _libyaml_that_stops_at(1, "an unheard-of wording"))
    write("contacts/jane-doe.md", "---\nname: Jane Doe\nx: [[[1]]]\ntags: [a, b]\n---\n")
    result = read()
    assert not result.problems
    assert result.journal.contacts["jane-doe"].tags == ("a", "b")


def test_met_at_names_an_entry_when_one_has_that_slug_else_it_is_words(write, read):
    from netjournal.model import EntryRef

    write("journal/2025-06-12-mixer.md", "---\ndate: 2025-06-12\n---\n")
    write("contacts/a.md", "---\nname: A\nmet_at: 2025-06-12-mixer\n---\n")
    write("contacts/b.md", "---\nname: B\nmet_at: the Chamber mixer\n---\n")
    contacts = read().journal.contacts
    assert contacts["a"].met_at == EntryRef("2025-06-12-mixer")
    assert contacts["b"].met_at == Text("the Chamber mixer")


def test_read_texts_reads_exactly_what_read_journal_reads_from_disk():
    from conftest import REPO

    from netjournal.read.journal import read_journal, read_texts

    texts = {
        path.relative_to(REPO).as_posix(): path.read_text(encoding="utf-8")
        for folder in ("contacts", "journal", "tests/golden/journals/branches/contacts")
        for path in sorted((REPO / folder).rglob("*.md"))
    }
    from_disk = read_journal(REPO)
    assert from_disk.journal.contacts and from_disk.journal.entries
    assert read_texts(texts) == from_disk  # the branches journal's paths are ignored


def test_read_texts_reports_problems_at_the_paths_given():
    from netjournal.read.journal import read_texts

    result = read_texts({"contacts/Jane.md": "---\nname: [Jane\n---\n", "notes.md": "x"})
    assert [p.path for p in result.problems] == ["contacts/Jane.md"]
    assert {p.code for p in result.problems} == {"NJ004"}


def test_a_quoted_true_is_text_and_the_message_says_to_remove_the_quotes(write, read):
    write("contacts/jane.md", '---\nname: Jane\nprivate: "true"\n---\n')
    assert messages(read()) == [
        "contacts/jane.md:3:10: error NJ102 private: expected true or false, got the text "
        "'true': remove the quotes around it"
    ]


def test_an_entrys_time_key_is_pointed_to_its_own_date() -> None:
    result = read_texts(
        {"journal/dinner.md": '---\ndate: 2026-12-10\ntime: "19:30"\ntitle: Dinner\n---\n'}
    )
    [problem] = result.problems
    assert problem.code == "NJ107" and (problem.line, problem.column) == (3, 1)
    assert "like date: 2026-12-10 19:30," in problem.message


def test_aliases_are_read_as_a_list_or_one_text(journal_of: Callable[..., Journal]) -> None:
    journal = journal_of(
        {
            "contacts/robert-stone.md": "---\nname: Robert Stone\naliases: [Bob, Bobby]\n---\n",
            "contacts/ann-lee.md": "---\nname: Ann Lee\naliases: Annie\n---\n",
            "contacts/eve.md": "---\nname: Eve\naliases:\n---\n",
        }
    )
    assert journal.contacts["robert-stone"].aliases == ("Bob", "Bobby")
    assert journal.contacts["ann-lee"].aliases == ("Annie",)
    assert journal.contacts["eve"].aliases == ()


def test_an_alias_that_is_not_text_is_a_located_error() -> None:
    result = read_texts({"contacts/bob.md": "---\nname: Bob\naliases: [{first: Bo}]\n---\n"})
    assert [(p.code, p.line) for p in result.problems] == [("NJ102", 3)]
    assert result.journal.contacts["bob"].aliases == ()
