"""Building the review for the steering committee (pure): the plan, its recorded values
and the statuses in force turned into a ``review.Review``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ctgplan import todo
from ctgplan.corrections import in_force
from ctgplan.model import Action, Indicator, Kind, Plan, YearSpan
from ctgplan.progress import progress, year_value
from ctgplan.review import (
    MET,
    NOT_MEASURABLE,
    NOT_MET,
    OUTCOMES,
    ActionReview,
    Cover,
    IndicatorReview,
    MissingItem,
    Review,
    StatusView,
    Summary,
    Survey,
    ThemeReview,
    YearValue,
)
from ctgplan.status_file import NONE, STATUSES

if TYPE_CHECKING:
    from ctgplan.sidecar import Record
    from ctgplan.status_file import StatusRecord


def _year_values(indicator: Indicator, records: list[Record], years: list[int],
                 calendar: YearSpan) -> list[YearValue]:
    """Each year's value as ``ctg show`` reads it (``progress.year_value``: a quarterly or
    monthly indicator's total, mean or any-done over the year), from the values in force;
    the period, survey, source and note of the year's latest one. A year where a period
    holds two values in force (a merge not yet settled) has no value to compare."""
    by_year: dict[int, list[Record]] = {}
    for record in in_force(records):
        by_year.setdefault(record.year, []).append(record)
    out = []
    for year in years:
        mine = by_year.get(year, [])
        if not mine and not calendar.covers(year):
            continue  # not scheduled that year, and nothing measured
        target = indicator.targets.get(year)
        target_year = year if target is not None else None
        if not mine:
            out.append(YearValue(year, target, target_year, None, None, None, None, None,
                                 None, None, None))
            continue
        record = max(mine, key=lambda r: (str(r.period), r.index))
        disputed = len({str(r.period) for r in mine}) < len(mine)
        value = None if disputed else year_value(indicator, mine)
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


def build(plan: Plan, values: Iterable[tuple[Action, list[Record], int]],
          statuses: dict[tuple[str, int], StatusRecord], *, year: int | None,
          final: bool = False, today: dt.date | None = None,
          revision: tuple[str | None, bool] = (None, False)) -> tuple[Review, int]:
    """The review of ``year`` (or the final review), and the number of unreadable records.

    ``values`` gives each action with its recorded values and the errors in its file, one
    action at a time (``reading.values_by_action``): memory follows the plan, not the
    history. ``statuses`` are the statuses in force (``status_query.current``),
    ``revision`` the plan's git revision and whether it has uncommitted changes.
    """
    period = plan.plan.period
    if final or year is None:
        years, reviewed = list(period.years()), None
    else:
        years, reviewed = list(range(period.start, year + 1)), year
    errors = 0
    actions: dict[str, list[ActionReview]] = {t.id: [] for t in plan.themes}
    gaps: list[todo.Gap] = []
    for action, records, bad in values:
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
    rev, dirty = revision
    info = plan.plan
    cover = Cover(info.title, info.territory, str(period), reviewed, final or year is None,
                  (today or dt.date.today()).isoformat(), rev, dirty)
    return Review(cover, years, summary, themes, missing), errors


def _count_statuses(actions: list[ActionReview]) -> dict[str, int]:
    counts = dict.fromkeys((*STATUSES, NONE), 0)
    for action in actions:
        counts[action.status.status if action.status else NONE] += 1
    return counts
