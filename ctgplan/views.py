"""What each command shows, as plain data: tables and the action sheet. No I/O.

A ``Table`` holds the columns and rows people read (table, csv, markdown) and
the records scripts read (json); the renderers in ``render_table`` format it.
The builders here are the only place that decides what a listing's columns and
json keys are.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from ctgplan import query
from ctgplan.i18n import N_, _, number
from ctgplan.model import Action, Indicator, Plan

if TYPE_CHECKING:
    from ctgplan.progress import IndicatorStatus
    from ctgplan.sidecar import Record
    from ctgplan.status_file import StatusRecord
    from ctgplan.todo import Gap


@dataclass(frozen=True)
class Table:
    """A listing: ``items`` shown as ``row``s for people, as ``record``s for scripts.

    Rows and records are built only for what is printed: ``limit`` (0: none) caps
    the rows of the table format, keeping the first items (or the last ones with
    ``from_end``), and ``more`` says on stderr how many were left out (``{count}``).
    ``empty`` is printed instead of a table without rows. csv and json are written
    as the rows and records are made (``items`` may be a lazy iterable for them).
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
    flat: bool = False
    """Every record is a mapping of scalars, not empty (json can skip looking)."""
    export_columns: Sequence[str] = ()
    export_row: Callable[[Any], Sequence[Any]] | None = None
    """Every field, for csv and markdown (spreadsheets and reports), when the table for
    people shows fewer columns; numbers stay numbers."""

    def rows(self) -> Iterator[Sequence[Any]]:
        """Every row, one at a time."""
        return map(self.row, self.items)

    def exported(self) -> tuple[Sequence[str], Iterable[Sequence[Any]]]:
        """The columns and every row (one at a time) of the csv and markdown formats."""
        if self.export_row is None:
            return self.columns, self.rows()
        return self.export_columns, map(self.export_row, self.items)

    def records(self) -> Iterator[Any]:
        """Every record (the json contract), one at a time."""
        return map(self.record, self.items)

    def has_items(self) -> bool:
        """True when there is something to show (``items`` must be sized: a sequence, or
        an iterable read once that knows its length)."""
        return bool(self.items)

    def shown(self) -> tuple[list[Sequence[Any]], int]:
        """The rows within the limit, and how many items were left out (``items`` read
        once when it is not a sequence, holding no more than the limit)."""
        items = self.items if isinstance(self.items, Sized) else list(self.items)
        count = len(items)
        kept: Iterable[Any] = items
        if self.limit and count > self.limit:
            if isinstance(items, Sequence):
                kept = items[-self.limit:] if self.from_end else items[:self.limit]
            else:
                kept = deque(items, self.limit) if self.from_end else islice(items, self.limit)
        rows = [self.row(item) for item in kept]
        return rows, count - len(rows)


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


FULL_COLUMNS = [N_("ID"), N_("Theme"), N_("Need"), N_("Objective"), N_("Action"), N_("Levers"),
                N_("Lead"), N_("Partners"), N_("Calendar"), N_("Indicators"),
                N_("Latest values")]


def actions_full_table(plan: Plan, actions: Sequence[Action],
                       statuses: dict[str, list[IndicatorStatus]], *, limit: int = 0) -> Table:
    """``ctg list --full``: the whole action in one row (for a spreadsheet), with the latest
    value of each indicator; one line per partner, indicator or value inside a cell."""

    def row(action: Action) -> list[Any]:
        theme, lead = plan.theme(action.theme), plan.partner(action.lead)
        need, objective = plan.need(action.need), plan.objective(action.objective)
        partners = [(p.name if p else pid) for pid in action.partners
                    for p in [plan.partner(pid)]]
        indicators = [f"{i.id} {i.label} [{i.unit.value if i.unit else 'survey'}]"
                      for i in action.indicators]
        return [action.id, theme.label if theme else action.theme,
                need.text if need else action.need,
                objective.text if objective else action.objective, action.action,
                action.levers or "", lead.name if lead else action.lead, "\n".join(partners),
                str(action.calendar), "\n".join(indicators),
                "\n".join(latest_texts(action, statuses.get(action.id, [])))]

    return Table([_(c) for c in FULL_COLUMNS], actions, row,
                 lambda action: action_sheet(plan, action, statuses.get(action.id, [])
                                             ).as_dict(),
                 wide=tuple(_(c) for c in ("Need", "Objective", "Action", "Levers", "Partners",
                                           "Indicators", "Latest values")),
                 limit=limit, more=_("... {count} more actions not shown: use --limit 0, or "
                                     "--format csv") + "\n",
                 empty=_("No action matches these filters.") + "\n")


def latest_texts(action: Action, statuses: Sequence[IndicatorStatus]) -> list[str]:
    """``QT1: 5 (2026)`` for each indicator of ``action`` that has a value."""
    by_id = {i.id: i for i in action.indicators}
    texts = []
    for state in statuses:
        latest = state.latest
        if latest is None:
            continue
        texts.append(f"{state.indicator}: {value_text(by_id[state.indicator], latest)} "
                     f"({latest.period})")
    return texts


def value_text(indicator: Indicator, record: Record) -> str:
    """A recorded value for people: a number, oui/non for a milestone, a survey's result."""
    from ctgplan.model import Unit

    if record.value is None:
        return survey_text(record.summary, record.satisfied, record.score, record.respondents)
    if indicator.unit is Unit.MILESTONE:
        return _("oui") if record.value else _("non")
    return number(record.value, 6)


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


def survey_text(summary: str | None, satisfied: float | None, score: float | None,
                respondents: int | None) -> str:
    """A survey's result for people: its summary, then its figures in brackets."""
    from ctgplan.i18n import percent

    figures = []
    if satisfied is not None:
        figures.append(_("{share} satisfied").format(share=percent(satisfied)))
    if score is not None:
        figures.append(_("score {score}").format(score=number(score)))
    if respondents is not None:
        figures.append(_("{count} respondents").format(count=respondents))
    text = summary or ""
    return f"{text} ({', '.join(figures)})".strip() if figures else text


@dataclass(frozen=True)
class ActionSheet:
    """``ctg show``: everything about one action and the status of its indicators."""

    record: dict[str, Any]
    statuses: list[IndicatorStatus] = field(default_factory=list)
    history: list[StatusRecord] = field(default_factory=list)
    """The action's status in force for each year (``ctg status``), oldest year first."""

    def as_dict(self) -> dict[str, Any]:
        """The json form: the action's record, each indicator with its status, and the
        action's status of each year."""
        indicators = [{**indicator, **state.as_dict()} for indicator, state in
                      zip(self.record["indicators"], self.statuses, strict=True)]
        return {**self.record, "indicators": indicators,
                "status": [s.as_dict() for s in self.history]}


def action_sheet(plan: Plan, action: Action, statuses: list[IndicatorStatus],
                 history: list[StatusRecord] | None = None) -> ActionSheet:
    """The sheet of ``action``."""
    return ActionSheet(query.action_record(plan, action), statuses, history or [])


def _gap_cells(gap: Gap) -> list[str]:
    from ctgplan.todo import STATUS

    if gap.kind == STATUS:
        return [_("status"), "", gap.periods[0]]
    return [_("value"), f"{gap.indicator} {gap.label}", ", ".join(gap.periods)]


def todo_table(groups: Sequence[tuple[str, Sequence[Gap]]]) -> Table:
    """``ctg todo``: what is missing for a year, by lead (the person to ask)."""
    pairs = [(name, gap) for name, gaps in groups for gap in gaps]
    return Table([_("Lead"), _("Action"), _("Missing"), _("Indicator"), _("Periods")],
                 pairs, lambda pair: [pair[0], pair[1].action, *_gap_cells(pair[1])],
                 lambda pair: pair[1].as_dict(), wide=(_("Indicator"),))
