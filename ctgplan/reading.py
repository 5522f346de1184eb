"""Reading the plan and its values files from disk: the one point the cache wraps.

Every command reads through here: ``load_plan`` (and ``load_valid_plan`` for the
commands that need a plan without errors), ``read_sidecar`` (``sidecar_rows``: lists),
``load_records`` and ``values_by_action`` for recorded values, ``load_statuses`` for action
statuses, ``check_all`` for ``ctg check`` (whose key covers the status files). Each reads
through ``_memo`` (problems as ``Problem.as_list``), so a file that has not changed since it
was last read costs a JSON load instead of a YAML parse (only the help page uses
``ctgplan.cache`` besides). Modules are imported inside the functions: ``ctg list``
loads nothing about values, a warm ``ctg check`` no plan model.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from ctgplan import cache
from ctgplan.files import paused_gc
from ctgplan.i18n import _, ngettext
from ctgplan.problems import CtgError, Level, Problem

if TYPE_CHECKING:
    from ctgplan.check import CheckResult
    from ctgplan.model import Action, Plan
    from ctgplan.plan_json import PlanResult
    from ctgplan.sidecar import Loaded, Record
    from ctgplan.status_file import StatusFile, StatusRecord

T = TypeVar("T")


def _memo(kind: str, source: Path, key: Any, compute: Callable[[], T],
          encode: Callable[[T], list[Any]], decode: Callable[[list[Any]], T]) -> T:
    """``compute()``, or what it gave last time ``source`` had this ``key``."""
    entry = cache.read(kind, source, key)
    if entry:
        try:
            return decode(entry)
        except (ValueError, TypeError, KeyError, IndexError):
            pass  # an entry of another layout: computed again and replaced
    result = compute()
    cache.write(kind, source, key, encode(result))
    return result


# -- the plan ---------------------------------------------------------------------------

def load_plan(path: Path) -> PlanResult:
    """Read, parse and validate the plan at ``path``; collect every problem."""
    from ctgplan import plan_json

    def encode(result: PlanResult) -> list[Any]:
        return [{"plan": plan_json.dump(result.plan) if result.plan else None,
                 "problems": [p.as_list() for p in result.problems]}]

    def decode(entry: list[Any]) -> PlanResult:
        # Built again without validation: the entry is used only under the hash of this
        # code and the stamp of this file, so it is this code's dump of a valid plan.
        cached = entry[0]
        plan = plan_json.rebuild(cached["plan"]) if cached["plan"] is not None else None
        return plan_json.PlanResult(path, plan, [Problem.from_list(p) for p in cached["problems"]])

    def compute() -> PlanResult:
        from ctgplan.plan_load import read_plan  # PyYAML and the rules: not for a cached plan

        return read_plan(path)

    with paused_gc():
        return _memo("plan", path, cache.stamp(path), compute, encode, decode)


class ValidPlan(NamedTuple):
    """A plan without errors and the file it comes from."""

    path: Path
    plan: Plan


def load_valid_plan(path: Path) -> ValidPlan:
    """The plan for a command that needs a valid one; CtgError pointing at `ctg check`."""
    result = load_plan(path)
    if result.plan is None:
        first = result.errors[0]
        count = len(result.errors)
        location = f"{first.file}:{first.line}:{first.col}"
        errors = ngettext("{count} error", "{count} errors", count).format(count=count)
        if count > 1:
            raise CtgError(_("{location}: {message} (and {count} more); the plan has {errors}: "
                             "run `ctg check` to see them all").format(
                                 location=location, message=first.message, count=count - 1,
                                 errors=errors))
        raise CtgError(_("{location}: {message}; the plan has {errors}: run `ctg check` to "
                         "see them all").format(location=location, message=first.message,
                                                errors=errors))
    return ValidPlan(path, result.plan)


# -- values files -----------------------------------------------------------------------

def _row(record: Record) -> list[Any]:
    from ctgplan.sidecar import row_values

    return [record.index, row_values(record)]


def read_sidecar(path: Path) -> Loaded:
    """Read one values file: records and structural problems, no plan needed."""
    from ctgplan.sidecar import Loaded, Record

    problems, rows = sidecar_rows(path)
    name = str(path)
    return Loaded([Record(*row, file=name, index=index) for index, row in rows], problems, [name])


def sidecar_rows(path: Path) -> tuple[list[Problem], list[list[Any]]]:
    """``read_sidecar`` without ``Record``s: the problems, and each record as the cache keeps
    it, ``[index, [its fields in sidecar.ROW order]]`` (lists cost less than records)."""
    from ctgplan.sidecar import read_records

    def compute() -> tuple[list[Problem], list[list[Any]]]:
        return (loaded := read_records(path)).problems, [_row(r) for r in loaded.records]

    return _memo("sidecar", path, cache.stamp(path), compute,
                 lambda rows: [[p.as_list() for p in rows[0]], *rows[1]],
                 lambda entry: ([Problem.from_list(p) for p in entry[0]], entry[1:]))


def load_records(plan_path: Path, *, only: Iterable[str] | None = None) -> Loaded:
    """Read every values file (or those of the ``only`` actions) of the plan at ``plan_path``."""
    from ctgplan.data_folder import sidecar_files, sidecar_path
    from ctgplan.sidecar import Loaded

    loaded = Loaded()
    if only is None:
        paths = sidecar_files(plan_path)
    else:
        paths = [p for p in (sidecar_path(plan_path, a) for a in only) if p.exists()]
    with paused_gc():
        for path in paths:
            loaded.add(read_sidecar(path))
    return loaded


class Lookup(NamedTuple):
    """What ``ctg record`` needs to know of a values file before appending to it."""

    problems: list[Problem]
    size: int  # how many records the file holds
    in_force: list[Record]  # the values in force of that indicator and period


def lookup(path: Path, action: str, indicator: str, period: int | str) -> Lookup:
    """Problems, number of records, ``corrections.in_force`` of the records of ``indicator``
    and ``period`` (as text): from the index ``appended`` keeps (kind ``inforce``: problems,
    count, what is in force of each indicator and period recorded to since the file last
    changed), else from the cache's lines as bytes (a row is ``[index,[action,indicator,
    period,...]]``): only those in force decoded, by ``sidecar.row_kind`` (all of them when
    one is of another action or merely holds the same bytes)."""
    from ctgplan.corrections import in_force, positions_in_force
    from ctgplan.sidecar import Record, row_kind

    key = cache.stamp(path)
    with suppress(ValueError, TypeError, KeyError, IndexError):  # no index: read the lines
        head, size, groups = cache.read("inforce", path, key) or ()  # type: ignore[misc]
        return Lookup([Problem.from_list(p) for p in head], size, [
            Record(*row, file=str(path), index=at) for at, row in groups[f"{indicator} {period}"]])
    needle = b'",' + cache.encode(indicator) + b"," + cache.encode(period) + b',"'
    found = cache.lines_holding("sidecar", path, key, needle)
    if found is None:
        loaded = read_sidecar(path)
        return Lookup(loaded.problems, len(loaded.records), in_force(
            r for r in loaded.records if r.indicator == indicator and str(r.period) == str(period)))
    head_line, size, lines = found
    own = b",[" + cache.encode(action) + needle[1:]

    def decoded(chosen: list[bytes]) -> list[Record]:
        return [Record(*row, file=str(path), index=index)
                for index, row in json.loads(b"[" + b",".join(chosen) + b"]")
                if row[1] == indicator and str(row[2]) == str(period)]

    if all(line.startswith(own, line.index(b",[")) for line in lines):
        values = decoded([lines[n] for n in positions_in_force(map(row_kind, lines))])
    else:
        values = in_force(decoded(lines))
    return Lookup([Problem.from_list(p) for p in json.loads(head_line)], size, values)


def file_key(path: Path) -> Any:
    """The cache key of a file as it is now (taken before changing it)."""
    return cache.stamp(path)


def appended(path: Path, old_key: Any, before: Lookup | None, new: Record) -> None:
    """Keep the cached form of a values file and its index current after ``new`` was
    appended to it; ``before``: what ``lookup`` gave under ``old_key`` (None: no file)."""
    from ctgplan.corrections import after

    key = cache.stamp(path)
    count = 0 if before is None else before.size
    problems = [p.as_list() for p in before.problems] if before and count else []
    if not count:
        cache.write("sidecar", path, key, [problems, _row(new)])
    else:
        cache.extend("sidecar", path, old_key, key, [_row(new)])
    index = cache.read("inforce", path, old_key) if count else None
    groups = index[2] if index and isinstance(index[2], dict) else {}
    groups[f"{new.indicator} {new.period}"] = [
        _row(r) for r in after(before.in_force if before else [], new)]
    cache.write("inforce", path, key, [problems, count + 1, groups])


def values_by_action(plan_path: Path, plan: Plan
                     ) -> Iterator[tuple[Action, list[Record], int]]:
    """Each action with its readable recorded values and the number of errors in its file.

    One values file at a time, so that memory does not grow with the history.
    """
    from ctgplan.data_folder import sidecar_files

    present = {p.stem: p for p in sidecar_files(plan_path)}
    for action in plan.actions:
        path = present.get(action.id)
        if path is None:
            yield action, [], 0
            continue
        loaded = read_sidecar(path)
        errors = sum(1 for p in loaded.problems if p.level is Level.ERROR)
        yield action, [r for r in loaded.records if r.action == action.id], errors


# -- status files -----------------------------------------------------------------------

def read_statuses(plan_path: Path, *, only: Iterable[str] | None = None) -> list[StatusFile]:
    """The status files of the plan (or those of the ``only`` actions), read (not cached:
    a few small files, whose node trees locate the problems ``ctg check`` reports)."""
    from ctgplan.data_folder import status_files
    from ctgplan.status_file import read, status_path

    if only is None:
        paths = status_files(plan_path)
    else:
        paths = [p for p in (status_path(plan_path, a) for a in only) if p.exists()]
    return [read(p) for p in paths]


def load_statuses(plan_path: Path, *, only: Iterable[str] | None = None
                  ) -> tuple[list[StatusRecord], int]:
    """The readable status records, and the number of errors met in their files (records
    with a problem are left out; ``ctg check`` lists them)."""
    records: list[StatusRecord] = []
    errors = 0
    for status_file in read_statuses(plan_path, only=only):
        records += status_file.records
        errors += sum(1 for p in status_file.problems if p.level is Level.ERROR)
    return records, errors


# -- ctg check --------------------------------------------------------------------------

CHECK_LAYOUT = "check-3"
"""Part of the key of a cached check: change it when the cached form changes."""


def check_all(path: Path) -> CheckResult:
    """Validate the plan, then every values file against it.

    When neither the plan nor any values file changed since the last check, the
    previous result comes from the cache.
    """
    from ctgplan.check import CheckResult, PlanFacts, check_plan_and_values
    from ctgplan.data_folder import sidecar_files, status_files

    sidecars = sidecar_files(path)
    statuses = status_files(path)
    stamps = [cache.stamp(p) for p in (path, *sidecars, *statuses)]
    key = None if None in stamps else [CHECK_LAYOUT, [str(p) for p in (*sidecars, *statuses)],
                                       stamps]

    def compute() -> CheckResult:
        with paused_gc():
            return check_plan_and_values(load_plan(path), (read_sidecar(p) for p in sidecars),
                                         statuses=read_statuses(path))

    def encode(result: CheckResult) -> list[Any]:
        return [{"records": result.records,
                 "facts": result.facts.as_list() if result.facts is not None else None,
                 "problems": [p.as_list() for p in result.problems]}]

    def decode(entry: list[Any]) -> CheckResult:
        cached = entry[0]
        problems = [Problem.from_list(p) for p in cached["problems"]]
        facts = PlanFacts.from_list(cached["facts"]) if cached["facts"] is not None else None
        return CheckResult(path, facts, [str(path), *map(str, sidecars)], cached["records"],
                           problems)

    return _memo("check", path, key, compute, encode, decode)
