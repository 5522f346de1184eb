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
        yield Problem(doc.path, line, col, Level.ERROR, code, message)


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
