"""Appending a value to its action's values file: the only writer of those files.

A new line is added to the old bytes (which stay as they are, so a diff is one
added line; they are copied, not read into memory) and the file is replaced
atomically under a lock, so that a crash or a concurrent ``ctg record`` never loses a
record. The first write in a folder
adds a ``.gitignore`` for the lock and unfinished temporary files.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ctgplan import reading
from ctgplan.data_folder import sidecar_path
from ctgplan.files import Span, write_atomic
from ctgplan.i18n import _, day, number
from ctgplan.model import Action, Plan
from ctgplan.problems import CtgError, Level
from ctgplan.sidecar import HEADER, ROW, Record, format_record

LOCK_NAME = ".ctg-record.lock"
IGNORED = (
    "# Written by ctg record: its lock and unfinished temporary files are not data.\n"
    f"{LOCK_NAME}\n.*.tmp\n"
)


@dataclass(frozen=True)
class Written:
    """What ``append`` did (or would do, with ``dry_run``)."""

    path: Path
    block: str
    replaced: Record | None
    warnings: list[str]
    notes: list[str] = field(default_factory=list)
    """Information (a follow-up after the action's calendar): never a warning."""


def append(plan_path: Path, plan: Plan, record: Record, *, replace: bool = False,
           dry_run: bool = False, lock_timeout: float = 30.0) -> Written:
    """Add ``record`` to its action's sidecar, atomically and under a lock.

    Refuses (CtgError) a second value for the same indicator and period unless
    ``replace``; refuses to touch a sidecar that does not parse or has malformed
    blocks, so nothing recorded is lost or made worse.
    """
    action = plan.action(record.action)
    if action is None:  # pragma: no cover - the CLI resolves the action first
        raise CtgError(_("no action {action!r} in the plan").format(action=record.action))
    warnings, notes = [], []
    calendar = action.calendar
    if record.year < calendar.start:
        warnings.append(_("{period} comes before the calendar of {action} ({calendar}); "
                          "recorded anyway").format(period=record.period, action=action.id,
                                                    calendar=calendar))
    elif record.year > calendar.end:
        notes.append(_("{period} follows up {action} after its calendar ({calendar})").format(
            period=record.period, action=action.id, calendar=calendar))
    path = sidecar_path(plan_path, action.id)
    if dry_run:
        return _prepare(path, plan, action, record, replace, warnings, notes, write=False)
    with locked(path.parent, lock_timeout):
        return _prepare(path, plan, action, record, replace, warnings, notes, write=True)


@contextmanager
def locked(folder: Path, lock_timeout: float = 30.0) -> Iterator[None]:
    """Hold the folder's write lock (creating the folder and its .gitignore if needed).

    Every writer of the folder (``ctg record``, ``ctg status``) appends under this lock.
    """
    from filelock import FileLock, Timeout

    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            write_atomic(ignore, IGNORED.encode("utf-8"))
    except OSError as exc:
        raise CtgError(_("cannot create {folder}: {reason}").format(
            folder=folder, reason=exc.strerror)) from None
    lock = FileLock(str(folder / LOCK_NAME), timeout=lock_timeout)
    try:
        lock.acquire()
    except Timeout:
        raise CtgError(_("{lock} is held by another ctg record for more than {seconds} s: try "
                         "again (delete the file only if no ctg runs)").format(
                             lock=folder / LOCK_NAME, seconds=number(lock_timeout, None))) from None
    try:
        yield
    finally:
        lock.release()


def _prepare(path: Path, plan: Plan, action: Action, record: Record, replace: bool,
             warnings: list[str], notes: list[str], *, write: bool) -> Written:
    count = 0
    values: list[Record] = []
    old_key = reading.file_key(path)
    found = None
    if path.exists():
        # The problems of the file, its number of records and the values in force of
        # this indicator and period, read without decoding the whole history.
        found = reading.lookup(path, record.action, record.indicator, record.period)
        # A file that does not parse, or whose blocks are malformed, is not written to:
        # appending could only make it worse. Values that no longer fit the plan are
        # `ctg check`'s business; they do not stop a new, valid value.
        errors = [p for p in found.problems if p.level is Level.ERROR]
        if errors:
            first = errors[0]
            raise CtgError(_("{location}: {message}; fix this file first (`ctg check` lists "
                             "every problem): nothing was recorded").format(
                                 location=f"{first.file}:{first.line}:{first.col}",
                                 message=first.message))
        count = found.size
        values = found.in_force
    replaced = _refuse_or_supersede(action, record, values, replace)
    block = format_record(record)
    if write:
        head, newline = _kept(path, action)
        write_atomic(path, [*head, block.encode("utf-8").replace(b"\n", newline)])
        new = Record(**{f: getattr(record, f) for f in ROW}, file=str(path), index=count)
        reading.appended(path, old_key, found, new)
    return Written(path, block, replaced, warnings, notes)


def _kept(path: Path, action: Action) -> tuple[list[bytes | Span], bytes]:
    """What the new file begins with: the old bytes (copied as they are, not read into
    memory, with a line ending added when the last line has none) or the header of a new
    file; and the file's line ending (CRLF when it holds one)."""
    handle = path.open("rb") if path.exists() else None
    size = os.fstat(handle.fileno()).st_size if handle else 0
    if handle is None or not size:
        if handle:
            handle.close()
        return [HEADER.format(action=action.id).encode("utf-8")], b"\n"
    newline = b"\r\n" if holds_crlf(handle) else b"\n"
    handle.seek(size - 1)
    ends = handle.read(1) == b"\n"
    return [Span(handle, 0, size), *(() if ends else (newline,))], newline


def holds_crlf(handle: BinaryIO, chunk: int = 1 << 20) -> bool:
    """``b"\\r\\n" in handle.read()``, read a chunk at a time (memory does not grow with
    the file), by a search for one byte (a memchr: ten times faster than for two)."""
    last = b""
    while piece := handle.read(chunk):
        text = last + piece
        at = text.find(b"\r")
        while at >= 0:
            if text[at + 1:at + 2] == b"\n":
                return True
            at = text.find(b"\r", at + 1)
        last = piece[-1:]
    return False


def _shown(record: Record) -> str:
    shown = number(record.value, None) if record.value is not None else record.summary
    return _("{value} (recorded by {by} on {day})").format(
        value=shown, by=record.recorded_by, day=day(record.recorded_at))


def _refuse_or_supersede(action: Action, record: Record, values: list[Record],
                         replace: bool) -> Record | None:
    """The value ``record`` supersedes (None for a first value), given the ``values`` in
    force of its indicator and period; CtgError when the line does not fit what is in
    force: a second value, a replacement of nothing, a dispute replaced instead of
    settled, a settlement of no dispute, a withdrawal of nothing."""
    what = f"{action.id} {record.indicator}"
    if record.withdraws is not None:
        if not values:
            raise CtgError(_("{what} has no value in force for {period} to withdraw").format(
                what=what, period=record.period))
        return values[-1]
    if record.settles is not None:
        if len(values) < 2:
            raise CtgError(_("{what} has no disputed value for {period} to settle: to correct "
                             "a value, use --replace --reason TEXT").format(
                                 what=what, period=record.period))
        return values[-1]
    if len(values) > 1:
        raise CtgError(_("{what} has {count} disputed values for {period}: {values}; choose "
                         "one with --settle --reason TEXT (every line stays in the history)"
                         ).format(what=what, count=len(values), period=record.period,
                                  values="; ".join(_shown(r) for r in values)))
    if values and not replace:
        first = values[0]
        raise CtgError(_(
            "{action} {indicator} already has a value for {period}: {shown} (recorded by "
            "{by} on {day}); to correct it, run again with --replace --reason TEXT").format(
                action=action.id, indicator=record.indicator, period=record.period,
                shown=number(first.value, None) if first.value is not None else first.summary,
                by=first.recorded_by, day=day(first.recorded_at)))
    if not values and replace:
        raise CtgError(_("{action} {indicator} has no value for {period} to replace: run "
                         "again without --replace").format(
                             action=action.id, indicator=record.indicator, period=record.period))
    return values[0] if values else None
