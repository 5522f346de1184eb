"""Renderers of ``ctg check``: text for people, parsable and json (CI formats: ``render_ci``).

Each takes a ``CheckReport`` (the check's result, the plan's name as given, whether
warnings count, and where the command ran) and returns a ``Rendered``: with the
machine formats the verdict line goes to stderr, so that stdout holds only data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ctgplan.i18n import N_, _, ngettext
from ctgplan.problems import Level, Problem
from ctgplan.render_base import Rendered, one_line

if TYPE_CHECKING:
    from ctgplan.check import CheckResult


@dataclass(frozen=True)
class CheckReport:
    """What ``ctg check`` found, ready to render."""

    result: CheckResult
    path: str
    strict: bool = False
    cwd: str = ""
    """The folder ctg ran from (problems' paths are relative to it)."""
    roots: Mapping[str, str] = field(default_factory=dict)
    """The repository's root for a CI format (``github``: $GITHUB_WORKSPACE, ``gitlab``:
    $CI_PROJECT_DIR), to which that format makes paths relative."""
    wrap: bool = False
    """Wrap the text format's messages to the width (output to a terminal)."""

    @property
    def failed(self) -> bool:
        """Whether the check fails (the exit status is 1)."""
        return self.result.failed(self.strict)

    @property
    def summary(self) -> str:
        """The one-line verdict: OK or FAILED, counts, and what the plan holds."""
        full = self.result
        errors, warnings = full.errors, full.warnings
        plan = full.facts
        if plan is not None:
            actions, themes, partners = plan.actions, plan.themes, plan.partners
            indicators = plan.indicators
            what = ", ".join(text.format(count=n) for text, n in (
                (ngettext("{count} action", "{count} actions", actions), actions),
                (ngettext("{count} theme", "{count} themes", themes), themes),
                (ngettext("{count} partner", "{count} partners", partners), partners),
                (ngettext("{count} indicator", "{count} indicators", indicators), indicators)))
            if len(full.files) > 1:
                files = len(full.files) - 1
                what += _("; ") + _("{values} in {files}").format(
                    values=ngettext("{count} recorded value", "{count} recorded values",
                                    full.records).format(count=full.records),
                    files=ngettext("{count} file", "{count} files", files).format(count=files))
        else:
            what = _("the plan cannot be used until the errors are fixed")
        verdict = _("FAILED") if self.failed else _("OK")
        counts = {
            "errors": ngettext("{count} error", "{count} errors", errors).format(count=errors),
            "warnings": ngettext("{count} warning", "{count} warnings", warnings).format(
                count=warnings)}
        if full.notes:
            return _("{path}: {verdict} ({errors}, {warnings}, {notes}); {what}").format(
                path=self._named(), verdict=verdict, what=what, **counts,
                notes=ngettext("{count} note", "{count} notes", full.notes).format(
                    count=full.notes))
        return _("{path}: {verdict} ({errors}, {warnings}); {what}").format(
            path=self._named(), verdict=verdict, what=what, **counts)

    def _named(self) -> str:
        """The file the verdict is about: the plan, or the values files that failed when
        the plan itself has nothing that fails (at most three named)."""
        counted = {Level.ERROR, Level.WARNING} if self.strict else {Level.ERROR}
        failing: dict[str, None] = {}
        for p in self.result.problems:
            if p.level in counted:
                failing[p.file] = None
        if not failing or str(self.result.path) in failing:
            return self.path
        names = list(failing)
        if len(names) > 3:
            return ngettext("{files} and {count} other file", "{files} and {count} other files",
                            len(names) - 3).format(files=", ".join(names[:3]),
                                                   count=len(names) - 3)
        return ", ".join(names)


def problem_lines(problems: Iterable[Problem]) -> str:
    """``file:line:col: level: message [code]``, one line per problem, whatever it holds."""
    return "".join(f"{one_line(p.file)}:{p.line}:{p.col}: {p.level.value}: "
                   f"{one_line(p.message)} [{p.code}]\n" for p in problems)


def parsable(report: CheckReport, *, color: bool = False, width: int = 100) -> Rendered:
    """``file:line:col: level: message [code]``, one line per problem."""
    return Rendered(problem_lines(report.result.problems), report.summary + "\n")


def as_json(report: CheckReport, *, color: bool = False, width: int = 100) -> Rendered:
    """``{"status": ..., "problems": [...], "evaluation": {...}}``: a stable contract."""
    result = report.result
    status = "error" if result.errors else ("warning" if result.problems else "ok")
    readiness = result.readiness
    payload = {
        "status": status,
        "failed": report.failed,
        "files": list(result.files),
        "problems": [p.as_dict() for p in result.problems],
        "evaluation": readiness.as_dict() if readiness else None,
    }
    return Rendered(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


_LEVELS = {Level.ERROR: N_("error"), Level.WARNING: N_("warning"), Level.INFO: N_("info")}
"""The level as people read it (the parsable, github and json formats keep the code)."""
_STYLES = {Level.ERROR: "\x1b[31m", Level.WARNING: "\x1b[33m", Level.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def text(report: CheckReport, *, color: bool = False, width: int = 100) -> Rendered:
    """Problems grouped by file, for people; coloured only when asked."""
    problems = report.result.problems
    out: list[str] = []
    current = None
    width_of_level = max(len(_(word)) for word in _LEVELS.values())
    for p in problems:
        if p.file != current:
            current = p.file
            out.append(f"{_BOLD}{p.file}{_RESET}" if color else p.file)
        level = _(_LEVELS[p.level]).ljust(width_of_level)
        if color:
            level = f"{_STYLES[p.level]}{level}{_RESET}"
            code = f"{_DIM}{p.code}{_RESET}"
        else:
            code = p.code
        head = f"  {p.line}:{p.col}".ljust(11) + f" {level}  "
        line = f"{head}{p.message}  {code}"
        if report.wrap and len(line) > width:
            import textwrap

            indent = " " * (11 + width_of_level + 3)
            line = "\n".join(textwrap.wrap(
                f"{p.message}  {code}", width=max(width, 40), initial_indent=indent,
                subsequent_indent=indent, break_on_hyphens=False, break_long_words=False))
            line = head + line[len(indent):]
        out.append(line)
    if problems:
        out.append("")
    out.append(report.summary)
    r = report.result.readiness
    if r is not None and r.indicators:
        out.append(_(
            "Evaluation: of {indicators} indicators, {without_baseline} have no baseline "
            "and {without_targets} have no target; progress needs both "
            "(informational, not an error).").format(
                indicators=r.indicators, without_baseline=r.without_baseline,
                without_targets=r.without_targets))
    return Rendered("\n".join(out) + "\n")
