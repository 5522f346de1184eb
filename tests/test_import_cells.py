"""How `ctg import` reads cells: calendars, names, indicators, headers, ids."""

from __future__ import annotations

import pytest

from ctgplan.importing.calendars import read_calendar
from ctgplan.importing.headers import field_of
from ctgplan.importing.ids import number_id, slug, theme_code
from ctgplan.importing.indicators import classify, split_indicators, unit_of
from ctgplan.importing.people import read_people, split_names
from ctgplan.model import YearSpan
from ctgplan.tables import decode, sniff_delimiter

PERIOD = YearSpan(2025, 2028)


@pytest.mark.parametrize(("text", "span", "guess"), [
    ("2026", "2026", False),
    ("2026 à 2028", "2026-2028", False),
    ("2024-2027", "2024-2027", False),
    ("2025/2026", "2025-2026", False),
    ("Dès 2025", "2025-2028", True),
    ("À partir de 2026", "2026-2028", True),
    ("Jusqu'en 2027", "2025-2027", True),
    ("Tout au long de la CTG", "2025-2028", True),
    ("S2 2025", "2025", True),
    ("1er trimestre 2026", "2026", True),
    ("Fin 2026", "2026", True),
    ("2026-03-01", "2026", True),
    ("Septembre 2025 - juin 2027", "2025-2027", True),
    ("01/09/2025", "2025", True),
])
def test_calendars_as_people_write_them(text: str, span: str, guess: bool) -> None:
    """Each way of writing a calendar gives its years, and says when that is a guess."""
    read = read_calendar(text, PERIOD)
    assert (str(read.span), read.guess) == (span, guess)


def test_calendar_without_year() -> None:
    """A calendar that names no year gives none (the caller uses the period and says so)."""
    assert read_calendar("À définir", PERIOD).span is None


@pytest.mark.parametrize(("text", "names"), [
    ("Communes CAF MDS CCAS", ["Communes", "CAF", "MDS", "CCAS"]),
    ("CCGM, Service Communication, Communes et CCAS",
     ["CCGM", "Service Communication", "Communes", "CCAS"]),
    ("Service Jeunesse et Sports- Communes, CAF CMJ Education Nationale Associations",
     ["Service Jeunesse et Sports", "Communes", "CAF", "CMJ", "Education Nationale",
      "Associations"]),
    ("professionnels de l'enfance, de la famille, du médical",
     ["professionnels de l'enfance, de la famille, du médical"]),
    ("CAF , Département PMI", ["CAF", "Département PMI"]),
    ("Communes CAF PMI Département CARSAT", ["Communes", "CAF", "PMI Département", "CARSAT"]),
    ("Service Communication CCGM, CCAS", ["Service Communication CCGM", "CCAS"]),
    ("Acteurs de proximités - CAFY - France Services",
     ["Acteurs de proximités", "CAFY", "France Services"]),
    ("Association des Parents d'élèves", ["Association des Parents d'élèves"]),
    ("Référente petite enfance de la CC", ["Référente petite enfance de la CC"]),
    ("• CAF\n• Conseil départemental", ["CAF", "Conseil départemental"]),
    ("Services Jeunesse et Sports / CAF", ["Services Jeunesse et Sports", "CAF"]),
])
def test_names_in_a_cell(text: str, names: list[str]) -> None:
    """Names are split on separators and between names in a row, not inside a name."""
    assert split_names(text) == names


def test_labelled_lead_and_partners() -> None:
    """`Pilote :` and `Partenaires :` lines say who leads; else the first name leads."""
    people = read_people("Pilote : Centre social\nPartenaires : CAF, PMI")
    assert (people.lead, people.partners, people.labelled) == (
        ["Centre social"], ["CAF", "PMI"], True)
    people = read_people("Porteur du projet : CCAS\nPartenaires associés : MSA")
    assert (people.lead, people.partners) == (["CCAS"], ["MSA"])
    assert read_people("CAF - Communes").lead == ["CAF"]


@pytest.mark.parametrize(("text", "labels"), [
    ("Nombre de réunions - Nombre de participants",
     ["Nombre de réunions", "Nombre de participants"]),
    ("Nombre de veille/an Nombre d'aides/ usagers", ["Nombre de veille/an",
                                                     "Nombre d'aides/ usagers"]),
    ("- Taux de couverture\n- Satisfaction des familles",
     ["Taux de couverture", "Satisfaction des familles"]),
    ("Nombre de jeunes ; Avis des jeunes", ["Nombre de jeunes", "Avis des jeunes"]),
    ("Taux de Satisfaction des usagers", ["Taux de Satisfaction des usagers"]),
    ("Perception des non-usagers", ["Perception des non-usagers"]),
    ("Nombre de places créées, taux d'occupation", ["Nombre de places créées",
                                                    "taux d'occupation"]),
    ("Nombre de parents, enfants et grands-parents", ["Nombre de parents, enfants et "
                                                      "grands-parents"]),
])
def test_indicators_in_a_cell(text: str, labels: list[str]) -> None:
    """Indicators are split on lines, bullets, ` - `, `;` and a new `Nombre`."""
    assert [label for label, _kind in split_indicators(text)] == labels


def test_indicator_kind_announced_by_its_line() -> None:
    """`Quantitatif :` and `Qualitatif :` lines give their indicators a kind."""
    assert split_indicators("Quantitatif : Nombre d'ateliers\nQualitatif : Ressenti") == [
        ("Nombre d'ateliers", "quantitative"), ("Ressenti", "qualitative")]


@pytest.mark.parametrize(("label", "kind", "unit"), [
    ("Nombre de participants", "quantitative", "count"),
    ("Taux d'occupation", "quantitative", "percent"),
    ("Part des familles ayant répondu", "quantitative", "percent"),
    ("Création de la plateforme", "quantitative", "milestone"),
    ("Montant des aides", "quantitative", "number"),
    ("Guide publié", "quantitative", "milestone"),
    ("Nombre de logements créés", "quantitative", "count"),
    ("Convention signée", "quantitative", "milestone"),
    ("Satisfaction des usagers", "qualitative", None),
    ("Perception des familles", "qualitative", None),
])
def test_indicator_class_and_unit_from_wording(label: str, kind: str, unit: str | None) -> None:
    """The wording gives the kind and the unit."""
    assert classify(label)[0] == kind
    assert (unit_of(label) if kind == "quantitative" else None) == unit


@pytest.mark.parametrize(("header", "field"), [
    ("Besoins repérés - cf. diagnostic (enjeux)", "need"),
    ("Constats", "need"),
    ("Objectif général", "general-objective"),
    ("Objectif(s) opérationnel(s)", "objective"),
    ("Action(s) prévue(s) plusieurs actions peuvent répondre à 1 objectif", "action"),
    ("Intitulé", "action"),
    ("Fiche action", "action"),
    ("Fiche action n°", "id"),
    ("N°", "id"),
    ("Leviers / Moyens", "levers"),
    ("Pilote(s)", "lead"),
    ("Porteurs du projet / Partenaires associés", "lead-partners"),
    ("Partenaires", "partners"),
    ("Indicateurs d'évaluation QUANTITATIFS", "quantitative"),
    ("Indicateurs qualitatifs", "qualitative"),
    ("Indicateurs", "indicators"),
    ("Calendrier de mise en œuvre (mois et année)", "calendar"),
    ("Échéancier", "calendar"),
    ("Démarrage", "calendar"),
    ("Thématique", "theme"),
    ("AXE", "theme"),
    ("Statut", "status"),
    ("Public cible", None),
])
def test_header_names(header: str, field: str | None) -> None:
    """Header names as plans write them, whatever the case and accents."""
    assert field_of(header) == field


def test_ids() -> None:
    """Ids are readable and valid: slugs, theme codes, the table's own numbers."""
    assert slug("Service Affaires Sociales") == "service-affaires-sociales"
    assert slug("Aller vers les publics n'osant pas") == "aller-vers-publics-osant"
    assert slug("Enjeu 1.1 : Des parents isolés") == "parents-isoles"
    assert theme_code("ENFANCE/ JEUNESSE") == "EJ"
    assert theme_code("PARENTALITE") == "PAR"
    assert theme_code("Axe 2 – Accès aux droits") == "AD"
    assert [number_id(t) for t in ("1.2", "FA 2.3", "Fiche n°4", "A1", "sans")] == [
        "1.2", "2.3", "4", "A1", None]


def test_encodings_and_delimiters() -> None:
    """UTF-8 with and without BOM, else Windows-1252; the delimiter that fits the rows."""
    assert decode("é".encode()) == ("é", "utf-8")
    assert decode(b"\xef\xbb\xbf" + "é".encode()) == ("é", "utf-8-sig")
    assert decode("é’".encode("cp1252")) == ("é’", "cp1252")
    assert sniff_delimiter("a;b;c\n1;2,5;3\n") == ";"
    assert sniff_delimiter("a,b\n1,2\n") == ","
    assert sniff_delimiter('a\tb\n"x, y; z"\t2\n') == "\t"
