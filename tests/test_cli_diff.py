"""`ctg diff` on temporary git repositories: outputs, exit codes, errors, CI jobs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ctgplan.cli import app
from tests.amendment import amended_plan
from tests.conftest import MINIMAL_PLAN, ROOT, SHIPPED_PLAN

runner = CliRunner()
GOLDEN = Path(__file__).parent / "diff"
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def english_and_isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """English messages, no colour unless asked, and git without the user's configuration."""
    monkeypatch.setenv("CTG_LANG", "en")
    monkeypatch.delenv("CTG_PLAN", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Camille Martin")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "camille@example.org")


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo``; its output."""
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def commit_plan(repo: Path, text: str, message: str) -> None:
    """Write the plan and commit everything."""
    (repo / "data").mkdir(parents=True, exist_ok=True)
    (repo / "data" / "plan.yaml").write_text(text, encoding="utf-8", newline="\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose one commit holds the shipped plan; the current folder."""
    folder = tmp_path / "plan-repo"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    commit_plan(folder, SHIPPED_PLAN.read_text(encoding="utf-8"), "Plan adopted")
    monkeypatch.chdir(folder)
    return folder


def amend(repo: Path) -> None:
    """Apply the amendment in the working tree (not committed)."""
    (repo / "data" / "plan.yaml").write_text(amended_plan(), encoding="utf-8", newline="\n")


def test_amendment_as_markdown_for_a_merge_request(repo: Path) -> None:
    """The shipped plan against the amendment: the exact markdown a reviewer reads."""
    amend(repo)
    result = runner.invoke(app, ["diff", "--format", "markdown"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (GOLDEN / "amendment.md").read_text(encoding="utf-8")


def test_amendment_as_text(repo: Path) -> None:
    """The same changes for a terminal (no colour when not a terminal)."""
    amend(repo)
    result = runner.invoke(app, ["diff"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (GOLDEN / "amendment.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("output_format", ["markdown", "text"])
def test_amendment_in_french(repo: Path, output_format: str) -> None:
    """The same changes as a French user reads them: the README's examples."""
    amend(repo)
    result = runner.invoke(app, ["diff", "--format", output_format], env={"CTG_LANG": "fr"})
    assert (result.exit_code, result.stderr) == (0, "")
    golden = "amendment.fr.md" if output_format == "markdown" else "amendment.fr.txt"
    assert result.stdout == (GOLDEN / golden).read_text(encoding="utf-8")


def test_readme_shows_the_real_outputs() -> None:
    """The README's examples of ctg diff (in French, as the README shows) are the goldens."""
    for name in ("amendment.fr.md", "amendment.fr.txt"):
        assert (GOLDEN / name).read_text(encoding="utf-8") in README, name


def test_two_revisions_and_one_revision_give_the_same_changes(repo: Path) -> None:
    """`ctg diff HEAD~1 HEAD` and `ctg diff HEAD~1` (against the working tree) agree."""
    amend(repo)
    git(repo, "commit", "-q", "-am", "Avenant n°1")
    golden = (GOLDEN / "amendment.md").read_text(encoding="utf-8")
    both = runner.invoke(app, ["diff", "HEAD~1", "HEAD", "-f", "markdown"])
    one = runner.invoke(app, ["diff", "HEAD~1", "-f", "markdown"])
    assert both.exit_code == one.exit_code == 0
    assert both.stdout == golden.replace("from HEAD to working tree", "from HEAD\\~1 to HEAD")
    assert one.stdout == golden.replace("from HEAD to working tree", "from HEAD\\~1 to "
                                        "working tree")


def test_no_change_is_empty_and_exit_code_zero(repo: Path) -> None:
    """The plan against itself: nothing to report, and --exit-code exits 0."""
    result = runner.invoke(app, ["diff", "--exit-code"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "Plan changes from HEAD to working tree\nNo change.\n", "")
    as_json = runner.invoke(app, ["diff", "HEAD", "data/plan.yaml", "--format", "json"])
    data = json.loads(as_json.stdout)
    assert data == {
        "old": {"revision": "HEAD", "path": "data/plan.yaml"},
        "new": {"revision": None, "path": "data/plan.yaml"},
        "changed": False, "plan": [], "themes": [], "partners": [], "needs": [],
        "objectives": [], "actions": [], "values": None}


def test_exit_code_one_when_something_changed(repo: Path) -> None:
    """--exit-code exits 1 when the plan changed, like git diff --exit-code."""
    amend(repo)
    result = runner.invoke(app, ["diff", "--exit-code", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["changed"] is True
    assert [(a["status"], a["id"]) for a in data["actions"]] == [
        ("changed", "PAR-2"), ("added", "PAR-4"), ("added", "NUM-2")]
    assert data["partners"] == [{
        "status": "renamed", "id": "caf", "label": "Caisse d'allocations familiales",
        "changes": [{"field": "name", "kind": "value", "old": "CAF",
                     "new": "Caisse d'allocations familiales"}]}]
    qt2 = data["actions"][0]["indicators"][1]
    assert qt2["changes"][-1] == {"field": "targets", "kind": "years", "years": [
        {"year": 2026, "old": None, "new": 60.0}, {"year": 2027, "old": None, "new": 90.0}]}


def test_colour_only_when_asked_and_no_color_wins(repo: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """FORCE_COLOR paints added words green; NO_COLOR turns colour off."""
    amend(repo)
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = runner.invoke(app, ["diff"]).stdout
    assert "Organiser \033[32mchaque trimestre\033[0m des" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    assert runner.invoke(app, ["diff"]).stdout == (GOLDEN / "amendment.txt").read_text(
        encoding="utf-8")


def test_two_plan_files_need_no_repository(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Two files are compared without git, from any folder."""
    (tmp_path / "old.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(MINIMAL_PLAN.replace("calendar: 2026-2027",
                                                            "calendar: 2027"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["diff", "old.yaml", "new.yaml"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Plan changes from old.yaml to new.yaml\n"
        "Actions\n"
        "  ~ PAR-1  PAR  Organiser des réunions\n"
        "      Calendar: 2026-2027 → 2027\n"
        "Actions: 1 changed.\n")


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Comparing with HEAD outside git: a clear error, exit 1."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plan.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["diff"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"ctg: error: {tmp_path / 'data'} is not in a git repository: ctg diff compares "
        "revisions of a plan kept in git; to compare two plan files, give both "
        "(ctg diff OLD.yaml NEW.yaml)\n")


def test_unknown_revision(repo: Path) -> None:
    """A name that is neither a file nor a revision: a clear error, exit 1."""
    result = runner.invoke(app, ["diff", "avenant-2"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"ctg: error: 'avenant-2' is neither a plan file nor a revision of the repository "
        f"in {repo}: give a commit, branch or tag (git log --oneline lists them) or the "
        "path of a plan file\n")


def test_exit_code_two_on_an_error(repo: Path) -> None:
    """With --exit-code an error exits 2, so that it is not taken for a change (1)."""
    result = runner.invoke(app, ["diff", "--exit-code", "avenant-2"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("ctg: error: 'avenant-2' is neither a plan file nor ")


def test_plan_absent_at_a_revision(repo: Path) -> None:
    """A revision where the plan did not exist yet is named in the error."""
    (repo / "notes.txt").write_text("x", encoding="utf-8")
    git(repo, "add", "notes.txt")
    git(repo, "commit", "-q", "-m", "notes")
    git(repo, "rm", "-q", "data/plan.yaml")
    git(repo, "commit", "-q", "-m", "plan moved")
    git(repo, "checkout", "-q", "HEAD~1", "--", "data/plan.yaml")
    result = runner.invoke(app, ["diff", "HEAD"])
    assert (result.exit_code, result.stderr) == (
        1, "ctg: error: data/plan.yaml does not exist at revision HEAD: was the plan "
        "elsewhere then? compare two files with ctg diff OLD.yaml NEW.yaml\n")


def test_plan_with_errors_is_refused_naming_the_revision(repo: Path) -> None:
    """An old revision with errors, or a working tree with errors, points at ctg check."""
    plan = repo / "data" / "plan.yaml"
    shipped = plan.read_text(encoding="utf-8")
    plan.write_text(shipped.replace("lead: jeunesse-sports", "lead: jeunesse", 1),
                    encoding="utf-8")
    git(repo, "commit", "-q", "-am", "typo")
    plan.write_text(shipped, encoding="utf-8")
    old = runner.invoke(app, ["diff"])
    assert (old.exit_code, old.stdout) == (1, "")
    assert old.stderr == (
        "ctg: error: the plan at revision HEAD has 1 error (HEAD:data/plan.yaml:146:11: "
        "partner 'jeunesse' is not declared under 'partners': did you mean "
        "'jeunesse-sports'? declare it there or fix the id): ctg diff compares valid plans; "
        "check out HEAD and run `ctg check` to see them all\n")
    plan.write_text(shipped.replace("lead: jeunesse-sports", "lead: jeunesse", 1),
                    encoding="utf-8")
    new = runner.invoke(app, ["diff", "HEAD~1"])
    assert new.stderr == (
        "ctg: error: data/plan.yaml has 1 error (data/plan.yaml:146:11: partner 'jeunesse' "
        "is not declared under 'partners': did you mean 'jeunesse-sports'? declare it there "
        "or fix the id): ctg diff compares valid plans; run `ctg check` to see them all\n")


SIDECAR_HEADER = "# Indicator values of action PAR-2\n"
LINE_1 = ('- {action: "PAR-2", indicator: "QT1", period: 2026, value: 4, recorded_by: '
          '"Camille Martin", recorded_at: "2026-11-29T15:49:02Z"}\n')
LINE_2 = ('- {action: "PAR-2", indicator: "QT2", period: 2026, value: 57, recorded_by: '
          '"Camille Martin", recorded_at: "2026-11-29T15:49:02Z"}\n')
LINE_3 = ('- {action: "PAR-2", indicator: "QT1", period: 2026, value: 5, recorded_by: '
          '"Camille Martin", recorded_at: "2026-12-13T09:00:00Z", replaces: "séance du 12/12 '
          'oubliée"}\n')
LINE_4 = ('- {action: "EJ-1", indicator: "QT1", period: 2026, value: 3, recorded_by: '
          '"Sam Diallo", recorded_at: "2026-12-14T09:00:00Z"}\n')


def test_values_added_corrected_withdrawn_per_action(repo: Path) -> None:
    """--values counts per action what was recorded between the revisions; -v lists it."""
    sidecars = repo / "data" / "measurements"
    sidecars.mkdir()
    (sidecars / "PAR-2.yaml").write_text(SIDECAR_HEADER + LINE_1 + LINE_2, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "values 2026")
    (sidecars / "PAR-2.yaml").write_text(SIDECAR_HEADER + LINE_1 + LINE_3, encoding="utf-8")
    (sidecars / "EJ-1.yaml").write_text(SIDECAR_HEADER + LINE_4, encoding="utf-8")
    result = runner.invoke(app, ["diff", "--values", "--exit-code"])
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        "Plan changes from HEAD to working tree\n"
        "Recorded values\n"
        "  EJ-1: 1 added, 0 corrected, 0 withdrawn\n"
        "  PAR-2: 0 added, 1 corrected, 1 withdrawn\n"
        "Recorded values: 1 added, 1 corrected, 1 withdrawn.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "more values")
    verbose = runner.invoke(app, ["diff", "HEAD~1", "HEAD", "--values", "-v", "-f",
                                  "markdown"])
    assert verbose.stdout == (
        "## Plan changes from HEAD\\~1 to HEAD\n"
        "\n"
        "Recorded values: 1 added, 1 corrected, 1 withdrawn.\n"
        "\n"
        "### Recorded values\n"
        "\n"
        "| Action | Added | Corrected | Withdrawn |\n"
        "|---|---:|---:|---:|\n"
        "| EJ-1 | 1 | 0 | 0 |\n"
        "| PAR-2 | 0 | 1 | 1 |\n"
        "\n"
        "- EJ-1 added QT1 2026 = 3 (by Sam Diallo)\n"
        "- PAR-2 corrected QT1 2026 = 5 (by Camille Martin) reason: séance du 12/12 oubliée\n"
        "- PAR-2 withdrawn QT2 2026 = 57 (by Camille Martin)\n")


# CI: the jobs of the README, run on a repository with a merge request's two commits.


def ci_commands(job: str) -> list[str]:
    """The `ctg diff` and git lines of the README's CI job named ``job``."""
    block = re.search(rf"```yaml\n((?:(?!```).)*?{job}:.*?)```", README, re.S)
    assert block is not None, job
    commands = []
    for line in block.group(1).splitlines():
        command = re.sub(r"^\s*-\s+(run:\s+)?", "", line)
        if command != line and command.startswith(("ctg diff", "git ")):
            commands.append(command)
    assert commands, job
    return commands


@pytest.fixture
def merge_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A forge's repository (main: the adopted plan) and a clone on the amendment branch."""
    forge = tmp_path / "forge"
    forge.mkdir()
    git(forge, "init", "-q", "-b", "main")
    commit_plan(forge, SHIPPED_PLAN.read_text(encoding="utf-8"), "Plan adopted")
    git(forge, "checkout", "-q", "-b", "avenant-1")
    commit_plan(forge, amended_plan(), "Avenant n°1")
    git(forge, "checkout", "-q", "main")
    clone = tmp_path / "ci"
    subprocess.run(["git", "clone", "-q", str(forge), str(clone)], check=True)
    git(clone, "checkout", "-q", "avenant-1")
    ctg_folder = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", ctg_folder + os.pathsep + os.environ["PATH"])
    return forge, clone


def run_job(commands: list[str], clone: Path, env: dict[str, str]) -> None:
    """Run the job's lines one by one in bash, as the CI runner does; each must succeed."""
    bash = shutil.which("bash")
    assert bash is not None
    for command in commands:
        done = subprocess.run([bash, "-eo", "pipefail", "-c", command], cwd=clone,
                              env={**os.environ, **env}, capture_output=True, text=True,
                              check=False)
        assert (done.returncode, done.stderr) == (0, ""), command


def test_gitlab_merge_request_job(merge_request: tuple[Path, Path]) -> None:
    """The GitLab job of the README writes the markdown summary as an artifact."""
    forge, clone = merge_request
    base = git(forge, "rev-parse", "main").strip()
    commands = ci_commands("plan-changes")
    run_job(commands, clone, {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base})
    written = (clone / "plan-changes.md").read_text(encoding="utf-8")
    golden = (GOLDEN / "amendment.md").read_text(encoding="utf-8")
    assert written == golden.replace("from HEAD to working tree", f"from {base} to HEAD")


def test_github_pull_request_job(merge_request: tuple[Path, Path], tmp_path: Path) -> None:
    """The GitHub job of the README appends the markdown summary to the step summary."""
    forge, clone = merge_request
    summary = tmp_path / "step-summary.md"
    summary.write_text("previous step\n", encoding="utf-8")
    commands = ci_commands("plan_changes")
    run_job(commands, clone, {"GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary)})
    base = git(forge, "rev-parse", "main").strip()
    golden = (GOLDEN / "amendment.md").read_text(encoding="utf-8")
    assert summary.read_text(encoding="utf-8") == "previous step\n" + golden.replace(
        "from HEAD to working tree", f"from {base} to HEAD")
