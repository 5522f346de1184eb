"""The history of recorded values: which value is in force, what a listing keeps.

Pure functions over records (read by ``reading.load_records``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ctgplan.corrections import IN_FORCE, states

if TYPE_CHECKING:
    from ctgplan.sidecar import Record


def current(records: Iterable[Record]) -> set[int]:
    """The ``id()`` of the records in force (current or disputed)."""
    return {key for key, state in states(records).items() if state in IN_FORCE}


class Entry(NamedTuple):
    """One recorded value in the history, with its status (``corrections``)."""

    record: Record
    status: str
    """current, disputed, replaced, withdrawn or withdrawal (stable words of json and csv)."""

    @property
    def current(self) -> bool:
        """Whether the value is in force (current or disputed)."""
        return self.status in IN_FORCE


def entries(records: Sequence[Record], *, indicator: str | None = None,
            years: Iterable[int] = ()) -> list[Entry]:
    """The records of ``indicator`` (case ignored) in ``years`` (all when empty), oldest
    first: by the time they were recorded, whatever file holds them (records of one
    time keep their files' order)."""
    wanted = set(years)
    kept = [r for r in records
            if (indicator is None or r.indicator.casefold() == indicator.casefold())
            and (not wanted or r.year in wanted)]
    status = states(kept)
    kept.sort(key=_recorded_at)
    return [Entry(r, status[id(r)]) for r in kept]


def _recorded_at(record: Record) -> str:
    return record.recorded_at
