"""Messages that say what to write: the key, what was found, the fix, never Python text."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ctgplan.cli import app
from ctgplan.plan_load import plan_from_text
from tests.conftest import MINIMAL_PLAN

runner = CliRunner()
INDICATOR = "      - {id: QT1, kind: quantitative, unit: count, label: Nombre de réunions}"
PERCENT = "      - {id: QT1, kind: quantitative, unit: percent, label: Taux"


def problems(text: str) -> list[tuple[int, int, str, str]]:
    """``(line, col, code, message)`` of every problem of a plan's text."""
    result = plan_from_text(text, Path("plan.yaml"))
    return [(p.line, p.col, p.code, p.message) for p in result.problems]


def test_a_number_read_id_is_quoted_as_written() -> None:
    """`id: 1.10` is read as 1.1; the advice quotes what the user wrote, 1.10."""
    assert problems(MINIMAL_PLAN.replace("id: PAR-1", "id: 1.10")) == [
        (20, 9, "bad-id", "id: YAML reads 1.10 as the number 1.1: write the id in quotes, "
         "as written: '1.10'")]


@pytest.mark.parametrize(("edit", "expected"), [
    ((INDICATOR, PERCENT + ", targets: {2026: 37,5}}"),
     (28, 83, "decimal-comma", "targets: 37,5 is read as two entries (37, then 5 without a "
      "value): write decimals with a point: 37.5")),
    ((INDICATOR, "      - id: QT1\n        kind: quantitative\n        unit: percent\n"
                 "        label: Taux\n        targets:\n          2026: 37,5"),
     (33, 17, "decimal-comma", "targets 2026: '37,5' is not a number: write decimals with a "
      "point: 37.5")),
    ((INDICATOR, PERCENT + ", baseline: {value: 12,5, year: 2025}}"),
     (28, 85, "decimal-comma", "baseline: 12,5 is read as two entries (12, then 5 without a "
      "value): write decimals with a point: 12.5")),
    (("adopted: 2025-11-24", "adopted: 24/11/2025"),
     (4, 12, "bad-date", "adopted: '24/11/2025' is not a date written YYYY-MM-DD: write "
      "2025-11-24")),
    (("adopted: 2025-11-24", "adopted: le 24 novembre"),
     (4, 12, "bad-date", "adopted: 'le 24 novembre' is not a date written YYYY-MM-DD: write "
      "the date as 2025-11-24 (year, month, day)")),
    (("action: Organiser des réunions", "action:"),
     (24, 12, "empty-value", "action is empty: write its value after 'action:'")),
    (("lead: sas", "lead: [sas, caf]"),
     (25, 11, "bad-id", "lead: one id is expected here, found a list (sas, caf): keep one "
      "id here")),
    ((INDICATOR, PERCENT + ", targets: {2026: beaucoup}}"),
     (28, 83, "wrong-type", "targets 2026: 'beaucoup' is not a number: write a number such "
      "as 12 or 37.5")),
])
def test_plan_messages_say_what_to_write(edit: tuple[str, str],
                                         expected: tuple[int, int, str, str]) -> None:
    """Each message names the key, shows what was found and what to write."""
    assert problems(MINIMAL_PLAN.replace(*edit)) == [expected]


def test_duplicate_id_names_the_line_of_the_first() -> None:
    """The second action with an id says where the first one is."""
    text = MINIMAL_PLAN + MINIMAL_PLAN[MINIMAL_PLAN.index("  - id: PAR-1"):]
    assert problems(text) == [
        (31, 9, "duplicate-id", "action id 'PAR-1' is already used at line 20: give each "
         "action its own id")]


def test_conflict_markers_are_reported_at_their_lines() -> None:
    """What a git merge leaves: each marker at its line, with what to do."""
    text = MINIMAL_PLAN.replace("    lead: sas\n", "<<<<<<< HEAD\n    lead: sas\n=======\n"
                                "    lead: caf\n>>>>>>> autre-branche\n")
    advice = (": keep the lines you want between the markers, delete the three marker lines, "
              "then run `ctg check` again")
    assert problems(text) == [
        (25, 1, "merge-conflict", "a git conflict marker '<<<<<<<' is left from a merge" +
         advice),
        (27, 1, "merge-conflict", "a git conflict marker '=======' is left from a merge" +
         advice),
        (29, 1, "merge-conflict", "a git conflict marker '>>>>>>>' is left from a merge" +
         advice)]


def test_an_unclosed_quote_points_where_it_opened() -> None:
    """The quote that opens on line 24 is reported there, and where the parser stopped."""
    assert problems(MINIMAL_PLAN.replace("action: Organiser des réunions",
                                         'action: "Organiser des réunions')) == [
        (24, 13, "yaml-syntax", "invalid YAML: the quoted text that opens here is not "
         "closed (the parser went on to line 31): add the closing quote")]


def test_the_summary_names_the_values_file_that_failed(tmp_path: Path) -> None:
    """Only a values file is wrong: the verdict names it, not the plan."""
    plan = tmp_path / "data" / "plan.yaml"
    values = plan.parent / "measurements" / "PAR-1.yaml"
    values.parent.mkdir(parents=True)
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    values.write_text('- {action: "PAR-1", indicator: "QT1", period: 2026, value: -1, '
                      'recorded_by: "a", recorded_at: "2026-01-01T00:00:00Z"}\n',
                      encoding="utf-8")
    result = runner.invoke(app, ["check", "--plan", str(plan), "--format", "parsable"])
    assert result.exit_code == 1
    assert result.stderr == (f"{values}: FAILED (1 error, 0 warnings); 1 action, 2 themes, "
                             "2 partners, 2 indicators; 1 recorded value in 1 file\n")


COUNT = "      - {id: QT1, kind: quantitative, unit: count, label: Nombre"
MILESTONE = "      - {id: QT1, kind: quantitative, unit: milestone, label: Création"
SURVEY = "      - {id: QL1, kind: qualitative, label: Satisfaction}"


@pytest.mark.parametrize(("line", "expected"), [
    (PERCENT + ", direction: increase, targets: {2026: 120}}",
     (28, 104, "bad-value", "targets 2026 of QT1 (percent) must be a percentage from 0 to 100 "
      "(for example 37,5): 120 is not between 0 and 100")),
    (COUNT + ", direction: increase, targets: {2026: -3, 2027: 2.5}}",
     (28, 104, "bad-value", "targets 2026 of QT1 (count) must be a whole number, 0 or more "
      "(for example 12): -3 is not a whole number of 0 or more")),
    (COUNT + ", baseline: {value: .inf, year: 2025}}",
     (28, 85, "bad-value", "baseline value of QT1 (count) must be a whole number, 0 or more "
      "(for example 12): inf is not a finite number")),
    (INDICATOR.replace("[caf]", "") + "\n" + SURVEY.replace(
        "}", ", direction: increase, targets: {2026: 180}}"),
     (29, 96, "bad-value", "targets 2026 of QL1 (survey) must be a share satisfied from 0 to "
      "100, or a score on its scale: a survey's share satisfied is a percentage from 0 to "
      "100, not 180.0")),
])
def test_plan_numbers_fit_their_meaning(line: str, expected: tuple[int, int, str, str]
                                        ) -> None:
    """Targets and baselines are checked against the unit, as recorded values are."""
    found = problems(MINIMAL_PLAN.replace(INDICATOR, line))
    assert found[0] == expected


def test_a_partner_listed_twice_is_an_error() -> None:
    """`partners: [caf, caf]`: the second is reported."""
    assert problems(MINIMAL_PLAN.replace("partners: [caf]", "partners: [caf, caf]")) == [
        (26, 21, "duplicate-partner", "partner 'caf' is listed twice in action PAR-1: "
         "remove this one")]


def test_a_milestone_target_is_oui() -> None:
    """A milestone target written oui, as `ctg record` takes it: no problem."""
    assert problems(MINIMAL_PLAN.replace(
        INDICATOR, MILESTONE + ", direction: increase, targets: {2026: oui}}")) == []
