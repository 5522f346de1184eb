"""Golden cases: `ctg check --format parsable` on each plan of tests/cases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ctgplan.cli import app

CASES = Path(__file__).parent / "cases"
runner = CliRunner()


@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("*.yaml")))
def test_golden_case(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parsable output is exactly the recorded one, and the exit code is 1."""
    shutil.copy(CASES / f"{case}.yaml", tmp_path / "plan.yaml")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "--format", "parsable", "--plan", "plan.yaml"])
    assert result.exit_code == 1
    assert result.stdout == (CASES / f"{case}.txt").read_text(encoding="utf-8")


def test_every_case_has_its_expected_output() -> None:
    """No golden case without its .txt, and the other way round."""
    assert sorted(p.stem for p in CASES.glob("*.yaml")) == sorted(
        p.stem for p in CASES.glob("*.txt"))
    assert len(list(CASES.glob("*.yaml"))) >= 3
