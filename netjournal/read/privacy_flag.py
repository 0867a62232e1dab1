"""Whether a record is private, for a public build: a flag that cannot be read is an error."""

from __future__ import annotations

from netjournal.diagnostics import did_you_mean, fold
from netjournal.read.fields import Fields
from netjournal.read.values import quoted

# Keys people write for "keep this out of public view" that netjournal does not read as such.
_MEANS_PRIVATE = frozenset({"privacy", "confidential", "hidden", "visibility", "secret", "public"})


def unreadable_privacy(f: Fields, public: bool) -> frozenset[str]:
    """For a public build, report (NJ120) an empty `private` and keys that look like it.

    A record whose privacy cannot be read must not be published. Returns the look-alike
    keys, already reported, so they are not also reported as unknown keys.
    """
    if not public:
        return frozenset()
    if "private" in f.data and f.data["private"] in (None, ""):
        f.report(
            "NJ120",
            "'private' is empty, so whether this record is private cannot be read, and a "
            "public build publishes nothing it cannot read: write 'private: true' or "
            "'private: false'",
            "private",
        )
    look_alikes = frozenset(
        key for key in f.data if isinstance(key, str) and key != "private" and _looks_private(key)
    )
    for key in sorted(look_alikes):
        f.report(
            "NJ120",
            f"key {quoted(key)} is not read as 'private' (keys are lowercase, without spaces), so "
            "whether this record is private cannot be read, and a public build publishes "
            "nothing it cannot read: write 'private: true' or 'private: false'",
            key,
            on_key=True,
        )
    return look_alikes


def _looks_private(key: str) -> bool:
    """Whether `key` may be meant as `private`: misspelt, capitalised, or a word like it."""
    folded = fold(key).replace("-", "")
    return "privat" in folded or folded in _MEANS_PRIVATE or bool(did_you_mean(key, ["private"]))
