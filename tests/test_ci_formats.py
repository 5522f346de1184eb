"""`ctg check` in CI: GitLab Code Quality, paths from the repository's root, one line each."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ctgplan.check import CheckResult
from ctgplan.cli import app
from ctgplan.problems import Level, Problem
from ctgplan.render import render
from ctgplan.render_check import CheckReport
from ctgplan.render_ci import fingerprint, repo_path
from tests.conftest import MINIMAL_PLAN, ROOT

runner = CliRunner()
CASES = Path(__file__).parent / "cases"
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start outside any CI, whatever runs them."""
    for name in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        monkeypatch.delenv(name, raising=False)


def check(*args: str) -> tuple[int, str, str]:
    """Run `ctg check ARGS`: exit code, stdout, stderr."""
    result = runner.invoke(app, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding the bad-merge case as data/plan.yaml; ctg runs from a sub-folder."""
    (tmp_path / "data").mkdir()
    shutil.copy(CASES / "bad-merge.yaml", tmp_path / "data" / "plan.yaml")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    return tmp_path


def gitlab_report(repo: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """The GitLab report of the repository's plan, as GitLab CI would run it."""
    monkeypatch.setenv("CI_PROJECT_DIR", str(repo))
    code, out, err = check("--plan", "../data/plan.yaml", "--format", "gitlab")
    assert code == 1
    assert err == ("../data/plan.yaml: FAILED (2 errors, 2 warnings); the plan cannot be "
                   "used until the errors are fixed\n")
    report: list[dict[str, object]] = json.loads(out)
    return report


def test_gitlab_code_quality_report(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One issue per problem, with GitLab's keys, paths from the project's root."""
    report = gitlab_report(repo, monkeypatch)
    assert [{k: v for k, v in issue.items() if k != "fingerprint"} for issue in report] == [
        {"description": "partner 'sas' is declared but no action uses it: remove it or "
                        "reference it from an action",
         "check_name": "unused-partner", "severity": "minor",
         "location": {"path": "data/plan.yaml", "lines": {"begin": 11}}},
        {"description": "partner 'sas2' ('Service Affaires Sociale') looks like partner "
                        "'sas': if they are the same, keep one and add this spelling to its "
                        "aliases",
         "check_name": "similar-partners", "severity": "minor",
         "location": {"path": "data/plan.yaml", "lines": {"begin": 14}}},
        {"description": "key 'lead' appears twice in this mapping (first at line 25); YAML "
                        "keeps only the last: remove one (a merge often leaves such a copy)",
         "check_name": "duplicate-key", "severity": "major",
         "location": {"path": "data/plan.yaml", "lines": {"begin": 26}}},
        {"description": "'on' is read as a yes/no value by YAML: if you mean the text, quote "
                        "it ('on'); for a yes/no value write true or false",
         "check_name": "yaml-boolean", "severity": "major",
         "location": {"path": "data/plan.yaml", "lines": {"begin": 27}}}]
    fingerprints = [str(issue["fingerprint"]) for issue in report]
    assert len(set(fingerprints)) == 4
    assert all(re.fullmatch("[0-9a-f]{32}", f) for f in fingerprints)


def test_fingerprints_survive_unrelated_lines_moving(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines added above the problems move them (and the line a message cites), not their
    fingerprints; a new problem gets a fingerprint of its own."""
    before: dict[str, Any] = {str(i["fingerprint"]): i for i in gitlab_report(repo, monkeypatch)}
    plan = repo / "data" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text("# Plan of the CCTEST\n# reviewed by the COPIL\n" + text.replace(
        "needs:\n", "needs:\n  - {id: autre, text: Un autre besoin}\n"), encoding="utf-8")
    monkeypatch.setenv("CI_PROJECT_DIR", str(repo))
    after: dict[str, Any] = {str(i["fingerprint"]): i for i in json.loads(
        check("--plan", "../data/plan.yaml", "--format", "gitlab")[1])}
    assert set(before) < set(after)
    [new] = [after[f] for f in set(after) - set(before)]
    assert new["check_name"] == "unused-need"
    lines = {f: (before[f]["location"], after[f]["location"]) for f in before}
    assert sorted((b["lines"]["begin"], a["lines"]["begin"]) for b, a in lines.values()) == [
        (11, 13), (14, 16), (26, 29), (27, 30)]
    duplicate = next(i for i in after.values() if i["check_name"] == "duplicate-key")
    assert "(first at line 28)" in str(duplicate["description"])


def test_fingerprint_tells_identical_problems_apart_by_order() -> None:
    """Two identical problems of one file differ by their occurrence, not by their line."""
    assert fingerprint("a.yaml", "c", "m (first at line 3)", 0) == fingerprint(
        "a.yaml", "c", "m (first at line 9)", 0)
    assert fingerprint("a.yaml", "c", "m", 0) != fingerprint("a.yaml", "c", "m", 1)
    assert fingerprint("a.yaml", "c", "m", 0) != fingerprint("b.yaml", "c", "m", 0)


def test_github_paths_are_relative_to_the_workspace(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under GitHub Actions, annotations name files from the repository's root."""
    (repo / "data" / "measurements").mkdir()
    (repo / "data" / "measurements" / "PAR-1.yaml").write_text("- 3\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    code, out, _err = check("--plan", "../data/plan.yaml")
    assert code == 1
    assert [line.split(",")[0] for line in out.splitlines()] == [
        "::warning file=data/plan.yaml", "::warning file=data/plan.yaml",
        "::error file=data/plan.yaml", "::error file=data/plan.yaml",
        "::error file=data/measurements/PAR-1.yaml"]
    monkeypatch.delenv("GITHUB_WORKSPACE")
    assert check("--plan", "../data/plan.yaml")[1].startswith(
        "::warning file=../data/plan.yaml,line=11,col=9,")


def test_values_files_are_annotated_from_the_root_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A values file's problem names it from the repository's root."""
    plan = tmp_path / "data" / "plan.yaml"
    (plan.parent / "measurements").mkdir(parents=True)
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    (plan.parent / "measurements" / "PAR-1.yaml").write_text("- 3\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "data")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    assert check("--plan", "plan.yaml", "--format", "github")[1] == (
        "::error file=data/measurements/PAR-1.yaml,line=1,col=3,title=wrong-type::each "
        "record is a mapping (action:, indicator:, ...)\n")


@pytest.mark.parametrize(("file", "root", "cwd", "expected"), [
    ("data/plan.yaml", "/repo", "/repo", "data/plan.yaml"),
    ("../data/plan.yaml", "/repo", "/repo/docs", "data/plan.yaml"),
    ("/repo/data/plan.yaml", "/repo", "/elsewhere", "data/plan.yaml"),
    ("/other/plan.yaml", "/repo", "/repo", "/other/plan.yaml"),
    ("./data/plan.yaml", None, "/repo", "data/plan.yaml"),
    ("..\\data\\plan.yaml", "C:\\repo", "C:\\repo\\docs", "data/plan.yaml"),
    ("D:\\x\\plan.yaml", "C:\\repo", "C:\\repo", "D:/x/plan.yaml"),
])
def test_repo_path(file: str, root: str | None, cwd: str, expected: str) -> None:
    """Paths from the root when inside it; as given (with /) otherwise."""
    assert repo_path(file, root, cwd) == expected


def test_the_readme_gitlab_job_publishes_the_code_quality_report(tmp_path: Path) -> None:
    """The README's GitLab job writes the report it declares as a codequality artifact."""
    block = re.search(r"generated GitLab job \(`\.gitlab-ci\.yml`\):\n\n```yaml\n(.*?)```",
                      README, re.S)
    assert block is not None
    job = yaml.safe_load(block.group(1))["ctg-check"]
    report = job["artifacts"]["reports"]["codequality"]
    [command] = [c for c in job["script"] if "--format gitlab" in c]
    assert command.endswith(f"> {report} || true")
    args = command.split(">")[0].split()[1:]
    plan = tmp_path / "data" / "plan.yaml"
    plan.parent.mkdir()
    shutil.copy(CASES / "bad-merge.yaml", plan)
    result = runner.invoke(app, [*args, "--plan", str(plan)])
    assert result.exit_code == 1
    assert [i["check_name"] for i in json.loads(result.stdout)] == [
        "unused-partner", "similar-partners", "duplicate-key", "yaml-boolean"]


# -- one problem, one line -------------------------------------------------------------

def test_a_nul_byte_is_located_where_it_is(write: object, tmp_path: Path) -> None:
    """A NUL is reported at its own line:col, on one line, not at 1:1."""
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL_PLAN.replace("title: Plan test", "title: Plan\x00test"),
                    encoding="utf-8")
    code, out, _err = check("--plan", str(path), "--format", "parsable")
    assert code == 1
    assert out == (f"{path}:2:14: error: the character U+0000 (a control character) is not "
                   "allowed in a YAML file: delete it (it often comes from a copy from another "
                   "program or a damaged file) [yaml-control-character]\n")


def test_control_characters_in_values_files_are_located(tmp_path: Path) -> None:
    """A control character in a values file (CRLF endings) is at its line:col too."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    (tmp_path / "measurements").mkdir()
    (tmp_path / "measurements" / "PAR-1.yaml").write_bytes(
        b'# values\r\n- {action: "PAR-1", note: "a\x1bb"}\r\n')
    out = check("--plan", str(plan), "--format", "parsable")[1]
    assert out.startswith(f"{tmp_path / 'measurements' / 'PAR-1.yaml'}:2:29: error: the "
                          "character U+001B (a control character)")


def test_a_key_holding_line_breaks_stays_on_one_line(tmp_path: Path) -> None:
    """Keys with a newline, a form feed or a line separator: one line per problem."""
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL_PLAN.replace(
        "    lead: sas\n",
        '    lead: sas\n    "lead\\nx": 1\n    "a\\fb": 2\n    "c\\u2028d": 3\n'),
        encoding="utf-8")
    out = check("--plan", str(path), "--format", "parsable")[1]
    assert [line.split(": error: ")[1][:16] for line in out.splitlines()] == [
        "unknown key 'lea", "unknown key 'a\\x", "unknown key 'c\\u"]
    assert "unknown key 'lead\\nx': allowed keys" in out
    github = check("--plan", str(path), "--format", "github")[1]
    assert len(github.splitlines()) == 3
    assert "::unknown key 'lead%0Ax': allowed keys" in github
    assert "unknown key 'a\\x0cb'" in github and "unknown key 'c\\u2028d'" in github


BREAKERS = st.text(alphabet=st.sampled_from(
    list("ab: -[]{}\"'#\\\n\r\t\x00\x01\x0b\x0c\x1b\x1c\x7f\x85\u2028\u2029é")),
    max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(MINIMAL_PLAN)), BREAKERS)
def test_one_problem_is_one_line_whatever_the_file_holds(at: int, inserted: str) -> None:
    """parsable and github print exactly one line per problem, for any edit of a plan."""
    from ctgplan.reading import check_all

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pl\nan.yaml"
        path.write_text(MINIMAL_PLAN[:at] + inserted + MINIMAL_PLAN[at:], encoding="utf-8")
        result = check_all(path)
    report = CheckReport(result, str(path))
    for fmt in ("parsable", "github"):
        out = render("check", fmt, report).out
        assert len(out.splitlines()) == len(result.problems), (fmt, out)
        assert all(line.isprintable() or "\t" in line for line in out.splitlines())


def test_renderers_escape_every_line_break_of_a_problem() -> None:
    """A problem whose file and message hold every kind of line break is still one line."""
    nasty = "a\nb\rc\x85d\u2028e\u2029f\x0bg\x0ch\x1ci\x00j"
    problem = Problem(nasty, 3, 4, Level.ERROR, "code", nasty)
    report = CheckReport(CheckResult(Path("p"), None, ["p"], 0, [problem]), "p")
    assert render("check", "parsable", report).out == (
        "a\\nb\\rc\\x85d\\u2028e\\u2029f\\x0bg\\x0ch\\x1ci\\x00j:3:4: error: "
        "a\\nb\\rc\\x85d\\u2028e\\u2029f\\x0bg\\x0ch\\x1ci\\x00j [code]\n")
    assert render("check", "github", report).out == (
        "::error file=a%0Ab%0Dc\\x85d\\u2028e\\u2029f\\x0bg\\x0ch\\x1ci\\x00j,line=3,col=4,"
        "title=code::a%0Ab%0Dc\\x85d\\u2028e\\u2029f\\x0bg\\x0ch\\x1ci\\x00j\n")
