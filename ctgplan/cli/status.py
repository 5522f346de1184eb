"""`ctg status` and `ctg todo`: where each action stands, and what is still missing."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ctgplan.cli.common import (
    Format,
    FormatOption,
    PlanOption,
    app,
    check_year,
    output,
    valid_plan,
    warn_unreadable,
    who,
)
from ctgplan.cli.completion import complete_action, complete_partner
from ctgplan.i18n import _


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
    with valid_plan(plan) as (path, the_plan):
        from ctgplan import query, status_file, status_write
        from ctgplan.problems import CtgError
        from ctgplan.record_input import now_utc

        found = query.find_action(the_plan, action)
        stated = status_file.resolve(state)
        check_year(the_plan, year)
        if replace and not (reason and reason.strip()):
            raise CtgError(_("--replace needs --reason TEXT: say why the status changes (it "
                             "is kept in the history)"))
        if reason and not replace:
            raise CtgError(_("--reason goes with --replace"))
        record = status_file.StatusRecord(
            action=found.id, year=year, status=stated, recorded_by=who(by),
            recorded_at=now_utc(), note=note.strip() if note and note.strip() else None,
            decision=decision.strip() if decision and decision.strip() else None,
            replaces=reason.strip() if reason else None)
        written = status_write.append(path, found, record, replace=replace, dry_run=dry_run)
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
                                        status=status_file.label(stated), path=written.path))


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
    with valid_plan(plan) as (path, the_plan):
        from ctgplan import reading, status_query, views
        from ctgplan import todo as todo_mod
        from ctgplan.files import paused_gc

        check_year(the_plan, year)
        records, unreadable = reading.load_statuses(path)
        with paused_gc():  # many small objects, no cycles
            gaps, bad = todo_mod.gaps(the_plan, year, reading.values_by_action(path, the_plan),
                                      status_query.current(records))
        if lead:
            from ctgplan import query

            leads = query.make_filters(the_plan, leads=lead).leads
            gaps = [g for g in gaps if g.lead in leads]
        warn_unreadable(unreadable + bad)
        if not gaps and output_format in (Format.TABLE, Format.MARKDOWN):
            sys.stdout.write(_("Nothing is missing for {year}: every expected value and "
                               "status is recorded.\n").format(year=year))
            return
        groups = todo_mod.by_lead(gaps, the_plan)
        if output_format is Format.MARKDOWN:
            output("todo", "markdown", (groups, year))
            return
        output("table", output_format.value, views.todo_table(groups))
