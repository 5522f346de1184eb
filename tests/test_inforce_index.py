"""``ctg record`` keeps, beside the cached history, what is in force for each indicator
and period it recorded to (the ``inforce`` index): the next record reads that instead of
the whole history. It must give what reading the whole file gives, whatever happens to
the file in between, and never be used for another state of the file or other code."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctgplan import cache, corrections, reading, record_write, sidecar
from ctgplan.data_folder import sidecar_path
from ctgplan.plan_json import PlanResult
from ctgplan.problems import CtgError
from ctgplan.sidecar import Record
from tests.conftest import SHIPPED_PLAN

KEYS = [("QT1", 2026), ("QT1", 2027), ("QT2", 2026)]
OPS = st.lists(st.tuples(
    st.sampled_from(["value", "value", "replaces", "replaces", "settles", "withdraws",
                     "by hand", "other action"]),
    st.sampled_from(KEYS)), min_size=1, max_size=14)


def _truth(path: Path, indicator: str, period: int) -> list[tuple[int, object]]:
    """What is in force, from the file parsed again (no cache)."""
    records = sidecar.read_records(path).records
    return [(r.index, r.value) for r in corrections.in_force(
        r for r in records if r.indicator == indicator and str(r.period) == str(period))]


def _by_hand(path: Path, action: str, indicator: str, period: int, value: int) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f'- {{action: "{action}", indicator: "{indicator}", period: {period}, '
                     f'value: {value}, recorded_by: "x", recorded_at: "2026-01-01T00:00:00Z"}}\n')


def _record(plan_path: Path, kind: str, indicator: str, period: int, value: int) -> None:
    loaded: PlanResult = reading.load_plan(plan_path)
    assert loaded.plan is not None
    reason = f"raison {value}"
    record = Record("PAR-2", indicator, period, "x", "2026-01-01T00:00:00Z",
                    value=None if kind == "withdraws" else value,
                    settles=reason if kind == "settles" else None,
                    withdraws=reason if kind == "withdraws" else None,
                    replaces=reason if kind == "replaces" else None)
    try:
        record_write.append(plan_path, loaded.plan, record, replace=kind == "replaces")
    except CtgError:
        return  # refused: a refusal follows from what lookup said, checked below


@settings(max_examples=60, deadline=None)
@given(ops=OPS)
def test_the_index_gives_what_the_whole_file_gives(ops: list[tuple[str, tuple[str, int]]]
                                                   ) -> None:
    """Values, corrections, settlements, withdrawals, lines added by hand (of this action
    and of another one) in any order: after each step, what ``lookup`` finds in force for
    every indicator and period is what parsing the whole file and ``corrections`` give,
    and the cached history is the file parsed again."""
    with tempfile.TemporaryDirectory() as folder:
        plan_path = Path(folder) / "data" / "plan.yaml"
        plan_path.parent.mkdir()
        shutil.copy(SHIPPED_PLAN, plan_path)
        path = sidecar_path(plan_path, "PAR-2")
        for value, (kind, (indicator, period)) in enumerate(ops):
            if kind == "by hand" and path.exists():
                _by_hand(path, "PAR-2", indicator, period, value)
            elif kind == "other action" and path.exists():
                _by_hand(path, "IAD-6", indicator, period, value)
            else:
                _record(plan_path, kind, indicator, period, value)
            if not path.exists():
                continue
            for ind, per in KEYS:
                found = reading.lookup(path, "PAR-2", ind, per)
                assert [(r.index, r.value) for r in found.in_force] == _truth(path, ind, per)
                assert found.size == len(sidecar.read_records(path).records)
            # the cached history, extended by each record, is the file parsed again
            assert cache.read("sidecar", path, cache.stamp(path)) is not None
            assert reading.read_sidecar(path) == sidecar.read_records(path)


def test_a_record_leaves_an_index_that_the_next_one_reads(plan_on_disk: Path) -> None:
    """After a record, the next lookup of that indicator and period comes from the index
    (the history's cached lines are not searched)."""
    _record(plan_on_disk, "value", "QT1", 2026, 4)
    _record(plan_on_disk, "replaces", "QT1", 2026, 5)
    path = sidecar_path(plan_on_disk, "PAR-2")
    assert cache.read("inforce", path, cache.stamp(path)) is not None
    assert [(r.index, r.value, r.replaces) for r in
            reading.lookup(path, "PAR-2", "QT1", 2026).in_force] == [(1, 5, "raison 5")]


def test_the_index_serves_only_this_code_and_this_state_of_the_file(
        plan_on_disk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A planted index is used under its own key only: other code, or the file changed by
    hand (even to the same size and modification time), reads the file's lines again."""
    _record(plan_on_disk, "value", "QT1", 2026, 4)
    path = sidecar_path(plan_on_disk, "PAR-2")
    key = cache.stamp(path)
    [head, size, groups] = cache.read("inforce", path, key) or []
    planted = [[0, [*row[:5], 99, *row[6:]]] for _index, row in groups["QT1 2026"]]
    cache.write("inforce", path, key, [head, size, {"QT1 2026": planted}])
    assert [r.value for r in reading.lookup(path, "PAR-2", "QT1", 2026).in_force] == [99]
    with monkeypatch.context() as patched:
        patched.setattr(cache, "code_identity", lambda: "another version of ctg")
        assert [r.value for r in reading.lookup(path, "PAR-2", "QT1", 2026).in_force] == [4]
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"value: 4", b"value: 6"))
    import os

    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert [r.value for r in reading.lookup(path, "PAR-2", "QT1", 2026).in_force] == [6]


@pytest.fixture
def plan_on_disk(tmp_path: Path) -> Path:
    """A copy of the shipped plan."""
    path = tmp_path / "data" / "plan.yaml"
    path.parent.mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, path)
    return path


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["value", "replaces", "settles", "withdraws"]),
                          st.sampled_from(["PAR-2", "IAD-6"])), max_size=12))
def test_after_is_one_step_of_corrections(lines: list[tuple[str, str]]) -> None:
    """Folding ``after`` over the lines of one indicator and period, one line at a time,
    gives what ``corrections.in_force`` gives on all of them."""
    records = [Record(action, "QT1", 2026, "x", "t", value=None if kind == "withdraws" else n,
                      replaces="r" if kind == "replaces" else None,
                      settles="r" if kind == "settles" else None,
                      withdraws="r" if kind == "withdraws" else None, index=n)
               for n, (kind, action) in enumerate(lines)]
    state: list[Record] = []
    for n, record in enumerate(records):
        state = corrections.after(state, record)
        assert state == corrections.in_force(records[:n + 1])
