"""Names as matching sees them: folded to plain letters, split into parts, and coded by sound.

Pure functions, no database. Referrers spell names as they hear them, forms drop accents, and
children are known by nicknames, so two names are compared as:

- the same, once folded ("Zoë" and "zoe", "O'Brien" and "OBrien");
- variants: a nickname, short form or other spelling in `name_variants.txt` (Jon / John,
  Mohammed / Muhammad);
- alike in sound: the same Soundex or Metaphone code (Jon / Jhon, Smith / Smyth);
- alike in spelling: close by Jaro-Winkler or one edit apart (Emily / Emliy).

`name_codes` gives the short codes that the search keys are built from: each name's own sound
code plus the sound code of every variant group it belongs to, so that "Jon" and "Jonathan"
share a key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import jellyfish
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

_NOT_LETTERS = re.compile(r"[^a-z]+")
_SEPARATORS = re.compile(r"[\s\-]+")
_VARIANTS_FILE = Path(__file__).with_name("name_variants.txt")

# Similar spelling: Jaro-Winkler at or above this, or one edit apart in a name of four or more
# letters. 0.88 lets through one typo in a short name ("Emliy") but not a different name of
# the same shape ("Ellie" / "Elsie" scores 0.87).
SIMILAR_SPELLING = 0.88


# Everything in ASCII that is not a lower-case letter, for str.translate to delete.
_DROP_ASCII = {code: None for code in range(128) if not "a" <= chr(code) <= "z"}


# Letters that Unicode does not decompose into a plain letter and an accent (Polish ł, Danish
# ø, German ß), spelt as an English form would spell them.
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "đ": "d"}
    | {"Đ": "D", "ı": "i", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"}
)


def fold(text: str) -> str:
    """Lower-case plain letters only: accents, apostrophes, hyphens and spaces removed."""
    if text.isascii():
        # The common case, and on the hot path of every search: no Unicode work needed.
        return text.lower().translate(_DROP_ASCII)
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_LETTERS.sub("", ascii_only)


def parts(text: str) -> list[str]:
    """The folded parts of a name: "Smith-Jones" is ["smith", "jones"], "Mary Ann" is two."""
    if not text:
        return []
    if " " not in text and "-" not in text and "\t" not in text:
        folded = fold(text)
        return [folded] if folded else []
    return [p for p in (fold(raw) for raw in _SEPARATORS.split(text.strip())) if p]


def name_forms(text: str) -> list[str]:
    """Every form a name may be searched by: the whole name and, for a double-barrelled or
    multi-part name, each part ("Smith-Jones" → smithjones, smith, jones)."""
    pieces = parts(text)
    if not pieces:
        return []
    whole = "".join(pieces)
    return [whole, *[p for p in pieces if p != whole]] if len(pieces) > 1 else [whole]


@lru_cache(maxsize=1)
def _variant_groups() -> dict[str, frozenset[str]]:
    """Folded name → the canonical names of the groups it belongs to."""
    groups: dict[str, set[str]] = {}
    for line in _VARIANTS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        names = [fold(word) for word in line.split()]
        canonical = names[0]
        for name in names:
            if name:
                groups.setdefault(name, set()).add(canonical)
    return {name: frozenset(canonicals) for name, canonicals in groups.items()}


def variant_groups(name: str) -> frozenset[str]:
    """The canonical names of the variant groups a folded name belongs to (often none)."""
    return _variant_groups().get(name, frozenset())


def are_variants(a: str, b: str) -> bool:
    """Two different folded names that a variant group says are used for one another."""
    return a != b and bool(variant_groups(a) & variant_groups(b))


@lru_cache(maxsize=65536)
def sound_code(name: str) -> str:
    """Soundex of a folded name: the first letter and three digits (Smith, Smyth: S530)."""
    return jellyfish.soundex(name) if name else ""


@lru_cache(maxsize=65536)
def metaphone(name: str) -> str:
    return jellyfish.metaphone(name) if name else ""


def sound_alike(a: str, b: str) -> bool:
    """Folded names that sound the same by Soundex or by Metaphone (Catherine / Katherine)."""
    if not a or not b or a == b:
        return False
    return sound_code(a) == sound_code(b) or metaphone(a) == metaphone(b)


def similar_spelling(a: str, b: str) -> bool:
    """Folded names one slip of the keyboard apart (Emily / Emliy, Jessica / Jesica)."""
    if not a or not b or a == b:
        return False
    if min(len(a), len(b)) >= 4 and DamerauLevenshtein.distance(a, b, score_cutoff=1) <= 1:
        return True
    return JaroWinkler.similarity(a, b) >= SIMILAR_SPELLING


@lru_cache(maxsize=65536)
def name_codes(name: str) -> frozenset[str]:
    """The sound codes a folded name is found by: its own, and its variant groups'."""
    if not name:
        return frozenset()
    return frozenset({sound_code(name), *(sound_code(c) for c in variant_groups(name))})


def codes_for(names: Iterable[str]) -> frozenset[str]:
    """Sound codes for every form of every name given (raw text, folded here)."""
    codes: set[str] = set()
    for text in names:
        for form in name_forms(text):
            codes |= name_codes(form)
    return frozenset(codes)
