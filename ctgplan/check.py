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

from ctgplan.model import Plan
from ctgplan.plan_json import PlanResult
from ctgplan.problems import Level, Problem
from ctgplan.record_rules import RecordContext, check_records
from ctgplan.sidecar import Loaded
from ctgplan.status_file import StatusFile
from ctgplan.status_rules import check as check_statuses
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


@dataclass
class CheckResult:
    """The plan and its recorded values, checked together (what ``ctg check`` reports)."""

    plan: PlanResult
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
        return readiness(self.plan.plan) if self.plan.plan is not None else None


def check_plan_and_values(plan: PlanResult, values: Iterable[Loaded],
                          read_document: Callable[[str], Document] | None = None,
                          statuses: Iterable[StatusFile] = ()) -> CheckResult:
    """Check each values file read by ``values``, then each status file, against ``plan``."""
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
    return CheckResult(plan, files, records, problems)
