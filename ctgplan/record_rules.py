"""Rules on recorded values against the plan, one small function each.

Every rule takes a ``RecordContext``, a record and what it refers to (its action
and indicator, or None when the plan has no such pair) and returns the problems
it finds; ``RECORD_RULES`` lists them in the order they run. Adding a rule is
one function and one line in ``RECORD_RULES``.

Written for a million records: the common, valid case costs a few lookups and
comparisons per rule; messages and positions are only built for records with a
problem. A record's position is found by parsing its file again, only then
(``RecordContext.document``), so the rules never keep node trees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ctgplan import units
from ctgplan.i18n import N_, _
from ctgplan.model import Action, Frequency, Indicator, Kind, Plan, Unit
from ctgplan.problems import Level, Problem
from ctgplan.sidecar import Record
from ctgplan.yamldoc import Document

Target = tuple[Action, Indicator]
NONE: tuple[Problem, ...] = ()


@dataclass
class RecordContext:
    """What the record rules see: the plan, indexed, and what earlier records said.

    ``read_document`` parses a file to locate a problem (``yamldoc.read_yaml`` by
    default; a test may hand over documents parsed from text).
    """

    plan: Plan
    read_document: Callable[[str], Document]
    actions: dict[str, Action] = field(default_factory=dict)
    targets: dict[tuple[str, str], Target] = field(default_factory=dict)
    seen: dict[tuple[str, str, int | str], tuple[str, int]] = field(default_factory=dict)
    """Where the value of each (action, indicator, period) was first seen."""
    stems: dict[str, str] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)

    @classmethod
    def of_plan(cls, plan: Plan, read_document: Callable[[str], Document] | None = None
                ) -> RecordContext:
        """A context for checking records against ``plan``."""
        if read_document is None:
            from ctgplan.yamldoc import read_yaml

            def read_document(name: str) -> Document:
                return read_yaml(Path(name))

        return cls(plan, read_document, actions={a.id: a for a in plan.actions},
                   targets={(a.id, i.id): (a, i) for a in plan.actions for i in a.indicators})

    def document(self, name: str) -> Document:
        """The parsed document of a file (parsed on first use, kept until ``forget``)."""
        doc = self.documents.get(name)
        if doc is None:
            doc = self.documents[name] = self.read_document(name)
        return doc

    def forget(self) -> None:
        """Drop the parsed documents (between files: memory stays flat)."""
        self.documents.clear()

    def problem(self, record: Record, loc: tuple[str | int, ...], level: Level, code: str,
                message: str) -> Problem:
        """A problem located at ``loc`` inside ``record``."""
        return self.document(record.file).problem((record.index, *loc), level, code, message)


RecordRule = Callable[[RecordContext, Record, "Target | None"], Iterable[Problem]]


def right_file(ctx: RecordContext, record: Record, target: Target | None) -> Iterable[Problem]:
    """A record lives in the file of its action."""
    stem = ctx.stems.get(record.file)
    if stem is None:
        stem = ctx.stems[record.file] = Path(record.file).stem
    if record.action == stem:
        return NONE
    return (ctx.problem(record, ("action",), Level.ERROR, "wrong-file",
                        _("record of action {action!r} in the file of {stem!r}: move it "
                          "to {action}.yaml").format(action=record.action, stem=stem)),)


def known_target(ctx: RecordContext, record: Record, target: Target | None
                 ) -> Iterable[Problem]:
    """The action and the indicator a record names are in the plan."""
    if target is not None:
        return NONE
    action = ctx.actions.get(record.action)
    if action is None:
        return (ctx.problem(record, ("action",), Level.ERROR, "unknown-action",
                            _("action {action!r} is not in the plan (was it renamed or "
                              "removed?): fix the id or remove the record").format(
                                  action=record.action)),)
    valid = ", ".join(i.id for i in action.indicators) or _("none")
    return (ctx.problem(record, ("indicator",), Level.ERROR, "unknown-indicator",
                        _("action {action} has no indicator {indicator!r} (its "
                          "indicators: {valid}): fix the id or remove the record").format(
                              action=record.action, indicator=record.indicator, valid=valid)),)


def values(ctx: RecordContext, record: Record, target: Target | None) -> Iterable[Problem]:
    """A value fits its indicator: a number of its unit, or a survey's summary and figures."""
    if target is None:
        return NONE
    indicator = target[1]
    if indicator.kind is Kind.QUANTITATIVE and (  # the usual valid record: no message built
            record.value is not None and record.summary is None
            and record.respondents is None and record.score is None
            and record.satisfied is None
            and units.check_quantity(indicator.unit or Unit.NUMBER, record.value) is None):
        return NONE
    return list(_value_problems(ctx, record, indicator))


def _value_problems(ctx: RecordContext, record: Record, indicator: Indicator
                    ) -> Iterator[Problem]:
    if indicator.kind is Kind.QUANTITATIVE:
        if record.value is None:
            yield ctx.problem(record, (), Level.ERROR, "missing-key",
                              _("{indicator} is quantitative: the record needs a value"
                                ).format(indicator=indicator.id))
            return
        unit = indicator.unit or Unit.NUMBER
        error = units.check_quantity(unit, record.value)
        if error:
            yield ctx.problem(record, ("value",), Level.ERROR, "bad-value",
                              _("{indicator} expects {expected}: {error}").format(
                                  indicator=indicator.id, expected=_(units.EXPECTED[unit]),
                                  error=error))
        for key in ("summary", "respondents", "score", "satisfied"):
            if getattr(record, key) is not None:
                yield ctx.problem(record, (key,), Level.ERROR, "bad-value",
                                  _("{key} belongs to qualitative indicators; {indicator} "
                                    "is quantitative").format(key=key, indicator=indicator.id))
        return
    if record.value is not None:
        yield ctx.problem(record, ("value",), Level.ERROR, "bad-value",
                          _("{indicator} is qualitative: record a summary (and "
                            "respondents, score or satisfied), not a value").format(
                                indicator=indicator.id))
    if not record.summary:
        yield ctx.problem(record, (), Level.ERROR, "missing-key",
                          _("{indicator} is qualitative: the record needs a summary").format(
                              indicator=indicator.id))
    checks = (("respondents", units.check_respondents(record.respondents)),
              ("satisfied", units.check_share(record.satisfied, "satisfied")),
              ("score", units.check_score(indicator, record.score)))
    for key, error in checks:
        if getattr(record, key) is not None and error:
            yield ctx.problem(record, (key,), Level.ERROR, "bad-value", error)


def years(ctx: RecordContext, record: Record, target: Target | None) -> Iterable[Problem]:
    """A period lies in the plan period, and should lie in the action's calendar."""
    if target is None:
        return NONE
    action = target[0]
    period = record.period
    year = period if isinstance(period, int) else int(period[:4])
    span = ctx.plan.plan.period
    if not span.start <= year <= span.end:
        return (ctx.problem(record, ("period",), Level.ERROR, "year-out-of-range",
                            _("period {period} is outside the plan period {span}").format(
                                period=period, span=span)),)
    if not action.calendar.start <= year <= action.calendar.end:
        return (ctx.problem(record, ("period",), Level.WARNING, "outside-calendar",
                            _("period {period} is outside the calendar of {action} "
                              "({calendar})").format(period=period, action=action.id,
                                                     calendar=action.calendar)),)
    return NONE


_EXPECTED_PERIOD = {Frequency.YEAR: N_("a year (2026)"),
                    Frequency.QUARTER: N_("a quarter (2026-Q2)"),
                    Frequency.MONTH: N_("a month (2026-03)")}
_MEASURED_BY = {
    Frequency.YEAR: N_("{indicator} is measured by year: its period is {expected}, not "
                       "{period!r}"),
    Frequency.QUARTER: N_("{indicator} is measured by quarter: its period is {expected}, not "
                          "{period!r}"),
    Frequency.MONTH: N_("{indicator} is measured by month: its period is {expected}, not "
                        "{period!r}"),
}


def frequency(ctx: RecordContext, record: Record, target: Target | None) -> Iterable[Problem]:
    """A period is a year, a quarter or a month, as often as the indicator is measured."""
    if target is None:
        return NONE
    indicator = target[1]
    period = record.period
    frequency = Frequency.YEAR if isinstance(period, int) else (
        Frequency.QUARTER if "Q" in period else Frequency.MONTH)
    if frequency is indicator.frequency:
        return NONE
    return (ctx.problem(record, ("period",), Level.ERROR, "bad-period",
                        _(_MEASURED_BY[indicator.frequency]).format(
                            indicator=indicator.id,
                            expected=_(_EXPECTED_PERIOD[indicator.frequency]),
                            period=record.period)),)


def duplicates(ctx: RecordContext, record: Record, target: Target | None) -> Iterable[Problem]:
    """One value per indicator and period, unless a later one says what it replaces."""
    if target is None:
        return NONE
    key = (record.action, record.indicator, record.period)
    earlier = ctx.seen.get(key)
    ctx.seen[key] = (record.file, record.index)
    if earlier is not None and record.replaces is None:
        line, _col = ctx.document(earlier[0]).position((earlier[1],))
        return (ctx.problem(
            record, (), Level.ERROR, "duplicate-value",
            _("a second value for {action} {indicator} {period} (the value it repeats is at "
              "line {line}): remove one, or mark the later one as a correction with "
              "`replaces: <reason>`").format(action=record.action, indicator=record.indicator,
                                             period=record.period, line=line)),)
    if earlier is None and record.replaces is not None:
        return (ctx.problem(record, ("replaces",), Level.WARNING, "nothing-replaced",
                            _("this record replaces a value, but no earlier value exists for "
                              "this indicator and period")),)
    return NONE


RECORD_RULES: tuple[RecordRule, ...] = (
    right_file,
    known_target,
    values,
    years,
    frequency,
    duplicates,
)
"""The rules on recorded values, in the order they run on each record."""


def check_records(ctx: RecordContext, records: Iterable[Record]) -> list[Problem]:
    """The problems of ``records`` (duplicates of records checked before included)."""
    problems: list[Problem] = []
    targets, rules, extend = ctx.targets, RECORD_RULES, problems.extend
    for record in records:
        target = targets.get((record.action, record.indicator))
        for rule in rules:
            found = rule(ctx, record, target)
            if found:
                extend(found)
    return problems
