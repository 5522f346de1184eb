"""A year of a coordinator's work from the command line: follow-up, corrections, exports."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ctgplan import reading, record_input, render
from ctgplan.cli import app
from ctgplan.cli.find import ShowFormat
from tests.conftest import CTG, SHIPPED_PLAN

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


SURVEY = "      - {id: QL1, kind: qualitative, label: Satisfaction des participants}"
SCALED = ("      - {id: QL1, kind: qualitative, label: Satisfaction des participants, "
          "scale: {min: 1, max: 5}}")


def french_cells(text: str) -> list[list[object]]:
    """A CSV read back as a French spreadsheet reads it: BOM, ';', decimal comma; each
    cell that French Excel or LibreOffice takes for a number becomes a float."""
    import csv
    import io
    import re

    assert text.startswith("\ufeff")
    number = re.compile(r"^-?\d+(,\d+)?$")
    return [[float(c.replace(",", ".")) if number.match(c) else c for c in row]
            for row in csv.reader(io.StringIO(text[1:], newline=""), delimiter=";")]


def year_of_values(plan: Path) -> None:
    """Values of every kind: a percentage, a count with its source, a survey in full."""
    plan.write_text(plan.read_text(encoding="utf-8").replace(SURVEY, SCALED), encoding="utf-8")
    assert record(plan, "IAD-1", "QT3", "37,5", "--year", "2026")[0] == 0
    assert record(plan, "PAR-2", "QT1", "4", "--year", "2026", "--source", "feuilles",
                  "--note", "une séance annulée")[0] == 0
    assert record(plan, "PAR-2", "QL1", "Très bien", "--year", "2026", "--respondents", "41",
                  "--satisfied", "87,5", "--score", "4,2")[0] == 0
    assert record(plan, "PAR-2", "QT1", "5", "--year", "2026", "--replace", "--reason",
                  "oubli")[0] == 0


HISTORY_COLUMNS = ["Action", "Indicator", "Period", "Value", "Summary", "Respondents",
                   "Satisfied", "Score", "Source", "Note", "Replaces", "By", "Recorded at",
                   "Status"]


def test_history_csv_is_every_field_with_french_decimals(plan: Path) -> None:
    """Every recorded field is exported; decimals use the comma a French office reads as a
    number; json keeps exact numbers."""
    year_of_values(plan)
    code, out, _err = ctg(plan, "history", "--format", "csv")
    assert code == 0
    assert french_cells(out) == [
        HISTORY_COLUMNS,
        ["IAD-1", "QT3", 2026.0, 37.5, "", "", "", "", "", "", "", "Test", STAMP, "current"],
        ["PAR-2", "QT1", 2026.0, 4.0, "", "", "", "", "feuilles", "une séance annulée", "",
         "Test", STAMP, "replaced"],
        ["PAR-2", "QL1", 2026.0, "", "Très bien", 41.0, 87.5, 4.2, "", "", "", "Test", STAMP,
         "current"],
        ["PAR-2", "QT1", 2026.0, 5.0, "", "", "", "", "", "", "oubli", "Test", STAMP,
         "current"]]
    assert "37,5;" in out and "87,5;4,2;" in out
    code, out, _err = ctg(plan, "history", "PAR-2", "--format", "markdown")
    assert out.splitlines()[0] == "| " + " | ".join(HISTORY_COLUMNS) + " |"
    assert out.splitlines()[3] == ("| PAR-2 | QL1 | 2026 |  | Très bien | 41 | 87.5 | 4.2 |  |  "
                                   f"|  | Test | {STAMP} | current |")
    code, out, _err = ctg(plan, "history", "IAD-1", "--format", "json")
    assert '"value": 37.5' in out


def test_history_table_shows_survey_figures_sources_and_notes(plan: Path) -> None:
    """The table for people shows the survey's figures, the source and the note."""
    year_of_values(plan)
    result = runner.invoke(app, ["history", "PAR-2", "--plan", str(plan)],
                           env={"COLUMNS": "200"})
    assert result.stdout.splitlines() == [
        "Action  Indicator  Period  Value                                                   "
        "By    On          Status    Note",
        "PAR-2   QT1        2026    4                                                       "
        "Test  2026-11-29  replaced  une séance annulée (source: feuilles)",
        "PAR-2   QL1        2026    Très bien (87.5% satisfied, score 4.2, 41 respondents)  "
        "Test  2026-11-29  current",
        "PAR-2   QT1        2026    5                                                       "
        "Test  2026-11-29  current   replaces: oubli"]


@pytest.mark.skipif(shutil.which("soffice") is None and not __import__("os").environ.get(
    "CTG_REQUIRE_TOOLS"), reason="LibreOffice is not installed (set CTG_REQUIRE_TOOLS to "
    "require it)")
def test_libreoffice_reads_the_csv_numbers_as_numbers(plan: Path, tmp_path: Path) -> None:
    """LibreOffice, opening the CSV as a French user does, finds numbers, not texts."""
    import subprocess

    from python_calamine import CalamineWorkbook

    year_of_values(plan)
    _code, out, _err = ctg(plan, "history", "--format", "csv")
    source = tmp_path / "valeurs.csv"
    source.write_text(out, encoding="utf-8", newline="")
    soffice = shutil.which("soffice")
    assert soffice is not None, "CTG_REQUIRE_TOOLS is set: LibreOffice (soffice) is required"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--infilter=CSV:59,34,76,1,,1036", "--convert-to", "xlsx",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True,
                   timeout=180)
    rows = CalamineWorkbook.from_path(str(tmp_path / "valeurs.xlsx")).get_sheet_by_index(
        0).to_python()
    assert rows[1][:4] == ["IAD-1", "QT3", 2026.0, 37.5]
    assert rows[3][5:8] == [41.0, 87.5, 4.2]


LIST_COLUMNS = ["ID", "Theme", "Need", "Objective", "Action", "Levers", "Lead", "Partners",
                "Calendar", "Indicators", "Latest values"]


def test_list_full_is_the_whole_action_for_a_spreadsheet(plan: Path) -> None:
    """`ctg list --full --format csv`: every field of the action and its latest values."""
    year_of_values(plan)
    code, out, _err = ctg(plan, "list", "--full", "--format", "csv", "--search",
                          "réunions thématiques")
    assert code == 0
    assert french_cells(out) == [LIST_COLUMNS, [
        "PAR-2", "PARENTALITE",
        "Manque d'offres diversifiées pour les parents et les familles",
        "Faciliter l'accompagnement des parents sur le territoire",
        "Organiser des réunions thématiques sur la parentalité pour soutenir les parents avec "
        "enfant, de tout âge",
        "Collectivité attractive pour les familles - Familles peu visibles en dehors du milieu "
        "scolaire",
        "Service Jeunesse et Sports",
        "Service Communication\nProfessionnels de l'enfance, de la famille, du médical du "
        "judiciaire",
        2026.0,
        "QT1 Nombre de réunions [count]\nQT2 Nombre de participants [count]\n"
        "QL1 Satisfaction des participants [survey]",
        "QT1: 5 (2026)\nQL1: Très bien (87.5% satisfied, score 4.2, 41 respondents) (2026)"]]


MERGED = (
    '- {action: "PAR-2", indicator: "QT1", period: 2026, value: 4, recorded_by: "Camille", '
    'recorded_at: "2026-11-02T10:00:00Z"}\n'
    '- {action: "PAR-2", indicator: "QT1", period: 2026, value: 5, recorded_by: "Dominique", '
    'recorded_at: "2026-11-03T10:00:00Z"}\n')


def test_a_duplicate_left_by_a_merge_is_disputed_until_settled(plan: Path) -> None:
    """Two branches recorded the same value: check, history and show say it is disputed;
    --replace is refused; --settle chooses the value, both lines stay in the history."""
    values = plan.parent / "measurements" / "PAR-2.yaml"
    values.parent.mkdir()
    values.write_text(MERGED, encoding="utf-8")
    code, out, _err = ctg(plan, "check", "--format", "parsable")
    assert (code, out) == (1, f"{values}:2:3: error: a second value for PAR-2 QT1 2026 (the "
                              "value it repeats is at line 1): choose the value with `ctg "
                              "record PAR-2 QT1 VALUE --year 2026 --settle --reason TEXT` (both "
                              "lines stay in the history), or remove one [duplicate-value]\n")
    code, out, _err = ctg(plan, "history", "PAR-2", "--format", "csv")
    assert [line.split(";")[-1] for line in out.splitlines()[1:]] == ["disputed", "disputed"]
    code, out, _err = ctg(plan, "show", "PAR-2")
    assert ("        no baseline; no target; disputed: 4 or 5 (2026); choose one with `ctg "
            "record PAR-2\n        QT1 VALUE --year 2026 --settle --reason TEXT`\n") in out
    code, _out, err = record(plan, "PAR-2", "QT1", "5", "--year", "2026", "--replace",
                             "--reason", "x")
    assert (code, err) == (1, "ctg: error: PAR-2 QT1 has 2 disputed values for 2026: 4 "
                              "(recorded by Camille on 2026-11-02); 5 (recorded by Dominique on "
                              "2026-11-03); choose one with --settle --reason TEXT (every line "
                              "stays in the history)\n")
    code, out, err = record(plan, "PAR-2", "QT1", "5", "--year", "2026", "--settle",
                            "--reason", "chiffre du bilan")
    assert (code, out, err) == (0, f"Settled PAR-2 QT1 = 5 for 2026 in {values}\n", "")
    assert values.read_text(encoding="utf-8") == MERGED + (
        '- {action: "PAR-2", indicator: "QT1", period: 2026, value: 5, recorded_by: "Test", '
        f'recorded_at: "{STAMP}", settles: "chiffre du bilan"}}\n')
    assert ctg(plan, "check", "--strict")[0] == 0
    code, out, _err = ctg(plan, "history", "PAR-2", "--format", "csv")
    assert [line.split(";")[-1] for line in out.splitlines()[1:]] == [
        "replaced", "replaced", "current"]
    code, _out, err = record(plan, "PAR-2", "QT1", "6", "--year", "2026", "--settle",
                             "--reason", "x")
    assert (code, err) == (1, "ctg: error: PAR-2 QT1 has no disputed value for 2026 to "
                              "settle: to correct a value, use --replace --reason TEXT\n")


def test_a_value_under_the_wrong_year_is_withdrawn(plan: Path) -> None:
    """--withdraw keeps the line in the history, leaves no value in force, and the right
    value can then be recorded as a first one."""
    values = plan.parent / "measurements" / "PAR-2.yaml"
    assert record(plan, "PAR-2", "QT2", "57", "--year", "2027")[0] == 0
    code, _out, err = record(plan, "PAR-2", "QT2", "57", "--year", "2027", "--withdraw",
                             "--reason", "mauvaise année")
    assert (code, err) == (1, "ctg: error: --withdraw takes no VALUE: it withdraws the value "
                              "in force\n")
    code, out, _err = record(plan, "PAR-2", "QT2", "--year", "2027", "--withdraw",
                             "--reason", "mauvaise année")
    assert (code, out) == (0, f"Withdrew PAR-2 QT2 for 2027 in {values}\n")
    assert values.read_text(encoding="utf-8").splitlines()[-1] == (
        '- {action: "PAR-2", indicator: "QT2", period: 2027, recorded_by: "Test", '
        f'recorded_at: "{STAMP}", withdraws: "mauvaise année"}}')
    code, out, _err = ctg(plan, "show", "PAR-2")
    assert "  QT2   Nombre de participants [quantitative, count]\n        no baseline; no " \
        "target; latest no value recorded\n" in out
    code, _out, err = record(plan, "PAR-2", "QT2", "--year", "2027", "--withdraw", "--reason",
                             "encore")
    assert (code, err) == (1, "ctg: error: PAR-2 QT2 has no value in force for 2027 to "
                              "withdraw\n")
    assert record(plan, "PAR-2", "QT2", "57", "--year", "2026")[0] == 0
    assert record(plan, "PAR-2", "QT2", "60", "--year", "2027")[0] == 0
    code, out, _err = ctg(plan, "history", "PAR-2", "--format", "csv")
    assert [line.split(";")[2:4] + line.split(";")[-1:] for line in out.splitlines()[1:]] == [
        ["2027", "57", "withdrawn"], ["2027", "", "withdrawal"], ["2026", "57", "current"],
        ["2027", "60", "current"]]
    assert ctg(plan, "check", "--format", "parsable")[1].count("[after-calendar]") == 1
    assert ctg(plan, "check")[0] == 0


def test_recorded_numbers_fit_their_meaning(plan: Path) -> None:
    """A count typed `12 %` and a survey of 0 respondents with a share are refused; a
    non-finite value in a file is a located error and never reaches json as NaN."""
    code, _out, err = record(plan, "PAR-2", "QT1", "12 %", "--year", "2026")
    assert (code, err) == (1, "ctg: error: QT1 (Nombre de réunions) expects a whole number, "
                              "0 or more (for example 12), not '12 %': a % sign goes with a "
                              "percentage only\n")
    code, _out, err = record(plan, "PAR-2", "QL1", "x", "--year", "2026", "--respondents",
                             "0", "--satisfied", "80")
    assert (code, err) == (1, "ctg: error: a survey with 0 respondents has no share satisfied "
                              "nor score: give the number of respondents, or leave out "
                              "--satisfied and --score\n")
    values = plan.parent / "measurements" / "PAR-2.yaml"
    values.parent.mkdir(exist_ok=True)
    values.write_text(
        '- {action: "PAR-2", indicator: "QT2", period: 2026, value: .nan, recorded_by: "a", '
        'recorded_at: "2026-01-01T00:00:00Z"}\n'
        '- {action: "PAR-2", indicator: "QL1", period: 2026, summary: "x", respondents: 0, '
        'satisfied: 80, recorded_by: "a", recorded_at: "2026-01-01T00:00:00Z"}\n',
        encoding="utf-8")
    code, out, _err = ctg(plan, "check", "--format", "parsable")
    assert (code, out) == (1, f"{values}:1:60: error: value is not a finite number: write a "
                              "number such as 12 or 37.5 [bad-value]\n"
                              f"{values}:2:80: error: a survey with 0 respondents has no share "
                              "satisfied nor score: correct the number of respondents, or "
                              "withdraw the value [bad-value]\n")
    code, out, _err = ctg(plan, "history", "--format", "json")
    assert "NaN" not in out and "Infinity" not in out


def test_show_prints_milestones_as_oui_non_and_no_progress_without_baseline(
        plan: Path) -> None:
    """A milestone target written oui in the plan; show says oui, and that progress needs
    a baseline instead of computing one from 0."""
    line = "      - {id: QT1, kind: quantitative, unit: milestone, label: Création de la " \
        "plateforme}"
    text = plan.read_text(encoding="utf-8")
    assert line in text
    plan.write_text(text.replace(line, line[:-1] + ", direction: increase, targets: {2026: oui}}"),
                    encoding="utf-8")
    assert record(plan, "IAD-3", "QT1", "oui", "--year", "2026")[0] == 0
    code, out, _err = ctg(plan, "show", "IAD-3")
    assert code == 0
    assert ("  QT1   Création de la plateforme [quantitative, milestone]\n"
            "        no baseline; target oui (2026, increase); latest oui (2026); no progress: "
            "it needs a\n        baseline\n") in out
    assert record(plan, "IAD-3", "QT1", "non", "--year", "2027")[0] == 0
    code, out, _err = ctg(plan, "history", "IAD-3", "--indicator", "qt1")
    assert code == 0
    assert [line.split()[3] for line in out.splitlines()[1:]] == ["oui", "non"]
    code, out, _err = ctg(plan, "history", "IAD-3", "--format", "csv")
    assert [line.split(";")[3] for line in out.splitlines()[1:]] == ["1", "0"]


@pytest.mark.parametrize("width", [60, 80, 120])
def test_narrow_terminals_keep_every_column_and_whole_numbers(plan: Path, width: int) -> None:
    """At 60, 80 and 120 columns: every column of list and history stays, texts wrap at
    word boundaries (every word is whole somewhere), ids and numbers are never split, no
    line is wider than the terminal; show wraps to the width too."""
    year_of_values(plan)
    env = {"COLUMNS": str(width)}
    listing = runner.invoke(app, ["list", "--theme", "PAR", "--plan", str(plan)], env=env)
    lines = listing.stdout.splitlines()
    assert lines[0].split() == ["ID", "Theme", "Action", "Lead", "Years"]
    assert max(len(line) for line in lines) <= width
    words = listing.stdout.split()
    for word in ("PAR-1", "PAR-2", "PAR-3", "PARENTALITE", "2026", "2027", "visibiliser",
                 "spécialisés", "remobiliser", "Affaires", "Sociales"):
        assert word in words, (width, word)
    history = runner.invoke(app, ["history", "PAR-2", "--plan", str(plan)], env=env)
    lines = history.stdout.splitlines()
    header = " ".join(lines[:next(i for i, line in enumerate(lines) if line.startswith("PAR"))])
    for name in ("Action", "Indicator", "Period", "Value", "By", "On", "Status", "Note"):
        assert name[:3] in header, (width, name)  # a header may wrap at 60 columns
    assert max(len(line) for line in lines) <= width
    assert [line.split()[:4] for line in lines[1:] if line.startswith("PAR-2")] == [
        ["PAR-2", "QT1", "2026", "4"], ["PAR-2", "QL1", "2026", "Très"],
        ["PAR-2", "QT1", "2026", "5"]]
    assert "2026-11-29" in history.stdout.split()
    assert "(87.5%" in history.stdout.split()
    show = runner.invoke(app, ["show", "PAR-2", "--plan", str(plan)], env=env)
    assert max(len(line) for line in show.stdout.splitlines()) <= width
    assert "tout" in show.stdout.split() and "âge" in show.stdout.split()


def test_check_wraps_its_messages_to_the_terminal() -> None:
    """In a terminal, `ctg check` wraps each message under itself at the width."""
    from ctgplan.check import CheckResult
    from ctgplan.problems import Level, Problem
    from ctgplan.render_check import CheckReport, text

    problem = Problem("plan.yaml", 12, 5, Level.ERROR, "bad-value",
                      "a rather long message that says what to write instead of the value")
    result = CheckResult(Path("plan.yaml"), None, ["plan.yaml"], 0, [problem])
    out = text(CheckReport(result, "plan.yaml", wrap=True), width=60).out
    assert out.splitlines()[:3] == [
        "plan.yaml",
        "  12:5      error    a rather long message that says what to",
        "                     write instead of the value  bad-value"]


def in_terminal(plan: Path, *args: str) -> tuple[Callable[[bytes, str], None],
                                                  subprocess.Popen[bytes], int]:
    """Run `ctg ARGS` in a pseudo-terminal; ``answer(prompt, text)`` waits and types."""
    import pty

    master, slave = pty.openpty()
    process = subprocess.Popen([CTG, *args, "--by", "t", "--plan", str(plan)], stdin=slave,
                               stdout=slave, stderr=slave, close_fds=True,
                               env={**os.environ, "CTG_LANG": "en"})
    os.close(slave)
    seen = [b""]

    def answer(prompt: bytes, text: str) -> None:
        deadline = time.monotonic() + 30
        while prompt not in seen[0]:
            assert time.monotonic() < deadline, seen[0].decode(errors="replace")
            seen[0] += os.read(master, 4096)
        seen[0] = seen[0][seen[0].index(prompt) + len(prompt):]
        if text:
            os.write(master, text.encode() + b"\n")

    return answer, process, master


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_terminal_is_asked_the_year_and_a_surveys_figures(plan: Path) -> None:
    """`ctg record PAR-2 QT2 70` in a terminal asks the year, as --help says; a survey
    asked interactively asks its respondents and share satisfied."""
    answer, process, master = in_terminal(plan, "record", "PAR-2", "QT2", "70")
    answer(f"Year [{dt.date.today().year}]: ".encode(), "2026")
    answer(b"Recorded PAR-2 QT2 = 70 for 2026", "")
    assert process.wait(timeout=30) == 0
    os.close(master)
    answer, process, master = in_terminal(plan, "record", "PAR-2", "QL1")
    answer(b"Respondents (empty: unknown): ", "41")
    answer(b"Share satisfied, in percent (empty: none): ", "87,5")
    answer(b"Summary of the survey results (short text): ", "Bien")
    answer(f"Year [{dt.date.today().year}]: ".encode(), "2026")
    answer(b"Recorded PAR-2 QL1", "")
    assert process.wait(timeout=30) == 0
    os.close(master)
    assert [(r.indicator, r.respondents, r.satisfied) for r in
            reading.load_records(plan).records] == [("QT2", None, None), ("QL1", 41, 87.5)]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_recorded_files_follow_the_umask_or_the_existing_mode(plan: Path) -> None:
    """A new values file gets the mode the umask gives (not 0600); an existing file keeps
    its own mode when ctg record replaces it."""
    import stat

    values = plan.parent / "measurements" / "PAR-2.yaml"
    old = os.umask(0o027)
    try:
        assert record(plan, "PAR-2", "QT1", "4", "--year", "2026")[0] == 0
        assert stat.S_IMODE(values.stat().st_mode) == 0o640
        values.chmod(0o664)
        assert record(plan, "PAR-2", "QT2", "4", "--year", "2026")[0] == 0
        assert stat.S_IMODE(values.stat().st_mode) == 0o664
        os.umask(0o002)
        assert record(plan, "PAR-1", "QT1", "4", "--year", "2026")[0] == 0
        assert stat.S_IMODE((values.parent / "PAR-1.yaml").stat().st_mode) == 0o664
    finally:
        os.umask(old)
