"""The history of recorded values: which value is in force, what a listing keeps.

Pure functions over records (read by ``reading.load_records``) or over the records as the
cache keeps them (``reading.sidecar_rows``): ``entries`` says what the history is, ``rows``
gives the same without making a ``Record`` of each line (a million of them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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


def by_file(files: Iterable[Iterable[list[Any]]], shared: set[str], *,
            indicator: str | None = None, years: Iterable[int] = ()
            ) -> Iterator[list[tuple[str, int, list[Any]]]]:
    """``rows`` one file at a time (a list for each), unsorted, as ``(recorded_at, number,
    fields)``: each
    row numbered in the files' order, its status computed within its file. That is the
    status ``rows`` gives unless an action has rows in more than one file: such actions
    are added to ``shared`` (their statuses: ``restated``)."""
    wanted = set(years)
    folded = None if indicator is None else indicator.casefold()
    home: dict[str, int] = {}
    number = 0
    for place, found in enumerate(files):
        kept: Iterable[list[Any]] = map(_FIELDS, found)
        if folded is not None or wanted:
            kept = (f for f in kept if (folded is None or f[1].casefold() == folded)
                    and (not wanted or int(str(f[2])[:4]) in wanted))
        kept = list(kept)
        for action in {f[0] for f in kept}:
            if home.setdefault(action, place) != place:
                shared.add(action)
        for fields, status in zip(kept, line_states(map(_LINE, kept)), strict=True):
            fields.append(status)
        yield list(zip(map(_RECORDED_AT, kept), range(number, number + len(kept)), kept,
                       strict=True))
        number += len(kept)


def restated(numbered: Iterable[tuple[str, int, list[Any]]], shared: set[str]
             ) -> dict[int, str]:
    """The statuses of the rows of the ``shared`` actions among ``by_file``'s rows (in any
    order), by number: computed over all their files, in the files' order."""
    mine = sorted((n for n in numbered if n[2][0] in shared), key=_NUMBER)
    return dict(zip(map(_NUMBER, mine), line_states(_LINE(n[2]) for n in mine), strict=True))


_NUMBER = itemgetter(1)


def fields_of(numbered: Iterable[tuple[str, int, list[Any]]], restated: dict[int, str]
              ) -> Iterator[list[Any]]:
    """The fields of ``by_file``'s rows, with the statuses ``restated`` gives."""
    for _at, number, fields in numbered:
        if restated and number in restated:
            fields[-1] = restated[number]
        yield fields
