"""A large action table, laid out like the shipped plan's, for timing ``ctg import``.

    python -m bench.importcase OUT.tsv ACTIONS

Theme title rows, then one row per action in the eight columns of the plan adopted
on 24/11/2025 (need, objective, action, obstacles/levers, lead / partners,
quantitative and qualitative indicators, calendar), tab-separated, UTF-8.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HEADER = ("Besoins repérés - cf. diagnostic (enjeux)\tObjectifs (changements souhaités / "
          "résultats attendus)\tAction(s) prévue(s)\tFreins ou leviers identifiés\tPorteurs "
          "du projet / Partenaires associés\tIndicateurs d'évaluation QUANTITATIFS\t"
          "Indicateurs d'évaluation QUALITATIFS\tCalendrier de mise en œuvre (mois et année)")
THEMES = ("PETITE ENFANCE", "ENFANCE/ JEUNESSE", "PARENTALITE", "ACCES AUX DROITS",
          "ANIMATION DE LA VIE SOCIALE", "HANDICAP", "LOGEMENT", "MOBILITE", "INCLUSION NUMERIQUE")
LEADS = ("Service Jeunesse et Sports", "Service Affaires Sociales", "CCAS", "Centre social",
         "Mission locale", "Relais Petite Enfance")
PARTNERS = ("Communes", "CAF", "Education Nationale", "Associations", "Département",
            "MSA", "France Services", "Collèges")


def table(actions: int, seed: int = 2025) -> str:
    """The table's text: ``actions`` rows spread over the themes."""
    rng = random.Random(seed)
    lines = ["", "PLAN D'ACTIONS CTG 2025-2028", "", "Le 24/11/2025", "", HEADER]
    per_theme = max(1, actions // len(THEMES))
    for n in range(actions):
        if n % per_theme == 0 and n // per_theme < len(THEMES):
            lines.append(THEMES[n // per_theme] + "\t" * 7)
        need = f"Besoin n°{n % 97} : l'offre ne répond pas aux attentes des familles"
        objective = f"Objectif {n % 53} : faciliter l'accès des familles aux services"
        action = (f"Action {n} : développer l'accompagnement des parents et l'aller-vers "
                  f"dans la commune {n % 41}")
        levers = "Des difficultés à mobiliser les partenaires ; un réseau déjà actif"
        people = (f"{rng.choice(LEADS)} - "
                  f"{', '.join(rng.sample(PARTNERS, rng.randint(1, 3)))}")
        quantitative = "Nombre de participants - Nombre d'actions menées"
        qualitative = "Satisfaction des participants"
        calendar = rng.choice(("2026", "2027", "2025-2028", "Septembre 2026", "2026 - 2027"))
        lines.append("\t".join((need, objective, action, levers, people, quantitative,
                                qualitative, calendar)))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(table(int(sys.argv[2])), encoding="utf-8")
