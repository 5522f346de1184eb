"""Rules that relate several records of a plan, one small function each.

Every rule takes a ``Context`` and yields problems; ``RULES`` lists them in the
order they run. Adding a rule is one function and one line in ``RULES``. A
``Context`` is built from a parsed document and a plan (``Context.of_plan``), or
field by field for a plan that failed the schema, so a rule can be called alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ctgplan.fold import fold, signature
from ctgplan.i18n import N_, _, number
from ctgplan.model import Action, Direction, Need, Objective, Partner, Plan, Theme, YearSpan
from ctgplan.problems import Level, Problem
from ctgplan.yamldoc import Document, Loc


@dataclass
class Context:
    """What the rules see: the records that passed the schema, with their place in the file.

    ``declared`` holds every id written in each section, valid or not, so that a
    reference to a record that has its own schema error is not reported twice.
    """

    doc: Document
    period: YearSpan | None = None
    themes: list[tuple[int, Theme]] = field(default_factory=list)
    partners: list[tuple[int, Partner]] = field(default_factory=list)
    needs: list[tuple[int, Need]] = field(default_factory=list)
    objectives: list[tuple[int, Objective]] = field(default_factory=list)
    actions: list[tuple[int, Action]] = field(default_factory=list)
    declared: dict[str, set[str]] = field(default_factory=dict)
    raw_actions: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    """Every action as written (mappings only), for the rules that need no schema."""
    indicator_positions: dict[int, list[int]] = field(default_factory=dict)
    """For an action kept without its invalid indicators: where the others stand."""
    complete: bool = True
    """False when some records failed the schema: rules about absence then stay quiet."""

    @classmethod
    def of_plan(cls, doc: Document, plan: Plan) -> Context:
        """The context of a plan that passed the schema, read from ``doc``."""
        ctx = cls(doc, plan.plan.period, raw_actions=raw_actions(doc.data))
        for section in SECTIONS:
            items = getattr(plan, section)
            setattr(ctx, section, list(enumerate(items)))
            ctx.declared[section] = {item.id for item in items}
        return ctx

    def at(self, loc: Loc, level: Level, code: str, message: str) -> Problem:
        """A problem located at ``loc``."""
        return self.doc.problem(loc, level, code, message)

    def indicator_loc(self, action_index: int, position: int) -> Loc:
        """Where the ``position``-th indicator of the validated action stands in the file."""
        positions = self.indicator_positions.get(action_index)
        return ("actions", action_index, "indicators",
                positions[position] if positions else position)


Rule = Callable[[Context], Iterator[Problem]]
SECTIONS = ("themes", "partners", "needs", "objectives", "actions")


def raw_actions(data: object) -> list[tuple[int, dict[str, Any]]]:
    """Every action of the plan's data as written (mappings only), with its index."""
    actions = data.get("actions") if isinstance(data, dict) else None
    return [(i, a) for i, a in enumerate(actions if isinstance(actions, list) else [])
            if isinstance(a, dict)]


def duplicate_ids(ctx: Context) -> Iterator[Problem]:
    """Ids are unique within a section (ignoring case: they name files on Windows too)."""
    for section in SECTIONS:
        seen: dict[str, str] = {}
        for index, item in getattr(ctx, section):
            key = item.id.casefold()
            if key in seen:
                yield ctx.at((section, index, "id"), Level.ERROR, "duplicate-id",
                             _(_DUPLICATE[section]).format(id=item.id, other=seen[key]))
            else:
                seen[key] = item.id
    for index, action in ctx.actions:
        seen = {}
        for position, indicator in enumerate(action.indicators):
            key = indicator.id.casefold()
            if key in seen:
                yield ctx.at((*ctx.indicator_loc(index, position), "id"), Level.ERROR,
                             "duplicate-id",
                             _("indicator id {id!r} appears twice in action {action}: give "
                               "each indicator its own id").format(id=indicator.id,
                                                                    action=action.id))
            seen[key] = indicator.id


def _reference(ctx: Context, loc: Loc, section: str, value: object, what: str
               ) -> Iterator[Problem]:
    declared = ctx.declared.get(section, set())
    if not isinstance(value, str) or value in declared:
        return  # a value of the wrong type is the schema's to report
    if section == "partners":
        owner = next((p.id for _i, p in ctx.partners
                      if fold(value) in {fold(n) for n in (p.name, *p.aliases)}), None)
        if owner is not None:
            yield ctx.at(loc, Level.ERROR, "unknown-partner",
                         _("{value!r} is a name of partner {owner!r}, not its id: write "
                           "{owner}").format(value=value, owner=owner))
            return
    yield ctx.at(loc, Level.ERROR, f"unknown-{what}",
                 _(_UNDECLARED[section]).format(value=value, hint=_closest(value, declared)))


def _closest(value: str, candidates: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value, sorted(candidates), n=1, cutoff=0.6)
    return _(" did you mean {close!r}?").format(close=close[0]) if close else ""


def references(ctx: Context) -> Iterator[Problem]:
    """Every theme, need, objective and partner an action names is declared.

    Checked on the actions as written, so that an action with a schema error
    elsewhere still has its references checked.
    """
    for index, action in ctx.raw_actions:
        for key, section in (("theme", "themes"), ("need", "needs"),
                             ("objective", "objectives"), ("lead", "partners")):
            yield from _reference(ctx, ("actions", index, key), section, action.get(key),
                                  section[:-1] if key != "lead" else "partner")
        partners = action.get("partners")
        for position, partner in enumerate(partners if isinstance(partners, list) else []):
            yield from _reference(ctx, ("actions", index, "partners", position), "partners",
                                  partner, "partner")


def _span_problems(ctx: Context, loc: Loc, span: YearSpan, what: str) -> Iterator[Problem]:
    if span.start > span.end:
        reversed_ = (N_("period {start}-{end} ends before it starts: write {end}-{start}")
                     if what == "period" else
                     N_("calendar {start}-{end} ends before it starts: write {end}-{start}"))
        yield ctx.at(loc, Level.ERROR, "year-range-reversed",
                     _(reversed_).format(start=span.start, end=span.end))
        return
    period = ctx.period
    if period is not None and what != "period" and (
            span.start < period.start or span.end > period.end):
        yield ctx.at(loc, Level.ERROR, "year-out-of-range",
                     _("calendar {span} is outside the plan period {period}: "
                       "change the years or the plan period").format(span=span, period=period))


def years(ctx: Context) -> Iterator[Problem]:
    """Ranges run forwards; calendars, baselines and targets lie in the plan period."""
    if ctx.period is not None:
        yield from _span_problems(ctx, ("plan", "period"), ctx.period, "period")
    period = ctx.period
    for index, action in ctx.actions:
        yield from _span_problems(ctx, ("actions", index, "calendar"), action.calendar,
                                  "calendar")
        if period is None:
            continue
        for position, indicator in enumerate(action.indicators):
            loc = ctx.indicator_loc(index, position)
            if indicator.baseline and indicator.baseline.year > period.end:
                yield ctx.at((*loc, "baseline", "year"), Level.ERROR, "year-out-of-range",
                             _("baseline year {year} is after the plan period {period}: a "
                               "baseline is measured at the start").format(
                                   year=indicator.baseline.year, period=period))
            for year in indicator.targets:
                if not period.covers(year):
                    yield ctx.at((*loc, "targets", year), Level.ERROR, "year-out-of-range",
                                 _("target year {year} is outside the plan period {period}"
                                   ).format(year=year, period=period))


def partner_names(ctx: Context) -> Iterator[Problem]:
    """A name or alias designates one partner; near-identical names are flagged."""
    owners: dict[str, str] = {}
    signatures: dict[str, str] = {}
    for index, partner in ctx.partners:
        names = [partner.name, *partner.aliases]
        similar: str | None = None
        for position, name in enumerate(names):
            loc: Loc = ("partners", index, "name") if position == 0 else (
                "partners", index, "aliases", position - 1)
            owner = owners.setdefault(fold(name), partner.id)
            if owner != partner.id:
                yield ctx.at(loc, Level.ERROR, "ambiguous-alias",
                             _("{name!r} already names partner {owner!r}: a spelling may "
                               "designate one partner only; merge the two or remove it"
                               ).format(name=name, owner=owner))
                continue
            other = signatures.setdefault(signature(name), partner.id)
            if other != partner.id and similar is None:
                similar = other
                yield ctx.at(loc, Level.WARNING, "similar-partners",
                             _("partner {id!r} ({name!r}) looks like partner {other!r}: if "
                               "they are the same, keep one and add this spelling to its "
                               "aliases").format(id=partner.id, name=name, other=other))


def indicators(ctx: Context) -> Iterator[Problem]:
    """Every action has an indicator; targets agree with their direction and baseline."""
    for index, action in ctx.actions:
        if not action.indicators and index not in ctx.indicator_positions:
            yield ctx.at(("actions", index, "id"), Level.WARNING, "no-indicator",
                         _("action {id} has no indicator: its progress cannot be "
                           "evaluated; add at least one under 'indicators'").format(id=action.id))
        for position, indicator in enumerate(action.indicators):
            base = indicator.baseline
            if base is None or indicator.direction is None:
                continue
            for year, target in indicator.targets.items():
                wrong = (indicator.direction is Direction.INCREASE and target < base.value) or (
                    indicator.direction is Direction.DECREASE and target > base.value)
                if wrong:
                    yield ctx.at((*ctx.indicator_loc(index, position), "targets", year),
                                 Level.WARNING, "target-direction",
                                 _("target {target} for {year} goes against the direction "
                                   "'{direction}' from baseline {baseline}").format(
                                       target=number(target, None), year=year,
                                       direction=indicator.direction.value,
                                       baseline=number(base.value, None)))


def usage(ctx: Context) -> Iterator[Problem]:
    """The lead is not also an associate; declared partners, needs and objectives are used."""
    used: dict[str, set[str]] = {"partners": set(), "needs": set(), "objectives": set()}
    for index, action in ctx.actions:
        used["partners"].update([action.lead, *action.partners])
        used["needs"].add(action.need)
        used["objectives"].add(action.objective)
        if action.lead in action.partners:
            yield ctx.at(("actions", index, "partners", action.partners.index(action.lead)),
                         Level.WARNING, "lead-also-partner",
                         _("{lead!r} leads action {id} and is also listed as "
                           "an associated partner: remove it from 'partners'").format(
                               lead=action.lead, id=action.id))
    if not ctx.complete:
        return
    for section, ids in used.items():
        items: list[tuple[int, Any]] = getattr(ctx, section)
        for index, item in items:
            if item.id not in ids:
                yield ctx.at((section, index, "id"), Level.WARNING, f"unused-{section[:-1]}",
                             _(_UNUSED[section]).format(id=item.id))


_DUPLICATE = {
    "themes": N_("theme id {id!r} is already used by {other!r}: give each theme its own id"),
    "partners": N_("partner id {id!r} is already used by {other!r}: give each partner its own "
                   "id"),
    "needs": N_("need id {id!r} is already used by {other!r}: give each need its own id"),
    "objectives": N_("objective id {id!r} is already used by {other!r}: give each objective "
                     "its own id"),
    "actions": N_("action id {id!r} is already used by {other!r}: give each action its own "
                  "id"),
}
_UNDECLARED = {
    "themes": N_("theme {value!r} is not declared under 'themes':{hint} declare it there or "
                 "fix the id"),
    "needs": N_("need {value!r} is not declared under 'needs':{hint} declare it there or fix "
                "the id"),
    "objectives": N_("objective {value!r} is not declared under 'objectives':{hint} declare "
                     "it there or fix the id"),
    "partners": N_("partner {value!r} is not declared under 'partners':{hint} declare it "
                   "there or fix the id"),
}
_UNUSED = {
    "partners": N_("partner {id!r} is declared but no action uses it: remove it or reference "
                   "it from an action"),
    "needs": N_("need {id!r} is declared but no action uses it: remove it or reference it "
                "from an action"),
    "objectives": N_("objective {id!r} is declared but no action uses it: remove it or "
                     "reference it from an action"),
}


RULES: tuple[Rule, ...] = (
    duplicate_ids,
    references,
    years,
    partner_names,
    indicators,
    usage,
)
"""The cross-record rules, in the order they run."""


def run(ctx: Context) -> list[Problem]:
    """Run every rule and return all the problems found."""
    return [problem for rule in RULES for problem in rule(ctx)]
