"""The one registry of renderers: every format of every command.

``render(view, format, data)`` returns a ``Rendered`` (stdout text, stderr text).
A view is the kind of data a command shows: ``check`` (a ``render_check.CheckReport``),
``table`` (a ``views.Table``: list, themes, partners, indicators, history) and
``action`` (a ``views.ActionSheet``: show), ``diff`` (a ``render_diff.DiffReport``:
diff), ``todo`` (gaps by lead and the year: todo's markdown) and ``report`` (a
``review.Review`` and whether to draw charts; xlsx, being bytes, is written by
``render_report_xlsx.workbook``). Renderer modules are imported when
first used, so that a command loads only the one it prints with.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib import import_module
from typing import Any

from ctgplan.render_base import Rendered

__all__ = ["REGISTRY", "Rendered", "choose", "formats", "render"]

Renderer = Callable[..., Rendered]
"""``renderer(data, *, color: bool, width: int) -> Rendered``."""

REGISTRY: dict[str, dict[str, str]] = {
    "check": {
        "text": "render_check:text",
        "parsable": "render_check:parsable",
        "github": "render_ci:github",
        "gitlab": "render_ci:gitlab",
        "json": "render_check:as_json",
    },
    "table": {
        "table": "render_table:table",
        "json": "render_table:as_json",
        "csv": "render_table:csv",
        "markdown": "render_table:markdown",
    },
    "action": {
        "table": "render_action:text",
        "json": "render_action:as_json",
    },
    "todo": {
        "markdown": "render_report:todo",
    },
    "report": {
        "html": "render_report:as_html",
        "markdown": "render_report:as_markdown",
        "json": "render_report:as_json",
    },
    "diff": {
        "text": "render_diff_text:rendered",
        "markdown": "render_diff_markdown:rendered",
        "json": "render_diff_json:rendered",
    },
}
"""view -> format -> ``module:function`` in ``ctgplan``."""


def formats(view: str) -> list[str]:
    """The formats a view can be rendered in."""
    return list(REGISTRY[view])


def choose(view: str, name: str) -> str:
    """The format for a ``--format`` value: ``auto`` is github under GitHub Actions, else text."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def renderer(view: str, name: str) -> Renderer:
    """The function that renders ``view`` in format ``name`` (KeyError: no such format)."""
    module, function = REGISTRY[view][choose(view, name)].split(":")
    found: Renderer = getattr(import_module(f"ctgplan.{module}"), function)
    return found


def render(view: str, name: str, data: Any, *, color: bool = False, width: int = 100
           ) -> Rendered:
    """``data`` rendered in format ``name``."""
    return renderer(view, name)(data, color=color, width=width)
