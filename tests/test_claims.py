"""Claims the README makes that a change of one line could break, each tested alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ctgplan import files, plan_rules, reading, sidecar
from tests.test_plan_rules import CLEAN, context, found


def test_target_direction_both_ways() -> None:
    """A target against its direction is flagged, one with it is not, for both directions."""
    indicators = (
        "[{id: QT1, kind: quantitative, unit: count, label: A, baseline: {value: 10, year: "
        "2025}, direction: increase, targets: {2026: 20, 2027: 5}}, "
        "{id: QT2, kind: quantitative, unit: count, label: B, baseline: {value: 10, year: "
        "2025}, direction: decrease, targets: {2026: 5, 2027: 20}}]")
    ctx = context(CLEAN.replace(
        "[{id: QT1, kind: quantitative, unit: count, label: Nombre}]", indicators))
    assert [(p[3], p[4]) for p in found(plan_rules.indicators, ctx)] == [
        ("target-direction", "target 5 for 2027 goes against the direction 'increase' from "
         "baseline 10"),
        ("target-direction", "target 20 for 2027 goes against the direction 'decrease' from "
         "baseline 10")]


def test_a_baseline_after_the_plan_period_is_an_error() -> None:
    """A baseline is measured at the start: a year after the period is refused, one before
    it is not."""
    late = CLEAN.replace("label: Nombre}", "label: Nombre, baseline: {value: 1, year: 2030}}")
    early = CLEAN.replace("label: Nombre}", "label: Nombre, baseline: {value: 1, year: 2024}}")
    assert [p[3] for p in found(plan_rules.years, context(late))] == ["year-out-of-range"]
    assert found(plan_rules.years, context(early)) == []


@pytest.mark.parametrize(("period", "valid"), [
    ("2026-Q1", True), ("2026-Q4", True), ("2026-Q5", False), ("2026-Q0", False),
    ("2026-12", True), ("2026-13", False), (2026, True), ("2026", False)])
def test_periods(tmp_path: Path, period: object, valid: bool) -> None:
    """Quarters 1 to 4 and months 1 to 12 only."""
    path = tmp_path / "A-1.yaml"
    shown = f'"{period}"' if isinstance(period, str) else str(period)
    path.write_text(f'- {{action: "A-1", indicator: "QT1", period: {shown}, value: 1, '
                    'recorded_by: "a", recorded_at: "t"}\n', encoding="utf-8")
    loaded = sidecar.read_records(path)
    assert (len(loaded.records) == 1, [p.code for p in loaded.problems]) == (
        (True, []) if valid else (False, ["bad-period"]))


def test_a_write_replaces_the_file_by_rename(tmp_path: Path) -> None:
    """The new content goes to a new file renamed over the old one: a reader that opened
    the old file keeps reading the old bytes (never a half-written file)."""
    path = tmp_path / "values.yaml"
    path.write_bytes(b"old\n")
    before = path.stat().st_ino
    with path.open("rb") as reader:
        files.write_atomic(path, b"new content\n")
        assert reader.read() == b"old\n"
    assert path.read_bytes() == b"new content\n"
    assert path.stat().st_ino != before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["values.yaml"]


@pytest.mark.skipif(not hasattr(os, "O_DIRECTORY"), reason="POSIX folders are fsynced")
def test_a_durable_write_fsyncs_the_file_and_its_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The data, then the rename (the folder), are flushed to the disk."""
    synced: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append("folder" if _is_dir(fd) else "file")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    files.write_atomic(tmp_path / "a.yaml", b"x\n")
    assert synced == ["file", "folder"]
    synced.clear()
    files.write_atomic(tmp_path / "b.yaml", b"x\n", durable=False)
    assert synced == []


def _is_dir(fd: int) -> bool:
    import stat

    return stat.S_ISDIR(os.fstat(fd).st_mode)


def test_the_cache_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file read once is not parsed again while it is unchanged."""
    path = tmp_path / "A-1.yaml"
    path.write_text('- {action: "A-1", indicator: "QT1", period: 2026, value: 1, '
                    'recorded_by: "a", recorded_at: "t"}\n', encoding="utf-8")
    first = reading.read_sidecar(path)

    def parse_again(_path: Path) -> sidecar.Loaded:
        raise AssertionError("parsed again: the cache was not read")

    monkeypatch.setattr(sidecar, "read_records", parse_again)
    again = reading.read_sidecar(path)
    assert [r.value for r in again.records] == [r.value for r in first.records] == [1]
