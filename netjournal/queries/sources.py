"""Where clients came from: the five sources, who sends them, and referrals both ways."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from netjournal.model import Contact, Direction, Journal, Opportunity, Referral, Source, Status


@dataclass(frozen=True)
class SourceSummary:
    """The contacts and opportunities one source brought, and who brought them."""

    source: Source
    contacts: tuple[Contact, ...]
    opportunities: tuple[Opportunity, ...]
    top_referrers: tuple[tuple[str, int], ...]  # (contact slug, how many they brought)

    @property
    def won(self) -> tuple[Opportunity, ...]:
        return tuple(o for o in self.opportunities if o.status is Status.WON)

    @property
    def value_won(self) -> Decimal:
        return sum((o.value or Decimal(0) for o in self.won), Decimal(0))

    @property
    def value_open(self) -> Decimal:
        open_ = (o for o in self.opportunities if o.status is Status.OPEN)
        return sum((o.value or Decimal(0) for o in open_), Decimal(0))


def opportunity_source(opportunity: Opportunity, contact: Contact) -> Source | None:
    """An opportunity's own source, else its contact's."""
    return opportunity.source or contact.source


def brought_by(contact: Contact) -> str | None:
    """Who brought a contact to you: the referrer, else the introducer."""
    return contact.referred_by or contact.introduced_by


def opportunity_referrer(opportunity: Opportunity, contact: Contact) -> str | None:
    """Who referred an opportunity: its own `referred_by`, else its contact's."""
    return opportunity.referred_by or contact.referred_by


def source_summaries(journal: Journal, top: int = 5) -> list[SourceSummary]:
    """One summary per source, in the order of the Source enum."""
    contacts: dict[Source, list[Contact]] = defaultdict(list)
    opportunities: dict[Source, list[Opportunity]] = defaultdict(list)
    # Per source, the clients each person brought: a client referred by Tom whose work Tom
    # referred too counts once for Tom, not twice.
    brought: dict[Source, set[tuple[str, str]]] = defaultdict(set)
    for contact in journal.contacts.values():
        if contact.source:
            contacts[contact.source].append(contact)
            if brought_by(contact):
                brought[contact.source].add((brought_by(contact) or "", contact.slug))
        for opportunity in contact.opportunities:
            source = opportunity_source(opportunity, contact)
            if source:
                opportunities[source].append(opportunity)
                if opportunity.referred_by:  # credited on its own, beyond the contact
                    brought[source].add((opportunity.referred_by, contact.slug))
    referrers = {source: Counter(who for who, _ in pairs) for source, pairs in brought.items()}
    return [
        SourceSummary(
            source,
            tuple(sorted(contacts[source], key=lambda c: c.name.lower())),
            tuple(sorted(opportunities[source], key=_newest_first)),
            tuple(
                sorted(referrers.get(source, Counter()).items(), key=lambda r: (-r[1], r[0]))[:top]
            ),
        )
        for source in Source
    ]


def _newest_first(opportunity: Opportunity) -> tuple[int, str]:
    return (-(opportunity.date.toordinal() if opportunity.date else 0), opportunity.title)


@dataclass(frozen=True)
class ReferralBalance:
    """The referrals you gave a contact and received from them."""

    contact: str
    given: tuple[Referral, ...] = field(default=())
    received: tuple[Referral, ...] = field(default=())


def referral_totals(ledger: list[ReferralBalance]) -> tuple[int, int]:
    """How many referrals you gave and received, in all."""
    return sum(len(b.given) for b in ledger), sum(len(b.received) for b in ledger)


def referral_ledger(journal: Journal) -> list[ReferralBalance]:
    """Referral partners with what went each way, busiest first."""
    given: dict[str, list[Referral]] = defaultdict(list)
    received: dict[str, list[Referral]] = defaultdict(list)
    for entry in journal.entries:
        for referral in entry.referrals:
            side = given if referral.direction is Direction.GIVEN else received
            side[referral.contact].append(referral)
    partners = set(given) | set(received)
    ledger = [ReferralBalance(p, tuple(given[p]), tuple(received[p])) for p in partners]
    ledger.sort(key=lambda b: (-(len(b.given) + len(b.received)), journal.name_of(b.contact)))
    return ledger
