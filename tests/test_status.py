"""`ctg status` and `ctg todo`: statuses typed in French, stored as ids, checked, listed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ctgplan import data_folder, record_input
from ctgplan import status_file as status
from ctgplan.cli import app
from ctgplan.i18n import use_language
from ctgplan.model import Action
from ctgplan.reading import check_all
from tests.conftest import MINIMAL_PLAN

runner = CliRunner()
STAMP = "2026-11-29T10:00:00Z"
PLAN_WITH_TWO = MINIMAL_PLAN + """\
  - id: NUM-1
    theme: NUM
    need: besoin
    objective: objectif
    action: Former les seniors au numérique
    lead: caf
    indicators:
      - {id: QT1, kind: quantitative, unit: count, label: Nombre d'ateliers, frequency: quarter}
    calendar: 2026
"""


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in the source language, whatever the machine's locale (reset afterwards)."""
    use_language("en")
    yield
    use_language(None)


@pytest.fixture
def plan(write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A two-action plan in data/, with a fixed clock."""
    monkeypatch.setattr(record_input, "now_utc", lambda: STAMP)
    return write(PLAN_WITH_TWO, "data/plan.yaml")


def run(plan: Path, *args: str) -> tuple[int, str, str]:
    """Run `ctg ARGS --plan PLAN`: exit code, stdout, stderr."""
    result = runner.invoke(app, [*args, "--plan", str(plan)])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("typed", "expected"), [
    ("en cours", "en-cours"), ("En-Cours", "en-cours"), ("EN COURS", "en-cours"),
    ("à venir", "a-venir"), ("non démarrée", "a-venir"), ("Non demarree", "a-venir"),
    ("réalisée", "realisee"), ("réalisé", "realisee"), ("réalisées", "realisee"),
    ("terminée", "realisee"), ("reportée", "reportee"), ("en pause", "reportee"),
    ("abandonnée", "abandonnee"), ("annulée", "abandonnee"), ("a-venir", "a-venir"),
    ("realisee", "realisee"),
])
def test_statuses_are_typed_in_french_and_stored_as_ids(typed: str, expected: str) -> None:
    """Accents, case, hyphens and the usual synonyms all designate the stable id."""
    assert status.parse(typed) == expected


def test_unknown_status_suggests_the_closest() -> None:
    """A typo is refused with the closest status."""
    with pytest.raises(Exception, match=r"'en cour' is not a status: did you mean 'en-cours'"):
        status.resolve("en cour")
    assert status.parse("bloquée") is None


def status_file(plan: Path, action: str) -> str:
    """The text of an action's status file."""
    return (plan.parent / "measurements" / f"{action}.status.yaml").read_text(encoding="utf-8")


HEADER = status.HEADER.format(action="PAR-1")


def test_status_writes_one_line_per_record(plan: Path) -> None:
    """A status is one line after the header: id, year, note, decision, who and when."""
    code, out, err = run(plan, "status", "par-1", "En cours", "--year", "2026", "--note",
                         "2 réunions sur 4", "--decision", "Poursuivre", "--by", "Camille")
    assert (code, err) == (0, "")
    path = plan.parent / "measurements" / "PAR-1.status.yaml"
    assert out == f"Recorded the status of PAR-1 for 2026: In progress in {path}\n"
    assert status_file(plan, "PAR-1") == HEADER + (
        '- {action: "PAR-1", year: 2026, status: "en-cours", note: "2 réunions sur 4", '
        'decision: "Poursuivre", recorded_by: "Camille", recorded_at: "2026-11-29T10:00:00Z"}\n')
    assert (plan.parent / "measurements" / ".gitignore").exists()


def test_second_status_is_refused_and_correction_keeps_history(plan: Path) -> None:
    """A second status for the year needs --replace --reason; the first line stays."""
    run(plan, "status", "PAR-1", "en cours", "--year", "2026", "--by", "A")
    code, out, err = run(plan, "status", "PAR-1", "réalisée", "--year", "2026", "--by", "B")
    assert (code, out) == (1, "")
    assert err == ("ctg: error: PAR-1 already has a status for 2026: In progress (recorded by "
                   "A on 2026-11-29); to correct it, run again with --replace --reason TEXT\n")
    code, out, err = run(plan, "status", "PAR-1", "réalisée", "--year", "2026", "--by", "B",
                         "--replace", "--reason", "terminée en décembre")
    assert (code, err) == (0, "")
    assert out.startswith("Replaced the status of PAR-1 for 2026: Completed in ")
    assert status_file(plan, "PAR-1") == HEADER + (
        '- {action: "PAR-1", year: 2026, status: "en-cours", recorded_by: "A", '
        'recorded_at: "2026-11-29T10:00:00Z"}\n'
        '- {action: "PAR-1", year: 2026, status: "realisee", recorded_by: "B", '
        'recorded_at: "2026-11-29T10:00:00Z", replaces: "terminée en décembre"}\n')
    from ctgplan import reading, status_query

    in_force = status_query.current(reading.load_statuses(plan)[0])
    assert status_query.history(in_force, status_action(plan))[0].status == "realisee"


def status_action(plan: Path) -> Action:
    """PAR-1 of the test plan."""
    from ctgplan.reading import load_plan

    loaded = load_plan(plan).plan
    assert loaded is not None
    found = loaded.action("PAR-1")
    assert found is not None
    return found


@pytest.mark.parametrize(("args", "message"), [
    (["PAR-1", "en cour", "--year", "2026"],
     "'en cour' is not a status: did you mean 'en-cours'? use one of a-venir, en-cours, "
     "realisee, reportee, abandonnee (French words work too: en cours, en pause, "
     "non démarrée)"),
    (["PAR-1", "en cours", "--year", "2031"], "--year 2031 is outside the plan period "
                                              "2025-2028"),
    (["PAR-9", "en cours", "--year", "2026"], "no action 'PAR-9' in the plan: did you mean "
                                              "PAR-1? `ctg list` shows every action"),
    (["PAR-1", "en cours", "--year", "2026", "--replace"],
     "--replace needs --reason TEXT: say why the status changes (it is kept in the history)"),
    (["PAR-1", "en cours", "--year", "2026", "--replace", "--reason", "x"],
     "PAR-1 has no status for 2026 to replace: run again without --replace"),
])
def test_status_refusals(plan: Path, args: list[str], message: str) -> None:
    """Bad input is refused in one line, exit 1, nothing written."""
    code, out, err = run(plan, "status", *args)
    assert (code, out, err) == (1, "", f"ctg: error: {message}\n")
    assert not (plan.parent / "measurements" / "PAR-1.status.yaml").exists()


def test_status_outside_calendar_warns(plan: Path) -> None:
    """A year of the plan outside the action's calendar is recorded with a warning."""
    code, _out, err = run(plan, "status", "PAR-1", "à venir", "--year", "2025", "--by", "A")
    assert code == 0
    assert err == ("ctg: warning: 2025 is outside the calendar of PAR-1 (2026-2027); "
                   "recorded anyway\n")


def test_status_files_are_not_value_files(plan: Path) -> None:
    """Value discovery skips *.status.yaml; status discovery finds only them."""
    run(plan, "status", "PAR-1", "en cours", "--year", "2026", "--by", "A")
    runner.invoke(app, ["record", "PAR-1", "QT1", "3", "--year", "2026", "--plan", str(plan),
                        "--by", "A"])
    folder = plan.parent / "measurements"
    assert data_folder.sidecar_files(plan) == [folder / "PAR-1.yaml"]
    assert data_folder.status_files(plan) == [folder / "PAR-1.status.yaml"]
    full = check_all(plan)
    assert (full.records, full.problems) == (1, [])


BROKEN = """\
# a status file damaged by hand and by a merge
- {action: "PAR-1", year: 2026, status: "en cours", recorded_by: "A", recorded_at: "x"}
- {action: "PAR-1", year: 2031, status: "en-cours", recorded_by: "A", recorded_at: "x"}
- {action: "PAR-1", year: 2026, status: "realisee", recorded_by: "A", recorded_at: "x"}
- {action: "PAR-1", year: 2026, status: "realisee", recorded_by: "A", recorded_at: "x"}
- {action: "PAR-1", year: 2027, status: "fini", recorded_by: "A", recorded_at: "x"}
- {action: "PAR-1", year: 2027, status: "a-venir", who: "A", recorded_at: "x"}
- {action: "PAR-1", year: "2027", status: "a-venir", recorded_by: "A", recorded_at: "x"}
""" + ('- {action: "PAR-1", year: 2027, status: "reportee", recorded_by: "A", '
        'recorded_at: "x", replaces: "oubli"}\n')
WRONG_ACTION = """\
- {action: "PAR-9", year: 2026, status: "en-cours", recorded_by: "A", recorded_at: "x"}
"""


def test_check_reports_status_problems_with_line_and_column(plan: Path) -> None:
    """ctg check validates status files: every problem located at line:col."""
    folder = plan.parent / "measurements"
    folder.mkdir()
    (folder / "PAR-1.status.yaml").write_text(BROKEN, encoding="utf-8")
    (folder / "PAR-9.status.yaml").write_text(WRONG_ACTION, encoding="utf-8")
    code, out, err = run(plan, "check", "--format", "parsable")
    first, nine = folder / "PAR-1.status.yaml", folder / "PAR-9.status.yaml"
    assert code == 1
    assert out == (
        f"{first}:2:41: error: unknown status 'en cours': did you mean 'en-cours'? the stored "
        "statuses are a-venir, en-cours, realisee, reportee, abandonnee [unknown-status]\n"
        f"{first}:6:41: error: unknown status 'fini': did you mean 'realisee'? the stored "
        "statuses are a-venir, en-cours, realisee, reportee, abandonnee [unknown-status]\n"
        f"{first}:7:52: error: unknown key 'who' in a status record: allowed keys are action, "
        "year, status, note, decision, recorded_by, recorded_at, replaces [unknown-key]\n"
        f"{first}:7:3: error: 'recorded_by' is missing or empty in this status record "
        "[missing-key]\n"
        f"{first}:8:27: error: year '2027' is not a year such as 2026 [bad-period]\n"
        f"{first}:3:27: error: year 2031 is outside the plan period 2025-2028: fix the year "
        "[year-out-of-range]\n"
        f"{first}:5:3: error: a second status for PAR-1 in 2026 (the status it repeats is at "
        "line 4): remove one, or mark the later one as a correction with `replaces: <reason>` "
        "[duplicate-status]\n"
        f"{first}:9:99: warning: this record replaces a status, but no earlier status exists "
        "for this action and year [nothing-replaced]\n"
        f"{nine}:1:12: error: action 'PAR-9' is not in the plan: did you mean 'PAR-1'? fix "
        "the id or remove the record [unknown-action]\n")
    # the verdict names the files that failed: both status files, not the plan
    assert err.startswith(f"{first}, {nine}: FAILED (8 errors, 1 warning)")


def test_check_sees_a_changed_status_file(plan: Path) -> None:
    """The cached verdict of ctg check is dropped when a status file changes."""
    run(plan, "status", "PAR-1", "en cours", "--year", "2026", "--by", "A")
    assert run(plan, "check")[0] == 0
    path = plan.parent / "measurements" / "PAR-1.status.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("en-cours", "en_cours"),
                    encoding="utf-8")
    assert run(plan, "check")[0] == 1


def test_show_and_list_use_the_status(plan: Path) -> None:
    """ctg show prints each year's status; ctg list --status filters on it."""
    run(plan, "status", "PAR-1", "en pause", "--year", "2026", "--by", "A", "--note",
        "pas de salle", "--decision", "Reprise en 2027")
    code, out, _err = run(plan, "show", "PAR-1")
    assert code == 0
    assert out.endswith("\nStatus\n  2026  Postponed; pas de salle; COPIL decision: Reprise "
                        "en 2027; by A on 2026-11-29\n")
    assert len(run(plan, "list", "--status", "reportée", "--format", "csv")[1].splitlines()) == 2
    assert run(plan, "list", "--status", "en cours")[1] == "No action matches these filters.\n"
    assert "NUM-1" in run(plan, "list", "--status", "none")[1]
    assert "PAR-1" not in run(plan, "list", "--status", "none")[1]
    assert run(plan, "list", "--status", "realisee", "--status", "en pause", "--year",
               "2026", "--format", "csv")[1].splitlines()[1].startswith("PAR-1;")


def test_todo_lists_missing_values_and_statuses_by_lead(plan: Path) -> None:
    """ctg todo: by lead, the statuses and the values (each missing quarter) of the year."""
    runner.invoke(app, ["record", "NUM-1", "QT1", "3", "--year", "2026", "--quarter", "1",
                        "--plan", str(plan), "--by", "A"])
    runner.invoke(app, ["record", "PAR-1", "QT1", "3", "--year", "2026", "--plan", str(plan),
                        "--by", "A"])
    run(plan, "status", "NUM-1", "en cours", "--year", "2026", "--by", "A")
    result = runner.invoke(app, ["todo", "--year", "2026", "--format", "csv", "--plan",
                                 str(plan)])
    code, out, err = result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr
    assert (code, err) == (0, "")
    assert out == ("\ufeffLead;Action;Missing;Indicator;Periods\r\n"
                   "CAF;NUM-1;value;QT1 Nombre d'ateliers;2026-Q2, 2026-Q3, 2026-Q4\r\n"
                   "Service Affaires Sociales;PAR-1;status;;2026\r\n"
                   "Service Affaires Sociales;PAR-1;value;QL1 Satisfaction;2026\r\n")
    code, out, err = run(plan, "todo", "--year", "2026", "--format", "markdown")
    assert out == ("# Still missing for 2026\n\n## CAF\n\n"
                   "- **NUM-1** QT1 Nombre d'ateliers: 2026-Q2, 2026-Q3, 2026-Q4\n\n"
                   "## Service Affaires Sociales\n\n"
                   "- **PAR-1**: the status of the action for 2026\n"
                   "- **PAR-1** QL1 Satisfaction: 2026\n")
    code, out, err = run(plan, "todo", "--year", "2025")
    assert (code, out) == (0, "Nothing is missing for 2025: every expected value and status "
                              "is recorded.\n")


def test_todo_table_and_json(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The table is for people; json is the same rows for scripts."""
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _err = run(plan, "todo", "--year", "2027")
    assert code == 0
    assert out == (
        "Lead                       Action  Missing  Indicator               Periods\n"
        "Service Affaires Sociales  PAR-1   status                           2027\n"
        "Service Affaires Sociales  PAR-1   value    QT1 Nombre de réunions  2027\n"
        "Service Affaires Sociales  PAR-1   value    QL1 Satisfaction        2027\n")
    import json

    data = json.loads(run(plan, "todo", "--year", "2027", "--format", "json")[1])
    assert data[0] == {"lead": {"id": "sas", "name": "Service Affaires Sociales"},
                       "action": "PAR-1", "kind": "status", "indicator": None, "label": None,
                       "periods": ["2027"]}


def test_readme_examples_are_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's status and todo examples, replayed on the shipped plan in French, print
    what the README shows and write the status file it shows."""
    import itertools
    import shlex
    import shutil

    from tests.conftest import ROOT, SHIPPED_PLAN

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Where each action stands"):
                     readme.index("## The year's review for the steering committee")]
    (tmp_path / "data").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "data" / "plan.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CTG_PLAN", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("CTG_LANG", "fr")  # the README shows French, as people will see it
    use_language(None)  # the environment's language, as in a real run
    from ctgplan.cli import status as status_cli

    monkeypatch.setattr(status_cli, "who", lambda by: by or "Camille Martin")
    clock = itertools.chain(["2026-11-29T15:49:02Z"] * 3 + [
                             "2026-11-29T19:46:30Z", "2026-11-29T19:46:32Z",
                             "2026-11-29T19:46:34Z"], itertools.repeat("2026-11-29T19:50:00Z"))
    monkeypatch.setattr(record_input, "now_utc", lambda: next(clock))
    for value in (["QT1", "5"], ["QT2", "57"], ["QL1", "Parents satisfaits"]):
        # the values the README's "Record indicator values" section records
        assert runner.invoke(app, ["record", "PAR-2", *value, "--year", "2026"]).exit_code == 0
    blocks = re.findall(r"```console\n(.*?)```", section, re.S)
    checked = 0
    for block in blocks:
        for command, shown in re.findall(r"^\$ (ctg .*)\n((?:(?!\$ ).*\n)*)", block, re.M):
            if command.startswith("ctg show"):
                continue  # shown abridged in the README
            result = runner.invoke(app, shlex.split(command)[1:])
            assert result.stdout + result.stderr == shown, command
            checked += 1
    assert checked == 8
    yaml_block = re.search(r"```yaml\n(# Status of action PAR-2.*?)```", section, re.S)
    assert yaml_block is not None
    assert (tmp_path / "data" / "measurements" / "PAR-2.status.yaml").read_text(
        encoding="utf-8") == yaml_block.group(1)


def test_show_json_has_the_statuses(plan: Path) -> None:
    """ctg show --format json lists the status in force of each year."""
    import json

    run(plan, "status", "PAR-1", "en cours", "--year", "2026", "--by", "A")
    run(plan, "status", "PAR-1", "réalisée", "--year", "2027", "--by", "A", "--note", "fini")
    data = json.loads(run(plan, "show", "PAR-1", "--format", "json")[1])
    assert data["status"] == [
        {"action": "PAR-1", "year": 2026, "status": "en-cours", "recorded_by": "A",
         "recorded_at": STAMP},
        {"action": "PAR-1", "year": 2027, "status": "realisee", "note": "fini",
         "recorded_by": "A", "recorded_at": STAMP}]


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    """A git repository holding the shipped plan and this project's .gitattributes."""
    import shutil

    from tests.conftest import ROOT, SHIPPED_PLAN
    from tests.test_workflow import git

    (tmp_path / "data").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "data" / "plan.yaml")
    shutil.copy(ROOT / ".gitattributes", tmp_path / ".gitattributes")
    assert git(tmp_path, "init", "-q", "-b", "main").returncode == 0
    git(tmp_path, "add", "-A")
    assert git(tmp_path, "commit", "-qm", "plan").returncode == 0
    return tmp_path


def _status_merge(repo: Path, first: list[str], theirs: list[str], ours: list[str]) -> int:
    """State ``first`` on main, ``theirs`` on a branch, ``ours`` on main, then merge."""
    from tests.test_workflow import git

    plan = repo / "data" / "plan.yaml"

    def state(args: list[str]) -> None:
        result = runner.invoke(app, ["status", *args, "--by", "t", "--plan", str(plan)])
        assert result.exit_code == 0, result.stderr

    state(first)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first status")
    git(repo, "checkout", "-qb", "other")
    state(theirs)
    git(repo, "commit", "-qam", "theirs")
    git(repo, "checkout", "-q", "main")
    state(ours)
    git(repo, "commit", "-qam", "ours")
    return git(repo, "merge", "-q", "other", "-m", "merge").returncode


def test_statuses_stated_on_two_branches_merge_cleanly(git_repo: Path) -> None:
    """Two people state two years of one action on two branches: git's union merge keeps
    both lines, and the merged file is valid."""
    code = _status_merge(git_repo, ["IAD-6", "en cours", "--year", "2025"],
                         ["IAD-6", "en cours", "--year", "2026"],
                         ["IAD-6", "réalisée", "--year", "2027"])
    assert code == 0
    plan = git_repo / "data" / "plan.yaml"
    assert check_all(plan).problems == []
    found = status.read(status.status_path(plan, "IAD-6"))
    assert sorted((r.year, r.status) for r in found.records) == [
        (2025, "en-cours"), (2026, "en-cours"), (2027, "realisee")]


def test_a_merge_that_duplicates_a_status_is_caught(git_repo: Path) -> None:
    """Two people state the same year on two branches: the merge works, check flags it."""
    code = _status_merge(git_repo, ["IAD-6", "en cours", "--year", "2025"],
                         ["IAD-6", "en cours", "--year", "2026"],
                         ["IAD-6", "en pause", "--year", "2026"])
    assert code == 0
    problems = [(Path(p.file).name, p.line, p.code)
                for p in check_all(git_repo / "data" / "plan.yaml").problems]
    assert problems == [("IAD-6.status.yaml", 6, "duplicate-status")]


def test_concurrent_statuses_are_all_kept(tmp_path: Path) -> None:
    """Four `ctg status` processes writing to one file at once: the lock keeps every line."""
    import shutil
    import subprocess

    from tests.conftest import CTG, SHIPPED_PLAN

    plan = tmp_path / "data" / "plan.yaml"
    plan.parent.mkdir()
    shutil.copy(SHIPPED_PLAN, plan)
    processes = [subprocess.Popen([CTG, "status", "IAD-6", "en cours", "--year", str(year),
                                   "--by", "t", "--plan", str(plan)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for year in (2025, 2026, 2027, 2028)]
    for process in processes:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    found = status.read(status.status_path(plan, "IAD-6"))
    assert (sorted(r.year for r in found.records), found.problems) == (
        [2025, 2026, 2027, 2028], [])
