"""Command-line values of plain types converted without building pydantic adapters.

Since version 0.29, Typer converts every parameter of the command being run through a
pydantic ``TypeAdapter`` built at each run, even a parameter left at its default: about
0.2 s before the first line of any ``ctg`` command, more than the rest of a warm
``ctg list``. Nearly all of ctg's parameters are plain: a text, a whole number, a flag,
a path, a list of texts. For those, :func:`plain_values` gives the parameter a
conversion that returns exactly what Typer's adapter returns for the values a command
line gives (a ``str``, an ``int`` written in digits, a ``bool``, a ``Path``) and hands
anything else (a malformed number, an empty path, a value of another type) to Typer's
own conversion, built then, so that its messages are unchanged.
``tests/test_cli_coercion.py`` compares both on every parameter of every command.

With a Typer that has no such conversion (before 0.29) or a different one, nothing is
changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:  # Typer's private conversion layer (0.29 and later)
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer._param_types import coerce_cli_choice, coerce_cli_path
    from typer._typing import get_args, get_origin
except ImportError:  # pragma: no cover - another Typer: keep its own conversion
    RuntimeParam = None  # type: ignore[assignment,misc]

_WHOLE = re.compile(r"-?(?:0|[1-9][0-9]*)")
"""A whole number as Typer's adapter reads it and ``int()`` reads it the same way."""


class _Other(Exception):
    """The value is not one the short-cut knows: Typer's own conversion decides."""


def _text(value: Any, _descriptor: Any, _param: Any, _ctx: Any) -> Any:
    if type(value) is not str:
        raise _Other
    return value


def _flag(value: Any, _descriptor: Any, _param: Any, _ctx: Any) -> Any:
    if type(value) is not bool:
        raise _Other
    return value


def _whole(value: Any, descriptor: Any, _param: Any, _ctx: Any) -> Any:
    if type(value) is str and _WHOLE.fullmatch(value):
        number = int(value)
    elif type(value) is int:
        number = value
    else:
        raise _Other
    info = descriptor.parameter_info
    if (info.min is not None and number < info.min) or \
            (info.max is not None and number > info.max):
        raise _Other  # Typer says why, or clamps
    return number


def _path(value: Any, descriptor: Any, param: Any, ctx: Any) -> Any:
    if not isinstance(value, (str, Path)) or value == "":
        raise _Other
    return coerce_cli_path(Path(value), descriptor.parameter_info,
                           path_type=descriptor.annotation, param=param, ctx=ctx)


def _choice(value: Any, descriptor: Any, _param: Any, ctx: Any) -> Any:
    try:
        return coerce_cli_choice(value, choices=descriptor.choices,
                                 case_sensitive=descriptor.case_sensitive, ctx=ctx)
    except ValueError:
        raise _Other from None


def _list_of(item: Any) -> Any:
    def convert(value: Any, descriptor: Any, param: Any, ctx: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            raise _Other
        return [item(one, descriptor, param, ctx) for one in value]
    return convert


_CONVERTERS = {str: _text, bool: _flag, int: _whole}
_LISTS = {str: _list_of(_text), int: _list_of(_whole)}


def _converter(descriptor: Any) -> Any:
    """How to convert a value of this parameter, or None to leave it to Typer."""
    info = descriptor.parameter_info
    if (descriptor.file_annotation is not None or info.parser is not None
            or getattr(info, "click_type", None) is not None):
        return None
    annotation = descriptor.annotation
    if get_origin(annotation) is list:
        (item,) = get_args(annotation) or (None,)
        return _LISTS.get(item)
    if descriptor.is_choice:
        return _choice
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return _path if info.path_type is None else None
    return _CONVERTERS.get(annotation)


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _PlainParam(RuntimeParam):
        """Typer's conversion, short-cut for the values a command line gives."""

        descriptor: TypeDescriptor
        convert: Any

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value, self.descriptor, param, ctx)
            except _Other:
                return build_runtime_param(self.descriptor)._coerce_value(value, param, ctx)


def plain_values(params: list[Any]) -> None:
    """Give the plain parameters among ``params`` the short-cut conversion."""
    if RuntimeParam is None:  # pragma: no cover - another Typer
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        convert = _converter(descriptor)
        if convert is not None:
            param._runtime_param = _PlainParam(parameter_info=descriptor.parameter_info,
                                               annotation=descriptor.annotation,
                                               descriptor=descriptor, convert=convert)
