"""Text folding for matching as people type: case, accents and apostrophes ignored."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "œ": "oe", "Œ": "oe",
                              "æ": "ae", "Æ": "ae"})
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of ``text`` ("Parentalité" -> "parentalite")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.casefold()).strip()


def words(text: str) -> list[str]:
    """The folded words of ``text``, punctuation dropped."""
    return _WORDS.findall(fold(text))


def signature(text: str) -> str:
    """A form that equates near-duplicate names: folded, no punctuation, no plural s/x."""
    return " ".join(w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in words(text))
