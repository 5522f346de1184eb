"""The history of recorded values: which value is in force, what a listing keeps.

Pure functions over records (read by ``reading.load_records``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ctgplan.sidecar import Record


def current(records: Iterable[Record]) -> set[int]:
    """The ``id()`` of the records in force: the last one of each action, indicator, period."""
    last: dict[tuple[str, str, str], Record] = {}
    for r in records:
        last[(r.action, r.indicator, str(r.period))] = r
    return {id(r) for r in last.values()}


class Entry(NamedTuple):
    """One recorded value in the history, with whether it is still in force."""

    record: Record
    current: bool

    @property
    def status(self) -> str:
        """``current`` or ``replaced`` (a stable word of the json and csv outputs)."""
        return "current" if self.current else "replaced"


def entries(records: Sequence[Record], *, indicator: str | None = None,
            years: Iterable[int] = ()) -> list[Entry]:
    """The records of ``indicator`` (case ignored) in ``years`` (all when empty), oldest first."""
    wanted = set(years)
    kept = [r for r in records
            if (indicator is None or r.indicator.casefold() == indicator.casefold())
            and (not wanted or r.year in wanted)]
    in_force = current(kept)
    return [Entry(r, id(r) in in_force) for r in kept]
