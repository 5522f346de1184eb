"""Read the cells of an adopted plan as people write them.

Calendars (``2026 à 2028``, ``Dès 2025``, ``S2 2025``, spreadsheet dates),
indicator cells (bullets, line breaks, `` - ``), lead and partner cells
(``Pilote : X`` / ``Partenaires : Y, Z`` lines, or names in a row), ids.
Pure functions: text in, values and notes out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ctgplan.fold import fold, words
from ctgplan.model import YearSpan

# --- calendars -------------------------------------------------------------------------

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


# --- indicators ------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣➢➤►▸✓✔→–—]|\d{1,2}[).]|[a-z][)])\s*")
_DASH = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+")
_SEMICOLON = re.compile(
    r"\s*;\s*|,\s+(?=(?:nombre|nb|taux|part|pourcentage|proportion|satisfaction|perception|"
    r"[ée]volution|cr[ée]ation|montant)\b)", re.IGNORECASE)
_PREPOSITIONS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "au", "aux", "a",
                           "à", "en", "pour", "par", "sur", "et", "ou", "avec", "dans"})
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


# --- lead and partners -----------------------------------------------------------------

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


# --- ids -------------------------------------------------------------------------------

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


def capitalize(name: str) -> str:
    """The name with its first letter upper-case (``habitants`` -> ``Habitants``)."""
    return name[:1].upper() + name[1:] if name[:1].islower() else name


def clean(text: str) -> str:
    """A cell's text as the plan keeps it: outer spaces off, non-breaking spaces plain."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ")
    return "\n".join(line.strip() for line in text.strip().split("\n")).strip()
