"""Recorded indicator values: the sidecar files beside the plan, owned by ``ctg record``.

One file per action, ``<plan folder>/measurements/<ACTION>.yaml``: a YAML list
of self-contained records, one line each, oldest first. A new value is appended
to the old bytes (which stay as they are, so a diff is one added line) and the
file is replaced atomically under a lock, so that a crash or a concurrent
``ctg record`` never loses a record. A corrected value is a new line with
``replaces: reason``; the superseded one stays in the history.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctgplan import measure
from ctgplan.load import Document, load_file, paused_gc
from ctgplan.model import Action, Frequency, Indicator, Kind, Plan, Unit
from ctgplan.problems import CtgError, Level, Problem

FOLDER = "measurements"
LOCK_NAME = ".ctg-record.lock"
HEADER = (
    "# Indicator values of action {action}: managed by `ctg record`, one line per value,\n"
    "# oldest first. Correct a value with `ctg record ... --replace --reason TEXT`;\n"
    "# `ctg check` validates this file.\n"
)
IGNORED = (
    "# Written by ctg record: its lock and unfinished temporary files are not data.\n"
    f"{LOCK_NAME}\n.*.tmp\n"
)
FIELDS = ("action", "indicator", "period", "value", "summary", "respondents", "score",
          "satisfied", "source", "note", "recorded_by", "recorded_at", "replaces")
REQUIRED = ("action", "indicator", "period", "recorded_by", "recorded_at")
_KNOWN = frozenset(FIELDS)
OTHER_SUFFIXES = (".status.yaml",)
"""Files of the same folder that hold other records (``ctg status``), not values."""


@dataclass(slots=True)
class Record:
    """One recorded value, as stored on a sidecar line (treat it as read-only)."""

    action: str
    indicator: str
    period: int | str
    recorded_by: str
    recorded_at: str
    value: int | float | None = None
    summary: str | None = None
    respondents: int | None = None
    score: int | float | None = None
    satisfied: int | float | None = None
    source: str | None = None
    note: str | None = None
    replaces: str | None = None
    file: str = field(default="", kw_only=True)
    index: int = field(default=0, kw_only=True)
    """Place of the record in its file's list (0-based), to locate problems."""

    @property
    def year(self) -> int:
        """The year of the period."""
        return int(str(self.period)[:4])

    def as_dict(self) -> dict[str, Any]:
        """The stored fields (None left out), in the file's order."""
        return {name: getattr(self, name) for name in FIELDS if getattr(self, name) is not None}


def folder_for(plan_path: Path) -> Path:
    """Where the sidecars of the plan at ``plan_path`` live."""
    return plan_path.parent / FOLDER


def sidecar_path(plan_path: Path, action_id: str) -> Path:
    """The sidecar file of one action."""
    return folder_for(plan_path) / f"{action_id}.yaml"


def sidecar_files(plan_path: Path) -> list[Path]:
    """Every sidecar file, sorted by name (hidden and temporary files left out)."""
    folder = folder_for(plan_path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
                  and not p.name.endswith(OTHER_SUFFIXES) and p.is_file())


# Reading -----------------------------------------------------------------------------


@dataclass
class Loaded:
    """Records read from sidecars and the problems met.

    The YAML node trees are not kept (a million records would hold gigabytes):
    a file is parsed again only when one of its records has a problem to locate.
    """

    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    _documents: dict[str, Document] = field(default_factory=dict)

    def document(self, name: str) -> Document:
        """The parsed document of a file that was read (parsed again on first use)."""
        doc = self._documents.get(name)
        if doc is None:
            doc = self._documents[name] = load_file(Path(name))
        return doc

    def problem(self, record: Record, loc: tuple[str | int, ...], level: Level, code: str,
                message: str) -> Problem:
        """A problem located at ``loc`` inside ``record``."""
        return self.document(record.file).problem((record.index, *loc), level, code, message)


_STR_FIELDS = ("action", "indicator", "recorded_by", "recorded_at", "summary", "source",
               "note", "replaces")


_ROW = ("action", "indicator", "period", "recorded_by", "recorded_at", "value", "summary",
        "respondents", "score", "satisfied", "source", "note", "replaces")
"""The order of Record's fields, used to cache records as plain lists."""


def read_sidecar(path: Path, loaded: Loaded) -> None:
    """Read one sidecar into ``loaded``: structure and types only, no plan needed.

    A sidecar that has not changed since it was last read comes from the cache.
    """
    from ctgplan import cache

    key = cache.stamp(path)
    cached = cache.read("sidecar", path, key)
    name = str(path)
    if cached:
        loaded.files.append(name)
        problems, *rows = cached
        loaded.problems.extend(Problem(name, line, col, Level(level), code, message)
                               for line, col, level, code, message in problems)
        loaded.records.extend(Record(*row, file=name, index=index) for index, row in rows)
        return
    first_record, first_problem = len(loaded.records), len(loaded.problems)
    _parse_sidecar(path, loaded)
    cache.write("sidecar", path, key, [
        [[p.line, p.col, p.level.value, p.code, p.message]
         for p in loaded.problems[first_problem:]],
        *(_row(r) for r in loaded.records[first_record:])])


def _row(record: Record) -> list[Any]:
    return [record.index, [getattr(record, f) for f in _ROW]]


def _parse_sidecar(path: Path, loaded: Loaded) -> None:
    doc = load_file(path)
    name = doc.path
    loaded.files.append(name)
    loaded.problems.extend(doc.problems)
    if doc.root is None:
        if doc.problems and doc.problems[0].code == "empty-file":
            loaded.problems.remove(doc.problems[0])  # an empty sidecar holds no value yet
        return
    if any(p.level is Level.ERROR and p.code.startswith("yaml-") and p.code != "yaml-boolean"
           for p in doc.problems):
        return
    data = doc.data
    if not isinstance(data, list):
        loaded.problems.append(doc.problem((), Level.ERROR, "wrong-type",
                                           "a sidecar is a YAML list of records (- action: ...)"))
        return
    problems = loaded.problems
    records = loaded.records
    for index, block in enumerate(data):
        if not isinstance(block, dict):
            problems.append(doc.problem((index,), Level.ERROR, "wrong-type",
                                        "each record is a mapping (action:, indicator:, ...)"))
            continue
        bad = False
        if not _KNOWN.issuperset(block):
            for key in block:
                if key not in _KNOWN:
                    problems.append(_key_problem(doc, index, key))
            bad = True
        for key in REQUIRED:
            if block.get(key) is None:
                where = (index, key) if key in block else (index,)
                problems.append(doc.problem(where, Level.ERROR, "missing-key",
                                            f"'{key}' is missing or empty in this record"))
                bad = True
        for key in _STR_FIELDS:
            value = block.get(key)
            if value is not None and not isinstance(value, str):
                problems.append(doc.problem((index, key), Level.ERROR, "wrong-type",
                                            f"{key} is text, not {value!r}"))
                bad = True
        period = block.get("period")
        if period is not None and not _valid_period(period):
            problems.append(doc.problem((index, "period"), Level.ERROR, "bad-period",
                                        f"period {period!r} is not a year (2026), a quarter "
                                        "(2026-Q2) or a month (2026-03)"))
            bad = True
        if bad:
            continue
        records.append(Record(file=name, index=index, **block))


def _key_problem(doc: Document, index: int, key: object) -> Problem:
    from ctgplan.load import key_node, node_position

    node = key_node(doc.root, (index, str(key)))
    line, col = node_position(node) if node is not None else doc.locate((index,))
    return Problem(doc.path, line, col, Level.ERROR, "unknown-key",
                   f"unknown key {key!r} in a record: allowed keys are {', '.join(FIELDS)}")


def _valid_period(period: object) -> bool:
    if isinstance(period, bool):
        return False
    if isinstance(period, int):
        return 1000 <= period <= 9999
    if not isinstance(period, str) or len(period) not in (7,) or period[4] != "-":
        return False
    year, rest = period[:4], period[5:]
    if not year.isdigit():
        return False
    if rest[0] == "Q":
        return rest[1:] in {"1", "2", "3", "4"}
    return rest.isdigit() and 1 <= int(rest) <= 12


def load_records(plan_path: Path, *, only: Iterable[str] | None = None) -> Loaded:
    """Read every sidecar (or those of the ``only`` actions) of the plan at ``plan_path``."""
    loaded = Loaded()
    if only is None:
        paths = sidecar_files(plan_path)
    else:
        paths = [p for p in (sidecar_path(plan_path, a) for a in only) if p.exists()]
    with paused_gc():
        for path in paths:
            read_sidecar(path, loaded)
    return loaded


# Checking against the plan -----------------------------------------------------------


def check_records(plan: Plan, loaded: Loaded) -> list[Problem]:
    """Problems of recorded values against the plan: references, types, duplicates, years."""
    return RecordChecker(plan).check(loaded)


class RecordChecker:
    """Checks records against a plan, one file after another (memory stays flat).

    Written for a million records: the common, valid case costs a few lookups and
    comparisons; messages and positions are only built for records with a problem.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.actions = {a.id: a for a in plan.actions}
        self.targets = {(a.id, i.id): (a, i) for a in plan.actions for i in a.indicators}
        self.seen: dict[tuple[str, str, int | str], tuple[str, int]] = {}
        self.stems: dict[str, str] = {}

    def check(self, loaded: Loaded) -> list[Problem]:
        """The problems of the records in ``loaded`` (duplicates across calls included)."""
        problems: list[Problem] = []
        plan, seen, stems, targets = self.plan, self.seen, self.stems, self.targets
        start, end = plan.plan.period.start, plan.plan.period.end
        for record in loaded.records:
            stem = stems.get(record.file)
            if stem is None:
                stem = stems[record.file] = Path(record.file).stem
            if record.action != stem:
                problems.append(loaded.problem(
                    record, ("action",), Level.ERROR, "wrong-file",
                    f"record of action {record.action!r} in the file of {stem!r}: move it to "
                    f"{record.action}.yaml"))
            pair = targets.get((record.action, record.indicator))
            if pair is None:
                action_ = self.actions.get(record.action)
                problems.append(_reference_problem(loaded, record, action_))
                continue
            action, indicator = pair
            if _suspect_value(record, indicator):
                problems.extend(_value_problems(loaded, record, indicator))
            period = record.period
            year = period if isinstance(period, int) else int(period[:4])
            if not start <= year <= end:
                problems.append(loaded.problem(
                    record, ("period",), Level.ERROR, "year-out-of-range",
                    f"period {period} is outside the plan period {plan.plan.period}"))
            elif not action.calendar.start <= year <= action.calendar.end:
                problems.append(loaded.problem(
                    record, ("period",), Level.WARNING, "outside-calendar",
                    f"period {period} is outside the calendar of {action.id} "
                    f"({action.calendar})"))
            if _frequency(period) is not indicator.frequency:
                problems.append(_period_problem(loaded, record, indicator))
            key = (record.action, record.indicator, period)
            earlier = seen.get(key)
            if earlier is not None and record.replaces is None:
                line, _col = loaded.document(earlier[0]).locate((earlier[1],))
                problems.append(loaded.problem(
                    record, (), Level.ERROR, "duplicate-value",
                    f"a second value for {record.action} {record.indicator} {period} (the value "
                    f"it repeats is at line {line}): remove one, or mark the later one as a "
                    "correction with `replaces: <reason>`"))
            elif earlier is None and record.replaces is not None:
                problems.append(loaded.problem(
                    record, ("replaces",), Level.WARNING, "nothing-replaced",
                    "this record replaces a value, but no earlier value exists for this "
                    "indicator and period"))
            seen[key] = (record.file, record.index)
        return problems


def _reference_problem(loaded: Loaded, record: Record, action: Action | None) -> Problem:
    if action is None:
        return loaded.problem(record, ("action",), Level.ERROR, "unknown-action",
                              f"action {record.action!r} is not in the plan (was it renamed or "
                              "removed?): fix the id or remove the record")
    valid = ", ".join(i.id for i in action.indicators) or "none"
    return loaded.problem(record, ("indicator",), Level.ERROR, "unknown-indicator",
                          f"action {record.action} has no indicator {record.indicator!r} (its "
                          f"indicators: {valid}): fix the id or remove the record")


def _frequency(period: int | str) -> Frequency:
    if isinstance(period, int):
        return Frequency.YEAR
    return Frequency.QUARTER if "Q" in period else Frequency.MONTH


def _period_problem(loaded: Loaded, record: Record, indicator: Indicator) -> Problem:
    expected = {Frequency.YEAR: "a year (2026)", Frequency.QUARTER: "a quarter (2026-Q2)",
                Frequency.MONTH: "a month (2026-03)"}[indicator.frequency]
    return loaded.problem(record, ("period",), Level.ERROR, "bad-period",
                          f"{indicator.id} is measured by {indicator.frequency.value}: its "
                          f"period is {expected}, not {record.period!r}")


def _suspect_value(record: Record, indicator: Indicator) -> bool:
    """A quick test that lets the usual valid record through without building messages."""
    if indicator.kind is Kind.QUANTITATIVE:
        return (record.value is None or record.summary is not None
                or record.respondents is not None or record.score is not None
                or record.satisfied is not None
                or measure.check_quantity(indicator.unit or Unit.NUMBER, record.value)
                is not None)
    return True


def _value_problems(loaded: Loaded, record: Record, indicator: Indicator) -> Iterator[Problem]:
    if indicator.kind is Kind.QUANTITATIVE:
        if record.value is None:
            yield loaded.problem(record, (), Level.ERROR, "missing-key",
                                 f"{indicator.id} is quantitative: the record needs a value")
            return
        unit = indicator.unit or Unit.NUMBER
        error = measure.check_quantity(unit, record.value)
        if error:
            yield loaded.problem(record, ("value",), Level.ERROR, "bad-value",
                                 f"{indicator.id} expects {measure.EXPECTED[unit]}: {error}")
        for key in ("summary", "respondents", "score", "satisfied"):
            if getattr(record, key) is not None:
                yield loaded.problem(record, (key,), Level.ERROR, "bad-value",
                                     f"{key} belongs to qualitative indicators; {indicator.id} "
                                     "is quantitative")
        return
    if record.value is not None:
        yield loaded.problem(record, ("value",), Level.ERROR, "bad-value",
                             f"{indicator.id} is qualitative: record a summary (and "
                             "respondents, score or satisfied), not a value")
    if not record.summary:
        yield loaded.problem(record, (), Level.ERROR, "missing-key",
                             f"{indicator.id} is qualitative: the record needs a summary")
    checks = (("respondents", measure.check_respondents(record.respondents)),
              ("satisfied", measure.check_share(record.satisfied, "satisfied")),
              ("score", measure.check_score(indicator, record.score)))
    for key, error in checks:
        if getattr(record, key) is not None and error:
            yield loaded.problem(record, (key,), Level.ERROR, "bad-value", error)


def current(records: Iterable[Record]) -> set[int]:
    """The ``id()`` of the records in force: the last one of each action, indicator, period."""
    last: dict[tuple[str, str, str], Record] = {}
    for r in records:
        last[(r.action, r.indicator, str(r.period))] = r
    return {id(r) for r in last.values()}


# Writing -----------------------------------------------------------------------------


def period_of(indicator: Indicator, year: int, *, quarter: int | None = None,
              month: int | None = None) -> int | str:
    """The period key for an indicator measured yearly, quarterly or monthly."""
    if indicator.frequency is Frequency.QUARTER:
        if quarter is None or not 1 <= quarter <= 4:
            raise CtgError(f"{indicator.id} is measured by quarter: give --quarter 1 to 4")
        return f"{year}-Q{quarter}"
    if indicator.frequency is Frequency.MONTH:
        if month is None or not 1 <= month <= 12:
            raise CtgError(f"{indicator.id} is measured by month: give --month 1 to 12")
        return f"{year}-{month:02d}"
    if quarter is not None or month is not None:
        raise CtgError(f"{indicator.id} is measured by year: leave out --quarter and --month")
    return year


_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029",
                              "\x85": "\\u0085"})


def _scalar(value: object) -> str:
    if isinstance(value, str):
        # A JSON string is a valid YAML double-quoted scalar; the characters YAML reads
        # as line breaks are escaped too, so that a record never spans two lines.
        return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKS)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def format_record(record: Record) -> str:
    """One record as one line, a YAML flow mapping: fixed key order, strings quoted.

    One line per record is what lets git's union merge combine the values two
    people recorded on two branches: it merges lines, and a record on several
    lines could be interleaved with another.
    """
    return format_fields(record.as_dict())


def format_fields(fields: dict[str, Any]) -> str:
    """A record's fields (in the order given) as one YAML flow-mapping line of a list."""
    text = ", ".join(f"{key}: {_scalar(value)}" for key, value in fields.items())
    return f"- {{{text}}}\n"


def now_utc() -> str:
    """The current time, UTC, to the second: 2026-11-29T15:40:12Z."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Written:
    """What ``append`` did (or would do, with ``dry_run``)."""

    path: Path
    block: str
    replaced: Record | None
    warnings: list[str]


def append(plan_path: Path, plan: Plan, record: Record, *, replace: bool = False,
           dry_run: bool = False, lock_timeout: float = 30.0) -> Written:
    """Add ``record`` to its action's sidecar, atomically and under a lock.

    Refuses (CtgError) a second value for the same indicator and period unless
    ``replace``; refuses to touch a sidecar that does not parse or has malformed
    blocks, so nothing recorded is lost or made worse.
    """
    action = plan.action(record.action)
    if action is None:  # pragma: no cover - the CLI resolves the action first
        raise CtgError(f"no action {record.action!r} in the plan")
    warnings = []
    if not action.calendar.covers(record.year):
        warnings.append(f"{record.period} is outside the calendar of {action.id} "
                        f"({action.calendar}); recorded anyway")
    path = sidecar_path(plan_path, action.id)
    if dry_run:
        return _prepare(path, plan, action, record, replace, warnings, write=False)
    with locked(path.parent, lock_timeout):
        return _prepare(path, plan, action, record, replace, warnings, write=True)


@contextmanager
def locked(folder: Path, lock_timeout: float = 30.0) -> Iterator[None]:
    """Hold the folder's write lock (creating the folder and its .gitignore if needed).

    Every writer of the folder (``ctg record``, ``ctg status``) appends under this lock.
    """
    from filelock import FileLock, Timeout

    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            write_atomic(ignore, IGNORED.encode("utf-8"))
    except OSError as exc:
        raise CtgError(f"cannot create {folder}: {exc.strerror}") from None
    lock = FileLock(str(folder / LOCK_NAME), timeout=lock_timeout)
    try:
        lock.acquire()
    except Timeout:
        raise CtgError(f"{folder / LOCK_NAME} is held by another ctg record for more than "
                       f"{lock_timeout:g} s: try again (delete the file only if no ctg runs)"
                       ) from None
    try:
        yield
    finally:
        lock.release()


def _prepare(path: Path, plan: Plan, action: Action, record: Record, replace: bool,
             warnings: list[str], *, write: bool) -> Written:
    from ctgplan import cache

    old = b""
    existing: list[Record] = []
    old_key = cache.stamp(path)
    if path.exists():
        loaded = Loaded()
        read_sidecar(path, loaded)
        # A file that does not parse, or whose blocks are malformed, is not written to:
        # appending could only make it worse. Values that no longer fit the plan are
        # `ctg check`'s business; they do not stop a new, valid value.
        errors = [p for p in loaded.problems if p.level is Level.ERROR]
        if errors:
            first = errors[0]
            raise CtgError(f"{first.file}:{first.line}:{first.col}: {first.message}; fix this "
                           f"file first (`ctg check` lists every problem): nothing was recorded")
        existing = loaded.records
        old = path.read_bytes()
    previous = [r for r in existing
                if r.indicator == record.indicator and str(r.period) == str(record.period)]
    replaced = previous[-1] if previous else None
    if replaced is not None and not replace:
        shown = replaced.value if replaced.value is not None else replaced.summary
        raise CtgError(
            f"{action.id} {record.indicator} already has a value for {record.period}: "
            f"{shown} (recorded by {replaced.recorded_by} on {replaced.recorded_at[:10]}); "
            "to correct it, run again with --replace --reason TEXT")
    if replaced is None and replace:
        raise CtgError(f"{action.id} {record.indicator} has no value for {record.period} to "
                       "replace: run again without --replace")
    block = format_record(record)
    if write:
        newline = b"\r\n" if b"\r\n" in old else b"\n"
        head = old if old else HEADER.format(action=action.id).encode("utf-8")
        if head and not head.endswith(b"\n"):
            head += newline
        data = head + block.encode("utf-8").replace(b"\n", newline)
        write_atomic(path, data)
        new = Record(**{f: getattr(record, f) for f in _ROW}, file=str(path),
                     index=len(existing))
        key = cache.stamp(path)
        if not existing:
            cache.write("sidecar", path, key, [[], _row(new)])
        elif not cache.extend("sidecar", path, old_key, key, [_row(new)]):
            cache.write("sidecar", path, key, [[], *(_row(r) for r in [*existing, new])])
    return Written(path, block, replaced, warnings)


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` by ``data`` so that a crash leaves either the old or the new file.

    ``durable`` also flushes the data and the rename to the disk (not needed for a cache).
    """
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        Path(temp).replace(path)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CtgError(f"cannot write {path}: {exc.strerror} (is the file open in another "
                           "program, or the folder read-only?); nothing was recorded"
                           ) from None
        raise
    if durable and hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
