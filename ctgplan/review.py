"""The review for the steering committee, as data: what every report format shows.

``review_build.build`` turns the plan, its recorded values and statuses into a ``Review``: a
cover, a summary (actions by status, indicators by outcome), the themes with their
actions and indicators (baseline, target, value and rate for each year), and the gaps.
Renderers (HTML, Markdown, XLSX, JSON) only lay it out. The rate of a value is the one
``ctg show`` computes (``progress.progress``: direction-aware, from the baseline).

A yearly review shows every year of the plan up to the reviewed one; ``final`` shows
every year of the plan. A year's value is the one ``ctg show`` compares with the year's
target: for an indicator measured by quarter or month, the year's total (count, number),
mean (percent) or any-done (milestone) of the values in force.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from ctgplan.i18n import _
from ctgplan.status_file import NONE, STATUSES, label

FORMAT_VERSION = 1
"""Version of the JSON layout; bumped only when a key changes meaning or disappears."""

MET, NOT_MET, NOT_MEASURABLE = "met", "not-met", "not-measurable"
OUTCOMES = (MET, NOT_MET, NOT_MEASURABLE)


@dataclass(frozen=True)
class Cover:
    """What the report is about."""

    title: str
    territory: str
    period: str
    year: int | None
    """The reviewed year (None for the final review)."""
    final: bool
    date: str
    """The day the report was made, ISO (2026-11-29)."""
    revision: str | None
    """``git rev-parse --short HEAD`` of the plan's repository, if any."""
    dirty: bool
    """True when the repository had uncommitted changes."""


@dataclass(frozen=True)
class Survey:
    """A qualitative result."""

    summary: str | None
    respondents: int | None
    satisfied: float | None
    score: float | None


@dataclass(frozen=True)
class YearValue:
    """An indicator in one year: target, realised value and rate."""

    year: int
    target: float | None
    """The target the rate is measured against: the year's own, else the plan's last."""
    target_year: int | None
    """The year of that target."""
    value: float | None
    """The number compared with the target (share satisfied or score for a survey)."""
    period: str | None
    """The period of the value (2026, 2026-Q4, 2026-12)."""
    rate: float | None
    """Share of the way from the baseline to the target, in percent."""
    survey: Survey | None
    source: str | None
    note: str | None
    recorded_by: str | None
    recorded_at: str | None


@dataclass(frozen=True)
class IndicatorReview:
    """An indicator of an action, over the years shown."""

    id: str
    label: str
    kind: str
    unit: str | None
    direction: str | None
    baseline: float | None
    baseline_year: int | None
    targets: dict[int, float]
    years: list[YearValue]
    outcome: str
    """``met``, ``not-met`` or ``not-measurable`` at the reviewed year (final: the last)."""
    rate: float | None
    """The rate of that value."""
    measured: bool
    """True when there is a value for the reviewed year (final: for any year)."""

    def points(self) -> list[YearValue]:
        """The years with a realised value."""
        return [y for y in self.years if y.value is not None]


@dataclass(frozen=True)
class StatusView:
    """The status of an action in a year."""

    year: int
    status: str
    note: str | None
    decision: str | None
    recorded_by: str
    recorded_at: str


@dataclass(frozen=True)
class ActionReview:
    """An action: its texts, its status and its indicators."""

    id: str
    theme: str
    action: str
    need: str
    objective: str
    levers: str | None
    lead: str
    partners: list[str]
    calendar: str
    active: bool
    """True when the calendar covers the reviewed year (final: always)."""
    status: StatusView | None
    """The status of the reviewed year (final: of the latest year with one)."""
    statuses: list[StatusView]
    """Every year's status in the years shown."""
    indicators: list[IndicatorReview]


@dataclass(frozen=True)
class ThemeReview:
    """A theme and its actions."""

    id: str
    label: str
    statuses: dict[str, int]
    """Actions by status id (``none``: no status)."""
    actions: list[ActionReview]


@dataclass(frozen=True)
class Summary:
    """The figures of the first page."""

    actions: int
    statuses: dict[str, int]
    indicators: int
    with_value: int
    outcomes: dict[str, int]


@dataclass(frozen=True)
class MissingItem:
    """Something still to collect for the reviewed year."""

    lead: str
    action: str
    kind: str
    indicator: str | None
    label: str | None
    periods: list[str]


@dataclass(frozen=True)
class Review:
    """Everything a report shows."""

    cover: Cover
    years: list[int]
    summary: Summary
    themes: list[ThemeReview]
    missing: list[MissingItem]
    format_version: int = field(default=FORMAT_VERSION)


def status_labels() -> dict[str, str]:
    """Status id -> label in the current language, in the order of an action's life."""
    return {s: label(s) for s in (*STATUSES, NONE)}


def outcome_labels() -> dict[str, str]:
    """Outcome id -> label in the current language."""
    return {MET: _("Target met"), NOT_MET: _("Target not met"),
            NOT_MEASURABLE: _("Not measurable yet")}


# JSON --------------------------------------------------------------------------------


def as_data(review: Review) -> dict[str, Any]:
    """The review as plain JSON-ready data (the documented, stable contract)."""
    result: dict[str, Any] = _plain(review)
    return result


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """Dataclasses to dicts (fields in order), mapping keys to text; no copying of leaves."""
    kind = type(value)
    names = _FIELDS.get(kind)
    if names is None and is_dataclass(value):
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if kind is list:
        return [_plain(v) for v in value]
    if kind is dict:
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def to_json(review: Review) -> str:
    """The review as JSON text: UTF-8, indented, keys in a fixed order."""
    return json.dumps(as_data(review), ensure_ascii=False, indent=2) + "\n"
