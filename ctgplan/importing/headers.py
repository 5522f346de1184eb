"""Recognise a plan table's header row and what each column holds.

Header names vary from one territory to the next ("Besoins repérés", "Enjeux",
"Constats"...): each field has synonyms, matched on the folded text (case,
accents and apostrophes ignored). The rule that matches earliest in the header
wins ("Action(s) prévue(s) ... répondre à 1 objectif" is an action column); on a
tie, the first rule: "Porteurs du projet / Partenaires" is a lead-and-partners
column before it is a lead column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctgplan.fold import fold

FIELDS = ("id", "theme", "need", "objective", "general-objective", "action", "levers",
          "lead", "partners", "lead-partners", "indicators", "quantitative", "qualitative",
          "calendar", "status", "ignore")
"""What a column can hold; ``--map 'Header=field'`` names one of these."""

_RULES = (
    ("id", r"^(?:n\s*°|n[or]?\b\.?|num(?:ero)?s?\b|ref(?:erence)?s?\b|code\b|id\b|#)|"
           r"\bfiches?(?: actions?)? *(?:n\s*°|no\b|numero)"),
    ("quantitative", r"indicateur.*quanti|^quantitatifs?$"),
    ("qualitative", r"indicateur.*quali|^qualitatifs?$"),
    ("indicators", r"indicateur|criteres? d'?\s*evaluation|modalites d'?\s*evaluation|"
                   r"^evaluation"),
    ("lead-partners", r"(?:pilote|porteur|referent|responsable).*partenaire|"
                      r"partenaire.*(?:pilote|porteur)"),
    ("lead", r"pilote|porteur|referent|responsable|coordinat|maitr\w* d'?\s*ouvrage"),
    ("partners", r"partenaire|acteurs? (?:associes|mobilises|concernes)|^associes"),
    ("levers", r"levier|frein|moyens?\b|ressources?\b|points? d'?\s*appui|atouts?|"
               r"conditions de reussite"),
    ("calendar", r"calendrier|echeance|echeancier|delais?\b|demarrage|periode|planning|"
                 r"duree|annees?\b|dates?\b|temporalite"),
    ("status", r"statut|\betat\b|avancement|realisation\b"),
    ("theme", r"thematique|\bthemes?\b|\baxes?\b|domaines?\b|champs?\b|orientations?\b|"
              r"priorites?\b"),
    ("need", r"besoins?|enjeux?|constats?|diagnostic|problematiques?"),
    ("general-objective", r"objectifs? (?:generaux|general|strategiques?)"),
    ("objective", r"objectifs?"),
    ("action", r"actions?|intitule|fiches?|mesures?|projets?|descriptif"),
)
RULES = tuple((name, re.compile(pattern)) for name, pattern in _RULES)


def field_of(header: str) -> str | None:
    """The field a header names, if it names one."""
    folded = fold(header).replace("’", "'")
    if not folded:
        return None
    best: tuple[int, int, str] | None = None
    for index, (name, pattern) in enumerate(RULES):
        found = pattern.search(folded)
        if found and (best is None or (found.start(), index) < best[:2]):
            best = (found.start(), index, name)
    return best[2] if best else None


@dataclass(frozen=True)
class Header:
    """The header row of a sheet: where it is and which column holds what."""

    row: int
    """0-based row of the (last) header row."""
    rows: tuple[int, ...]
    columns: dict[int, str]
    """Column -> field, for the columns that were recognised."""
    names: dict[int, str]
    """Column -> header text as written (two header rows joined by a space)."""


def find_header(rows: list[list[str]], mapping: dict[str, str], *, limit: int = 40
                ) -> Header | None:
    """The first row that names an action column and at least two other fields."""
    for index, row in enumerate(rows[:limit]):
        columns, names = _columns(row, mapping)
        filled = [c for c, text in enumerate(row) if text.strip()]
        if "action" not in columns.values() or len(set(columns.values())) < 3:
            continue
        if len(columns) * 2 < len(filled):
            continue  # mostly unrecognised text: a data row that happens to match
        below = rows[index + 1] if index + 1 < len(rows) else []
        sub = _subheader(row, below, mapping)
        if sub is not None:
            columns, names = sub
            return Header(index + 1, (index, index + 1), columns, names)
        return Header(index, (index,), columns, names)
    return None


def _columns(row: list[str], mapping: dict[str, str]) -> tuple[dict[int, str], dict[int, str]]:
    columns: dict[int, str] = {}
    names: dict[int, str] = {}
    for col, text in enumerate(row):
        if not text.strip():
            continue
        names[col] = text.strip()
        field = mapping.get(fold(text)) or field_of(text)
        if field is not None:
            columns[col] = field
    return columns, names


def _subheader(row: list[str], below: list[str], mapping: dict[str, str]
               ) -> tuple[dict[int, str], dict[int, str]] | None:
    """A second header row ("Indicateurs" above "Quantitatifs | Qualitatifs"), joined."""
    filled = [c for c, text in enumerate(below) if text.strip()]
    if not filled or any(c < len(row) and fold(row[c]) and field_of(row[c]) == "action"
                         for c in filled):
        return None
    joined = list(row) + [""] * max(0, len(below) - len(row))
    for col in filled:
        above = next((row[c] for c in range(min(col, len(row) - 1), -1, -1)
                      if row[c].strip()), "")
        combined = f"{above.strip()} {below[col].strip()}".strip()
        if field_of(below[col]) is None and field_of(combined) is None:
            return None
        joined[col] = combined
    if not any(field_of(below[c]) in ("quantitative", "qualitative") or
               field_of(joined[c]) in ("quantitative", "qualitative") for c in filled):
        return None
    return _columns(joined, mapping)


def parse_mapping(items: list[str]) -> dict[str, str]:
    """``--map 'Header text=field'`` options as folded header -> field; ValueError if bad."""
    mapping: dict[str, str] = {}
    for item in items:
        header, sep, field = item.rpartition("=")
        field = field.strip().casefold()
        if not sep or not header.strip():
            raise ValueError(item)
        if field not in FIELDS:
            raise KeyError(field)
        mapping[fold(header)] = field
    return mapping
