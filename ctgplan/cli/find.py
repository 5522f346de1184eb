"""`ctg list`, `ctg show`, `ctg themes`, `ctg partners`, `ctg indicators`: finding actions."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ctgplan.cli.common import PlanOption, app, load_valid_plan, use_color, user_errors

if TYPE_CHECKING:
    from ctgplan.model import Plan


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


def _plan_for_completion() -> Plan | None:
    try:
        from ctgplan.locate import find_plan
        from ctgplan.validate import load_plan

        return load_plan(find_plan(None)).plan
    except Exception:  # completion must never break the shell
        return None


def _complete(kind: str, incomplete: str) -> list[tuple[str, str]]:
    from ctgplan import query
    from ctgplan.fold import fold

    plan = _plan_for_completion()
    if plan is None:
        return []
    makers = {"theme": query.theme_choices, "partner": query.partner_choices,
              "action": query.action_choices}
    key = fold(incomplete)
    return [(c.id, c.label[:60]) for c in makers[kind](plan)
            if fold(c.id).startswith(key) or key in fold(c.label)]


def complete_theme(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of theme ids."""
    return _complete("theme", incomplete)


def complete_partner(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of partner ids."""
    return _complete("partner", incomplete)


def complete_action(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of action ids."""
    return _complete("action", incomplete)


def emit(fmt: Format, columns: Sequence[str], rows: Sequence[Sequence[Any]],
         records: Any, *, wide: Sequence[str] = ()) -> None:
    """Write rows in the chosen format to stdout."""
    from ctgplan import render

    if fmt is Format.JSON:
        import json

        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    elif fmt is Format.CSV:
        text = render.csv_text(columns, rows)
    elif fmt is Format.MARKDOWN:
        text = render.markdown_text(columns, rows)
    else:
        import shutil

        width = shutil.get_terminal_size((100, 24)).columns
        text = render.rich_table_text(columns, rows, color=use_color(sys.stdout),
                                      width=width, wide=wide)
    sys.stdout.write(text)


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
    """
    with user_errors():
        from ctgplan import query

        loaded = load_valid_plan(plan)
        assert loaded.plan is not None
        the_plan = loaded.plan
        filters = query.make_filters(
            the_plan, themes=theme or (), partners=partner or (), leads=lead or (),
            needs=need or (), objectives=objective or (), years=year or (),
            searches=search or ())
        actions = query.select(the_plan, filters)
        if status:
            from ctgplan.status import keep

            actions = keep(loaded.path, actions, status, year or [])
        if not actions and output_format in (Format.TABLE, Format.MARKDOWN):
            sys.stdout.write("No action matches these filters.\n")
            return
        shown = actions
        if output_format is Format.TABLE and limit and len(actions) > limit:
            shown = actions[:limit]
        rows = []
        for action in shown:
            found_theme = the_plan.theme(action.theme)
            found_lead = the_plan.partner(action.lead)
            rows.append([action.id, found_theme.label if found_theme else action.theme,
                         action.action, found_lead.name if found_lead else action.lead,
                         str(action.calendar)])
        records = [query.action_record(the_plan, a) for a in shown]
        emit(output_format, ["ID", "Theme", "Action", "Lead", "Years"], rows, records,
             wide=("Action",))
        if len(shown) < len(actions):
            sys.stderr.write(f"... {len(actions) - len(shown)} more actions not shown: "
                             "use --limit 0, or --format csv\n")


ActionArgument = Annotated[str, typer.Argument(
    help="Action id, for example PAR-2 (case ignored).", autocompletion=complete_action,
    show_default=False)]


@app.command()
def show(
    action: ActionArgument,
    output_format: Annotated[Format, typer.Option(
        "--format", "-f", help="table (text for people) or json.")] = Format.TABLE,
    plan: PlanOption = None,
) -> None:
    """Show everything about one action: texts, partners, indicators and progress.

    Example: ctg show PAR-2
    """
    with user_errors():
        from ctgplan import query, report

        loaded = load_valid_plan(plan)
        assert loaded.plan is not None
        found = query.find_action(loaded.plan, action)
        status = report.action_status(loaded.path, loaded.plan, found)
        if output_format is Format.JSON:
            import json

            record = query.action_record(loaded.plan, found)
            for indicator, state in zip(record["indicators"], status, strict=True):
                indicator.update(state.as_dict())
            from ctgplan.status import history

            record["status"] = [s.as_dict() for s in history(loaded.path, found)]
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
            return
        if output_format is not Format.TABLE:
            raise typer.BadParameter("show prints table (text) or json",
                                     param_hint="--format")
        from ctgplan import render
        from ctgplan.review_text import status_text
        from ctgplan.status import history

        sys.stdout.write(render.action_text(query.action_record(loaded.plan, found), status)
                         + status_text(history(loaded.path, found)))


@app.command()
def themes(output_format: FormatOption = Format.TABLE, plan: PlanOption = None) -> None:
    """List the themes with their number of actions.

    Example: ctg themes --format markdown
    """
    with user_errors():
        from ctgplan import query

        loaded = load_valid_plan(plan)
        assert loaded.plan is not None
        counts = query.theme_counts(loaded.plan)
        records = [{"id": i, "label": label, "actions": n} for i, label, n in counts]
        emit(output_format, ["ID", "Theme", "Actions"], [list(c) for c in counts], records,
             wide=("Theme",))


@app.command()
def partners(output_format: FormatOption = Format.TABLE, plan: PlanOption = None) -> None:
    """List the partners with the actions they lead and those they are associated with.

    Example: ctg partners --format csv > partenaires.csv
    """
    with user_errors():
        from ctgplan import query

        loaded = load_valid_plan(plan)
        assert loaded.plan is not None
        counts = query.partner_counts(loaded.plan)
        aliases = {p.id: ", ".join(p.aliases) for p in loaded.plan.partners}
        rows = [[i, name, aliases[i], led, assoc] for i, name, led, assoc in counts]
        records = [{"id": i, "name": name, "aliases": aliases[i].split(", ") if aliases[i]
                    else [], "lead": led, "associated": assoc}
                   for i, name, led, assoc in counts]
        emit(output_format, ["ID", "Name", "Aliases", "Lead", "Associated"], rows, records,
             wide=("Name", "Aliases"))


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
    with user_errors():
        from ctgplan import query

        loaded = load_valid_plan(plan)
        assert loaded.plan is not None
        the_plan = loaded.plan
        chosen = [query.find_action(the_plan, a) for a in action or ()]
        filters = query.make_filters(the_plan, themes=theme or ())
        actions = [a for a in (chosen or the_plan.actions) if filters.keeps(the_plan, a)]
        rows, records = [], []
        for act in actions:
            for indicator in act.indicators:
                data = query.indicator_record(indicator)
                targets = ", ".join(f"{y}: {v:g}" for y, v in indicator.targets.items())
                base = indicator.baseline
                rows.append([act.id, indicator.id, indicator.kind.value,
                             data["unit"] or "", indicator.label,
                             f"{base.value:g} ({base.year})" if base else "", targets])
                records.append({"action": act.id, **data})
        emit(output_format, ["Action", "ID", "Kind", "Unit", "Indicator", "Baseline",
                             "Targets"], rows, records, wide=("Indicator",))
