"""Where each action stands, year by year: the status records owned by ``ctg status``.

Stored beside the values, in ``<plan folder>/measurements/<ACTION>.status.yaml``: the
same folder, lock, ``.gitignore`` and ``merge=union`` rule as the values, and the same
shape (a YAML list, one flow-mapping line per record, oldest first, appended to the old
bytes and replaced atomically). A separate file rather than a record kind inside the
values sidecar, so that the value parser, its cache and every tool that reads values stay
untouched, and a status never counts as a value.

Statuses are stored as stable ids (``a-venir``, ``en-cours``, ``realisee``, ``reportee``,
``abandonnee``); people type them in French, accents and case optional, or with an alias
(``en pause``, ``non démarrée``). A correction is a new line with ``replaces: <reason>``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctgplan.fold import fold
from ctgplan.i18n import N_, _
from ctgplan.model import Action, Plan
from ctgplan.problems import CtgError, Level, Problem

SUFFIX = ".status.yaml"
STATUSES = ("a-venir", "en-cours", "realisee", "reportee", "abandonnee")
"""The stable ids, in the order of an action's life."""
NONE = "none"
"""The pseudo-status of an action without any status record (filters, counts)."""
LABELS = {
    "a-venir": N_("Not started"),
    "en-cours": N_("In progress"),
    "realisee": N_("Completed"),
    "reportee": N_("Postponed"),
    "abandonnee": N_("Abandoned"),
    NONE: N_("No status"),
}
"""What people read (translated at display); the ids are what is stored."""
_ALIASES = {
    "a-venir": ("a venir", "non demarree", "non demarre", "pas demarree", "pas commencee",
                "prevue", "programmee", "not started", "planned", "to do", "todo"),
    "en-cours": ("en cours", "demarree", "commencee", "en marche", "in progress", "ongoing",
                 "started"),
    "realisee": ("realisee", "realise", "terminee", "termine", "achevee", "faite", "fait",
                 "done", "completed", "finished"),
    "reportee": ("reportee", "reporte", "en pause", "pause", "suspendue", "differee",
                 "postponed", "paused", "on hold"),
    "abandonnee": ("abandonnee", "abandonne", "annulee", "annule", "abandoned", "dropped",
                   "cancelled", "canceled"),
}
_LOOKUP = {alias: status for status, aliases in _ALIASES.items() for alias in aliases}
_LOOKUP.update({fold(s).replace("-", " "): s for s in STATUSES})

HEADER = (
    "# Status of action {action}, year by year: managed by `ctg status`, one line per\n"
    "# record, oldest first. Correct a status with `ctg status ... --replace --reason TEXT`;\n"
    "# `ctg check` validates this file.\n"
)
FIELDS = ("action", "year", "status", "note", "decision", "recorded_by", "recorded_at",
          "replaces")
REQUIRED = ("action", "year", "status", "recorded_by", "recorded_at")
_TEXT = ("action", "status", "note", "decision", "recorded_by", "recorded_at", "replaces")


def _key(typed: str) -> str:
    return " ".join(fold(typed).replace("-", " ").replace("_", " ").split())


def parse(typed: str) -> str | None:
    """The status id that ``typed`` designates (``En pause`` -> ``reportee``), else None."""
    key = _key(typed)
    found = _LOOKUP.get(key) or _LOOKUP.get(key.removesuffix("s"))
    return found


def suggestion(typed: str) -> str | None:
    """The status id closest to a mistyped one, if any is close."""
    close = difflib.get_close_matches(_key(typed), list(_LOOKUP), n=1, cutoff=0.6)
    return _LOOKUP[close[0]] if close else None


def resolve(typed: str, *, allow_none: bool = False) -> str:
    """The status id that ``typed`` designates, else a CtgError with a suggestion."""
    found = parse(typed)
    if found is None and allow_none and _key(typed) in {"none", "aucun", "aucune",
                                                         "sans statut", "sans"}:
        return NONE
    if found is not None:
        return found
    close = suggestion(typed)
    hint = _("did you mean {status!r}? ").format(status=close) if close else ""
    return_ids = ", ".join(STATUSES)
    raise CtgError(_("{typed!r} is not a status: {hint}use one of {ids} (French words "
                     "work too: en cours, en pause, non démarrée)").format(
        typed=typed, hint=hint, ids=return_ids + (", none" if allow_none else "")))


def label(status: str) -> str:
    """The status as people read it, in their language."""
    return _(LABELS[status])


@dataclass(slots=True)
class StatusRecord:
    """One status statement, as stored on a line (treat it as read-only)."""

    action: str
    year: int
    status: str
    recorded_by: str
    recorded_at: str
    note: str | None = None
    decision: str | None = None
    replaces: str | None = None
    file: str = field(default="", kw_only=True)
    index: int = field(default=0, kw_only=True)

    def as_dict(self) -> dict[str, Any]:
        """The stored fields (None left out), in the file's order."""
        return {name: getattr(self, name) for name in FIELDS if getattr(self, name) is not None}


def status_path(plan_path: Path, action_id: str) -> Path:
    """The status file of one action."""
    from ctgplan.store import folder_for

    return folder_for(plan_path) / f"{action_id}{SUFFIX}"


def status_files(plan_path: Path) -> list[Path]:
    """Every status file of the plan, sorted by name."""
    from ctgplan.store import folder_for

    folder = folder_for(plan_path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.name.endswith(SUFFIX) and not p.name.startswith(".") and p.is_file())


# Reading -----------------------------------------------------------------------------


@dataclass
class StatusFile:
    """The records of one status file and the problems of its structure."""

    path: str
    records: list[StatusRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    document: Any = None


def read(path: Path) -> StatusFile:
    """Read one status file: structure and types only (no plan needed)."""
    from ctgplan.load import key_node, load_file, node_position

    doc = load_file(path)
    result = StatusFile(doc.path, document=doc)
    result.problems.extend(p for p in doc.problems if p.code != "empty-file")
    if doc.root is None or any(p.level is Level.ERROR and p.code.startswith("yaml-")
                               and p.code != "yaml-boolean" for p in doc.problems):
        return result
    if not isinstance(doc.data, list):
        result.problems.append(doc.problem((), Level.ERROR, "wrong-type", _(
            "a status file is a YAML list of records (- {action: ..., year: ..., "
            "status: ...})")))
        return result
    for index, block in enumerate(doc.data):
        if not isinstance(block, dict):
            result.problems.append(doc.problem((index,), Level.ERROR, "wrong-type", _(
                "each status record is a mapping (action:, year:, status:, ...)")))
            continue
        bad = False
        for key in block:
            if key not in FIELDS:
                node = key_node(doc.root, (index, str(key)))
                line, col = (node_position(node) if node is not None
                             else doc.locate((index,)))
                result.problems.append(Problem(doc.path, line, col, Level.ERROR, "unknown-key", _(
                    "unknown key {key!r} in a status record: allowed keys are {keys}").format(
                    key=key, keys=", ".join(FIELDS))))
                bad = True
        for key in REQUIRED:
            if block.get(key) is None:
                where = (index, key) if key in block else (index,)
                result.problems.append(doc.problem(where, Level.ERROR, "missing-key", _(
                    "'{key}' is missing or empty in this status record").format(key=key)))
                bad = True
        for key in _TEXT:
            value = block.get(key)
            if value is not None and not isinstance(value, str):
                result.problems.append(doc.problem((index, key), Level.ERROR, "wrong-type", _(
                    "{key} is text, not {value!r}").format(key=key, value=value)))
                bad = True
        year = block.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)
                                 or not 1000 <= year <= 9999):
            result.problems.append(doc.problem((index, "year"), Level.ERROR, "bad-period", _(
                "year {year!r} is not a year such as 2026").format(year=year)))
            bad = True
        status = block.get("status")
        if isinstance(status, str) and status not in STATUSES:
            close = parse(status) or suggestion(status)
            hint = _("did you mean {status!r}? ").format(status=close) if close else ""
            result.problems.append(doc.problem((index, "status"), Level.ERROR, "unknown-status", _(
                "unknown status {status!r}: {hint}the stored statuses are {ids}").format(
                status=status, hint=hint, ids=", ".join(STATUSES))))
            bad = True
        if not bad:
            result.records.append(StatusRecord(file=doc.path, index=index, **block))
    return result


def read_all(plan_path: Path, *, only: Iterable[str] | None = None) -> Iterator[StatusFile]:
    """The status files of the plan (or those of the ``only`` actions), one at a time."""
    if only is None:
        paths = status_files(plan_path)
    else:
        paths = [p for p in (status_path(plan_path, a) for a in only) if p.exists()]
    for path in paths:
        yield read(path)


# Checking against the plan -----------------------------------------------------------


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
        stem = Path(status_file.path).name.removesuffix(SUFFIX)
        seen: dict[tuple[str, int], StatusRecord] = {}
        for record in status_file.records:
            count += 1

            def problem(loc: tuple[str | int, ...], level: Level, code: str, message: str,
                        record: StatusRecord = record, doc: Any = doc) -> Problem:
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
                line, _col = doc.locate((earlier.index,))
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


# Queries -----------------------------------------------------------------------------


def current(records: Iterable[StatusRecord]) -> dict[tuple[str, int], StatusRecord]:
    """The status in force of each (action, year): the last record written for it."""
    last: dict[tuple[str, int], StatusRecord] = {}
    for record in records:
        last[(record.action, record.year)] = record
    return last


def load_current(plan_path: Path, *, only: Iterable[str] | None = None
                 ) -> tuple[dict[tuple[str, int], StatusRecord], int]:
    """The statuses in force, and the number of problems met in the files (records with
    a problem are left out; ``ctg check`` lists them)."""
    records: list[StatusRecord] = []
    problems = 0
    for status_file in read_all(plan_path, only=only):
        records += status_file.records
        problems += sum(1 for p in status_file.problems if p.level is Level.ERROR)
    return current(records), problems


def latest(statuses: dict[tuple[str, int], StatusRecord], action_id: str,
           year: int | None = None) -> StatusRecord | None:
    """The action's status for ``year``, or of its latest year with a status."""
    if year is not None:
        return statuses.get((action_id, year))
    years = [y for (a, y) in statuses if a == action_id]
    return statuses[(action_id, max(years))] if years else None


# Writing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """What ``append`` did (or would do, with ``dry_run``)."""

    path: Path
    line: str
    replaced: StatusRecord | None
    warnings: list[str]


def append(plan_path: Path, action: Action, record: StatusRecord, *, replace: bool = False,
           dry_run: bool = False) -> Written:
    """Add ``record`` to the action's status file, atomically, under the folder's lock.

    Refuses (CtgError) a second status for the same year unless ``replace``, and a file
    whose records do not parse (appending could only make it worse).
    """
    from ctgplan import store

    warnings = []
    if not action.calendar.covers(record.year):
        warnings.append(_("{year} is outside the calendar of {action} ({calendar}); recorded "
                          "anyway").format(year=record.year, action=action.id,
                                           calendar=action.calendar))
    path = status_path(plan_path, action.id)
    line = store.format_fields(record.as_dict())
    if dry_run:
        replaced = _previous(path, action, record, replace)
        return Written(path, line, replaced, warnings)
    with store.locked(path.parent):
        replaced = _previous(path, action, record, replace)
        old = path.read_bytes() if path.exists() else b""
        newline = b"\r\n" if b"\r\n" in old else b"\n"
        head = old or HEADER.format(action=action.id).encode("utf-8")
        if not head.endswith(b"\n"):
            head += newline
        store.write_atomic(path, head + line.encode("utf-8").replace(b"\n", newline))
    return Written(path, line, replaced, warnings)


def _previous(path: Path, action: Action, record: StatusRecord, replace: bool
              ) -> StatusRecord | None:
    existing: list[StatusRecord] = []
    if path.exists():
        found = read(path)
        errors = [p for p in found.problems if p.level is Level.ERROR]
        if errors:
            first = errors[0]
            raise CtgError(_("{file}:{line}:{col}: {message}; fix this file first (`ctg "
                             "check` lists every problem): nothing was recorded").format(
                file=first.file, line=first.line, col=first.col, message=first.message))
        existing = found.records
    previous = [r for r in existing if r.year == record.year]
    replaced = previous[-1] if previous else None
    if replaced is not None and not replace:
        raise CtgError(_(
            "{action} already has a status for {year}: {status} (recorded by {who} on "
            "{day}); to correct it, run again with --replace --reason TEXT").format(
            action=action.id, year=record.year, status=label(replaced.status),
            who=replaced.recorded_by, day=replaced.recorded_at[:10]))
    if replaced is None and replace:
        raise CtgError(_("{action} has no status for {year} to replace: run again without "
                         "--replace").format(action=action.id, year=record.year))
    return replaced


def history(plan_path: Path, action: Action) -> list[StatusRecord]:
    """The statuses in force of ``action``, one per year, oldest year first."""
    in_force, _errors = load_current(plan_path, only=[action.id])
    return [in_force[key] for key in sorted(in_force) if key[0] == action.id]


def keep(plan_path: Path, actions: list[Action], typed: Iterable[str],
         years: Iterable[int]) -> list[Action]:
    """The actions whose status is one of ``typed`` (OR): the status of the year when one
    year is given, else the latest one; ``none`` keeps the actions without a status."""
    wanted = {resolve(t, allow_none=True) for t in typed}
    chosen = list(years)
    year = chosen[0] if len(chosen) == 1 else None
    in_force, _errors = load_current(plan_path, only=[a.id for a in actions])
    kept = []
    for action in actions:
        record = latest(in_force, action.id, year)
        if (record.status if record is not None else NONE) in wanted:
            kept.append(action)
    return kept
