"""Where each follow-up is written, and the short id that names it on the command line."""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from collections import Counter

from netjournal.model import ContactRef, EntryRef, FollowUp, Journal, Origin

MIN_ID = 5  # base32 characters: 33 million ids, so a collision in a real journal is rare


def all_follow_ups(journal: Journal) -> list[FollowUp]:
    """Every follow-up, open or done, from contacts and journal entries."""
    found = [f for contact in journal.contacts.values() for f in contact.follow_ups]
    return found + [f for entry in journal.entries for f in entry.follow_ups]


def origin_paths(journal: Journal) -> dict[Origin, str]:
    """The file of each contact and entry, relative to the journal's folder (`contacts/x.md`)."""
    paths: dict[Origin, str] = {EntryRef(e.slug): e.path for e in journal.entries}
    paths.update({ContactRef(c.slug): c.path for c in journal.contacts.values()})
    return paths


def follow_up_ids(journal: Journal) -> dict[FollowUp, str]:
    """A short id for every follow-up: a few characters of a hash of its file, what and due.

    The id depends on nothing else, so it stays the same from one run to the next and when
    other follow-ups are added, edited or done; only when two ids would start alike are
    they made longer, just enough to tell them apart. Done follow-ups keep theirs too.
    """
    paths = origin_paths(journal)
    seen: Counter[tuple[str, str, str]] = Counter()
    digests: dict[FollowUp, str] = {}
    for f in sorted(all_follow_ups(journal), key=lambda f: (paths[f.origin], f.line)):
        key = (paths[f.origin], f.what, f.due.isoformat())
        repeat = seen[key]  # the same promise written twice in one file: the 2nd gets its own
        seen[key] += 1
        text = "\n".join(key) + (f"\n{repeat}" if repeat else "")
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        digests[f] = base64.b32encode(digest).decode("ascii").lower().rstrip("=")
    lengths = _lengths(sorted(set(digests.values())))
    return {f: digest[: lengths[digest]] for f, digest in digests.items()}


def _lengths(ordered: list[str]) -> dict[str, int]:
    """For each of the sorted digests, the shortest length (at least MIN_ID) at which it
    starts unlike every other: only its neighbours in sorted order can start more alike."""
    lengths = {}
    for index, digest in enumerate(ordered):
        neighbours = ordered[max(0, index - 1) : index] + ordered[index + 1 : index + 2]
        common = max((_common(digest, other) for other in neighbours), default=0)
        lengths[digest] = max(MIN_ID, common + 1)
    return lengths


def _common(one: str, other: str) -> int:
    """How many characters `one` and `other` start with alike."""
    count = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        count += 1
    return count


def matching_follow_ups(ids: dict[FollowUp, str], typed: str) -> list[FollowUp]:
    """The follow-ups `typed` names: the one whose id it is, else those it gives words of.

    Every word typed must be a whole word of what the follow-up says, in any order, compared
    without case or accents (`resume zoe` finds `Envoyer le Résumé à Zoë`, `ale` does not
    find `Send Alex…`); when several match and one says exactly those words, it is meant.
    """
    key = typed.strip().casefold()
    by_id = [f for f, short in ids.items() if short == key]
    if by_id:
        return by_id
    words = _words(typed)
    found = [f for f in ids if words and set(words) <= set(_words(f.what))]
    exact = [f for f in found if _words(f.what) == words]
    return exact if len(exact) == 1 else found


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    """The words of `text`, without case or accents, punctuation set aside."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _WORD.findall(bare)
