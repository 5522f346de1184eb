"""The cache of parsed files: same answers as without it, invalidated by any change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ctgplan import cache, reading, record_write, sidecar
from ctgplan.reading import check_all, load_plan
from tests.conftest import SHIPPED_PLAN

BLOCK = ('- action: "PAR-2"\n  indicator: "QT1"\n  period: 2026\n  value: {value}\n'
         '  recorded_by: "a"\n  recorded_at: "2026-11-29T10:00:00Z"\n')


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A copy of the shipped plan with one sidecar."""
    path = tmp_path / "data" / "plan.yaml"
    (path.parent / "measurements").mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, path)
    (path.parent / "measurements" / "PAR-2.yaml").write_text(BLOCK.format(value=3),
                                                            encoding="utf-8")
    return path


def entries(private_cache: Path) -> list[str]:
    """The names of the cache entries written so far."""
    return sorted(p.name for p in private_cache.rglob("*.json"))


def test_second_check_comes_from_the_cache(plan: Path, private_cache: Path) -> None:
    """The first check fills the cache; the second gives the same answer from it."""
    first = check_all(plan)
    assert entries(private_cache) == ["check-plan.yaml.json", "plan-plan.yaml.json",
                                      "sidecar-PAR-2.yaml.json"]
    second = check_all(plan)
    assert second.problems == first.problems == []
    assert second.records == first.records == 1
    assert second.plan.plan == first.plan.plan


def test_a_changed_sidecar_is_read_again(plan: Path) -> None:
    """Changing a value (even to one of the same length) changes the answer."""
    assert check_all(plan).problems == []
    sidecar = plan.parent / "measurements" / "PAR-2.yaml"
    sidecar.write_text(BLOCK.format(value="x"), encoding="utf-8")
    [problem] = check_all(plan).problems
    assert (problem.line, problem.col, problem.code) == (4, 10, "bad-value")
    loaded = reading.load_records(plan)
    assert [str(r.value) for r in loaded.records] == ["x"]


def test_a_changed_plan_is_read_again(plan: Path) -> None:
    """Editing the plan invalidates its cached form."""
    assert load_plan(plan).plan is not None
    text = plan.read_text(encoding="utf-8").replace("lead: ccgm", "lead: nobody", 1)
    plan.write_text(text, encoding="utf-8")
    result = load_plan(plan)
    assert result.plan is None
    assert [p.code for p in result.errors] == ["unknown-partner"]


def test_a_corrupt_cache_is_ignored(plan: Path, private_cache: Path) -> None:
    """Garbage in the cache folder is never trusted."""
    check_all(plan)
    for entry in private_cache.rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert check_all(plan).problems == []
    assert [r.value for r in reading.load_records(plan).records] == [3]


def test_no_cache_when_turned_off(plan: Path, private_cache: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """CTG_NO_CACHE=1 writes nothing."""
    monkeypatch.setenv("CTG_NO_CACHE", "1")
    check_all(plan)
    assert entries(private_cache) == []


def test_record_keeps_the_cache_current(plan: Path, private_cache: Path) -> None:
    """After `record`, the cached sidecar holds the new value too."""
    result = load_plan(plan)
    assert result.plan is not None
    new = sidecar.Record(action="PAR-2", indicator="QT2", period=2026, value=9,
                       recorded_by="b", recorded_at="2026-11-29T11:00:00Z")
    path = record_write.append(plan, result.plan, new).path
    assert cache.read("sidecar", path, cache.stamp(path)) is not None
    assert [(r.indicator, r.value) for r in reading.load_records(plan).records] == [
        ("QT1", 3), ("QT2", 9)]
