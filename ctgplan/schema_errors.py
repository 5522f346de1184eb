"""Pydantic's validation errors turned into located problems with plain messages.

Each error's ``loc`` is the YAML path of the value (the models use the YAML keys
as field names); it is looked up in the document's node tree. A missing key
points at the mapping that lacks it, an unknown key at the key itself.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from ctgplan.i18n import N_, _, language, number
from ctgplan.model import Plan
from ctgplan.problems import Level, Problem
from ctgplan.yamlbuild import node_position
from ctgplan.yamldoc import Document, key_node

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
            message = _("'{name}' is missing here: add it (see `ctg schema` for every key)"
                        ).format(name=name)
        elif kind == "extra_forbidden":
            node = key_node(doc.root, loc)
            line, col = node_position(node) if node is not None else doc.position(loc)
            message = _("unknown key '{name}': {allowed}; check its spelling or remove it"
                        ).format(name=name, allowed=_allowed_keys(loc[:-1]))
        else:
            line, col = doc.position(loc)
            message = _message(error) if isinstance(loc[-1], int) else (
                _("{name}: {message}").format(name=name, message=_message(error)))
        yield Problem(doc.path, line, col, Level.ERROR, code, message)


def _code_for(kind: str) -> str:
    if "-" in kind:  # our own PydanticCustomError codes are already kebab-case
        return str(kind)
    if kind.startswith(("date", "datetime")):
        return "bad-date"
    return "wrong-type"


_PLAIN_MESSAGES = {
    "model_type": N_("expected a mapping (key: value lines)"),
    "model_attributes_type": N_("expected a mapping (key: value lines)"),
    "dict_type": N_("expected a mapping (key: value lines)"),
    "list_type": N_("expected a list (lines starting with '- ', or [a, b])"),
}

_PYDANTIC_MESSAGES = {
    "int_parsing": N_("a whole number is expected"),
    "int_type": N_("a whole number is expected"),
    "int_from_float": N_("a whole number is expected"),
    "float_parsing": N_("a number is expected"),
    "float_type": N_("a number is expected"),
    "finite_number": N_("a finite number is expected"),
    "string_type": N_("a text is expected"),
    "bool_parsing": N_("true or false is expected"),
    "bool_type": N_("true or false is expected"),
    "date_parsing": N_("a date is expected (YYYY-MM-DD, for example 2025-11-24)"),
    "date_from_datetime_parsing": N_("a date is expected (YYYY-MM-DD, for example 2025-11-24)"),
    "date_from_datetime_inexact": N_("a date is expected (YYYY-MM-DD, for example 2025-11-24)"),
    "date_type": N_("a date is expected (YYYY-MM-DD, for example 2025-11-24)"),
    "string_too_short": N_("the text must not be empty"),
    "too_short": N_("the list must not be empty"),
}
"""Pydantic's messages said in ctg's words, in languages other than English (in English,
pydantic's own message, more precise, is kept)."""

_PYDANTIC_LIMITS = {
    "greater_than_equal": ("ge", N_("the value must be {limit} or more")),
    "less_than_equal": ("le", N_("the value must be {limit} or less")),
    "greater_than": ("gt", N_("the value must be more than {limit}")),
    "less_than": ("lt", N_("the value must be less than {limit}")),
}


def _pydantic_message(error: dict[str, Any]) -> str:
    """Pydantic's message for ``error``, in the user's language when ctg has the words."""
    kind = error["type"]
    message = str(error["msg"])
    if language() == "en":
        return message
    context = error.get("ctx") or {}
    if kind in _PYDANTIC_MESSAGES:
        return _(_PYDANTIC_MESSAGES[kind])
    if kind in _PYDANTIC_LIMITS and _PYDANTIC_LIMITS[kind][0] in context:
        key, template = _PYDANTIC_LIMITS[kind]
        return _(template).format(limit=number(context[key], None))
    if kind in ("literal_error", "enum") and "expected" in context:
        expected = str(context["expected"]).replace(" or ", " {} ".format(_("or")))
        return _("expected {expected}").format(expected=expected)
    return message


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    value = error.get("input")
    message = _(_PLAIN_MESSAGES[kind]) if kind in _PLAIN_MESSAGES else _pydantic_message(error)
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if "-" not in kind:
        shown = repr(value) if not isinstance(value, (dict, list)) else (
            _("a mapping") if isinstance(value, dict) else _("a list"))
        message = _("{message} (found {found})").format(message=message, found=shown)
    if "[key]" in error["loc"]:
        message = _("key {value!r}: {message}").format(value=value, message=message)
    return message


def _allowed_keys(loc: tuple[Any, ...]) -> str:
    model: Any = Plan
    for part in loc:
        if isinstance(part, int):
            continue
        field_info = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field_info is None:
            return _("this key is not part of the plan schema")
        model = _inner_model(field_info.annotation)
        if model is None:
            return _("this key is not part of the plan schema")
    return _("allowed keys here are {keys}").format(keys=", ".join(model.model_fields))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
