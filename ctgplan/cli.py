"""The ``ctg`` command line: parses options, calls the core, renders, exits.

Only this module imports typer. Heavy modules (pydantic, rich) are imported
inside the commands that need them, so that ``ctg --help`` starts instantly.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ctgplan.problems import CtgError

if TYPE_CHECKING:
    from ctgplan.validate import PlanResult

app = typer.Typer(
    name="ctg",
    help=(
        "Run a Convention Territoriale Globale (CTG) action plan: validate it, find "
        "actions, record indicator values.\n\n"
        "The plan is data/plan.yaml in this folder or a parent (or --plan, or $CTG_PLAN).\n\n"
        "Example: ctg list --theme PARENTALITE"
    ),
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class CheckFormat(str, Enum):
    """Output formats of ``ctg check``."""

    AUTO = "auto"
    TEXT = "text"
    PARSABLE = "parsable"
    GITHUB = "github"
    JSON = "json"


PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan", "-p", envvar="CTG_PLAN", show_envvar=True, dir_okay=True,
        help="The plan file. Default: data/plan.yaml in this folder or the nearest parent.",
    ),
]


def fail(message: str) -> NoReturn:
    """Print an error to stderr and exit 1."""
    sys.stderr.write(f"ctg: error: {message}\n")
    raise typer.Exit(1)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the core's one error type into a message on stderr and exit code 1."""
    try:
        yield
    except CtgError as exc:
        fail(str(exc))


def _use_color(stream: object) -> bool:
    import os

    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def load_valid_plan(plan: Path | None) -> PlanResult:
    """Load the plan for a command that needs a valid one; refuse one with errors."""
    from ctgplan.locate import find_plan
    from ctgplan.validate import load_plan

    path = find_plan(plan)
    result = load_plan(path)
    if result.plan is None:
        first = result.errors[0]
        count = len(result.errors)
        more = f" (and {count - 1} more)" if count > 1 else ""
        raise CtgError(
            f"{first.file}:{first.line}:{first.col}: {first.message}{more}; "
            f"the plan has {count} error{'s' if count > 1 else ''}: run `ctg check` to see "
            "them all")
    return result


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
    """Validate the plan and report every problem with file:line:col.

    Exit status: 0 when valid, 1 when there are errors (or warnings with --strict),
    2 for a usage error.

    Example: ctg check --format parsable
    """
    with user_errors():
        from ctgplan import render
        from ctgplan.locate import find_plan
        from ctgplan.problems import Level
        from ctgplan.report import readiness
        from ctgplan.validate import load_plan

        path = find_plan(plan)
        result = load_plan(path)
        problems = list(result.problems)
        errors = sum(1 for p in problems if p.level is Level.ERROR)
        warnings = len(problems) - errors
        failed = errors > 0 or (strict and warnings > 0)
        if result.plan is not None:
            p = result.plan
            what = (f"{len(p.actions)} actions, {len(p.themes)} themes, "
                    f"{len(p.partners)} partners, "
                    f"{sum(len(a.indicators) for a in p.actions)} indicators")
        else:
            what = "the plan cannot be used until the errors are fixed"
        counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        summary = f"{path}: {'FAILED' if failed else 'OK'} ({counts}); {what}"
        outcome = render.CheckOutcome(
            files=[str(path)], problems=problems,
            readiness=readiness(result.plan) if result.plan is not None else None,
            summary=summary, failed=failed)
        renderer = render.choose(output_format.value)
        sys.stdout.write(renderer(outcome, color=_use_color(sys.stdout)))
        if renderer in (render.parsable, render.github):
            sys.stderr.write(summary + "\n")
        if failed:
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


def main() -> None:
    """Entry point of the ``ctg`` script."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower() != "utf-8":
            reconfigure(encoding="utf-8")
    try:
        app()
    except CtgError as exc:  # pragma: no cover - commands catch it themselves
        sys.stderr.write(f"ctg: error: {exc}\n")
        sys.exit(1)
