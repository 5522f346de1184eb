"""`ctg init` and `ctg schema`: what a plan repository of its own needs."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from ctgplan.cli.common import app, fail, user_errors
from ctgplan.i18n import _
from ctgplan.newrepo import Forge


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ctgplan")
    except PackageNotFoundError:  # a source tree that was not installed
        return "0"


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the schema to this file instead of printing it.")] = None,
    check: Annotated[Path | None, typer.Option(
        "--check", help="Exit 1 if this file is not the schema of the installed ctg (for CI).",
    )] = None,
) -> None:
    """Print the JSON Schema of the plan, for editors and other validators.

    VS Code (YAML extension) reads it from the plan's first line:
    # yaml-language-server: $schema=../schema/plan.schema.json

    Example: ctg schema --output schema/plan.schema.json
    """
    from ctgplan.newrepo import schema_text

    text = schema_text()
    with user_errors():
        if check is not None:
            try:
                current = check.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
            except OSError as exc:
                fail(_("cannot read {path}: {reason}; create it with "
                       "`ctg schema --output {path}`").format(path=check, reason=exc.strerror))
            if current != text:
                fail(_("{path} is not the schema of this version of ctg ({version}): update "
                       "it with `ctg schema --output {path}` and commit it").format(
                           path=check, version=_version()))
            return
        if output is not None:
            from ctgplan.files import write_atomic

            output.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(output, text.encode("utf-8"))
            return
    sys.stdout.write(text)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(
        help="The repository's folder (created if needed).")] = Path(),
    ci: Annotated[Forge, typer.Option(
        "--ci", help="The forge whose CI file to write.")] = Forge.GITLAB,
    territory: Annotated[str, typer.Option(
        "--territory", help="The territory (intercommunality), as the plan names it.",
    )] = "À compléter",
    title: Annotated[str | None, typer.Option("--title", help="The plan's title.")] = None,
    period: Annotated[str | None, typer.Option(
        "--period", help="The convention's years, e.g. 2026-2029 (default: 4 years from "
        "this year).")] = None,
    table: Annotated[Path | None, typer.Option(
        "--from", help="Import the plan from its adopted table (TSV, CSV, XLSX, ODS), as "
        "`ctg import` does, instead of writing an empty plan.")] = None,
    package: Annotated[str | None, typer.Option(
        "--package", help="Where CI installs ctg from: a pip requirement such as "
        "'ctgplan @ git+https://forge.example.fr/outils/ctg.git' (default: this version "
        "by name).")] = None,
) -> None:
    """Create a plan repository for a territory: plan, schema, git and CI files.

    Files that exist are kept (the plan is never replaced); an existing .gitattributes
    gets the union-merge line. Runs `git init` when the folder is not in a repository.

    Example: ctg init ctg-ccgm --territory CCGM --period 2025-2028 --ci gitlab
    Example: ctg init ctg-ccgm --from "Plan d'actions CTG.xlsx"
    """
    import re
    import subprocess

    from ctgplan.newrepo import Settings, create, repository_files

    year = dt.date.today().year
    span = period or f"{year}-{year + 3}"
    years = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", span.strip())
    if years is None or int(years.group(2) or years.group(1)) < int(years.group(1)):
        raise typer.BadParameter(_("write the years of the convention as 2026-2029, not "
                                   "{period!r}").format(period=span), param_hint="--period")
    version = _version()
    settings = Settings(
        territory=territory,
        title=title or _("Action plan of the Convention Territoriale Globale {period}").format(
            period=span),
        period=span,
        adopted=dt.date.today(),
        package=package or f"ctgplan=={version}",
        version=version,
        forge=ci,
    )
    with user_errors():
        imported = None
        if table is not None:
            from ctgplan.importing import import_table

            imported = import_table(table, period=period, schema="../schema/plan.schema.json")
        folder.mkdir(parents=True, exist_ok=True)
        done = create(folder, repository_files(
            settings, plan_text=imported.yaml if imported is not None else None))
        if imported is not None and table is not None:
            from ctgplan.importing.report import summary

            sys.stdout.write(summary(imported, str(table), None))
    labels = {"created": _("created"), "kept": _("kept (it exists)"),
              "completed": _("completed")}
    for item in done:
        sys.stdout.write(f"  {labels[item.outcome]:<18} {item.path}\n")
    inside = subprocess.run(["git", "-C", str(folder), "rev-parse", "--git-dir"],
                            capture_output=True, check=False).returncode == 0
    if not inside:
        made = subprocess.run(["git", "init", "-q", str(folder)], capture_output=True,
                              check=False).returncode == 0
        if made:
            sys.stdout.write(_("Initialised a git repository in {folder}").format(
                folder=folder) + "\n")
    sys.stdout.write(_("Next: complete data/plan.yaml, then run `ctg check` in {folder}").format(
        folder=folder) + "\n")
