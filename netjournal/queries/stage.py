"""How far each relationship has come: visibility, credibility or profitability (VCP).

The referral-networking literature describes relationships passing from being known
(visibility) to being trusted (credibility) to giving and receiving business (profitability).
The record says which: business or a referral that has flowed either way means
profitability; enough touches mean credibility; anything less is visibility. A `stage` in the
contact's file overrides the record, for what the journal does not show.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from netjournal.model import Contact, Journal, Stage, Status
from netjournal.queries.sources import opportunity_referrer
from netjournal.queries.touches import touch_summaries

DEFAULT_CREDIBILITY_TOUCHES = 5  # the seed literature says 5 to 15 contacts


@dataclass(frozen=True)
class ContactStage:
    """A contact's stage, the one the record gives, and the touches that led there."""

    stage: Stage  # the file's `stage` when it sets one, else `derived`
    derived: Stage
    touches: int
    set_in_file: bool
    credibility_touches: int

    @property
    def next_step(self) -> str:
        """What would move the relationship on, as the record counts it."""
        if self.derived is Stage.VISIBILITY:
            left = self.credibility_touches - self.touches
            more = "1 more touch" if left == 1 else f"{left} more touches"
            return f"credibility after {more}; profitability once business or a referral flows"
        if self.derived is Stage.CREDIBILITY:
            return "profitability once business or a referral flows"
        return "business or a referral has flowed"


def stages(
    journal: Journal, today: date, credibility_touches: int = DEFAULT_CREDIBILITY_TOUCHES
) -> dict[str, ContactStage]:
    """Each contact's stage as of `today`, by slug.

    Profitability once a won opportunity is theirs or was referred by them, or a referral
    dated up to `today` was given to or received from them; credibility after
    `credibility_touches` touches up to `today`; visibility before. Plans (entries after
    `today`) count for nothing yet.
    """
    touched = touch_summaries(journal, today)
    flowed = set(_business_or_referrals(journal, today))
    found = {}
    for slug, contact in journal.contacts.items():
        count = touched[slug].count if slug in touched else 0
        if slug in flowed:
            derived = Stage.PROFITABILITY
        elif count >= credibility_touches:
            derived = Stage.CREDIBILITY
        else:
            derived = Stage.VISIBILITY
        found[slug] = ContactStage(
            contact.stage or derived, derived, count, contact.stage is not None, credibility_touches
        )
    return found


def _business_or_referrals(journal: Journal, today: date) -> Iterator[str]:
    """The slugs business or a referral has flowed with, either way (repeats allowed)."""
    for contact in journal.contacts.values():
        for opportunity in contact.opportunities:
            if opportunity.status is Status.WON:
                yield contact.slug
                referrer = opportunity_referrer(opportunity, contact)
                if referrer is not None:
                    yield referrer
    for entry in journal.entries:
        if entry.date <= today:
            yield from (referral.contact for referral in entry.referrals)


def by_stage(
    contacts: list[Contact], found: dict[str, ContactStage]
) -> dict[Stage, tuple[Contact, ...]]:
    """The contacts at each stage, in the order given, every stage present (maybe empty)."""
    return {stage: tuple(c for c in contacts if found[c.slug].stage is stage) for stage in Stage}
