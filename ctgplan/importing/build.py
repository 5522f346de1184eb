"""From the sheets of an adopted table to the plan's records, with a report entry per guess.

The layout is read without options: a title block above the header row; themes
as title rows, as a column (filled on every row, on the first row of a group,
or merged), or as one sheet per theme; a hierarchy of title rows (axe, enjeu,
objectif); cover and summary sheets without a header, whose cells are reported.

``Builder`` reads the sheets (``layout``), then builds the plan: its head and
hierarchy (``hierarchy``) and each action (``action_rows``), on the draft they
share (``draft``).
"""

from __future__ import annotations

from ctgplan.fold import fold
from ctgplan.i18n import _
from ctgplan.importing.action_rows import ActionRows
from ctgplan.importing.draft import Action, Built, Text, Theme
from ctgplan.importing.headers import find_header
from ctgplan.importing.ids import theme_code
from ctgplan.importing.layout import Layout
from ctgplan.importing.partners import Registry
from ctgplan.importing.report import Entry
from ctgplan.problems import CtgError


class Builder(Layout, ActionRows):
    """Reads a table's sheets into the plan's records, noting every guess."""

    # --- reading the sheets -----------------------------------------------------------

    def read(self) -> Built:
        """Read every sheet, then build the plan's records."""
        headers = [(s, find_header(s.rows, self.mapping)) for s in self.table.sheets]
        found = [(s, h) for s, h in headers if h is not None]
        if not found:
            raise CtgError(_(
                "{path}: no header row found: the table needs a row naming its columns, "
                "with at least an action column (Action, Intitulé, Fiche action) and two "
                "others (Pilote, Partenaires, Indicateurs, Calendrier...); name a column "
                "with --map 'Header=action'").format(path=self.table.path))
        per_sheet_theme = len(found) > 1
        for sheet, header in headers:
            if header is None:
                self.title_cells.extend((sheet, r, c, text) for r, row in enumerate(sheet.rows)
                                        for c, text in enumerate(row) if text.strip())
                continue
            self._read_sheet(sheet, header, per_sheet_theme)
        built = self._build()
        self._report_unaccounted()
        for name in self.table.hidden:
            self.entries.append(Entry(name, 0, 0, "dropped", _(
                "hidden sheet, not read: show it and import again if it holds actions")))
        return built

    # --- building ---------------------------------------------------------------------

    def _build(self) -> Built:
        title, territory, adopted, period = self._plan_info()
        registry = Registry()
        themes: dict[str, Theme] = {}
        theme_ids: set[str] = set()

        def theme_for(label: str) -> Theme:
            key = fold(label)
            if key not in themes:
                base = theme_code(label)
                candidate, n = base, 2
                while candidate in theme_ids:
                    candidate, n = f"{base}{n}", n + 1
                theme_ids.add(candidate)
                themes[key] = Theme(candidate, label)
            return themes[key]

        for _s, _r, _c, label in self.theme_order:
            theme_for(label)
        needs: dict[str, Text] = {}
        objectives: dict[str, Text] = {}
        placeholders: set[str] = set()
        actions: list[Action] = []
        for row in self.rows:
            actions.append(self._action(row, period, registry, theme_for, needs, objectives,
                                        placeholders))
        self._number(actions, themes)
        return Built(title, territory, adopted, period, list(themes.values()), registry,
                     list(needs.values()), list(objectives.values()), actions, placeholders)
