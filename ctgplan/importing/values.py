"""Record a whole table of indicator values: all of them, or none.

The table (CSV, TSV, XLSX, ODS) has a header row naming its columns, in French
or English: action, indicator, year or period, value, and optionally source,
note, respondents, satisfied, score, quarter, month. Each row goes through the
same parsing and checks as ``ctg record`` (``record_input.value_fields``,
``record_input.period_of``, and ``record_write.append`` in dry-run mode for the values
already recorded); every bad row gets a located problem, and nothing is
written unless every row is good.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ctgplan.fold import fold
from ctgplan.i18n import _, day, number
from ctgplan.model import Plan
from ctgplan.problems import CtgError, Level, Problem
from ctgplan.tables import Sheet, read_table

if TYPE_CHECKING:
    from ctgplan.sidecar import Record

_COLUMNS = (
    ("satisfied", r"satisf|%\s*satisf"),
    ("respondents", r"repondants?|respondents?|nombre de reponses"),
    ("score", r"^score|note moyenne|mean score"),
    ("indicator", r"indicat"),
    ("action", r"^(?:n\s*°\s*)?(?:action|fiche|id action|code action)"),
    ("quarter", r"trimestre|quarter"),
    ("month", r"^mois|^month"),
    ("year", r"annee|^an$|year|exercice|periode|period"),
    ("value", r"valeur|value|resultat|realise|chiffre|montant|nombre"),
    ("source", r"source"),
    ("note", r"note|commentaire|remarque|observation|comment"),
)
REQUIRED = ("action", "indicator", "year", "value")
_PERIOD = re.compile(r"^\s*(\d{4})(?:\s*[-/ ]?\s*(?:[QqTt]([1-4])|(\d{1,2})))?\s*$")


def column_of(header: str) -> str | None:
    """The field a header of the values table names, if any."""
    folded = fold(header)
    for name, pattern in _COLUMNS:
        if re.search(pattern, folded):
            return name
    return None


@dataclass
class Values:
    """The records a values table gives, and the problems of its rows."""

    records: list[Record] = field(default_factory=list)
    """In the table's order."""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """Values outside their action's calendar: recorded anyway, as `ctg record` does."""
    rows: int = 0


def read_values(path: Path, plan_path: Path, plan: Plan, *, recorded_by: str,
                recorded_at: str, sheet: str | None = None) -> Values:
    """Check every row of the values table at ``path``; write nothing."""
    from ctgplan import record_write

    table = read_table(path, sheet=sheet)
    found = None
    for candidate in table.sheets:
        header = _header(candidate)
        if header is not None:
            found = (candidate, header)
            break
    if found is None:
        raise CtgError(_("{path}: no header row found: name the columns action, indicator, "
                         "year and value (or action, indicateur, année, valeur)").format(
                             path=path))
    the_sheet, (header_row, columns) = found
    name = f"{path}[{the_sheet.name}]" if table.format not in ("csv", "tsv") else str(path)
    result = Values()
    seen: dict[tuple[str, str, str], int] = {}
    existing: dict[str, dict[tuple[str, str, str], Record]] = {}
    for r in range(header_row + 1, len(the_sheet.rows)):
        row = the_sheet.rows[r]
        if not any(cell.strip() for cell in row):
            continue
        result.rows += 1
        cells = {f: (c, row[c].strip() if c < len(row) else "") for f, c in columns.items()}
        record, problem = _record(name, r + 1, cells, plan, recorded_by, recorded_at)
        if problem is not None:
            result.problems.append(problem)
            continue
        assert record is not None
        key = (record.action, record.indicator, str(record.period))
        if key in seen:
            col = columns["value"] + 1
            result.problems.append(Problem(name, r + 1, col, Level.ERROR, "duplicate-value", _(
                "{action} {indicator} {period} is already on row {row} of this table: keep "
                "one row").format(action=key[0], indicator=key[1], period=key[2],
                                  row=seen[key])))
            continue
        seen[key] = r + 1
        previous = _existing(plan_path, record.action, existing).get(key)
        if previous is not None:
            shown = number(previous.value, None) if previous.value is not None else previous.summary
            result.problems.append(Problem(name, r + 1, columns["value"] + 1, Level.ERROR,
                                           "already-recorded", _(
                "{action} {indicator} already has a value for {period}: {value} (recorded by "
                "{by} on {day}); remove this row, or correct the value with `ctg record "
                "{action} {indicator} VALUE --year {year} --replace --reason TEXT`").format(
                    action=record.action, indicator=record.indicator, period=record.period,
                    value=shown, by=previous.recorded_by, day=day(previous.recorded_at),
                    year=record.year)))
            continue
        try:
            checked = record_write.append(plan_path, plan, record, dry_run=True)
        except CtgError as exc:
            result.problems.append(Problem(name, r + 1, columns["value"] + 1, Level.ERROR,
                                           "already-recorded", str(exc)))
            continue
        result.warnings += [Problem(name, r + 1, columns["year"] + 1, Level.WARNING,
                                    "outside-calendar", w) for w in checked.warnings]
        result.records.append(record)
    return result


def _existing(plan_path: Path, action: str, cache: dict[str, dict[tuple[str, str, str], Record]]
              ) -> dict[tuple[str, str, str], Record]:
    """The values already recorded for ``action``, by (action, indicator, period)."""
    from ctgplan import reading

    if action not in cache:
        loaded = reading.load_records(plan_path, only=[action])
        cache[action] = {(r.action, r.indicator, str(r.period)): r for r in loaded.records}
    return cache[action]


def _header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(sheet.rows[:20]):
        columns: dict[str, int] = {}
        for col, text in enumerate(row):
            name = column_of(text) if text.strip() else None
            if name is not None and name not in columns:
                columns[name] = col
        if all(f in columns for f in REQUIRED):
            return index, columns
    return None


def _record(name: str, row: int, cells: dict[str, tuple[int, str]], plan: Plan,
            recorded_by: str, recorded_at: str) -> tuple[Record | None, Problem | None]:
    from ctgplan import query, record_input, sidecar

    def problem(field_name: str, code: str, message: str) -> tuple[None, Problem]:
        return None, Problem(name, row, cells[field_name][0] + 1, Level.ERROR, code, message)

    for field_name in REQUIRED:
        if not cells[field_name][1]:
            return problem(field_name, "missing-value", _(
                "the {column} cell is empty: fill it in or delete the row").format(
                    column=field_name))
    try:
        action = query.find_action(plan, cells["action"][1])
    except CtgError as exc:
        return problem("action", "unknown-action", str(exc))
    try:
        indicator = query.find_indicator(action, cells["indicator"][1])
    except CtgError as exc:
        return problem("indicator", "unknown-indicator", str(exc))
    period_match = _PERIOD.match(cells["year"][1].replace(".0", ""))
    if period_match is None:
        return problem("year", "bad-year", _("{text!r} is not a year (2026) or a period "
                                             "(2026-Q2, 2026-03)").format(
                                                 text=cells["year"][1]))
    year = int(period_match.group(1))
    quarter = int(period_match.group(2)) if period_match.group(2) else None
    month = int(period_match.group(3)) if period_match.group(3) else None
    for field_name in ("quarter", "month"):
        text = cells.get(field_name, (0, ""))[1]
        if text:
            number = re.sub(r"(?i)^[qt]", "", text)
            if not number.isdigit():
                return problem(field_name, "bad-period", _(
                    "{text!r} is not a number").format(text=text))
            if field_name == "quarter":
                quarter = int(number)
            else:
                month = int(number)
    if not plan.plan.period.covers(year):
        return problem("year", "year-out-of-range", _(
            "{year} is outside the plan period {period}").format(
                year=year, period=plan.plan.period))
    try:
        period = record_input.period_of(indicator, year, quarter=quarter, month=month)
    except CtgError as exc:
        return problem("year", "bad-period", str(exc))
    respondents = None
    if cells.get("respondents", (0, ""))[1]:
        text = cells["respondents"][1].replace(".0", "")
        if not text.isdigit():
            return problem("respondents", "bad-value", _(
                "respondents is a whole number, not {text!r}").format(text=text))
        respondents = int(text)
    try:
        fields = record_input.value_fields(
            indicator, cells["value"][1], respondents=respondents,
            score=cells.get("score", (0, ""))[1] or None,
            satisfied=cells.get("satisfied", (0, ""))[1] or None)
    except CtgError as exc:
        return problem("value", "bad-value", str(exc))
    source = cells.get("source", (0, ""))[1] or None
    note = cells.get("note", (0, ""))[1] or None
    record = sidecar.Record(action=action.id, indicator=indicator.id, period=period,
                          recorded_by=recorded_by, recorded_at=recorded_at, source=source,
                          note=note, **fields)  # type: ignore[arg-type]
    return record, None


def write_values(plan_path: Path, plan: Plan, records: list[Record]) -> list[Path]:
    """Append every record to its action's values file (each write atomic, under the lock).

    Call only with the records of a ``read_values`` that found no problem.
    """
    from ctgplan import record_write

    written: list[Path] = []
    for record in records:
        done = record_write.append(plan_path, plan, record)
        if done.path not in written:
            written.append(done.path)
    return written
