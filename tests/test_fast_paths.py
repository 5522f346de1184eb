"""The fast paths give exactly what the slow ones give, and the cache is never trusted blindly.

- a plan read back from the cache is built without validation: equal to the validated
  plan, and only from an entry of this code for this very file;
- ``ctg record`` looks for a duplicate in the cache's lines without decoding them: the
  same answer as decoding them;
- streamed json and csv are byte for byte what the whole-list renderers wrote.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
from pathlib import Path

import pytest

from bench.generate import plan_text
from ctgplan import cache, corrections, plan_json, reading, render_table, sidecar
from ctgplan.model import Plan
from ctgplan.plan_load import read_plan
from tests.conftest import SHIPPED_PLAN

FULL = {
    "plan": {"title": "T", "territory": "X", "adopted": "2025-11-24", "period": "2025-2028"},
    "themes": [{"id": "PAR", "label": "Parentalité"}],
    "partners": [{"id": "caf", "name": "CAF", "aliases": ["CAFY", "Caisse"]},
                 {"id": "ccas", "name": "CCAS"}],
    "needs": [{"id": "n1", "text": "Besoin"}],
    "objectives": [{"id": "o1", "text": "Objectif"}],
    "actions": [{
        "id": "PAR-1", "theme": "PAR", "need": "n1", "objective": "o1", "action": "Ateliers",
        "lead": "caf", "partners": ["ccas"], "calendar": 2026,
        "indicators": [
            {"id": "QT1", "kind": "quantitative", "label": "Participants", "unit": "count",
             "frequency": "month",
             "baseline": {"value": 12, "year": 2025}, "direction": "increase",
             "targets": {2027: 20, 2028: 25.5}},
            {"id": "QL1", "kind": "qualitative", "label": "Satisfaction",
             "scale": {"min": 1, "max": 5}},
            {"id": "QL2", "kind": "qualitative", "label": "Avis", "scale": {"max": 10}},
        ]}, {
        "id": "PAR-2", "theme": "PAR", "need": "n1", "objective": "o1", "action": "Guide",
        "levers": "Locaux", "lead": "ccas", "calendar": "2025-2027", "indicators": []}],
}


def test_a_plan_rebuilt_from_its_dump_equals_the_validated_plan(tmp_path: Path) -> None:
    """Every field, every type: the same models as validation gives, field for field."""
    generated = tmp_path / "plan.yaml"
    generated.write_text(plan_text(60), encoding="utf-8")
    plans = [Plan.model_validate(FULL)]
    for path in (SHIPPED_PLAN, generated):
        loaded = read_plan(path).plan
        assert loaded is not None
        plans.append(loaded)
    for plan in plans:
        text = json.dumps(plan_json.dump(plan))
        rebuilt = plan_json.rebuild(json.loads(text))  # takes over the decoded data
        dumped = json.loads(text)
        assert rebuilt == plan
        # Field for field, type for type, what validating the cached data gave before
        # (a default int such as a scale's min of 1 comes back as the float 1.0 either way).
        validated = Plan.model_validate(dumped)
        assert repr(rebuilt) == repr(validated)
        assert rebuilt.model_dump() == validated.model_dump()
        assert plan_json.dump(rebuilt) == plan_json.dump(plan)


def _tamper(entry: Path) -> None:
    """Rename the plan held in a cached entry, its header (code and file key) untouched."""
    head, _newline, body = entry.read_bytes().partition(b"\n")
    cached = json.loads(body)
    cached["plan"]["plan"]["title"] = "Planted"
    entry.write_bytes(head + b"\n" + json.dumps(cached).encode("utf-8") + b"\n")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A copy of the shipped plan."""
    path = tmp_path / "data" / "plan.yaml"
    path.parent.mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, path)
    return path


def test_a_cached_plan_is_used_only_by_the_same_code_for_the_same_file(
        plan: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A planted entry is served under its own key only: other code or a changed file
    (even same size and modification time) reads and validates the YAML again."""
    title = reading.load_plan(plan).plan.plan.title  # type: ignore[union-attr]
    [entry] = private_cache.rglob("plan-en-plan.yaml.json")
    _tamper(entry)
    served = reading.load_plan(plan).plan
    assert served is not None
    assert served.plan.title == "Planted"  # the same code trusts its own entry
    with monkeypatch.context() as patched:
        patched.setattr(cache, "code_identity", lambda: "another version of ctg")
        assert reading.load_plan(plan).plan.plan.title == title  # type: ignore[union-attr]
    reading.load_plan(plan)  # written again by this code
    _tamper(entry)
    before = plan.stat()
    plan.write_bytes(plan.read_bytes())  # same bytes, same size: a new change time
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert reading.load_plan(plan).plan.plan.title == title  # type: ignore[union-attr]


def _line(action: str, indicator: str, period: int | str, value: object, **extra: object
          ) -> str:
    fields = {"action": action, "indicator": indicator, "period": period,
              **({} if value is None else {"value": value}),
              **extra, "recorded_by": "a", "recorded_at": "2026-11-29T10:00:00Z"}
    return "- {" + ", ".join(f"{k}: {json.dumps(v)}" for k, v in fields.items()) + "}\n"


def _write(plan: Path, name: str, *lines: str) -> Path:
    folder = plan.parent / "measurements"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_record_finds_the_values_without_decoding_the_history(plan: Path) -> None:
    """The cache's lines are searched as bytes; a line that only looks like the indicator
    and period (other fields holding the same bytes) is not taken for it."""
    path = _write(
        plan, "PAR-2.yaml", _line("PAR-2", "QT1", 2026, 1),
        _line("PAR-2", "QT1", "2026-03", 5),
        _line("PAR-2", "QT1", 2026, 2, replaces="oubli"),
        _line("PAR-2", "QL1", 2025, "v", summary="QT1", respondents=2026, score="x"))
    for _cold_then_warm in range(2):
        found = reading.lookup(path, "PAR-2", "QT1", 2026)
        assert (found.size, found.problems) == (4, [])
        assert [(r.value, r.index, r.replaces) for r in found.in_force] == [(2, 2, "oubli")]
        assert [r.value for r in reading.lookup(path, "PAR-2", "QT1", "2026-03").in_force
                ] == [5]
        assert reading.lookup(path, "PAR-2", "QT1", 2025).in_force == []
        assert reading.lookup(path, "PAR-2", "QT2", 2026).in_force == []
    assert cache.read_body("sidecar", path, cache.stamp(path)) is not None


@pytest.mark.parametrize("seed", range(40))
def test_record_reads_what_is_in_force_as_corrections_does(plan: Path, seed: int) -> None:
    """Values, corrections, settlements and withdrawals in any order, with look-alikes and
    a value of another action in the file: what is in force, read from the cache's lines,
    is what ``corrections.in_force`` gives on every record of the indicator and period."""
    rng = random.Random(seed)
    lines = []
    for n in range(rng.randint(1, 14)):
        kind = rng.choice(["value", "value", "replaces", "replaces", "settles", "withdraws",
                           "other", "lookalike", "foreign"])
        if kind == "other":
            lines.append(_line("PAR-2", rng.choice(["QT1", "QT2"]), 2027, n))
        elif kind == "lookalike":
            lines.append(_line("PAR-2", "QL1", 2025, "v", summary="QT1", respondents=2026,
                               score="x"))
        elif kind == "foreign" and seed % 4 == 0:
            lines.append(_line("IAD-6", "QT1", 2026, n))
        elif kind == "withdraws":
            lines.append(_line("PAR-2", "QT1", 2026, None, withdraws="erreur"))
        elif kind in ("replaces", "settles"):
            lines.append(_line("PAR-2", "QT1", 2026, n, **{kind: f"raison {n}"}))
        else:
            lines.append(_line("PAR-2", "QT1", 2026, n))
    path = _write(plan, "PAR-2.yaml", *lines)
    loaded = reading.read_sidecar(path)  # cold: parsed and cached
    assert loaded.problems == []
    expected = [r.index for r in corrections.in_force(
        r for r in loaded.records if r.indicator == "QT1" and str(r.period) == "2026")]
    found = reading.lookup(path, "PAR-2", "QT1", 2026)  # warm: from the cache's lines
    assert [r.index for r in found.in_force] == expected
    assert found.size == len(lines)


RECORDS: list[object] = [
    {"action": "PAR-2", "value": 12.5, "note": "« guillemets » \"doubles\"\n\tet \u2028"},
    {"a": None, "b": True, "c": -0.0, "d": 10**20, "e": 1e-7, "f": "é"},
    {"nested": {"x": [1, 2]}, "list": []},
    {},
    [1, {"y": 2}],
    "texte",
]


@pytest.mark.parametrize("count", [0, 1, 5, render_table.BATCH + 3])
def test_streamed_json_is_what_json_dumps_wrote(count: int) -> None:
    """The streamed json is byte for byte ``json.dumps(list, indent=2)``."""
    records = [RECORDS[n % len(RECORDS)] for n in range(count)]
    streamed = "".join(render_table.json_chunks(iter(records)))
    assert streamed == json.dumps(records, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("count", [0, 1, render_table.BATCH, 2 * render_table.BATCH + 1])
def test_streamed_csv_is_what_one_writer_wrote(count: int) -> None:
    """The streamed csv is the one the csv module writes for all the rows at once (empty
    cells for None, the decimal comma)."""
    rows = [[n, "a;b", None, 'x"y', 1.5] for n in range(count)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["N", "Text"])
    writer.writerows([n, "a;b", "", 'x"y', "1,5"] for n in range(count))  # decimal comma
    chunks = list(render_table.csv_chunks(["N", "Text"], iter(rows)))
    assert "".join(chunks) == "\ufeff" + buffer.getvalue()
    assert len(chunks) == count // render_table.BATCH + 1


def test_sidecar_rows_are_cached_in_the_order_lookup_expects() -> None:
    """``lookup`` reads the indicator and the period as the 2nd and 3rd fields of a row."""
    assert sidecar.ROW[:4] == ("action", "indicator", "period", "recorded_by")
