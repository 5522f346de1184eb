"""What a value of each unit may be: checks that return why not, never raise.

``record_rules`` (stored values) and ``record_input`` (typed values) word their
problems the same way through these functions.
"""

from __future__ import annotations

import math

from ctgplan.i18n import N_, _, number
from ctgplan.model import Indicator, Unit

EXPECTED = {
    Unit.COUNT: N_("a whole number, 0 or more (for example 12)"),
    Unit.PERCENT: N_("a percentage from 0 to 100 (for example 37,5)"),
    Unit.NUMBER: N_("a number (for example 1250,50)"),
    Unit.MILESTONE: N_("oui or non (done or not done; 1 or 0)"),
}
"""What a value of each unit is, in English: translate it where it is shown (``_()``)."""


def check_quantity(unit: Unit, value: object) -> str | None:
    """None when ``value`` fits ``unit``, else why not."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _("{value!r} is not a number").format(value=value)
    if not math.isfinite(value):
        return _("{value!r} is not a finite number").format(value=value)
    if unit is Unit.COUNT and (value < 0 or not float(value).is_integer()):
        return _("{value} is not a whole number of 0 or more").format(value=number(value, None))
    if unit is Unit.PERCENT and not 0 <= value <= 100:
        return _("{value} is not between 0 and 100").format(value=number(value, None))
    if unit is Unit.MILESTONE and value not in (0, 1):
        return _("{value} is neither 1 (done) nor 0 (not done)").format(value=number(value, None))
    return None


def check_share(value: object, what: str) -> str | None:
    """None when ``value`` is a percentage, else why not."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
            0 <= value <= 100):
        return _("{what} is a percentage from 0 to 100, not {value!r}").format(what=what,
                                                                              value=value)
    return None


def check_respondents(value: object) -> str | None:
    """None when ``value`` is a count of respondents."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return _("respondents is a whole number of 0 or more, not {value!r}").format(value=value)
    return None


def check_score(indicator: Indicator, value: object) -> str | None:
    """None when ``value`` lies on the indicator's declared scale."""
    scale = indicator.scale
    if scale is None:
        return _("{indicator} declares no score scale: add `scale: {{min: 1, max: 5}}` to "
                 "the indicator in the plan, or record the share satisfied instead").format(
                     indicator=indicator.id)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
            scale.min <= value <= scale.max):
        return _("score is on the scale {min} to {max}, not {value!r}").format(
            min=number(scale.min, None), max=number(scale.max, None), value=value)
    return None
