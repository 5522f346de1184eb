"""`ctg diff`: what changed in the plan between two revisions, for reviewers."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ctgplan.cli.common import PlanOption, app, output, user_errors

if TYPE_CHECKING:
    from ctgplan.model import Plan
    from ctgplan.revisions import Source


class DiffFormat(str, Enum):
    """Output formats of ``ctg diff``."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


@app.command()
def diff(
    old: Annotated[str | None, typer.Argument(
        help="A git revision (commit, branch, tag) or a plan file. Default: HEAD.",
        metavar="OLD", show_default=False)] = None,
    new: Annotated[str | None, typer.Argument(
        help="A git revision or a plan file. Default: the working tree.",
        metavar="NEW", show_default=False)] = None,
    plan: PlanOption = None,
    output_format: Annotated[DiffFormat, typer.Option(
        "--format", "-f", help="text for a terminal, markdown for a merge request or an "
        "amendment, json for scripts.")] = DiffFormat.TEXT,
    exit_code: Annotated[bool, typer.Option(
        "--exit-code", help="Exit 1 when something changed, 0 when nothing did (2 on an "
        "error).")] = False,
    values: Annotated[bool, typer.Option(
        "--values", help="Also compare the recorded values: added, corrected, withdrawn, "
        "per action.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="With --values, list every value that changed.")] = False,
) -> None:
    """Show what changed in the plan: actions, texts, targets, partners.

    Like git diff: no argument compares the last commit (HEAD) with the working tree,
    one compares that revision with the working tree, two compare two revisions.
    A plan file can stand for a revision. Nothing is checked out.

    Example: ctg diff main --format markdown > plan-changes.md
    """
    with user_errors(2 if exit_code else 1):
        from dataclasses import replace

        from ctgplan import plandiff, revisions, valuesdiff
        from ctgplan.plan_path import find_plan
        from ctgplan.render_diff import DiffReport, Sides

        if old is not None and new is not None and Path(old).is_file() and Path(new).is_file():
            path = Path(new)  # two files: no plan to find, no git
        else:
            path = find_plan(plan, must_exist=False)
        old_source = revisions.locate("HEAD" if old is None else old, path)
        new_source = revisions.locate(new, path)
        result = plandiff.compare(_valid_plan(old_source), _valid_plan(new_source))
        if values:
            result = replace(result, values=valuesdiff.compare_records(
                revisions.read_records(old_source), revisions.read_records(new_source)))
        output("diff", output_format.value,
               DiffReport(result, Sides(old_source, new_source), verbose))
    if exit_code and not result.empty:
        raise typer.Exit(1)


def _valid_plan(source: Source) -> Plan:
    """The plan of one side; one with errors is refused, pointing at `ctg check`."""
    from ctgplan.i18n import _, ngettext
    from ctgplan.plan_load import plan_from_text as load_plan_text
    from ctgplan.problems import CtgError
    from ctgplan.revisions import read_plan

    name = Path(f"{source.revision}:{source.repo_path}") if source.revision else source.path
    loaded = load_plan_text(read_plan(source), name)
    if loaded.plan is not None:
        return loaded.plan
    first = loaded.errors[0]
    count = len(loaded.errors)
    errors = ngettext("{count} error", "{count} errors", count).format(count=count)
    where = f"{first.file}:{first.line}:{first.col}: {first.message}"
    if source.revision is not None:
        raise CtgError(_("the plan at revision {revision} has {errors} ({where}): ctg diff "
                         "compares valid plans; check out {revision} and run `ctg check` to "
                         "see them all").format(revision=source.revision, errors=errors,
                                                where=where))
    check = "ctg check" if source.worktree else f"ctg check --plan {source.path.as_posix()}"
    raise CtgError(_("{path} has {errors} ({where}): ctg diff compares valid plans; run "
                     "`{check}` to see them all").format(path=source.path.as_posix(),
                                                         errors=errors, where=where,
                                                         check=check))
