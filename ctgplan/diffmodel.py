"""What a diff of two plans is made of, as data: statuses and changes.

``plandiff.compare`` fills a ``PlanDiff`` (the plan's own fields, then themes,
partners, needs and objectives, then actions with their indicators);
``valuesdiff.compare_records`` fills a ``ValuesDiff``; the ``render_diff`` modules
show them. Nothing here compares or prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ctgplan.model import Action, Indicator
from ctgplan.textdiff import Segment

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
RENUMBERED = "renumbered"
RENAMED = "renamed"
CORRECTED = "corrected"
WITHDRAWN = "withdrawn"

SECTIONS = ("themes", "partners", "needs", "objectives")


@dataclass(frozen=True)
class YearChange:
    """A target of one year: None on the side where it is not set."""

    year: int
    old: float | None
    new: float | None


@dataclass(frozen=True)
class FieldChange:
    """One field that changed.

    ``kind`` says which attributes are filled: ``value`` (``old``, ``new``), ``text``
    (``old``, ``new`` and the word-level ``words``), ``set`` (``added``, ``removed``)
    or ``years`` (``years``, one per target year that changed).
    """

    field: str
    kind: str
    old: Any = None
    new: Any = None
    words: tuple[Segment, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    years: tuple[YearChange, ...] = ()


@dataclass(frozen=True)
class ItemChange:
    """A theme, partner, need or objective added, removed or changed."""

    section: str
    status: str
    id: str
    label: str
    """The label (name, text) in the new plan, or in the old one when removed."""
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class IndicatorChange:
    """An indicator of an action added, removed or changed."""

    id: str
    status: str
    label: str
    changes: tuple[FieldChange, ...] = ()
    indicator: Indicator | None = None
    """The whole indicator, when added or removed."""


@dataclass(frozen=True)
class ActionChange:
    """An action added, removed, changed or renumbered (``old_id`` is its former id)."""

    id: str
    status: str
    theme: str
    text: str
    old_id: str | None = None
    changes: tuple[FieldChange, ...] = ()
    indicators: tuple[IndicatorChange, ...] = ()
    action: Action | None = None
    """The whole action, when added or removed."""


@dataclass(frozen=True)
class RecordChange:
    """A recorded value that appeared (``added``, ``corrected``) or disappeared (``withdrawn``)."""

    change: str
    action: str
    indicator: str
    period: str
    value: Any
    recorded_by: str
    recorded_at: str
    reason: str | None = None


@dataclass(frozen=True)
class ValuesDiff:
    """Recorded values that differ between the two revisions."""

    records: tuple[RecordChange, ...] = ()

    def per_action(self) -> dict[str, Counter[str]]:
        """How many values were added, corrected, withdrawn, per action (in id order)."""
        counts: dict[str, Counter[str]] = {}
        for record in self.records:
            counts.setdefault(record.action, Counter())[record.change] += 1
        return dict(sorted(counts.items()))


@dataclass(frozen=True)
class PlanDiff:
    """Everything that changed from the old plan to the new one."""

    plan: tuple[FieldChange, ...] = ()
    themes: tuple[ItemChange, ...] = ()
    partners: tuple[ItemChange, ...] = ()
    needs: tuple[ItemChange, ...] = ()
    objectives: tuple[ItemChange, ...] = ()
    actions: tuple[ActionChange, ...] = ()
    values: ValuesDiff | None = None
    names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Labels of themes, partners, needs and objectives (new plan first), for display."""

    @property
    def empty(self) -> bool:
        """True when nothing changed (recorded values included, when compared)."""
        return not (self.plan or self.themes or self.partners or self.needs
                    or self.objectives or self.actions
                    or (self.values is not None and self.values.records))

    def section(self, name: str) -> tuple[ItemChange, ...]:
        """The changes of one of ``SECTIONS``."""
        changes: tuple[ItemChange, ...] = getattr(self, name)
        return changes
