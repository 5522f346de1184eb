"""The history of recorded values: which value is in force, what a listing keeps.

Pure functions over records (read by ``reading.load_records``) or over the records as the
cache keeps them (``reading.sidecar_rows``): ``entries`` says what the history is, ``rows``
gives the same without making a ``Record`` of each line (a million of them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from ctgplan.corrections import IN_FORCE, line_states, states

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


_FIELDS = itemgetter(1)
_LINE = itemgetter(0, 1, 2, 12, 13, 14)  # action, indicator, period, replaces, settles, withdraws
_RECORDED_AT = itemgetter(4)


def rows(files: Iterable[Iterable[list[Any]]], *, indicator: str | None = None,
         years: Iterable[int] = ()) -> list[list[Any]]:
    """``entries`` of records kept as ``[index, [fields in sidecar.ROW order]]``, one list
    for each file, files in order: each entry as its record's fields followed by its
    status, in the same order and with the same statuses."""
    wanted = set(years)
    folded = None if indicator is None else indicator.casefold()
    kept: list[list[Any]] = []
    for found in files:
        every: Iterable[list[Any]] = map(_FIELDS, found)
        if folded is not None or wanted:
            every = (f for f in every if (folded is None or f[1].casefold() == folded)
                     and (not wanted or int(str(f[2])[:4]) in wanted))
        kept.extend(every)
    for fields, status in zip(kept, line_states(map(_LINE, kept)), strict=True):
        fields.append(status)
    kept.sort(key=_RECORDED_AT)
    return kept
