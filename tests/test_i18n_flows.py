"""The main flows speak the user's language: check, list, show, record, history.

French expected outputs are exact; the English ones are the rest of the suite's.
"""

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

from ctgplan.cli import app
from tests.conftest import CTG, SHIPPED_PLAN

CASES = Path(__file__).parent / "cases"
FRENCH_CASES = Path(__file__).parent / "i18n"
runner = CliRunner()
TODAY = dt.date.today()


def run(lang: str, *args: str) -> tuple[int, str, str]:
    """`ctg ARGS` in ``lang``: exit code, stdout, stderr."""
    result = runner.invoke(app, list(args), env={"CTG_LANG": lang, "COLUMNS": "100"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A copy of the shipped plan, to record values in."""
    path = tmp_path / "data" / "plan.yaml"
    path.parent.mkdir()
    shutil.copy(SHIPPED_PLAN, path)
    return path


@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("*.yaml")))
def test_check_in_french(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`ctg check` on each broken plan of tests/cases, in French: exactly tests/i18n/CASE.fr.txt."""
    shutil.copy(CASES / f"{case}.yaml", tmp_path / "plan.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("fr", "check", "--format", "text", "--plan", "plan.yaml")
    assert code == 1
    assert out + err == (FRENCH_CASES / f"{case}.fr.txt").read_text(encoding="utf-8")


def test_every_case_has_its_french() -> None:
    """Each broken plan has its French expected output, and nothing else is there."""
    assert sorted(p.stem for p in CASES.glob("*.yaml")) == sorted(
        p.name.removesuffix(".fr.txt") for p in FRENCH_CASES.glob("*.fr.txt"))


def test_cached_check_keeps_the_language(plan: Path) -> None:
    """A check cached in one language is not served in the other (problems are worded)."""
    broken = plan.parent / "broken.yaml"
    shutil.copy(CASES / "references.yaml", broken)
    french = run("fr", "check", "--format", "parsable", "--plan", str(broken))
    english = run("en", "check", "--format", "parsable", "--plan", str(broken))
    again = run("fr", "check", "--format", "parsable", "--plan", str(broken))
    assert "n'est pas déclarée sous 'themes'" in french[1]
    assert "is not declared under 'themes'" in english[1]
    assert again == french


def test_list_in_french() -> None:
    """`ctg list` in French: headers in French, the plan's texts as written."""
    code, out, err = run("fr", "list", "--theme", "PARENTALITE", "--plan", str(SHIPPED_PLAN))
    assert (code, err) == (0, "")
    assert out.splitlines()[0].split() == ["ID", "Thématique", "Action", "Porteur", "Années"]
    assert out.splitlines()[1].startswith("PAR-1  PARENTALITE  Assurer une veille")


def test_list_unknown_theme_in_both_languages() -> None:
    """A filter that names nothing says so, with the valid values, in each language."""
    valid = "PE, EJ, HAN, PAR, IAD, AVS, NUM, VRL, LOG"
    assert run("fr", "list", "--theme", "xyz", "--plan", str(SHIPPED_PLAN)) == (
        1, "", "ctg\u00a0: erreur\u00a0: --theme 'xyz' n'est pas une thématique connue\u00a0: "
        f"valeurs possibles\u00a0: {valid}\n")
    assert run("en", "list", "--theme", "xyz", "--plan", str(SHIPPED_PLAN)) == (
        1, "", f"ctg: error: --theme 'xyz' is not a known theme: valid values: {valid}\n")


def test_show_in_french(plan: Path) -> None:
    """`ctg show` in French: labels, a survey with its share as 87,5 %."""
    assert run("fr", "record", "PAR-2", "QL1", "Très bien", "--year", "2026",
               "--respondents", "41", "--satisfied", "87,5", "--by", "C",
               "--plan", str(plan))[0] == 0
    code, out, _err = run("fr", "show", "PAR-2", "--plan", str(plan))
    assert code == 0
    lines = out.splitlines()
    assert "Besoin        Manque d'offres diversifiées pour les parents et les familles" in lines
    assert "  QL1   Satisfaction des participants [qualitative, enquête]" in lines
    assert "dernière valeur\u00a0: 87,5\u00a0% de satisfaits," in out


def test_record_and_refusal_in_both_languages(plan: Path) -> None:
    """A value recorded, then refused as a second value for the same year, in each language."""
    assert run("fr", "record", "PAR-2", "QT1", "4", "--year", "2026", "--by", "Camille",
               "--plan", str(plan)) == (
        0, f"Enregistré\u00a0: PAR-2 QT1 = 4 pour 2026 dans {plan.parent}/measurements/"
        "PAR-2.yaml\n", "")
    day_fr, day_en = TODAY.strftime("%d/%m/%Y"), TODAY.isoformat()
    assert run("fr", "record", "PAR-2", "QT1", "5", "--year", "2026", "--by", "Camille",
               "--plan", str(plan)) == (
        1, "", "ctg\u00a0: erreur\u00a0: PAR-2 QT1 a déjà une valeur pour 2026\u00a0: 4 "
        f"(enregistrée par Camille le {day_fr})\u00a0; pour la corriger, relancez avec "
        "--replace --reason TEXTE\n")
    assert run("en", "record", "PAR-2", "QT1", "5", "--year", "2026", "--by", "Camille",
               "--plan", str(plan)) == (
        1, "", "ctg: error: PAR-2 QT1 already has a value for 2026: 4 (recorded by Camille "
        f"on {day_en}); to correct it, run again with --replace --reason TEXT\n")


def test_a_bad_value_in_both_languages(plan: Path) -> None:
    """A decimal for a count is refused; the French message writes 5,5."""
    assert run("fr", "record", "PAR-2", "QT1", "5,5", "--year", "2026", "--plan", str(plan)) == (
        1, "", "ctg\u00a0: erreur\u00a0: QT1 (Nombre de réunions) attend un nombre entier, 0 ou "
        "plus (par exemple 12), pas '5,5'\u00a0: 5,5 n'est pas un nombre entier de 0 ou plus\n")
    assert run("en", "record", "PAR-2", "QT1", "5,5", "--year", "2026", "--plan", str(plan)) == (
        1, "", "ctg: error: QT1 (Nombre de réunions) expects a whole number, 0 or more (for "
        "example 12), not '5,5': 5.5 is not a whole number of 0 or more\n")


def test_history_in_french_for_spreadsheets(plan: Path) -> None:
    """`ctg history --format csv` in French: French headers and statuses, dates as 29/11/2026."""
    assert run("fr", "record", "PAR-2", "QT1", "4", "--year", "2026", "--by", "Camille",
               "--plan", str(plan))[0] == 0
    assert run("fr", "record", "PAR-2", "QT1", "5", "--year", "2026", "--by", "Camille",
               "--replace", "--reason", "oubli", "--plan", str(plan))[0] == 0
    code, out, _err = run("fr", "history", "--format", "csv", "--plan", str(plan))
    day = TODAY.strftime("%d/%m/%Y")
    assert code == 0
    assert out.splitlines() == ["\ufeffAction;Indicateur;Période;Valeur;Par;Le;Statut;Note",
                                f"PAR-2;QT1;2026;4;Camille;{day};remplacée;",
                                f"PAR-2;QT1;2026;5;Camille;{day};en vigueur;oubli"]
    code, out, _err = run("en", "history", "--format", "csv", "--plan", str(plan))
    assert out.splitlines()[0] == "\ufeffAction;Indicator;Period;Value;By;On;Status;Note"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_bare_record_asks_in_french(plan: Path) -> None:
    """`ctg record` alone in a French terminal asks and explains in French."""
    import pty

    master, slave = pty.openpty()
    process = subprocess.Popen([CTG, "record", "--by", "t", "--plan", str(plan)],
                               stdin=slave, stdout=slave, stderr=slave, close_fds=True,
                               env={**os.environ, "CTG_LANG": "fr"})
    os.close(slave)
    seen = b""

    def answer(prompt: str, text: str) -> None:
        """Wait for ``prompt``, then type ``text`` and Enter (nothing for a message)."""
        nonlocal seen
        wanted = prompt.encode()
        deadline = time.monotonic() + 30
        while wanted not in seen:
            assert time.monotonic() < deadline, seen.decode(errors="replace")
            seen += os.read(master, 4096)
        seen = seen[seen.index(wanted) + len(wanted):]
        if text:
            os.write(master, text.encode() + b"\n")

    answer("Action: ", "par-9")
    answer("vouliez-vous dire PAR-3\u00a0?", "")
    answer("Action: ", "par-2")
    answer("Indicateur: ", "QT1")
    answer("Valeur (un nombre entier, 0 ou plus (par exemple 12)): ", "six")
    answer("pas 'six'", "")
    answer("Valeur (un nombre entier, 0 ou plus (par exemple 12)): ", "6")
    answer(f"Année [{TODAY.year}]: ", "deux-mille")
    answer("'deux-mille' n'est pas une année", "")
    answer(f"Année [{TODAY.year}]: ", "2031")
    answer("2031 sort de la période du plan 2025-2028", "")
    answer(f"Année [{TODAY.year}]: ", "2026")
    assert process.wait(timeout=30) == 0
    while "Enregistré".encode() not in seen:
        try:
            seen += os.read(master, 4096)
        except OSError:
            break
    os.close(master)
    assert "Enregistré\u00a0: PAR-2 QT1 = 6 pour 2026".encode() in seen


def test_decimal_comma_for_people_only(plan: Path) -> None:
    """37,5 in French tables and CSV, 37.5 in English; json keeps the number."""
    assert run("fr", "record", "IAD-1", "QT3", "37,5 %", "--year", "2025", "--by", "C",
               "--plan", str(plan))[0] == 0
    french = run("fr", "history", "IAD-1", "--format", "csv", "--plan", str(plan))[1]
    english = run("en", "history", "IAD-1", "--format", "csv", "--plan", str(plan))[1]
    as_json = run("fr", "history", "IAD-1", "--format", "json", "--plan", str(plan))[1]
    assert french.splitlines()[1].startswith("IAD-1;QT3;2025;37,5;C;")
    assert english.splitlines()[1].startswith("IAD-1;QT3;2025;37.5;C;")
    assert '"value": 37.5' in as_json
