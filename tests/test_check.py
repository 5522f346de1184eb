"""The check result: exit policy and readiness, decided once, outside the renderers."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctgplan.check import CheckResult, readiness
from ctgplan.problems import Level, Problem
from ctgplan.reading import load_plan
from tests.conftest import SHIPPED_PLAN


def result(*levels: Level) -> CheckResult:
    """A check of no plan that found problems of these levels."""
    problems = [Problem("p.yaml", 1, 1, level, "code", "message") for level in levels]
    return CheckResult(Path("p.yaml"), None, ["p.yaml"], 0, problems)


@pytest.mark.parametrize(("levels", "strict", "failed"), [
    ((), False, False), ((), True, False),
    ((Level.WARNING,), False, False), ((Level.WARNING,), True, True),
    ((Level.ERROR,), False, True), ((Level.ERROR, Level.WARNING), False, True),
])
def test_failed_follows_errors_and_strict_warnings(
        levels: tuple[Level, ...], strict: bool, failed: bool) -> None:
    """Errors fail the check; warnings fail it only with --strict."""
    assert result(*levels).failed(strict) is failed


def test_counts() -> None:
    """Errors and warnings are counted apart."""
    checked = result(Level.ERROR, Level.WARNING, Level.WARNING)
    assert (checked.errors, checked.warnings) == (1, 2)


def test_readiness_of_the_shipped_plan() -> None:
    """The adopted plan has 62 indicators, none with a baseline or a target yet."""
    plan = load_plan(SHIPPED_PLAN).plan
    assert plan is not None
    assert readiness(plan).as_dict() == {"indicators": 62, "without_baseline": 62,
                                         "without_targets": 62, "actions_without_indicator": 0}
    assert result().readiness is None
