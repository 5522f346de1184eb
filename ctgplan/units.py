"""What a value of each unit may be: checks that return why not, never raise.

``record_rules`` (stored values) and ``record_input`` (typed values) word their
problems the same way through these functions.
"""

from __future__ import annotations

import math

from ctgplan.model import Indicator, Unit

EXPECTED = {
    Unit.COUNT: "a whole number, 0 or more (for example 12)",
    Unit.PERCENT: "a percentage from 0 to 100 (for example 37,5)",
    Unit.NUMBER: "a number (for example 1250,50)",
    Unit.MILESTONE: "oui or non (done or not done; 1 or 0)",
}


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
