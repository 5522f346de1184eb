"""`ctg import` on tables laid out as territories lay them out (tests/imports/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctgplan.importing import ImportResult, import_table
from ctgplan.model import Kind, Plan
from tests.conftest import ROOT
from tests.test_import import assert_nothing_lost, imported_plan

FIXTURES = ROOT / "tests" / "imports"
TABLES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".xlsx", ".ods", ".csv",
                                                                     ".tsv"))


def load(name: str, tmp_path: Path) -> tuple[ImportResult, Plan]:
    """Import a fixture; the plan must load without error."""
    result = import_table(FIXTURES / name)
    return result, imported_plan(result, tmp_path)


def messages(result: ImportResult) -> list[str]:
    """The report, one `REF kind message` line per entry."""
    return [f"{e.ref} {e.kind} {e.message}" for e in result.entries]


def test_every_layout_has_a_fixture() -> None:
    """Six tables: XLSX (3), ODS, CSV, TSV."""
    assert TABLES == ["coeur-yvelines.ods", "haut-jura.xlsx", "pays-du-bocage.csv",
                      "plaine.tsv", "terres-de-saone.xlsx", "val-de-loire.xlsx"]


@pytest.mark.parametrize("name", TABLES)
def test_fixture_imports_without_error_and_loses_nothing(name: str, tmp_path: Path) -> None:
    """Each table gives a valid plan; each non-empty cell is in the plan or the report."""
    result, plan = load(name, tmp_path)
    assert plan.actions
    assert_nothing_lost(FIXTURES / name, result)


@pytest.mark.parametrize("name", TABLES)
def test_fixture_output_is_deterministic(name: str) -> None:
    """The same table gives the same bytes."""
    assert import_table(FIXTURES / name).yaml == import_table(FIXTURES / name).yaml


def test_title_block_numbering_and_merged_theme(tmp_path: Path) -> None:
    """XLSX: title block, reordered headers, own numbers as ids, theme cells merged down."""
    result, plan = load("val-de-loire.xlsx", tmp_path)
    assert plan.plan.title == "Plan d'actions de la Convention Territoriale Globale 2024-2027"
    assert plan.plan.territory == "Communauté de communes du Val de Loire"
    assert (plan.plan.adopted.isoformat(), str(plan.plan.period)) == ("2024-03-14",
                                                                      "2024-2027")
    assert [a.id for a in plan.actions] == ["1.1", "1.2", "2.1", "2.2", "3.1"]
    assert [t.label for t in plan.themes] == ["Petite enfance", "Jeunesse", "Accès aux droits"]
    assert [a.theme for a in plan.actions] == ["PE", "PE", "JEU", "JEU", "AD"]
    assert [str(a.calendar) for a in plan.actions] == ["2024-2027", "2025", "2025",
                                                       "2024-2027", "2024-2026"]
    first = plan.actions[0]
    assert [(i.id, i.unit, i.label) for i in first.indicators] == [
        ("QT1", "count", "Nombre de permanences par an"),
        ("QT2", "percent", "Taux de participation des assistantes maternelles"),
        ("QL1", None, "Satisfaction des professionnelles")]
    lines = messages(result)
    assert "Plan d'actions!H7 guess calendar '2025-09-01' read as 2025" in lines
    assert "Plan d'actions!H8 guess calendar 'S2 2025' read as 2025" in lines
    assert ("Plan d'actions!H9 guess calendar 'Tout au long de la CTG' read as 2024-2027"
            in lines)
    assert ("Plan d'actions!J5 dropped column 'Statut' is not part of the plan: its cells "
            "are not imported") in lines
    assert "Plan d'actions!J6 dropped 'En cours': column not part of the plan" in lines
    need = plan.need(plan.actions[3].need)
    assert need is not None and need.text == ("Des jeunes de 16-25 ans qui ne connaissent "
                                              "pas leurs droits")


def test_three_levels_and_labelled_people(tmp_path: Path) -> None:
    """ODS: axe and enjeu title rows; `Pilote :` / `Partenaires :` lines in one cell."""
    result, plan = load("coeur-yvelines.ods", tmp_path)
    assert [t.label for t in plan.themes] == ["Axe 1 : Soutenir la parentalité",
                                              "Axe 2 : Animation de la vie sociale"]
    assert [n.text for n in plan.needs] == [
        "Enjeu 1.1 : Des parents isolés face aux difficultés éducatives",
        "Enjeu 1.2 : Des séparations qui fragilisent les enfants",
        "Enjeu 2.1 : Un manque de lieux de rencontre entre habitants"]
    assert [a.need for a in plan.actions] == ["parents-isoles-face-difficultes",
                                              "parents-isoles-face-difficultes",
                                              "separations-fragilisent-enfants",
                                              "manque-lieux-rencontre-habitants"]
    laep = plan.actions[0]
    lead = plan.partner(laep.lead)
    assert lead is not None and lead.name == "Centre social Les Tilleuls"
    assert laep.partners == ["caf", "pmi", "ville-saint-aubin"]
    assert plan.actions[1].partners == ["education-nationale", "associations-parents-eleves"]
    assert [str(a.calendar) for a in plan.actions] == ["2025", "2025-2027", "2026", "2026"]
    assert plan.plan.territory == "Agglomération Cœur d'Yvelines"
    assert "CTG!F12 guess calendar '1er trimestre 2026' read as 2026" in messages(result)


def test_windows_csv_with_grouped_theme(tmp_path: Path) -> None:
    """CSV in Windows-1252 with `;`: accents right, theme given on a group's first row."""
    result, plan = load("pays-du-bocage.csv", tmp_path)
    assert (result.format, result.encoding) == ("csv", "cp1252")
    assert [a.theme for a in plan.actions] == ["LOG", "LOG", "HAN", "HAN"]
    assert [(i.unit, i.label) for i in plan.actions[0].indicators] == [
        ("count", "Nombre de logements créés"), ("percent", "Taux d'occupation")]
    assert plan.actions[0].action == ("Créer une résidence d'hébergement temporaire pour les "
                                      "jeunes en alternance")
    assert plan.actions[2].levers == "Partenariat avec l'association \"Répit 50\""
    assert [str(a.calendar) for a in plan.actions] == ["2026", "2025-2028", "2025-2026",
                                                       "2025-2027"]
    assert [(i.kind, i.label) for i in plan.actions[1].indicators] == [
        (Kind.QUANTITATIVE, "Nombre de jeunes reçus"),
        (Kind.QUALITATIVE, "Satisfaction des jeunes")]
    assert ("C4 dropped general objective \"Faciliter l'accès au logement des jeunes\": the "
            "plan keeps one need and one objective per action, not imported"
            ) in messages(result)


def test_sheet_per_theme_with_cover_and_summary(tmp_path: Path) -> None:
    """XLSX: one sheet per theme, cover read for the plan, summary reported, two header rows."""
    result, plan = load("terres-de-saone.xlsx", tmp_path)
    assert plan.plan.title == "Convention Territoriale Globale 2025-2028"
    assert plan.plan.territory == "Communauté de communes Terres de Saône"
    assert plan.plan.adopted.isoformat() == "2025-02-03"
    assert [t.label for t in plan.themes] == [
        "Axe 1 – Petite enfance", "Axe 2 – Jeunesse",
        "Axe 3 – Accès aux droits et inclusion numérique"]
    assert [a.id for a in plan.actions] == ["1.1", "1.2", "2.1", "3.1"]
    assert [[(i.id, i.label) for i in a.indicators] for a in plan.actions[:2]] == [
        [("QT1", "Nombre de MAM ouvertes"), ("QL1", "Satisfaction des assistantes maternelles")],
        [("QT1", "Nombre de guides diffusés"), ("QL1", "Avis des familles")]]
    lead = plan.partner(plan.actions[0].lead)
    assert lead is not None and lead.name == "Référente petite enfance de la CC"
    lines = messages(result)
    assert "Sommaire!A2 dropped 'Petite enfance': outside the table of actions, not imported" \
        in lines
    assert "Petite enfance!A4 kept-as column 'N° de fiche' read as id" not in lines
    assert ("Petite enfance!H4 kept-as column \"Indicateurs d'évaluation Qualitatifs\" read as "
            "qualitative") in lines


def test_bom_tsv_every_row_theme_two_people_columns(tmp_path: Path) -> None:
    """TSV with BOM: theme on every row, lead and partners in two columns, period guessed."""
    result, plan = load("plaine.tsv", tmp_path)
    assert (result.format, result.encoding) == ("tsv", "utf-8-sig")
    assert [t.label for t in plan.themes] == ["Parentalité", "Animation de la vie sociale"]
    assert str(plan.plan.period) == "2025-2027"
    first, second = plan.actions[0], plan.actions[1]
    assert first.lead == second.lead == "service-jeunesse-sport"
    partner = plan.partner(first.lead)
    assert partner is not None and partner.aliases == ["Services Jeunesse et Sports"]
    assert second.partners == ["caf", "associations-familiales"]
    lines = messages(result)
    assert ("F3 guess several leads: 'Services Jeunesse et Sports' leads, 'CAF' listed as "
            "partners") in lines
    assert "E2 dropped \"Parents d'adolescents\": column not part of the plan" in lines
    assert [i.unit for i in plan.actions[2].indicators] == ["milestone", "count"]


def test_action_merged_over_two_rows(tmp_path: Path) -> None:
    """XLSX: an action merged over two rows takes the indicator of each row."""
    result, plan = load("haut-jura.xlsx", tmp_path)
    assert [a.action for a in plan.actions] == [
        "Déployer des rendez-vous des droits", "Organiser un forum annuel des solidarités",
        "Mettre en place une commission de prévention"]
    first = plan.actions[0]
    assert [(i.id, i.unit, i.label) for i in first.indicators] == [
        ("QT1", "count", "Nombre de RDV des droits"),
        ("QT2", "percent", "Taux de droits ouverts")]
    assert (first.lead, first.partners) == ("caf", ["ccas", "france-services"])
    assert [a.theme for a in plan.actions] == ["AD", "AD", "LOG"]
    assert plan.actions[1].partners == ["associations-caritatives", "secours-populaire"]
    assert str(plan.actions[1].calendar) == "2025-2029"
    assert plan.plan.territory == "Communauté de communes du Haut-Jura"
    lines = messages(result)
    assert ("CTG 2025-2029!E4 guess 'Taux de droits ouverts': row without action text, added "
            "to the action of row 3") in lines
    assert "CTG 2025-2029!F5 guess calendar 'Chaque année' read as 2025-2029" in lines
    assert ("CTG 2025-2029!row 3 guess no need for this action: set to 'To be completed'; "
            "complete it in the plan") in lines


def test_fixtures_are_what_the_script_makes(tmp_path: Path) -> None:
    """tests/imports/make_fixtures.py regenerates the committed tables byte for byte."""
    from tests.imports.make_fixtures import FIXTURES as MAKERS

    assert sorted(MAKERS) == TABLES
    for name, write in MAKERS.items():
        write(tmp_path / name)
        assert (tmp_path / name).read_bytes() == (FIXTURES / name).read_bytes(), name


def test_map_overrides_a_column(tmp_path: Path) -> None:
    """`--map 'Public=levers'` reads a column the importer does not know as levers."""
    from typer.testing import CliRunner

    from ctgplan.cli import app

    out = tmp_path / "plan.yaml"
    done = CliRunner().invoke(app, ["import", str(FIXTURES / "plaine.tsv"), "-o", str(out),
                                    "--map", "public=levers"])
    assert done.exit_code == 0, done.stderr
    assert "    levers: Parents d'adolescents\n" in out.read_text(encoding="utf-8")
    assert "Not imported (0):\n" in done.stdout


def test_one_sheet_of_several(tmp_path: Path) -> None:
    """`--sheet` reads one sheet; its heading above the table is the theme, as a guess."""
    result = import_table(FIXTURES / "terres-de-saone.xlsx", sheet="Jeunesse")
    plan = imported_plan(result, tmp_path)
    assert [t.label for t in plan.themes] == ["Axe 2 – Jeunesse"]
    assert [a.id for a in plan.actions] == ["2.1"]
    assert ("Jeunesse!A1 guess heading 'Axe 2 – Jeunesse' above the table read as the theme "
            "of its actions") in messages(result)
