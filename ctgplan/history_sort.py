"""``ctg history``'s rows in recorded order, in memory bounded whatever the number of values.

``history.rows`` holds every row to sort them; here each file's statuses are computed as
it is read (``history.by_file``: exact, since a key's lines are all in its action's file;
an action found in more than one file, which a hand edit or a merge can leave, has its
rows' statuses computed again over all its files, holding only those rows), and the rows
are sorted by ``external_sort`` (runs spilled to a temporary folder past a buffer, then
merged). Ties in time keep the files' order, as ``history.rows``'s stable sort does: the
rows are numbered in that order and sorted on (recorded_at, number).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from operator import itemgetter
from typing import Any

from ctgplan import external_sort, history


class Rows:
    """The sorted rows: their number (``len``), and the rows, to be read once."""

    def __init__(self, count: int, rows: Iterator[list[Any]]) -> None:
        self.count, self.rows = count, rows

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[list[Any]]:
        return self.rows


@contextmanager
def sorted_rows(files: Iterable[Iterable[list[Any]]], *, indicator: str | None = None,
                years: Iterable[int] = (), buffer: int | None = None,
                fan_in: int | None = None, batch: int | None = None) -> Iterator[Rows]:
    """``history.rows(files, ...)``, the same rows in the same order with the same statuses,
    to be read inside the block (its temporary files are removed when it ends)."""
    with external_sort.spilled(buffer=buffer, fan_in=fan_in, batch=batch) as runs:
        shared: set[str] = set()
        runs.extend(chain.from_iterable(
            history.by_file(files, shared, indicator=indicator, years=years)))
        restated = history.restated(runs.stored(), shared) if shared else {}
        merged = runs.merged()
        yield Rows(len(runs), history.fields_of(merged, restated) if restated
                   else map(_FIELDS, merged))


_FIELDS = itemgetter(2)
