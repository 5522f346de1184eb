"""What each command shows, as plain data: tables and the action sheet. No I/O.

A ``Table`` holds the columns and rows people read (table, csv, markdown) and
the records scripts read (json); the renderers in ``render_table`` format it.
The builders here are the only place that decides what a listing's columns and
json keys are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ctgplan import query
from ctgplan.history import Entry
from ctgplan.model import Action, Plan
from ctgplan.progress import IndicatorStatus


@dataclass(frozen=True)
class Table:
    """A listing: columns and rows for people, records for scripts.

    ``limit`` (0: none) caps the rows of the table format only, keeping the first
    rows (or the last ones with ``from_end``); ``more`` says on stderr how many were
    left out (``{count}``). ``empty`` is printed instead of a table with no row.
    """

    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    records: Any
    wide: Sequence[str] = ()
    limit: int = 0
    from_end: bool = False
    more: str = ""
    empty: str = ""


def actions_table(plan: Plan, actions: Sequence[Action], *, limit: int = 0) -> Table:
    """``ctg list``: one row per action."""
    rows = []
    for action in actions:
        theme, lead = plan.theme(action.theme), plan.partner(action.lead)
        rows.append([action.id, theme.label if theme else action.theme, action.action,
                     lead.name if lead else action.lead, str(action.calendar)])
    return Table(["ID", "Theme", "Action", "Lead", "Years"], rows,
                 [query.action_record(plan, a) for a in actions], wide=("Action",),
                 limit=limit, more="... {count} more actions not shown: use --limit 0, or "
                 "--format csv\n", empty="No action matches these filters.\n")


def themes_table(plan: Plan) -> Table:
    """``ctg themes``: each theme with its number of actions."""
    counts = query.theme_counts(plan)
    return Table(["ID", "Theme", "Actions"], [list(c) for c in counts],
                 [{"id": i, "label": label, "actions": n} for i, label, n in counts],
                 wide=("Theme",))


def partners_table(plan: Plan) -> Table:
    """``ctg partners``: each partner with the actions it leads and is associated with."""
    counts = query.partner_counts(plan)
    aliases = {p.id: list(p.aliases) for p in plan.partners}
    return Table(
        ["ID", "Name", "Aliases", "Lead", "Associated"],
        [[i, name, ", ".join(aliases[i]), led, assoc] for i, name, led, assoc in counts],
        [{"id": i, "name": name, "aliases": aliases[i], "lead": led, "associated": assoc}
         for i, name, led, assoc in counts],
        wide=("Name", "Aliases"))


def indicators_table(actions: Sequence[Action]) -> Table:
    """``ctg indicators``: the indicators of ``actions``, to collect."""
    rows, records = [], []
    for action in actions:
        for indicator in action.indicators:
            data = query.indicator_record(indicator)
            targets = ", ".join(f"{y}: {v:g}" for y, v in indicator.targets.items())
            base = indicator.baseline
            rows.append([action.id, indicator.id, indicator.kind.value, data["unit"] or "",
                         indicator.label, f"{base.value:g} ({base.year})" if base else "",
                         targets])
            records.append({"action": action.id, **data})
    return Table(["Action", "ID", "Kind", "Unit", "Indicator", "Baseline", "Targets"], rows,
                 records, wide=("Indicator",))


def history_table(entries: Sequence[Entry], *, limit: int = 0) -> Table:
    """``ctg history``: the recorded values, oldest first, each current or replaced."""
    rows, records = [], []
    for entry in entries:
        r = entry.record
        shown = r.value if r.value is not None else r.summary
        rows.append([r.action, r.indicator, r.period, shown, r.recorded_by, r.recorded_at[:10],
                     entry.status, r.replaces or r.note or ""])
        records.append({**r.as_dict(), "status": entry.status})
    return Table(["Action", "Indicator", "Period", "Value", "By", "On", "Status", "Note"],
                 rows, records, wide=("Value", "Note"), limit=limit, from_end=True,
                 more="... {count} earlier values not shown: use --limit 0, or --format csv\n",
                 empty="No recorded value matches.\n")


@dataclass(frozen=True)
class ActionSheet:
    """``ctg show``: everything about one action and the status of its indicators."""

    record: dict[str, Any]
    statuses: list[IndicatorStatus] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The json form: the action's record, each indicator with its status."""
        indicators = [{**indicator, **state.as_dict()} for indicator, state in
                      zip(self.record["indicators"], self.statuses, strict=True)]
        return {**self.record, "indicators": indicators}


def action_sheet(plan: Plan, action: Action, statuses: list[IndicatorStatus]) -> ActionSheet:
    """The sheet of ``action``."""
    return ActionSheet(query.action_record(plan, action), statuses)
