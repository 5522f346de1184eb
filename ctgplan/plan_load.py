"""Reading a plan: text -> YAML document -> pydantic models -> cross-record rules.

``read_plan`` never raises on bad content: it returns the plan (when it is valid)
together with every problem found, each located at ``line:col``. It does not
use the cache; ``reading.load_plan`` is the cached entry point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ctgplan import plan_rules
from ctgplan.i18n import _
from ctgplan.model import (
    Action,
    Need,
    Objective,
    Partner,
    Plan,
    PlanInfo,
    Span,
    Theme,
    YearSpan,
)
from ctgplan.plan_rules import Context
from ctgplan.problems import Level, Problem
from ctgplan.schema_errors import schema_problems
from ctgplan.yamldoc import Document, read_yaml


@dataclass
class PlanResult:
    """A loaded plan: the validated plan, or None when it has errors, and the problems."""

    path: Path
    plan: Plan | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems of level error."""
        return [p for p in self.problems if p.level is Level.ERROR]


_SECTION_MODELS: dict[str, type[BaseModel]] = {
    "themes": Theme, "partners": Partner, "needs": Need, "objectives": Objective,
    "actions": Action,
}


def read_plan(path: Path) -> PlanResult:
    """Read, parse and validate the plan at ``path``; collect every problem."""
    return validate_document(read_yaml(path), path)


def plan_from_text(text: str, path: Path) -> PlanResult:
    """Parse and validate plan ``text`` (read from git, say) as if it were the file ``path``."""
    from ctgplan.yamldoc import parse

    return validate_document(parse(text, str(path)), path)


def validate_document(doc: Document, path: Path) -> PlanResult:
    """Validate a parsed plan document; collect every problem."""
    result = PlanResult(path, None, list(doc.problems))
    if doc.root is None:
        return result
    data = doc.data
    if not isinstance(data, dict):
        result.problems.append(doc.problem((), Level.ERROR, "wrong-type",
                                           _("the plan must be a YAML mapping with the keys "
                                             "plan, themes, partners, needs, objectives, "
                                             "actions")))
        return result
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        result.problems.extend(schema_problems(doc, exc.errors(), ()))
        ctx = _partial_context(doc, data)
    else:
        ctx = Context.of_plan(doc, plan)
        result.plan = plan
    result.problems.extend(plan_rules.run(ctx))
    result.problems = _unique_sorted(result.problems)
    if result.errors:
        result.plan = None
    return result


def _partial_context(doc: Document, data: dict[str, Any]) -> Context:
    """The records that pass the schema on their own, so every rule still runs."""
    ctx = Context(doc, complete=False, raw_actions=plan_rules.raw_actions(data))
    ctx.period = _period(data.get("plan"))
    for section, model in _SECTION_MODELS.items():
        raw = data.get(section)
        items = raw if isinstance(raw, list) else []
        valid: list[tuple[int, Any]] = []
        declared: set[str] = set()
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                declared.add(item["id"])
            try:
                valid.append((index, model.model_validate(item)))
            except ValidationError as exc:
                if model is Action:
                    _without_bad_indicators(ctx, index, item, exc, valid)
        setattr(ctx, section, valid)
        ctx.declared[section] = declared
    return ctx


def _period(info: object) -> YearSpan | None:
    """The plan period, even when another field of ``plan`` is wrong."""
    if not isinstance(info, dict):
        return None
    try:
        return PlanInfo.model_validate(info).period
    except ValidationError:
        pass
    try:
        return TypeAdapter(Span).validate_python(info.get("period"))
    except ValidationError:
        return None


def _without_bad_indicators(ctx: Context, index: int, item: Any,
                            exc: ValidationError, valid: list[tuple[int, Any]]) -> None:
    """Keep an action whose only errors are in some indicators, without those indicators."""
    locs = [e["loc"] for e in exc.errors()]
    indicators = item.get("indicators") if isinstance(item, dict) else None
    if not isinstance(indicators, list) or not all(
            len(loc) >= 2 and loc[0] == "indicators" and isinstance(loc[1], int)
            for loc in locs):
        return
    bad = {loc[1] for loc in locs}
    positions = [n for n in range(len(indicators)) if n not in bad]
    try:
        action = Action.model_validate({**item, "indicators": [indicators[n]
                                                              for n in positions]})
    except ValidationError:
        return
    valid.append((index, action))
    ctx.indicator_positions[index] = positions


def _unique_sorted(problems: list[Problem]) -> list[Problem]:
    """Problems in file order; a schema error at the spot of a YAML error is dropped."""
    yaml_spots = {(p.file, p.line, p.col) for p in problems if p.code.startswith("yaml-")}
    kept = {p for p in problems
            if p.code.startswith("yaml-") or (p.file, p.line, p.col) not in yaml_spots}
    return sorted(kept, key=lambda p: (p.file, p.line, p.col, p.code, p.message))
