"""The plan diff's core: each kind of change, found on small plans written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctgplan.diffmodel import (
    ActionChange,
    FieldChange,
    IndicatorChange,
    ItemChange,
    PlanDiff,
    RecordChange,
    YearChange,
)
from ctgplan.model import Indicator, Kind, Plan, Unit
from ctgplan.plan_load import plan_from_text as load_plan_text
from ctgplan.plandiff import compare
from ctgplan.textdiff import Segment, word_diff
from ctgplan.valuesdiff import compare_records
from tests.conftest import MINIMAL_PLAN, SHIPPED_PLAN


def plan(text: str = MINIMAL_PLAN, *edits: tuple[str, str]) -> Plan:
    """A valid plan: ``text`` with each (old, new) edit applied once."""
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    loaded = load_plan_text(text, Path("plan.yaml"))
    assert loaded.errors == []
    assert loaded.plan is not None
    return loaded.plan


def changed(*edits: tuple[str, str], base: str = MINIMAL_PLAN) -> PlanDiff:
    """The diff from ``base`` to ``base`` with the edits."""
    return compare(plan(base), plan(base, *edits))


SECOND_ACTION = """\
  - id: NUM-1
    theme: NUM
    need: besoin
    objective: objectif
    action: Ouvrir des ateliers numériques
    lead: caf
    indicators:
      - {id: QT1, kind: quantitative, unit: count, label: Nombre d'ateliers}
    calendar: 2026
"""
TWO_ACTIONS = MINIMAL_PLAN + SECOND_ACTION


def test_a_plan_compared_with_itself_has_no_change() -> None:
    """The shipped plan against itself: nothing to report."""
    shipped = SHIPPED_PLAN.read_text(encoding="utf-8")
    diff = compare(plan(shipped), plan(shipped))
    assert diff.empty
    assert diff == PlanDiff(names=diff.names)


def test_plan_period_title_and_adoption() -> None:
    """The plan's own fields are reported old -> new, dates as ISO text."""
    diff = changed(("title: Plan test", "title: Plan test amendé"),
                   ("adopted: 2025-11-24", "adopted: 2026-06-30"),
                   ("period: 2025-2028", "period: 2025-2029"))
    assert diff.plan == (FieldChange("title", "value", "Plan test", "Plan test amendé"),
                         FieldChange("adopted", "value", "2025-11-24", "2026-06-30"),
                         FieldChange("period", "value", "2025-2028", "2025-2029"))


def test_themes_added_removed_and_renamed_in_the_new_order() -> None:
    """A removed theme comes right after the theme that preceded it; a new label is a
    renaming."""
    diff = changed(("  - {id: PAR, label: PARENTALITÉ}\n  - {id: NUM, label: INCLUSION NUMERIQUE}",
                    "  - {id: PAR, label: PARENTALITE ET FAMILLE}\n  - {id: LOG, label: LOGEMENT}"),
                   base=MINIMAL_PLAN)
    assert diff.themes == (
        ItemChange("themes", "renamed", "PAR", "PARENTALITE ET FAMILLE",
                   (FieldChange("label", "value", "PARENTALITÉ", "PARENTALITE ET FAMILLE"),)),
        ItemChange("themes", "removed", "NUM", "INCLUSION NUMERIQUE"),
        ItemChange("themes", "added", "LOG", "LOGEMENT"),
    )


def test_partner_renamed_and_aliases_changed() -> None:
    """A partner's new name is a renaming; aliases are listed as added and removed."""
    diff = changed(("    name: CAF\n    aliases: [CAFY]",
                    "    name: Caisse d'allocations familiales\n    aliases: [CAF, Caf]"),
                   ("    name: Service Affaires Sociales",
                    "    name: Service Affaires Sociales\n    aliases: [SAS]"))
    assert diff.partners == (
        ItemChange("partners", "renamed", "caf", "Caisse d'allocations familiales", (
            FieldChange("name", "value", "CAF", "Caisse d'allocations familiales"),
            FieldChange("aliases", "set", added=("CAF", "Caf"), removed=("CAFY",)))),
        ItemChange("partners", "changed", "sas", "Service Affaires Sociales", (
            FieldChange("aliases", "set", added=("SAS",)),)),
    )


def test_needs_and_objectives_added_removed_and_reworded() -> None:
    """Needs and objectives: texts compared word by word."""
    diff = changed(("  - {id: besoin, text: Un besoin}",
                    "  - {id: besoin, text: Un besoin urgent}\n  - {id: autre, text: Un autre}"),
                   ("  - {id: objectif, text: Un objectif}",
                    "  - {id: objectif, text: Un objectif}\n  - {id: second, text: Deux}"))
    assert diff.needs == (
        ItemChange("needs", "renamed", "besoin", "Un besoin urgent", (
            FieldChange("text", "text", "Un besoin", "Un besoin urgent",
                        words=(Segment("same", "Un besoin"), Segment("added", " urgent"))),)),
        ItemChange("needs", "added", "autre", "Un autre"),
    )
    assert diff.objectives == (ItemChange("objectives", "added", "second", "Deux"),)


def test_word_diff_keeps_punctuation_and_spaces() -> None:
    """Same and removed segments spell the old text; same and added ones the new text."""
    old = "Organiser des réunions sur la parentalité pour les parents, de tout âge"
    new = "Organiser chaque mois des réunions sur la parentalité, en soirée, pour les parents"
    segments = word_diff(old, new)
    assert segments == (
        Segment("same", "Organiser"), Segment("added", " chaque mois"),
        Segment("same", " des réunions sur la parentalité"),
        Segment("added", ", en soirée,"), Segment("same", " pour les parents"),
        Segment("removed", ", de tout âge"))
    assert "".join(s.text for s in segments if s.op != "added") == old
    assert "".join(s.text for s in segments if s.op != "removed") == new
    assert word_diff(old, new, punctuation=False)[-2:] == (
        Segment("removed", " parents, de tout âge"), Segment("added", " parents"))


def test_rewrapped_text_is_not_a_change() -> None:
    """A text written on several lines, or with other spaces, says the same thing."""
    diff = changed(("    action: Organiser des réunions",
                    "    action: >-\n      Organiser   des\n      réunions"))
    assert diff.empty


def test_actions_added_and_removed_with_their_text_in_plan_order() -> None:
    """A removed action comes after the action that preceded it in the old plan."""
    third = SECOND_ACTION.replace("NUM-1", "NUM-2").replace("Ouvrir des ateliers numériques",
                                                            "Former les agents d'accueil")
    old = plan(TWO_ACTIONS + third)
    new = plan(MINIMAL_PLAN + third + SECOND_ACTION.replace("NUM-1", "NUM-3").replace(
        "Ouvrir des ateliers numériques", "Créer un lieu d'accueil enfants-parents"))
    diff = compare(old, new)
    assert [(a.status, a.id, a.text) for a in diff.actions] == [
        ("removed", "NUM-1", "Ouvrir des ateliers numériques"),
        ("added", "NUM-3", "Créer un lieu d'accueil enfants-parents"),
    ]
    assert diff.actions[0].action == old.action("NUM-1")
    assert diff.actions[1].action == new.action("NUM-3")


def test_changed_action_reports_each_field() -> None:
    """Theme move, texts word by word, lead and partners as sets, calendar old -> new."""
    diff = changed(("    theme: PAR\n", "    theme: NUM\n"),
                   ("    action: Organiser des réunions",
                    "    action: Organiser des réunions mensuelles\n    levers: Parents motivés"),
                   ("    lead: sas\n    partners: [caf]", "    lead: caf\n    partners: [sas]"),
                   ("    calendar: 2026-2027", "    calendar: 2026-2028"))
    assert diff.actions == (ActionChange(
        "PAR-1", "changed", "NUM", "Organiser des réunions mensuelles", None, (
            FieldChange("theme", "value", "PAR", "NUM"),
            FieldChange("action", "text", "Organiser des réunions",
                        "Organiser des réunions mensuelles",
                        words=(Segment("same", "Organiser des réunions"),
                               Segment("added", " mensuelles"))),
            FieldChange("levers", "value", None, "Parents motivés"),
            FieldChange("lead", "set", added=("caf",), removed=("sas",)),
            FieldChange("partners", "set", added=("sas",), removed=("caf",)),
            FieldChange("calendar", "value", "2026-2027", "2026-2028"))),)


def test_indicators_added_removed_relabelled_and_targets_per_year() -> None:
    """Indicators: added, removed, relabelled; baseline, direction, targets old -> new."""
    before = MINIMAL_PLAN.replace(
        "label: Nombre de réunions}",
        "label: Nombre de réunions, baseline: {value: 2, year: 2025}, direction: increase,"
        " targets: {2026: 4, 2027: 6}}")
    diff = changed(
        ("label: Nombre de réunions, baseline: {value: 2, year: 2025}, direction: increase,"
         " targets: {2026: 4, 2027: 6}}",
         "label: Nombre de réunions tenues, baseline: {value: 3, year: 2025}, direction: "
         "maintain, targets: {2027: 8, 2028: 8}}"),
        ("      - {id: QL1, kind: qualitative, label: Satisfaction}",
         "      - {id: QT2, kind: quantitative, unit: count, label: Participants}"),
        base=before)
    assert diff.actions[0].indicators == (
        IndicatorChange("QT1", "changed", "Nombre de réunions tenues", (
            FieldChange("label", "value", "Nombre de réunions", "Nombre de réunions tenues"),
            FieldChange("baseline", "value", {"value": 2.0, "year": 2025},
                        {"value": 3.0, "year": 2025}),
            FieldChange("direction", "value", "increase", "maintain"),
            FieldChange("targets", "years", years=(
                YearChange(2026, 4, None), YearChange(2027, 6, 8),
                YearChange(2028, None, 8))))),
        IndicatorChange("QL1", "removed", "Satisfaction",
                        indicator=plan(before).actions[0].indicators[1]),
        IndicatorChange("QT2", "added", "Participants", indicator=Indicator(
            id="QT2", kind=Kind.QUANTITATIVE, unit=Unit.COUNT, label="Participants")),
    )
    assert diff.actions[0].changes == ()


@pytest.mark.parametrize("new_text", [
    "Ouvrir des ateliers numériques",
    "Ouvrir des ateliers numériques pour tous les âges dans les dix communes du territoire",
])
def test_renumbered_action_with_same_or_nearly_same_text(new_text: str) -> None:
    """A new id with (nearly) the same text, even in another theme, is a renumbering."""
    old_text = "Ouvrir des ateliers numériques pour tous les âges dans les communes du territoire"
    if new_text == "Ouvrir des ateliers numériques":
        old_text = new_text
    old = plan(TWO_ACTIONS.replace("Ouvrir des ateliers numériques", old_text))
    new = plan(TWO_ACTIONS.replace("NUM-1", "PAR-2").replace("theme: NUM", "theme: PAR")
               .replace("Ouvrir des ateliers numériques", new_text))
    diff = compare(old, new)
    assert [(a.status, a.id, a.old_id) for a in diff.actions] == [
        ("renumbered", "PAR-2", "NUM-1")]
    fields = [c.field for c in diff.actions[0].changes]
    assert fields == (["theme"] if new_text == old_text else ["theme", "action"])


def test_a_different_text_under_a_new_id_is_not_a_renumbering() -> None:
    """Below the similarity threshold, the old id is removed and the new one added."""
    old = plan(TWO_ACTIONS)
    new = plan(TWO_ACTIONS.replace("NUM-1", "NUM-2").replace(
        "Ouvrir des ateliers numériques", "Ouvrir des ateliers de cuisine"))
    assert [(a.status, a.id) for a in compare(old, new).actions] == [
        ("removed", "NUM-1"), ("added", "NUM-2")]


def test_records_added_corrected_and_withdrawn() -> None:
    """A line only in the new revision is added (corrected with replaces:), only in the old
    one withdrawn; unchanged lines are not reported."""
    kept = {"action": "PAR-1", "indicator": "QT1", "period": 2026, "value": 4,
            "recorded_by": "Camille", "recorded_at": "2026-11-29T10:00:00Z"}
    gone = {**kept, "indicator": "QL1", "value": None, "summary": "Bien"}
    new = {**kept, "period": 2027, "value": 5, "recorded_at": "2027-11-29T10:00:00Z"}
    fixed = {**kept, "value": 6, "replaces": "oubli", "recorded_at": "2026-12-01T10:00:00Z"}
    diff = compare_records([kept, gone], [kept, new, fixed])
    assert diff.records == (
        RecordChange("withdrawn", "PAR-1", "QL1", "2026", "Bien", "Camille",
                     "2026-11-29T10:00:00Z"),
        RecordChange("corrected", "PAR-1", "QT1", "2026", 6, "Camille",
                     "2026-12-01T10:00:00Z", "oubli"),
        RecordChange("added", "PAR-1", "QT1", "2027", 5, "Camille", "2027-11-29T10:00:00Z"),
    )
    assert {a: dict(c) for a, c in diff.per_action().items()} == {
        "PAR-1": {"withdrawn": 1, "corrected": 1, "added": 1}}
