"""`ctg record` and `ctg history`: indicator values, written and read back."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from ctgplan.cli.common import Format, FormatOption, PlanOption, app, fail, output, valid_plan, who
from ctgplan.cli.completion import complete_action
from ctgplan.i18n import N_, _, ngettext, number

if TYPE_CHECKING:
    from ctgplan.model import Action, Indicator, Plan, YearSpan
    from ctgplan.sidecar import Record


T = TypeVar("T")


def _until_valid(ask: Callable[[], T]) -> T:
    """Ask again until the answer is valid, saying what was wrong (terminal use only)."""
    from ctgplan.problems import CtgError

    while True:
        try:
            return ask()
        except CtgError as exc:
            sys.stderr.write(f"{exc}\n")


def _ask_year(period: YearSpan) -> int:
    from ctgplan.problems import CtgError

    typed = str(typer.prompt(_("Year"), default=str(dt.date.today().year))).strip()
    if not (typed.isascii() and typed.isdigit()):
        raise CtgError(_("{value} is not a year").format(value=repr(typed)))
    year = int(typed)
    if not period.covers(year):
        raise CtgError(_("{year} is outside the plan period {period}").format(
            year=year, period=period))
    return year


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask_action(plan: Plan) -> str:
    for action in plan.actions:
        sys.stdout.write(f"  {action.id:<8} {action.action[:70]}\n")
    return str(typer.prompt(_("Action")))


def _ask_indicator(action: Action) -> str:
    for indicator in action.indicators:
        unit = indicator.unit.value if indicator.unit else _("survey")
        sys.stdout.write(f"  {indicator.id:<5} {indicator.label} [{unit}]\n")
    return str(typer.prompt(_("Indicator")))


def _ask_value(indicator: Indicator) -> str:
    from ctgplan.model import Kind, Unit
    from ctgplan.units import EXPECTED

    if indicator.kind is Kind.QUALITATIVE:
        return str(typer.prompt(_("Summary of the survey results (short text)")))
    return str(typer.prompt(_("Value ({expected})").format(
        expected=_(EXPECTED[indicator.unit or Unit.NUMBER]))))


@app.command()
def record(
    action: Annotated[str | None, typer.Argument(
        help="Action id (PAR-2).", autocompletion=complete_action, show_default=False,
        metavar="ACTION")] = None,
    indicator: Annotated[str | None, typer.Argument(
        help="Indicator id of that action (QT1).", show_default=False,
        metavar="INDICATOR")] = None,
    value: Annotated[str | None, typer.Argument(
        help="The value (12; 12,5; 37 %; oui/non for a milestone), or for a qualitative "
             "indicator a short summary of the survey.", show_default=False,
        metavar="VALUE")] = None,
    year: Annotated[int | None, typer.Option(
        "--year", "-y", help="Year measured (asked, default this year, in a terminal).")] = None,
    quarter: Annotated[int | None, typer.Option(
        "--quarter", help="Quarter 1-4, for an indicator measured by quarter.")] = None,
    month: Annotated[int | None, typer.Option(
        "--month", help="Month 1-12, for an indicator measured by month.")] = None,
    respondents: Annotated[int | None, typer.Option(
        "--respondents", help="Survey: number of respondents.")] = None,
    score: Annotated[str | None, typer.Option(
        "--score", help="Survey: mean score on the indicator's scale (4,2).")] = None,
    satisfied: Annotated[str | None, typer.Option(
        "--satisfied", help="Survey: share satisfied, in percent (85).")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A remark kept with the value.")
                    ] = None,
    source: Annotated[str | None, typer.Option(
        "--source", help="Where the figure comes from (sign-in sheets, survey...).")] = None,
    by: Annotated[str | None, typer.Option(
        "--by", help="Who records it. Default: git's user.name.")] = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Correct an existing value (kept in the history); needs --reason.")
                       ] = False,
    reason: Annotated[str | None, typer.Option(
        "--reason", help="Why the value is replaced.")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Show what would be written; write nothing.")] = False,
    plan: PlanOption = None,
) -> None:
    """Record an indicator value in data/measurements/ACTION.yaml.

    Run bare in a terminal, it asks for each piece, offering the valid choices.

    Examples:

      ctg record PAR-2 QT1 12 --year 2026 --source "feuilles d'émargement"

      ctg record PAR-2 QL1 "Parents très satisfaits" --year 2026 --respondents 40
      --satisfied 85

      ctg record PAR-2 QT1 14 --year 2026 --replace --reason "oubli d'une séance"
    """
    with valid_plan(plan) as (path, the_plan):
        from ctgplan import query, record_input, record_write
        from ctgplan.problems import CtgError

        asking = _interactive() and (action is None or indicator is None or value is None)
        if not asking and (action is None or indicator is None or value is None):
            sys.stderr.write(_("Usage: ctg record ACTION INDICATOR VALUE --year YEAR") + "\n")
            fail(_("give ACTION, INDICATOR and VALUE (or run `ctg record` alone in a terminal "
                   "to be asked for each)"))
        found = (query.find_action(the_plan, action) if action is not None else
                 _until_valid(lambda: query.find_action(the_plan, _ask_action(the_plan))))
        chosen = (query.find_indicator(found, indicator) if indicator is not None else
                  _until_valid(lambda: query.find_indicator(found, _ask_indicator(found))))

        def fields_of(raw: str) -> dict[str, object]:
            return record_input.value_fields(chosen, raw, respondents=respondents, score=score,
                                        satisfied=satisfied)

        fields = (fields_of(value) if value is not None else
                  _until_valid(lambda: fields_of(_ask_value(chosen))))
        period = the_plan.plan.period
        if year is None:
            if not asking:
                raise typer.BadParameter(_("the year measured is required"), param_hint="--year")
            year = _until_valid(lambda: _ask_year(period))
        if not period.covers(year):
            raise CtgError(_("--year {year} is outside the plan period {period}").format(
                year=year, period=period))
        if replace and not (reason and reason.strip()):
            raise CtgError(_("--replace needs --reason TEXT: say why the value changes "
                             "(it is kept in the history)"))
        if reason and not replace:
            raise CtgError(_("--reason goes with --replace"))
        new = record_input.new_record(found.id, chosen, year, fields, by=who(by),
                                      quarter=quarter, month=month, source=source, note=note,
                                      reason=reason)
        written = record_write.append(path, the_plan, new, replace=replace, dry_run=dry_run)
        for warning in written.warnings:
            sys.stderr.write(_("ctg: warning: {message}").format(message=warning) + "\n")
        shown = _display(new)
        if dry_run:
            sys.stdout.write(_("Would append to {path} (nothing written):").format(
                path=written.path) + f"\n{written.block}")
            return
        done = (N_("Replaced {action} {indicator} = {value} for {period} in {path}")
                if written.replaced else
                N_("Recorded {action} {indicator} = {value} for {period} in {path}"))
        sys.stdout.write(_(done).format(action=found.id, indicator=chosen.id, value=shown,
                                        period=new.period, path=written.path) + "\n")


def _display(new: Record) -> str:
    return number(new.value, None) if new.value is not None else repr(new.summary)


@app.command()
def history(
    action: Annotated[list[str] | None, typer.Argument(
        help="Only these actions.", autocompletion=complete_action, show_default=False)
                      ] = None,
    indicator: Annotated[str | None, typer.Option(
        "--indicator", "-i", help="Only this indicator (QT1).")] = None,
    year: Annotated[list[int] | None, typer.Option(
        "--year", "-y", help="Only these years.")] = None,
    limit: Annotated[int, typer.Option(
        "--limit", help="Most rows in the table format (0: no limit).", min=0)] = 200,
    output_format: FormatOption = Format.TABLE,
    plan: PlanOption = None,
) -> None:
    """List the recorded values, oldest first; corrected values are marked "replaced".

    Example: ctg history PAR-2 --year 2026 --format csv > valeurs-2026.csv
    """
    with valid_plan(plan) as (path, the_plan):
        from ctgplan import history as history_
        from ctgplan import query, reading, views

        ids = [query.find_action(the_plan, a).id for a in action or ()]
        found = reading.load_records(path, only=ids or None)
        errors = [p for p in found.problems if p.level.value == "error"]
        if errors:
            problems = ngettext("{count} problem", "{count} problems", len(errors)).format(
                count=len(errors))
            sys.stderr.write(_("ctg: warning: {message}").format(message=_(
                "{problems} in the recorded values (those records are left out): run "
                "`ctg check`").format(problems=problems)) + "\n")
        entries = history_.entries(found.records, indicator=indicator, years=year or ())
        output("table", output_format.value, views.history_table(
            entries, limit=limit if output_format is Format.TABLE else 0))
