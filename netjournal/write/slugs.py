"""File names from people's names, in any script: `Ørsted` → `orsted`, `李伟` → `li-wei`."""

from __future__ import annotations

from collections.abc import Collection

from slugify import slugify

MAX_SLUG = 80  # characters: file names stay readable and far below every file system's limit


def slug_for(name: str) -> str:
    """A lowercase ASCII slug, transliterated (python-slugify over text-unidecode).

    Stable: the same name always gives the same slug. Empty when the name has no letter or
    digit in any script (`!!!`), which the caller refuses.
    """
    return str(slugify(name, max_length=MAX_SLUG, word_boundary=True, save_order=True))


def free_slug(name: str, taken: Collection[str]) -> str:
    """`slug_for(name)`, or `jane-doe-2`, `jane-doe-3`… when that one is taken."""
    slug = slug_for(name)
    free, number = slug, 1
    while free in taken:
        number += 1
        free = f"{slug}-{number}"
    return free
