"""A realistic amendment (avenant) of the shipped plan, for the tests of `ctg diff`.

Two actions added (PAR-4, NUM-2), PAR-2 reworded (with a partner joining and a longer
calendar), targets set on PAR-2's indicators, the CAF renamed.
"""

from __future__ import annotations

from tests.conftest import SHIPPED_PLAN

EDITS = [
    ("  - id: caf\n    name: CAF\n",
     "  - id: caf\n    name: Caisse d'allocations familiales\n"),
    ("""    action: >-
      Organiser des réunions thématiques sur la parentalité pour soutenir les
      parents avec enfant, de tout âge
""", """    action: >-
      Organiser chaque trimestre des réunions thématiques sur la parentalité,
      en soirée, pour soutenir les parents avec enfant, de tout âge
"""),
    ("""    lead: jeunesse-sports
    partners: [communication, professionnels]
    indicators:
      - {id: QT1, kind: quantitative, unit: count, label: Nombre de réunions}
      - {id: QT2, kind: quantitative, unit: count, label: Nombre de participants}
      - {id: QL1, kind: qualitative, label: Satisfaction des participants}
    calendar: 2026
""", """    lead: jeunesse-sports
    partners: [communication, professionnels, caf]
    indicators:
      - {id: QT1, kind: quantitative, unit: count, label: Nombre de réunions,
         direction: maintain, targets: {2026: 4, 2027: 4}}
      - id: QT2
        kind: quantitative
        unit: count
        label: Nombre de participants
        baseline: {value: 30, year: 2025}
        direction: increase
        targets: {2026: 60, 2027: 90}
      - {id: QL1, kind: qualitative, label: Satisfaction des participants}
    calendar: 2026-2027
"""),
    ("""    calendar: 2027

  # INSERTION / ACCES AUX DROITS
""", """    calendar: 2027

  - id: PAR-4
    theme: PAR
    need: offre-parents
    objective: isolement-familles
    action: >-
      Ouvrir un lieu d'accueil enfants-parents itinérant dans les communes
      rurales
    lead: affaires-sociales
    partners: [caf, communes, pmi]
    indicators:
      - {id: QT1, kind: quantitative, unit: count, label: Nombre de séances d'accueil}
      - {id: QT2, kind: quantitative, unit: count, label: Nombre de familles accueillies}
      - {id: QL1, kind: qualitative, label: Satisfaction des familles}
    calendar: 2027-2028

  # INSERTION / ACCES AUX DROITS
"""),
    ("""    calendar: 2025

  # LOGEMENT
""", """    calendar: 2025

  - id: NUM-2
    theme: NUM
    need: fracture-numerique
    objective: fracture-numerique
    action: >-
      Former les agents d'accueil des communes à l'accompagnement des démarches
      en ligne
    lead: france-services
    partners: [communes, caf]
    indicators:
      - {id: QT1, kind: quantitative, unit: count, label: Nombre d'agents formés}
    calendar: 2026

  # LOGEMENT
"""),
]


def amended_plan() -> str:
    """The shipped plan with the amendment applied (each edit applies exactly once)."""
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text
