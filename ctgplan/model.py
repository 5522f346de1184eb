"""The plan's schema: pydantic models whose field names are the YAML keys.

Models refuse unknown keys, so a typo in a key is reported at that key. Rules
that relate several records (references, unique ids, years inside the plan
period) are in ``ctgplan.plan_rules``, where each rule is one small function.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ctgplan.i18n import _, number

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
ID_PATTERN = r"^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)


def _check_id(value: object) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError(
            "bad-id", _("YAML reads {value!r} as a number: write the id in quotes ('{value}')"
                        ).format(value=value))
    if not isinstance(value, str):
        raise PydanticCustomError(
            "bad-id", _("an id is a word such as PAR-2 or service-communication, not {value!r}"
                        ).format(value=value))
    if len(value) > 40 or not _ID_RE.match(value):
        raise PydanticCustomError(
            "bad-id",
            _("{value!r} is not a valid id: use letters, digits and single - _ or . between "
              "them (no spaces, slashes or accents), at most 40 characters, for example PAR-2"
              ).format(value=value))
    if value.split(".")[0].casefold() in _RESERVED:
        raise PydanticCustomError(
            "bad-id", _("{value!r} is a reserved file name on Windows: choose another id"
                        ).format(value=value))
    return value


Id = Annotated[
    str,
    PlainValidator(_check_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": 40}),
]
"""An identifier: safe as a file name on every system, easy to type."""

Text = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1)]


@dataclass(frozen=True)
class YearSpan:
    """An inclusive range of years, written ``2026`` or ``2026-2028`` in YAML."""

    start: int
    end: int

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"

    def covers(self, year: int) -> bool:
        """True when ``year`` lies in the span."""
        return self.start <= year <= self.end

    def years(self) -> range:
        """Every year of the span."""
        return range(self.start, self.end + 1)


_SPAN_RE = re.compile(r"^\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?$")


def _parse_span(value: object) -> YearSpan:
    if isinstance(value, YearSpan):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return YearSpan(value, value)
    if isinstance(value, str):
        found = _SPAN_RE.match(value)
        if found:
            start = int(found.group(1))
            return YearSpan(start, int(found.group(2) or start))
    raise PydanticCustomError(
        "bad-year", _("write a year (2026) or a range of years (2026-2028), not {value!r}"
                      ).format(value=value))


Span = Annotated[
    YearSpan,
    PlainValidator(_parse_span),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({
        "oneOf": [
            {"type": "integer", "minimum": 1000, "maximum": 9999},
            {"type": "string", "pattern": r"^\d{4}(-\d{4})?$"},
        ],
        "description": "A year (2026) or an inclusive range of years (2026-2028).",
    }),
]


class Strict(BaseModel):
    """Base of every model: unknown keys are refused, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Kind(str, Enum):
    """Whether an indicator is measured by a number or by a survey."""

    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


class Unit(str, Enum):
    """What a quantitative value counts."""

    COUNT = "count"
    """A whole number, 0 or more (participants, workshops, guides)."""
    PERCENT = "percent"
    """A share from 0 to 100."""
    NUMBER = "number"
    """Any decimal number (an amount, a duration)."""
    MILESTONE = "milestone"
    """Done (1) or not done (0): a creation, an opening."""


class Direction(str, Enum):
    """Which way a target goes."""

    INCREASE = "increase"
    DECREASE = "decrease"
    MAINTAIN = "maintain"


class Frequency(str, Enum):
    """How often an indicator is measured."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"


class Baseline(Strict):
    """The value an indicator starts from."""

    value: float
    year: int


class Scale(Strict):
    """The scale of a survey score, for example 1 to 5."""

    min: float = 1
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.min >= self.max:
            raise PydanticCustomError(
                "bad-scale", _("the scale's min ({min}) must be below its max ({max})").format(
                    min=number(self.min, None), max=number(self.max, None)))
        return self


class Indicator(Strict):
    """An evaluation indicator of an action."""

    id: Id
    kind: Kind
    label: Text
    unit: Unit | None = Field(
        default=None, description="Required for a quantitative indicator.")
    scale: Scale | None = Field(
        default=None, description="Survey score scale of a qualitative indicator.")
    frequency: Frequency = Frequency.YEAR
    baseline: Baseline | None = None
    direction: Direction | None = Field(
        default=None, description="Required when targets are given.")
    targets: dict[int, float] = Field(
        default_factory=dict, description="Target value per year, for example {2027: 120}.")

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.kind is Kind.QUANTITATIVE and self.unit is None:
            raise PydanticCustomError("indicator-unit",
                                      _("a quantitative indicator needs a unit: "
                                        "count, percent, number or milestone"))
        if self.kind is Kind.QUALITATIVE and self.unit is not None:
            raise PydanticCustomError("indicator-unit",
                                      _("a qualitative indicator has no unit (give a scale "
                                        "for a survey score)"))
        if self.kind is Kind.QUANTITATIVE and self.scale is not None:
            raise PydanticCustomError("indicator-unit",
                                      _("a quantitative indicator has no scale (give a unit)"))
        if self.targets and self.direction is None:
            raise PydanticCustomError("missing-direction",
                                      _("targets need a direction: increase, decrease or "
                                        "maintain"))
        return self


class Theme(Strict):
    """A theme of the plan, in the document's order."""

    id: Id
    label: Text


class Partner(Strict):
    """A service or organisation named in the plan, declared once."""

    id: Id
    name: Text
    aliases: list[Text] = Field(
        default_factory=list, description="Other spellings used in the document.")


class Need(Strict):
    """A need from the territorial diagnosis (besoin repéré)."""

    id: Id
    text: Text


class Objective(Strict):
    """An expected change (objectif)."""

    id: Id
    text: Text


class Action(Strict):
    """One action of the plan: one row of the adopted table."""

    id: Id
    theme: Id
    need: Id
    objective: Id
    action: Text
    levers: Text | None = Field(default=None, description="Obstacles or levers identified.")
    lead: Id
    partners: list[Id] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    calendar: Span

    def indicator(self, indicator_id: str) -> Indicator | None:
        """The indicator of this action with that id, if any."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        return None


class PlanInfo(Strict):
    """What the plan is: title, territory, adoption and period."""

    title: Text
    territory: Text
    adopted: dt.date
    period: Span


class Plan(Strict):
    """The whole action plan, as in ``data/plan.yaml``."""

    plan: PlanInfo
    themes: list[Theme]
    partners: list[Partner] = Field(default_factory=list)
    needs: list[Need] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)

    def action(self, action_id: str) -> Action | None:
        """The action with that id, if any."""
        for action in self.actions:
            if action.id == action_id:
                return action
        return None

    def theme(self, theme_id: str) -> Theme | None:
        """The theme with that id, if any."""
        return next((t for t in self.themes if t.id == theme_id), None)

    def partner(self, partner_id: str) -> Partner | None:
        """The partner with that id, if any."""
        return next((p for p in self.partners if p.id == partner_id), None)

    def need(self, need_id: str) -> Need | None:
        """The need with that id, if any."""
        return next((n for n in self.needs if n.id == need_id), None)

    def objective(self, objective_id: str) -> Objective | None:
        """The objective with that id, if any."""
        return next((o for o in self.objectives if o.id == objective_id), None)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``data/plan.yaml``, for editors and other validators."""
    schema = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "CTG action plan"
    return schema
