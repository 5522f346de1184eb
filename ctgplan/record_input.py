"""What a person typed, turned into a new record: value fields, period, timestamp.

Messages name the command-line options (``--quarter``, ``--satisfied``) since
this is where they come from; a wrong input raises ``CtgError`` saying what is
expected.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from ctgplan.i18n import _
from ctgplan.model import Frequency, Indicator, Kind, Unit
from ctgplan.problems import CtgError
from ctgplan.sidecar import Record
from ctgplan.units import EXPECTED, check_quantity, check_respondents, check_score, check_share

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_MILESTONE = {"1": 1, "0": 0, "oui": 1, "non": 0, "fait": 1, "realise": 1, "réalisé": 1,
              "done": 1, "yes": 1, "no": 0, "true": 1, "false": 0}
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
        return None, _("{refusal}: {error}").format(refusal=_refusal(indicator, raw), error=error)
    return (int(number) if unit is Unit.COUNT else _tidy(number)), None


def _tidy(number: float) -> int | float:
    return int(number) if number.is_integer() else number


def _refusal(indicator: Indicator, raw: str) -> str:
    unit = indicator.unit or Unit.NUMBER
    return _("{indicator} ({label}) expects {expected}, not {raw!r}").format(
        indicator=indicator.id, label=indicator.label, expected=_(EXPECTED[unit]), raw=raw)


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
            raise CtgError(_("{indicator} is quantitative: --respondents, --score and "
                             "--satisfied are for qualitative (survey) indicators").format(
                                 indicator=indicator.id))
        return {"value": number}
    if not raw.strip():
        raise CtgError(_("{indicator} is qualitative: give a short summary as VALUE").format(
            indicator=indicator.id))
    fields: dict[str, object] = {"summary": raw.strip()}
    if respondents is not None:
        fields["respondents"] = respondents
    for key, typed in (("score", score), ("satisfied", satisfied)):
        if typed is not None:
            number_ = parse_number(typed)
            if number_ is None:
                raise CtgError(_("--{key} expects a number, not {typed!r}").format(
                    key=key, typed=typed))
            fields[key] = int(number_) if number_.is_integer() else number_
    checks = (("respondents", check_respondents), ("score", lambda v: check_score(indicator, v)),
              ("satisfied", lambda v: check_share(v, "--satisfied")))
    for key, check in checks:
        if key in fields:
            error = check(fields[key])
            if error:
                raise CtgError(error)
    return fields


def period_of(indicator: Indicator, year: int, *, quarter: int | None = None,
              month: int | None = None) -> int | str:
    """The period key for an indicator measured yearly, quarterly or monthly."""
    if indicator.frequency is Frequency.QUARTER:
        if quarter is None or not 1 <= quarter <= 4:
            raise CtgError(_("{indicator} is measured by quarter: give --quarter 1 to 4").format(
                indicator=indicator.id))
        return f"{year}-Q{quarter}"
    if indicator.frequency is Frequency.MONTH:
        if month is None or not 1 <= month <= 12:
            raise CtgError(_("{indicator} is measured by month: give --month 1 to 12").format(
                indicator=indicator.id))
        return f"{year}-{month:02d}"
    if quarter is not None or month is not None:
        raise CtgError(_("{indicator} is measured by year: leave out --quarter and --month"
                         ).format(indicator=indicator.id))
    return year


def now_utc() -> str:
    """The current time, UTC, to the second: 2026-11-29T15:40:12Z."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")




def new_record(action: str, indicator: Indicator, year: int, fields: dict[str, object], *,
               by: str, quarter: int | None = None, month: int | None = None,
               source: str | None = None, note: str | None = None,
               reason: str | None = None) -> Record:
    """The record of a value typed for ``indicator`` of ``action``, stamped now."""
    return Record(
        action=action, indicator=indicator.id,
        period=period_of(indicator, year, quarter=quarter, month=month),
        recorded_by=by, recorded_at=now_utc(),
        source=source.strip() if source else None, note=note.strip() if note else None,
        replaces=reason.strip() if reason else None,
        **fields,  # type: ignore[arg-type]
    )
