"""What is still missing before the committee meets: values and statuses of a year.

An action counts for a year when its calendar covers the year. For it, every indicator
needs a value for the year (each quarter or month for an indicator measured that often)
and the action needs a status. The gaps are grouped by lead: the person to ask.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ctgplan.model import Action, Frequency, Indicator, Plan

if TYPE_CHECKING:
    from ctgplan.sidecar import Record
    from ctgplan.status_file import StatusRecord

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


def gaps(plan: Plan, year: int, values: Iterable[tuple[Action, list[Record], int]],
         statuses: dict[tuple[str, int], StatusRecord]) -> tuple[list[Gap], int]:
    """Every gap of ``year`` in the plan, and the number of unreadable records met.

    ``values`` gives each action with its recorded values and the errors in its file
    (``reading.values_by_action``); ``statuses`` the statuses in force
    (``status_query.current``).
    """
    found: list[Gap] = []
    errors = 0
    for action, records, bad in values:
        errors += bad
        found += action_gaps(plan, action, year, records, statuses.get((action.id, year)))
    return found, errors
