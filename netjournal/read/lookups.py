"""What a record looked up in the rest of the journal: kept while each lookup answers the same.

A record depends on the whole journal only through what it asks of its context
(read/journal.py's `Context`): whether a slug is a contact's or an entry's, what a wikilink
names (and the hint when it names nothing), the id of a heading, which words titles keep.
`Watch` hands the records a context whose every part writes down each question asked and
its answer; a kept journal (read/kept.py) keeps a record whose file did not change, after
the context changed, when every question asks the same answer of the new context.
Anything asked of the whole (iterating the contact slugs to suggest one, an attribute of
the resolver this module does not know) is written down as such: a whole set is kept only
while it is equal, and an unknown use of the resolver means the record is built again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, cast

from netjournal.read.context import Context
from netjournal.read.wikilinks import Resolver

__all__ = ["Lookups", "Watch", "still"]

Question = tuple[str, tuple[Any, ...]]


@dataclass
class Lookups:
    """The questions one record asked, with their answers, and the parts it used whole."""

    answers: dict[Question, Any] = field(default_factory=dict)
    whole: set[str] = field(default_factory=set)


class Watch:
    """A context whose parts write down what is asked of them in `lookups`; set a new
    `Lookups` before building each record."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.lookups = Lookups()
        self.watched = replace(
            context,
            slugs=_Set(self, "slugs", context.slugs),
            entry_slugs=_Set(self, "entries", context.entry_slugs),
            names=cast(Resolver, _Resolver(self, context.names)),
            known=_Known(self, context.known),
        )


def still(lookups: Lookups, now: Context, before: Context, memo: dict[Question, Any]) -> bool:
    """Whether every question in `lookups` (asked of `before`) gets the same answer of `now`.

    `memo` holds the answers of `now` asked already: many records ask the same.
    """
    for part in lookups.whole:
        if part == "slugs" and now.slugs != before.slugs:
            return False
        if part == "entries" and now.entry_slugs != before.entry_slugs:
            return False
        if part == "known" and now.known != before.known:
            return False
        if part == "names":
            return False
    for question, answer in lookups.answers.items():
        if question in memo:
            found = memo[question]
        else:
            found = memo[question] = _answer(now, question)
        if found != answer:
            return False
    return True


def _answer(context: Context, question: Question) -> Any:
    what, asked = question
    if what == "slugs":
        return asked[0] in context.slugs
    if what == "entries":
        return asked[0] in context.entry_slugs
    if what == "known":
        return context.known.get(asked[0])
    if what == "notes":
        return asked[0] in context.names.notes
    return getattr(context.names, what)(*asked)  # resolve, heading, contact, file_named


class _Set(Collection[str]):
    """A set of slugs that writes down each membership asked, and any use of the whole."""

    def __init__(self, watch: Watch, name: str, inner: Collection[str]) -> None:
        self.watch, self.name, self.inner = watch, name, inner

    def __contains__(self, item: object) -> bool:
        found = item in self.inner
        self.watch.lookups.answers[self.name, (item,)] = found
        return found

    def __iter__(self) -> Iterator[str]:
        self.watch.lookups.whole.add(self.name)
        return iter(self.inner)

    def __len__(self) -> int:
        self.watch.lookups.whole.add(self.name)
        return len(self.inner)


class _Known(Mapping[str, str]):
    """The words titles keep, writing down each word looked up."""

    def __init__(self, watch: Watch, inner: Mapping[str, str]) -> None:
        self.watch, self.inner = watch, inner

    def __getitem__(self, key: str) -> str:
        found = self.inner.get(key)
        self.watch.lookups.answers["known", (key,)] = found
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        self.watch.lookups.whole.add("known")
        return iter(self.inner)

    def __len__(self) -> int:
        self.watch.lookups.whole.add("known")
        return len(self.inner)


class _Notes(Collection[Any]):
    """Which records have notes the resolver was given (`target in resolver.notes`)."""

    def __init__(self, watch: Watch, inner: Mapping[Any, str]) -> None:
        self.watch, self.inner = watch, inner

    def __contains__(self, item: object) -> bool:
        found = item in self.inner
        self.watch.lookups.answers["notes", (item,)] = found
        return found

    def __iter__(self) -> Iterator[Any]:
        self.watch.lookups.whole.add("names")
        return iter(self.inner)

    def __len__(self) -> int:
        self.watch.lookups.whole.add("names")
        return len(self.inner)


class _Resolver:
    """The resolver, writing down each wikilink resolved, heading and file name looked up;
    any other use of it is a use of the whole."""

    def __init__(self, watch: Watch, inner: Resolver) -> None:
        self._watch, self._inner = watch, inner
        self.notes = _Notes(watch, inner.notes)

    def _asked(self, what: str, *asked: Any) -> Any:
        found = getattr(self._inner, what)(*asked)
        self._watch.lookups.answers[what, asked] = found
        return found

    def resolve(self, target: str) -> Any:
        return self._asked("resolve", target)

    def heading(self, target: Any, heading: str) -> Any:
        return self._asked("heading", target, heading)

    def contact(self, target: str) -> Any:
        return self._asked("contact", target)

    def file_named(self, text: str) -> Any:
        return self._asked("file_named", text)

    def __getattr__(self, name: str) -> Any:
        self._watch.lookups.whole.add("names")
        return getattr(self._inner, name)
