"""``history_sort.sorted_rows`` (statuses file by file, external merge sort) against the
in-memory ``history.rows`` it replaces in ``ctg history``; ``external_sort`` on its own."""

from __future__ import annotations

import copy
import shutil
import tempfile
import tracemalloc
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ctgplan import external_sort, history_sort, render_table, sidecar
from ctgplan.cli import app
from ctgplan.corrections import line_states
from ctgplan.sidecar import Record
from tests.conftest import SHIPPED_PLAN

_LINE = itemgetter(0, 1, 2, 12, 13, 14)


def reference_rows(files: list[list[list[Any]]], *, indicator: str | None = None,
                   years: list[int] | tuple[()] = ()) -> list[list[Any]]:
    """``history.rows`` as it was before ``sorted_rows``: every row held, the statuses over
    all files in order, one stable sort by recorded_at."""
    wanted = set(years)
    folded = None if indicator is None else indicator.casefold()
    kept = [fields for found in files for _index, fields in found
            if (folded is None or fields[1].casefold() == folded)
            and (not wanted or int(str(fields[2])[:4]) in wanted)]
    for fields, status in zip(kept, line_states(map(_LINE, kept)), strict=True):
        fields.append(status)
    kept.sort(key=itemgetter(4))
    return kept


def sorted_list(files: list[list[list[Any]]], **options: Any) -> list[list[Any]]:
    """``sorted_rows`` read whole, its length checked against what it read."""
    with history_sort.sorted_rows(iter(files), **options) as rows:
        count = len(rows)
        found = list(rows)
    assert count == len(found)
    return found


ACTIONS = ["PAR-1", "PAR-2", "PAR-3"]
TIMES = ["2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z", "2026-01-01T10:00:01Z",
         "2025-12-31T23:59:59Z", "2026-02-01T09:00:00Z"]
KINDS = st.sampled_from(["value", "value", "value", "replaces", "settles", "withdraws"])
LINE = st.tuples(st.sampled_from(ACTIONS), st.sampled_from(["QT1", "qt1", "QL1"]),
                 st.sampled_from([2026, 2027, "2026-Q1", "2027-03"]), KINDS,
                 st.sampled_from(TIMES),
                 st.one_of(st.none(), st.integers(-3, 3), st.booleans(),
                           st.floats(allow_nan=False, allow_infinity=False)))
HOME = st.floats(0, 1)
"""How often a line is of its file's own action (else of any action: a hand edit, a merge)."""


@st.composite
def histories(draw: st.DrawFn) -> list[list[list[Any]]]:
    """Values files as the cache keeps them: mostly their own action's lines, some of
    another action's, ties in time within and across files, every kind of line."""
    home = draw(HOME)
    files = []
    for number in range(draw(st.integers(0, 6))):
        own = ACTIONS[number % len(ACTIONS)]
        lines = draw(st.lists(LINE, max_size=12))
        found = []
        for index, (other, indicator, period, kind, at, value) in enumerate(lines):
            action = own if draw(st.floats(0, 1)) < home else other
            record = Record(action, indicator, period, "b", at,
                            value=None if kind == "withdraws" else value,
                            summary="ok" if value is None and kind != "withdraws" else None,
                            note="n;o\"te" if index % 2 else None,
                            **({kind: f"r{index}"} if kind != "value" else {}))  # type: ignore[arg-type]
            found.append([index, sidecar.row_values(record)])
        files.append(found)
    return files


def typed(rows: list[list[Any]]) -> list[list[tuple[type, str]]]:
    """Rows with the type of every field (1 == 1.0 == True otherwise)."""
    return [[(type(v), repr(v)) for v in row] for row in rows]


@settings(max_examples=400, deadline=None)
@given(histories(), st.sampled_from([None, "QT1", "qt1", "ql1", "QX"]),
       st.lists(st.sampled_from([2026, 2027, 2028]), max_size=2),
       st.integers(1, 7), st.integers(2, 4), st.integers(1, 3))
def test_sorted_rows_are_the_in_memory_rows(files: list[list[list[Any]]],
                                            indicator: str | None, years: list[int],
                                            buffer: int, fan_in: int, batch: int) -> None:
    """Same rows, types, order (ties keep the files' order) and statuses as the in-memory
    sort, with runs spilled and merged in several passes, and actions in others' files."""
    expected = reference_rows(copy.deepcopy(files), indicator=indicator, years=years)
    found = sorted_list(files, indicator=indicator, years=years, buffer=buffer,
                        fan_in=fan_in, batch=batch)
    assert typed(found) == typed(expected)


def test_an_action_in_another_file_has_its_statuses_over_both_files() -> None:
    """A correction in another action's file replaces the value in its own file (and the
    statuses of that file alone would have said both current)."""
    def row(action: str, at: str, replaces: str | None = None) -> list[Any]:
        return [0, sidecar.row_values(Record(action, "QT1", 2026, "b", at, value=1,
                                             replaces=replaces))]

    files = [[row("PAR-1", "2026-01-02T00:00:00Z")],
             [row("PAR-2", "2026-01-01T00:00:00Z"),
              row("PAR-1", "2026-01-03T00:00:00Z", replaces="typo")]]
    expected = reference_rows(copy.deepcopy(files))
    assert [r[-1] for r in expected] == ["current", "replaced", "current"]
    for buffer in (1, 100):
        assert sorted_list(copy.deepcopy(files), buffer=buffer) == expected


def test_external_sort_sorts_with_runs_and_bounded_open_files(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Any number of runs is merged with at most ``fan_in`` of them open at once."""
    open_now, most = 0, 0
    read = external_sort._read

    def counted(file: Any) -> Iterator[Any]:
        nonlocal open_now, most
        open_now += 1
        most = max(most, open_now)
        try:
            yield from read(file)
        finally:
            open_now -= 1

    monkeypatch.setattr(external_sort, "_read", counted)
    items = [((n * 7919) % 1000, n, [str(n)]) for n in range(1000)]
    with external_sort.spilled(buffer=10, fan_in=4, batch=3) as runs:
        runs.extend(items)
        assert len(runs) == 1000
        assert sorted(runs.stored()) == sorted(items)
        assert list(runs.merged()) == sorted(items)
        assert runs.spills > 100  # 100 runs of 10, then the passes merging 4 at a time
    assert most == 4


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.integers(0, 6), max_size=25), max_size=6),
       st.integers(1, 5))
def test_batch_merge_is_heapq_merge(keys: list[list[int]], batch: int) -> None:
    """``_merge`` gives what ``heapq.merge(key=)`` gives: sorted on the key, ties in the
    order of the runs (many ties, empty runs, batches of any size)."""
    import heapq

    runs = [[(key, place, number) for number, key in enumerate(sorted(run))]
            for place, run in enumerate(keys)]
    batches = [iter([run[at:at + batch] for at in range(0, len(run), batch)]) for run in runs]
    assert list(external_sort._merge(batches)) == list(heapq.merge(*runs, key=itemgetter(0)))


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder where temporary folders are made, watched by the test."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_nothing_is_written_below_the_buffer(temporary: Path) -> None:
    """A history smaller than the buffer is sorted in memory: no folder, no run."""
    with external_sort.spilled(buffer=100) as runs:
        runs.extend((n % 7, n, None) for n in range(99))
        assert list(runs.merged()) == sorted((n % 7, n, None) for n in range(99))
        assert (runs.spills, list(temporary.iterdir())) == (0, [])


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_the_temporary_folder_is_removed_after_an_error_mid_merge(
        temporary: Path, error: type[BaseException]) -> None:
    """An error (or Ctrl-C) while the merged rows are read still removes every run."""
    with pytest.raises(error), external_sort.spilled(buffer=5, fan_in=2, batch=2) as runs:
        runs.extend((n % 13, n, [n]) for n in range(100))
        merged = runs.merged()
        next(merged)
        assert list(next(temporary.iterdir()).iterdir()) != []  # a run is being read
        raise error
    assert list(temporary.iterdir()) == []


def _write_values(plan: Path) -> None:
    """Values files of the shipped plan: ties across files, corrections, a dispute, a
    withdrawal, a settled dispute, a record of PAR-1 in PAR-2's file."""
    folder = plan.parent / "measurements"
    folder.mkdir()
    at = ["2026-03-01T10:00:00Z", "2026-03-01T10:00:00Z", "2026-02-01T10:00:00Z"]
    lines: dict[str, list[Record]] = {"PAR-1": [], "PAR-2": [], "EJ-1": []}
    for n in range(40):
        action = ["PAR-1", "PAR-2", "EJ-1"][n % 3]
        year = 2026 + n % 2
        lines[action].append(Record(action, "QT1", year, "Camille", at[n % 3], value=n,
                                    note="a;b" if n % 4 else None,
                                    replaces="oubli" if n % 5 == 1 else None,
                                    settles="bilan" if n % 5 == 3 else None))
    lines["PAR-2"].append(Record("PAR-1", "QT1", 2026, "Camille", at[0], value=1.5,
                                 replaces="saisi ailleurs"))
    lines["EJ-1"].append(Record("EJ-1", "QT1", 2027, "Camille", at[1], withdraws="erreur"))
    for action, records in lines.items():
        (folder / f"{action}.yaml").write_text(
            sidecar.HEADER.format(action=action) + "".join(
                sidecar.format_record(r) for r in records), encoding="utf-8")


@pytest.mark.parametrize("fmt", ["csv", "json", "table", "markdown"])
def test_ctg_history_is_byte_identical_with_runs_spilled(
        tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """`ctg history` writes the same bytes whether its rows were sorted in memory or
    through runs on disk merged in several passes, and leaves no temporary file."""
    plan = tmp_path / "data" / "plan.yaml"
    plan.parent.mkdir()
    shutil.copy(SHIPPED_PLAN, plan)
    _write_values(plan)
    runner = CliRunner()
    args = ["history", "--format", fmt, "--limit", "7", "--plan", str(plan)]
    in_memory = runner.invoke(app, args)
    assert in_memory.exit_code == 0, in_memory.output
    assert in_memory.stdout.count("\n") > 7
    monkeypatch.setattr(external_sort, "BUFFER", 3)
    monkeypatch.setattr(external_sort, "FAN_IN", 2)
    monkeypatch.setattr(external_sort, "BATCH", 2)
    spilled = runner.invoke(app, args)
    assert (spilled.exit_code, spilled.stdout_bytes, spilled.stderr) == (
        0, in_memory.stdout_bytes, in_memory.stderr)
    assert list(temporary.iterdir()) == []


def test_ctg_history_removes_its_runs_when_writing_fails(
        tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error while the merged rows are written (a full disk, a closed pipe) still
    removes the temporary folder."""
    plan = tmp_path / "data" / "plan.yaml"
    plan.parent.mkdir()
    shutil.copy(SHIPPED_PLAN, plan)
    _write_values(plan)
    monkeypatch.setattr(external_sort, "BUFFER", 3)
    written = 0

    def failing(row: list[Any]) -> list[Any]:
        nonlocal written
        written += 1
        if written == 5:
            assert list(next(temporary.iterdir()).iterdir()) != []  # runs being merged
            raise OSError("No space left on device")
        return row

    monkeypatch.setattr(render_table, "_csv_row", failing)
    result = CliRunner().invoke(app, ["history", "--format", "csv", "--plan", str(plan)])
    assert isinstance(result.exception, OSError) and written == 5
    assert list(temporary.iterdir()) == []


def _generated(files: int, per_file: int) -> Iterator[list[list[Any]]]:
    """A history made one file at a time (nothing of it held by the caller)."""
    for number in range(files):
        action = f"ACT-{number}"
        yield [[i, sidecar.row_values(Record(
            action, f"QT{i % 3}", 2026 + i % 3, "Camille Martin",
            f"2026-{1 + (i * 7 + number) % 12:02}-01T10:{number % 60:02}:00Z", value=i * 1.5,
            note="note" * (i % 3), replaces="oubli" if i % 4 == 3 else None))]
                for i in range(per_file)]


def _peak(files: int, per_file: int, buffer: int) -> int:
    """tracemalloc's peak while the sorted rows are read one at a time."""
    tracemalloc.start()
    try:
        with history_sort.sorted_rows(_generated(files, per_file), buffer=buffer,
                                      batch=20) as rows:
            assert sum(1 for _row in rows) == files * per_file
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_is_flat_in_the_number_of_values(temporary: Path) -> None:
    """With a buffer of N rows, 20N rows take about the memory of 2N (the in-memory sort
    would take ten times more): at most about N rows are held at once."""
    buffer = 1000
    small = _peak(40, 50, buffer)  # 2N rows
    large = _peak(400, 50, buffer)  # 20N rows
    assert large < 1.5 * small, (small, large)
