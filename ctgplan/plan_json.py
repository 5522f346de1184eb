"""A loaded plan (``PlanResult``), and a plan as plain JSON data and back, as cached.

``PlanResult`` is here, not in ``plan_load``, so that a plan read back from the
cache needs neither PyYAML nor the rules.

``dump`` is pydantic's own JSON form of the plan. ``rebuild`` builds the models
again from that form without validating them (what ``model_construct`` does,
without its per-field work): several times faster than ``Plan.model_validate``
on a 10,000-action plan. It is only
safe on data that ``dump`` wrote with this very code from a valid plan, which is
what the cache guarantees (an entry is used only under the hash of ctg's source
and the stamp of the plan file it was made from); anything else goes through
validation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ctgplan.model import (
    Action,
    Baseline,
    Direction,
    Frequency,
    Indicator,
    Kind,
    Need,
    Objective,
    Partner,
    Plan,
    PlanInfo,
    Scale,
    Theme,
    Unit,
    YearSpan,
)
from ctgplan.problems import Level, Problem

T = TypeVar("T", bound=BaseModel)


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


_new = object.__new__
_set = object.__setattr__


def _make(model: type[T], values: dict[str, Any]) -> T:
    """An instance of ``model`` holding ``values`` (every field), not validated."""
    made = _new(model)
    _set(made, "__dict__", values)
    _set(made, "__pydantic_fields_set__", set(values))
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


_KIND = {k.value: k for k in Kind}
_UNIT = {u.value: u for u in Unit}
_FREQUENCY = {f.value: f for f in Frequency}
_DIRECTION = {d.value: d for d in Direction}
"""Enum members by value: a dictionary lookup is much cheaper than calling the enum."""


def dump(plan: Plan) -> dict[str, Any]:
    """The plan as JSON-ready data."""
    return plan.model_dump(mode="json")


def _span(text: str | int) -> YearSpan:
    start, _dash, end = str(text).partition("-")
    return YearSpan(int(start), int(end or start))


def _indicator(d: dict[str, Any]) -> Indicator:
    # The decoded mapping becomes the model's own: ``dump`` wrote exactly its fields, in
    # their order (a plan of 10,000 actions has some 40,000 of them: no copy is made).
    scale, baseline, unit, direction, targets = (
        d["scale"], d["baseline"], d["unit"], d["direction"], d["targets"])
    d["kind"] = _KIND[d["kind"]]
    d["frequency"] = _FREQUENCY[d["frequency"]]
    if unit is not None:
        d["unit"] = _UNIT[unit]
    if scale is not None:
        d["scale"] = _make(Scale, scale)
    if baseline is not None:
        d["baseline"] = _make(Baseline, baseline)
    if direction is not None:
        d["direction"] = _DIRECTION[direction]
    if targets:
        d["targets"] = {int(year): value for year, value in targets.items()}
    return _make(Indicator, d)


def _action(d: dict[str, Any]) -> Action:
    d["indicators"] = [_indicator(i) for i in d["indicators"]]
    d["calendar"] = _span(d["calendar"])
    return _make(Action, d)


def rebuild(data: dict[str, Any]) -> Plan:
    """The plan ``dump`` gave, built again without validation (see the module's warning).

    ``data`` is taken over: its mappings become the models' own."""
    info = data["plan"]
    return _make(Plan, {
        "plan": _make(PlanInfo, {
            "title": info["title"], "territory": info["territory"],
            "adopted": dt.date.fromisoformat(info["adopted"]), "period": _span(info["period"])}),
        "themes": [_make(Theme, {"id": t["id"], "label": t["label"]}) for t in data["themes"]],
        "partners": [_make(Partner, {"id": p["id"], "name": p["name"], "aliases": p["aliases"]})
                     for p in data["partners"]],
        "needs": [_make(Need, {"id": n["id"], "text": n["text"]}) for n in data["needs"]],
        "objectives": [_make(Objective, {"id": o["id"], "text": o["text"]})
                       for o in data["objectives"]],
        "actions": [_action(a) for a in data["actions"]]})
