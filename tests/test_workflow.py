"""Real use end to end: two branches merged with git, and `ctg record` asking in a terminal."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ctgplan import reading
from ctgplan.cli import app
from ctgplan.reading import check_all
from tests.conftest import CTG, ROOT, SHIPPED_PLAN

runner = CliRunner()
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run git in the repository."""
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, check=False)


def record(plan: Path, *args: str) -> None:
    """Record a value, asserting success."""
    result = runner.invoke(app, ["record", *args, "--by", "t", "--plan", str(plan)])
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the plan and this project's .gitattributes."""
    (tmp_path / "data").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "data" / "plan.yaml")
    shutil.copy(ROOT / ".gitattributes", tmp_path / ".gitattributes")
    assert git(tmp_path, "init", "-q", "-b", "main").returncode == 0
    git(tmp_path, "add", "-A")
    assert git(tmp_path, "commit", "-qm", "plan").returncode == 0
    return tmp_path


def merge_two_branches(repo: Path, first: list[str], theirs: list[str], ours: list[str]
                       ) -> subprocess.CompletedProcess[str]:
    """Record ``first`` on main, ``theirs`` on a branch, ``ours`` on main, then merge."""
    plan = repo / "data" / "plan.yaml"
    record(plan, *first)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first value")
    git(repo, "checkout", "-qb", "other")
    record(plan, *theirs)
    git(repo, "commit", "-qam", "theirs")
    git(repo, "checkout", "-q", "main")
    record(plan, *ours)
    git(repo, "commit", "-qam", "ours")
    return git(repo, "merge", "-q", "other", "-m", "merge")


def test_values_recorded_on_two_branches_merge_cleanly(repo: Path) -> None:
    """Two people record different values of one action on two branches: no conflict."""
    merged = merge_two_branches(
        repo, ["PAR-2", "QT1", "3", "--year", "2026"], ["PAR-2", "QT2", "40", "--year", "2026"],
        ["PAR-2", "QL1", "Bien", "--year", "2026", "--satisfied", "80"])
    assert merged.returncode == 0, merged.stdout + merged.stderr
    plan = repo / "data" / "plan.yaml"
    assert check_all(plan).problems == []
    assert sorted(r.indicator for r in reading.load_records(plan).records) == [
        "QL1", "QT1", "QT2"]


def test_a_merge_that_duplicates_a_value_is_caught(repo: Path) -> None:
    """Two people record the same indicator and year: the merge works, check flags it."""
    merged = merge_two_branches(
        repo, ["PAR-2", "QT2", "30", "--year", "2026"], ["PAR-2", "QT1", "4", "--year", "2026"],
        ["PAR-2", "QT1", "5", "--year", "2026"])
    assert merged.returncode == 0, merged.stdout + merged.stderr
    problems = [(p.line, p.code) for p in check_all(repo / "data" / "plan.yaml").problems]
    assert problems == [(6, "duplicate-value")]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_bare_record_asks_step_by_step(tmp_path: Path) -> None:
    """`ctg record` alone in a terminal asks for action, indicator, value and year."""
    import pty

    plan = tmp_path / "data" / "plan.yaml"
    plan.parent.mkdir()
    shutil.copy(SHIPPED_PLAN, plan)
    master, slave = pty.openpty()
    process = subprocess.Popen([CTG, "record", "--by", "t", "--plan", str(plan)],
                               stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    seen = b""

    def answer(prompt: bytes, text: str) -> None:
        """Wait for ``prompt``, then type ``text`` and Enter (nothing for a message)."""
        nonlocal seen
        deadline = time.monotonic() + 30
        while prompt not in seen:
            assert time.monotonic() < deadline, seen.decode(errors="replace")
            seen += os.read(master, 4096)
        seen = seen[seen.index(prompt) + len(prompt):]
        if text:
            os.write(master, text.encode() + b"\n")

    answer(b"Action: ", "par-9")  # a wrong answer is explained and asked again
    answer(b"did you mean PAR-3?", "")
    answer(b"Action: ", "par-2")
    answer(b"Indicator: ", "QT1")
    answer(b"Value (a whole number, 0 or more (for example 12)): ", "six")
    answer(b"not 'six'", "")
    answer(b"Value (a whole number, 0 or more (for example 12)): ", "6")
    answer(f"Year [{dt.date.today().year}]: ".encode(), "2031")
    answer(b"2031 is outside the plan period 2025-2028", "")
    answer(f"Year [{dt.date.today().year}]: ".encode(), "2026")
    assert process.wait(timeout=30) == 0
    while b"Recorded" not in seen:
        try:
            seen += os.read(master, 4096)
        except OSError:
            break
    os.close(master)
    assert b"Recorded PAR-2 QT1 = 6 for 2026" in seen
    assert [(r.indicator, r.value) for r in reading.load_records(plan).records] == [("QT1", 6)]


def test_quarterly_indicator_takes_a_quarter(tmp_path: Path) -> None:
    """An indicator measured by quarter needs --quarter and stores 2026-Q2."""
    plan = tmp_path / "plan.yaml"
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace(
        "{id: QT1, kind: quantitative, unit: count, label: Nombre de réunions}",
        "{id: QT1, kind: quantitative, unit: count, label: Nombre de réunions, "
        "frequency: quarter}", 1)
    plan.write_text(text, encoding="utf-8")
    refused = runner.invoke(app, ["record", "PAR-2", "QT1", "2", "--year", "2026", "--by", "t",
                                  "--plan", str(plan)])
    assert refused.exit_code == 1
    assert refused.stderr == "ctg: error: QT1 is measured by quarter: give --quarter 1 to 4\n"
    record(plan, "PAR-2", "QT1", "2", "--year", "2026", "--quarter", "2")
    [value] = reading.load_records(plan).records
    assert value.period == "2026-Q2"
    assert check_all(plan).problems == []
