"""`ctg import` and `ctg import-values`: an adopted table becomes a plan; a table of values
is recorded."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ctgplan.cli.common import PlanOption, app, fail, user_errors, who
from ctgplan.i18n import _

if TYPE_CHECKING:
    pass

@app.command("import")
def import_(
    table: Annotated[Path, typer.Argument(
        help="The adopted plan's table: XLSX, ODS, CSV or TSV.", show_default=False,
        metavar="TABLE")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The plan file to write.")] = Path("data/plan.yaml"),
    period: Annotated[str | None, typer.Option(
        "--period", help="The plan period (2025-2028), when the title does not say it.",
        show_default=False, metavar="YEARS")] = None,
    mapping: Annotated[list[str] | None, typer.Option(
        "--map", help="Read a column as a field: 'Header text=field' (fields: id, theme, "
                      "need, objective, general-objective, action, levers, lead, partners, "
                      "lead-partners, indicators, quantitative, qualitative, calendar, "
                      "status, ignore). Repeatable.", show_default=False,
        metavar="'HEADER=FIELD'")] = None,
    sheet: Annotated[str | None, typer.Option(
        "--sheet", help="Read only this sheet of a spreadsheet.", show_default=False,
        metavar="NAME")] = None,
    report: Annotated[Path | None, typer.Option(
        "--report", help="Also write the full import report, as markdown, to this file.",
        show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Print the plan instead of writing it.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite an existing plan file.")] = False,
) -> None:
    """Turn the adopted plan's table into a plan file that `ctg check` accepts.

    Every cell of the table ends up in the plan or in the report, with its cell
    reference; every guess (calendar, merged partner, indicator unit) is listed.

    Example: ctg import "Plan d'actions CTG.xlsx" --report import-report.md
    """
    with user_errors():
        from ctgplan.files import write_atomic
        from ctgplan.importing import import_table
        from ctgplan.importing.headers import parse_mapping
        from ctgplan.importing.report import markdown, summary
        from ctgplan.problems import CtgError

        try:
            fields = parse_mapping(mapping or [])
        except KeyError as exc:
            raise typer.BadParameter(_("unknown field {field!r}").format(
                field=exc.args[0]), param_hint="--map") from None
        except ValueError as exc:
            raise typer.BadParameter(_("write 'Header text=field', not {item!r}").format(
                item=exc.args[0]), param_hint="--map") from None
        if not dry_run and output.exists() and not force:
            raise CtgError(_("{output} already exists: nothing was written; run again with "
                             "--force to replace it, or choose another file with -o").format(
                                 output=output))
        result = import_table(table, period=period, mapping=fields, sheet=sheet)
        if dry_run:
            sys.stdout.write(result.yaml)
            sys.stderr.write(summary(result, str(table), None))
            return
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CtgError(_("cannot create {folder}: {reason}").format(
                folder=output.parent, reason=exc.strerror)) from None
        write_atomic(output, result.yaml.encode("utf-8"))
        if report is not None:
            write_atomic(report, markdown(result, str(table), str(output)).encode("utf-8"))
        sys.stdout.write(summary(result, str(table), str(output)))
        errors = _check(output)
        if errors:
            fail(_("{output}: {count} error(s) remain: run `ctg check --plan {output}`").format(
                output=output, count=errors))


def _check(output: Path) -> int:
    from ctgplan.reading import load_plan

    return len(load_plan(output).errors)



@app.command("import-values")
def import_values(
    table: Annotated[Path, typer.Argument(
        help="A table of values: CSV, TSV, XLSX or ODS with the columns action, indicator, "
             "year (or period), value, and optionally source, note, respondents, "
             "satisfied, score, quarter, month; headers in French or English.",
        show_default=False, metavar="FILE")],
    sheet: Annotated[str | None, typer.Option(
        "--sheet", help="Read this sheet of a spreadsheet (default: the first with a "
                        "header).", show_default=False, metavar="NAME")] = None,
    by: Annotated[str | None, typer.Option(
        "--by", help="Who records them. Default: git's user.name.")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Check every row and write nothing.")] = False,
    plan: PlanOption = None,
) -> None:
    """Record every value of a table, with the checks of `ctg record`: all or nothing.

    Every bad row is reported as FILE:ROW:COLUMN; if any row is bad, nothing is
    recorded.

    Example: ctg import-values valeurs-2026.xlsx
    """
    with user_errors():
        from ctgplan.importing.values import read_values, write_values
        from ctgplan.plan_path import find_plan
        from ctgplan.reading import load_valid_plan
        from ctgplan.record_input import now_utc
        from ctgplan.render_check import problem_lines

        loaded = load_valid_plan(find_plan(plan))
        values = read_values(table, loaded.path, loaded.plan, recorded_by=who(by),
                             recorded_at=now_utc(), sheet=sheet)
        sys.stderr.write(problem_lines(values.problems))
        if values.problems:
            bad = len({p.line for p in values.problems})
            fail(_("{bad} of {rows} rows have problems: nothing was recorded; correct the "
                   "table and run again").format(bad=bad, rows=values.rows))
        if not values.records:
            fail(_("{table}: no value to record (the table has a header but no row)").format(
                table=table))
        if dry_run:
            sys.stdout.write(_("{count} values checked in {table}: all can be recorded "
                               "(nothing written)").format(
                                   count=len(values.records), table=table) + "\n")
            return
        sys.stderr.write(problem_lines(values.warnings))
        written = write_values(loaded.path, loaded.plan, values.records)
        sys.stdout.write(_("Recorded {count} values from {table} in {files}").format(
            count=len(values.records), table=table,
            files=", ".join(str(p) for p in written)) + "\n")
