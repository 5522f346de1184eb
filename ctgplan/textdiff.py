"""The word-level difference of two texts: how a sentence was reworded.

Texts are compared word by word, punctuation marks counting as words: a change of
line breaks or spaces (a YAML ``>-`` block re-wrapped) is not a change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Segment:
    """A run of words of a word-level diff: ``same``, ``removed`` or ``added``."""

    op: str
    text: str


_TOKEN = re.compile(r"\w[\w'’-]*|[^\w\s]")
"""A word (apostrophes and hyphens inside) or one punctuation mark."""


def _tokens(text: str, *, punctuation: bool = True) -> list[tuple[str, bool]]:
    """The words and punctuation marks of ``text``, each with whether a space precedes it.

    With ``punctuation=False``, the words are the runs of characters between spaces.
    """
    if not punctuation:
        return [(word, i > 0) for i, word in enumerate(text.split())]
    return [(m.group(), m.start() > 0 and text[m.start() - 1].isspace())
            for m in _TOKEN.finditer(text)]


def _same_text(old: str, new: str) -> bool:
    return [t for t, _s in _tokens(old)] == [t for t, _s in _tokens(new)]


def word_diff(old: str, new: str, *, punctuation: bool = True) -> tuple[Segment, ...]:
    """The word-level difference of two texts: runs of same, removed and added words.

    Punctuation marks count as words. A segment's text starts with a space when a
    space precedes it, so that the same and removed segments spell the old text and
    the same and added ones the new text (spaces normalised). ``punctuation=False``
    splits at spaces only, so that every segment starts and ends at a space (what
    markdown emphasis needs).
    """
    a, b = _tokens(old, punctuation=punctuation), _tokens(new, punctuation=punctuation)

    def spell(tokens: list[tuple[str, bool]]) -> str:
        return "".join((" " if space else "") + token for token, space in tokens)

    segments: list[Segment] = []
    matcher = SequenceMatcher(None, [t for t, _s in a], [t for t, _s in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", spell(b[j1:j2])))
            continue
        if i2 > i1:
            segments.append(Segment("removed", spell(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("added", spell(b[j1:j2])))
    return tuple(segments)
