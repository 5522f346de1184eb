"""`ctg record` and `ctg history`: indicator values, written and read back."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

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


def _ask_survey(indicator: Indicator, respondents: int | None, satisfied: str | None,
                score: str | None) -> tuple[int | None, str | None, str | None]:
    """A survey's figures, asked when not given as options (empty answer: none)."""
    def ask(text: str) -> str | None:
        answer = str(typer.prompt(text, default="", show_default=False)).strip()
        return answer or None

    if respondents is None:
        count = _until_valid(lambda: _whole(ask(_("Respondents (empty: unknown)"))))
        respondents = count
    if satisfied is None:
        satisfied = ask(_("Share satisfied, in percent (empty: none)"))
    if score is None and indicator.scale is not None:
        score = ask(_("Mean score from {low} to {high} (empty: none)").format(
            low=number(indicator.scale.min, None), high=number(indicator.scale.max, None)))
    return respondents, satisfied, score


def _whole(text: str | None) -> int | None:
    from ctgplan.problems import CtgError

    if text is None:
        return None
    if not text.isdigit():
        raise CtgError(_("the number of respondents is a whole number, not {text!r}").format(
            text=text))
    return int(text)


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
    settle: Annotated[bool, typer.Option(
        "--settle", help="Choose VALUE among disputed values (two values of one period that "
                         "a merge left); needs --reason.")] = False,
    withdraw: Annotated[bool, typer.Option(
        "--withdraw", help="Withdraw the value of that period (recorded under the wrong year "
                           "or indicator; kept in the history); no VALUE; needs --reason.")
                        ] = False,
    reason: Annotated[str | None, typer.Option(
        "--reason", help="Why the value is replaced, settled or withdrawn.")] = None,
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

      ctg record PAR-2 QT1 14 --year 2026 --settle --reason "chiffre du bilan"

      ctg record PAR-2 QT1 --year 2025 --withdraw --reason "saisi sur la mauvaise année"
    """
    with valid_plan(plan) as (path, the_plan):
        from ctgplan import query, record_input, record_write
        from ctgplan.i18n import _
        from ctgplan.problems import CtgError

        if sum((replace, settle, withdraw)) > 1:
            raise CtgError(_("--replace, --settle and --withdraw go one at a time"))
        if withdraw and value is not None:
            raise CtgError(_("--withdraw takes no VALUE: it withdraws the value in force"))
        complete = action is not None and indicator is not None and (
            value is not None or withdraw)
        asking = _interactive() and not complete
        if not asking and not complete:
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

        if asking and value is None and not withdraw and chosen.kind.value == "qualitative":
            respondents, satisfied, score = _ask_survey(chosen, respondents, satisfied, score)

        fields: dict[str, object] = {} if withdraw else (
            fields_of(value) if value is not None else
            _until_valid(lambda: fields_of(_ask_value(chosen))))
        period = the_plan.plan.period
        if year is None:
            if not _interactive():  # in a terminal the year is asked, as --help says
                raise typer.BadParameter(_("the year measured is required"), param_hint="--year")
            year = _until_valid(lambda: _ask_year(period))
        if not period.covers(year):
            raise CtgError(_("--year {year} is outside the plan period {period}").format(
                year=year, period=period))
        flag = "--replace" if replace else "--settle" if settle else "--withdraw"
        if (replace or settle or withdraw) and not (reason and reason.strip()):
            raise CtgError(_("{flag} needs --reason TEXT: say why the value changes (it is "
                             "kept in the history)").format(flag=flag))
        if reason and not (replace or settle or withdraw):
            raise CtgError(_("--reason goes with --replace, --settle or --withdraw"))
        new = record_input.new_record(found.id, chosen, year, fields, by=who(by),
                                      quarter=quarter, month=month, source=source, note=note,
                                      reason=reason, correction="settles" if settle else
                                      "withdraws" if withdraw else "replaces")
        written = record_write.append(path, the_plan, new, replace=replace, dry_run=dry_run)
        for warning in written.warnings:
            sys.stderr.write(_("ctg: warning: {message}").format(message=warning) + "\n")
        for remark in written.notes:
            sys.stderr.write(_("ctg: note: {message}").format(message=remark) + "\n")
        shown = _display(new)
        if dry_run:
            sys.stdout.write(_("Would append to {path} (nothing written):").format(
                path=written.path) + f"\n{written.block}")
            return
        if withdraw:
            sys.stdout.write(_("Withdrew {action} {indicator} for {period} in {path}").format(
                action=found.id, indicator=chosen.id, period=new.period, path=written.path)
                + "\n")
            return
        done = (N_("Settled {action} {indicator} = {value} for {period} in {path}") if settle
                else N_("Replaced {action} {indicator} = {value} for {period} in {path}")
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
    from ctgplan.files import paused_gc

    with valid_plan(plan) as (path, the_plan), paused_gc():  # a million lists, no cycle
        from ctgplan import history_sort, history_view, query, reading
        from ctgplan.data_folder import sidecar_paths

        ids = [query.find_action(the_plan, a).id for a in action or ()]
        errors = 0

        def files() -> Iterator[list[list[Any]]]:
            nonlocal errors
            for file in sidecar_paths(path, ids or None):
                problems, rows = reading.sidecar_rows(file)
                errors += sum(1 for p in problems if p.level.value == "error")
                yield rows

        with history_sort.sorted_rows(files(), indicator=indicator, years=year or ()) as rows:
            if errors:
                problems = ngettext("{count} problem", "{count} problems", errors).format(
                    count=errors)
                sys.stderr.write(_("ctg: warning: {message}").format(message=_(
                    "{problems} in the recorded values (those records are left out): run "
                    "`ctg check`").format(problems=problems)) + "\n")
            milestones = frozenset((a.id, i.id.casefold()) for a in the_plan.actions
                                   for i in a.indicators if i.unit == "milestone")
            output("table", output_format.value, history_view.history_table(
                rows, limit=limit if output_format is Format.TABLE else 0,
                milestones=milestones))
