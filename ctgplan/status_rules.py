"""The rules on status files against the plan: references, years, duplicates."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from ctgplan.i18n import _
from ctgplan.model import Plan
from ctgplan.problems import Level, Problem
from ctgplan.status_file import SUFFIX, StatusFile, StatusRecord
from ctgplan.yamldoc import Document


def check(plan: Plan, files: Iterable[StatusFile]) -> tuple[int, list[Problem]]:
    """``(records, problems)`` of status files against the plan: references, years,
    duplicates."""
    actions = {a.id: a for a in plan.actions}
    period = plan.plan.period
    problems: list[Problem] = []
    count = 0
    for status_file in files:
        problems += status_file.problems
        doc = status_file.document
        if doc is None:
            continue
        stem = Path(status_file.path).name.removesuffix(SUFFIX)
        seen: dict[tuple[str, int], StatusRecord] = {}
        for record in status_file.records:
            count += 1

            def problem(loc: tuple[str | int, ...], level: Level, code: str, message: str,
                        record: StatusRecord = record, doc: Document = doc) -> Problem:
                found: Problem = doc.problem((record.index, *loc), level, code, message)
                return found

            if record.action != stem:
                problems.append(problem(("action",), Level.ERROR, "wrong-file", _(
                    "status of action {action!r} in the file of {stem!r}: move it to "
                    "{action}{suffix}").format(action=record.action, stem=stem, suffix=SUFFIX)))
            action = actions.get(record.action)
            if action is None:
                close = difflib.get_close_matches(record.action, list(actions), n=1)
                hint = _("did you mean {id!r}? ").format(id=close[0]) if close else ""
                problems.append(problem(("action",), Level.ERROR, "unknown-action", _(
                    "action {action!r} is not in the plan: {hint}fix the id or remove the "
                    "record").format(action=record.action, hint=hint)))
                continue
            if not period.covers(record.year):
                problems.append(problem(("year",), Level.ERROR, "year-out-of-range", _(
                    "year {year} is outside the plan period {period}: fix the year").format(
                    year=record.year, period=period)))
            elif not action.calendar.covers(record.year):
                problems.append(problem(("year",), Level.WARNING, "outside-calendar", _(
                    "year {year} is outside the calendar of {action} ({calendar})").format(
                    year=record.year, action=action.id, calendar=action.calendar)))
            key = (record.action, record.year)
            earlier = seen.get(key)
            if earlier is not None and record.replaces is None:
                line, _col = doc.position((earlier.index,))
                problems.append(problem((), Level.ERROR, "duplicate-status", _(
                    "a second status for {action} in {year} (the status it repeats is at "
                    "line {line}): remove one, or mark the later one as a correction with "
                    "`replaces: <reason>`").format(action=record.action, year=record.year,
                                                  line=line)))
            elif earlier is None and record.replaces is not None:
                problems.append(problem(("replaces",), Level.WARNING, "nothing-replaced", _(
                    "this record replaces a status, but no earlier status exists for this "
                    "action and year")))
            seen[key] = record
    return count, problems
