"""The files of a new journal, as `netjournal init` writes them: which paths, and their text.

Pure: nothing here touches the disk. The example contact and entry go through the same
writer as every record netjournal creates, so they read back without a single problem, and
they are dated from `today` so that the first site shows a recent coffee and a follow-up due.
"""

from __future__ import annotations

from datetime import date, timedelta

from netjournal.options import EMPTY_DOCS_DIR
from netjournal.write.front_matter import contact_text, entry_text

EXAMPLE_NAME = "Alex Example"
EXAMPLE_SLUG = "alex-example"
FOLLOW_UP_DAYS = 7  # the example follow-up is due a week after the coffee

# The sample journal's look: tabs, and a light/dark toggle in indigo, which passes WCAG AA
# contrast in both schemes. No `today:`, so the site judges what is overdue by the real date.
MKDOCS_YML = f"""\
site_name: My networking journal
# Pages of your own (optional) go in a docs/ folder beside this file. Git keeps no empty
# folder, so until docs/ exists netjournal lends MkDocs an empty one from elsewhere.
docs_dir: {EMPTY_DOCS_DIR}

theme:
  name: material
  features:
    - navigation.tabs
    - navigation.indexes
    - search.highlight
  palette:  # light or dark as the computer is set; both pass WCAG AA contrast
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      toggle:
        icon: material/weather-night
        name: Dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      toggle:
        icon: material/weather-sunny
        name: Light mode

plugins:
  - search
  - netjournal

markdown_extensions:
  - tables
  - attr_list
  - toc:
      permalink: true
"""

# The built site, and the folders `netjournal build` uses beside it while it swaps them.
GITIGNORE = """\
# The built site: `netjournal build` makes it again from contacts/ and journal/
/site/
# The public site, as the README builds it (netjournal build --public -d public)
/public/
/.site.new-*/
/.site.old-*/
# What `check` and `due` keep between runs to read faster (it ignores itself too)
/.netjournal-cache/
"""


def starter_files(today: date) -> dict[str, str]:
    """`{path inside the journal: text}` for a new journal whose example coffee is `today`.

    mkdocs.yml, .gitignore, one example contact and one example entry, in the order they
    are written. No docs/: git would not keep it empty, and the journal builds without it.
    """
    entry_path, entry = _example_entry(today)
    return {
        "mkdocs.yml": MKDOCS_YML,
        ".gitignore": GITIGNORE,
        f"contacts/{EXAMPLE_SLUG}.md": _example_contact(today),
        entry_path: entry,
    }


def _example_contact(today: date) -> str:
    fields = {
        "name": EXAMPLE_NAME,
        "company": "Example & Co",
        "title": "Founder",
        "email": ["alex@example.com"],
        "tags": ["example"],
        "met": today,
        "source": "self-referral",
        "relationship": "prospect",
        "cadence": "monthly",
        "needs": ["An introduction to a good bookkeeper"],
        "offers": ["Knows everyone in the local business association"],
    }
    body = (
        "An example contact, so that your first site has someone in it: edit this file, or "
        "delete it (and the coffee in journal/) once you have added your own people.\n\n"
        "Write what you learn about a person here, in Markdown: who referred them, what they "
        "need, what they offer, and what you promised."
    )
    return contact_text(EXAMPLE_SLUG, fields, body)


def _example_entry(today: date) -> tuple[str, str]:
    slug = f"{today.isoformat()}-coffee-with-{EXAMPLE_SLUG}"
    fields = {
        "date": today,
        "title": f"Coffee with {EXAMPLE_NAME}",
        "kind": "coffee",
        "with": [EXAMPLE_SLUG],
        "follow_ups": [
            {
                "what": f"Send {EXAMPLE_NAME.split()[0]} the name of a good bookkeeper",
                "due": today + timedelta(days=FOLLOW_UP_DAYS),
                "who": EXAMPLE_SLUG,
            }
        ],
    }
    body = (
        "An example entry: one file per meeting, call or event (`netjournal log` writes one "
        "for you). Mark the follow-up done with `netjournal done bookkeeper`, or by adding "
        "`done: true` (or the date you did it) under it, and the dashboard stops listing "
        "it.\n\n"
        "Alex asked for a bookkeeper and offered introductions in return: a referral or an "
        "introduction is the start of most networking relationships."
    )
    text = entry_text(slug, fields, body, contacts=(EXAMPLE_SLUG,))
    return f"journal/{today.year}/{slug}.md", text
