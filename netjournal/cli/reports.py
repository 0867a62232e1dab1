"""What `check` and `due` print, worked out from the journal: the part a warm run skips.

Each returns an Answer (what goes to stdout and stderr, in order, and the exit code) rather
than printing, so the same answer can be kept (read/answers.py) and printed again while
nothing it was read from changes. Imported only when no kept answer fits: it loads the
reader, the queries and the terminal's formats.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os

from netjournal import queries
from netjournal.cli.shared import count, journal_options, shown, today_for
from netjournal.cli.terminal import due_json, due_text
from netjournal.options import JournalOptions
from netjournal.read.answers import Answer, Answers, Where
from netjournal.read.journal import ReadResult, read_journal
from netjournal.read.synonyms import keys_read_as
from netjournal.read.values import quoted


class _Said:
    """The lines a command prints, in order, each to stdout or stderr."""

    def __init__(self) -> None:
        self.lines: list[tuple[bool, str]] = []

    def __call__(self, text: object, *, err: bool = False) -> None:
        self.lines.append((err, f"{text}\n"))

    def answer(self, exit_code: int) -> Answer:
        return Answer(tuple(self.lines), exit_code)


def where_read(options: JournalOptions, *, docs: bool) -> Where:
    """Every folder `check` (with `docs`) or `due` reads, with the patterns it leaves out."""
    folders = [*options.contact_folders, *options.journal_folders, *([options.docs] * docs)]
    return Where(
        tuple(dict.fromkeys(os.path.abspath(folder) for folder in folders)),
        (),
        tuple(options.conventions.exclude),
    )


def _read(
    options: JournalOptions,
    where: Where,
    kept: Answers | None,
    *,
    public: bool = False,
    docs: bool = False,
) -> ReadResult:
    """The journal as `options` say, through the per-file cache; what `where` names is
    fingerprinted first, so a file saved during the read makes the next run read again."""
    if kept is not None:
        kept.look(where)
    return read_journal(
        options.root,
        options.contact_folders,
        options.journal_folders,
        public=public,
        docs=options.docs if docs else None,
        cache=True,
        progress=True,
        conventions=options.conventions,
    )


def check(config_file: str | None, output: str, public: bool, kept: Answers | None) -> Answer:
    """`netjournal check`: every problem found, and a summary on stderr (text)."""
    options = journal_options(config_file)
    where = where_read(options, docs=True)
    result = _read(options, where, kept, public=public or options.public, docs=True)
    say = _Said()
    if output == "json":
        say(json.dumps([p.as_dict() for p in result.problems], indent=2, ensure_ascii=False))
    else:
        for problem in result.problems:
            say(dataclasses.replace(problem, path=shown(options.root, problem.path)))
        journal = result.journal
        # What a vault's keys were read as, so a surprise shows before the summary.
        for written, key, files in keys_read_as(journal):
            say(f"read {quoted(written)} as {key} in {count(files, 'file')}", err=True)
        say(
            f"{count(len(result.errors), 'error')}, {count(len(result.warnings), 'warning')} "
            f"({count(len(journal.contacts), 'contact')}, "
            f"{count(len(journal.entries), 'entry', 'entries')} read)",
            err=True,
        )
    answer = say.answer(1 if result.errors else 0)
    if kept is not None:
        kept.keep(where, answer)
    return answer


def due(config_file: str | None, today: str | None, as_json: bool, kept: Answers | None) -> Answer:
    """`netjournal due`: the follow-up agenda and the cadence report, errors on stderr."""
    options = journal_options(config_file)
    day = today_for(options.today, today)
    where = where_read(options, docs=False)
    result = _read(options, where, kept)
    agenda = queries.follow_up_agenda(result.journal, day)
    cadence = queries.cadence_report(result.journal, day)
    say = _Said()
    if as_json:
        say(due_json(result.journal, day, agenda, cadence))
    else:
        where_shown = functools.partial(shown, options.root)
        say(due_text(result.journal, day, agenda, cadence, where=where_shown))
    if result.errors:
        # Say what each error left out: a follow-up whose `done` has a typo reads as open.
        for problem in result.errors:
            say(dataclasses.replace(problem, path=shown(options.root, problem.path)), err=True)
        say(
            f"{count(len(result.errors), 'error')} above: a file with an error is left out "
            "of this list, and a value with an error is read as missing (a follow-up whose "
            "'done' cannot be read is listed as open): fix them, then run due again.",
            err=True,
        )
    answer = say.answer(0)
    if kept is not None:
        kept.keep(where, answer)
    return answer
