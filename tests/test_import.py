"""`ctg import`: the adopted table becomes a plan that `ctg check` accepts, nothing lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from ctgplan.cli import app
from ctgplan.fold import fold
from ctgplan.importing import ImportResult, import_table
from ctgplan.importing.cells import clean
from ctgplan.model import Plan
from ctgplan.reading import load_plan
from ctgplan.tables import read_table
from tests.conftest import ROOT, SHIPPED_PLAN

SOURCE = ROOT / "data" / "source" / "plan-2025-2028.tsv"
runner = CliRunner()


def scalars(data: Any) -> set[str]:
    """Every scalar of a loaded YAML document, as text."""
    if isinstance(data, dict):
        return set().union(*(scalars(v) for v in data.values()), {str(k) for k in data})
    if isinstance(data, list):
        return set().union(set(), *(scalars(v) for v in data))
    return {str(data)}


def assert_nothing_lost(path: Path, result: ImportResult) -> None:
    """Every non-empty cell of the source is a value of the plan or has a report entry."""
    table = read_table(path)
    values = scalars(yaml.safe_load(result.yaml))
    refs = {(e.sheet, e.row, e.col) for e in result.entries}
    spreadsheet = table.format not in ("csv", "tsv")
    lost = []
    for sheet in table.sheets:
        name = sheet.name if spreadsheet else ""
        for r, row in enumerate(sheet.rows):
            for c, text in enumerate(row):
                if text.strip() and clean(text) not in values and (name, r + 1, c + 1) \
                        not in refs:
                    lost.append((name, r + 1, c + 1, text))
    assert lost == []


def imported_plan(result: ImportResult, tmp_path: Path) -> Plan:
    """The imported plan, loaded and validated by the project's own loader, without error."""
    path = tmp_path / "data" / "plan.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(result.yaml, encoding="utf-8")
    loaded = load_plan(path)
    assert [p for p in loaded.errors] == []
    assert loaded.plan is not None
    return loaded.plan


@pytest.fixture(scope="module")
def shipped() -> Plan:
    """The hand-transcribed plan shipped in data/plan.yaml."""
    loaded = load_plan(SHIPPED_PLAN)
    assert loaded.plan is not None
    return loaded.plan


@pytest.fixture(scope="module")
def source_result() -> ImportResult:
    """The import of the shipped adopted table."""
    return import_table(SOURCE)


def spellings(plan: Plan, partner_id: str) -> set[str]:
    """The folded name and aliases of a partner."""
    partner = plan.partner(partner_id)
    assert partner is not None
    return {fold(n) for n in [partner.name, *partner.aliases]}


def test_round_trip_themes_in_order(source_result: ImportResult, shipped: Plan,
                                    tmp_path: Path) -> None:
    """The shipped table gives the shipped plan's 9 themes, in the document's order."""
    plan = imported_plan(source_result, tmp_path)
    assert [t.label for t in plan.themes] == [t.label for t in shipped.themes]


def test_round_trip_actions(source_result: ImportResult, shipped: Plan, tmp_path: Path) -> None:
    """The 19 actions have the shipped texts, themes, leads, partners, indicators, calendars."""
    plan = imported_plan(source_result, tmp_path)
    assert len(plan.actions) == len(shipped.actions) == 19
    for mine, theirs in zip(plan.actions, shipped.actions, strict=True):
        assert mine.id.split("-")[1] == theirs.id.split("-")[1]  # PAR-2; theme codes differ
        assert (mine.action, mine.levers) == (theirs.action, theirs.levers)
        mine_theme, their_theme = plan.theme(mine.theme), shipped.theme(theirs.theme)
        assert mine_theme is not None and their_theme is not None
        assert mine_theme.label == their_theme.label
        need, their_need = plan.need(mine.need), shipped.need(theirs.need)
        assert need is not None and their_need is not None and need.text == their_need.text
        objective = plan.objective(mine.objective)
        their_objective = shipped.objective(theirs.objective)
        assert objective is not None and their_objective is not None
        assert objective.text == their_objective.text
        assert spellings(plan, mine.lead) & spellings(shipped, theirs.lead), theirs.id
        assert len(mine.partners) == len(theirs.partners), theirs.id
        for a, b in zip(mine.partners, theirs.partners, strict=True):
            assert spellings(plan, a) & spellings(shipped, b), (theirs.id, a, b)
        assert [(i.id, i.kind, i.unit, i.label) for i in mine.indicators] == \
            [(i.id, i.kind, i.unit, i.label) for i in theirs.indicators], theirs.id
        assert mine.calendar == theirs.calendar


def test_round_trip_partners_and_aliases(source_result: ImportResult, shipped: Plan,
                                         tmp_path: Path) -> None:
    """The 22 partners are the shipped ones; every spelling of the table is a name or alias."""
    plan = imported_plan(source_result, tmp_path)
    assert len(plan.partners) == len(shipped.partners) == 22
    for partner in plan.partners:
        assert any(spellings(plan, partner.id) & spellings(shipped, p.id)
                   for p in shipped.partners), partner.name


def test_round_trip_plan_info(source_result: ImportResult, tmp_path: Path) -> None:
    """Title, period and adoption date come from the title block above the header."""
    plan = imported_plan(source_result, tmp_path)
    assert plan.plan.title == "PLAN D'ACTIONS CTG 2025-2028"
    assert str(plan.plan.period) == "2025-2028"
    assert plan.plan.adopted.isoformat() == "2025-11-24"
    assert plan.plan.territory == "CCGM"


def test_source_nothing_lost(source_result: ImportResult) -> None:
    """Every cell of the shipped table is in the plan or in the report."""
    assert_nothing_lost(SOURCE, source_result)
    assert source_result.of_kind("dropped") == []


def test_report_lists_merges_and_calendars(source_result: ImportResult) -> None:
    """Partner merges and calendars read from words are in the report, with their cell."""
    lines = {f"{e.ref} {e.kind} {e.message}" for e in source_result.entries}
    assert "E31 guess partner merged: 'CAFY' is 'CAF'" in lines
    assert "H28 kept-as calendar '2025 à 2028' read as 2025-2028" in lines
    assert "A7 kept-as adoption date read as 2025-11-24" in lines
    assert ("E28 guess partner merged: 'Services Affaires Sociales' is 'Service Affaires "
            "Sociales'; 'PMI Département' is 'Département PMI'") in lines


def test_output_is_deterministic(tmp_path: Path) -> None:
    """The same table gives the same bytes, whatever its file name or line endings."""
    crlf = tmp_path / "copie.tsv"
    crlf.write_bytes(SOURCE.read_bytes().replace(b"\n", b"\r\n"))
    first = import_table(SOURCE, source_name="plan.tsv").yaml
    assert import_table(SOURCE, source_name="plan.tsv").yaml == first
    assert import_table(crlf, source_name="plan.tsv").yaml == first


def test_cli_writes_the_plan_and_refuses_to_overwrite(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """`ctg import` writes data/plan.yaml, then refuses to replace it without --force."""
    monkeypatch.chdir(tmp_path)
    done = runner.invoke(app, ["import", str(SOURCE)])
    assert done.exit_code == 0, done.stderr
    written = (tmp_path / "data" / "plan.yaml").read_bytes()
    assert written == import_table(SOURCE).yaml.encode("utf-8")
    assert done.stdout.splitlines()[:3] == [
        f"Read {SOURCE} (TSV, UTF-8): 19 actions, 9 themes, 22 partners, 9 needs, "
        "10 objectives, 62 indicators",
        "Wrote data/plan.yaml",
        "Guesses to review (14):",
    ]
    again = runner.invoke(app, ["import", str(SOURCE)])
    assert again.exit_code == 1
    assert again.stderr == ("ctg: error: data/plan.yaml already exists: nothing was written; "
                            "run again with --force to replace it, or choose another file "
                            "with -o\n")
    forced = runner.invoke(app, ["import", str(SOURCE), "--force", "--report", "r.md"])
    assert forced.exit_code == 0
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Import report\n")
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0
    assert checked.stdout.startswith("data/plan.yaml: OK (0 errors, 0 warnings)")


def test_cli_dry_run_prints_the_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--dry-run prints the plan on stdout and writes nothing."""
    monkeypatch.chdir(tmp_path)
    done = runner.invoke(app, ["import", str(SOURCE), "--dry-run"])
    assert done.exit_code == 0
    assert done.stdout == import_table(SOURCE).yaml
    assert not (tmp_path / "data").exists()


def test_cli_bad_table(tmp_path: Path) -> None:
    """A table without a header row is refused with a message that says what is expected."""
    table = tmp_path / "notes.csv"
    table.write_text("Réunion du 12 mars;CAF\nÀ revoir;2026\n", encoding="utf-8")
    done = runner.invoke(app, ["import", str(table), "-o", str(tmp_path / "plan.yaml")])
    assert done.exit_code == 1
    assert done.stderr == (
        f"ctg: error: {table}: no header row found: the table needs a row naming its "
        "columns, with at least an action column (Action, Intitulé, Fiche action) and two "
        "others (Pilote, Partenaires, Indicateurs, Calendrier...); name a column with --map "
        "'Header=action'\n")
    assert not (tmp_path / "plan.yaml").exists()


def test_cli_bad_map(tmp_path: Path) -> None:
    """--map with an unknown field is a usage error (exit 2)."""
    done = runner.invoke(app, ["import", str(SOURCE), "--map", "Statut=etat", "-o",
                               str(tmp_path / "p.yaml")])
    assert done.exit_code == 2
    assert "unknown field 'etat'" in done.stderr


def test_readme_import_output_is_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's `ctg import` example prints exactly what the README shows."""
    from tests.test_readme import console_block

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CTG_LANG", "fr")  # the README shows what a French user sees
    (tmp_path / SOURCE.name).write_bytes(SOURCE.read_bytes())
    command = "ctg import plan-2025-2028.tsv --report rapport-import.md"
    done = runner.invoke(app, command.split()[1:])
    assert done.exit_code == 0
    assert done.stdout + done.stderr == console_block(command)


def test_readme_import_values_output_is_real(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's `ctg import-values` examples print exactly what the README shows."""
    import shlex

    from ctgplan import record_input
    from tests.test_readme import console_block

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(record_input, "now_utc", lambda: "2026-11-29T15:49:02Z")
    monkeypatch.delenv("CTG_PLAN", raising=False)
    monkeypatch.setenv("CTG_LANG", "fr")  # the README shows what a French user sees
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plan.yaml").write_bytes(SHIPPED_PLAN.read_bytes())
    (tmp_path / "valeurs-2026.csv").write_text(
        "Action;Indicateur;Année;Valeur;Source;Commentaire\n"
        "PAR-2;QT1;2026;4;feuilles d'émargement;\n"
        "PAR-2;QT2;2026;57;;séance du 12/12 comprise\n"
        "IAD-1;QT3;2025;37,5 %;enquête habitants;\n", encoding="utf-8")
    (tmp_path / "complements.csv").write_text(
        "Action;Indicateur;Année;Valeur\nPAR-2;QT1;2026;5\nPAR-9;QT1;2026;4\n"
        "PAR-2;QT2;2026;une vingtaine\nIAD-2;QT1;2026;12\n", encoding="utf-8")
    for command, code in (('ctg import-values valeurs-2026.csv --by "Camille Martin"', 0),
                          ("ctg import-values complements.csv", 1)):
        done = runner.invoke(app, shlex.split(command)[1:])
        assert done.exit_code == code
        assert done.stdout + done.stderr == console_block(command)


def test_schema_line_for_editors() -> None:
    """`schema=` puts the yaml-language-server line first, as in the shipped plan."""
    text = import_table(SOURCE, schema="../schema/plan.schema.json").yaml
    assert text.startswith("# yaml-language-server: $schema=../schema/plan.schema.json\n#\n"
                           "# Action plan imported by `ctg import` from plan-2025-2028.tsv.\n")
