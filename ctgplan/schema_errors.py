"""Pydantic's validation errors turned into located problems with plain messages.

Each error's ``loc`` is the YAML path of the value (the models use the YAML keys
as field names); it is looked up in the document's node tree. A missing key
points at the mapping that lacks it, an unknown key at the key itself.
"""

from __future__ import annotations

import datetime
import re
import typing
from collections.abc import Iterable
from typing import Any

import yaml
from pydantic import BaseModel

from ctgplan.i18n import _
from ctgplan.model import Plan
from ctgplan.problems import Level, Problem
from ctgplan.yamlbuild import node_position
from ctgplan.yamldoc import Document, key_node, node_at

_TYPE_CODES = {
    "missing": "missing-key",
    "extra_forbidden": "unknown-key",
    "enum": "bad-value",
    "literal_error": "bad-value",
    "string_too_short": "empty-value",
}
def schema_problems(doc: Document, errors: Iterable[Any], prefix: tuple[Any, ...]
                    ) -> Iterable[Problem]:
    """The located problems of pydantic ``errors`` (their ``loc`` prefixed by ``prefix``)."""
    for error in errors:
        loc = (*prefix, *error["loc"])
        kind = error["type"]
        code = _TYPE_CODES.get(kind) or _code_for(kind)
        named = loc[:loc.index("[key]") - 1] if "[key]" in loc else loc
        name = next((str(part) for part in reversed(named) if isinstance(part, str)), "value")
        if kind == "missing":
            line, col = doc.position(loc)
            message = f"'{name}' is missing here: add it (see `ctg schema` for every key)"
        elif kind == "extra_forbidden":
            node = key_node(doc.root, loc)
            line, col = node_position(node) if node is not None else doc.position(loc)
            message = (f"unknown key '{name}': {_allowed_keys(loc[:-1])}; check its "
                       "spelling or remove it")
        else:
            line, col = doc.position(loc)
            message = _message(error) if isinstance(loc[-1], int) else (
                f"{name}: {_message(error)}")
        advice = _advice(doc, loc, kind, error.get("input"), name)
        if advice is not None:
            code, message, where = advice
            if where is not None:
                line, col = where
        yield Problem(doc.path, line, col, Level.ERROR, code, message)


_DECIMAL = re.compile(r"^[-+]?\d+,\d+$")
_FRENCH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
Advice = tuple[str, str, "tuple[int, int] | None"]


def _advice(doc: Document, loc: tuple[Any, ...], kind: str, value: Any, name: str
            ) -> Advice | None:
    """``(code, message, position or None)`` for the mistakes people make by hand (a
    decimal comma, a French date, an empty value, a list for one id); None: the general
    message fits."""
    is_key = "[key]" in loc
    if is_key:
        loc = loc[:loc.index("[key]")]
    label = name if isinstance(loc[-1], str) else f"{name} {loc[-1]}"
    is_key = is_key or kind == "invalid_key"
    if value is None or kind == "extra_forbidden" or is_key:
        split = _split_decimal(doc, loc)
        if split is not None:
            whole, part, where = split
            return "decimal-comma", _(
                "{key}: {whole},{part} is read as two entries ({whole}, then {part} without a "
                "value): write decimals with a point: {whole}.{part}").format(
                    key=name, whole=whole, part=part), where
    if is_key and kind in ("int_parsing", "int_type"):
        return "wrong-type", _("{key}: the key '{value}' is not a year: write a year before "
                               "the colon, such as 2027: 120").format(key=name, value=value), None
    if kind == "extra_forbidden" or is_key:
        return None
    if value is None and kind != "missing":
        return "empty-value", _("{key} is empty: write its value after '{name}:'").format(
            key=label, name=name), None
    if kind == "bad-id" and isinstance(value, (int, float)) and not isinstance(value, bool):
        node = node_at(doc.root, loc)
        raw = node.value if isinstance(node, yaml.ScalarNode) else str(value)
        return "bad-id", _("{key}: YAML reads {raw} as the number {value}: write the id in "
                           "quotes, as written: '{raw}'").format(key=label, raw=raw,
                                                                value=value), None
    if kind == "bad-id" and isinstance(value, list):
        return "bad-id", _("{key}: one id is expected here, found a list ({items}): keep one "
                           "id here").format(key=label,
                                             items=", ".join(str(v) for v in value)), None
    if kind in ("float_parsing", "int_parsing", "float_type", "int_type") and isinstance(
            value, str):
        if _DECIMAL.match(value.strip()):
            return "decimal-comma", _("{key}: '{value}' is not a number: write decimals with "
                                      "a point: {fixed}").format(
                key=label, value=value, fixed=value.strip().replace(",", ".")), None
        return "wrong-type", _("{key}: '{value}' is not a number: write a number such as 12 "
                               "or 37.5").format(key=label, value=value), None
    if kind.startswith(("date", "datetime")) and isinstance(value, str):
        return "bad-date", _date_advice(label, value), None
    return None


def _date_advice(label: str, value: str) -> str:
    found = _FRENCH_DATE.match(value.strip())
    if found:
        day, month, year = (int(g) for g in found.groups())
        try:
            fixed = datetime.date(year, month, day).isoformat()
        except ValueError:
            fixed = None
        if fixed:
            return _("{key}: '{value}' is not a date written YYYY-MM-DD: write {fixed}").format(
                key=label, value=value, fixed=fixed)
    if re.match(r"^\d{4}-\d{1,2}-\d{1,2}$", value.strip()):
        return _("{key}: '{value}' is not a date of the calendar (month 1 to 12, day within "
                 "the month): write an existing date, such as 2025-11-24").format(
                     key=label, value=value)
    return _("{key}: '{value}' is not a date written YYYY-MM-DD: write the date as 2025-11-24 "
             "(year, month, day)").format(key=label, value=value)


def _split_decimal(doc: Document, loc: tuple[Any, ...]
                   ) -> tuple[str, str, tuple[int, int]] | None:
    """``37,5`` in a flow mapping (``{2026: 37,5}``) is read as ``2026: 37`` and a key
    ``5`` without value: the two halves and where the number starts, or None."""
    parent = node_at(doc.root, loc[:-1])
    if not isinstance(parent, yaml.MappingNode) or not parent.flow_style:
        return None
    pairs = parent.value
    for index, (key, value) in enumerate(pairs):
        if key.value == str(loc[-1]) and index > 0 and (
                value.tag.endswith(":null") and not value.value):
            before = pairs[index - 1][1]
            if (isinstance(before, yaml.ScalarNode) and before.value.lstrip("-").isdigit()
                    and key.value.isdigit()):
                return before.value, key.value, node_position(before)
    return None


def _code_for(kind: str) -> str:
    if "-" in kind:  # our own PydanticCustomError codes are already kebab-case
        return str(kind)
    if kind.startswith(("date", "datetime")):
        return "bad-date"
    return "wrong-type"


_PLAIN_MESSAGES = {
    "model_type": "expected a mapping (key: value lines)",
    "model_attributes_type": "expected a mapping (key: value lines)",
    "dict_type": "expected a mapping (key: value lines)",
    "list_type": "expected a list (lines starting with '- ', or [a, b])",
}


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    value = error.get("input")
    message = _PLAIN_MESSAGES.get(kind) or str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if "-" not in kind:
        shown = repr(value) if not isinstance(value, (dict, list)) else (
            "a mapping" if isinstance(value, dict) else "a list")
        message += f" (found {shown})"
    if "[key]" in error["loc"]:
        message = f"key {value!r}: {message}"
    return message


def _allowed_keys(loc: tuple[Any, ...]) -> str:
    model: Any = Plan
    for part in loc:
        if isinstance(part, int):
            continue
        field_info = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field_info is None:
            return "this key is not part of the plan schema"
        model = _inner_model(field_info.annotation)
        if model is None:
            return "this key is not part of the plan schema"
    return "allowed keys here are " + ", ".join(model.model_fields)


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
