"""The plan as an import drafts it, and the state every step of the import shares.

The records (themes, needs and objectives as ``Text``, actions with their
``Indicator``s, the whole as ``Built``) are what ``writer`` writes. ``Draft`` holds
the table, the rows read from it and the report: each cell is noted (``note``) or
kept word for word (``keep``); the others are reported as not imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ctgplan.i18n import _
from ctgplan.importing.partners import Registry
from ctgplan.importing.report import Entry
from ctgplan.model import YearSpan
from ctgplan.tables import Sheet, Table


@dataclass
class Indicator:
    """An indicator of the plan being built."""

    id: str
    kind: str
    unit: str | None
    label: str


@dataclass
class Action:
    """An action of the plan being built, with where it comes from."""

    sheet: str
    row: int
    number: str | None
    theme: str
    need: str
    objective: str
    text: str
    levers: str | None
    lead: str
    partners: list[str]
    indicators: list[Indicator]
    calendar: YearSpan
    id: str = ""


@dataclass
class Text:
    """A need or an objective, declared once and shared by the actions that cite it."""

    id: str
    text: str


@dataclass
class Theme:
    """A theme, in the table's order."""

    id: str
    label: str


@dataclass
class Built:
    """The plan's records, ready to be written."""

    title: str
    territory: str
    adopted: dt.date
    period: YearSpan
    themes: list[Theme]
    partners: Registry
    needs: list[Text]
    objectives: list[Text]
    actions: list[Action]
    placeholders: set[str] = field(default_factory=set)
    """Ids of needs, objectives or partners the table did not give (to be completed)."""


@dataclass
class _Row:
    """An action row read from a sheet, before the plan period is known."""

    sheet: Sheet
    row: int
    cells: dict[str, list[tuple[int, str]]]
    theme: tuple[str, int, int] | None
    need: tuple[str, int, int] | None
    objective: tuple[str, int, int] | None
    extra: list[tuple[int, int, str, str]] = field(default_factory=list)
    """Cells of continuation rows added to this action: (row, column, field, text)."""


class Draft:
    """A table being read into the plan's records: the rows read, and the report on its cells."""

    def __init__(self, table: Table, *, period: YearSpan | None, mapping: dict[str, str]
                 ) -> None:
        self.table = table
        self.period_option = period
        self.mapping = mapping
        self.entries: list[Entry] = []
        self.accounted: set[tuple[str, int, int]] = set()
        self.rows: list[_Row] = []
        self.title_cells: list[tuple[Sheet, int, int, str]] = []
        self.theme_order: list[tuple[str, int, int, str]] = []
        self.filled_down: set[tuple[str, int]] = set()

    # --- entries ----------------------------------------------------------------------

    def note(self, sheet: Sheet, row: int, col: int, kind: str, message: str) -> None:
        """Report something about a 0-based cell (col -1: the whole row)."""
        name = sheet.name if self.table.format not in ("csv", "tsv") else ""
        self.entries.append(Entry(name, row + 1, col + 1, kind, message))
        if col >= 0:
            self.accounted.add((sheet.name, row, col))

    def keep(self, sheet: Sheet, row: int, col: int) -> None:
        """The cell is in the plan word for word."""
        self.accounted.add((sheet.name, row, col))

    def _keep_if_own(self, sheet: Sheet, r: int, c: int) -> None:
        if sheet.cell(r, c).strip():
            self.keep(sheet, r, c)

    def _report_unaccounted(self) -> None:
        for sheet in self.table.sheets:
            for r, row in enumerate(sheet.rows):
                for c, text in enumerate(row):
                    if text.strip() and (sheet.name, r, c) not in self.accounted:
                        self.note(sheet, r, c, "dropped", _("{text!r}: not imported").format(
                            text=_short(text)))


def _short(text: str, length: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[:length - 1] + "…"
