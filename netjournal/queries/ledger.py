"""The referral ledger: who sends you business, whom you owe one, and what it brought.

A referral group's "thank you for closed business" counts the won work a partner's referrals
brought you. Two records can say so: a referral written in a journal entry
(`received_from: maria-chen`, `status: won`, `value: 7200`) and, once the prospect became a
contact, that contact's won opportunities (`referred_by: maria-chen`). When both describe
the same person they are the same business, so it is counted once: the contact's won
opportunities, which are the record of what was actually won. A referral's own value counts
only when its prospect is not a contact with won work referred by the same partner.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from netjournal.model import ContactRef, Direction, Journal, JournalEntry, Referral, Status
from netjournal.queries.sources import opportunity_referrer, referral_ledger

# The kinds of entry that are a one-to-one, compared in lower case without spaces, hyphens,
# dots or colons: `one-to-one`, `One to one`, `1-2-1`, `121`, `1:1`, `1-to-1`, `one-on-one`.
ONE_TO_ONE_KINDS = frozenset({"onetoone", "121", "11", "1to1", "oneonone", "1on1"})


@dataclass(frozen=True)
class ClosedBusiness:
    """One piece of won work a partner brought you, and where it is written down."""

    client: str  # a contact's slug, or the prospect's words as typed
    value: Decimal
    from_referral: bool  # True: a referral's value; False: the client's won opportunities


@dataclass(frozen=True)
class PartnerLedger:
    """What went each way between you and one partner, and what their referrals brought."""

    partner: str  # a contact's slug, or the words as typed when it names no contact
    given: tuple[Referral, ...]
    received: tuple[Referral, ...]
    closed: tuple[ClosedBusiness, ...]

    @property
    def balance(self) -> int:
        """Referrals given minus received: below zero, you owe them one."""
        return len(self.given) - len(self.received)

    @property
    def closed_value(self) -> Decimal:
        return sum((c.value for c in self.closed), Decimal(0))


@dataclass(frozen=True)
class ReferralMonth:
    month: str  # `YYYY-MM`
    referrals: tuple[Referral, ...]  # oldest first

    @property
    def given(self) -> int:
        return sum(1 for r in self.referrals if r.direction is Direction.GIVEN)

    @property
    def received(self) -> int:
        return len(self.referrals) - self.given


@dataclass(frozen=True)
class ReferralLedger:
    """Every referral by month and by partner, with the totals a referral group counts."""

    months: tuple[ReferralMonth, ...]  # newest first
    partners: tuple[PartnerLedger, ...]  # busiest first
    introductions: int
    one_to_ones: int

    @property
    def given(self) -> int:
        return sum(len(p.given) for p in self.partners)

    @property
    def received(self) -> int:
        return sum(len(p.received) for p in self.partners)

    @property
    def value_received(self) -> Decimal:
        """The closed business all partners' referrals brought you."""
        return sum((p.closed_value for p in self.partners), Decimal(0))

    def partner(self, slug: str) -> PartnerLedger | None:
        return next((p for p in self.partners if p.partner == slug), None)


def is_one_to_one(entry: JournalEntry) -> bool:
    """Whether an entry's kind says it was a one-to-one, however it is spelt."""
    if entry.kind is None:
        return False
    folded = "".join(c for c in entry.kind.casefold() if c not in " -_.:/")
    return folded in ONE_TO_ONE_KINDS


def referral_ledger_of(journal: Journal, today: date) -> ReferralLedger:
    """The whole ledger as of `today`: one-to-ones dated after today are plans, not held."""
    months: dict[str, list[Referral]] = defaultdict(list)
    for entry in journal.entries:
        for referral in entry.referrals:
            months[f"{referral.date:%Y-%m}"].append(referral)
    both_ways = {balance.contact: balance for balance in referral_ledger(journal)}
    closed = closed_business(journal)
    partners = [
        PartnerLedger(
            p,
            both_ways[p].given if p in both_ways else (),
            both_ways[p].received if p in both_ways else (),
            tuple(closed.get(p, ())),
        )
        for p in set(both_ways) | set(closed)
    ]
    partners.sort(
        key=lambda p: (
            -(len(p.given) + len(p.received)),
            -p.closed_value,
            journal.name_of(p.partner),
        )
    )
    return ReferralLedger(
        months=tuple(ReferralMonth(m, tuple(months[m])) for m in sorted(months, reverse=True)),
        partners=tuple(partners),
        introductions=sum(len(e.introductions) for e in journal.entries if e.date <= today),
        one_to_ones=sum(1 for e in journal.entries if e.date <= today and is_one_to_one(e)),
    )


def closed_business(journal: Journal) -> dict[str, list[ClosedBusiness]]:
    """By partner, the won work their referrals brought, each client's work counted once."""
    found: dict[str, list[ClosedBusiness]] = defaultdict(list)
    from_contacts: set[tuple[str, str]] = set()  # (partner, client) already counted
    for contact in sorted(journal.contacts.values(), key=lambda c: c.name):
        won: dict[str, Decimal] = defaultdict(Decimal)
        for opportunity in contact.opportunities:
            partner = opportunity_referrer(opportunity, contact)
            if partner and opportunity.status is Status.WON:
                won[partner] += opportunity.value or Decimal(0)
        for partner, value in won.items():
            found[partner].append(ClosedBusiness(contact.slug, value, from_referral=False))
            from_contacts.add((partner, contact.slug))
    for entry in journal.entries:
        for referral in entry.referrals:
            if referral.direction is not Direction.RECEIVED or referral.status is not Status.WON:
                continue
            client = _client(referral)
            if (referral.contact, client) in from_contacts:
                continue  # the same business as the client's won opportunities
            value = referral.value or Decimal(0)
            found[referral.contact].append(ClosedBusiness(client, value, from_referral=True))
    return found


def _client(referral: Referral) -> str:
    prospect = referral.prospect
    if isinstance(prospect, ContactRef):
        return prospect.slug
    return prospect.text if prospect is not None else "someone"
