"""``history.rows`` (cached lists, what `ctg history` prints) against ``history.entries``."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ctgplan import history, history_view, render_table, sidecar
from ctgplan.render_table import _csv_cell
from ctgplan.sidecar import Record

KINDS = st.sampled_from(["value", "value", "replaces", "settles", "withdraws"])
LINES = st.tuples(st.sampled_from(["PAR-1", "PAR-2"]), st.sampled_from(["QT1", "qt1", "QL1"]),
                  st.sampled_from([2026, 2027, "2026-Q1", "2027-03"]), KINDS,
                  st.sampled_from(["2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z",
                                   "2026-02-01T09:00:00Z", "2025-12-31T23:59:59Z"]),
                  st.one_of(st.none(), st.integers(-3, 3), st.floats(allow_nan=False,
                                                                    allow_infinity=False)))
FILES = st.lists(st.lists(LINES, max_size=8), max_size=4)


def record(line: tuple[Any, ...], file: str, index: int) -> Record:
    """A record of one of the kinds of lines (a value, a correction, a settlement, a
    withdrawal), of any action whatever its file."""
    action, indicator, period, kind, at, value = line
    return Record(action, indicator, period, "b", at,
                  value=None if kind == "withdraws" else value,
                  summary="ok" if value is None and kind != "withdraws" else None,
                  note="n;o\"te" if index % 2 else None,
                  **({kind: f"r{index}"} if kind != "value" else {}),  # type: ignore[arg-type]
                  file=file, index=index)


def reference(files: list[list[Record]], indicator: str | None,
              years: list[int]) -> list[list[Any]]:
    """What ``entries`` gives, in the form of ``rows``."""
    found = history.entries([r for f in files for r in f], indicator=indicator, years=years)
    return [[*sidecar.row_values(e.record), e.status] for e in found]


def typed(rows: list[list[Any]]) -> list[list[tuple[type, str]]]:
    """Rows with the type of every field (1 == 1.0 otherwise)."""
    return [[(type(v), repr(v)) for v in row] for row in rows]


@settings(max_examples=300, deadline=None)
@given(FILES, st.sampled_from([None, "QT1", "qt1", "ql1", "QX"]),
       st.lists(st.sampled_from([2026, 2027, 2028]), max_size=2))
def test_rows_are_the_entries_of_the_cached_records(lines: list[list[tuple[Any, ...]]],
                                                    indicator: str | None,
                                                    years: list[int]) -> None:
    """Same records, order (ties keep the files' order), statuses and filters, whatever the
    corrections, disputes, withdrawals, and records of one action in another's file."""
    files = [[record(line, f"F{n}.yaml", i) for i, line in enumerate(f)]
             for n, f in enumerate(lines)]
    cached = [[[r.index, sidecar.row_values(r)] for r in f] for f in files]
    rows = history.rows(cached, indicator=indicator, years=years)
    expected = reference(files, indicator, years)
    assert typed(rows) == typed(expected)
    table = history_view.history_table(rows)
    assert "".join(render_table.as_json(table).chunks) == json.dumps(
        [{**r.as_dict(), "status": e.status} for e in history.entries(
            [r for f in files for r in f], indicator=indicator, years=years)
         for r in [e.record]], ensure_ascii=False, indent=2) + "\n"
    columns, exported = table.exported()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_csv_cell(getattr(e.record, f)) for f in history_view.HISTORY_FIELDS]
                     + [e.status] for e in history.entries(
                         [r for f in files for r in f], indicator=indicator, years=years))
    assert render_table.csv_text(columns, exported) == "\ufeff" + buffer.getvalue()
