"""Indicator cells of an adopted plan: split into indicators, each classed and given a unit.

Bullets, line breaks, `` - `` and ``;`` separate indicators; the wording says
whether one is quantitative or qualitative and which unit it counts in. Pure
functions: text in, values out.
"""

from __future__ import annotations

import re

from ctgplan.fold import fold
from ctgplan.importing.cells import _BULLET, _PREPOSITIONS

_DASH = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+")
_SEMICOLON = re.compile(
    r"\s*;\s*|,\s+(?=(?:nombre|nb|taux|part|pourcentage|proportion|satisfaction|perception|"
    r"[ée]volution|cr[ée]ation|montant)\b)", re.IGNORECASE)
_INDICATOR_HEADS = re.compile(r"(?<=\S)\s+(?=(?:Nombre|Nb|Taux|Pourcentage|Satisfaction)\b)")
_KIND_LABEL = re.compile(
    r"^\s*(?P<label>(?:indicateurs?\s+)?(?:quantitatifs?|qualitatifs?|quanti|quali))\s*:\s*",
    re.IGNORECASE)


def split_indicators(text: str) -> list[tuple[str, str | None]]:
    """The indicators of a cell, each with the kind its line announces, if any.

    Lines, bullets, `` - `` and ``;`` separate indicators; so does a capitalised
    ``Nombre``/``Taux`` in the middle of a line ("Nombre de X Nombre de Y").
    A line ``Quantitatif : ...`` gives its indicators that kind.
    """
    found: list[tuple[str, str | None]] = []
    kind: str | None = None
    for raw_line in text.split("\n"):
        label = _KIND_LABEL.match(raw_line)
        line = raw_line
        if label:
            kind = "qualitative" if "quali" in label.group("label").casefold() else \
                "quantitative"
            line = raw_line[label.end():]
        line = _BULLET.sub("", line)
        for part in _SEMICOLON.split(line):
            for piece in _DASH.split(part):
                for item in _split_heads(piece):
                    label_text = item.strip(" \t,.")
                    if label_text:
                        found.append((label_text, kind))
    return found


def _split_heads(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _INDICATOR_HEADS.finditer(text):
        before = text[start:match.start()].split()
        if before and fold(before[-1]).strip("'") in _PREPOSITIONS:
            continue
        pieces.append(text[start:match.start()])
        start = match.end()
    pieces.append(text[start:])
    return pieces


_QUALITATIVE = re.compile(
    r"\b(?:satisfaction|satisfactions|perception|ressenti|avis|appreciation|qualite|"
    r"sentiment|retours?|temoignages?|bilan qualitatif|implication|adhesion|dynamique|"
    r"evolution des pratiques|mieux[- ]etre|bien[- ]etre|impact|observations?|enquete)\b")
_QUANTITATIVE = re.compile(
    r"\b(?:nombre|nb|nbre|taux|part|pourcentage|proportion|montant|budget|cout|duree|delai|"
    r"frequentation|volume|effectifs?|creation|mise en place|ouverture|realisation|"
    r"elaboration|signature|existence|evolution du nombre)\b|%")
_PERCENT = re.compile(r"\b(?:taux|part|pourcentage|proportion)\b|%")
_NUMBER = re.compile(r"\b(?:montant|budget|cout|duree|delai|heures?|euros?)\b|€")
_MILESTONE = re.compile(
    r"^(?:creation|mise en place|ouverture|realisation|elaboration|signature|existence|"
    r"lancement|installation|redaction|publication|edition|validation|recrutement|"
    r"identification|obtention|labellisation|adoption)\b")


_DONE = re.compile(r"\b(?:publiee?s?|creee?s?|ouverte?s?|signee?s?|realisee?s?|mise? en place|"
                   r"installee?s?|recrutee?s?|validee?s?|adoptee?s?|elaboree?s?|lancee?s?)$")


def classify(label: str) -> tuple[str, bool]:
    """``quantitative`` or ``qualitative`` from the wording, and whether it is a guess.

    A label that says neither (no "nombre", no "satisfaction") is a guess.
    """
    folded = fold(label).replace("'", " ")
    qual = _QUALITATIVE.search(folded)
    quant = _QUANTITATIVE.search(folded)
    if quant and (not qual or quant.start() < qual.start()):
        return "quantitative", False
    if _DONE.search(folded) and not qual:
        return "quantitative", False
    if qual:
        return "qualitative", False
    return "quantitative", True


def unit_of(label: str) -> str:
    """The unit a quantitative indicator's wording suggests: percent, number, milestone, count."""
    folded = fold(label).replace("'", " ")
    if _PERCENT.search(folded):
        return "percent"
    if re.match(r"(?:nombre|nb|nbre)\b", folded):
        return "count"  # "Nombre de logements créés" counts
    if _MILESTONE.search(folded) or _DONE.search(folded):
        return "milestone"
    if _NUMBER.search(folded) and not folded.startswith(("nombre", "nb")):
        return "number"
    return "count"
