"""A cell of an adopted plan as the plan keeps it, and what the cell readers share.

``clean`` (outer spaces off, non-breaking spaces plain) and ``capitalize``; the
bullets people start lines with and the small words inside names and labels, for
the readers beside this module: ``calendars``, ``indicators``, ``people`` (lead
and partners) and ``ids``. Pure functions: text in, values out.
"""

from __future__ import annotations

import re
import unicodedata

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣➢➤►▸✓✔→–—]|\d{1,2}[).]|[a-z][)])\s*")
_PREPOSITIONS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "au", "aux", "a",
                           "à", "en", "pour", "par", "sur", "et", "ou", "avec", "dans"})


def capitalize(name: str) -> str:
    """The name with its first letter upper-case (``habitants`` -> ``Habitants``)."""
    return name[:1].upper() + name[1:] if name[:1].islower() else name


def clean(text: str) -> str:
    """A cell's text as the plan keeps it: outer spaces off, non-breaking spaces plain."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ")
    return "\n".join(line.strip() for line in text.strip().split("\n")).strip()
