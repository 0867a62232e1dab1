"""Who brought whom: each contact's chain back to its origin, the forest, the top connectors.

A contact was brought by its `referred_by`, else its `introduced_by` (as on the contacts
index), so each person has at most one parent and the network is a forest. Two things could
make it loop, and neither does: a circle (A introduced by B, B by A, which the reader only
warns about) ends a chain where it comes back, and the forest starts such a circle at its
first member by name; and a parent that names no contact is a root shown by its words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from netjournal.model import Contact, Journal, Status

TOP_CONNECTORS = 5
REFERRED = "referred"
INTRODUCED = "introduced"


@dataclass(frozen=True)
class Step:
    """One link of a chain: `by` referred or introduced `whom`."""

    by: str  # a contact's slug, or the words as typed when it names no contact
    whom: str
    how: str  # REFERRED or INTRODUCED


@dataclass(frozen=True)
class Origin:
    """How a contact came to you, from the first person in the chain down to them."""

    steps: tuple[Step, ...]
    circular: bool = False  # the chain comes back to someone already in it, and stops there


@dataclass(frozen=True)
class Row:
    """One person in the forest's outline, under the person who brought them."""

    person: str
    depth: int  # 0 for a root
    how: str | None  # how the person above brought them; None for a root
    circle: bool = False  # a root chosen to start a circle, which has no true origin


@dataclass(frozen=True)
class Connector:
    """Someone who brought people to you, and the won work of those people (direct only)."""

    person: str
    people: tuple[str, ...]
    value_won: Decimal


@dataclass(frozen=True)
class Network:
    outline: tuple[Row, ...]  # every tree with at least one link, depth first
    alone: tuple[str, ...]  # contacts nobody brought who brought nobody yet, by name
    most_people: tuple[Connector, ...]
    most_business: tuple[Connector, ...]
    origins: Mapping[str, Origin]  # by contact slug; only contacts someone brought


def parent_of(contact: Contact) -> tuple[str, str] | None:
    """Who brought a contact and how: the referrer, else the introducer; never themselves."""
    if contact.referred_by and contact.referred_by != contact.slug:
        return contact.referred_by, REFERRED
    if contact.introduced_by and contact.introduced_by != contact.slug:
        return contact.introduced_by, INTRODUCED
    return None


def origin(journal: Journal, slug: str) -> Origin:
    """The chain that brought `slug`, oldest link first, stopping at a circle or a non-contact."""
    steps: list[Step] = []
    seen = {slug}
    current = journal.contacts.get(slug)
    while current is not None and (found := parent_of(current)) is not None:
        by, how = found
        steps.append(Step(by, current.slug, how))
        if by in seen:
            return Origin(tuple(reversed(steps)), circular=True)
        seen.add(by)
        current = journal.contacts.get(by)
    return Origin(tuple(reversed(steps)))


def network(journal: Journal, top: int = TOP_CONNECTORS) -> Network:
    """The whole forest of who brought whom, and who brought the most people and business."""
    parents = {
        c.slug: found for c in journal.contacts.values() if (found := parent_of(c)) is not None
    }
    children: dict[str, list[str]] = defaultdict(list)
    for slug, (by, _) in parents.items():
        children[by].append(slug)
    for kids in children.values():
        kids.sort(key=lambda s: (journal.name_of(s), s))

    def by_name(slugs: Iterable[str]) -> list[str]:
        return sorted(slugs, key=lambda s: (journal.name_of(s), s))

    roots = by_name(p for p in children if p not in parents)
    outline: list[Row] = []
    placed: set[str] = set()
    for root in roots:
        _grow(root, False, children, parents, placed, outline)
    for slug in by_name(parents):  # only circles are left: start each at its first by name
        if slug not in placed:
            first = min(_circle(slug, parents), key=lambda s: (journal.name_of(s), s))
            _grow(first, True, children, parents, placed, outline)
    alone = by_name(s for s in journal.contacts if s not in parents and s not in children)
    connectors = [_connector(journal, p, kids) for p, kids in children.items()]
    return Network(
        outline=tuple(outline),
        alone=tuple(alone),
        most_people=tuple(
            sorted(connectors, key=lambda c: (-len(c.people), journal.name_of(c.person)))[:top]
        ),
        most_business=tuple(
            sorted(
                (c for c in connectors if c.value_won > 0),
                key=lambda c: (-c.value_won, journal.name_of(c.person)),
            )[:top]
        ),
        origins=MappingProxyType(_origins(journal, parents)),
    )


def _origins(journal: Journal, parents: Mapping[str, tuple[str, str]]) -> dict[str, Origin]:
    """`origin` of everyone with a parent, each chain built on its parent's (linear, not
    one walk to the root per person), except in and below a circle, which walk on their own."""
    found: dict[str, Origin] = {}
    for slug in parents:
        path: list[str] = []  # walked up from `slug`, origins not known yet
        walked: set[str] = set()
        current = slug
        while current in parents and current not in found and current not in walked:
            path.append(current)
            walked.add(current)
            current = parents[current][0]
        above = found.get(current)
        if current in walked or (above is not None and above.circular):
            found.update((s, origin(journal, s)) for s in path)
            continue
        steps = above.steps if above is not None else ()
        for person in reversed(path):
            by, how = parents[person]
            steps = (*steps, Step(by, person, how))
            found[person] = Origin(steps)
    return found


def _grow(
    root: str,
    circle: bool,
    children: Mapping[str, list[str]],
    parents: Mapping[str, tuple[str, str]],
    placed: set[str],
    outline: list[Row],
) -> None:
    """Add `root` and everyone under it, depth first, each person once (no recursion)."""
    stack: list[tuple[str, int]] = [(root, 0)]
    while stack:
        person, depth = stack.pop()
        if person in placed:
            continue  # the link that closes a circle
        placed.add(person)
        how = parents[person][1] if depth else None
        outline.append(Row(person, depth, how, circle=circle and depth == 0))
        stack.extend((kid, depth + 1) for kid in reversed(children.get(person, [])))


def _circle(slug: str, parents: Mapping[str, tuple[str, str]]) -> list[str]:
    """The members of the circle that `slug`'s chain runs into."""
    seen: list[str] = []
    current = slug
    while current not in seen:
        seen.append(current)
        current = parents[current][0]
    return seen[seen.index(current) :]


def _connector(journal: Journal, person: str, people: list[str]) -> Connector:
    won = (
        o.value or Decimal(0)
        for slug in people
        for o in journal.contacts[slug].opportunities
        if o.status is Status.WON
    )
    return Connector(person, tuple(people), sum(won, Decimal(0)))
