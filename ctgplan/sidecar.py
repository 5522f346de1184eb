"""The values files: one per action beside the plan, one line per recorded value.

``<plan folder>/measurements/<ACTION>.yaml`` is a YAML list of self-contained
records, one flow mapping a line, oldest first (``format_record``). A corrected
value is a new line with ``replaces: reason``; the superseded one stays in the
history. This module holds the layout, the ``Record`` type, the line format and
the reading of one file into records and structural problems (no plan needed,
no cache: ``reading.read_sidecar`` is the cached entry point). The rules that
check records against the plan are in ``record_rules``, the writer in
``record_write``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from ctgplan import record_lines
from ctgplan.files import read_text
from ctgplan.i18n import _
from ctgplan.problems import Level, Problem
from ctgplan.yamlbuild import node_position
from ctgplan.yamldoc import Document, key_node, parse

HEADER = (
    "# Indicator values of action {action}: managed by `ctg record`, one line per value,\n"
    "# oldest first. Correct a value with `ctg record ... --replace --reason TEXT`;\n"
    "# `ctg check` validates this file.\n"
)
FIELDS = ("action", "indicator", "period", "value", "summary", "respondents", "score",
          "satisfied", "source", "note", "recorded_by", "recorded_at", "replaces", "settles",
          "withdraws")
REQUIRED = ("action", "indicator", "period", "recorded_by", "recorded_at")
_KNOWN = frozenset(FIELDS)
_FIELD_VALUES = attrgetter(*FIELDS)


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
    settles: str | None = None
    """The reason a disputed value (two values of one period) is settled by this one."""
    withdraws: str | None = None
    """The reason the value in force is withdrawn by this line (which has no value)."""
    file: str = field(default="", kw_only=True)
    index: int = field(default=0, kw_only=True)
    """Place of the record in its file's list (0-based), to locate problems."""

    @property
    def year(self) -> int:
        """The year of the period."""
        return int(str(self.period)[:4])

    def as_dict(self) -> dict[str, Any]:
        """The stored fields (None left out), in the file's order."""
        return {name: value for name, value in zip(FIELDS, _FIELD_VALUES(self), strict=True)
                if value is not None}


@dataclass
class Loaded:
    """Records read from values files and the problems met (structure and types only).

    The YAML node trees are not kept (a million records would hold gigabytes):
    a file is parsed again only when one of its records has a problem to locate.
    """

    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def add(self, other: Loaded) -> None:
        """Add what ``other`` read."""
        self.records.extend(other.records)
        self.problems.extend(other.problems)
        self.files.extend(other.files)


_STR_FIELDS = ("action", "indicator", "recorded_by", "recorded_at", "summary", "source",
               "note", "replaces", "settles", "withdraws")


_NUMBER_FIELDS = ("value", "score", "satisfied")

ROW = ("action", "indicator", "period", "recorded_by", "recorded_at", "value", "summary",
       "respondents", "score", "satisfied", "source", "note", "replaces", "settles",
       "withdraws")
"""The order of Record's fields, used to cache records as plain lists."""
_ROW_VALUES = attrgetter(*ROW)


def row_kind(line: bytes) -> str:
    """What a cached row does (``value``, ``replaces``, ``settles`` or ``withdraws``), read
    from how its JSON line ends: ``ROW`` ends with those three fields."""
    if line.endswith(b",null,null,null]]"):
        return "value"
    if line.endswith(b",null,null]]"):
        return "replaces"
    return "settles" if line.endswith(b",null]]") else "withdraws"


def row_values(record: Record) -> list[Any]:
    """The fields of ``record`` in ``ROW`` order (``Record(*values)`` gives it back)."""
    return list(_ROW_VALUES(record))


def read_records(path: Path) -> Loaded:
    """Read one values file: its records and its structural problems (no plan needed)."""
    loaded = Loaded()
    name = str(path)
    text, problems = read_text(path)
    rows = record_lines.read(text) if text is not None else None
    if rows is not None:  # every line as `ctg record` writes it: no YAML needed
        loaded.files.append(name)
        loaded.records = [Record(*row, file=name, index=index) for index, row in enumerate(rows)]
        return loaded
    doc = parse(text, name) if text is not None else Document(name, problems=problems)
    loaded.files.append(name)
    loaded.problems.extend(doc.problems)
    if doc.root is None:
        if doc.problems and doc.problems[0].code == "empty-file":
            loaded.problems.remove(doc.problems[0])  # an empty sidecar holds no value yet
        return loaded
    if any(p.level is Level.ERROR and p.code.startswith("yaml-") and p.code != "yaml-boolean"
           for p in doc.problems):
        return loaded
    data = doc.data
    if not isinstance(data, list):
        loaded.problems.append(doc.problem((), Level.ERROR, "wrong-type",
                                           _("a sidecar is a YAML list of records "
                                             "(- action: ...)")))
        return loaded
    problems = loaded.problems
    records = loaded.records
    for index, block in enumerate(data):
        if not isinstance(block, dict):
            problems.append(doc.problem((index,), Level.ERROR, "wrong-type",
                                        _("each record is a mapping (action:, indicator:, "
                                          "...)")))
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
                                            _("'{key}' is missing or empty in this record"
                                              ).format(key=key)))
                bad = True
        for key in _STR_FIELDS:
            value = block.get(key)
            if value is not None and not isinstance(value, str):
                problems.append(doc.problem((index, key), Level.ERROR, "wrong-type",
                                            _("{key} is text, not {value!r}").format(
                                                key=key, value=value)))
                bad = True
        for key in _NUMBER_FIELDS:
            number = block.get(key)
            if number.__class__ is float and number - number != 0:  # NaN or infinite
                problems.append(doc.problem((index, key), Level.ERROR, "bad-value", _(
                    "{key} is not a finite number: write a number such as 12 or 37.5").format(
                        key=key)))
                bad = True
        period = block.get("period")
        if period is not None and not _valid_period(period):
            problems.append(doc.problem((index, "period"), Level.ERROR, "bad-period",
                                        _("period {period!r} is not a year (2026), a quarter "
                                          "(2026-Q2) or a month (2026-03)").format(
                                              period=period)))
            bad = True
        if bad:
            continue
        records.append(Record(file=name, index=index, **block))
    return loaded


def _key_problem(doc: Document, index: int, key: object) -> Problem:
    node = key_node(doc.root, (index, str(key)))
    line, col = node_position(node) if node is not None else doc.position((index,))
    return Problem(doc.path, line, col, Level.ERROR, "unknown-key",
                   _("unknown key {key!r} in a record: allowed keys are {keys}").format(
                       key=key, keys=", ".join(FIELDS)))


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


def period_options(period: int | str) -> str:
    """The options of ``ctg record`` that name ``period``."""
    if isinstance(period, int):
        return f"--year {period}"
    year, rest = period[:4], period[5:]
    if rest.startswith("Q"):
        return f"--year {year} --quarter {rest[1:]}"
    return f"--year {year} --month {int(rest)}"
