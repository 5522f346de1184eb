"""Which status is in force: the last one written for each action and year (pure)."""

from __future__ import annotations

from collections.abc import Iterable

from ctgplan.model import Action
from ctgplan.status_file import NONE, StatusRecord, resolve


def current(records: Iterable[StatusRecord]) -> dict[tuple[str, int], StatusRecord]:
    """The status in force of each (action, year): the last record written for it."""
    last: dict[tuple[str, int], StatusRecord] = {}
    for record in records:
        last[(record.action, record.year)] = record
    return last


def latest(statuses: dict[tuple[str, int], StatusRecord], action_id: str,
           year: int | None = None) -> StatusRecord | None:
    """The action's status for ``year``, or of its latest year with a status."""
    if year is not None:
        return statuses.get((action_id, year))
    years = [y for (a, y) in statuses if a == action_id]
    return statuses[(action_id, max(years))] if years else None


def history(statuses: dict[tuple[str, int], StatusRecord], action: Action
            ) -> list[StatusRecord]:
    """The statuses in force of ``action``, one per year, oldest year first."""
    return [statuses[key] for key in sorted(statuses) if key[0] == action.id]


def keep(statuses: dict[tuple[str, int], StatusRecord], actions: list[Action],
         typed: Iterable[str], years: Iterable[int]) -> list[Action]:
    """The actions whose status is one of ``typed`` (OR): the status of the year when one
    year is given, else the latest one; ``none`` keeps the actions without a status."""
    wanted = {resolve(t, allow_none=True) for t in typed}
    chosen = list(years)
    year = chosen[0] if len(chosen) == 1 else None
    kept = []
    for action in actions:
        record = latest(statuses, action.id, year)
        if (record.status if record is not None else NONE) in wanted:
            kept.append(action)
    return kept
