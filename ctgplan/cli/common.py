"""What every command shares: the Typer app, the --plan option, error handling.

Only the ``ctgplan.cli`` package imports typer. Heavy modules (pydantic, rich) are imported
inside the commands that need them, so that ``ctg --help`` starts instantly.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from ctgplan.cli.localized import CtgTyper
from ctgplan.i18n import _
from ctgplan.problems import CtgError, UsageError

if TYPE_CHECKING:
    from ctgplan.model import Plan
    from ctgplan.reading import ValidPlan
    from ctgplan.render_base import Rendered

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
            number = _("unknown (not installed)")
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


def fail(message: str, code: int = 1) -> NoReturn:
    """Print an error to stderr and exit ``code`` (1; 2 for a usage error)."""
    sys.stderr.write(_("ctg: error: {message}").format(message=message) + "\n")
    raise typer.Exit(code)


@contextmanager
def user_errors(code: int = 1) -> Iterator[None]:
    """Turn the core's one error type into a message on stderr and exit ``code`` (2 for a
    ``UsageError``: a plan that cannot be found)."""
    try:
        yield
    except CtgError as exc:
        fail(str(exc), 2 if isinstance(exc, UsageError) else code)


def use_color(stream: object) -> bool:
    import os

    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def valid_plan(plan: Path | None) -> Iterator[ValidPlan]:
    """The preamble of every command that needs a plan without errors.

    Finds the plan (``--plan``, ``$CTG_PLAN``, ``data/plan.yaml`` up the folders), loads
    it, refuses one with errors in one line pointing at `ctg check`, and turns the
    core's ``CtgError`` raised in the block into a message and exit code 1.
    """
    with user_errors():
        from ctgplan.plan_path import find_plan
        from ctgplan.reading import load_valid_plan

        yield load_valid_plan(find_plan(plan))


def write(rendered: Rendered) -> None:
    """Write a renderer's output: data to stdout, verdicts and notes to stderr."""
    sys.stdout.write(rendered.out)
    for chunk in rendered.chunks:
        sys.stdout.write(chunk)
    if rendered.err:
        sys.stderr.write(rendered.err)


def output(view: str, output_format: str, data: Any) -> None:
    """Render ``data`` through the registry in the chosen format and write it."""
    import shutil

    from ctgplan import render

    width = shutil.get_terminal_size((100, 24)).columns
    write(render.render(view, output_format, data, color=use_color(sys.stdout), width=width))


class Format(str, Enum):
    """Output formats of the listing commands."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f",
                 help="table for people; json (stable), csv (Excel/LibreOffice: UTF-8 with "
                      "BOM, ';' separated) or markdown (merge requests, reports)."),
]


def who(by: str | None) -> str:
    """--by, else git's user.name, else the login name."""
    if by and by.strip():
        return by.strip()
    import subprocess

    try:
        done = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                              encoding="utf-8", timeout=5, check=False)
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers, services)
        return "unknown"


def check_year(plan: Plan, year: int) -> None:
    """Refuse a --year outside the plan period."""
    if not plan.plan.period.covers(year):
        raise CtgError(_("--year {year} is outside the plan period {period}").format(
            year=year, period=plan.plan.period))


def warn_unreadable(count: int) -> None:
    """Warn that ``count`` unreadable records were left out."""
    from ctgplan.i18n import ngettext

    if count:
        sys.stderr.write(_("ctg: warning: {problems} in the recorded values or statuses "
                           "(those records are left out): run `ctg check`\n").format(
            problems=ngettext("{n} problem", "{n} problems", count).format(n=count)))
