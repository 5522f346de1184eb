"""Shell completion of action ids, themes and partners (never breaks the shell)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ctgplan.model import Plan


def _plan_for_completion() -> Plan | None:
    try:
        from ctgplan.plan_path import find_plan
        from ctgplan.reading import load_plan

        return load_plan(find_plan(None)).plan
    except Exception:  # completion must never break the shell
        return None


def _complete(kind: str, incomplete: str) -> list[tuple[str, str]]:
    from ctgplan import query
    from ctgplan.fold import fold

    plan = _plan_for_completion()
    if plan is None:
        return []
    makers = {"theme": query.theme_choices, "partner": query.partner_choices,
              "action": query.action_choices}
    key = fold(incomplete)
    return [(c.id, c.label[:60]) for c in makers[kind](plan)
            if fold(c.id).startswith(key) or key in fold(c.label)]


def complete_theme(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of theme ids."""
    return _complete("theme", incomplete)


def complete_partner(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of partner ids."""
    return _complete("partner", incomplete)


def complete_action(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of action ids."""
    return _complete("action", incomplete)
