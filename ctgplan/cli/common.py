"""What every command shares: the Typer app, the --plan option, error handling.

Only the ``ctgplan.cli`` package imports typer. Heavy modules (pydantic, rich) are imported
inside the commands that need them, so that ``ctg --help`` starts instantly.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ctgplan.cli.localized import CtgTyper
from ctgplan.problems import CtgError

if TYPE_CHECKING:
    from ctgplan.validate import PlanResult

app = CtgTyper(
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


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("ctgplan")
        except PackageNotFoundError:  # run from a source tree that was not installed
            number = "unknown (not installed)"
        sys.stdout.write(f"ctg {number}\n")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: Annotated[bool, typer.Option(
        "--version", "-V", help="Print the version and exit.", is_eager=True,
        callback=_show_version)] = False,
) -> None:
    """Run a Convention Territoriale Globale (CTG) action plan."""


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


def use_color(stream: object) -> bool:
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


