"""The layout of an adopted table, read without options.

A title block above the header row; themes as title rows, as a column (filled on
every row, on the first row of a group, or merged), or as one sheet per theme; a
hierarchy of title rows (axe, enjeu, objectif); rows without action text added to
the action above; repeated header rows skipped.
"""

from __future__ import annotations

import re

from ctgplan.fold import fold
from ctgplan.i18n import _
from ctgplan.importing import cells
from ctgplan.importing.calendars import date_in
from ctgplan.importing.draft import Draft, _Row, _short
from ctgplan.importing.headers import Header
from ctgplan.importing.hierarchy import _PLAN_WORDS, _TERRITORY_WORDS
from ctgplan.tables import Sheet

_TITLE_LEVEL = (
    ("theme", re.compile(r"^(?:axe|theme|thematique|domaine|orientation|priorite|champ)s?\b")),
    ("need", re.compile(r"^(?:enjeu|enjeux|besoin|constat|problematique)s?\b")),
    ("objective", re.compile(r"^(?:objectif|sous-objectif)s?\b")),
)
_NOT_KEPT = ("status", "ignore")
"""Fields a column can be recognised as, that the plan does not keep (reported, dropped)."""


class Layout(Draft):
    """Each sheet read row by row: header, title rows, action rows, continuations."""

    def _read_sheet(self, sheet: Sheet, header: Header, per_sheet_theme: bool) -> None:
        above = [(sheet, r, c, text) for r, row in enumerate(sheet.rows[:header.rows[0]])
                 for c, text in enumerate(row) if text.strip()]
        sheet_theme: tuple[str, int, int] | None = None
        if per_sheet_theme and "theme" not in header.columns.values():
            themed = [a for a in above if not date_in(a[3])]
            if themed:
                _s, r, c, text = themed[-1]
                sheet_theme = (cells.clean(text), r, c)
                above = [a for a in above if a[1:3] != (r, c)]
                self.keep(sheet, r, c)
            else:
                sheet_theme = (sheet.name, -1, -1)
        fallback: tuple[str, int, int] | None = None
        fallback_used = False
        if sheet_theme is None and "theme" not in header.columns.values():
            # A heading above the table that is neither the plan's title nor the territory
            # ("Axe 2 – Jeunesse" when one sheet is imported) is the theme of untitled rows.
            candidates = [a for a in above if not date_in(a[3])
                          and not _PLAN_WORDS.search(fold(a[3]))
                          and not _TERRITORY_WORDS.search(fold(a[3]))]
            if candidates:
                _s, r, c, text = candidates[-1]
                fallback = (cells.clean(text), r, c)
        self.title_cells.extend(above)
        for col, name in header.names.items():
            for header_row in header.rows:
                if sheet.cell(header_row, col).strip():
                    field_name = header.columns.get(col)
                    if field_name in _NOT_KEPT:
                        field_name = None
                    message = (_("column {name!r} read as {field}").format(
                        name=name, field=field_name) if field_name else
                        _("column {name!r} is not part of the plan: its cells are not "
                          "imported").format(name=name))
                    self.note(sheet, header_row, col, "kept-as" if field_name else "dropped",
                              message)
        grid = _filled(sheet)
        current: dict[str, tuple[str, int, int] | None] = {
            "theme": sheet_theme, "need": None, "objective": None}
        last_value: dict[int, tuple[str, int, int]] = {}
        header_texts = [fold(sheet.cell(header.row, c)) for c in range(len(
            sheet.rows[header.row]))]
        action_cols = [c for c, f in header.columns.items() if f == "action"]
        previous: _Row | None = None
        for r in range(header.row + 1, len(sheet.rows)):
            own = {c: t for c, t in enumerate(sheet.rows[r]) if t.strip()}
            filled = {c: t for c, t in enumerate(grid[r]) if t.strip()}
            if not filled:
                continue
            if [fold(t) for t in sheet.rows[r]][:len(header_texts)] == header_texts:
                for c in own:
                    self.keep(sheet, r, c)
                self.note(sheet, r, -1, "kept-as", _("repeated header row, skipped"))
                continue
            action_col = next((c for c in action_cols if c in filled), None)
            if self._title_row(sheet, header, r, own, filled, action_col, current):
                previous = None
                continue
            if action_col is None or action_col not in own:
                if previous is not None:
                    self._continuation(sheet, header, r, own, previous)
                else:
                    for c, text in own.items():
                        self.note(sheet, r, c, "dropped", _(
                            "{text!r}: row without action text, not imported").format(
                                text=_short(text)))
                continue
            theme = current["theme"]
            if theme is None and fallback is not None:
                theme = fallback
                if not fallback_used:
                    fallback_used = True
                    self.title_cells = [t for t in self.title_cells
                                        if not (t[0] is sheet and t[1:3] == fallback[1:])]
                    self.note(sheet, fallback[1], fallback[2], "guess", _(
                        "heading {text!r} above the table read as the theme of its "
                        "actions").format(text=_short(fallback[0])))
            row = _Row(sheet, r, {}, theme, current["need"], current["objective"])
            for c, text in filled.items():
                field_name = header.columns.get(c)
                if field_name is None or field_name in _NOT_KEPT:
                    if c in own:
                        self.note(sheet, r, c, "dropped", _(
                            "{text!r}: column not part of the plan").format(
                                text=_short(text)))
                    continue
                if c not in own and field_name not in ("theme", "need", "objective",
                                                       "general-objective"):
                    continue  # a merged cell spreads its value over the rows it covers
                row.cells.setdefault(field_name, []).append((c, text))
            for field_name in ("theme", "need", "objective", "general-objective"):
                for c, f in header.columns.items():
                    if f != field_name:
                        continue
                    if c in filled:
                        last_value[c] = (grid[r][c], r, c)
                    elif c in last_value:
                        text = last_value[c][0]
                        row.cells.setdefault(field_name, []).append((c, text))
                        if (sheet.name, c) not in self.filled_down:
                            self.filled_down.add((sheet.name, c))
                            self.note(sheet, r, -1, "guess", _(
                                "empty cells of column {name!r} take the value above "
                                "(grouped rows), first on row {row}").format(
                                    name=header.names.get(c, ""), row=r + 1))
            self.rows.append(row)
            previous = row

    def _title_row(self, sheet: Sheet, header: Header, r: int, own: dict[int, str],
                   filled: dict[int, str], action_col: int | None,
                   current: dict[str, tuple[str, int, int] | None]) -> bool:
        texts = {t.strip() for t in filled.values()}
        if not own or len(texts) != 1:
            return False
        col, text = min(own.items())
        folded = fold(text)
        level = next((lvl for lvl, pattern in _TITLE_LEVEL if pattern.match(folded)), None)
        if action_col is not None and level is None and len(own) == 1:
            return False
        for other in own:  # a title copied into every cell of its row (unmerged cells)
            if other != col:
                self.note(sheet, r, other, "kept-as", _("title row {text!r}, repeated").format(
                    text=_short(text)))
        if level is None:
            level = "theme"  # a title row is a theme unless it says otherwise ("Enjeu 1 :")
        current[level] = (cells.clean(text), r, col)
        if level == "theme":
            current["need"] = current["objective"] = None
            self.theme_order.append((sheet.name, r, col, cells.clean(text)))
            self.keep(sheet, r, col)
        elif level == "need":
            current["objective"] = None
        return True

    def _continuation(self, sheet: Sheet, header: Header, r: int, own: dict[int, str],
                      previous: _Row) -> None:
        for c, text in own.items():
            field_name = header.columns.get(c)
            if field_name in ("quantitative", "qualitative", "indicators", "partners",
                              "lead-partners", "levers"):
                previous.extra.append((r, c, field_name, text))
                self.note(sheet, r, c, "guess", _(
                    "{text!r}: row without action text, added to the action of row "
                    "{row}").format(text=_short(text), row=previous.row + 1))
            else:
                self.note(sheet, r, c, "dropped", _(
                    "{text!r}: row without action text, not imported").format(
                        text=_short(text)))


def _filled(sheet: Sheet) -> list[list[str]]:
    """The sheet's rows with each vertically merged cell's value spread down its column."""
    grid = [list(row) for row in sheet.rows]
    for first_row, first_col, last_row, _last_col in sheet.merged:
        value = sheet.cell(first_row, first_col)
        for r in range(first_row + 1, min(last_row, len(grid) - 1) + 1):
            while len(grid[r]) <= first_col:
                grid[r].append("")
            grid[r][first_col] = value
    return grid
