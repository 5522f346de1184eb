"""`ctg import-values`: a table of the year's figures, recorded all at once or not at all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ctgplan import record_input, sidecar
from ctgplan.cli import app
from ctgplan.reading import check_all
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


def run(plan: Path, *args: str) -> tuple[int, str, str]:
    """Run `ctg import-values ARGS --plan PLAN --by Test`: exit code, stdout, stderr."""
    result = runner.invoke(app, ["import-values", *args, "--plan", str(plan), "--by", "Test"])
    return result.exit_code, result.stdout, result.stderr


def measurements(plan: Path) -> dict[str, str]:
    """Every values file beside the plan, by name."""
    folder = plan.parent / "measurements"
    if not folder.exists():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}


GOOD_CSV = (
    "Action;Indicateur;Année;Valeur;Source;Commentaire\r\n"
    "PAR-2;QT1;2026;4;feuilles d'émargement;\r\n"
    "par-2;qt2;2026;57;;séance du 12/12 comprise\r\n"
    "IAD-1;QT3;2025;37,5 %;enquête habitants;\r\n"
    "IAD-3;QT1;2025;oui;;\r\n"
)


def test_records_every_row(plan: Path, tmp_path: Path) -> None:
    """A good table in Windows-1252 is recorded: one line per value, in its action's file."""
    table = tmp_path / "valeurs 2026.csv"
    table.write_bytes(GOOD_CSV.encode("cp1252"))
    code, out, err = run(plan, str(table))
    folder = plan.parent / "measurements"
    assert (code, err) == (0, "")
    assert out == (f"Recorded 4 values from {table} in {folder / 'PAR-2.yaml'}, "
                   f"{folder / 'IAD-1.yaml'}, {folder / 'IAD-3.yaml'}\n")
    files = measurements(plan)
    assert files["PAR-2.yaml"] == sidecar.HEADER.format(action="PAR-2") + (
        '- {action: "PAR-2", indicator: "QT1", period: 2026, value: 4, source: "feuilles '
        'd\'émargement", recorded_by: "Test", recorded_at: "2026-11-29T10:00:00Z"}\n'
        '- {action: "PAR-2", indicator: "QT2", period: 2026, value: 57, note: "séance du '
        '12/12 comprise", recorded_by: "Test", recorded_at: "2026-11-29T10:00:00Z"}\n')
    assert files["IAD-1.yaml"].endswith(
        '- {action: "IAD-1", indicator: "QT3", period: 2025, value: 37.5, source: "enquête '
        'habitants", recorded_by: "Test", recorded_at: "2026-11-29T10:00:00Z"}\n')
    assert files["IAD-3.yaml"].endswith(
        '- {action: "IAD-3", indicator: "QT1", period: 2025, value: 1, recorded_by: "Test", '
        'recorded_at: "2026-11-29T10:00:00Z"}\n')
    assert [p for p in check_all(plan).problems if p.level.value == "error"] == []


def test_bad_rows_are_located_and_nothing_is_written(plan: Path, tmp_path: Path) -> None:
    """Every bad row has a FILE:ROW:COL message; one bad row means nothing is recorded."""
    runner.invoke(app, ["record", "PAR-1", "QT1", "3", "--year", "2026", "--plan", str(plan),
                        "--by", "Test"])
    before = measurements(plan)
    table = tmp_path / "valeurs.csv"
    table.write_text(
        "action,indicator,year,value,note\n"
        "PAR-2,QT1,2026,4,\n"
        "PAR-9,QT1,2026,4,\n"
        "PAR-2,QT7,2026,4,\n"
        "PAR-2,QT2,2031,4,\n"
        "PAR-2,QT2,2026,beaucoup,\n"
        "PAR-2,QT1,2026,5,\n"
        "PAR-1,QT1,2026,3,\n"
        "PAR-2,QL1,2026,,\n", encoding="utf-8")
    code, out, err = run(plan, str(table))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{table}:3:1: error: no action 'PAR-9' in the plan: did you mean PAR-3? `ctg list` "
        "shows every action [unknown-action]",
        f"{table}:4:2: error: action PAR-2 has no indicator 'QT7': its indicators are QT1 "
        "(Nombre de réunions), QT2 (Nombre de participants), QL1 (Satisfaction des "
        "participants) [unknown-indicator]",
        f"{table}:5:3: error: 2031 is outside the plan period 2025-2028 [year-out-of-range]",
        f"{table}:6:4: error: QT2 (Nombre de participants) expects a whole number, 0 or more "
        "(for example 12), not 'beaucoup' [bad-value]",
        f"{table}:7:4: error: PAR-2 QT1 2026 is already on row 2 of this table: keep one row "
        "[duplicate-value]",
        f"{table}:8:4: error: PAR-1 QT1 already has a value for 2026: 3 (recorded by Test on "
        "2026-11-29); remove this row, or correct the value with `ctg record PAR-1 QT1 VALUE "
        "--year 2026 --replace --reason TEXT` [already-recorded]",
        f"{table}:9:4: error: the value cell is empty: fill it in or delete the row "
        "[missing-value]",
        "ctg: error: 7 of 8 rows have problems: nothing was recorded; correct the table and "
        "run again",
    ]
    assert measurements(plan) == before


def test_spreadsheet_with_english_headers_and_surveys(plan: Path, tmp_path: Path) -> None:
    """An XLSX table with survey columns; numbers typed as numbers; the period column."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "2026"
    sheet.append(["Figures collected for the COPIL"])
    sheet.append(["Action", "Indicator", "Period", "Value", "Respondents", "% satisfied"])
    sheet.append(["PAR-2", "QL1", 2026, "Parents très satisfaits", 41, 87.5])
    sheet.append(["NUM-1", "QT2", 2025, 18, None, None])
    table = tmp_path / "figures.xlsx"
    book.save(table)
    code, _out, err = run(plan, str(table))
    assert (code, err) == (0, "")
    files = measurements(plan)
    assert files["PAR-2.yaml"].endswith(
        '- {action: "PAR-2", indicator: "QL1", period: 2026, summary: "Parents très '
        'satisfaits", respondents: 41, satisfied: 87.5, recorded_by: "Test", recorded_at: '
        '"2026-11-29T10:00:00Z"}\n')
    assert files["NUM-1.yaml"].endswith(
        '- {action: "NUM-1", indicator: "QT2", period: 2025, value: 18, recorded_by: "Test", '
        'recorded_at: "2026-11-29T10:00:00Z"}\n')


def test_dry_run_writes_nothing(plan: Path, tmp_path: Path) -> None:
    """--dry-run checks every row and writes nothing."""
    table = tmp_path / "valeurs.csv"
    table.write_bytes(GOOD_CSV.encode("cp1252"))
    code, out, err = run(plan, str(table), "--dry-run")
    assert (code, err) == (0, "")
    assert out == f"4 values checked in {table}: all can be recorded (nothing written)\n"
    assert measurements(plan) == {}


def test_table_without_header(plan: Path, tmp_path: Path) -> None:
    """A table whose columns are not named is refused with what to name them."""
    table = tmp_path / "valeurs.csv"
    table.write_text("PAR-2;QT1;2026;4\n", encoding="utf-8")
    code, out, err = run(plan, str(table))
    assert (code, out) == (1, "")
    assert err == (f"ctg: error: {table}: no header row found: name the columns action, "
                   "indicator, year and value (or action, indicateur, année, valeur)\n")
