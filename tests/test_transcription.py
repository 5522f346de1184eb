"""data/plan.yaml against the adopted table in data/source: the transcription cannot drift."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from ctgplan.model import Action, Kind, Plan, json_schema
from ctgplan.reading import load_plan
from tests.conftest import ROOT, SHIPPED_PLAN

SOURCE = ROOT / "data" / "source" / "plan-2025-2028.tsv"
SEPARATORS = re.compile(r"^(?:[\s,\-]|\bet\b)*$")


def source_rows() -> list[tuple[str, list[str]]]:
    """The adopted table's action rows, each with the theme header above it."""
    with SOURCE.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t") if len(row) == 8]
    theme = ""
    actions: list[tuple[str, list[str]]] = []
    for row in rows[1:]:  # rows[0] is the header
        if row[0] and not any(row[1:]):
            theme = row[0]
        else:
            actions.append((theme, row))
    return actions


def source_themes() -> list[str]:
    """The theme header rows, in the document's order."""
    with SOURCE.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t") if len(row) == 8]
    return [row[0] for row in rows[1:] if row[0] and not any(row[1:])]


@pytest.fixture(scope="module")
def plan() -> Plan:
    """The shipped plan, validated."""
    result = load_plan(SHIPPED_PLAN)
    assert result.plan is not None, result.problems
    return result.plan


def covered(cell: str, names: list[str], *, ignore_case: bool) -> tuple[str, list[int]]:
    """Remove each name from the cell; return what is left and where each name stood."""
    rest = cell
    positions = []
    for name in names:
        haystack, needle = (rest.casefold(), name.casefold()) if ignore_case else (rest, name)
        at = haystack.find(needle)
        assert at >= 0, f"{name!r} is not in {cell!r}"
        positions.append(at)
        rest = rest[:at] + " " * len(name) + rest[at + len(name):]
    return rest, positions


def partner_spellings(plan: Plan, partner_id: str, cell: str) -> str:
    """The spelling of a partner (name or alias) that the cell uses, longest first."""
    partner = plan.partner(partner_id)
    assert partner is not None
    for name in sorted([partner.name, *partner.aliases], key=len, reverse=True):
        if name.casefold() in cell.casefold():
            return name
    raise AssertionError(f"no spelling of {partner_id!r} in {cell!r}")


def test_themes_are_the_documents_in_order(plan: Plan) -> None:
    """The 9 themes, including those without action, in the document's order."""
    assert [t.label for t in plan.themes] == source_themes()
    assert len(plan.themes) == 9


def test_one_action_per_row_in_order(plan: Plan) -> None:
    """19 actions, one per row of the table, under the theme of their section."""
    rows = source_rows()
    assert len(plan.actions) == len(rows) == 19
    for action, (theme, _row) in zip(plan.actions, rows, strict=True):
        found = plan.theme(action.theme)
        assert found is not None and found.label == theme, action.id


@pytest.mark.parametrize("index", range(19))
def test_action_texts_are_verbatim(plan: Plan, index: int) -> None:
    """Need, objective, action and levers are the adopted wording, word for word."""
    action = plan.actions[index]
    _theme, row = source_rows()[index]
    need, objective = plan.need(action.need), plan.objective(action.objective)
    assert need is not None and need.text == row[0].strip()
    assert objective is not None and objective.text == row[1].strip()
    assert action.action == row[2].strip()
    assert action.levers == (row[3].strip() or None)


@pytest.mark.parametrize("index", range(19))
def test_partners_cover_the_cell(plan: Plan, index: int) -> None:
    """Lead and partners account for every name in the cell; the lead is named first."""
    action: Action = plan.actions[index]
    cell = source_rows()[index][1][4]
    ids = [action.lead, *action.partners]
    names = [partner_spellings(plan, pid, cell) for pid in ids]
    rest, positions = covered(cell, names, ignore_case=True)
    assert SEPARATORS.match(rest), f"{action.id}: {rest.strip()!r} is not transcribed"
    assert positions[0] == min(positions), f"{action.id}: the lead is not named first"
    assert positions == sorted(positions), f"{action.id}: partners not in the cell's order"


@pytest.mark.parametrize("index", range(19))
def test_indicators_are_the_cells_split(plan: Plan, index: int) -> None:
    """Each indicator cell is exactly its indicators' labels, in order, plus separators."""
    action = plan.actions[index]
    row = source_rows()[index][1]
    for kind, cell in ((Kind.QUANTITATIVE, row[5]), (Kind.QUALITATIVE, row[6])):
        labels = [i.label for i in action.indicators if i.kind is kind]
        assert labels, f"{action.id} has no {kind.value} indicator"
        rest, positions = covered(cell, labels, ignore_case=False)
        assert SEPARATORS.match(rest), f"{action.id}: {rest.strip()!r} is not transcribed"
        assert positions == sorted(positions)


@pytest.mark.parametrize("index", range(19))
def test_calendar_matches(plan: Plan, index: int) -> None:
    """"2026" is 2026-2026 and "2026 à 2028" is 2026-2028."""
    action = plan.actions[index]
    years = [int(y) for y in re.findall(r"\d{4}", source_rows()[index][1][7])]
    assert (action.calendar.start, action.calendar.end) == (years[0], years[-1])


def test_plan_metadata(plan: Plan) -> None:
    """Territory, adoption date and period as adopted."""
    assert plan.plan.territory == "CCGM"
    assert plan.plan.adopted.isoformat() == "2025-11-24"
    assert str(plan.plan.period) == "2025-2028"


def test_committed_json_schema_is_in_sync() -> None:
    """schema/plan.schema.json is what `ctg schema` prints (regenerate it if this fails)."""
    committed = json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema()


def test_plan_modeline_points_at_the_schema() -> None:
    """The plan's first line tells yaml-language-server where the schema is."""
    first = SHIPPED_PLAN.read_text(encoding="utf-8").splitlines()[0]
    target = first.split("$schema=")[1]
    assert (SHIPPED_PLAN.parent / target).resolve() == (ROOT / "schema" / "plan.schema.json")


def test_schema_validates_the_shipped_plan_with_jsonschema() -> None:
    """The JSON Schema accepts the shipped plan, as an editor would check it."""
    import jsonschema
    import yaml

    data = yaml.safe_load(Path(SHIPPED_PLAN).read_text(encoding="utf-8"))
    data["plan"]["adopted"] = data["plan"]["adopted"].isoformat()
    jsonschema.validate(data, json_schema())


def test_the_package_ships_the_same_schema() -> None:
    """The schema inside the package (what `ctg schema` prints) is this repository's copy."""
    from ctgplan.newrepo import schema_text

    assert json.loads(schema_text()) == json_schema()
    assert (ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8") == schema_text()
