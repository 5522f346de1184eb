"""``ctg diff --format json``: the stable contract for scripts (keys documented in the README)."""

from __future__ import annotations

import json
from typing import Any

from ctgplan.diffmodel import (
    ADDED,
    CORRECTED,
    SECTIONS,
    WITHDRAWN,
    ActionChange,
    FieldChange,
    ItemChange,
    PlanDiff,
)
from ctgplan.render_base import Rendered
from ctgplan.render_diff import DiffReport, Sides
from ctgplan.revisions import Source


def as_json(diff: PlanDiff, sides: Sides, *, color: bool = False, verbose: bool = False
            ) -> str:
    """The stable contract for scripts (keys documented in the README)."""
    data = {
        "old": _side(sides.old),
        "new": _side(sides.new),
        "changed": not diff.empty,
        "plan": [_field_json(c) for c in diff.plan],
        **{section: [_item_json(i) for i in diff.section(section)] for section in SECTIONS},
        "actions": [_action_json(a) for a in diff.actions],
        "values": None if diff.values is None else {
            "per_action": {a: {k: c[k] for k in (ADDED, CORRECTED, WITHDRAWN)}
                           for a, c in diff.values.per_action().items()},
            "records": [{"change": r.change, "action": r.action, "indicator": r.indicator,
                         "period": r.period, "value": r.value, "recorded_by": r.recorded_by,
                         "recorded_at": r.recorded_at, "reason": r.reason}
                        for r in diff.values.records],
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _side(source: Source) -> dict[str, Any]:
    return {"revision": source.revision, "path": source.path.as_posix()}


def _field_json(change: FieldChange) -> dict[str, Any]:
    data: dict[str, Any] = {"field": change.field, "kind": change.kind}
    if change.kind in ("value", "text"):
        data.update(old=change.old, new=change.new)
    if change.kind == "text":
        data["words"] = [{"op": s.op, "text": s.text} for s in change.words]
    if change.kind == "set":
        data.update(added=list(change.added), removed=list(change.removed))
    if change.kind == "years":
        data["years"] = [{"year": y.year, "old": y.old, "new": y.new} for y in change.years]
    return data


def _item_json(item: ItemChange) -> dict[str, Any]:
    return {"status": item.status, "id": item.id, "label": item.label,
            "changes": [_field_json(c) for c in item.changes]}


def _action_json(action: ActionChange) -> dict[str, Any]:
    return {
        "status": action.status, "id": action.id, "old_id": action.old_id,
        "theme": action.theme, "text": action.text,
        "changes": [_field_json(c) for c in action.changes],
        "indicators": [{"status": i.status, "id": i.id, "label": i.label,
                        "changes": [_field_json(c) for c in i.changes],
                        "indicator": i.indicator.model_dump(mode="json")
                        if i.indicator is not None else None}
                       for i in action.indicators],
        "action": action.action.model_dump(mode="json") if action.action is not None else None,
    }


def rendered(report: DiffReport, *, color: bool = False, width: int = 100) -> Rendered:
    """The registry's entry (``render.render("diff", "json", report)``): ``as_json``."""
    return Rendered(as_json(report.diff, report.sides, color=color, verbose=report.verbose))
