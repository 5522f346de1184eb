"""What is still missing before the committee meets: values and statuses of a year.

An action counts for a year when its calendar covers the year. For it, every indicator
needs a value for the year (each quarter or month for an indicator measured that often)
and the action needs a status. The gaps are grouped by lead: the person to ask.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ctgplan.model import Action, Frequency, Indicator, Plan

if TYPE_CHECKING:
    from ctgplan.status import StatusRecord
    from ctgplan.store import Record

VALUE = "value"
STATUS = "status"


@dataclass(frozen=True)
class Gap:
    """One thing to collect: a value of an indicator, or the status of an action."""

    lead: str
    lead_name: str
    action: str
    action_text: str
    kind: str
    """``value`` or ``status``."""
    indicator: str | None
    label: str | None
    periods: tuple[str, ...]
    """The periods without a value (the year itself for a yearly indicator)."""

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form (a stable contract)."""
        return {"lead": {"id": self.lead, "name": self.lead_name}, "action": self.action,
                "kind": self.kind, "indicator": self.indicator, "label": self.label,
                "periods": list(self.periods)}


def periods(indicator: Indicator, year: int) -> tuple[str, ...]:
    """Every period of ``year`` at which ``indicator`` is measured."""
    if indicator.frequency is Frequency.QUARTER:
        return tuple(f"{year}-Q{q}" for q in range(1, 5))
    if indicator.frequency is Frequency.MONTH:
        return tuple(f"{year}-{m:02d}" for m in range(1, 13))
    return (str(year),)


def action_gaps(plan: Plan, action: Action, year: int, records: Iterable[Record],
                status: StatusRecord | None) -> list[Gap]:
    """The gaps of one action for ``year`` (none when its calendar does not cover it)."""
    if not action.calendar.covers(year):
        return []
    lead = plan.partner(action.lead)
    lead_name = lead.name if lead else action.lead
    prefix = str(year)
    recorded = {(r.indicator, str(r.period)) for r in records
                if str(r.period).startswith(prefix)}
    gaps = []
    if status is None:
        gaps.append(Gap(action.lead, lead_name, action.id, action.action, STATUS, None, None,
                        (str(year),)))
    for indicator in action.indicators:
        lacking = tuple(p for p in periods(indicator, year)
                        if (indicator.id, p) not in recorded)
        if lacking:
            gaps.append(Gap(action.lead, lead_name, action.id, action.action, VALUE,
                            indicator.id, indicator.label, lacking))
    return gaps


def by_lead(gaps: Iterable[Gap], plan: Plan) -> list[tuple[str, list[Gap]]]:
    """Gaps grouped by lead name, leads in the order of the plan's partners."""
    order = {p.id: n for n, p in enumerate(plan.partners)}
    groups: dict[str, list[Gap]] = {}
    for gap in gaps:
        groups.setdefault(gap.lead, []).append(gap)
    ranked = sorted(groups.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    return [(items[0].lead_name, items) for _lead, items in ranked]


def values_by_action(plan_path: Path, plan: Plan) -> Iterator[tuple[Action, list[Record], int]]:
    """Each action with its readable recorded values and the number of errors in its file.

    One sidecar at a time, so that memory does not grow with the history.
    """
    from ctgplan.problems import Level
    from ctgplan.store import Loaded, read_sidecar, sidecar_files

    present = {p.stem: p for p in sidecar_files(plan_path)}
    for action in plan.actions:
        path = present.get(action.id)
        if path is None:
            yield action, [], 0
            continue
        loaded = Loaded()
        read_sidecar(path, loaded)
        errors = sum(1 for p in loaded.problems if p.level is Level.ERROR)
        yield action, [r for r in loaded.records if r.action == action.id], errors


def gaps(plan_path: Path, plan: Plan, year: int) -> tuple[list[Gap], int]:
    """Every gap of ``year`` in the plan, and the number of unreadable records met."""
    from ctgplan import status as status_mod
    from ctgplan.load import paused_gc

    statuses, errors = status_mod.load_current(plan_path)
    found: list[Gap] = []
    with paused_gc():  # many small objects, no cycles
        for action, records, bad in values_by_action(plan_path, plan):
            errors += bad
            found += action_gaps(plan, action, year, records, statuses.get((action.id, year)))
    return found, errors
