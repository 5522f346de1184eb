"""Ids an import gives to what the table does not number: slugs, theme codes, action numbers.

Pure functions: text in, an id out.
"""

from __future__ import annotations

import re

from ctgplan.fold import words

_STOP = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "un", "une", "et", "a",
                   "au", "aux", "en", "pour", "par", "sur", "dans", "avec", "qui", "que",
                   "ou", "leur", "leurs", "son", "sa", "ses", "ce", "cette", "entre"})


_LEVELS = frozenset({"axe", "enjeu", "enjeux", "objectif", "objectifs", "theme", "fiche"})


def slug(text: str, *, max_words: int = 4, max_length: int = 40) -> str:
    """A readable id from a text: "Service Affaires Sociales" -> service-affaires-sociales."""
    significant = [w for w in words(text) if w not in _STOP and len(w) > 1
                   and not w.isdigit() and w not in _LEVELS] or words(text) or ["x"]
    picked: list[str] = []
    for word in significant[:max_words]:
        if len("-".join([*picked, word])) > max_length:
            break
        picked.append(word)
    return "-".join(picked) or significant[0][:max_length]


def theme_code(label: str) -> str:
    """A short upper-case id for a theme: initials of its words, or its first letters.

    "ENFANCE/ JEUNESSE" -> EJ; "PARENTALITE" -> PAR; "Accès aux droits" -> AD.
    """
    significant = [w for w in words(label) if w not in _STOP and not w.isdigit()
                   and w not in ("axe", "theme", "thematique", "domaine")]
    if not significant:
        return "T"
    if len(significant) == 1:
        return significant[0][:3].upper()
    return "".join(w[0] for w in significant[:4]).upper()


_NUMBERING = re.compile(r"(\d+(?:[.\-]\d+)*)")


def number_id(text: str) -> str | None:
    """The action's own number as an id: "Fiche n°1.2" -> 1.2, "FA 3" -> 3."""
    found = _NUMBERING.search(text)
    if not found:
        return None
    prefix = text[:found.start()].strip(" :n°ºo.#-").strip()
    value = found.group(1).replace("-", ".")
    if prefix and re.fullmatch(r"[A-Za-z]{1,3}", prefix) and not re.fullmatch(
            r"(?i)fa|n|no|num", prefix):
        return f"{prefix.upper()}{value}"
    return value
