"""Reports computed from a plan, independent of how they are shown."""

from __future__ import annotations

from dataclasses import dataclass

from ctgplan.model import Plan


@dataclass(frozen=True)
class Readiness:
    """What the yearly evaluation will lack: indicators without baseline or target."""

    indicators: int
    without_baseline: int
    without_targets: int
    actions_without_indicator: int

    def as_dict(self) -> dict[str, int]:
        """JSON-ready form."""
        return {
            "indicators": self.indicators,
            "without_baseline": self.without_baseline,
            "without_targets": self.without_targets,
            "actions_without_indicator": self.actions_without_indicator,
        }


def readiness(plan: Plan) -> Readiness:
    """Count the indicators that cannot yet be evaluated against a target."""
    indicators = [i for a in plan.actions for i in a.indicators]
    return Readiness(
        indicators=len(indicators),
        without_baseline=sum(1 for i in indicators if i.baseline is None),
        without_targets=sum(1 for i in indicators if not i.targets),
        actions_without_indicator=sum(1 for a in plan.actions if not a.indicators),
    )
