"""Each rule on recorded values called alone: the exact problems it yields."""

from __future__ import annotations

from ctgplan import record_rules
from ctgplan.model import Plan
from ctgplan.problems import Problem
from ctgplan.record_rules import RecordContext, RecordRule
from ctgplan.sidecar import Record
from ctgplan.yamldoc import Document, parse

PLAN = Plan.model_validate({
    "plan": {"title": "T", "territory": "X", "adopted": "2025-11-24", "period": "2025-2028"},
    "themes": [{"id": "PAR", "label": "Parentalité"}],
    "partners": [{"id": "caf", "name": "CAF"}],
    "needs": [{"id": "n1", "text": "Besoin"}],
    "objectives": [{"id": "o1", "text": "Objectif"}],
    "actions": [{
        "id": "A-1", "theme": "PAR", "need": "n1", "objective": "o1", "action": "Faire",
        "lead": "caf", "calendar": "2026-2027",
        "indicators": [
            {"id": "QT1", "kind": "quantitative", "unit": "count", "label": "Nombre"},
            {"id": "QT2", "kind": "quantitative", "unit": "count", "label": "Par trimestre",
             "frequency": "quarter"},
            {"id": "QL1", "kind": "qualitative", "label": "Satisfaction",
             "scale": {"min": 1, "max": 5}},
        ]}],
})
R = 'recorded_by: "a", recorded_at: "2026-11-29T10:00:00Z"'
"""The two required fields every test line ends with."""

Found = list[tuple[int, int, str, str, str]]


def run(rule: RecordRule, *lines: str, name: str = "A-1.yaml") -> Found:
    """Run ``rule`` alone on the records of a values file holding ``lines``."""
    doc = parse("".join(f"- {{{line}, {R}}}\n" for line in lines), name)
    assert doc.problems == []
    documents: dict[str, Document] = {name: doc}
    ctx = RecordContext.of_plan(PLAN, documents.__getitem__)
    problems: list[Problem] = []
    for index, fields in enumerate(doc.data):
        record = Record(**fields, file=name, index=index)
        problems += rule(ctx, record, ctx.targets.get((record.action, record.indicator)))
    return [(p.line, p.col, p.level.value, p.code, p.message) for p in problems]


def test_valid_records_pass_every_rule() -> None:
    """A year value, a quarter value and a survey result: no rule reports anything."""
    lines = ('action: "A-1", indicator: "QT1", period: 2026, value: 12',
             'action: "A-1", indicator: "QT2", period: "2026-Q2", value: 3',
             'action: "A-1", indicator: "QL1", period: 2027, summary: "Bien", score: 4.5')
    assert [(rule.__name__, run(rule, *lines)) for rule in record_rules.RECORD_RULES] == [
        (rule.__name__, []) for rule in record_rules.RECORD_RULES]


def test_right_file() -> None:
    """A record of another action is in the wrong file."""
    assert run(record_rules.right_file, 'action: "A-2", indicator: "QT1", period: 2026, '
               'value: 1') == [
        (1, 12, "error", "wrong-file",
         "record of action 'A-2' in the file of 'A-1': move it to A-2.yaml")]


def test_known_target() -> None:
    """An unknown action, and an unknown indicator of a known action."""
    assert run(record_rules.known_target,
               'action: "A-9", indicator: "QT1", period: 2026, value: 1',
               'action: "A-1", indicator: "QT9", period: 2026, value: 1') == [
        (1, 12, "error", "unknown-action",
         "action 'A-9' is not in the plan (was it renamed or removed?): fix the id or remove "
         "the record"),
        (2, 30, "error", "unknown-indicator",
         "action A-1 has no indicator 'QT9' (its indicators: QT1, QT2, QL1): fix the id or "
         "remove the record")]


def test_values_of_a_quantitative_indicator() -> None:
    """A count that is negative, a count with survey figures, a count without value."""
    assert run(record_rules.values,
               'action: "A-1", indicator: "QT1", period: 2026, value: -2',
               'action: "A-1", indicator: "QT1", period: 2027, value: 2, satisfied: 80',
               'action: "A-1", indicator: "QT1", period: 2028') == [
        (1, 58, "error", "bad-value",
         "QT1 expects a whole number, 0 or more (for example 12): -2 is not a whole number "
         "of 0 or more"),
        (2, 72, "error", "bad-value",
         "satisfied belongs to qualitative indicators; QT1 is quantitative"),
        (3, 3, "error", "missing-key", "QT1 is quantitative: the record needs a value")]


def test_values_of_a_survey() -> None:
    """A survey with a value, without summary, with figures out of their range."""
    assert run(record_rules.values,
               'action: "A-1", indicator: "QL1", period: 2026, value: 3',
               'action: "A-1", indicator: "QL1", period: 2027, summary: "Bien", '
               'respondents: -1, satisfied: 120, score: 7') == [
        (1, 58, "error", "bad-value",
         "QL1 is qualitative: record a summary (and respondents, score or satisfied), not a "
         "value"),
        (1, 3, "error", "missing-key", "QL1 is qualitative: the record needs a summary"),
        (2, 81, "error", "bad-value", "respondents is a whole number of 0 or more, not -1"),
        (2, 96, "error", "bad-value",
         "satisfied is a percentage from 0 to 100, not 120"),
        (2, 108, "error", "bad-value", "score is on the scale 1 to 5, not 7")]


def test_years() -> None:
    """Outside the plan period is an error; outside the action's calendar a warning."""
    assert run(record_rules.years,
               'action: "A-1", indicator: "QT1", period: 2030, value: 1',
               'action: "A-1", indicator: "QT1", period: 2025, value: 1') == [
        (1, 45, "error", "year-out-of-range",
         "period 2030 is outside the plan period 2025-2028"),
        (2, 45, "warning", "outside-calendar",
         "period 2025 is outside the calendar of A-1 (2026-2027)")]


def test_frequency() -> None:
    """A quarterly indicator needs a quarter; a yearly one a year."""
    assert run(record_rules.frequency,
               'action: "A-1", indicator: "QT2", period: 2026, value: 1',
               'action: "A-1", indicator: "QT1", period: "2026-03", value: 1') == [
        (1, 45, "error", "bad-period",
         "QT2 is measured by quarter: its period is a quarter (2026-Q2), not 2026"),
        (2, 45, "error", "bad-period",
         "QT1 is measured by year: its period is a year (2026), not '2026-03'")]


def test_duplicates_and_corrections() -> None:
    """A second value needs `replaces`; a correction of nothing is a warning."""
    assert run(record_rules.duplicates,
               'action: "A-1", indicator: "QT1", period: 2026, value: 1',
               'action: "A-1", indicator: "QT1", period: 2026, value: 2',
               'action: "A-1", indicator: "QT1", period: 2026, value: 3, replaces: "x"',
               'action: "A-1", indicator: "QT1", period: 2027, value: 3, replaces: "y"') == [
        (2, 3, "error", "duplicate-value",
         "a second value for A-1 QT1 2026 (the value it repeats is at line 1): remove one, "
         "or mark the later one as a correction with `replaces: <reason>`"),
        (4, 71, "warning", "nothing-replaced",
         "this record replaces a value, but no earlier value exists for this indicator and "
         "period")]


def test_check_records_runs_the_rules_in_order_on_each_record() -> None:
    """All rules on one record: problems in the order of RECORD_RULES."""
    doc = parse(f'- {{action: "A-2", indicator: "QT1", period: 2031, value: 1, {R}}}\n'
                f'- {{action: "A-1", indicator: "QT2", period: 2031, value: -1, {R}}}\n',
                "A-1.yaml")
    ctx = RecordContext.of_plan(PLAN, {"A-1.yaml": doc}.__getitem__)
    records = [Record(**f, file="A-1.yaml", index=i) for i, f in enumerate(doc.data)]
    assert [(p.line, p.code) for p in record_rules.check_records(ctx, records)] == [
        (1, "wrong-file"), (1, "unknown-action"), (2, "bad-value"), (2, "year-out-of-range"),
        (2, "bad-period")]
