"""`ctg check` and `ctg schema`: validation for people, editors and CI."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ctgplan.cli.common import PlanOption, app, output, user_errors


class CheckFormat(str, Enum):
    """Output formats of ``ctg check``."""

    AUTO = "auto"
    TEXT = "text"
    PARSABLE = "parsable"
    GITHUB = "github"
    GITLAB = "gitlab"
    JSON = "json"


@app.command()
def check(
    plan: PlanOption = None,
    output_format: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="auto = github under GitHub Actions, else text; "
                     "gitlab = a GitLab Code Quality report (JSON)."),
    ] = CheckFormat.AUTO,
    strict: Annotated[
        bool, typer.Option("--strict", help="Warnings count as errors (exit 1).")
    ] = False,
) -> None:
    """Validate the plan and its recorded values; report every problem with file:line:col.

    Exit status: 0 when valid, 1 when there are errors (or warnings with --strict),
    2 for a usage error. Under GitHub Actions (github) and GitLab CI (gitlab), paths
    are relative to the repository's root.

    Examples:

      ctg check --format parsable

      ctg check --format gitlab > gl-code-quality-report.json
    """
    with user_errors():
        from ctgplan.plan_path import find_plan
        from ctgplan.reading import check_all
        from ctgplan.render_check import CheckReport

        path = find_plan(plan)
        report = CheckReport(check_all(path), str(path), strict=strict, cwd=str(Path.cwd()),
                             roots=_ci_roots())
        output("check", output_format.value, report)
        if report.failed:
            raise typer.Exit(1)


def _ci_roots() -> dict[str, str]:
    """The repository's root named by the CI, per format (symbolic links resolved)."""
    from ctgplan.render_ci import ROOT_VARIABLES

    return {fmt: str(Path(os.environ[name]).resolve()) for fmt, name in ROOT_VARIABLES.items()
            if os.environ.get(name)}
