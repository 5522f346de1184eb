"""Sorting more items than memory should hold, as ``sort -S`` does: sorted runs spilled to
a private temporary folder, then merged.

Items are tuples that compare without ties (``(key, sequence number, payload)``: the
payload is never compared). Up to ``buffer`` items are kept in memory; past that, they
are sorted and written to a run (``marshal``, in batches of ``batch``, each after its
length in bytes: our own files, read only by this module), and the runs are merged by
``heapq.merge``, at most ``fan_in`` open at once (runs merged into longer runs first when
there are more). Below the buffer nothing is written. The folder is removed when the
``spilled`` block ends, by an error or Ctrl-C too.
"""

from __future__ import annotations

import heapq
import marshal
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

BUFFER = 50_000
"""Items held in memory before a run is spilled (history rows: about 40 MB)."""
FAN_IN = 32
"""Runs read at once by a merge."""
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
            held.sort()
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
                data = marshal.dumps(chunk)
                out.write(len(data).to_bytes(8, "little"))
                out.write(data)
        return path

    def _open(self, path: Path) -> Iterator[Any]:
        return _read(self.stack.enter_context(path.open("rb")))

    def stored(self) -> Iterator[Any]:
        """Every item, runs first (each sorted), then those held: no order to rely on."""
        for path in self.runs:
            with path.open("rb") as file:
                yield from _read(file)
        yield from self.held

    def merged(self) -> Iterator[Any]:
        """Every item, sorted; to be read once, inside the ``spilled`` block."""
        self.held.sort()
        if not self.runs:
            return iter(self.held)
        while len(self.runs) >= self.fan_in:  # the items held take one place of the merge
            group, self.runs = self.runs[:self.fan_in], self.runs[self.fan_in:]
            with ExitStack() as stack:
                self.runs.append(self._write(heapq.merge(
                    *(_read(stack.enter_context(p.open("rb"))) for p in group))))
            for path in group:
                path.unlink()
        return heapq.merge(*map(self._open, self.runs), self.held)


def _read(file: BinaryIO) -> Iterator[Any]:
    """The items of a run, a batch at a time (``marshal.load`` on a file reads it in
    small pieces: each batch is read whole, after its length)."""
    while size := int.from_bytes(file.read(8), "little"):
        yield from marshal.loads(file.read(size))


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
