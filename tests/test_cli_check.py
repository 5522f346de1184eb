"""`ctg check` and `ctg schema` from the command line: output, formats, exit codes."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ctgplan.cli import app
from ctgplan.model import json_schema
from tests.conftest import CTG, MINIMAL_PLAN, ROOT, SHIPPED_PLAN

Write = Callable[..., Path]
runner = CliRunner()
BROKEN = MINIMAL_PLAN.replace("lead: sas", "lead: nobody").replace("theme: PAR\n", "theme: XX\n")


def test_check_shipped_plan_exits_0() -> None:
    """The shipped plan is valid: exit 0, a one-line verdict and the evaluation note."""
    result = runner.invoke(app, ["check", "--plan", str(SHIPPED_PLAN), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{SHIPPED_PLAN}: OK (0 errors, 0 warnings); 19 actions, 9 themes, 22 partners, "
        "62 indicators\n"
        "Evaluation: of 62 indicators, 62 have no baseline and 62 have no target; progress "
        "needs both (informational, not an error).\n")


def test_check_parsable_lists_every_problem(write: Write) -> None:
    """--format parsable prints file:line:col: level: message [code], summary on stderr."""
    path = write(BROKEN)
    result = runner.invoke(app, ["check", "--plan", str(path), "--format", "parsable"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:13:9: warning: partner 'sas' is declared but no action uses it: remove it "
        "or reference it from an action [unused-partner]",
        f"{path}:21:12: error: theme 'XX' is not declared under 'themes': declare it there "
        "or fix the id [unknown-theme]",
        f"{path}:25:11: error: partner 'nobody' is not declared under 'partners': declare it "
        "there or fix the id [unknown-partner]",
    ]
    assert result.stderr == f"{path}: FAILED (2 errors, 1 warning); the plan cannot be used " \
        "until the errors are fixed\n"


def test_check_github_format_emits_annotations(write: Write) -> None:
    """--format github emits one workflow command per problem."""
    path = write(BROKEN)
    result = runner.invoke(app, ["check", "--plan", str(path), "--format", "github"])
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first == (f"::warning file={path},line=13,col=9,title=unused-partner::partner 'sas' "
                     "is declared but no action uses it: remove it or reference it from an "
                     "action")


def test_check_auto_is_github_under_github_actions(
        write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    """With GITHUB_ACTIONS=true, the default format is github."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["check", "--plan", str(write(BROKEN))])
    assert result.stdout.startswith("::warning file=")


def test_check_json_is_a_stable_contract(write: Write) -> None:
    """--format json gives status, problems with positions and the evaluation summary."""
    result = runner.invoke(app, ["check", "--plan", str(write(BROKEN)), "--format", "json"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["status"] == "error"
    assert [(p["line"], p["col"], p["level"], p["code"]) for p in payload["problems"]] == [
        (13, 9, "warning", "unused-partner"), (21, 12, "error", "unknown-theme"),
        (25, 11, "error", "unknown-partner")]
    assert payload["evaluation"] is None


def test_check_warnings_pass_unless_strict(write: Write) -> None:
    """Warnings alone exit 0; --strict makes them fail."""
    path = write(MINIMAL_PLAN.replace("name: Service Affaires Sociales", "name: CAFs"))
    assert runner.invoke(app, ["check", "--plan", str(path)]).exit_code == 0
    assert runner.invoke(app, ["check", "--plan", str(path), "--strict"]).exit_code == 1


def test_check_text_groups_problems_by_file(write: Write) -> None:
    """The text format names the file once, then one indented line per problem."""
    path = write(BROKEN)
    result = runner.invoke(app, ["check", "--plan", str(path), "--format", "text"])
    lines = result.stdout.splitlines()
    assert lines[0] == str(path)
    assert lines[2] == ("  21:12     error    theme 'XX' is not declared under 'themes': "
                        "declare it there or fix the id  unknown-theme")
    assert "\x1b[" not in result.stdout


def test_check_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    """A plan that does not exist: message on stderr naming it, exit 2 (a usage error, as
    the README says), no traceback; the same for every command that reads the plan."""
    for command in (["check"], ["list"], ["show", "PAR-1"], ["history"]):
        result = runner.invoke(app, [*command, "--plan", str(tmp_path / "gone.yaml")])
        assert result.exit_code == 2, command
        assert result.stdout == ""
        assert result.stderr == (f"ctg: error: {tmp_path / 'gone.yaml'}: no such file (given "
                                 "by --plan): check the path, or run ctg from the plan's "
                                 "repository without it\n")


def test_check_bad_format_is_a_usage_error() -> None:
    """An unknown --format value exits 2 (usage error)."""
    result = runner.invoke(app, ["check", "--format", "xml"])
    assert result.exit_code == 2


def test_check_finds_the_plan_in_a_parent_folder(
        write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --plan, data/plan.yaml is found in the current folder or a parent."""
    write(MINIMAL_PLAN, "data/plan.yaml")
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a" / "b")
    monkeypatch.delenv("CTG_PLAN", raising=False)
    result = runner.invoke(app, ["check", "--format", "parsable"])
    assert result.exit_code == 0
    assert result.stderr.startswith(str(Path("../../data/plan.yaml")) + ": OK")


def test_no_plan_anywhere_says_what_to_do(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No plan found: the message says where it looked and how to give one."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CTG_PLAN", raising=False)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "no plan found" in result.stderr and "--plan PATH" in result.stderr


def test_ctg_plan_environment_variable(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    """$CTG_PLAN names the plan when --plan is not given."""
    monkeypatch.setenv("CTG_PLAN", str(write(BROKEN)))
    assert runner.invoke(app, ["check"]).exit_code == 1


def test_schema_prints_the_json_schema() -> None:
    """`ctg schema` prints the same schema the model defines."""
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


def test_installed_entry_point_and_module_run() -> None:
    """The `ctg` script and `python -m ctgplan` both run check on the shipped plan."""
    for command in ([CTG], [sys.executable, "-m", "ctgplan"]):
        done = subprocess.run([*command, "check", "--plan", str(SHIPPED_PLAN)],
                              capture_output=True, text=True, encoding="utf-8", check=False)
        assert done.returncode == 0, done.stderr
        assert "OK (0 errors, 0 warnings)" in done.stdout


def test_pre_commit_hook_runs_the_check(write: Write) -> None:
    """The hook in .pre-commit-hooks.yaml, run as pre-commit would, fails a broken plan."""
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "ctg-check"
    entry = shlex.split(hook["entry"])
    ctg = CTG
    good = subprocess.run([ctg, *entry[1:], *hook["args"]], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", check=False)
    assert good.returncode == 0, good.stderr
    bad = subprocess.run([ctg, *entry[1:], str(write(BROKEN))], capture_output=True,
                         text=True, encoding="utf-8", check=False)
    assert bad.returncode == 1
    assert "[unknown-theme]" in bad.stdout


def test_version_comes_from_package_metadata() -> None:
    """`ctg --version` prints the installed package's version."""
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"ctg {version('ctgplan')}\n")
