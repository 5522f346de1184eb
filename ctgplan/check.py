"""The result of ``ctg check``: the plan and its values files checked together.

``CheckResult`` holds every problem, the files and records read, what the yearly
evaluation will lack (``readiness``) and the exit policy (``failed(strict)``).
``check_plan_and_values`` builds it from a loaded plan and the values files read
one after another (memory stays flat); ``reading.check_all`` is the cached
entry point that reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ctgplan.problems import Level, Problem

if TYPE_CHECKING:
    from ctgplan.model import Plan
    from ctgplan.plan_json import PlanResult
    from ctgplan.sidecar import Loaded
    from ctgplan.status_file import StatusFile
    from ctgplan.yamldoc import Document


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


@dataclass(frozen=True)
class PlanFacts:
    """What ``ctg check`` says of a plan without errors: its size and its readiness."""

    actions: int
    themes: int
    partners: int
    indicators: int
    readiness: Readiness

    def as_list(self) -> list[int]:
        """The numbers, in order (how the cache keeps them)."""
        r = self.readiness
        return [self.actions, self.themes, self.partners, self.indicators, r.indicators,
                r.without_baseline, r.without_targets, r.actions_without_indicator]

    @classmethod
    def from_list(cls, numbers: list[int]) -> PlanFacts:
        """The inverse of ``as_list``."""
        actions, themes, partners, indicators, *rest = numbers
        return cls(actions, themes, partners, indicators, Readiness(*rest))


def facts(plan: Plan) -> PlanFacts:
    """Count what the plan holds and what its evaluation will lack."""
    return PlanFacts(len(plan.actions), len(plan.themes), len(plan.partners),
                     sum(len(a.indicators) for a in plan.actions), readiness(plan))


@dataclass
class CheckResult:
    """The plan and its recorded values, checked together (what ``ctg check`` reports).

    It keeps what is said of the plan (``facts``), not the plan itself, so that a check
    served from the cache does not rebuild the plan.
    """

    path: Path
    """The plan's file."""
    facts: PlanFacts | None
    """None when the plan has errors that make it unusable."""
    files: list[str]
    records: int
    problems: list[Problem]

    @property
    def errors(self) -> int:
        """How many problems are errors."""
        return sum(1 for p in self.problems if p.level is Level.ERROR)

    @property
    def warnings(self) -> int:
        """How many problems are warnings."""
        return sum(1 for p in self.problems if p.level is Level.WARNING)

    @property
    def notes(self) -> int:
        """How many problems are information only (they never fail the check)."""
        return sum(1 for p in self.problems if p.level is Level.INFO)

    def failed(self, strict: bool = False) -> bool:
        """True when the check fails: errors, or with ``strict`` warnings too (never notes)."""
        return self.errors > 0 or (strict and self.warnings > 0)

    @property
    def readiness(self) -> Readiness | None:
        """What the evaluation will lack; None when the plan has errors."""
        return self.facts.readiness if self.facts is not None else None


def check_plan_and_values(plan: PlanResult, values: Iterable[Loaded],
                          read_document: Callable[[str], Document] | None = None,
                          statuses: Iterable[StatusFile] = ()) -> CheckResult:
    """Check each values file read by ``values``, then each status file, against ``plan``."""
    from ctgplan.record_rules import RecordContext, check_records
    from ctgplan.status_rules import check as check_statuses

    problems = list(plan.problems)
    files = [str(plan.path)]
    records = 0
    ctx = RecordContext.of_plan(plan.plan, read_document) if plan.plan is not None else None
    for loaded in values:
        problems += loaded.problems
        if ctx is not None:
            problems += check_records(ctx, loaded.records)
            ctx.forget()
        files += loaded.files
        records += len(loaded.records)
    if plan.plan is not None:
        problems += check_statuses(plan.plan, statuses)[1]
    return CheckResult(plan.path, facts(plan.plan) if plan.plan is not None else None, files,
                       records, problems)
