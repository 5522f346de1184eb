"""Indicator values: parsing what people type and checking stored values against a unit.

Functions return an error message (a string saying what is expected) instead of
raising, so that ``ctg record`` and ``ctg check`` word problems the same way.
"""

from __future__ import annotations

import math
import re

from ctgplan.model import Indicator, Kind, Unit
from ctgplan.problems import CtgError

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_MILESTONE = {"1": 1, "0": 0, "oui": 1, "non": 0, "fait": 1, "realise": 1, "réalisé": 1,
              "done": 1, "yes": 1, "no": 0, "true": 1, "false": 0}
EXPECTED = {
    Unit.COUNT: "a whole number, 0 or more (for example 12)",
    Unit.PERCENT: "a percentage from 0 to 100 (for example 37,5)",
    Unit.NUMBER: "a number (for example 1250,50)",
    Unit.MILESTONE: "oui or non (done or not done; 1 or 0)",
}


def parse_number(raw: str) -> float | None:
    """A number as French or English speakers type it: "12,5", "1 200", "37.5 %"."""
    text = _SPACES.sub("", raw.strip()).removesuffix("%")
    if "," in text:
        if "." in text:
            return None
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def parse_quantity(indicator: Indicator, raw: str) -> tuple[int | float | None, str | None]:
    """``(value, None)`` for a valid value of ``indicator``, else ``(None, what is expected)``."""
    unit = indicator.unit or Unit.NUMBER
    if unit is Unit.MILESTONE:
        word = raw.strip().casefold()
        if word in _MILESTONE:
            return _MILESTONE[word], None
        return None, _refusal(indicator, raw)
    number = parse_number(raw)
    if number is None:
        return None, _refusal(indicator, raw)
    error = check_quantity(unit, number)
    if error:
        return None, f"{_refusal(indicator, raw)}: {error}"
    return (int(number) if unit is Unit.COUNT else _tidy(number)), None


def _tidy(number: float) -> int | float:
    return int(number) if number.is_integer() else number


def _refusal(indicator: Indicator, raw: str) -> str:
    unit = indicator.unit or Unit.NUMBER
    return f"{indicator.id} ({indicator.label}) expects {EXPECTED[unit]}, not {raw!r}"


def check_quantity(unit: Unit, value: object) -> str | None:
    """None when ``value`` fits ``unit``, else why not."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"{value!r} is not a number"
    if not math.isfinite(value):
        return f"{value!r} is not a finite number"
    if unit is Unit.COUNT and (value < 0 or not float(value).is_integer()):
        return f"{value:g} is not a whole number of 0 or more"
    if unit is Unit.PERCENT and not 0 <= value <= 100:
        return f"{value:g} is not between 0 and 100"
    if unit is Unit.MILESTONE and value not in (0, 1):
        return f"{value:g} is neither 1 (done) nor 0 (not done)"
    return None


def check_share(value: object, what: str) -> str | None:
    """None when ``value`` is a percentage, else why not."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
            0 <= value <= 100):
        return f"{what} is a percentage from 0 to 100, not {value!r}"
    return None


def check_respondents(value: object) -> str | None:
    """None when ``value`` is a count of respondents."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return f"respondents is a whole number of 0 or more, not {value!r}"
    return None


def check_score(indicator: Indicator, value: object) -> str | None:
    """None when ``value`` lies on the indicator's declared scale."""
    scale = indicator.scale
    if scale is None:
        return (f"{indicator.id} declares no score scale: add `scale: {{min: 1, max: 5}}` to "
                "the indicator in the plan, or record the share satisfied instead")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
            scale.min <= value <= scale.max):
        return f"score is on the scale {scale.min:g} to {scale.max:g}, not {value!r}"
    return None


def value_fields(indicator: Indicator, raw: str, *, respondents: int | None = None,
                 score: str | None = None, satisfied: str | None = None) -> dict[str, object]:
    """The fields of a new record from what was typed; CtgError saying what is expected.

    A quantitative indicator takes a number that fits its unit; a qualitative one a
    short summary, with optional survey figures (respondents, score, share satisfied).
    """
    if indicator.kind is Kind.QUANTITATIVE:
        number, error = parse_quantity(indicator, raw)
        if error:
            raise CtgError(error)
        if respondents is not None or score is not None or satisfied is not None:
            raise CtgError(f"{indicator.id} is quantitative: --respondents, --score and "
                           "--satisfied are for qualitative (survey) indicators")
        return {"value": number}
    if not raw.strip():
        raise CtgError(f"{indicator.id} is qualitative: give a short summary as VALUE")
    fields: dict[str, object] = {"summary": raw.strip()}
    if respondents is not None:
        fields["respondents"] = respondents
    for key, typed in (("score", score), ("satisfied", satisfied)):
        if typed is not None:
            number_ = parse_number(typed)
            if number_ is None:
                raise CtgError(f"--{key} expects a number, not {typed!r}")
            fields[key] = int(number_) if number_.is_integer() else number_
    checks = (("respondents", check_respondents), ("score", lambda v: check_score(indicator, v)),
              ("satisfied", lambda v: check_share(v, "--satisfied")))
    for key, check in checks:
        if key in fields:
            error = check(fields[key])
            if error:
                raise CtgError(error)
    return fields
