"""Calendars and dates of an adopted plan as people write them.

``2026 à 2028``, ``Dès 2025``, ``S2 2025``, ``Tout au long de la CTG``,
spreadsheet dates; the plan period in a title (``CTG 2025-2028``); an adoption
date (``24 novembre 2025``). Pure functions: text in, values out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctgplan.fold import fold
from ctgplan.model import YearSpan

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?\b")
_DMY_DATE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](\d{4})\b|\b\d{1,2}[/.](\d{4})\b")
_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?![\d,]|\.\d)")
_WHOLE_PERIOD = re.compile(
    r"tout au long|toute la duree|duree de la (?:ctg|convention)|sur la duree|en continu|"
    r"permanent|pluriannuel|chaque annee|tous les ans|annuel")
_FROM = re.compile(r"\b(?:des|a partir d|a compter d|depuis|debut)\w*")
_UNTIL = re.compile(r"\b(?:jusqu|d ici|d'ici|avant|au plus tard)\b")


@dataclass(frozen=True)
class Calendar:
    """A calendar read from a cell: the years, and whether that reading is a guess."""

    span: YearSpan | None
    guess: bool


def read_calendar(text: str, period: YearSpan | None) -> Calendar:
    """The years a calendar cell means; ``span`` None when it names no year.

    ``2026`` and ``2026 à 2028`` are read as written; anything else (``Dès 2025``,
    ``S2 2025``, ``Tout au long de la CTG``, a date) is a guess the report shows.
    """
    folded = fold(text)
    if re.fullmatch(r"\s*(?:19|20)\d{2}\s*", folded):
        year = int(folded)
        return Calendar(YearSpan(year, year), False)
    plain = re.fullmatch(r"\s*((?:19|20)\d{2})\s*(?:-|à|a|au|–|/)\s*((?:19|20)\d{2})\s*",
                         text.strip())
    if plain:
        start, end = sorted((int(plain.group(1)), int(plain.group(2))))
        return Calendar(YearSpan(start, end), False)
    cleaned = _ISO_DATE.sub(lambda m: m.group(1), folded)
    cleaned = _DMY_DATE.sub(lambda m: m.group(1) or m.group(2), cleaned)
    years = sorted({int(y) for y in _YEAR.findall(cleaned)})
    if not years:
        if period is not None and _WHOLE_PERIOD.search(folded):
            return Calendar(period, True)
        return Calendar(None, True)
    start, end = years[0], years[-1]
    if len(years) == 1 and period is not None:
        if _FROM.search(cleaned) and period.end > start:
            end = period.end
        elif _UNTIL.search(cleaned) and period.start < start:
            start = period.start
    return Calendar(YearSpan(start, end), True)


def years_in(text: str) -> list[int]:
    """Every year written in ``text`` (dates included), in order."""
    cleaned = _ISO_DATE.sub(lambda m: m.group(1), text)
    cleaned = _DMY_DATE.sub(lambda m: m.group(1) or m.group(2), cleaned)
    return [int(y) for y in _YEAR.findall(cleaned)]


_PERIOD_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:-|–|/|à|a|au)\s*((?:19|20)\d{2})(?!\d)")


def period_in(text: str) -> YearSpan | None:
    """A period written in a title (``CTG 2025-2028``), if any."""
    found = _PERIOD_RE.search(text)
    if not found:
        return None
    start, end = int(found.group(1)), int(found.group(2))
    return YearSpan(start, end) if start < end <= start + 10 else None


_MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
           "octobre", "novembre", "decembre")


def date_in(text: str) -> tuple[int, int, int] | None:
    """A date written in ``text`` (``24/11/2025``, ``2025-11-24``, ``24 novembre 2025``)."""
    found = re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b", text)
    if found:
        day, month, year = int(found.group(1)), int(found.group(2)), int(found.group(3))
        return (year, month, day) if _valid(year, month, day) else None
    found = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if found:
        year, month, day = (int(g) for g in found.groups())
        return (year, month, day) if _valid(year, month, day) else None
    folded = fold(text)
    found = re.search(r"\b(\d{1,2})(?:er)? (" + "|".join(_MONTHS) + r") (\d{4})\b", folded)
    if found:
        year, month, day = int(found.group(3)), _MONTHS.index(found.group(2)) + 1, \
            int(found.group(1))
        return (year, month, day) if _valid(year, month, day) else None
    return None


def _valid(year: int, month: int, day: int) -> bool:
    import datetime as dt

    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return 1900 < year < 2100
