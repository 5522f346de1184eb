"""What each command shows, as plain data: tables and the action sheet. No I/O.

A ``Table`` holds the columns and rows people read (table, csv, markdown) and
the records scripts read (json); the renderers in ``render_table`` format it.
The builders here are the only place that decides what a listing's columns and
json keys are.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ctgplan import query
from ctgplan.i18n import N_, _, day, number
from ctgplan.model import Action, Indicator, Plan

if TYPE_CHECKING:
    from ctgplan.history import Entry
    from ctgplan.progress import IndicatorStatus


@dataclass(frozen=True)
class Table:
    """A listing: ``items`` shown as ``row``s for people, as ``record``s for scripts.

    Rows and records are built only for what is printed: ``limit`` (0: none) caps
    the rows of the table format, keeping the first items (or the last ones with
    ``from_end``), and ``more`` says on stderr how many were left out (``{count}``).
    ``empty`` is printed instead of a table without rows. ``items`` may be a lazy
    iterable (csv and json stream it: a million values are never held at once);
    ``skipped`` counts items a builder already left out before them.
    """

    columns: Sequence[str]
    items: Iterable[Any]
    row: Callable[[Any], Sequence[Any]]
    record: Callable[[Any], Any]
    wide: Sequence[str] = ()
    limit: int = 0
    from_end: bool = False
    more: str = ""
    empty: str = ""
    skipped: int = 0
    flat: bool = False
    """Every record is a mapping of scalars, not empty (json can skip looking)."""

    def rows(self) -> Iterator[Sequence[Any]]:
        """Every row, one at a time."""
        return map(self.row, self.items)

    def records(self) -> Iterator[Any]:
        """Every record (the json contract), one at a time."""
        return map(self.record, self.items)

    def has_items(self) -> bool:
        """True when there is something to show (``items`` must be a sequence)."""
        return bool(self.skipped or self.items)

    def shown(self) -> tuple[list[Sequence[Any]], int]:
        """The rows within the limit, and how many items were left out."""
        items = list(self.items)
        count = len(items)
        if self.limit and count > self.limit:
            items = items[-self.limit:] if self.from_end else items[:self.limit]
        return [self.row(item) for item in items], count - len(items) + self.skipped


def actions_table(plan: Plan, actions: Sequence[Action], *, limit: int = 0) -> Table:
    """``ctg list``: one row per action."""

    def row(action: Action) -> list[Any]:
        theme, lead = plan.theme(action.theme), plan.partner(action.lead)
        return [action.id, theme.label if theme else action.theme, action.action,
                lead.name if lead else action.lead, str(action.calendar)]

    return Table([_("ID"), _("Theme"), _("Action"), _("Lead"), _("Years")], actions, row,
                 lambda action: query.action_record(plan, action), wide=(_("Action"),),
                 limit=limit, more=_("... {count} more actions not shown: use --limit 0, or "
                                     "--format csv") + "\n",
                 empty=_("No action matches these filters.") + "\n")


def themes_table(plan: Plan) -> Table:
    """``ctg themes``: each theme with its number of actions."""
    return Table([_("ID"), _("Theme"), _("Actions")], query.theme_counts(plan), list,
                 lambda c: {"id": c[0], "label": c[1], "actions": c[2]}, wide=(_("Theme"),))


def partners_table(plan: Plan) -> Table:
    """``ctg partners``: each partner with the actions it leads and is associated with."""
    aliases = {p.id: list(p.aliases) for p in plan.partners}
    return Table(
        [_("ID"), _("Name"), _("Aliases"), _("Lead"), _("Associated")],
        query.partner_counts(plan),
        lambda c: [c[0], c[1], ", ".join(aliases[c[0]]), c[2], c[3]],
        lambda c: {"id": c[0], "name": c[1], "aliases": aliases[c[0]], "lead": c[2],
                   "associated": c[3]},
        wide=(_("Name"), _("Aliases")))


def indicators_table(actions: Sequence[Action]) -> Table:
    """``ctg indicators``: the indicators of ``actions``, to collect."""

    def row(pair: tuple[Action, Indicator]) -> list[Any]:
        action, indicator = pair
        targets = ", ".join(_("{year}: {value}").format(year=y, value=number(v, None))
                            for y, v in indicator.targets.items())
        base = indicator.baseline
        return [action.id, indicator.id, indicator.kind.value,
                indicator.unit.value if indicator.unit else "", indicator.label,
                _("{value} ({year})").format(value=number(base.value, None), year=base.year)
                if base else "", targets]

    return Table([_("Action"), _("ID"), _("Kind"), _("Unit"), _("Indicator"), _("Baseline"),
                  _("Targets")],
                 [(a, i) for a in actions for i in a.indicators], row,
                 lambda pair: {"action": pair[0].id, **query.indicator_record(pair[1])},
                 wide=(_("Indicator"),))


def _history_row(entry: Entry) -> list[Any]:
    r = entry.record
    shown = r.value if r.value is not None else r.summary
    return [r.action, r.indicator, r.period, shown, r.recorded_by, day(r.recorded_at),
            _(_STATUS.get(entry.status, entry.status)), r.replaces or r.note or ""]


_STATUS = {"current": N_("current"), "replaced": N_("replaced")}
"""History statuses as people read them (json keeps the English word)."""


def _history_record(entry: Entry) -> dict[str, Any]:
    record = entry.record.as_dict()
    record["status"] = entry.status
    return record


def history_table(entries: Iterable[Entry], *, limit: int = 0, lazy: bool = False) -> Table:
    """``ctg history``: the recorded values, oldest first, each current or replaced.

    With ``limit``, only the last ``limit`` entries are kept (the others counted);
    ``lazy`` keeps ``entries`` as they come, for a renderer that streams them.
    """
    items: Iterable[Entry]
    skipped = 0
    if limit:
        kept: deque[Entry] = deque(maxlen=limit)
        for entry in entries:
            if len(kept) == limit:
                skipped += 1
            kept.append(entry)
        items = list(kept)
    else:
        items = entries if lazy else list(entries)
    return Table([_("Action"), _("Indicator"), _("Period"), _("Value"), _("By"), _("On"),
                  _("Status"), _("Note")],
                 items, _history_row, _history_record, skipped=skipped, flat=True,
                 wide=(_("Value"), _("Note")), limit=limit, from_end=True,
                 more=_("... {count} earlier values not shown: use --limit 0, or --format "
                        "csv") + "\n", empty=_("No recorded value matches.") + "\n")


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
