"""Appending a status to its action's status file: the only writer of those files.

The same discipline as ``record_write``, under its lock: the new line is added to the
old bytes and the file replaced atomically (``files.write_atomic``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ctgplan.files import write_atomic
from ctgplan.i18n import _, day
from ctgplan.model import Action
from ctgplan.problems import CtgError, Level
from ctgplan.record_write import locked
from ctgplan.sidecar import format_fields
from ctgplan.status_file import HEADER, StatusRecord, label, read, status_path


@dataclass(frozen=True)
class Written:
    """What ``append`` did (or would do, with ``dry_run``)."""

    path: Path
    line: str
    replaced: StatusRecord | None
    warnings: list[str]


def append(plan_path: Path, action: Action, record: StatusRecord, *, replace: bool = False,
           dry_run: bool = False) -> Written:
    """Add ``record`` to the action's status file, atomically, under the folder's lock.

    Refuses (CtgError) a second status for the same year unless ``replace``, and a file
    whose records do not parse (appending could only make it worse).
    """
    warnings = []
    if not action.calendar.covers(record.year):
        warnings.append(_("{year} is outside the calendar of {action} ({calendar}); recorded "
                          "anyway").format(year=record.year, action=action.id,
                                           calendar=action.calendar))
    path = status_path(plan_path, action.id)
    line = format_fields(record.as_dict())
    if dry_run:
        replaced = _previous(path, action, record, replace)
        return Written(path, line, replaced, warnings)
    with locked(path.parent):
        replaced = _previous(path, action, record, replace)
        old = path.read_bytes() if path.exists() else b""
        newline = b"\r\n" if b"\r\n" in old else b"\n"
        head = old or HEADER.format(action=action.id).encode("utf-8")
        if not head.endswith(b"\n"):
            head += newline
        write_atomic(path, head + line.encode("utf-8").replace(b"\n", newline))
    return Written(path, line, replaced, warnings)


def _previous(path: Path, action: Action, record: StatusRecord, replace: bool
              ) -> StatusRecord | None:
    existing: list[StatusRecord] = []
    if path.exists():
        found = read(path)
        errors = [p for p in found.problems if p.level is Level.ERROR]
        if errors:
            first = errors[0]
            raise CtgError(_("{file}:{line}:{col}: {message}; fix this file first (`ctg "
                             "check` lists every problem): nothing was recorded").format(
                file=first.file, line=first.line, col=first.col, message=first.message))
        existing = found.records
    previous = [r for r in existing if r.year == record.year]
    replaced = previous[-1] if previous else None
    if replaced is not None and not replace:
        raise CtgError(_(
            "{action} already has a status for {year}: {status} (recorded by {who} on "
            "{day}); to correct it, run again with --replace --reason TEXT").format(
            action=action.id, year=record.year, status=label(replaced.status),
            who=replaced.recorded_by, day=day(replaced.recorded_at)))
    if replaced is None and replace:
        raise CtgError(_("{action} has no status for {year} to replace: run again without "
                         "--replace").format(action=action.id, year=record.year))
    return replaced
