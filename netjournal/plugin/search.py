"""Search that folds accents and quotes: "jose" finds "José"; "o'brien" and "obrien" find
"O'Brien", which smarty writes with a curly apostrophe (U+2019).

Material's search worker builds its lunr index from the fields that `search_index.json`
names in `config.fields`, so each document whose title or text has letters with accents or
curly quotes (smarty curls every apostrophe) gets a folded copy of it in fields of its own,
weighted like the original. Results still show the original title and text; Material
highlights the words it finds there.

Curly apostrophes also separate words (`config.separator`), so that "brien" finds "O'Brien";
and the folded copy holds each word with an apostrophe a second time without it, so that
"obrien", typed as many people type names, finds it too.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from netjournal.queries.needs import BASE_LETTERS

FOLDED = {"title": "title_folded", "text": "text_folded"}

# Material's separator for English (and most languages); one the user chose is kept as it is.
MATERIAL_SEPARATOR = r"[\s\-]+"
# Curly apostrophes (smarty's, on the page) separate words too, so that "brien" finds
# "O'Brien"; a straight one, as people type it, does not: "o'brien" stays one word, which the
# folded fields hold, instead of becoming "o" and "brien", which would find too much.
SEPARATOR = r"[\s\-\u2018\u2019]+"

# Curly quotes made straight, and the letters Unicode does not decompose into a base letter
# and a mark (the ones the contacts' order sets aside too).
_LETTERS = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'} | BASE_LETTERS
)


# A word with an apostrophe inside it ("O'Brien", "don't"): from the start of a word only
# (the lookbehind), so each word is tried once and a long page is read in one pass.
_WORD_WITH_APOSTROPHE = re.compile(r"(?<!\w)\w+'\w[\w']*")


def fold(text: str) -> str:
    """`text` without accents and curly quotes: each letter reduced to its base letter
    (é → e, ø → o), curly single quotes (U+2018, U+2019) to ' and double ones to "."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def searchable(text: str) -> str:
    """`text` folded, and each word with an apostrophe repeated after it without one:
    "O'Brien" → "O'Brien OBrien", so that both spellings find it."""
    return _WORD_WITH_APOSTROPHE.sub(_both_spellings, fold(text))


def _both_spellings(word: re.Match[str]) -> str:
    return word.group() + " " + word.group().replace("'", "")


def fold_search_index(site_dir: Path) -> None:
    """Add the folded fields to the site's `search/search_index.json`, if it has one."""
    write_search_index(site_dir, [], [], {})


def write_search_index(
    site_dir: Path, built: list[str], pages: list[str], kept: Mapping[str, str]
) -> dict[str, str]:
    """Fold the site's `search/search_index.json` (if it has one), and put back the entries
    of the pages this build did not convert; returns each page's entries for the next build.

    The search plugin indexes only the pages a build converts (`built`, their urls): in a
    dirty build of `serve`, the others keep their entries from `kept` (`{page url: entries
    as JSON}`, as returned last time). The entries are in the order of `pages`, the urls of
    every page of the site, so a dirty build writes what a full one would.
    """
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return {}
    index = json.loads(path.read_text(encoding="utf-8"))
    documents = index.pop("docs", [])
    fields = index.get("config", {}).get("fields")
    if isinstance(fields, dict):  # Material's search: its worker reads the fields named here
        for field, folded in FOLDED.items():
            if field in fields:
                fields[folded] = fields[field]
        if index["config"].get("separator") == MATERIAL_SEPARATOR:
            index["config"]["separator"] = SEPARATOR
    fresh: dict[str, list[str]] = {}
    for document in documents:
        if isinstance(fields, dict):
            _fold(document)
        page = str(document.get("location", "")).partition("#")[0]
        fresh.setdefault(page, []).append(_compact(document))
    converted = set(built)
    entries = {
        page: ",".join(fresh[page]) if page in converted else kept.get(page, "") for page in pages
    }
    entries.update({page: ",".join(found) for page, found in fresh.items() if page not in entries})
    head = _compact(index)
    docs = ",".join(text for text in entries.values() if text)
    path.write_text(f'{head[:-1]}{"," if len(head) > 2 else ""}"docs":[{docs}]}}', "utf-8")
    return entries


def _fold(document: dict[str, object]) -> None:
    for field, folded in FOLDED.items():
        value = document.get(field)
        if isinstance(value, str) and searchable(value) != value:
            document[folded] = searchable(value)


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
