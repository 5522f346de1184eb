"""The review for the steering committee, as data: what every report format shows.

``build`` reads the plan's recorded values and statuses and returns a ``Review``: a
cover, a summary (actions by status, indicators by outcome), the themes with their
actions and indicators (baseline, target, value and rate for each year), and the gaps.
Renderers (HTML, Markdown, XLSX, JSON) only lay it out. The rate of a value is the one
``ctg show`` computes (``report.progress``: direction-aware, from the baseline).

A yearly review shows every year of the plan up to the reviewed one; ``final`` shows
every year of the plan. A year's value is the one in force at the year's latest period
(for an indicator measured by quarter or month), as ``ctg show`` reads the latest.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctgplan.i18n import _
from ctgplan.model import Action, Indicator, Kind, Plan, YearSpan

if TYPE_CHECKING:
    from ctgplan.status import StatusRecord
    from ctgplan.store import Record

FORMAT_VERSION = 1
"""Version of the JSON layout; bumped only when a key changes meaning or disappears."""

MET, NOT_MET, NOT_MEASURABLE = "met", "not-met", "not-measurable"
OUTCOMES = (MET, NOT_MET, NOT_MEASURABLE)


@dataclass(frozen=True)
class Cover:
    """What the report is about."""

    title: str
    territory: str
    period: str
    year: int | None
    """The reviewed year (None for the final review)."""
    final: bool
    date: str
    """The day the report was made, ISO (2026-11-29)."""
    revision: str | None
    """``git rev-parse --short HEAD`` of the plan's repository, if any."""
    dirty: bool
    """True when the repository had uncommitted changes."""


@dataclass(frozen=True)
class Survey:
    """A qualitative result."""

    summary: str | None
    respondents: int | None
    satisfied: float | None
    score: float | None


@dataclass(frozen=True)
class YearValue:
    """An indicator in one year: target, realised value and rate."""

    year: int
    target: float | None
    """The target the rate is measured against: the year's own, else the plan's last."""
    target_year: int | None
    """The year of that target."""
    value: float | None
    """The number compared with the target (share satisfied or score for a survey)."""
    period: str | None
    """The period of the value (2026, 2026-Q4, 2026-12)."""
    rate: float | None
    """Share of the way from the baseline to the target, in percent."""
    survey: Survey | None
    source: str | None
    note: str | None
    recorded_by: str | None
    recorded_at: str | None


@dataclass(frozen=True)
class IndicatorReview:
    """An indicator of an action, over the years shown."""

    id: str
    label: str
    kind: str
    unit: str | None
    direction: str | None
    baseline: float | None
    baseline_year: int | None
    targets: dict[int, float]
    years: list[YearValue]
    outcome: str
    """``met``, ``not-met`` or ``not-measurable`` at the reviewed year (final: the last)."""
    rate: float | None
    """The rate of that value."""
    measured: bool
    """True when there is a value for the reviewed year (final: for any year)."""

    def points(self) -> list[YearValue]:
        """The years with a realised value."""
        return [y for y in self.years if y.value is not None]


@dataclass(frozen=True)
class StatusView:
    """The status of an action in a year."""

    year: int
    status: str
    note: str | None
    decision: str | None
    recorded_by: str
    recorded_at: str


@dataclass(frozen=True)
class ActionReview:
    """An action: its texts, its status and its indicators."""

    id: str
    theme: str
    action: str
    need: str
    objective: str
    levers: str | None
    lead: str
    partners: list[str]
    calendar: str
    active: bool
    """True when the calendar covers the reviewed year (final: always)."""
    status: StatusView | None
    """The status of the reviewed year (final: of the latest year with one)."""
    statuses: list[StatusView]
    """Every year's status in the years shown."""
    indicators: list[IndicatorReview]


@dataclass(frozen=True)
class ThemeReview:
    """A theme and its actions."""

    id: str
    label: str
    statuses: dict[str, int]
    """Actions by status id (``none``: no status)."""
    actions: list[ActionReview]


@dataclass(frozen=True)
class Summary:
    """The figures of the first page."""

    actions: int
    statuses: dict[str, int]
    indicators: int
    with_value: int
    outcomes: dict[str, int]


@dataclass(frozen=True)
class MissingItem:
    """Something still to collect for the reviewed year."""

    lead: str
    action: str
    kind: str
    indicator: str | None
    label: str | None
    periods: list[str]


@dataclass(frozen=True)
class Review:
    """Everything a report shows."""

    cover: Cover
    years: list[int]
    summary: Summary
    themes: list[ThemeReview]
    missing: list[MissingItem]
    format_version: int = field(default=FORMAT_VERSION)


def status_labels() -> dict[str, str]:
    """Status id -> label in the current language, in the order of an action's life."""
    from ctgplan import status

    return {s: status.label(s) for s in (*status.STATUSES, status.NONE)}


def outcome_labels() -> dict[str, str]:
    """Outcome id -> label in the current language."""
    return {MET: _("Target met"), NOT_MET: _("Target not met"),
            NOT_MEASURABLE: _("Not measurable yet")}


# Building ----------------------------------------------------------------------------


def revision(folder: Path) -> tuple[str | None, bool]:
    """The short git revision of the repository holding ``folder`` and whether it has
    uncommitted changes; ``(None, False)`` outside a repository or without git."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=folder,
                              capture_output=True, text=True, encoding="utf-8", timeout=10,
                              check=False)
        if head.returncode != 0 or not head.stdout.strip():
            return None, False
        changes = subprocess.run(["git", "status", "--porcelain", "--", "."], cwd=folder,
                                 capture_output=True, text=True, encoding="utf-8",
                                 timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None, False
    return head.stdout.strip(), bool(changes.stdout.strip())


def _measured(record: Record, indicator: Indicator) -> float | None:
    if indicator.kind is Kind.QUANTITATIVE:
        return None if record.value is None else float(record.value)
    if record.satisfied is not None:
        return float(record.satisfied)
    return None if record.score is None else float(record.score)


def _year_values(indicator: Indicator, records: list[Record], years: list[int],
                 calendar: YearSpan) -> list[YearValue]:
    from ctgplan.report import progress

    latest: dict[int, Record] = {}
    for record in records:  # the last written of the latest period of each year wins
        period = record.period
        year = period if isinstance(period, int) else int(period[:4])
        kept = latest.get(year)
        if kept is None or str(period) >= str(kept.period):
            latest[year] = record
    out = []
    for year in years:
        found = latest.get(year)
        if found is None and not calendar.covers(year):
            continue  # not scheduled that year, and nothing measured
        target = indicator.targets.get(year)
        target_year = year if target is not None else None
        if found is None:
            out.append(YearValue(year, target, target_year, None, None, None, None, None,
                                 None, None, None))
            continue
        record = found
        value = _measured(record, indicator)
        rate = None
        if value is not None:
            rate, target, target_year = progress(indicator, value, year)
        survey = None if indicator.kind is Kind.QUANTITATIVE else Survey(
            record.summary, record.respondents,
            None if record.satisfied is None else float(record.satisfied),
            None if record.score is None else float(record.score))
        out.append(YearValue(year, target, target_year, value, str(record.period),
                             None if rate is None else round(rate, 1), survey, record.source,
                             record.note, record.recorded_by, record.recorded_at))
    return out


def _indicator(indicator: Indicator, records: list[Record], years: list[int], final: bool,
               calendar: YearSpan) -> IndicatorReview:
    values = _year_values(indicator, records, years, calendar)
    if final:  # the final review judges the last value measured
        last = next((v for v in reversed(values) if v.value is not None), None)
    else:  # a yearly review judges the reviewed year's value
        last = next((v for v in values if v.year == years[-1] and v.value is not None), None)
    rate = last.rate if last is not None else None
    outcome = NOT_MEASURABLE if rate is None else (MET if rate >= 100 else NOT_MET)
    base = indicator.baseline
    return IndicatorReview(
        id=indicator.id, label=indicator.label, kind=indicator.kind.value,
        unit=indicator.unit.value if indicator.unit else None,
        direction=indicator.direction.value if indicator.direction else None,
        baseline=base.value if base else None, baseline_year=base.year if base else None,
        targets=dict(sorted(indicator.targets.items())), years=values, outcome=outcome,
        rate=rate, measured=last is not None)


def _view(record: StatusRecord) -> StatusView:
    return StatusView(record.year, record.status, record.note, record.decision,
                      record.recorded_by, record.recorded_at)


def _action(plan: Plan, action: Action, records: list[Record],
            statuses: dict[tuple[str, int], StatusRecord], years: list[int], year: int | None
            ) -> ActionReview:
    def name(pid: str) -> str:
        partner = plan.partner(pid)
        return partner.name if partner else pid

    need, objective = plan.need(action.need), plan.objective(action.objective)
    views = [_view(statuses[(action.id, y)]) for y in years if (action.id, y) in statuses]
    mine: dict[str, list[Record]] = {i.id: [] for i in action.indicators}
    for record in records:
        found = mine.get(record.indicator)
        if found is not None:
            found.append(record)
    if year is not None:
        current = next((v for v in views if v.year == year), None)
    else:
        current = views[-1] if views else None
    return ActionReview(
        id=action.id, theme=action.theme, action=action.action,
        need=need.text if need else action.need,
        objective=objective.text if objective else action.objective,
        levers=action.levers, lead=name(action.lead),
        partners=[name(p) for p in action.partners], calendar=str(action.calendar),
        active=year is None or action.calendar.covers(year), status=current,
        statuses=views,
        indicators=[_indicator(i, mine[i.id], years, year is None, action.calendar)
                    for i in action.indicators])


def build(plan_path: Path, plan: Plan, *, year: int | None, final: bool = False,
          today: dt.date | None = None) -> tuple[Review, int]:
    """The review of ``year`` (or the final review), and the number of unreadable records.

    Values are read one action's file at a time: memory follows the plan, not the history.
    """
    from ctgplan import status as status_mod
    from ctgplan import todo

    period = plan.plan.period
    if final or year is None:
        years, reviewed = list(period.years()), None
    else:
        years, reviewed = list(range(period.start, year + 1)), year
    from ctgplan.load import paused_gc

    statuses, errors = status_mod.load_current(plan_path)
    actions: dict[str, list[ActionReview]] = {t.id: [] for t in plan.themes}
    gaps: list[todo.Gap] = []
    with paused_gc():  # many small objects, no cycles
        for action, records, bad in todo.values_by_action(plan_path, plan):
            errors += bad
            actions.setdefault(action.theme, []).append(
                _action(plan, action, records, statuses, years, reviewed))
            if reviewed is not None:
                gaps += todo.action_gaps(plan, action, reviewed, records,
                                         statuses.get((action.id, reviewed)))
    themes = []
    for theme in plan.themes:
        mine = actions.get(theme.id, [])
        themes.append(ThemeReview(theme.id, theme.label, _count_statuses(mine), mine))
    every = [a for t in themes for a in t.actions]
    indicators = [i for a in every for i in a.indicators]
    outcomes = dict.fromkeys(OUTCOMES, 0)
    for indicator in indicators:
        outcomes[indicator.outcome] += 1
    with_value = sum(1 for i in indicators if i.measured)
    summary = Summary(len(every), _count_statuses(every), len(indicators), with_value,
                      outcomes)
    missing = [MissingItem(lead, g.action, g.kind, g.indicator, g.label, list(g.periods))
               for lead, items in todo.by_lead(gaps, plan) for g in items]
    rev, dirty = revision(plan_path.parent)
    info = plan.plan
    cover = Cover(info.title, info.territory, str(period), reviewed, final or year is None,
                  (today or dt.date.today()).isoformat(), rev, dirty)
    return Review(cover, years, summary, themes, missing), errors


def _count_statuses(actions: list[ActionReview]) -> dict[str, int]:
    from ctgplan import status as status_mod

    counts = dict.fromkeys((*status_mod.STATUSES, status_mod.NONE), 0)
    for action in actions:
        counts[action.status.status if action.status else status_mod.NONE] += 1
    return counts


# JSON --------------------------------------------------------------------------------


def as_data(review: Review) -> dict[str, Any]:
    """The review as plain JSON-ready data (the documented, stable contract)."""
    result: dict[str, Any] = _plain(review)
    return result


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """Dataclasses to dicts (fields in order), mapping keys to text; no copying of leaves."""
    kind = type(value)
    names = _FIELDS.get(kind)
    if names is None and is_dataclass(value):
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if kind is list:
        return [_plain(v) for v in value]
    if kind is dict:
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def to_json(review: Review) -> str:
    """The review as JSON text: UTF-8, indented, keys in a fixed order."""
    return json.dumps(as_data(review), ensure_ascii=False, indent=2) + "\n"
