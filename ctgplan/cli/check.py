"""`ctg check` and `ctg schema`: validation for people, editors and CI."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from ctgplan.cli.common import PlanOption, app, use_color, user_errors


class CheckFormat(str, Enum):
    """Output formats of ``ctg check``."""

    AUTO = "auto"
    TEXT = "text"
    PARSABLE = "parsable"
    GITHUB = "github"
    JSON = "json"


@app.command()
def check(
    plan: PlanOption = None,
    output_format: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="auto = github under GitHub Actions, else text."),
    ] = CheckFormat.AUTO,
    strict: Annotated[
        bool, typer.Option("--strict", help="Warnings count as errors (exit 1).")
    ] = False,
) -> None:
    """Validate the plan and its recorded values; report every problem with file:line:col.

    Exit status: 0 when valid, 1 when there are errors (or warnings with --strict),
    2 for a usage error.

    Example: ctg check --format parsable
    """
    with user_errors():
        from ctgplan import render
        from ctgplan.locate import find_plan
        from ctgplan.validate import check_all

        path = find_plan(plan)
        full = check_all(path)
        outcome = render.check_outcome(str(path), full, strict=strict)
        renderer = render.choose(output_format.value)
        sys.stdout.write(renderer(outcome, color=use_color(sys.stdout)))
        if renderer in (render.parsable, render.github):
            sys.stderr.write(outcome.summary + "\n")
        if outcome.failed:
            raise typer.Exit(1)
