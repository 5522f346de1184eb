"""Rules on the plan's numbers and lists: they fit their meaning (one function each).

A target or a baseline fits the indicator's unit (a count is whole and 0 or more, a
percentage lies from 0 to 100, a milestone is oui/non, every number is finite), the
same check ``ctg record`` applies to a value; a partner is listed once per action.
``RULES`` lists them; ``plan_load`` runs them after ``plan_rules.RULES``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ctgplan.i18n import _
from ctgplan.model import Kind, Unit
from ctgplan.plan_rules import Context, Rule
from ctgplan.problems import Level, Problem


def target_units(ctx: Context) -> Iterator[Problem]:
    """Targets and baselines fit the unit of their indicator."""
    for index, action in ctx.actions:
        for position, indicator in enumerate(action.indicators):
            if indicator.baseline is None and not indicator.targets:
                continue
            from ctgplan import units  # only for a plan with targets (start-up of ctg list)

            loc = ctx.indicator_loc(index, position)
            unit = indicator.unit or Unit.NUMBER
            numbers: list[tuple[tuple[str | int, ...], float]] = [
                (("baseline", "value"), indicator.baseline.value)] if indicator.baseline else []
            numbers += [(("targets", year), value) for year, value in indicator.targets.items()]
            for where, value in numbers:
                if indicator.kind is Kind.QUALITATIVE:
                    error = (None if math.isfinite(value) else _("{value} is not a finite "
                             "number").format(value=value)) if indicator.scale else (
                        units.check_share(value, _("a survey's share satisfied")))
                    expected = _("a share satisfied from 0 to 100, or a score on its scale")
                else:
                    error = units.check_quantity(unit, value)
                    expected = units.EXPECTED[unit]
                if error:
                    yield ctx.at((*loc, *where), Level.ERROR, "bad-value", _(
                        "{where} of {indicator} ({unit}) must be {expected}: {error}").format(
                            where=" ".join(str(w) for w in where), indicator=indicator.id,
                            unit=indicator.unit.value if indicator.unit else "survey",
                            expected=expected, error=error))


def partners_once(ctx: Context) -> Iterator[Problem]:
    """A partner is listed once in an action's partners."""
    for index, action in ctx.actions:
        seen: set[str] = set()
        for position, partner in enumerate(action.partners):
            if partner in seen:
                yield ctx.at(("actions", index, "partners", position), Level.ERROR,
                             "duplicate-partner", _(
                                 "partner '{partner}' is listed twice in action {action}: "
                                 "remove this one").format(partner=partner, action=action.id))
            seen.add(partner)


RULES: tuple[Rule, ...] = (
    target_units,
    partners_once,
)
"""The rules on numbers and lists, in the order they run."""
