"""Each plan rule called alone on a small plan: the exact problems it yields."""

from __future__ import annotations

import textwrap

from ctgplan import plan_rules
from ctgplan.model import Plan
from ctgplan.plan_rules import Context, Rule
from ctgplan.yamldoc import parse

HEAD = """\
plan: {title: T, territory: X, adopted: 2025-11-24, period: 2025-2028}
themes: [{id: PAR, label: Parentalité}]
"""
"""Two lines every test plan starts with (the plan period is 2025-2028)."""

Found = list[tuple[int, int, str, str, str]]


def context(text: str) -> Context:
    """The context of a plan that passes the schema, built without the loader."""
    doc = parse(HEAD + textwrap.dedent(text), "plan.yaml")
    assert doc.problems == []
    return Context.of_plan(doc, Plan.model_validate(doc.data))


def found(rule: Rule, ctx: Context) -> Found:
    """``(line, col, level, code, message)`` of each problem the rule yields."""
    return [(p.line, p.col, p.level.value, p.code, p.message) for p in rule(ctx)]


CLEAN = """\
partners: [{id: caf, name: CAF}, {id: mairie, name: Mairie}]
needs: [{id: n1, text: Besoin}]
objectives: [{id: o1, text: Objectif}]
actions:
  - id: A-1
    theme: PAR
    need: n1
    objective: o1
    action: Faire
    lead: caf
    partners: [mairie]
    indicators: [{id: QT1, kind: quantitative, unit: count, label: Nombre}]
    calendar: 2026
"""


def test_a_clean_plan_passes_every_rule() -> None:
    """No rule reports anything on a plan without a fault."""
    ctx = context(CLEAN)
    assert [(rule.__name__, found(rule, ctx)) for rule in plan_rules.RULES] == [
        (rule.__name__, []) for rule in plan_rules.RULES]


def test_duplicate_ids_ignore_case_in_sections_and_indicators() -> None:
    """A second id equal but for case is reported at the second one, in sections and actions."""
    ctx = context(CLEAN.replace("{id: mairie, name: Mairie}", "{id: CAF, name: Caisse}").replace(
        "[{id: QT1, kind: quantitative, unit: count, label: Nombre}]",
        "[{id: QT1, kind: quantitative, unit: count, label: Nombre},"
        " {id: qt1, kind: quantitative, unit: count, label: Autre}]"))
    assert found(plan_rules.duplicate_ids, ctx) == [
        (3, 39, "error", "duplicate-id",
         "partner id 'CAF' is already used by 'caf': give each partner its own id"),
        (14, 82, "error", "duplicate-id",
         "indicator id 'qt1' appears twice in action A-1: give each indicator its own id")]


def test_references_suggest_the_closest_id_or_the_partner_a_name_designates() -> None:
    """Unknown ids get a suggestion; a partner's name written as its id says which id."""
    ctx = context(CLEAN.replace("theme: PAR\n", "theme: PAT\n").replace(
        "partners: [mairie]", "partners: [Mairie]").replace("lead: caf", "lead: cafx"))
    assert found(plan_rules.references, ctx) == [
        (8, 12, "error", "unknown-theme",
         "theme 'PAT' is not declared under 'themes': did you mean 'PAR'? declare it there "
         "or fix the id"),
        (12, 11, "error", "unknown-partner",
         "partner 'cafx' is not declared under 'partners': did you mean 'caf'? declare it "
         "there or fix the id"),
        (13, 16, "error", "unknown-partner",
         "'Mairie' is a name of partner 'mairie', not its id: write mairie")]


def test_references_are_checked_on_actions_that_fail_the_schema() -> None:
    """With only the raw actions (no valid one), the references are still checked."""
    doc = parse(HEAD + "actions:\n  - {id: A-1, theme: XX, calendar: never}\n", "plan.yaml")
    ctx = Context(doc, complete=False, raw_actions=plan_rules.raw_actions(doc.data))
    ctx.declared["themes"] = {"PAR"}
    assert found(plan_rules.references, ctx) == [
        (4, 22, "error", "unknown-theme",
         "theme 'XX' is not declared under 'themes': declare it there or fix the id")]


def test_years_out_of_the_period_and_reversed() -> None:
    """Calendars, baseline years and target years lie in the plan period, ranges run forwards."""
    ctx = context(CLEAN.replace("calendar: 2026", "calendar: 2028-2026").replace(
        "label: Nombre}", "label: Nombre, baseline: {value: 1, year: 2030}, "
        "direction: increase, targets: {2024: 3}}"))
    assert found(plan_rules.years, ctx) == [
        (15, 15, "error", "year-range-reversed",
         "calendar 2028-2026 ends before it starts: write 2026-2028"),
        (14, 103, "error", "year-out-of-range",
         "baseline year 2030 is after the plan period 2025-2028: a baseline is measured at "
         "the start"),
        (14, 147, "error", "year-out-of-range",
         "target year 2024 is outside the plan period 2025-2028")]


def test_a_calendar_past_the_period() -> None:
    """A calendar that ends after the plan period is out of range."""
    ctx = context(CLEAN.replace("calendar: 2026", "calendar: 2027-2029"))
    assert found(plan_rules.years, ctx) == [
        (15, 15, "error", "year-out-of-range",
         "calendar 2027-2029 is outside the plan period 2025-2028: change the years or the "
         "plan period")]


def test_partner_names_ambiguous_alias_and_near_duplicates() -> None:
    """One spelling for two partners is an error; two near-identical names a warning."""
    ctx = context(CLEAN.replace(
        "partners: [{id: caf, name: CAF}, {id: mairie, name: Mairie}]",
        "partners:\n"
        "  - {id: caf, name: CAF, aliases: [Caisse]}\n"
        "  - {id: mairie, name: Mairie, aliases: [caisse]}\n"
        "  - {id: mairies, name: Mairies}"))
    assert found(plan_rules.partner_names, ctx) == [
        (5, 42, "error", "ambiguous-alias",
         "'caisse' already names partner 'caf': a spelling may designate one partner only; "
         "merge the two or remove it"),
        (6, 25, "warning", "similar-partners",
         "partner 'mairies' ('Mairies') looks like partner 'mairie': if they are the same, "
         "keep one and add this spelling to its aliases")]


def test_indicators_missing_and_targets_against_their_direction() -> None:
    """An action without indicator is flagged; a target below the baseline of an increase too."""
    ctx = context(CLEAN.replace("label: Nombre}", "label: Nombre, baseline: {value: 10, "
                                "year: 2025}, direction: increase, targets: {2027: 5}}")
                  + "  - {id: A-2, theme: PAR, need: n1, objective: o1, action: Autre, "
                  "lead: caf, calendar: 2027}\n")
    assert found(plan_rules.indicators, ctx) == [
        (14, 148, "warning", "target-direction",
         "target 5 for 2027 goes against the direction 'increase' from baseline 10"),
        (16, 10, "warning", "no-indicator",
         "action A-2 has no indicator: its progress cannot be evaluated; add at least one "
         "under 'indicators'")]


def test_usage_lead_also_partner_and_unused_declarations() -> None:
    """A lead listed as partner, and declared partners, needs, objectives no action uses."""
    ctx = context(CLEAN.replace("partners: [mairie]", "partners: [caf]").replace(
        "needs: [{id: n1, text: Besoin}]", "needs: [{id: n1, text: Besoin}, {id: n2, text: B}]"))
    assert found(plan_rules.usage, ctx) == [
        (13, 16, "warning", "lead-also-partner",
         "'caf' leads action A-1 and is also listed as an associated partner: remove it "
         "from 'partners'"),
        (3, 39, "warning", "unused-partner",
         "partner 'mairie' is declared but no action uses it: remove it or reference it "
         "from an action"),
        (4, 38, "warning", "unused-need",
         "need 'n2' is declared but no action uses it: remove it or reference it from an "
         "action")]


def test_usage_stays_quiet_about_absence_when_the_plan_is_incomplete() -> None:
    """When some records failed the schema, "unused" could be wrong: it is not reported."""
    ctx = context(CLEAN.replace("partners: [mairie]", "partners: []"))
    assert [p.code for p in plan_rules.usage(ctx)] == ["unused-partner"]
    ctx.complete = False
    assert list(plan_rules.usage(ctx)) == []
