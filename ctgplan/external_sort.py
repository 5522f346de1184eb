"""Sorting more items than memory should hold, as ``sort -S`` does: sorted runs spilled to
a private temporary folder, then merged.

Items are tuples whose first element is their key (``(key, ...)``; nothing else of
them is compared): items of equal keys come back in the order they were added, as
``list.sort`` keeps them (runs are sorted on the key alone, then merged in the order they
were written). Up to ``buffer`` items are kept in memory; past that, they
are sorted and written to a run (``marshal``, in batches of ``batch``, each after its
length in bytes: our own files, read only by this module), and the runs are merged a
batch at a time (``_merge``), at most ``fan_in`` open at once (runs merged into longer
runs first when there are more). Below the buffer nothing is written. The folder is removed when the
``spilled`` block ends, by an error or Ctrl-C too.
"""

from __future__ import annotations

import marshal
import tempfile
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO

BUFFER = 50_000
"""Items held in memory before a run is spilled (history rows: about 40 MB)."""
FAN_IN = 32
"""Runs read at once by a merge."""
_KEY = itemgetter(0)
_MARSHAL = 2
"""The ``marshal`` format without shared references: a third faster to write items made
one by one (nothing in them is shared)."""
BATCH = 512
"""Items per ``marshal`` record of a run (what a merge holds of each open run)."""


class Runs:
    """Items added in any order, given back sorted (``merged``) or as stored (``stored``)."""

    def __init__(self, stack: ExitStack, *, buffer: int, fan_in: int, batch: int) -> None:
        self.stack, self.buffer, self.fan_in, self.batch = stack, buffer, max(2, fan_in), batch
        self.held: list[Any] = []
        self.runs: list[Path] = []
        self.written = 0
        """How many items were added and spilled (those held are not counted)."""
        self.spills = 0
        """How many runs were written (merge passes included)."""
        self._folder: Path | None = None

    def __len__(self) -> int:
        return self.written + len(self.held)

    def extend(self, items: Iterable[Any]) -> None:
        """Add ``items``; a run is spilled each time ``buffer`` items are held."""
        iterator = iter(items)
        while True:
            held = self.held
            held.extend(islice(iterator, self.buffer - len(held)))
            if len(held) < self.buffer:
                return
            held.sort(key=_KEY)
            self.runs.append(self._write(held))
            self.written += len(held)
            self.held = []

    def _write(self, items: Iterable[Any]) -> Path:
        if self._folder is None:  # made at the first run: nothing written below the buffer
            self._folder = Path(self.stack.enter_context(
                tempfile.TemporaryDirectory(prefix="ctg-sort-")))
        path = self._folder / f"run{self.spills}"
        self.spills += 1
        with path.open("wb") as out:
            iterator = iter(items)
            while chunk := list(islice(iterator, self.batch)):
                data = marshal.dumps(chunk, _MARSHAL)
                out.write(len(data).to_bytes(8, "little"))
                out.write(data)
        return path

    def stored(self) -> Iterator[Any]:
        """Every item, runs first (each sorted), then those held: no order to rely on."""
        for path in self.runs:
            with path.open("rb") as file:
                yield from chain.from_iterable(_read(file))
        yield from self.held

    def merged(self) -> Iterator[Any]:
        """Every item, sorted; to be read once, inside the ``spilled`` block."""
        self.held.sort(key=_KEY)
        if not self.runs:
            return iter(self.held)
        while len(self.runs) >= self.fan_in:  # the items held take one place of the merge
            # Runs merged in groups, in their order: ties keep the order items were added.
            groups = [self.runs[at:at + self.fan_in]
                      for at in range(0, len(self.runs), self.fan_in)]
            self.runs = [self._merged_run(group) for group in groups]
        return _merge([*map(self._open, self.runs), iter([self.held])])

    def _open(self, path: Path) -> Iterator[list[Any]]:
        return _read(self.stack.enter_context(path.open("rb")))

    def _merged_run(self, group: list[Path]) -> Path:
        if len(group) == 1:
            return group[0]
        with ExitStack() as stack:
            run = self._write(_merge([_read(stack.enter_context(p.open("rb")))
                                      for p in group]))
        for path in group:
            path.unlink()
        return run


def _merge(runs: list[Iterator[list[Any]]]) -> Iterator[Any]:
    """The items of ``runs`` (each its batches, sorted on the key), sorted, ties in the
    order of the runs: what ``heapq.merge(..., key=)`` gives, a batch at a time."""
    return chain.from_iterable(_rounds(runs))


def _rounds(runs: list[Iterator[list[Any]]]) -> Iterator[list[Any]]:
    """``_merge``'s items, a list at a time.

    What every run still to read holds is known up to the last key of its current batch:
    the items of any run below the least of those keys are all there, and are given at
    once (the runs' parts joined in their order, then sorted on the key, stably); a run
    whose last key that is reads its next batch."""
    held: list[list[Any]] = [next(run, []) for run in runs]
    open_ = [bool(batch) for batch in held]
    while True:
        ends = [batch[-1][0] for batch, more in zip(held, open_, strict=True) if more]
        if not ends:
            ready = list(chain.from_iterable(held))
            ready.sort(key=_KEY)
            yield ready
            return
        bound = min(ends)
        ready = []
        for index, batch in enumerate(held):
            cut = bisect_left(batch, bound, key=_KEY)
            if cut:
                ready += batch[:cut]
                held[index] = batch[cut:]
        ready.sort(key=_KEY)
        yield ready
        for index, run in enumerate(runs):
            if open_[index] and held[index][-1][0] == bound:
                more = next(run, None)
                if more is None:
                    open_[index] = False
                else:
                    held[index] = held[index] + more


def _read(file: BinaryIO) -> Iterator[list[Any]]:
    """The batches of a run (``marshal.load`` on a file reads it in small pieces: each
    batch is read whole, after its length)."""
    return map(marshal.loads, _batches(file))


def _batches(file: BinaryIO) -> Iterator[bytes]:
    while size := int.from_bytes(file.read(8), "little"):
        yield file.read(size)


@contextmanager
def spilled(*, buffer: int | None = None, fan_in: int | None = None,
            batch: int | None = None) -> Iterator[Runs]:
    """``Runs`` whose temporary folder (made at the first run spilled) and open files are
    removed and closed when the block ends, whatever ends it (``None``: this module's
    ``BUFFER``, ``FAN_IN``, ``BATCH``)."""
    with ExitStack() as stack:
        yield Runs(stack, buffer=BUFFER if buffer is None else buffer,
                   fan_in=FAN_IN if fan_in is None else fan_in,
                   batch=BATCH if batch is None else batch)
