"""`ctg check` and `ctg schema`: validation for people, editors and CI."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from ctgplan.cli.common import PlanOption, app, output, user_errors


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
        from ctgplan.plan_path import find_plan
        from ctgplan.reading import check_all
        from ctgplan.render_check import CheckReport

        path = find_plan(plan)
        report = CheckReport(check_all(path), str(path), strict=strict)
        output("check", output_format.value, report)
        if report.failed:
            raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the plan, for editors and other validators.

    VS Code (YAML extension) reads it from the plan's first line:
    # yaml-language-server: $schema=../schema/plan.schema.json

    Example: ctg schema > schema/plan.schema.json
    """
    import json

    from ctgplan.model import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")


