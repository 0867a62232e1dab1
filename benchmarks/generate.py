"""Write a seeded, realistic journal of N contacts and 10·N entries, for benchmarks.

    .venv/bin/python benchmarks/generate.py N OUT

OUT must be a new or empty folder: this is a benchmark fixture, never a user's journal, so
the script refuses to write anywhere else. The same N gives the same bytes every time.

A decade of networking, ending shortly after the pinned `today` (mkdocs.yml's
`today: 2026-11-23`): every key of the format appears (sources and `referred_by`,
`introduced_by` chains, opportunities with values, follow-ups open, done and overdue,
cadences, needs and offers, tags, aliases, birthdays with and without a year, events and
`met_at`, plans after today, private records, referrals and introductions, wikilinks in
notes and keys, a few daily notes without front matter), in roughly the proportions of the
sample journal.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 11, 23)
FIRST_DAY = date(2016, 12, 1)  # ten years of entries
LAST_DAY = TODAY + timedelta(days=60)  # plans after today
ENTRIES_PER_CONTACT = 10


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words(
    "Maria James Priya Tom Linda Kevin Anita David Sofia Lucas Emma Noah Olivia Liam Ava "
    "Mateo Chloe Ethan Mia Amir Fatima Yuki Hiro Chen Wei Ling Jose Lea Zoe Hans Ingrid Lars "
    "Nadia Omar Ravi Sunita Kwame Ama Chidi Ngozi Dmitri Olga Pavel Marta Jakub Eva Pierre "
    "Camille Giulia Marco Aisha Yusuf Elif Mehmet Sara Jonas Freya Nils Rosa Diego Lucia "
    "Tariq Layla Kofi Esi Min Jin Hana Sven Astrid Bjorn Malia Keoni Ana Tiago Ines Rui Leila"
)
LAST = _words(
    "Chen Okafor Shah Brandt Hargrove Sharma Alvarez Jensen Kim Nguyen Garcia Muller Rossi "
    "Dubois Novak Kowalski Ivanova Petrov Haddad Mansour Tanaka Sato Suzuki Li Wang Zhang "
    "Osei Mensah Adeyemi Eze Johansson Lindqvist Hansen Berg Dahl Costa Silva Santos Ferreira "
    "Moreau Laurent Bianchi Romano Greco Weber Fischer Schneider Wagner Becker Hoffmann "
    "Schulz Koch Richter Klein Wolf Neumann Schwarz Zimmermann Braun Kruger Hartmann Lange "
    "Werner Krause Meier Lehmann Schmid Schulze Maier Kohler Herrmann Konig Walter Mayer "
    "Huber Kaiser Fuchs Peters Lang Scholz Moller Weiss Jung Hahn Vogel Friedrich Keller "
    "Gunther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Ludwig Winter "
    "Simon Kraus Martin Schumacher Vogt Stein Jager Otto Sommer Gross Seidel Heinrich"
)
# Names as people write them, accents and all; their slugs are plain ASCII.
ACCENTED = {"Jose": "José", "Lea": "Léa", "Zoe": "Zoë", "Muller": "Müller", "Bjorn": "Björn"}
COMPANIES = [
    f"{a} {b}"
    for a in ("North", "Harbor", "Cedar", "Summit", "River", "Oak")
    for b in (
        "Partners",
        "Law",
        "Dental",
        "Realty",
        "Insurance",
        "Design",
        "Bakery",
        "Consulting",
        "Print & Sign",
        "IT Services",
        "Home Care",
        "Builders",
    )
]
TITLES = [
    "Owner",
    "Founder",
    "Director",
    "Partner",
    "Office manager",
    "CFO",
    "Sales lead",
    "Broker",
    "Consultant",
    "Head of operations",
]
LOCATIONS = ["Millbrook", "Eastfield", "Riverside", "Old Town", "Harbor District", "Westgate"]
TAGS = [
    "bni",
    "chamber",
    "client",
    "prospect",
    "lawyer",
    "realtor",
    "tech",
    "healthcare",
    "family-business",
    "nonprofit",
    "speaker",
    "C++",
    "CEO",
    "golf",
    "volunteer",
]
SOURCES = [
    "referral",
    "network-referral",
    "self-referral",
    "marketing-response",
    "reputation-response",
]
RELATIONSHIPS = ["client", "prospect", "referral-partner", "connector", "colleague", "friend"]
CADENCES = ["2w", "30d", "1m", "3m", "6m", "1y", "weekly", "monthly", "quarterly", "yearly"]
NEEDS = [
    "Families with a small business who have no will",
    "Good caregivers",
    "Introductions to landlords",
    "A bookkeeper who answers the phone",
    "Clients planning to sell their business",
    "Speakers for the spring breakfast",
]
OFFERS = [
    "Estate planning for business owners",
    "Payroll done right",
    "Commercial leases reviewed",
    "Websites for trades",
    "Home insurance reviews",
    "Office printing at short notice",
]
KINDS = ["coffee", "call", "meeting", "one-to-one", "email", "message", "meal", "event", "note"]
WORDS = _words(
    "we talked about the year ahead and how referrals keep coming from the same few people "
    "she wants to grow the practice without hiring yet he mentioned a client who needs help "
    "with payroll and quarterly taxes next steps are a proposal and a short call in two weeks "
    "the breakfast was busy and the speaker was good on trust and follow through promised to "
    "send the checklist and an introduction to someone who fixes websites for small firms"
)
STAGES = ["visibility", "credibility", "profitability"]


class Writer:
    """The journal's files, decided by one seeded random generator in a fixed order."""

    def __init__(self, contacts: int) -> None:
        self.rng = random.Random(contacts * 7919 + 12)
        self.count = contacts
        self.people = self._people(contacts)
        self.slugs = [slug for slug, _ in self.people]
        self.days = self._entry_days(contacts * ENTRIES_PER_CONTACT)
        self.events = [n for n, day in enumerate(self.days) if n % 23 == 0]

    def _people(self, count: int) -> list[tuple[str, str]]:
        pairs = [(first, last) for first in FIRST for last in LAST]
        self.rng.shuffle(pairs)
        people = []
        for index in range(count):
            first, last = pairs[index % len(pairs)]
            round_ = index // len(pairs)
            name = f"{ACCENTED.get(first, first)} {ACCENTED.get(last, last)}"
            slug = f"{first}-{last}".lower()
            if round_:  # more people than names: a middle initial, as in life
                initial = chr(ord("A") + round_ % 26)
                name = f"{ACCENTED.get(first, first)} {initial}. {ACCENTED.get(last, last)}"
                slug = f"{first}-{initial}-{last}".lower()
            people.append((slug, name))
        return people

    def _entry_days(self, count: int) -> list[date]:
        span = (LAST_DAY - FIRST_DAY).days
        # More entries in recent years, as a practice grows.
        return sorted(
            FIRST_DAY + timedelta(days=int(span * self.rng.random() ** 0.7)) for _ in range(count)
        )

    def entry_slug(self, n: int) -> str:
        day = self.days[n]
        if n % 997 == 5:
            return f"{day}"  # a daily note named by its date
        what = "event" if n in self._event_set else self.rng_pick(n, KINDS[:7])
        return f"{day}-{what}-{n:06d}"

    @property
    def _event_set(self) -> set[int]:
        if not hasattr(self, "_events"):
            self._events = set(self.events)
        return self._events

    def rng_pick(self, n: int, choices: list[str]) -> str:
        return choices[(n * 2654435761) % len(choices)]  # a fixed choice per entry, no draw

    def words(self, low: int, high: int) -> str:
        count = self.rng.randint(low, high)
        text = " ".join(self.rng.choice(WORDS) for _ in range(count))
        return text[0].upper() + text[1:] + "."

    def note(self, paragraphs: int) -> str:
        parts = []
        for _ in range(paragraphs):
            sentences = [self.words(8, 20) for _ in range(self.rng.randint(2, 5))]
            if self.rng.random() < 0.5:
                sentences.append(f"Must tell {self.link()} about it.")
            parts.append(" ".join(sentences))
        return "\n\n".join(parts) + "\n"

    def link(self) -> str:
        slug, name = self.people[self.rng.randrange(self.count)]
        form = self.rng.random()
        if form < 0.5:
            return f"[[{slug}]]"
        if form < 0.8:
            return f"[[{name}]]"
        return f"[[{slug}|{name.split()[0]}]]"

    def contact(self, index: int) -> str:
        rng = self.rng
        slug, name = self.people[index]
        lines = [f"name: {name}"]
        if index % 7 == 3:
            lines.append(f"aliases: [{name.split()[0][:3]}{name.split()[-1][:1]}]")
        lines.append(f"company: {rng.choice(COMPANIES)}")
        lines.append(f"title: {rng.choice(TITLES)}")
        lines.append(f"location: {rng.choice(LOCATIONS)}")
        email = f"{slug}@example.com"
        lines.append(
            f"email: [{email}, {slug.replace('-', '.')}@home.example.org]"
            if index % 5 == 0
            else f"email: {email}"
        )
        lines.append(f'phone: "+1 555 {index % 10000:04d}"')
        if index % 4 == 0:
            lines.append(f"url: https://{slug}.example.com")
        lines.append(f"tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 3)))}]")
        met = self.days[rng.randrange(len(self.days))]
        lines.append(f"met: {min(met, TODAY)}")
        if index % 3 == 0 and self.events:
            lines.append(f"met_at: {self.entry_slug(rng.choice(self.events))}")
        elif index % 3 == 1:
            lines.append("met_at: The chamber's summer mixer")
        source = SOURCES[index % len(SOURCES)]
        if index and index % 4 == 1:  # chains: each introduced by someone met earlier
            lines.append(
                f'introduced_by: "[[{self.people[rng.randrange(index)][1]}]]"'
                if index % 8 == 1
                else f"introduced_by: {self.slugs[rng.randrange(index)]}"
            )
        lines.append(f"source: {source}")
        if source == "referral" and index:
            lines.append(f"referred_by: {self.slugs[rng.randrange(index)]}")
        lines.append(f"relationship: {rng.choice(RELATIONSHIPS)}")
        if index % 3 != 2:
            lines.append(f"cadence: {rng.choice(CADENCES)}")
        if index % 2 == 0:
            lines.append("opportunities:")
            for number in range(rng.randint(1, 3)):
                status = rng.choice(["open", "won", "won", "lost"])
                day = self.days[rng.randrange(len(self.days))]
                lines.append(
                    f"  - {{title: Work {number + 1} for {name.split()[-1]}, date: {day}, "
                    f"status: {status}, value: {rng.randint(3, 150) * 100}}}"
                )
        if index % 6 == 0:
            lines.append("follow_ups:")
            due = TODAY + timedelta(days=rng.randint(-40, 40))
            done = "true" if due < TODAY - timedelta(days=20) else "false"
            lines.append(
                f"  - {{what: Send {name.split()[0]} the year-end checklist, "
                f"due: {due}, done: {done}}}"
            )
        if index % 5 == 2:
            lines.append(f"birthday: {date(1950 + index % 50, 1 + index % 12, 1 + index % 28)}")
        elif index % 5 == 4:
            lines.append(f'birthday: "--{1 + index % 12:02d}-{1 + index % 28:02d}"')
        if index % 3 == 0:
            lines.append(f"needs: [{rng.choice(NEEDS)}]")
            lines.append(f"offers: [{rng.choice(OFFERS)}]")
        if index % 50 == 7:
            lines.append(f"stage: {rng.choice(STAGES)}")
        if index % 50 == 11:
            lines.append("private: true")
        return "---\n" + "\n".join(lines) + "\n---\n" + self.note(rng.randint(1, 3))

    def entry(self, n: int) -> str:
        rng = self.rng
        day = self.days[n]
        slug = self.entry_slug(n)
        if slug == f"{day}":  # a daily note: all notes, its links count as touches
            return f"# Notes of the day\n\nCalled {self.link()} and met {self.link()}.\n"
        event = n in self._event_set
        lines = []
        if n % 4 == 0:
            lines.append(f"date: {day} {8 + n % 10:02d}:{(n * 5) % 60:02d}")
        else:
            lines.append(f"date: {day}")
        if n % 3 == 0:
            lines.append(f"title: {'Breakfast at the chamber' if event else 'Catch-up'} {n}")
        lines.append(f"kind: {'event' if event else self.rng_pick(n, KINDS[:7])}")
        people = rng.sample(self.slugs, min(self.count, 8 if event else rng.randint(1, 3)))
        if n % 10 == 1:
            people[0] = f'"[[{self.people[self.slugs.index(people[0])][1]}]]"'
        lines.append(f"with: [{', '.join(people)}]")
        if n % 5 == 0:
            lines.append(f"tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 2)))}]")
        if n % 3 == 0:
            lines.append("follow_ups:")
            for number in range(rng.randint(1, 2)):
                due = day + timedelta(days=rng.randint(3, 30))
                if due < TODAY - timedelta(days=30) and rng.random() < 0.9:
                    done = f"done: {due - timedelta(days=1)}" if number else "done: true"
                else:
                    done = "done: false"
                who = f", who: {rng.choice(self.slugs)}" if number else ""
                lines.append(
                    f"  - {{what: Follow up on item {n}-{number}, due: {due}{who}, {done}}}"
                )
        if n % 17 == 0:
            lines.append("referrals:")
            direction = "given_to" if n % 2 else "received_from"
            other = rng.choice(self.slugs)
            if other == people[0]:  # never the person the referral is given to or from
                other = self.slugs[(self.slugs.index(other) + 1) % self.count]
            prospect = other if n % 3 else "A neighbour of hers"
            lines.append(
                f"  - {{{direction}: {people[0].strip(chr(34))}, prospect: {prospect}, "
                f"note: needs help, value: {rng.randint(5, 90) * 100}, "
                f"status: {rng.choice(['open', 'won', 'lost'])}}}"
            )
        if n % 29 == 0 and self.count > 1:
            first, second = rng.sample(self.slugs, 2)
            lines.append(f"introductions:\n  - [{first}, {second}]")
        if n % 50 == 13:
            lines.append("private: true")
        return "---\n" + "\n".join(lines) + "\n---\n" + self.note(rng.randint(1, 2))


MKDOCS_YML = f"""\
site_name: A generated journal
theme:
  name: material
plugins:
  - search
  - netjournal:
      today: {TODAY}
markdown_extensions:
  - tables
  - attr_list
  - toc:
      permalink: true
"""


def write_journal(contacts: int, out: Path) -> int:
    """Write the journal of `contacts` contacts into `out` (new or empty); the files written."""
    if contacts < 1:
        raise SystemExit("N must be at least 1")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SystemExit(f"{out} is not a new or empty folder: give a folder to create")
    writer = Writer(contacts)
    (out / "contacts").mkdir(parents=True)
    written = 0
    # Entries first (the contacts' met_at name events), each year in its own folder.
    entries = [writer.entry(n) for n in range(len(writer.days))]
    for n, text in enumerate(entries):
        folder = out / "journal" / str(writer.days[n].year)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{writer.entry_slug(n)}.md").write_text(text, encoding="utf-8")
        written += 1
    for index, (slug, _) in enumerate(writer.people):
        (out / "contacts" / f"{slug}.md").write_text(writer.contact(index), encoding="utf-8")
        written += 1
    (out / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return written


def main(arguments: list[str]) -> None:
    if len(arguments) != 2 or not arguments[0].isdigit():
        raise SystemExit(__doc__)
    written = write_journal(int(arguments[0]), Path(arguments[1]))
    print(f"{written} files written in {arguments[1]}")


if __name__ == "__main__":
    main(sys.argv[1:])
