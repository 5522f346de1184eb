"""Import an adopted plan's table (TSV, CSV, XLSX, ODS) as a plan file.

The one entry point is ``import_table``: it reads the table, recognises its
layout, builds the plan's records and returns the plan's YAML text with the
import report. It never prints and never writes a file.
"""

from __future__ import annotations

from pathlib import Path

from ctgplan.importing.report import Entry, ImportResult

__all__ = ["Entry", "ImportResult", "import_table"]


def import_table(path: Path, *, period: str | None = None,
                 mapping: dict[str, str] | None = None, sheet: str | None = None,
                 source_name: str | None = None, schema: str | None = None) -> ImportResult:
    """Read the adopted plan's table at ``path``; return the plan's text and the report.

    ``period`` (``2025-2028``) overrides the period found in the title or the
    calendars; ``mapping`` maps header texts to fields (see
    ``ctgplan.importing.headers.parse_mapping``); ``sheet`` reads one sheet only;
    ``source_name`` is how the plan's header comment names the table (default: the
    file's name); ``schema``, a path or URL of the plan's JSON Schema, puts the
    editors' ``yaml-language-server`` line first. Raises ``CtgError`` when the table
    cannot be read or holds no table of actions.
    """
    from ctgplan.i18n import _
    from ctgplan.importing.build import Builder
    from ctgplan.importing.calendars import period_in
    from ctgplan.importing.writer import write_plan
    from ctgplan.problems import CtgError
    from ctgplan.tables import read_table

    span = None
    if period is not None:
        span = period_in(period)
        if span is None:
            raise CtgError(_("--period {period!r}: write the plan period as two years, "
                             "2025-2028").format(period=period))
    table = read_table(path, sheet=sheet)
    builder = Builder(table, period=span, mapping=mapping or {})
    built = builder.read()
    text = write_plan(built, source_name or path.name, schema=schema)
    counts = {"actions": len(built.actions), "themes": len(built.themes),
              "partners": len(built.partners.partners), "needs": len(built.needs),
              "objectives": len(built.objectives),
              "indicators": sum(len(a.indicators) for a in built.actions)}
    names = [s.name for s in table.sheets]
    entries = sorted(builder.entries, key=lambda e: (
        names.index(e.sheet) if e.sheet in names else 0, e.row, e.col, e.message))
    return ImportResult(text, entries, table.encoding, table.format, counts)

