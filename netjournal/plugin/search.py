"""Search that folds accents: "jose" finds "José", "orsted" finds "Ørsted".

Material's search worker builds its lunr index from the fields that `search_index.json`
names in `config.fields`, so each document whose title or text has letters with accents gets
a folded copy of it in fields of its own, weighted like the original. Results still show
the original title and text; Material highlights the words it finds there.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

FOLDED = {"title": "title_folded", "text": "text_folded"}

# Letters that Unicode does not decompose into a base letter and a mark.
_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae"}
    | {"Æ": "AE", "œ": "oe", "Œ": "OE", "\u0131": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)


def fold(text: str) -> str:
    """`text` without accents: each letter reduced to its base letter (é → e, ø → o)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_search_index(site_dir: Path) -> None:
    """Add the folded fields to the site's `search/search_index.json`, if it has one."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    fields = index.get("config", {}).get("fields")
    if not isinstance(fields, dict):
        return  # MkDocs' own search (another theme): its worker reads no fields from here
    for field, folded in FOLDED.items():
        if field in fields:
            fields[folded] = fields[field]
    for document in index.get("docs", []):
        for field, folded in FOLDED.items():
            value = document.get(field)
            if isinstance(value, str) and fold(value) != value:
                document[folded] = fold(value)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
