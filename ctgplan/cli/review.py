"""`ctg status`, `ctg todo` and `ctg report`: the year's review for the steering committee."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ctgplan.cli.common import PlanOption, app, fail, load_valid_plan, user_errors
from ctgplan.cli.find import Format, FormatOption, complete_action, complete_partner, emit

if TYPE_CHECKING:
    from ctgplan.model import Plan


def _check_year(plan: Plan, year: int) -> None:
    from ctgplan.i18n import _
    from ctgplan.problems import CtgError

    if not plan.plan.period.covers(year):
        raise CtgError(_("--year {year} is outside the plan period {period}").format(
            year=year, period=plan.plan.period))


def _warn_unreadable(count: int) -> None:
    from ctgplan.i18n import _, ngettext

    if count:
        sys.stderr.write(_("ctg: warning: {problems} in the recorded values or statuses "
                           "(those records are left out): run `ctg check`\n").format(
            problems=ngettext("{n} problem", "{n} problems", count).format(n=count)))


@app.command()
def status(
    action: Annotated[str, typer.Argument(
        help="Action id (PAR-2).", autocompletion=complete_action, show_default=False)],
    state: Annotated[str, typer.Argument(
        help="a-venir, en-cours, realisee, reportee or abandonnee; French words work too "
             "(\"en cours\", \"réalisée\", \"en pause\", \"non démarrée\").",
        show_default=False, metavar="STATUS")],
    year: Annotated[int, typer.Option("--year", "-y", help="The year the status is for.")],
    note: Annotated[str | None, typer.Option(
        "--note", help="A comment: what was done, what blocks.")] = None,
    decision: Annotated[str | None, typer.Option(
        "--decision", help="The steering committee's (COPIL) decision, if any.")] = None,
    by: Annotated[str | None, typer.Option(
        "--by", help="Who states it. Default: git's user.name.")] = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Correct the year's status (kept in the history); needs --reason.")
                       ] = False,
    reason: Annotated[str | None, typer.Option(
        "--reason", help="Why the status is corrected.")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Show what would be written; write nothing.")] = False,
    plan: PlanOption = None,
) -> None:
    """Record where an action stands in a year, in data/measurements/ACTION.status.yaml.

    Examples:

      ctg status PAR-2 "en cours" --year 2026 --note "2 réunions sur 4"

      ctg status PAR-1 réalisée --year 2026 --decision "reconduite en 2027"

      ctg status PAR-2 reportee --year 2026 --replace --reason "erreur de saisie"
    """
    with user_errors():
        from ctgplan import query
        from ctgplan import status as status_mod
        from ctgplan.cli.record import _who
        from ctgplan.i18n import _
        from ctgplan.problems import CtgError
        from ctgplan.store import now_utc

        loaded = load_valid_plan(plan)
        assert loaded.plan is not None
        found = query.find_action(loaded.plan, action)
        stated = status_mod.resolve(state)
        _check_year(loaded.plan, year)
        if replace and not (reason and reason.strip()):
            raise CtgError(_("--replace needs --reason TEXT: say why the status changes (it "
                             "is kept in the history)"))
        if reason and not replace:
            raise CtgError(_("--reason goes with --replace"))
        record = status_mod.StatusRecord(
            action=found.id, year=year, status=stated, recorded_by=_who(by),
            recorded_at=now_utc(), note=note.strip() if note and note.strip() else None,
            decision=decision.strip() if decision and decision.strip() else None,
            replaces=reason.strip() if reason else None)
        written = status_mod.append(loaded.path, found, record, replace=replace,
                                    dry_run=dry_run)
        for warning in written.warnings:
            sys.stderr.write(_("ctg: warning: {warning}\n").format(warning=warning))
        if dry_run:
            sys.stdout.write(_("Would append to {path} (nothing written):\n").format(
                path=written.path) + written.line)
            return
        message = (_("Replaced the status of {action} for {year}: {status} in {path}\n")
                   if written.replaced else
                   _("Recorded the status of {action} for {year}: {status} in {path}\n"))
        sys.stdout.write(message.format(action=found.id, year=year,
                                        status=status_mod.label(stated), path=written.path))


@app.command()
def todo(
    year: Annotated[int, typer.Option("--year", "-y", help="The year under review.")],
    lead: Annotated[list[str] | None, typer.Option(
        "--lead", help="Only the actions this partner leads (id, name or alias).",
        autocompletion=complete_partner)] = None,
    output_format: FormatOption = Format.TABLE,
    plan: PlanOption = None,
) -> None:
    """List what is missing for a year: indicator values and action statuses, by lead.

    Only the actions whose calendar covers the year are expected to have them.

    Examples:

      ctg todo --year 2026

      ctg todo --year 2026 --lead jeunesse-sports --format markdown > relance.md
    """
    with user_errors():
        from ctgplan import todo as todo_mod
        from ctgplan.i18n import _

        loaded = load_valid_plan(plan)
        assert loaded.plan is not None
        _check_year(loaded.plan, year)
        gaps, unreadable = todo_mod.gaps(loaded.path, loaded.plan, year)
        if lead:
            from ctgplan import query

            leads = query.make_filters(loaded.plan, leads=lead).leads
            gaps = [g for g in gaps if g.lead in leads]
        _warn_unreadable(unreadable)
        if not gaps and output_format in (Format.TABLE, Format.MARKDOWN):
            sys.stdout.write(_("Nothing is missing for {year}: every expected value and "
                               "status is recorded.\n").format(year=year))
            return
        if output_format is Format.MARKDOWN:
            from ctgplan.review_text import todo_markdown

            sys.stdout.write(todo_markdown(todo_mod.by_lead(gaps, loaded.plan), year))
            return
        rows = []
        for name, items in todo_mod.by_lead(gaps, loaded.plan):
            for gap in items:
                rows.append([name, gap.action, *_gap_cells(gap)])
        records = [g.as_dict() for _lead, items in todo_mod.by_lead(gaps, loaded.plan)
                   for g in items]
        emit(output_format, [_("Lead"), _("Action"), _("Missing"), _("Indicator"),
                             _("Periods")], rows, records, wide=(_("Indicator"),))


def _gap_cells(gap: object) -> list[str]:
    from ctgplan import todo as todo_mod
    from ctgplan.i18n import _

    assert isinstance(gap, todo_mod.Gap)
    if gap.kind == todo_mod.STATUS:
        return [_("status"), "", gap.periods[0]]
    return [_("value"), f"{gap.indicator} {gap.label}", ", ".join(gap.periods)]


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
    with user_errors():
        from ctgplan import review
        from ctgplan.i18n import _, use_language
        from ctgplan.problems import CtgError

        loaded = load_valid_plan(plan)
        assert loaded.plan is not None
        if year is None and not final:
            raise typer.BadParameter(_("give the year under review, or --final"),
                                     param_hint="--year")
        if year is not None:
            _check_year(loaded.plan, year)
        fmt = output_format or _format_of(output)
        if output is None:
            name = "bilan-final" if final else f"bilan-{year}"
            output = Path(f"{name}.{_EXTENSIONS[fmt]}")
        if str(output) == "-" and fmt in (ReportFormat.HTML, ReportFormat.XLSX):
            raise CtgError(_("-o - writes markdown or json to stdout; give a file name for "
                             "{format}").format(format=fmt.value))
        use_language(lang.value)
        try:
            data, unreadable = review.build(loaded.path, loaded.plan, year=year, final=final)
            _warn_unreadable(unreadable)
            content = _render(fmt, data, charts=charts)
        finally:
            use_language(None)
        if str(output) == "-":
            assert isinstance(content, str)
            sys.stdout.write(content)
            return
        from ctgplan.store import write_atomic

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


def _render(fmt: ReportFormat, data: object, *, charts: bool) -> str | bytes:
    from ctgplan import review

    assert isinstance(data, review.Review)
    if fmt is ReportFormat.JSON:
        return review.to_json(data)
    if fmt is ReportFormat.XLSX:
        from ctgplan.review_xlsx import workbook

        return workbook(data, charts=charts)
    from ctgplan.review_text import html, markdown

    return html(data, charts=charts) if fmt is ReportFormat.HTML else markdown(data)
