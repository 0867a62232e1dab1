"""Whether a record is private, for a public build: a flag that cannot be read is an error."""

from __future__ import annotations

from netjournal.diagnostics import did_you_mean, fold
from netjournal.read.fields import Fields
from netjournal.read.values import quoted


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
        key
        for key in f.data
        if isinstance(key, str)
        and key != "private"
        and (fold(key).replace("-", "") == "private" or did_you_mean(key, ["private"]))
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
