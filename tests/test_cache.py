"""The cache of parsed files: same answers as without it, invalidated by any change."""

from __future__ import annotations

import json
import os
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
    assert entries(private_cache) == ["check-en-plan.yaml.json", "plan-en-plan.yaml.json",
                                      "sidecar-en-PAR-2.yaml.json"]
    second = check_all(plan)
    assert second.problems == first.problems == []
    assert second.records == first.records == 1
    assert second.facts == first.facts
    assert first.facts is not None and first.facts.actions == 19


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


def _replace_keeping_size_and_times(path: Path, text: str, *, in_place: bool) -> None:
    """Put ``text`` (same length as the file) in ``path``, its modification time set back."""
    old = path.stat()
    data = text.encode("utf-8")
    assert len(data) == old.st_size
    if in_place:
        with path.open("r+b") as handle:
            handle.write(data)
    else:
        other = path.with_name("replacement.tmp")
        other.write_bytes(data)
        other.replace(path)
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (old.st_size, old.st_mtime_ns)


@pytest.mark.parametrize("in_place", [False, True], ids=["replaced", "rewritten"])
def test_same_size_and_modification_time_do_not_fool_the_cache(plan: Path,
                                                               in_place: bool) -> None:
    """A file replaced (or rewritten) with the same size and mtime is read again."""
    assert check_all(plan).problems == []
    assert [r.value for r in reading.load_records(plan).records] == [3]
    sidecar = plan.parent / "measurements" / "PAR-2.yaml"
    _replace_keeping_size_and_times(sidecar, BLOCK.format(value="x"), in_place=in_place)
    assert [(p.line, p.code) for p in check_all(plan).problems] == [(4, "bad-value")]
    assert [str(r.value) for r in reading.load_records(plan).records] == ["x"]


def test_a_plan_replaced_with_the_same_size_and_time_is_read_again(plan: Path) -> None:
    """The plan's cached form is keyed the same way."""
    assert load_plan(plan).plan is not None
    text = plan.read_text(encoding="utf-8")
    _replace_keeping_size_and_times(plan, text.replace("lead: ccgm", "lead: ccgx", 1),
                                    in_place=False)
    assert [p.code for p in load_plan(plan).errors] == ["unknown-partner"]


def _plant(entry: Path, problem: list[object]) -> None:
    """Rewrite a cached check so that it holds ``problem``, its header (key) untouched."""
    head, _newline, body = entry.read_bytes().partition(b"\n")
    cached = json.loads(body)
    cached["problems"] = [problem]
    entry.write_bytes(head + b"\n" + json.dumps(cached).encode("utf-8") + b"\n")


def test_an_upgrade_of_ctg_never_serves_what_the_old_code_found(
        plan: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached result is served to the same code only: other code computes afresh."""
    assert check_all(plan).problems == []
    [entry] = private_cache.rglob("check-en-plan.yaml.json")
    _plant(entry, [str(plan), 1, 1, "error", "old-rule", "found by the old code"])
    served = check_all(plan).problems  # the same code trusts its own entry
    assert [p.code for p in served] == ["old-rule"]
    monkeypatch.setattr(cache, "code_identity", lambda: "another version of ctg")
    assert check_all(plan).problems == []


def test_the_code_identity_follows_the_source_not_its_place_or_times(tmp_path: Path) -> None:
    """Same source, same identity; one changed byte (same size and times), another one."""
    copy = tmp_path / "ctgplan"
    shutil.copytree(cache.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert cache.code_identity(copy) == cache.code_identity()
    rules = copy / "plan_rules.py"
    before = rules.stat()
    rules.write_bytes(rules.read_bytes().replace(b"duplicate-id", b"duplicate-ID", 1))
    os.utime(rules, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert rules.stat().st_size == before.st_size
    assert cache.code_identity.__wrapped__(copy) != cache.code_identity()
