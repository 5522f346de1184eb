"""What changed in the recorded values between two revisions: ``compare_records``.

Recorded values are compared line by line: a line only in the new revision is
``added`` (``corrected`` when it carries ``replaces:``), a line only in the old
one is ``withdrawn``. The result is a ``diffmodel.ValuesDiff``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from ctgplan.diffmodel import ADDED, CORRECTED, WITHDRAWN, RecordChange, ValuesDiff


def compare_records(old: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]]
                    ) -> ValuesDiff:
    """Recorded values added, corrected or withdrawn from ``old`` to ``new``.

    A record is a mapping as stored on a sidecar line; two records are the same when
    every field is the same.
    """
    def key(record: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((str(k), repr(v)) for k, v in record.items()))

    old_list = list(old)
    before = Counter(key(r) for r in old_list)
    seen: dict[tuple[tuple[str, str], ...], Mapping[str, Any]] = {}
    after: Counter[tuple[tuple[str, str], ...]] = Counter()
    for record in new:
        k = key(record)
        after[k] += 1
        seen.setdefault(k, record)
    old_records = {key(r): r for r in old_list} if before - after else {}
    changes = [
        *(_record_change(CORRECTED if seen[k].get("replaces") else ADDED, seen[k])
          for k, n in (after - before).items() for _ in range(n)),
        *(_record_change(WITHDRAWN, old_records[k])
          for k, n in (before - after).items() for _ in range(n)),
    ]
    changes.sort(key=lambda c: (c.action, c.indicator, c.period, c.recorded_at, c.change))
    return ValuesDiff(tuple(changes))


def _record_change(change: str, record: Mapping[str, Any]) -> RecordChange:
    value = record.get("value")
    if value is None:
        value = record.get("summary")
    return RecordChange(change, str(record.get("action")), str(record.get("indicator")),
                        str(record.get("period")), value, str(record.get("recorded_by", "")),
                        str(record.get("recorded_at", "")), record.get("replaces"))
