"""Which recorded value is in force: corrections, settlements and withdrawals.

A values file is append-only; a later line changes what an earlier one says:

- ``replaces: <reason>`` corrects the value in force (the last one recorded);
- a second value without ``replaces`` (what a merge of two branches leaves) makes the
  value *disputed*: both stay in force until a line with ``settles: <reason>`` chooses
  the value;
- ``withdraws: <reason>``, a line without value, withdraws the value(s) in force (a
  value recorded under the wrong year or indicator); a later value is a new one.

Every line stays in the history with its status. A status file of actions can reuse the
same fields on its own lines (``replaces``, ``settles``, ``withdraws``): the rules below
need only the key of a line and its order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ctgplan.sidecar import Record

CURRENT = "current"
"""The value in force."""
DISPUTED = "disputed"
"""One of two or more values in force (a merge recorded both): to settle."""
REPLACED = "replaced"
"""A value corrected or settled by a later line."""
WITHDRAWN = "withdrawn"
"""A value a later line withdrew."""
WITHDRAWAL = "withdrawal"
"""The line that withdraws a value."""

IN_FORCE = frozenset({CURRENT, DISPUTED})


def key_of(record: Record) -> tuple[str, str, str]:
    """What a line is about: its action, indicator and period."""
    return record.action, record.indicator, str(record.period)


def states(records: Iterable[Record]) -> dict[int, str]:
    """The status of each record, by ``id()``, from the lines' order (oldest first)."""
    kept = list(records)
    return dict(zip(map(id, kept), line_states(
        (r.action, r.indicator, str(r.period), r.replaces, r.settles, r.withdraws)
        for r in kept), strict=True))


def line_states(lines: Iterable[tuple[Any, Any, Any, Any, Any, Any]]) -> list[str]:
    """``states`` of lines given as ``(action, indicator, period, replaces, settles,
    withdraws)``, oldest first: the status of each, by position."""
    in_force: dict[object, list[int]] = {}
    status: list[str] = []
    for number, (action, indicator, period, replaces, settles, withdraws) in enumerate(lines):
        key = (action, indicator, period)
        before = in_force.get(key)
        if withdraws is not None:
            for old in before or ():
                status[old] = WITHDRAWN
            status.append(WITHDRAWAL)
            in_force[key] = []
            continue
        status.append(CURRENT)
        if before and settles is not None:
            for old in before:
                status[old] = REPLACED
            in_force[key] = [number]
        elif before and replaces is not None:
            status[before[-1]] = REPLACED  # a dispute stays one until it is settled
            before[-1] = number
        elif before:
            before.append(number)
        else:
            in_force[key] = [number]
    for numbers in in_force.values():
        if len(numbers) > 1:
            for number in numbers:
                status[number] = DISPUTED
    return status


def in_force(records: Iterable[Record]) -> list[Record]:
    """The records in force (current or disputed), in the lines' order."""
    kept = list(records)
    status = states(kept)
    return [r for r in kept if status[id(r)] in IN_FORCE]


def positions_in_force(kinds: Iterable[str]) -> list[int]:
    """``states`` of the lines of one key known only by what each does (``value``,
    ``replaces``, ``settles`` or ``withdraws``): the positions of the lines in force."""
    slots: list[int] = []
    for number, kind in enumerate(kinds):
        if kind == "withdraws":
            slots = []
        elif kind == "settles" or not slots:
            slots = [number]
        elif kind == "replaces":
            slots[-1] = number
        else:
            slots.append(number)
    return slots


def after(in_force: list[Record], record: Record) -> list[Record]:
    """``in_force`` (what ``in_force`` gave on the lines of a file before ``record``, a
    later line, was added to them) with ``record`` taken into account, in the lines'
    order (``index``): the step of ``states`` for one line, without the history."""
    key = key_of(record)
    before = [r for r in in_force if key_of(r) == key]
    if record.withdraws is not None:
        mine = []
    elif before and record.settles is not None:
        mine = [record]
    elif before and record.replaces is not None:
        mine = [*before[:-1], record]
    else:
        mine = [*before, record]
    return sorted([*(r for r in in_force if key_of(r) != key), *mine], key=_line_order)


def _line_order(record: Record) -> int:
    return record.index
