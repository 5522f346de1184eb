"""Finding actions: resolving what people type, filtering, and plain records for output.

Matching ignores case, accents and apostrophe styles. A value is looked up by
id, label, name or alias; an unambiguous fragment is accepted; an ambiguous or
unknown one is refused with the candidates or a suggestion.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ctgplan.fold import fold
from ctgplan.i18n import N_, _
from ctgplan.model import Action, Indicator, Plan
from ctgplan.problems import CtgError


@dataclass(frozen=True)
class Choice:
    """One value that can be typed: its id and every way of writing it."""

    id: str
    label: str
    spellings: tuple[str, ...]


def resolve(what: str, option: str, typed: str, choices: Sequence[Choice]) -> str:
    """The id of the one choice that ``typed`` designates, else a CtgError saying why."""
    key = fold(typed)
    if not key:
        raise CtgError(_("{option} needs a value").format(option=option))
    exact = [c for c in choices if key in {fold(s) for s in (c.id, *c.spellings)}]
    if len(exact) == 1:
        return exact[0].id
    partial = exact or [c for c in choices
                        if any(key in fold(s) for s in (c.id, *c.spellings))]
    if len(partial) == 1:
        return partial[0].id
    if partial:
        listed = ", ".join(f"{c.id} ({c.label})" for c in partial)
        raise CtgError(_(_SEVERAL[what]).format(option=option, typed=typed, listed=listed))
    spellings = {fold(s): c for c in choices for s in (c.id, *c.spellings)}
    close = difflib.get_close_matches(key, list(spellings), n=1, cutoff=0.6)
    hint = _("did you mean {id!r} ({label})? ").format(
        id=spellings[close[0]].id, label=spellings[close[0]].label) if close else ""
    valid = ", ".join(c.id for c in choices)
    raise CtgError(_(_UNKNOWN[what]).format(option=option, typed=typed, hint=hint, valid=valid))


_SEVERAL = {
    "theme": N_("{option} {typed!r} matches several themes: {listed}; type more of the name, "
                "or the id"),
    "partner": N_("{option} {typed!r} matches several partners: {listed}; type more of the "
                  "name, or the id"),
    "need": N_("{option} {typed!r} matches several needs: {listed}; type more of the name, "
               "or the id"),
    "objective": N_("{option} {typed!r} matches several objectives: {listed}; type more of "
                    "the name, or the id"),
}
_UNKNOWN = {
    "theme": N_("{option} {typed!r} is not a known theme: {hint}valid values: {valid}"),
    "partner": N_("{option} {typed!r} is not a known partner: {hint}valid values: {valid}"),
    "need": N_("{option} {typed!r} is not a known need: {hint}valid values: {valid}"),
    "objective": N_("{option} {typed!r} is not a known objective: {hint}valid values: "
                    "{valid}"),
}


def theme_choices(plan: Plan) -> list[Choice]:
    """Themes, typed by id or label."""
    return [Choice(t.id, t.label, (t.label,)) for t in plan.themes]


def partner_choices(plan: Plan) -> list[Choice]:
    """Partners, typed by id, name or any alias."""
    return [Choice(p.id, p.name, (p.name, *p.aliases)) for p in plan.partners]


def need_choices(plan: Plan) -> list[Choice]:
    """Needs, typed by id or words of their text."""
    return [Choice(n.id, n.text, (n.text,)) for n in plan.needs]


def objective_choices(plan: Plan) -> list[Choice]:
    """Objectives, typed by id or words of their text."""
    return [Choice(o.id, o.text, (o.text,)) for o in plan.objectives]


def action_choices(plan: Plan) -> list[Choice]:
    """Actions, typed by id (PAR-2, par-2)."""
    return [Choice(a.id, a.action, ()) for a in plan.actions]


def find_action(plan: Plan, typed: str) -> Action:
    """The action with that id (case ignored), else a CtgError with a suggestion."""
    key = fold(typed)
    for action in plan.actions:
        if fold(action.id) == key:
            return action
    ids = {fold(a.id): a.id for a in plan.actions}
    close = difflib.get_close_matches(key, list(ids), n=1, cutoff=0.5)
    hint = _(" did you mean {id}?").format(id=ids[close[0]]) if close else ""
    raise CtgError(_("no action {typed!r} in the plan:{hint} `ctg list` shows every action"
                     ).format(typed=typed, hint=hint))


def find_indicator(action: Action, typed: str) -> Indicator:
    """The indicator of ``action`` with that id (case ignored), else a CtgError."""
    key = fold(typed)
    for indicator in action.indicators:
        if fold(indicator.id) == key:
            return indicator
    valid = ", ".join(f"{i.id} ({i.label})" for i in action.indicators) or _("none")
    raise CtgError(_("action {action} has no indicator {typed!r}: its indicators are {valid}"
                     ).format(action=action.id, typed=typed, valid=valid))


@dataclass(frozen=True)
class Filters:
    """What to keep. Values of one filter are alternatives (OR); filters combine with AND."""

    themes: frozenset[str] = frozenset()
    partners: frozenset[str] = frozenset()
    leads: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    objectives: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    searches: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    def keeps(self, plan: Plan, action: Action) -> bool:
        """True when ``action`` passes every filter."""
        if self.themes and action.theme not in self.themes:
            return False
        if self.partners and not self.partners & {action.lead, *action.partners}:
            return False
        if self.leads and action.lead not in self.leads:
            return False
        if self.needs and action.need not in self.needs:
            return False
        if self.objectives and action.objective not in self.objectives:
            return False
        if self.years and not any(action.calendar.covers(y) for y in self.years):
            return False
        if self.searches:
            haystack = searchable_text(plan, action)
            if not any(all(word in haystack for word in words) for words in self.searches):
                return False
        return True


def searchable_text(plan: Plan, action: Action) -> str:
    """Every text of an action, folded, for --search."""
    need, objective = plan.need(action.need), plan.objective(action.objective)
    parts: list[str] = [action.id, action.action, action.levers or ""]
    parts += [need.text if need else "", objective.text if objective else ""]
    parts += [i.label for i in action.indicators]
    for partner_id in (action.lead, *action.partners):
        partner = plan.partner(partner_id)
        if partner is not None:
            parts += [partner.name, *partner.aliases]
    return fold(" \n ".join(parts))


def make_filters(plan: Plan, *, themes: Iterable[str] = (), partners: Iterable[str] = (),
                 leads: Iterable[str] = (), needs: Iterable[str] = (),
                 objectives: Iterable[str] = (), years: Iterable[int] = (),
                 searches: Iterable[str] = ()) -> Filters:
    """Resolve what the user typed into ids; raise CtgError on an unknown or ambiguous value."""
    period = plan.plan.period
    for year in years:
        if not period.covers(year):
            raise CtgError(_("--year {year} is outside the plan period {period}").format(
                year=year, period=period))
    return Filters(
        themes=frozenset(resolve("theme", "--theme", t, theme_choices(plan)) for t in themes),
        partners=frozenset(resolve("partner", "--partner", p, partner_choices(plan))
                           for p in partners),
        leads=frozenset(resolve("partner", "--lead", p, partner_choices(plan)) for p in leads),
        needs=frozenset(resolve("need", "--need", n, need_choices(plan)) for n in needs),
        objectives=frozenset(resolve("objective", "--objective", o, objective_choices(plan))
                             for o in objectives),
        years=frozenset(years),
        searches=tuple(tuple(fold(s).split()) for s in searches if fold(s)),
    )


def select(plan: Plan, filters: Filters) -> list[Action]:
    """The actions that pass the filters, in the plan's order."""
    return [a for a in plan.actions if filters.keeps(plan, a)]


def action_record(plan: Plan, action: Action) -> dict[str, Any]:
    """A plain, JSON-ready description of an action (the json output contract)."""
    theme = plan.theme(action.theme)
    need, objective = plan.need(action.need), plan.objective(action.objective)

    def partner(pid: str) -> dict[str, str]:
        found = plan.partner(pid)
        return {"id": pid, "name": found.name if found else pid}

    return {
        "id": action.id,
        "theme": {"id": action.theme, "label": theme.label if theme else action.theme},
        "action": action.action,
        "need": {"id": action.need, "text": need.text if need else ""},
        "objective": {"id": action.objective, "text": objective.text if objective else ""},
        "levers": action.levers,
        "lead": partner(action.lead),
        "partners": [partner(p) for p in action.partners],
        "calendar": {"start": action.calendar.start, "end": action.calendar.end},
        "indicators": [indicator_record(i) for i in action.indicators],
    }


def indicator_record(indicator: Indicator) -> dict[str, Any]:
    """A plain description of an indicator."""
    return {
        "id": indicator.id,
        "kind": indicator.kind.value,
        "label": indicator.label,
        "unit": indicator.unit.value if indicator.unit else None,
        "scale": indicator.scale.model_dump() if indicator.scale else None,
        "frequency": indicator.frequency.value,
        "baseline": indicator.baseline.model_dump() if indicator.baseline else None,
        "direction": indicator.direction.value if indicator.direction else None,
        "targets": {str(y): v for y, v in sorted(indicator.targets.items())},
    }


def theme_counts(plan: Plan) -> list[tuple[str, str, int]]:
    """(id, label, number of actions) per theme, in the plan's order."""
    return [(t.id, t.label, sum(1 for a in plan.actions if a.theme == t.id))
            for t in plan.themes]


def partner_counts(plan: Plan) -> list[tuple[str, str, int, int]]:
    """(id, name, actions led, actions associated) per partner."""
    return [(p.id, p.name, sum(1 for a in plan.actions if a.lead == p.id),
             sum(1 for a in plan.actions if p.id in a.partners)) for p in plan.partners]
