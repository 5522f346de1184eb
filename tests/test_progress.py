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
    # without a baseline, progress starts from 0
    ({"direction": "increase", "targets": {2027: 40}}, 10, 2027, (25.0, 40, 2027)),
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
    # no target: no progress
    ({}, 12, 2026, (None, None, None)),
])
def test_progress(fields: dict[str, object], value: float, year: int,
                  expected: tuple[float | None, float | None, int | None]) -> None:
    """The share of the way from baseline to target, following the direction."""
    assert progress(indicator(**fields), value, year) == expected
