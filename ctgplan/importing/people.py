"""Lead and partner cells of an adopted plan: who leads, who takes part.

``Pilote : X`` / ``Partenaires : Y, Z`` lines, or names in a row ("Communes CAF
MDS CCAS"), separated by commas, dashes, lines or "et". Pure functions: text in,
names out (``partners`` de-duplicates them across the plan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctgplan.fold import fold
from ctgplan.importing.cells import _BULLET, _PREPOSITIONS

_LEAD_LABEL = re.compile(
    r"^\s*(?:co-?)?(?:pilotes?|pilotage|porteurs?|porte par|referents?|responsables?|"
    r"coordination|coordinateurs?|maitre d'ouvrage|maitrise d'ouvrage)(?:\s*\(s\))?"
    r"(?:\s+(?:du projet|de l'action|de la fiche))?\s*:\s*")
_PARTNER_LABEL = re.compile(
    r"^\s*(?:partenaires?|partenariats?|acteurs? associes?|associes?|en lien avec|"
    r"co-?porteurs?|contributeurs?)(?:\s*\(s\))?(?:\s+(?:associes?|mobilises?|"
    r"operationnels?|financiers?|techniques?))?\s*:\s*")
_NAME_SEPARATORS = re.compile(r"(\s*[,;\n•]\s*|\s+[-–—/]\s*|\s*[-–—/]\s+|\s*\+\s*)")
_ACRONYM = re.compile(r"^\(?[A-ZÀ-Ý][A-ZÀ-Ý0-9&']+\)?$")
_HEADS = frozenset(fold(w) for w in (
    "Communes", "Commune", "Associations", "Association", "Habitants", "Partenaires",
    "Parents", "Familles", "Écoles", "Collèges", "Lycées", "Bailleurs", "Département",
    "Région", "État", "Mairies", "Mairie", "Élus", "Bénévoles", "Service", "Services",
    "Éducation", "Mission", "Maison", "Centre", "Centres", "Structures", "Crèches",
    "Relais", "Assistantes", "Professionnels", "Acteurs", "Pôle", "Direction", "Conseil",
    "Caisse", "Préfecture", "Gendarmerie", "Police", "Médiathèque", "Médiathèques",
    "Clubs", "Entreprises", "Employeurs", "Jeunes", "Seniors", "Usagers"))
_QUALIFIERS = frozenset(fold(w) for w in ("Département", "Départemental",
                                          "Départementale"))
_GROUP_STARTS = frozenset(fold(w) for w in ("Service", "Services", "Pôle", "Direction"))
_NAME_PREFIXES = frozenset({"france", "maison", "espace", "pole", "centre", "relais"})
_CONTINUE = re.compile(r"^(?:de|du|des|d'|d’|de la|de l'|à|au|aux|en|pour|sur)\b")


@dataclass(frozen=True)
class People:
    """A lead and partners cell, read."""

    lead: list[str]
    partners: list[str]
    labelled: bool
    """True when the cell said which names lead (``Pilote :``)."""


def read_people(text: str) -> People:
    """The names of a lead-and-partners cell, the leads first.

    ``Pilote : X`` and ``Partenaires : Y, Z`` lines are read as such; otherwise
    the first name is the lead and the others are partners.
    """
    lead: list[str] = []
    partners: list[str] = []
    unlabelled: list[str] = []
    labelled = False
    target = unlabelled
    for raw_line in text.split("\n"):
        folded = fold(raw_line)
        line = raw_line
        if _LEAD_LABEL.match(folded):
            labelled, target = True, lead
            line = raw_line[raw_line.index(":") + 1:]
        elif _PARTNER_LABEL.match(folded):
            labelled, target = True, partners
            line = raw_line[raw_line.index(":") + 1:]
        target.extend(split_names(line))
    if labelled:
        if not lead:  # "Partenaires :" only: the names before it lead
            return People(unlabelled, partners, True)
        return People(lead, partners + unlabelled, True)
    return People(unlabelled[:1], unlabelled[1:], False)


def split_names(text: str) -> list[str]:
    """The names in a cell: separated by commas, dashes, lines, "et", or simply in a row.

    "Communes CAF MDS CCAS" gives four names: acronyms and usual heads
    (Communes, Associations, Service...) start a new name; "de la famille, du
    médical" stays one name; "Département PMI" is one name.
    """
    text = _BULLET.sub("", text) if "\n" not in text else "\n".join(
        _BULLET.sub("", line) for line in text.split("\n"))
    parts = _NAME_SEPARATORS.split(text)
    chunks: list[str] = []
    for index in range(0, len(parts), 2):
        chunk = parts[index].strip()
        if not chunk:
            continue
        separator = parts[index - 1] if index else ""
        if chunks and _CONTINUE.match(chunk) and "," in separator:
            chunks[-1] += separator + chunk
        else:
            chunks.append(chunk)
    names: list[str] = []
    for chunk in chunks:
        names.extend(_split_row(chunk))
    return [n.strip(" .:") for n in names if n.strip(" .:")]


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and bool(_ACRONYM.match(token)) and all(c.isupper()
                                                                     for c in letters)


def _split_row(chunk: str) -> list[str]:
    tokens = chunk.split()
    groups: list[list[str]] = []
    for index, token in enumerate(tokens):
        folded = fold(token).strip("(),")
        previous = groups[-1] if groups else None
        last = index == len(tokens) - 1
        if previous is None:
            groups.append([token])
            continue
        prev_token = fold(previous[-1]).strip("(),'")
        if folded == "et" and not last and _starts_name(tokens[index + 1], previous, True,
                                                           index + 1 == len(tokens) - 1):
            continue  # "Communes et CCAS": "et" only separates
        if _starts_name(token, previous, prev_token not in _PREPOSITIONS, last):
            groups.append([token])
        else:
            previous.append(token)
    return [" ".join(group) for group in groups]


def _starts_name(token: str, group: list[str], after_name: bool, last: bool) -> bool:
    """Whether ``token`` begins a new name after the names in ``group``."""
    folded = fold(token).strip("(),")
    if token.startswith("("):
        return False
    first = fold(group[0]).strip("(),")
    if fold(group[-1]).strip("'") in _PREPOSITIONS or fold(group[-1]).endswith("'"):
        return False  # "Référente de la CC", "Maison d'Accueil"
    if len(group) == 1 and first in _GROUP_STARTS:
        return False  # "Service Éducation"
    if _is_acronym(token):
        if len(group) == 1 and fold(group[0]) in _QUALIFIERS:
            return False  # "Département PMI"
        # "Service Communication CCGM": the acronym closing a service's name belongs to it
        return not (first in _GROUP_STARTS and last and len(group) > 1)
    if folded in _QUALIFIERS and len(group) == 1 and _is_acronym(group[0]):
        return False  # "PMI Département"
    if fold(group[-1]) in _NAME_PREFIXES:
        return False  # "France Services"
    return after_name and token[:1].isupper() and folded in _HEADS
