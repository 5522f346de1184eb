"""`ctg record` and `ctg history`: refusals, exact file content, history, concurrency, crashes."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ctgplan import data_folder, reading, record_input
from ctgplan import sidecar as values_file
from ctgplan.cli import app
from ctgplan.problems import Level
from ctgplan.reading import check_all, load_plan
from ctgplan.record_rules import RecordContext, check_records
from tests.conftest import CTG, MINIMAL_PLAN, SHIPPED_PLAN

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


def record(plan: Path, *args: str) -> tuple[int, str, str]:
    """Run `ctg record ARGS --plan PLAN --by Test`: exit code, stdout, stderr."""
    result = runner.invoke(app, ["record", *args, "--plan", str(plan), "--by", "Test"])
    return result.exit_code, result.stdout, result.stderr


def sidecar(plan: Path, action: str) -> str:
    """The text of an action's sidecar."""
    return (plan.parent / "measurements" / f"{action}.yaml").read_text(encoding="utf-8")


HEADER = values_file.HEADER.format(action="PAR-2")


def test_record_writes_one_block(plan: Path) -> None:
    """A value becomes one line, keys in a fixed order, after the header."""
    code, out, err = record(plan, "PAR-2", "QT1", "12", "--year", "2026", "--source", "feuilles")
    assert (code, err) == (0, "")
    assert out == "Recorded PAR-2 QT1 = 12 for 2026 in " \
        f"{plan.parent / 'measurements' / 'PAR-2.yaml'}\n"
    assert sidecar(plan, "PAR-2") == HEADER + (
        '- {action: "PAR-2", indicator: "QT1", period: 2026, value: 12, source: "feuilles", '
        f'recorded_by: "Test", recorded_at: "{STAMP}"}}\n')


def test_case_of_ids_and_french_decimal_comma(plan: Path) -> None:
    """Ids are matched ignoring case; a percentage accepts 37,5 and a % sign."""
    assert record(plan, "iad-1", "qt3", "37,5 %", "--year", "2025")[0] == 0
    assert "value: 37.5, " in sidecar(plan, "IAD-1")


def test_milestone_takes_oui(plan: Path) -> None:
    """A milestone is recorded as 1 for oui."""
    assert record(plan, "IAD-3", "QT1", "oui", "--year", "2025")[0] == 0
    assert "value: 1, " in sidecar(plan, "IAD-3")


REFUSALS = {
    "unknown action": (["PAR-9", "QT1", "3", "--year", "2026"],
                       "ctg: error: no action 'PAR-9' in the plan: did you mean PAR-3? "
                       "`ctg list` shows every action\n"),
    "unknown indicator": (["PAR-2", "QT7", "3", "--year", "2026"],
                          "ctg: error: action PAR-2 has no indicator 'QT7': its indicators are "
                          "QT1 (Nombre de réunions), QT2 (Nombre de participants), QL1 "
                          "(Satisfaction des participants)\n"),
    "not a number": (["PAR-2", "QT1", "douze", "--year", "2026"],
                     "ctg: error: QT1 (Nombre de réunions) expects a whole number, 0 or more "
                     "(for example 12), not 'douze'\n"),
    "not a whole number": (["PAR-2", "QT1", "12,5", "--year", "2026"],
                           "ctg: error: QT1 (Nombre de réunions) expects a whole number, 0 or "
                           "more (for example 12), not '12,5': 12.5 is not a whole number of 0 "
                           "or more\n"),
    "percent over 100": (["IAD-1", "QT3", "120", "--year", "2025"],
                         "ctg: error: QT3 (Part de nouveaux usagers ayant découvert certains "
                         "dispositifs) expects a percentage from 0 to 100 (for example 37,5), "
                         "not '120': 120 is not between 0 and 100\n"),
    "milestone word": (["IAD-3", "QT1", "peut-être", "--year", "2025"],
                       "ctg: error: QT1 (Création de la plateforme) expects oui or non (done or "
                       "not done; 1 or 0), not 'peut-être'\n"),
    "year outside the plan": (["PAR-2", "QT1", "3", "--year", "2030"],
                              "ctg: error: --year 2030 is outside the plan period 2025-2028\n"),
    "score without scale": (["PAR-2", "QL1", "Bien", "--year", "2026", "--score", "4"],
                            "ctg: error: QL1 declares no score scale: add `scale: {min: 1, max: "
                            "5}` to the indicator in the plan, or record the share satisfied "
                            "instead\n"),
    "survey option on a number": (["PAR-2", "QT1", "3", "--year", "2026", "--satisfied", "80"],
                                  "ctg: error: QT1 is quantitative: --respondents, --score and "
                                  "--satisfied are for qualitative (survey) indicators\n"),
    "satisfied over 100": (["PAR-2", "QL1", "Bien", "--year", "2026", "--satisfied", "180"],
                           "ctg: error: --satisfied is a percentage from 0 to 100, not 180\n"),
    "replace without reason": (["PAR-2", "QT1", "3", "--year", "2026", "--replace"],
                               "ctg: error: --replace needs --reason TEXT: say why the value "
                               "changes (it is kept in the history)\n"),
    "replace with nothing to replace": (
        ["PAR-2", "QT1", "3", "--year", "2026", "--replace", "--reason", "x"],
        "ctg: error: PAR-2 QT1 has no value for 2026 to replace: run again without "
        "--replace\n"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refusals_are_exact_and_write_nothing(plan: Path, case: str) -> None:
    """Each wrong input is refused with its message, exit 1, and nothing is written."""
    args, message = REFUSALS[case]
    assert record(plan, *args) == (1, "", message)
    assert data_folder.sidecar_files(plan) == []


def test_missing_year_is_a_usage_error(plan: Path) -> None:
    """Without --year (and not in a terminal), the command exits 2."""
    assert record(plan, "PAR-2", "QT1", "3")[0] == 2


def test_duplicate_is_refused_and_replace_keeps_history(plan: Path) -> None:
    """A second value needs --replace --reason; the first stays in the file and history."""
    assert record(plan, "PAR-2", "QT1", "12", "--year", "2026")[0] == 0
    assert record(plan, "PAR-2", "QT1", "14", "--year", "2026") == (
        1, "", "ctg: error: PAR-2 QT1 already has a value for 2026: 12 (recorded by Test on "
        "2026-11-29); to correct it, run again with --replace --reason TEXT\n")
    code, out, _err = record(plan, "PAR-2", "QT1", "14", "--year", "2026", "--replace",
                             "--reason", "séance oubliée")
    assert code == 0 and out.startswith("Replaced PAR-2 QT1 = 14 for 2026")
    assert sidecar(plan, "PAR-2") == HEADER + (
        '- {action: "PAR-2", indicator: "QT1", period: 2026, value: 12, recorded_by: "Test", '
        f'recorded_at: "{STAMP}"}}\n'
        '- {action: "PAR-2", indicator: "QT1", period: 2026, value: 14, recorded_by: "Test", '
        f'recorded_at: "{STAMP}", replaces: "séance oubliée"}}\n')
    result = runner.invoke(app, ["history", "PAR-2", "--format", "json", "--plan", str(plan)])
    rows = json.loads(result.stdout)
    assert [(r["value"], r["status"]) for r in rows] == [(12, "replaced"), (14, "current")]
    assert check_all(plan).problems == []


def test_outside_calendar_is_a_warning(plan: Path) -> None:
    """A year in the plan but outside the action's calendar is recorded with a warning."""
    code, _out, err = record(plan, "PAR-2", "QT1", "3", "--year", "2025")
    assert code == 0
    assert err == ("ctg: warning: 2025 comes before the calendar of PAR-2 (2026); recorded "
                   "anyway\n")


def test_survey_result(plan: Path) -> None:
    """A qualitative value stores summary, respondents and share satisfied."""
    assert record(plan, "PAR-2", "QL1", "Très bien", "--year", "2026", "--respondents", "40",
                  "--satisfied", "87,5")[0] == 0
    assert 'summary: "Très bien", respondents: 40, satisfied: 87.5, ' in sidecar(
        plan, "PAR-2")


def test_dry_run_writes_nothing(plan: Path) -> None:
    """--dry-run prints the block and leaves the folder untouched."""
    code, out, _err = record(plan, "PAR-2", "QT1", "3", "--year", "2026", "--dry-run")
    assert code == 0
    assert out.startswith("Would append to ")
    assert '- {action: "PAR-2", indicator: "QT1", period: 2026, value: 3, ' in out
    assert not (plan.parent / "measurements").exists()


def test_crlf_sidecar_stays_crlf(plan: Path) -> None:
    """A sidecar checked out with CRLF (Windows) gets CRLF blocks, old bytes untouched."""
    assert record(plan, "PAR-2", "QT1", "3", "--year", "2026")[0] == 0
    path = plan.parent / "measurements" / "PAR-2.yaml"
    old = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(old)
    assert record(plan, "PAR-2", "QT2", "30", "--year", "2026")[0] == 0
    new = path.read_bytes()
    assert new.startswith(old)
    assert b"\n" not in new.replace(b"\r\n", b"")


def test_broken_sidecar_is_not_touched(plan: Path) -> None:
    """A sidecar with errors is left as it is: record refuses and points at the problem."""
    folder = plan.parent / "measurements"
    folder.mkdir()
    (folder / "PAR-2.yaml").write_text("- action: [PAR-2\n", encoding="utf-8")
    code, _out, err = record(plan, "PAR-2", "QT1", "3", "--year", "2026")
    assert code == 1
    assert err.startswith(f"ctg: error: {folder / 'PAR-2.yaml'}:2:1: invalid YAML")
    assert err.endswith("nothing was recorded\n")
    assert (folder / "PAR-2.yaml").read_text(encoding="utf-8") == "- action: [PAR-2\n"


SIDE_CASES = {
    "unknown action after a plan edit": (
        '- {action: "PAR-2", indicator: "QT1", period: 2026, value: 3, recorded_by: "a", '
        'recorded_at: "x"}\n', "PAR-2", {"PAR-2": "PAR-X"},
        [(1, 12, "unknown-action")]),
    "unknown indicator": (
        '- {action: "PAR-2", indicator: "QT9", period: 2026, value: 3, recorded_by: "a", '
        'recorded_at: "x"}\n', "PAR-2", {}, [(1, 32, "unknown-indicator")]),
    "wrong value type": (
        '- {action: "PAR-2", indicator: "QT1", period: 2026, value: "trois", recorded_by: "a", '
        'recorded_at: "x"}\n', "PAR-2", {}, [(1, 60, "bad-value")]),
    "period outside the plan": (
        '- {action: "PAR-2", indicator: "QT1", period: 2031, value: 3, recorded_by: "a", '
        'recorded_at: "x"}\n', "PAR-2", {}, [(1, 47, "year-out-of-range")]),
    "duplicate from a merge": (
        '- {action: "PAR-2", indicator: "QT1", period: 2026, value: 3, recorded_by: "a", '
        'recorded_at: "x"}\n'
        '- {action: "PAR-2", indicator: "QT1", period: 2026, value: 4, recorded_by: "b", '
        'recorded_at: "y"}\n', "PAR-2", {}, [(2, 3, "duplicate-value")]),
    "record in the wrong file": (
        '- {action: "PAR-1", indicator: "QT1", period: 2026, value: 3, recorded_by: "a", '
        'recorded_at: "x"}\n', "PAR-2", {}, [(1, 12, "wrong-file")]),
    "unknown key": (
        '- {action: "PAR-2", indicator: "QT1", period: 2026, valeur: 3, recorded_by: "a", '
        'recorded_at: "x"}\n', "PAR-2", {}, [(1, 53, "unknown-key")]),
    "empty period": (
        '- {action: "PAR-2", indicator: "QT1", period: null, value: 3, recorded_by: "a", '
        'recorded_at: "x"}\n', "PAR-2", {}, [(1, 47, "missing-key")]),
    "missing key": (
        '- {action: "PAR-2", indicator: "QT1", period: 2026, value: 3, recorded_by: "a"}\n',
        "PAR-2", {}, [(1, 3, "missing-key")]),
}


@pytest.mark.parametrize("case", sorted(SIDE_CASES))
def test_check_validates_sidecars(plan: Path, case: str) -> None:
    """`ctg check` reports each sidecar problem at its line:col."""
    text, action, plan_edits, expected = SIDE_CASES[case]
    folder = plan.parent / "measurements"
    folder.mkdir()
    (folder / f"{action}.yaml").write_text(text, encoding="utf-8")
    plan_text = plan.read_text(encoding="utf-8")
    for old, new in plan_edits.items():
        plan_text = plan_text.replace(f"id: {old}\n", f"id: {new}\n")
    plan.write_text(plan_text, encoding="utf-8")
    problems = [p for p in check_all(plan).problems if p.level is Level.ERROR]
    assert [(p.line, p.col, p.code) for p in problems] == expected
    assert all(p.file == str(folder / f"{action}.yaml") for p in problems)


def test_empty_plan_folder_has_no_records(tmp_path: Path) -> None:
    """A plan without measurements folder checks clean and has no history."""
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL_PLAN, encoding="utf-8")
    assert check_all(path).problems == []
    result = runner.invoke(app, ["history", "--plan", str(path)])
    assert (result.exit_code, result.stdout) == (0, "No recorded value matches.\n")


def test_twenty_concurrent_records_are_all_kept(plan: Path) -> None:
    """20 `ctg record` processes started at once, on one file and others: 20 records."""
    jobs = [("IAD-6", ind, year) for ind in ("QT1", "QT2") for year in (2025, 2026, 2027, 2028)]
    jobs += [("AVS-2", ind, year) for ind in ("QT1", "QT2") for year in (2026, 2027, 2028)]
    jobs += [("PAR-1", "QT1", 2026), ("PAR-2", "QT1", 2026), ("PAR-3", "QT1", 2027),
             ("NUM-1", "QT1", 2025), ("EJ-1", "QT1", 2026), ("EJ-2", "QT1", 2026)]
    assert len(jobs) == 20
    processes = [subprocess.Popen(
        [CTG, "record", action, ind, str(n), "--year", str(year), "--by", "p",
         "--plan", str(plan)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for n, (action, ind, year) in enumerate(jobs)]
    for process in processes:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    loaded = reading.load_records(plan)
    assert loaded.problems == []
    found = {(r.action, r.indicator, r.year, r.value) for r in loaded.records}
    assert found == {(a, i, y, n) for n, (a, i, y) in enumerate(jobs)}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_killed_record_never_corrupts_or_loses(plan: Path) -> None:
    """SIGKILL at many instants of `ctg record`: every sidecar stays valid, no record lost."""
    folder = plan.parent / "measurements"
    folder.mkdir()
    path = folder / "PAR-2.yaml"
    first = values_file.Record(action="PAR-2", indicator="QT1", period=2026, value=0,
                         recorded_by="seed", recorded_at=STAMP)
    blocks = [values_file.format_record(first)]
    blocks += [values_file.format_record(values_file.Record(
        action="PAR-2", indicator="QT1", period=2026, value=n, recorded_by="seed",
        recorded_at=STAMP, replaces=f"seed {n}")) for n in range(1, 3000)]
    path.write_text(values_file.HEADER.format(action="PAR-2") + "".join(blocks), encoding="utf-8")
    plan_result = load_plan(plan)
    assert plan_result.plan is not None

    def values() -> list[int]:
        loaded = reading.load_records(plan)
        assert [p for p in loaded.problems if p.level is Level.ERROR] == []
        assert check_records(RecordContext.of_plan(plan_result.plan), loaded.records) == []  # type: ignore[arg-type]
        return [int(r.value or 0) for r in loaded.records]

    values()  # the history read once (and cached), as before each killed run below, so
    # that the run timed lasts as long as the runs killed at a fraction of its time
    started = time.perf_counter()
    subprocess.run([CTG, "record", "PAR-2", "QT1", "3000", "--year", "2026", "--replace",
                    "--reason", "timing", "--by", "t", "--plan", str(plan)], check=True,
                   capture_output=True)
    lifetime = time.perf_counter() - started
    expected = values()
    assert expected[-1] == 3000
    rng = random.Random(20261129)
    kills = 0
    for attempt in range(3001, 3031):
        process = subprocess.Popen(
            [CTG, "record", "PAR-2", "QT1", str(attempt), "--year", "2026", "--replace",
             "--reason", f"attempt {attempt}", "--by", "t", "--plan", str(plan)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.05) * lifetime)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kills += 1
        process.wait()
        now = values()
        assert now[:len(expected)] == expected  # every earlier record intact, in order
        assert now[len(expected):] in ([], [attempt])
        expected = now
    assert kills >= 8  # the kills really happened during the runs
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp") and p.stat().st_size
                and p.name.startswith("PAR")]


VALID_SIDECAR = (
    '- action: "PAR-2"\n  indicator: "QT1"\n  period: 2026\n  value: 12\n'
    '  recorded_by: "Test"\n  recorded_at: "2026-11-29T10:00:00Z"\n'
    '- action: "PAR-2"\n  indicator: "QL1"\n  period: 2026\n  summary: "Bien"\n'
    '  satisfied: 80\n  recorded_by: "Test"\n  recorded_at: "2026-11-29T10:00:00Z"\n')


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(VALID_SIDECAR) - 1),
       st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|'\"#\n ,0129QT")), max_size=30))
def test_edited_sidecar_gives_problems_never_an_exception(
        plan: Path, at: int, inserted: str) -> None:
    """Random edits of a sidecar yield located problems from check, never an exception."""
    folder = plan.parent / "measurements"
    folder.mkdir(exist_ok=True)
    (folder / "PAR-2.yaml").write_text(VALID_SIDECAR[:at] + inserted + VALID_SIDECAR[at:],
                                       encoding="utf-8")
    for problem in check_all(plan).problems:
        assert problem.line >= 1 and problem.col >= 1


KILLER = """
import os, signal, sys
target, folder = int(sys.argv[1]), sys.argv[2]
count = 0
def hook(event, args):
    global count
    if event in ("open", "os.rename", "os.remove", "os.mkdir") and args and folder in str(args[0]):
        count += 1
        if count == target:
            os.kill(os.getpid(), signal.SIGKILL)
sys.addaudithook(hook)
sys.argv = ["ctg", *sys.argv[3:]]
from ctgplan.cli import main
main()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_killed_at_each_file_operation_of_a_write(plan: Path) -> None:
    """SIGKILL at the 1st, 2nd, ... file operation of `ctg record`: never a broken sidecar."""
    folder = plan.parent / "measurements"
    assert record(plan, "PAR-2", "QT1", "1", "--year", "2026")[0] == 0
    plan_result = load_plan(plan)
    assert plan_result.plan is not None
    expected = [1]
    target = 1
    while True:
        value = 100 + target
        done = subprocess.run(
            [sys.executable, "-c", KILLER, str(target), str(folder), "record", "PAR-2", "QT1",
             str(value), "--year", "2026", "--replace", "--reason", f"kill {target}",
             "--by", "t", "--plan", str(plan)], capture_output=True, check=False)
        loaded = reading.load_records(plan)
        assert [p for p in loaded.problems if p.level is Level.ERROR] == []
        assert check_records(RecordContext.of_plan(plan_result.plan), loaded.records) == []
        values = [int(r.value or 0) for r in loaded.records]
        assert values[:len(expected)] == expected
        assert values[len(expected):] in ([], [value])
        expected = values
        if done.returncode == 0:
            break
        assert done.returncode == -signal.SIGKILL
        target += 1
    assert target >= 4  # lock, sidecar read, temporary file, rename: each was a kill point
    assert expected[-1] == 100 + target


def test_history_table_shows_the_latest_rows(plan: Path) -> None:
    """The history table keeps the most recent values and says how many it left out."""
    for year in (2025, 2026, 2027):
        assert record(plan, "IAD-6", "QT1", str(year - 2000), "--year", str(year))[0] == 0
    result = runner.invoke(app, ["history", "--limit", "2", "--plan", str(plan)])
    assert result.exit_code == 0
    periods = [line.split()[2] for line in result.stdout.splitlines()[1:] if line.strip()]
    assert periods == ["2026", "2027"]
    assert result.stderr == "... 1 earlier values not shown: use --limit 0, or --format csv\n"
    csv_out = runner.invoke(app, ["history", "--format", "csv", "--plan", str(plan)])
    assert csv_out.stdout_bytes.decode("utf-8").splitlines()[1:] == [
        f"IAD-6;QT1;{year};{year - 2000};;;;;;;;Test;2026-11-29T10:00:00Z;current"
        for year in (2025, 2026, 2027)]
