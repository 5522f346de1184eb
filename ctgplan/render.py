"""Renderers for problems: text, parsable, github and json. Only renderers print-format.

Each renderer turns the same list of problems into a string; the CLI writes it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ctgplan.problems import Level, Problem
from ctgplan.report import Readiness


@dataclass(frozen=True)
class CheckOutcome:
    """What ``ctg check`` found, ready to render."""

    files: Sequence[str]
    problems: Sequence[Problem]
    readiness: Readiness | None
    summary: str
    failed: bool


def parsable(outcome: CheckOutcome, *, color: bool = False) -> str:
    """``file:line:col: level: message [code]``, one line per problem."""
    return "".join(f"{p.file}:{p.line}:{p.col}: {p.level.value}: {p.message} [{p.code}]\n"
                   for p in outcome.problems)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(outcome: CheckOutcome, *, color: bool = False) -> str:
    """GitHub Actions workflow commands: one annotation per problem."""
    lines = []
    for p in outcome.problems:
        lines.append(
            f"::{p.level.value} file={_escape_property(p.file)},line={p.line},col={p.col},"
            f"title={_escape_property(p.code)}::{_escape_data(p.message)}\n")
    return "".join(lines)


def as_json(outcome: CheckOutcome, *, color: bool = False) -> str:
    """``{"status": ..., "problems": [...], "evaluation": {...}}``: a stable contract."""
    errors = sum(1 for p in outcome.problems if p.level is Level.ERROR)
    status = "error" if errors else ("warning" if outcome.problems else "ok")
    payload = {
        "status": status,
        "failed": outcome.failed,
        "files": list(outcome.files),
        "problems": [p.as_dict() for p in outcome.problems],
        "evaluation": outcome.readiness.as_dict() if outcome.readiness else None,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


_STYLES = {Level.ERROR: "\x1b[31m", Level.WARNING: "\x1b[33m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def text(outcome: CheckOutcome, *, color: bool = False) -> str:
    """Problems grouped by file, for people; coloured only when asked."""
    out: list[str] = []
    current = None
    for p in outcome.problems:
        if p.file != current:
            current = p.file
            out.append(f"{_BOLD}{p.file}{_RESET}" if color else p.file)
        level = p.level.value
        if color:
            level = f"{_STYLES[p.level]}{level:<7}{_RESET}"
            code = f"{_DIM}{p.code}{_RESET}"
        else:
            level, code = f"{level:<7}", p.code
        out.append(f"  {p.line}:{p.col}".ljust(11) + f" {level}  {p.message}  {code}")
    if outcome.problems:
        out.append("")
    out.append(outcome.summary)
    if outcome.readiness is not None and outcome.readiness.indicators:
        r = outcome.readiness
        out.append(
            f"Evaluation: of {r.indicators} indicators, {r.without_baseline} have no baseline "
            f"and {r.without_targets} have no target; progress needs both "
            "(informational, not an error).")
    return "\n".join(out) + "\n"


Renderer = Callable[..., str]
RENDERERS: dict[str, Renderer] = {
    "text": text,
    "parsable": parsable,
    "github": github,
    "json": as_json,
}


def choose(name: str) -> Renderer:
    """The renderer for a ``--format`` value; ``auto`` picks github under GitHub Actions."""
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return RENDERERS[name]
