"""Renderers of a ``views.Table``: table (rich), csv, markdown and json.

Each returns a ``Rendered``: the text for stdout, and a note for stderr when
the table format left rows out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ctgplan.i18n import number
from ctgplan.render_base import Rendered
from ctgplan.views import Table


def _for_people(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    """Numbers written for the user's language (``12,5`` in French), other cells as they are."""
    return [[number(v, None) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
             for v in row] for row in rows]


def table(data: Table, *, color: bool = False, width: int = 100) -> Rendered:
    """A table for people that fits the terminal; at most ``limit`` rows."""
    if not data.items and data.empty:
        return Rendered(data.empty)
    rows, hidden = data.shown()
    note = data.more.format(count=hidden) if hidden else ""
    return Rendered(rich_table_text(data.columns, _for_people(rows), color=color, width=width,
                                    wide=data.wide), note)


def csv(data: Table, *, color: bool = False, width: int = 100) -> Rendered:
    """Every row, for spreadsheets."""
    return Rendered(csv_text(data.columns, _for_people(data.rows())))


def markdown(data: Table, *, color: bool = False, width: int = 100) -> Rendered:
    """Every row, as a Markdown table."""
    if not data.items and data.empty:
        return Rendered(data.empty)
    return Rendered(markdown_text(data.columns, _for_people(data.rows())))


def as_json(data: Table, *, color: bool = False, width: int = 100) -> Rendered:
    """Every record, as json (a stable contract)."""
    return Rendered(json.dumps(data.records(), ensure_ascii=False, indent=2) + "\n")


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV for spreadsheets: UTF-8 with a BOM and ';' separators, as French Excel expects."""
    import csv as csv_module
    import io

    buffer = io.StringIO()
    writer = csv_module.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def _md_cell(value: object) -> str:
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")


def markdown_text(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table, to paste into a merge request or a report."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def rich_table_text(columns: Sequence[str], rows: Sequence[Sequence[object]], *,
                    color: bool, width: int, wide: Sequence[str] = ()) -> str:
    """A table that fits ``width`` columns; the ``wide`` columns take the spare room."""
    import io

    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold" if color else None, pad_edge=False,
                  show_edge=False)
    for column in columns:
        if column in wide:
            table.add_column(column, ratio=1, overflow="fold")
        else:
            table.add_column(column, no_wrap=True)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="standard" if color else None,
                      force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=False, emoji=False, markup=False)
    console.print(table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
