"""One person named twice where once is meant: a warning, and the person counted once.

`with: [jane, jane]`, an introduction of someone to themselves, a referral given to the
prospect themselves, and circles of `referred_by` or `introduced_by`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from netjournal.diagnostics import Problem
from netjournal.model import Contact, ContactRef, Person
from netjournal.read.fields import Fields


def once_each(f: Fields, key: str, slugs: tuple[str, ...], indexes: tuple[int, ...]) -> list[str]:
    """`slugs` (the items `indexes` of the list at `key`) without repeats, each repeat warned."""
    first: dict[str, int] = {}
    for slug, index in zip(slugs, indexes, strict=True):
        if slug in first:
            f.report_item(
                "NJ140",
                f"{key}: {slug} is listed twice (first as item {first[slug] + 1}): "
                "remove one; they are counted once",
                key,
                index,
            )
        else:
            first[slug] = index
    return list(first)


def introduction_kept(
    f: Fields, pair: tuple[str, str], index: int, seen: set[frozenset[str]]
) -> bool:
    """Whether the pair of `introductions` item `index` is two people, not introduced before."""
    first, second = pair
    if first == second:
        f.report_item(
            "NJ141",
            f"introductions: item {index + 1} introduces {first} to themselves: name the "
            "two people you introduced to each other",
            "introductions",
            index,
        )
        return False
    if frozenset(pair) in seen:
        f.report_item(
            "NJ140",
            f"introductions: {first} and {second} are listed twice: remove one; the "
            "introduction is counted once",
            "introductions",
            index,
        )
        return False
    seen.add(frozenset(pair))
    return True


def prospect_kept(item: Fields, partner: str | None, prospect: Person | None) -> Person | None:
    """The referral's prospect, or None (warned) when it is the partner themselves."""
    if not isinstance(prospect, ContactRef) or prospect.slug != partner:
        return prospect
    key = "given_to" if "given_to" in item else "received_from"
    item.report(
        "NJ141",
        f"prospect: {prospect.slug} is also the referral's {key}: name the person who was "
        f"referred as the prospect; the referral is kept without one",
        "prospect",
    )
    return None


_OTHER_WAY = {"introduced_by": "was met another way", "referred_by": "came another way"}


def circles(
    contacts: Mapping[str, Contact],
    key: Literal["introduced_by", "referred_by"],
    places: Mapping[str, tuple[int, int]],
    code: str,
) -> list[Problem]:
    """A warning for each circle of `key` (A by B, B by A…), once, at its first contact.

    `places` gives the line and column of each contact's `key`. Each contact is walked
    past once, so a chain of 10,000 referrals costs 10,000 steps, not 50 million.
    """
    problems = []
    order = {slug: number for number, slug in enumerate(contacts)}
    walked: set[str] = set()
    for start in contacts:
        path: dict[str, int] = {}  # slug → its place on this walk
        current: str | None = start
        while current is not None and current in contacts:
            if current in walked or current in path:
                break
            path[current] = len(path)
            current = getattr(contacts[current], key)
        walked.update(path)
        if current is not None and current in path and len(path) - path[current] > 1:
            ring = list(path)[path[current] :]
            first = min(ring, key=order.__getitem__)
            ring = ring[ring.index(first) :] + ring[: ring.index(first)]
            loop = " → ".join([*ring, first])
            problems.append(
                Problem(
                    code,
                    contacts[first].path,
                    f"{key} goes round in a circle: {loop}: someone in it {_OTHER_WAY[key]}; "
                    f"correct that person's '{key}'",
                    *places.get(first, (1, 1)),
                )
            )
    return problems
