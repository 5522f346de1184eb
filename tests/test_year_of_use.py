"""A year of a coordinator's work from the command line: follow-up, corrections, exports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ctgplan import record_input, render
from ctgplan.cli import app
from ctgplan.cli.find import ShowFormat
from tests.conftest import SHIPPED_PLAN

runner = CliRunner()
STAMP = "2026-11-29T10:00:00Z"


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped plan in tmp_path, with a fixed clock for records."""
    path = tmp_path / "data" / "plan.yaml"
    path.parent.mkdir()
    shutil.copy(SHIPPED_PLAN, path)
    monkeypatch.setattr(record_input, "now_utc", lambda: STAMP)
    return path


def ctg(plan: Path, *args: str) -> tuple[int, str, str]:
    """Run `ctg ARGS --plan PLAN`: exit code, stdout, stderr."""
    result = runner.invoke(app, [*args, "--plan", str(plan)])
    return result.exit_code, result.stdout, result.stderr


def record(plan: Path, *args: str) -> tuple[int, str, str]:
    """Run `ctg record ARGS --by Test`."""
    return ctg(plan, "record", *args, "--by", "Test")


def test_yearly_follow_up_keeps_strict_check_green(plan: Path) -> None:
    """An action of calendar 2026 followed up in 2027 and 2028 (one corrected): a note per
    year, information only, and `ctg check --strict` passes."""
    assert record(plan, "PAR-2", "QT1", "4", "--year", "2026")[0] == 0
    code, _out, err = record(plan, "PAR-2", "QT1", "5", "--year", "2027")
    assert (code, err) == (0, "ctg: note: 2027 follows up PAR-2 after its calendar (2026)\n")
    assert record(plan, "PAR-2", "QT2", "50", "--year", "2027")[0] == 0
    assert record(plan, "PAR-2", "QT1", "6", "--year", "2027", "--replace", "--reason",
                  "oubli")[0] == 0
    assert record(plan, "PAR-2", "QT1", "6", "--year", "2028")[0] == 0
    code, out, err = ctg(plan, "check", "--strict", "--format", "parsable")
    values = plan.parent / "measurements" / "PAR-2.yaml"
    assert code == 0, out + err
    assert out.splitlines() == [
        f"{values}:5:47: info: values of PAR-2 for 2027 follow up the action after its "
        "calendar (2026): information only, not an error [after-calendar]",
        f"{values}:8:47: info: values of PAR-2 for 2028 follow up the action after its "
        "calendar (2026): information only, not an error [after-calendar]"]
    assert err == (f"{plan}: OK (0 errors, 0 warnings, 2 notes); 19 actions, 9 themes, "
                   "22 partners, 62 indicators; 5 recorded values in 1 file\n")


def test_history_is_oldest_first_and_limit_keeps_the_most_recent(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Values of several actions are listed by the time they were recorded, oldest first,
    whatever file holds them; --limit N keeps the N most recent."""
    for stamp, action in (("2026-03-01T10:00:00Z", "PAR-3"), ("2026-04-01T10:00:00Z", "PAR-1"),
                          ("2026-05-01T10:00:00Z", "PAR-3")):
        monkeypatch.setattr(record_input, "now_utc", lambda stamp=stamp: stamp)
        year = "2027" if stamp.startswith("2026-05") else "2026"
        assert record(plan, action, "QT1", "1", "--year", year)[0] == 0
    code, out, _err = ctg(plan, "history", "--format", "csv")
    assert code == 0
    assert [line.split(";")[:3] for line in out.lstrip("\ufeff").splitlines()[1:]] == [
        ["PAR-3", "QT1", "2026"], ["PAR-1", "QT1", "2026"], ["PAR-3", "QT1", "2027"]]
    code, out, err = ctg(plan, "history", "--limit", "1")
    assert (code, out.splitlines()[1].split()[:3]) == (0, ["PAR-3", "QT1", "2027"])
    assert err == "... 2 earlier values not shown: use --limit 0, or --format csv\n"


def test_show_offers_only_the_formats_it_accepts(plan: Path) -> None:
    """`show --help` lists table and json only; csv is refused as a usage error."""
    result = runner.invoke(app, ["show", "--help"], env={"COLUMNS": "100"})
    assert "<table|json>" in result.stdout and "csv" not in result.stdout
    assert [f.value for f in ShowFormat] == render.formats("action")
    code, _out, err = ctg(plan, "show", "PAR-2", "--format", "csv")
    assert code == 2
    assert "'csv' is not one of 'table', 'json'" in err
