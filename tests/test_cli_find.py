"""`ctg list`, `show`, `themes`, `partners`, `indicators` on the shipped plan."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ctgplan.cli import app
from ctgplan.cli.completion import complete_partner, complete_theme
from ctgplan.reading import load_plan
from tests.conftest import MINIMAL_PLAN, SHIPPED_PLAN

Write = Callable[..., Path]
runner = CliRunner()
PLAN = ["--plan", str(SHIPPED_PLAN)]


def ids(*args: str) -> list[str]:
    """The action ids that `ctg list ARGS --format json` prints."""
    result = runner.invoke(app, ["list", *args, "--format", "json", *PLAN])
    assert result.exit_code == 0, result.stderr
    return [a["id"] for a in json.loads(result.stdout)]


@pytest.mark.parametrize("typed", ["PARENTALITE", "parentalite", "PARENTALITÉ", "Parentalité",
                                   "PAR", "parental"])
def test_theme_matches_as_people_type(typed: str) -> None:
    """Case, accents, id or an unambiguous fragment all find the three PARENTALITE actions."""
    assert ids("--theme", typed) == ["PAR-1", "PAR-2", "PAR-3"]


def test_theme_fragment() -> None:
    """`--theme numerique` is the one INCLUSION NUMERIQUE theme."""
    assert ids("--theme", "numerique") == ["NUM-1"]


def test_year_includes_ranges() -> None:
    """--year 2027 includes the actions whose calendar range covers 2027."""
    assert ids("--year", "2027") == ["PAR-3", "IAD-6", "AVS-2", "AVS-3", "AVS-4", "AVS-5",
                                     "LOG-1"]


@pytest.mark.parametrize("typed", ["caf", "CAF", "CAFY", "cafy"])
def test_partner_by_alias_finds_every_spelling(typed: str) -> None:
    """CAF and its alias CAFY designate the same partner, lead or associated."""
    assert ids("--partner", typed) == ["EJ-2", "HAN-1", "IAD-5", "IAD-6", "AVS-2", "AVS-3"]


def test_partner_alias_with_other_spelling() -> None:
    """'Service Jeunesse et Sport' (an alias) is the same partner as its full name."""
    assert ids("--partner", "Service Jeunesse et Sport") == ids(
        "--partner", "service jeunesse et sports")


def test_repeated_option_is_or_and_different_options_are_and() -> None:
    """--theme A --theme B is either; adding --year narrows down."""
    assert ids("--theme", "PAR", "--theme", "NUM") == ["PAR-1", "PAR-2", "PAR-3", "NUM-1"]
    assert ids("--theme", "PAR", "--year", "2027") == ["PAR-3"]


def test_lead_only() -> None:
    """--lead keeps the actions a partner leads, not those it is associated with."""
    assert ids("--lead", "ccgm") == ["IAD-1", "IAD-2"]
    assert ids("--lead", "jeunesse-sports") == ["EJ-1", "EJ-2", "PAR-2"]


def test_search_words_anywhere() -> None:
    """--search finds words in any text of the action (need included), accents ignored."""
    assert ids("--search", "violences") == ["AVS-4", "AVS-5", "LOG-1"]
    assert ids("--search", "guichet unique") == ["IAD-4"]
    assert ids("--search", "REUNIONS thematiques") == ["PAR-2"]


def test_objective_and_need_filters() -> None:
    """--objective and --need take an id or words of the text."""
    assert ids("--objective", "aller-vers") == ["HAN-1", "IAD-6", "AVS-3"]
    assert ids("--need", "non-recours") == ["HAN-1"]


def test_ambiguous_value_is_refused_with_candidates() -> None:
    """A fragment matching two themes is refused, listing both, exit 1."""
    result = runner.invoke(app, ["list", "--theme", "enfance", *PLAN])
    assert result.exit_code == 1
    assert result.stderr == ("ctg: error: --theme 'enfance' matches several themes: "
                             "PE (PETITE ENFANCE), EJ (ENFANCE/ JEUNESSE); type more of the "
                             "name, or the id\n")


def test_unknown_value_is_refused_with_suggestion() -> None:
    """An unknown theme gets a did-you-mean and the valid values, exit 1."""
    result = runner.invoke(app, ["list", "--theme", "parentalitee", *PLAN])
    assert result.exit_code == 1
    assert result.stderr == ("ctg: error: --theme 'parentalitee' is not a known theme: did you "
                             "mean 'PAR' (PARENTALITE)? valid values: PE, EJ, HAN, PAR, IAD, "
                             "AVS, NUM, VRL, LOG\n")


def test_year_outside_the_period_is_refused() -> None:
    """--year 2031 is outside 2025-2028: refused, exit 1."""
    result = runner.invoke(app, ["list", "--year", "2031", *PLAN])
    assert result.exit_code == 1
    assert result.stderr == "ctg: error: --year 2031 is outside the plan period 2025-2028\n"


def test_empty_result_says_so_and_exits_0() -> None:
    """No match is not an error."""
    result = runner.invoke(app, ["list", "--theme", "PE", *PLAN])
    assert result.exit_code == 0
    assert result.stdout == "No action matches these filters.\n"
    assert ids("--theme", "PE") == []


def test_table_is_plain_when_piped() -> None:
    """The table has no escape codes when not on a terminal, and wraps the action text."""
    result = runner.invoke(app, ["list", "--theme", "PARENTALITE", *PLAN])
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "Theme", "Action", "Lead", "Years"]
    assert [line.split()[0] for line in lines[1:] if line.startswith("PAR-")] == [
        "PAR-1", "PAR-2", "PAR-3"]


def test_csv_opens_in_excel() -> None:
    """CSV: BOM, ';' separators, CRLF rows, accents intact."""
    result = runner.invoke(app, ["list", "--theme", "PAR", "--format", "csv", *PLAN])
    out = result.stdout_bytes.decode("utf-8")
    assert out.startswith("\ufeffID;Theme;Action;Lead;Years\r\n")
    assert ("PAR-2;PARENTALITE;Organiser des réunions thématiques sur la parentalité pour "
            "soutenir les parents avec enfant, de tout âge;Service Jeunesse et Sports;2026\r\n"
            ) in out


def test_markdown_table() -> None:
    """Markdown pastes into a merge request."""
    result = runner.invoke(app, ["list", "--theme", "LOG", "--format", "markdown", *PLAN])
    assert result.stdout == (
        "| ID | Theme | Action | Lead | Years |\n|---|---|---|---|---|\n"
        "| LOG-1 | LOGEMENT | Identifier un Référent dédié au logement temporaire | "
        "Service Affaires Sociales | 2027 |\n")


def test_json_contract() -> None:
    """The JSON record of an action has the documented keys."""
    result = runner.invoke(app, ["list", "--theme", "LOG", "--format", "json", *PLAN])
    [record] = json.loads(result.stdout)
    assert list(record) == ["id", "theme", "action", "need", "objective", "levers", "lead",
                            "partners", "calendar", "indicators"]
    assert record["calendar"] == {"start": 2027, "end": 2027}
    assert record["lead"] == {"id": "affaires-sociales", "name": "Service Affaires Sociales"}


def test_show_prints_everything_about_an_action() -> None:
    """`ctg show par-2` (case ignored) prints texts, partners and indicators."""
    result = runner.invoke(app, ["show", "par-2", *PLAN])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "PAR-2  PARENTALITE"
    assert "Lead          Service Jeunesse et Sports (jeunesse-sports)" in lines
    assert "  QT1   Nombre de réunions [quantitative, count]" in lines
    assert "        no baseline; no target; latest no value recorded" in lines


def test_show_json() -> None:
    """`ctg show --format json` includes each indicator's latest value and progress."""
    result = runner.invoke(app, ["show", "PAR-2", "--format", "json", *PLAN])
    record = json.loads(result.stdout)
    assert record["indicators"][0]["latest"] is None
    assert record["indicators"][0]["progress"] is None


def test_show_unknown_action_suggests() -> None:
    """An unknown id is refused with the closest one."""
    result = runner.invoke(app, ["show", "PAR-9", *PLAN])
    assert result.exit_code == 1
    assert result.stderr == ("ctg: error: no action 'PAR-9' in the plan: did you mean PAR-3? "
                             "`ctg list` shows every action\n")


def test_themes_counts() -> None:
    """`ctg themes` counts the actions of each theme, empty ones included."""
    result = runner.invoke(app, ["themes", "--format", "json", *PLAN])
    counts = {t["id"]: t["actions"] for t in json.loads(result.stdout)}
    assert counts == {"PE": 0, "EJ": 2, "HAN": 1, "PAR": 3, "IAD": 6, "AVS": 5, "NUM": 1,
                      "VRL": 0, "LOG": 1}


def test_partners_counts() -> None:
    """`ctg partners` counts actions led and associated."""
    result = runner.invoke(app, ["partners", "--format", "json", *PLAN])
    rows = {p["id"]: (p["lead"], p["associated"]) for p in json.loads(result.stdout)}
    assert rows["affaires-sociales"] == (13, 0)
    assert rows["jeunesse-sports"] == (3, 8)
    assert rows["caf"] == (0, 6)


def test_indicators_of_a_theme() -> None:
    """`ctg indicators --theme` lists the indicators to collect."""
    result = runner.invoke(app, ["indicators", "--theme", "LOG", "--format", "csv", *PLAN])
    assert result.stdout_bytes.decode("utf-8") == (
        "\ufeffAction;ID;Kind;Unit;Indicator;Baseline;Targets\r\n"
        "LOG-1;QT1;quantitative;milestone;Création du référent;;\r\n"
        "LOG-1;QL1;qualitative;;Perception des usagers;;\r\n")


def test_plan_with_errors_is_refused_in_one_line(write: Write) -> None:
    """Commands refuse a plan with errors, pointing at `ctg check`."""
    path = write(MINIMAL_PLAN.replace("lead: sas", "lead: nobody"))
    result = runner.invoke(app, ["list", "--plan", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"ctg: error: {path}:25:11: partner 'nobody' is not declared under 'partners': "
        "declare it there or fix the id; the plan has 1 error: run `ctg check` to see them "
        "all\n")


def test_plan_with_warnings_only_still_works(write: Write) -> None:
    """Warnings do not stop the commands."""
    path = write(MINIMAL_PLAN.replace("name: Service Affaires Sociales", "name: CAFs"))
    result = runner.invoke(app, ["list", "--plan", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert [a["id"] for a in json.loads(result.stdout)] == ["PAR-1"]


def test_completion_of_themes_and_partners(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shell completion offers theme and partner ids from the plan."""
    monkeypatch.setenv("CTG_PLAN", str(SHIPPED_PLAN))
    assert [c for c, _help in complete_theme("par")] == ["PAR"]
    assert [c for c, _help in complete_partner("caf")] == ["caf"]


THEMES = ["PE", "EJ", "HAN", "PAR", "IAD", "AVS", "NUM", "VRL", "LOG"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(THEMES), min_size=1, max_size=3),
       st.lists(st.integers(2025, 2028), min_size=1, max_size=2))
def test_filter_algebra(themes: list[str], years: list[int]) -> None:
    """OR within an option is the union; AND across options is the intersection."""
    from ctgplan import query

    plan = load_plan(SHIPPED_PLAN).plan
    assert plan is not None

    def pick(**kwargs: list[str] | list[int]) -> set[str]:
        return {a.id for a in query.select(plan, query.make_filters(plan, **kwargs))}  # type: ignore[arg-type]

    union = set().union(*(pick(themes=[t]) for t in themes))
    assert pick(themes=themes) == union
    assert pick(themes=themes, years=years) == union & pick(years=years)


def test_colour_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """FORCE_COLOR gives a coloured table; NO_COLOR wins over it."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = runner.invoke(app, ["list", "--theme", "LOG", *PLAN]).stdout
    assert "\x1b[" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    plain = runner.invoke(app, ["list", "--theme", "LOG", *PLAN]).stdout
    assert "\x1b[" not in plain
    assert "LOG-1" in plain
