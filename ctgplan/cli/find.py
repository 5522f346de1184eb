"""`ctg list`, `ctg show`, `ctg themes`, `ctg partners`, `ctg indicators`: finding actions."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ctgplan.cli.common import Format, FormatOption, PlanOption, app, output, valid_plan
from ctgplan.cli.completion import complete_action, complete_partner, complete_theme


@app.command("list")
def list_actions(
    theme: Annotated[list[str] | None, typer.Option(
        "--theme", "-t", help="Theme id or label (PAR, parentalité, numerique).",
        autocompletion=complete_theme)] = None,
    partner: Annotated[list[str] | None, typer.Option(
        "--partner", help="Partner, lead or associated, by id, name or alias (caf, CAFY).",
        autocompletion=complete_partner)] = None,
    lead: Annotated[list[str] | None, typer.Option(
        "--lead", help="Partner leading the action.", autocompletion=complete_partner)] = None,
    year: Annotated[list[int] | None, typer.Option(
        "--year", "-y", help="Year covered by the calendar (ranges included).")] = None,
    search: Annotated[list[str] | None, typer.Option(
        "--search", "-s", help="Words found anywhere in the action's texts.")] = None,
    need: Annotated[list[str] | None, typer.Option(
        "--need", help="Need (besoin), by id or words of its text.")] = None,
    objective: Annotated[list[str] | None, typer.Option(
        "--objective", help="Objective, by id or words of its text.")] = None,
    status: Annotated[list[str] | None, typer.Option(
        "--status", help="Latest status (en-cours, realisee, en pause...; none: no status "
                         "yet); with one --year, the status of that year.")] = None,
    limit: Annotated[int, typer.Option(
        "--limit", help="Most rows in the table format (0: no limit).", min=0)] = 200,
    full: Annotated[bool, typer.Option(
        "--full", help="The whole action: need, objective, levers, lead, partners, calendar, "
                       "indicators and their latest values (for a spreadsheet).")] = False,
    output_format: FormatOption = Format.TABLE,
    plan: PlanOption = None,
) -> None:
    """List the actions, filtered.

    Repeating an option means OR (--theme PAR --theme NUM: either theme); different
    options mean AND (--theme PAR --year 2027: both). Case and accents are ignored;
    a fragment is enough when it designates one value.

    Examples:

      ctg list --theme PARENTALITE

      ctg list --partner CAF --year 2027 --format csv > actions.csv

      ctg list --full --format csv > plan-complet.csv
    """
    with valid_plan(plan) as (path, the_plan):
        from ctgplan import query, views

        filters = query.make_filters(
            the_plan, themes=theme or (), partners=partner or (), leads=lead or (),
            needs=need or (), objectives=objective or (), years=year or (),
            searches=search or ())
        actions = query.select(the_plan, filters)
        if status:
            from ctgplan import reading, status_query

            stated, _errors = reading.load_statuses(path, only=[a.id for a in actions])
            actions = status_query.keep(status_query.current(stated), actions, status,
                                        year or [])
        if full:
            from ctgplan import progress, reading

            records = reading.load_records(path, only=[a.id for a in actions]).records
            statuses = {a.id: progress.statuses(a, [r for r in records if r.action == a.id])
                        for a in actions}
            output("table", output_format.value,
                   views.actions_full_table(the_plan, actions, statuses, limit=limit))
            return
        output("table", output_format.value, views.actions_table(the_plan, actions, limit=limit))


class ShowFormat(str, Enum):
    """Output formats of ``ctg show`` (the renderers of the ``action`` view)."""

    TABLE = "table"
    JSON = "json"


ActionArgument = Annotated[str, typer.Argument(
    help="Action id, for example PAR-2 (case ignored).", autocompletion=complete_action,
    show_default=False)]


@app.command()
def show(
    action: ActionArgument,
    output_format: Annotated[ShowFormat, typer.Option(
        "--format", "-f", help="table (text for people) or json.")] = ShowFormat.TABLE,
    plan: PlanOption = None,
) -> None:
    """Show everything about one action: texts, partners, indicators and progress.

    Example: ctg show PAR-2
    """
    with valid_plan(plan) as (path, the_plan):
        from ctgplan import progress, query, reading, views

        found = query.find_action(the_plan, action)
        records = reading.load_records(path, only=[found.id]).records
        statuses = progress.statuses(found, [r for r in records if r.action == found.id])
        from ctgplan import status_query

        in_force = status_query.current(reading.load_statuses(path, only=[found.id])[0])
        output("action", output_format.value, views.action_sheet(
            the_plan, found, statuses, status_query.history(in_force, found)))


@app.command()
def themes(output_format: FormatOption = Format.TABLE, plan: PlanOption = None) -> None:
    """List the themes with their number of actions.

    Example: ctg themes --format markdown
    """
    with valid_plan(plan) as (_path, the_plan):
        from ctgplan import views

        output("table", output_format.value, views.themes_table(the_plan))


@app.command()
def partners(output_format: FormatOption = Format.TABLE, plan: PlanOption = None) -> None:
    """List the partners with the actions they lead and those they are associated with.

    Example: ctg partners --format csv > partenaires.csv
    """
    with valid_plan(plan) as (_path, the_plan):
        from ctgplan import views

        output("table", output_format.value, views.partners_table(the_plan))


@app.command()
def indicators(
    action: Annotated[list[str] | None, typer.Argument(
        help="Only these actions (ids).", autocompletion=complete_action,
        show_default=False)] = None,
    theme: Annotated[list[str] | None, typer.Option(
        "--theme", "-t", help="Only the actions of this theme.",
        autocompletion=complete_theme)] = None,
    output_format: FormatOption = Format.TABLE,
    plan: PlanOption = None,
) -> None:
    """List the indicators to collect: action, id, kind, unit, baseline and targets.

    Example: ctg indicators --theme PARENTALITE
    """
    with valid_plan(plan) as (_path, the_plan):
        from ctgplan import query, views

        chosen = [query.find_action(the_plan, a) for a in action or ()]
        filters = query.make_filters(the_plan, themes=theme or ())
        actions = [a for a in (chosen or the_plan.actions) if filters.keeps(the_plan, a)]
        output("table", output_format.value, views.indicators_table(actions))
