"""`ctg report`: the year's review for the steering committee, or the final review."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ctgplan.cli.common import PlanOption, app, check_year, fail, valid_plan, warn_unreadable
from ctgplan.i18n import _

if TYPE_CHECKING:
    from ctgplan.model import Plan
    from ctgplan.review import Review


class ReportFormat(str, Enum):
    """Output formats of ``ctg report``."""

    HTML = "html"
    MARKDOWN = "markdown"
    XLSX = "xlsx"
    JSON = "json"


class Language(str, Enum):
    """Languages a report is written in."""

    FR = "fr"
    EN = "en"


@app.command()
def report(
    year: Annotated[int | None, typer.Option(
        "--year", "-y", help="The year under review (required unless --final).")] = None,
    final: Annotated[bool, typer.Option(
        "--final", help="The end-of-convention review: every year of the plan.")] = False,
    output_format: Annotated[ReportFormat | None, typer.Option(
        "--format", "-f", help="html, markdown, xlsx or json. Default: from the file's "
                               "extension, else html.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="The file to write. Default: bilan-YEAR.EXT in this folder; "
                               "'-' writes markdown or json to stdout.")] = None,
    lang: Annotated[Language, typer.Option(
        "--lang", help="The report's language (the committee's: French by default).")
                    ] = Language.FR,
    charts: Annotated[bool, typer.Option(
        "--charts/--no-charts", help="Draw the charts (HTML and XLSX).")] = True,
    plan: PlanOption = None,
) -> None:
    """Write the year's review for the steering committee (COPIL), or the final review.

    A cover, a summary by status and target, every theme and action with its status,
    indicators (baseline, target, values by year, rate) and survey results, and what is
    still missing.

    Examples:

      ctg report --year 2026 -o bilan-2026.html

      ctg report --year 2026 --format xlsx -o tableau-de-bord-2026.xlsx

      ctg report --final --format markdown -o bilan-final.md
    """
    with valid_plan(plan) as (path, the_plan):
        from ctgplan.i18n import use_language
        from ctgplan.problems import CtgError

        if year is None and not final:
            raise typer.BadParameter(_("give the year under review, or --final"),
                                     param_hint="--year")
        if year is not None:
            check_year(the_plan, year)
        fmt = output_format or _format_of(output)
        if output is None:
            name = "bilan-final" if final else f"bilan-{year}"
            output = Path(f"{name}.{_EXTENSIONS[fmt]}")
        if str(output) == "-" and fmt in (ReportFormat.HTML, ReportFormat.XLSX):
            raise CtgError(_("-o - writes markdown or json to stdout; give a file name for "
                             "{format}").format(format=fmt.value))
        use_language(lang.value)
        try:
            data, unreadable = _build(path, the_plan, year, final)
            warn_unreadable(unreadable)
            content = _render(fmt, data, charts=charts)
        finally:
            use_language(None)
        if str(output) == "-":
            assert isinstance(content, str)
            sys.stdout.write(content)
            return
        from ctgplan.files import write_atomic

        if not output.parent.is_dir():
            raise CtgError(_("cannot write {path}: the folder {folder} does not exist").format(
                path=output, folder=output.parent))
        try:
            write_atomic(output, content.encode("utf-8") if isinstance(content, str)
                         else content)
        except OSError as exc:
            raise CtgError(_("cannot write {path}: {reason}").format(
                path=output, reason=exc.strerror)) from None
        _readable(output)
        sys.stdout.write(_("Wrote {path}\n").format(path=output))


def _readable(path: Path) -> None:
    """Give a written report the permissions of a file the user creates (a temporary file,
    which it was, is private to its owner), so that it can be shared."""
    import os
    from contextlib import suppress

    mask = os.umask(0)
    os.umask(mask)
    with suppress(OSError):
        path.chmod(0o666 & ~mask)


_EXTENSIONS = {ReportFormat.HTML: "html", ReportFormat.MARKDOWN: "md",
               ReportFormat.XLSX: "xlsx", ReportFormat.JSON: "json"}


def _format_of(output: Path | None) -> ReportFormat:
    if output is None or str(output) == "-":
        if output is not None:
            fail("-o - needs --format markdown or --format json")
        return ReportFormat.HTML
    suffix = output.suffix.lower().lstrip(".")
    for fmt, extension in _EXTENSIONS.items():
        if suffix in (extension, fmt.value, "htm" if fmt is ReportFormat.HTML else ""):
            return fmt
    return ReportFormat.HTML


def _build(path: Path, plan: Plan, year: int | None, final: bool) -> tuple[Review, int]:
    """The review: statuses and values read through ``reading``, built by ``review_build``."""
    from ctgplan import reading, review_build, status_query
    from ctgplan.files import paused_gc
    from ctgplan.revisions import revision

    records, unreadable = reading.load_statuses(path)
    with paused_gc():  # many small objects, no cycles
        data, bad = review_build.build(plan, reading.values_by_action(path, plan),
                                       status_query.current(records), year=year, final=final,
                                       revision=revision(path.parent))
    return data, unreadable + bad


def _render(fmt: ReportFormat, data: Review, *, charts: bool) -> str | bytes:
    if fmt is ReportFormat.XLSX:
        from ctgplan.render_report_xlsx import workbook

        return workbook(data, charts=charts)
    from ctgplan import render

    return render.render("report", fmt.value, (data, charts)).out
