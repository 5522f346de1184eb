"""How far each indicator is towards its target: pure computation, no I/O.

``progress`` measures a value from the baseline to the target, following the
direction; ``statuses`` gives the latest value and progress of each indicator
of an action from its recorded values (read by ``reading.load_records``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ctgplan.model import Action, Direction, Indicator, Kind

if TYPE_CHECKING:
    from ctgplan.sidecar import Record


@dataclass(frozen=True)
class IndicatorStatus:
    """The latest value of an indicator and how far it is towards its target."""

    indicator: str
    latest: Record | None
    target: float | None
    target_year: int | None
    progress: float | None
    """Share of the way from the baseline to the target, in percent (None: unknown)."""

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        latest = self.latest
        return {
            "latest": None if latest is None else {
                k: v for k, v in latest.as_dict().items() if k not in ("action", "indicator")},
            "target": self.target,
            "target_year": self.target_year,
            "progress": None if self.progress is None else round(self.progress, 1),
        }


def progress(indicator: Indicator, value: float, year: int) -> tuple[float | None, float | None,
                                                                      int | None]:
    """``(progress %, target, target year)`` of ``value`` measured in ``year``.

    The target is that of ``year`` if there is one, else the last one. Progress is
    measured from the baseline (0 when there is none) and follows the direction: a
    decrease target is met when the value falls to it.
    """
    if not indicator.targets:
        return None, None, None
    target_year = year if year in indicator.targets else max(indicator.targets)
    target = indicator.targets[target_year]
    start = indicator.baseline.value if indicator.baseline else 0.0
    if indicator.direction is Direction.MAINTAIN:
        share = 100.0 if value >= target else (value / target * 100 if target else None)
        return share, target, target_year
    if indicator.direction is Direction.DECREASE and indicator.baseline is None:
        return None, target, target_year
    if target == start:
        return (100.0 if value == target else 0.0), target, target_year
    return (value - start) / (target - start) * 100, target, target_year


def _measured(record: Record, indicator: Indicator) -> float | None:
    if indicator.kind is Kind.QUANTITATIVE:
        return None if record.value is None else float(record.value)
    if record.satisfied is not None:
        return float(record.satisfied)
    return None if record.score is None else float(record.score)


def statuses(action: Action, records: list[Record]) -> list[IndicatorStatus]:
    """The status of each indicator of ``action`` from its recorded values."""
    result = []
    for indicator in action.indicators:
        mine = [r for r in records if r.indicator == indicator.id]
        latest = max(mine, key=lambda r: (str(r.period), r.index), default=None)
        share = target = target_year = None
        if latest is not None:
            value = _measured(latest, indicator)
            if value is not None:
                share, target, target_year = progress(indicator, value, latest.year)
        elif indicator.targets:
            target_year = max(indicator.targets)
            target = indicator.targets[target_year]
        result.append(IndicatorStatus(indicator.id, latest, target, target_year, share))
    return result
