"""How names are compared: one normalisation, used when a name is stored and when it is asked.

The register keeps, beside each name as typed, a *key*: lower case, accents and special letters
folded (é -> e, ı -> i, ß -> ss, ø -> o), only letters and spaces, and the last name without its
tussenvoegsel ("van der Berg" -> "berg", "de Vries" -> "vries"), so that "Yılmaz" finds
"Yilmaz" and "Berg" finds "van den Berg". PostgreSQL's `unaccent` folds the same letters, but it
is not IMMUTABLE and so cannot feed an index; the key is computed here once and indexed with
pg_trgm (GIN, `gin_trgm_ops`). `tests/persons/test_search.py` checks that this folding agrees
with `lower(unaccent(...))` for the names the matcher is measured on.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose into a base letter and an accent.
SPECIAL = str.maketrans(
    {
        "ı": "i",
        "İ": "i",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "þ": "th",
        "ð": "d",
    }
)

# Dutch (and a few other) tussenvoegsels; a last name is compared without them.
PREFIXES = {
    "van",
    "de",
    "der",
    "den",
    "het",
    "ter",
    "ten",
    "te",
    "t",
    "in",
    "op",
    "aan",
    "la",
    "le",
    "du",
    "da",
    "di",
    "del",
    "dos",
    "el",
    "von",
    "vd",
}

_NOT_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, accents and special letters folded, only a-z and single spaces."""
    text = (text or "").translate(SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("'", "").replace("-", " ")
    text = _NOT_LETTERS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def last_name_key(last_name: str) -> str:
    """The last name without its tussenvoegsel: "van der Berg" -> "berg"."""
    words = fold(last_name).split()
    while len(words) > 1 and words[0] in PREFIXES:
        words = words[1:]
    return " ".join(words)


def first_name_key(first_name: str) -> str:
    return fold(first_name)


def clean_bsn(value: str) -> str:
    """Nine digits as typed with spaces or dots removed ("1234.56.782" -> "123456782")."""
    return "".join(ch for ch in (value or "") if not ch.isspace() and ch not in ".-")
