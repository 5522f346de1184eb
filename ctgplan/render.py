"""Renderers for problems: text, parsable, github and json. Only renderers print-format.

Each renderer turns the same list of problems into a string; the CLI writes it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ctgplan.problems import Level, Problem

if TYPE_CHECKING:
    from ctgplan.report import Readiness
    from ctgplan.validate import FullCheck


@dataclass(frozen=True)
class CheckOutcome:
    """What ``ctg check`` found, ready to render."""

    files: Sequence[str]
    problems: Sequence[Problem]
    readiness: Readiness | None
    summary: str
    failed: bool


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def check_outcome(path: str, full: FullCheck, *, strict: bool) -> CheckOutcome:
    """What ``ctg check`` reports: the problems, a one-line verdict, the evaluation note."""
    from ctgplan.report import readiness

    errors = sum(1 for p in full.problems if p.level is Level.ERROR)
    warnings = len(full.problems) - errors
    failed = errors > 0 or (strict and warnings > 0)
    plan = full.plan.plan
    if plan is not None:
        what = (f"{_plural(len(plan.actions), 'action')}, {_plural(len(plan.themes), 'theme')}, "
                f"{_plural(len(plan.partners), 'partner')}, "
                f"{_plural(sum(len(a.indicators) for a in plan.actions), 'indicator')}")
        if len(full.files) > 1:
            what += (f"; {_plural(full.records, 'recorded value')} in "
                     f"{_plural(len(full.files) - 1, 'file')}")
    else:
        what = "the plan cannot be used until the errors are fixed"
    verdict = "FAILED" if failed else "OK"
    summary = (f"{path}: {verdict} ({_plural(errors, 'error')}, "
               f"{_plural(warnings, 'warning')}); {what}")
    return CheckOutcome(files=full.files, problems=full.problems,
                        readiness=readiness(plan) if plan is not None else None,
                        summary=summary, failed=failed)


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


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV for spreadsheets: UTF-8 with a BOM and ';' separators, as French Excel expects."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def _md_cell(value: object) -> str:
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")


def markdown_text(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table, to paste into a merge request or a report."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def rich_table_text(columns: Sequence[str], rows: Sequence[Sequence[object]], *,
                    color: bool, width: int, wide: Sequence[str] = ()) -> str:
    """A table that fits ``width`` columns; the ``wide`` columns take the spare room."""
    import io

    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold" if color else None, pad_edge=False,
                  show_edge=False)
    for column in columns:
        if column in wide:
            table.add_column(column, ratio=1, overflow="fold")
        else:
            table.add_column(column, no_wrap=True)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="standard" if color else None,
                      force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=False, emoji=False, markup=False)
    console.print(table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _wrap(label: str, text: str, width: int = 100) -> list[str]:
    import textwrap

    lines = textwrap.wrap(text, width=width - 14) or [""]
    return [f"{label:<13} {lines[0]}", *(f"{'':<13} {line}" for line in lines[1:])]


def _latest_text(latest: dict[str, Any] | None) -> str:
    if latest is None:
        return "no value recorded"
    if "value" in latest:
        shown = f"{latest['value']:g}" if isinstance(latest["value"], float) else str(
            latest["value"])
    else:
        parts = [f"{latest['satisfied']:g}% satisfied"] if "satisfied" in latest else []
        if "score" in latest:
            parts.append(f"score {latest['score']:g}")
        if "respondents" in latest:
            parts.append(f"{latest['respondents']} respondents")
        parts.append(f"\u201c{latest.get('summary', '')}\u201d")
        shown = ", ".join(parts)
    return f"{shown} ({latest['period']})"


def action_text(record: dict[str, Any], statuses: Sequence[Any]) -> str:
    """Everything about one action, as plain text for people."""
    lines = [f"{record['id']}  {record['theme']['label']}", ""]
    lines += _wrap("Action", record["action"])
    lines += _wrap("Need", record["need"]["text"])
    lines += _wrap("Objective", record["objective"]["text"])
    if record["levers"]:
        lines += _wrap("Levers", record["levers"])
    lines += _wrap("Lead", f"{record['lead']['name']} ({record['lead']['id']})")
    associated = "; ".join(f"{p['name']} ({p['id']})" for p in record["partners"])
    lines += _wrap("Partners", associated or "none")
    calendar = record["calendar"]
    years = (str(calendar["start"]) if calendar["start"] == calendar["end"]
             else f"{calendar['start']}-{calendar['end']}")
    lines += _wrap("Calendar", years)
    lines += ["", "Indicators"]
    if not record["indicators"]:
        lines.append("  none")
    for indicator, status in zip(record["indicators"], statuses, strict=True):
        state = status.as_dict()
        unit = indicator["unit"] or "survey"
        lines.append(f"  {indicator['id']:<5} {indicator['label']} [{indicator['kind']}, {unit}]")
        base = indicator["baseline"]
        facts = [f"baseline {base['value']:g} ({base['year']})" if base else "no baseline"]
        if state["target"] is not None:
            facts.append(f"target {state['target']:g} ({state['target_year']}, "
                         f"{indicator['direction']})")
        else:
            facts.append("no target")
        facts.append(f"latest {_latest_text(state['latest'])}")
        if state["progress"] is not None:
            facts.append(f"progress {state['progress']:g}%")
        import textwrap

        lines += textwrap.wrap("; ".join(facts), width=92, initial_indent=" " * 8,
                               subsequent_indent=" " * 8)
    return "\n".join(lines) + "\n"
