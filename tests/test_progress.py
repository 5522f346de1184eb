"""Progress towards targets, aware of baseline and direction."""

from __future__ import annotations

import pytest

from ctgplan.model import Indicator
from ctgplan.progress import progress


def indicator(**fields: object) -> Indicator:
    """A quantitative count indicator with the given extra fields."""
    return Indicator.model_validate({"id": "QT1", "kind": "quantitative", "unit": "count",
                                     "label": "Participants", **fields})


@pytest.mark.parametrize(("fields", "value", "year", "expected"), [
    # increase from a baseline: (57 - 30) / (60 - 30) = 90 %
    ({"baseline": {"value": 30, "year": 2025}, "direction": "increase",
      "targets": {2026: 60, 2028: 90}}, 57, 2026, (90.0, 60, 2026)),
    # a year without its own target is measured against the last target
    ({"baseline": {"value": 30, "year": 2025}, "direction": "increase",
      "targets": {2026: 60, 2028: 90}}, 60, 2027, (50.0, 90, 2028)),
    # without a baseline there is no progress ("progress needs both", as ctg check says)
    ({"direction": "increase", "targets": {2027: 40}}, 10, 2027, (None, 40, 2027)),
    # a decrease is met when the value falls: (100 - 80) / (100 - 60) = 50 %
    ({"baseline": {"value": 100, "year": 2025}, "direction": "decrease",
      "targets": {2028: 60}}, 80, 2026, (50.0, 60, 2028)),
    # a decrease that went up is negative progress
    ({"baseline": {"value": 100, "year": 2025}, "direction": "decrease",
      "targets": {2028: 60}}, 110, 2026, (-25.0, 60, 2028)),
    # a decrease without baseline cannot be measured
    ({"direction": "decrease", "targets": {2028: 60}}, 80, 2026, (None, 60, 2028)),
    # maintain: met at or above the target
    ({"direction": "maintain", "targets": {2026: 20}}, 25, 2026, (100.0, 20, 2026)),
    ({"direction": "maintain", "targets": {2026: 20}}, 15, 2026, (75.0, 20, 2026)),
    ({"direction": "maintain", "targets": {2026: 20}}, 20, 2026, (100.0, 20, 2026)),
    # "at or above": a target of 0 kept at 0 is met (a strict > would leave it unknown)
    ({"direction": "maintain", "targets": {2026: 0}}, 0, 2026, (100.0, 0, 2026)),
    # no target: no progress
    ({}, 12, 2026, (None, None, None)),
])
def test_progress(fields: dict[str, object], value: float, year: int,
                  expected: tuple[float | None, float | None, int | None]) -> None:
    """The share of the way from baseline to target, following the direction."""
    assert progress(indicator(**fields), value, year) == expected


def test_a_quarterly_indicator_is_compared_on_the_years_total() -> None:
    """Three quarters of 10, 20, 15 make 45 for the year: (45 - 30) / (60 - 30) = 50 %; a
    percentage by month is the mean; the latest is the most recent period, not the oldest."""
    from ctgplan.model import Action
    from ctgplan.progress import statuses
    from ctgplan.sidecar import Record

    action = Action.model_validate({
        "id": "A-1", "theme": "T", "need": "n", "objective": "o", "action": "Faire",
        "lead": "caf", "calendar": "2026", "indicators": [
            {"id": "QT1", "kind": "quantitative", "unit": "count", "label": "Séances",
             "frequency": "quarter", "baseline": {"value": 30, "year": 2025},
             "direction": "increase", "targets": {2026: 60}},
            {"id": "QT2", "kind": "quantitative", "unit": "percent", "label": "Taux",
             "frequency": "month", "baseline": {"value": 20, "year": 2025},
             "direction": "increase", "targets": {2026: 60}}]})
    records = [Record("A-1", "QT1", period, "a", "t", value=value, index=index)
               for index, (period, value) in enumerate(
                   [("2026-Q2", 20), ("2026-Q1", 10), ("2026-Q3", 15), ("2025-Q4", 99)])]
    records += [Record("A-1", "QT2", "2026-01", "a", "t", value=30, index=4),
                Record("A-1", "QT2", "2026-02", "a", "t", value=50, index=5)]
    first, second = statuses(action, records)
    assert (first.latest, first.progress) == (records[2], 50.0)
    assert (second.latest, second.progress) == (records[5], 50.0)
