"""A territory's own plan repository: `ctg init`, its CI steps and its pre-commit hooks."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ctgplan.cli import app
from ctgplan.newrepo import schema_text
from tests.conftest import CTG, ROOT, SHIPPED_PLAN

runner = CliRunner()
BIN = str(Path(sys.executable).parent)
GIT_ID = ["-c", "user.name=Camille Martin", "-c", "user.email=camille@example.org"]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
    env.update(extra)
    return env


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *GIT_ID, *args], cwd=folder, capture_output=True,
                          text=True, encoding="utf-8", check=False)


def _init(folder: Path, *options: str) -> str:
    result = runner.invoke(app, ["init", str(folder), "--territory", "CCGM",
                                 "--period", "2025-2028", *options])
    assert result.exit_code == 0, result.output
    return result.stdout


def _script_lines(ci_file: Path) -> list[str]:
    """The shell commands of the repository's CI job, as the forge runs them."""
    data = yaml.safe_load(ci_file.read_text(encoding="utf-8"))
    if "jobs" in data:  # GitHub Actions
        return [step["run"] for step in data["jobs"]["check"]["steps"] if "run" in step]
    return list(data["ctg-check"]["script"])


def _run_ci(folder: Path, ci_file: Path) -> list[subprocess.CompletedProcess[str]]:
    """Run the CI job's commands in the repository; ctg is already installed here."""
    forge = ({"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(folder)}
             if ".github" in ci_file.parts else {"GITLAB_CI": "true",
                                                 "CI_PROJECT_DIR": str(folder)})
    done = []
    for line in _script_lines(ci_file):
        if line.startswith("pip install"):
            assert line == 'pip install "$CTG_PACKAGE"'
            continue
        done.append(subprocess.run(line, shell=True, cwd=folder, env=_env(**forge), text=True,
                                   capture_output=True, encoding="utf-8", check=False))
    return done


def test_init_creates_every_file_of_a_plan_repository(tmp_path: Path) -> None:
    """One command gives the plan, schema, git attributes, hooks, CI and a French README."""
    folder = tmp_path / "ctg-ccgm"
    out = _init(folder)
    created = sorted(line.split()[-1] for line in out.splitlines() if "created" in line)
    assert created == [".gitattributes", ".gitignore", ".gitlab-ci.yml",
                       ".pre-commit-config.yaml", "README.md", "data/plan.yaml",
                       "schema/plan.schema.json"]
    assert (folder / ".git").is_dir()
    assert "data/measurements/*.yaml merge=union" in (
        folder / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert (folder / "schema/plan.schema.json").read_text(encoding="utf-8") == schema_text()
    plan = folder / "data" / "plan.yaml"
    target = plan.read_text(encoding="utf-8").splitlines()[0].split("$schema=")[1]
    assert (plan.parent / target).resolve() == (folder / "schema/plan.schema.json").resolve()
    assert "Pour commencer" in (folder / "README.md").read_text(encoding="utf-8")


def test_a_new_repository_passes_its_own_gitlab_ci_at_once(tmp_path: Path) -> None:
    """`ctg check` and the schema check of the GitLab job pass in a new repository."""
    folder = tmp_path / "repo"
    _init(folder, "--ci", "gitlab")
    steps = _run_ci(folder, folder / ".gitlab-ci.yml")
    assert [step.returncode for step in steps] == [0] * len(steps), [s.stderr for s in steps]


def test_the_github_job_catches_a_broken_plan(tmp_path: Path) -> None:
    """The GitHub job of a new repository fails, located, when the plan is broken."""
    folder = tmp_path / "repo"
    _init(folder, "--ci", "github")
    ci = folder / ".github" / "workflows" / "ctg.yml"
    assert [s.returncode for s in _run_ci(folder, ci)] == [0, 0]
    plan = folder / "data" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("period: 2025-2028",
                                                             "period: 2028-2025"),
                    encoding="utf-8")
    steps = _run_ci(folder, ci)
    assert steps[-1].returncode == 1
    assert steps[-1].stdout.startswith(
        "::error file=data/plan.yaml,line=11,col=11,title=year-range-reversed::period "
        "2028-2025 ends before it starts: write 2025-2028")


def test_an_outdated_schema_fails_the_schema_check(tmp_path: Path) -> None:
    """After an upgrade of ctg, CI says to regenerate the repository's schema."""
    folder = tmp_path / "repo"
    _init(folder)
    (folder / "schema/plan.schema.json").write_text("{}\n", encoding="utf-8")
    result = runner.invoke(app, ["schema", "--check", str(folder / "schema/plan.schema.json")])
    assert result.exit_code == 1
    assert "is not the schema of this version of ctg" in result.stderr
    assert "ctg schema --output" in result.stderr
    result = runner.invoke(app, ["schema", "--output", str(folder / "schema/plan.schema.json")])
    assert result.exit_code == 0
    assert (folder / "schema/plan.schema.json").read_text(encoding="utf-8") == schema_text()


def test_init_keeps_existing_files_and_completes_gitattributes(tmp_path: Path) -> None:
    """A forge's README and an existing plan are kept; .gitattributes gets the union line."""
    folder = tmp_path / "repo"
    (folder / "data").mkdir(parents=True)
    (folder / "README.md").write_text("# Mon dépôt\n", encoding="utf-8")
    shutil.copy(SHIPPED_PLAN, folder / "data" / "plan.yaml")
    (folder / ".gitattributes").write_text("*.pdf binary", encoding="utf-8")
    out = _init(folder)
    assert "kept (it exists)   README.md" in out
    assert "kept (it exists)   data/plan.yaml" in out
    assert "completed          .gitattributes" in out
    assert (folder / "README.md").read_text(encoding="utf-8") == "# Mon dépôt\n"
    assert (folder / "data/plan.yaml").read_bytes() == SHIPPED_PLAN.read_bytes()
    lines = (folder / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "*.pdf binary"
    assert lines[-1] == "data/measurements/*.yaml merge=union"
    again = _init(folder)
    assert "completed" not in again  # a second run changes nothing


def test_generated_pre_commit_hook_blocks_a_broken_plan(tmp_path: Path) -> None:
    """The repository's own pre-commit configuration runs the installed ctg."""
    if shutil.which("pre-commit", path=BIN) is None:
        pytest.fail("pre-commit is a test dependency: pip install -e '.[dev]'")
    folder = tmp_path / "repo"
    _init(folder)
    env = _env(PRE_COMMIT_HOME=str(tmp_path / "pch"))
    subprocess.run(["pre-commit", "install"], cwd=folder, env=env, check=True,
                   capture_output=True)
    _git(folder, "add", "-A")
    ok = subprocess.run(["git", *GIT_ID, "commit", "-m", "Plan"], cwd=folder, env=env,
                        capture_output=True, text=True, encoding="utf-8", check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    plan = folder / "data" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "oops: 1\n", encoding="utf-8")
    _git(folder, "add", "-A")
    blocked = subprocess.run(["git", *GIT_ID, "commit", "-m", "Broken"], cwd=folder,
                             env=env, capture_output=True, text=True, encoding="utf-8",
                             check=False)
    assert blocked.returncode == 1
    shown = blocked.stdout + blocked.stderr  # git hooks print on stderr
    assert "data/plan.yaml:" in shown and "[unknown-key]" in shown


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout as a hook repository (a commit of the working tree), and its revision."""
    repo = tmp_path_factory.mktemp("hookrepo") / "ctg"
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\n")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "ctg")
    rev = _git(repo, "rev-parse", "HEAD").stdout.strip()
    return repo, rev


def test_this_repository_is_a_working_pre_commit_hook(
        tmp_path: Path, hook_repository: tuple[Path, str]) -> None:
    """The README's pre-commit recipe: valid plan passes, broken plan blocked, others skipped.

    pre-commit installs ctg from the hook repository without -e, as users get it.
    """
    hook_repo, rev = hook_repository
    folder = tmp_path / "plans"
    (folder / "data").mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, folder / "data" / "plan.yaml")
    (folder / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo.as_posix()}\n    rev: {rev}\n    hooks:\n"
        "      - id: ctg-check\n", encoding="utf-8")
    env = _env(PRE_COMMIT_HOME=str(tmp_path / "pch"))
    _git(folder, "init", "-q")
    subprocess.run(["pre-commit", "install"], cwd=folder, env=env, check=True,
                   capture_output=True)

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        _git(folder, "add", "-A")
        done = subprocess.run(["git", *GIT_ID, "commit", "-m", message], cwd=folder, env=env,
                              capture_output=True, text=True, encoding="utf-8", check=False)
        # git runs the hook with its output on stderr; keep one stream to read
        return subprocess.CompletedProcess(done.args, done.returncode,
                                           done.stdout + done.stderr, "")

    first = commit("Plan adopté")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "ctg check (CTG action plan)" in first.stdout and "Passed" in first.stdout
    (folder / "notes.txt").write_text("compte rendu\n", encoding="utf-8")
    skipped = commit("Notes")
    assert skipped.returncode == 0
    assert "(no files to check)Skipped" in skipped.stdout
    plan = folder / "data" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("lead: jeunesse-sports", "lead: jeunesse-sport", 1),
                    encoding="utf-8")
    blocked = commit("Coquille")
    assert blocked.returncode == 1
    assert "error: partner 'jeunesse-sport' is not declared under 'partners'" in blocked.stdout
    assert "[unknown-partner]" in blocked.stdout
    assert "Failed" in blocked.stdout


def test_installed_ctg_script_runs_init(tmp_path: Path) -> None:
    """The installed script (not the test runner) creates a repository that checks clean."""
    folder = tmp_path / "r"
    done = subprocess.run([CTG, "init", str(folder), "--ci", "github"], capture_output=True,
                          text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stderr
    check = subprocess.run([CTG, "check", "--plan", str(folder / "data/plan.yaml")],
                           capture_output=True, text=True, encoding="utf-8", check=False)
    assert check.returncode == 0
    assert shlex.split("ctg check --strict") == _script_lines(
        folder / ".github/workflows/ctg.yml")[-1].split()


def test_init_from_an_adopted_table_gives_a_checked_repository(tmp_path: Path) -> None:
    """`ctg init --from TABLE` imports the plan, with the schema line for the editor."""
    folder = tmp_path / "repo"
    result = runner.invoke(app, ["init", str(folder), "--from",
                                 str(ROOT / "data/source/plan-2025-2028.tsv")])
    assert result.exit_code == 0, result.output
    assert "19 actions, 9 themes" in result.stdout
    plan = folder / "data" / "plan.yaml"
    assert plan.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../schema/plan.schema.json")
    steps = _run_ci(folder, folder / ".gitlab-ci.yml")
    assert [step.returncode for step in steps] == [0, 0, 0]
    assert json.loads((folder / "gl-code-quality-report.json").read_text(encoding="utf-8")) == []


def test_init_refuses_a_period_it_cannot_read(tmp_path: Path) -> None:
    """A reversed or unreadable period is a usage error (exit 2) and nothing is written."""
    for period in ("2029-2026", "2026 à 2029"):
        result = runner.invoke(app, ["init", str(tmp_path / "r"), "--period", period])
        assert result.exit_code == 2
        assert "write the years of the convention as 2026-2029" in result.stderr
    assert not (tmp_path / "r").exists()


def test_the_readme_shows_the_ci_files_init_writes(tmp_path: Path) -> None:
    """The GitLab and GitHub jobs in the README are those `ctg init` writes and the tests run."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for forge, title, path in (
            ("gitlab", r"generated GitLab job \(`\.gitlab-ci\.yml`\)", ".gitlab-ci.yml"),
            ("github", r"and the GitHub one \(`\.github/workflows/ctg\.yml`\)",
             ".github/workflows/ctg.yml")):
        block = re.search(title + r".*?```yaml\n(.*?)```", readme, re.S)
        assert block is not None, forge
        folder = tmp_path / forge
        _init(folder, "--ci", forge)
        written = yaml.safe_load((folder / path).read_text(encoding="utf-8"))
        shown = yaml.safe_load(block.group(1))
        written.pop("name", None)
        assert shown == written, forge
