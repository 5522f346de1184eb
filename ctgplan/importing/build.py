"""From the sheets of an adopted table to the plan's records, with a report entry per guess.

The layout is read without options: a title block above the header row; themes
as title rows, as a column (filled on every row, on the first row of a group,
or merged), or as one sheet per theme; a hierarchy of title rows (axe, enjeu,
objectif); cover and summary sheets without a header, whose cells are reported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ctgplan.fold import fold
from ctgplan.i18n import N_, _
from ctgplan.importing import cells
from ctgplan.importing.headers import Header, find_header
from ctgplan.importing.partners import Registry
from ctgplan.importing.report import Entry
from ctgplan.model import YearSpan
from ctgplan.problems import CtgError
from ctgplan.tables import Sheet, Table

_TITLE_LEVEL = (
    ("theme", re.compile(r"^(?:axe|theme|thematique|domaine|orientation|priorite|champ)s?\b")),
    ("need", re.compile(r"^(?:enjeu|enjeux|besoin|constat|problematique)s?\b")),
    ("objective", re.compile(r"^(?:objectif|sous-objectif)s?\b")),
)
_NOT_KEPT = ("status", "ignore")
_KINDS = {"quantitative": N_("quantitative"), "qualitative": N_("qualitative")}
"""Fields a column can be recognised as, that the plan does not keep (reported, dropped)."""
_PLAN_WORDS = re.compile(r"\b(?:plan|ctg|convention|programme|actions?)\b")
_TERRITORY_WORDS = re.compile(
    r"\b(?:communaute d[e']? ?(?:communes|agglomeration)|ville d|commune d|agglomeration|"
    r"metropole|territoire d|pays d|intercommunalite)")


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


class Builder:
    """Reads a table's sheets into the plan's records, noting every guess."""

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

    def _read_sheet(self, sheet: Sheet, header: Header, per_sheet_theme: bool) -> None:
        above = [(sheet, r, c, text) for r, row in enumerate(sheet.rows[:header.rows[0]])
                 for c, text in enumerate(row) if text.strip()]
        sheet_theme: tuple[str, int, int] | None = None
        if per_sheet_theme and "theme" not in header.columns.values():
            themed = [a for a in above if not cells.date_in(a[3])]
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
            candidates = [a for a in above if not cells.date_in(a[3])
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

    # --- building ---------------------------------------------------------------------

    def _build(self) -> Built:
        title, territory, adopted, period = self._plan_info()
        registry = Registry()
        themes: dict[str, Theme] = {}
        theme_ids: set[str] = set()

        def theme_for(label: str) -> Theme:
            key = fold(label)
            if key not in themes:
                base = cells.theme_code(label)
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

    def _plan_info(self) -> tuple[str, str, dt.date, YearSpan]:
        title = territory = None
        adopted: dt.date | None = None
        period = self.period_option
        for sheet, r, c, text in self.title_cells:
            folded = fold(text)
            date = cells.date_in(text)
            found_period = cells.period_in(text)
            if title is None and _PLAN_WORDS.search(folded) and len(text) < 200:
                title = cells.clean(text)
                self.keep(sheet, r, c)
                if period is None and found_period is not None:
                    period = found_period
                    self.note(sheet, r, c, "kept-as", _("plan period read as {period}").format(
                        period=period))
                continue
            if territory is None and _TERRITORY_WORDS.search(folded) and len(text) < 150:
                territory = cells.clean(text)
                self.keep(sheet, r, c)
                continue
            if adopted is None and date is not None:
                adopted = dt.date(*date)
                self.note(sheet, r, c, "kept-as", _("adoption date read as {date}").format(
                    date=adopted.isoformat()))
                continue
            if period is None and found_period is not None:
                period = found_period
                self.note(sheet, r, c, "kept-as", _("plan period read as {period}").format(
                    period=period))
                continue
            self.note(sheet, r, c, "dropped", _(
                "{text!r}: outside the table of actions, not imported").format(
                    text=_short(text)))
        first = self.table.sheets[0]
        if period is None:
            years = [y for row in self.rows for _c, text in row.cells.get("calendar", [])
                     for y in cells.years_in(text)]
            if not years:
                raise CtgError(_("{path}: no plan period found in the title or the calendars: "
                                 "give it with --period 2025-2028").format(
                                     path=self.table.path))
            period = YearSpan(min(years), max(years))
            self.note(first, -1, -1, "guess", _(
                "plan period {period}: from the calendars (no period in the title); give "
                "--period to set it").format(period=period))
        if title is None:
            title = _("CTG action plan {period}").format(period=period)
            self.note(first, -1, -1, "guess", _("no title found: the plan is called "
                                                "{title!r}").format(title=title))
        if adopted is None:
            adopted = dt.date(period.start, 1, 1)
            self.note(first, -1, -1, "guess", _(
                "no adoption date found: set to {date}; correct plan.adopted").format(
                    date=adopted.isoformat()))
        if territory is None and title is not None:
            start = next((i for i in range(len(title)) if (i == 0 or not title[i - 1].isalnum())
                          and _TERRITORY_WORDS.match(fold(title[i:]))), None)
            if start is not None:
                territory = title[start:].strip(" -–—,:")
                self.note(first, -1, -1, "guess", _(
                    "territory {name!r}: read in the title; correct plan.territory").format(
                        name=territory))
        if territory is None:
            territory = self._territory_guess(first)
        return title, territory, adopted, period

    def _territory_guess(self, first: Sheet) -> str:
        for row in self.rows:
            for field_name in ("lead", "lead-partners", "partners"):
                for _c, text in row.cells.get(field_name, []):
                    for name in re.findall(r"\b(C[CA][A-Z]{2,})\b", text):
                        if name not in ("CCAS", "CAF", "CAFS", "CARSAT", "CCI", "CAMSP"):
                            self.note(first, -1, -1, "guess", _(
                                "territory {name!r}: the intercommunality named among the "
                                "partners; correct plan.territory").format(name=name))
                            return str(name)
        placeholder = _("To be completed")
        self.note(first, -1, -1, "guess", _("no territory found: set to {text!r}; correct "
                                            "plan.territory").format(text=placeholder))
        return placeholder

    def _action(self, row: _Row, period: YearSpan, registry: Registry,
                theme_for: object, needs: dict[str, Text], objectives: dict[str, Text],
                placeholders: set[str]) -> Action:
        sheet, r = row.sheet, row.row
        get = row.cells.get
        assert callable(theme_for)
        # theme
        theme_cell = next(iter(get("theme", [])), None)
        if theme_cell is not None:
            c, text = theme_cell
            label = cells.clean(text)
            self._keep_if_own(sheet, r, c)
        elif row.theme is not None:
            label = row.theme[0]
            if row.theme[1] >= 0:
                self.keep(sheet, row.theme[1], row.theme[2])
        else:
            label = _("Actions")
            self.note(sheet, r, -1, "guess", _("no theme for this action: put under "
                                               "{label!r}").format(label=label))
        theme = theme_for(label)
        # action text
        action_cells = get("action", [])
        c, text = action_cells[0]
        action_text = cells.clean(text)
        self.keep(sheet, r, c)
        for c2, text2 in action_cells[1:]:
            self.note(sheet, r, c2, "dropped", _(
                "{text!r}: a second action column, not imported").format(text=_short(text2)))
        # need and objective
        general = next(iter(get("general-objective", [])), None)
        need_id = self._text_of(row, "need", needs, general if not get("need") and
                                row.need is None else None, placeholders)
        objective_id = self._text_of(row, "objective", objectives,
                                     general if not get("objective") and row.objective is None
                                     else None, placeholders)
        if general is not None and not (not get("need") and row.need is None) and not (
                not get("objective") and row.objective is None):
            self.note(sheet, r, general[0], "dropped", _(
                "general objective {text!r}: the plan keeps one need and one objective per "
                "action, not imported").format(text=_short(general[1])))
        # levers
        levers_cells = get("levers", []) + [(c, t) for _r, c, f, t in row.extra if f == "levers"]
        levers = "\n".join(cells.clean(t) for _c, t in levers_cells if cells.clean(t)) or None
        for c, _t in levers_cells:
            self._keep_if_own(sheet, r, c)
        # lead and partners
        lead, partners = self._people(row, registry, placeholders)
        # indicators
        indicators = self._indicators(row)
        # calendar
        calendar = self._calendar(row, period)
        number = None
        for c, text in get("id", []):
            number = cells.number_id(text)
            if number is None or number != text.strip():
                self.note(sheet, r, c, "kept-as" if number else "dropped", _(
                    "number {text!r} read as id {id}").format(text=text, id=number)
                    if number else _("{text!r}: no number found").format(text=text))
            else:
                self.keep(sheet, r, c)
        return Action(sheet.name, r, number, theme.id, need_id, objective_id, action_text,
                      levers, lead, partners, indicators, calendar)

    def _keep_if_own(self, sheet: Sheet, r: int, c: int) -> None:
        if sheet.cell(r, c).strip():
            self.keep(sheet, r, c)

    def _text_of(self, row: _Row, field_name: str, known: dict[str, Text],
                 general: tuple[int, str] | None, placeholders: set[str]) -> str:
        sheet, r = row.sheet, row.row
        found = next(iter(row.cells.get(field_name, [])), None)
        title = row.need if field_name == "need" else row.objective
        if found is not None:
            c, text = found
            self._keep_if_own(sheet, r, c)
        elif title is not None:
            text = title[0]
            self.keep(sheet, title[1], title[2])
        elif general is not None:
            c, text = general
            self._keep_if_own(sheet, r, c)
            self.note(sheet, r, c, "guess", _("the general objective serves as the {what} "
                                              "(no {what} column)").format(what=field_name))
        else:
            text = _("To be completed")
            self.note(sheet, r, -1, "guess", _(
                "no {what} for this action: set to {text!r}; complete it in the plan").format(
                    what=field_name, text=text))
        text = cells.clean(text)
        key = " ".join(text.split())
        if key not in known:
            base = cells.slug(text, max_words=4, max_length=36)
            ids = {t.id for t in known.values()}
            candidate, n = base, 2
            while candidate in ids:
                candidate, n = f"{base}-{n}", n + 1
            known[key] = Text(candidate, text)
            if text == _("To be completed"):
                placeholders.add(f"{field_name}:{candidate}")
        return known[key].id

    def _people(self, row: _Row, registry: Registry, placeholders: set[str]
                ) -> tuple[str, list[str]]:
        sheet, r = row.sheet, row.row
        leads: list[tuple[int, str]] = []
        partners: list[tuple[int, str]] = []
        for c, text in row.cells.get("lead-partners", []) + [
                (c, t) for _r, c, f, t in row.extra if f == "lead-partners"]:
            people = cells.read_people(text)
            leads += [(c, n) for n in people.lead]
            partners += [(c, n) for n in people.partners]
        for c, text in row.cells.get("lead", []):
            names = cells.split_names(text)
            leads += [(c, n) for n in names[:1]]
            partners += [(c, n) for n in names[1:]]
            if len(names) > 1:
                self.note(sheet, r, c, "guess", _(
                    "several leads: {lead!r} leads, {others} listed as partners").format(
                        lead=names[0], others=", ".join(repr(n) for n in names[1:])))
        for c, text in row.cells.get("partners", []) + [
                (c, t) for _r, c, f, t in row.extra if f == "partners"]:
            partners += [(c, n) for n in cells.split_names(text)]
        lead_id = ""
        partner_ids: list[str] = []
        merged: dict[int, list[str]] = {}
        for index, (c, name) in enumerate(leads[:1] + leads[1:] + partners):
            added = registry.add(name)
            if added.merged:
                merged.setdefault(c, []).append(_("{name!r} is {partner!r}").format(
                    name=name, partner=added.partner.name))
            if index == 0 and leads:
                lead_id = added.partner.id
            elif added.partner.id != lead_id and added.partner.id not in partner_ids:
                partner_ids.append(added.partner.id)
        if not lead_id and partner_ids:
            lead_id = partner_ids.pop(0)
            self.note(sheet, r, -1, "guess", _("no lead named: the first partner leads"))
        if not lead_id:
            added = registry.add(_("To be completed"))
            lead_id = added.partner.id
            placeholders.add(f"partner:{lead_id}")
            self.note(sheet, r, -1, "guess", _("no lead for this action: set to {text!r}; "
                                               "complete it in the plan").format(
                                                   text=added.partner.name))
        columns = sorted({c for c, _n in leads + partners})
        for c in columns:
            names = [n for cc, n in leads if cc == c]
            others = [n for cc, n in partners if cc == c]
            text = sheet.cell(r, c)
            if not text.strip():
                continue
            if names == [cells.clean(text)] and not others and c not in merged:
                self.keep(sheet, r, c)
                continue
            parts = []
            if names:
                parts.append(_("lead {names}").format(names=", ".join(names)))
            if others:
                parts.append(_("partners {names}").format(names=", ".join(others)))
            self.note(sheet, r, c, "kept-as", _("; ").join(parts))
            if c in merged:
                self.note(sheet, r, c, "guess", _("partner merged: {merges}").format(
                    merges=_("; ").join(merged[c])))
        return lead_id, partner_ids

    def _indicators(self, row: _Row) -> list[Indicator]:
        sheet, r = row.sheet, row.row
        found: list[tuple[str, str, str | None]] = []  # kind, label, unit
        kinds = ("quantitative", "qualitative", "indicators")
        sources = [(r, c, f, t) for f in kinds for c, t in row.cells.get(f, [])] + [
            e for e in row.extra if e[2] in kinds]
        for r, c, field_name, text in sources:
            described: list[str] = []
            classed = guessed = False
            for label, announced in cells.split_indicators(text):
                if field_name in ("quantitative", "qualitative"):
                    kind = field_name
                elif announced is not None:
                    kind = announced
                else:
                    kind, unsure = cells.classify(label)
                    classed = classed or unsure
                unit = cells.unit_of(label) if kind == "quantitative" else None
                if unit is not None and not (unit == "count" and re.match(
                        r"(?i)(nombre|nb|nbre)\b", label)):
                    guessed = True
                found.append((kind, label, unit))
                described.append(f"{label!r} ({_(_KINDS[kind])}{', ' + unit if unit else ''})")
            if not described:
                continue
            if classed or guessed:
                self.note(sheet, r, c, "guess", (_("indicators classed from their wording: "
                                                   "{list}") if classed else
                                                 _("indicator units from their wording: "
                                                   "{list}")).format(list=_("; ").join(described)))
            elif len(described) == 1 and found[-1][1] == cells.clean(text):
                self._keep_if_own(sheet, r, c)
            else:
                self.note(sheet, r, c, "kept-as", _("indicators: {list}").format(
                    list=_("; ").join(described)))
        indicators: list[Indicator] = []
        for kind, prefix in (("quantitative", "QT"), ("qualitative", "QL")):
            for number, (_k, label, unit) in enumerate(
                    (f for f in found if f[0] == kind), start=1):
                indicators.append(Indicator(f"{prefix}{number}", kind, unit, label))
        return indicators

    def _calendar(self, row: _Row, period: YearSpan) -> YearSpan:
        sheet, r = row.sheet, row.row
        cells_ = row.cells.get("calendar", [])
        text = "\n".join(t for _c, t in cells_)
        col = cells_[0][0] if cells_ else -1
        if not text.strip():
            self.note(sheet, r, col, "guess", _(
                "no calendar: set to the plan period {period}").format(period=period))
            return period
        read = cells.read_calendar(text, period)
        span = read.span
        if span is None:
            self.note(sheet, r, col, "guess", _(
                "calendar {text!r} names no year: set to the plan period {period}").format(
                    text=_short(text), period=period))
            return period
        clamped = YearSpan(max(span.start, period.start), min(span.end, period.end))
        if clamped.start > clamped.end:
            clamped = period
        if clamped != span:
            self.note(sheet, r, col, "guess", _(
                "calendar {text!r} read as {span}, outside the plan period {period}: set to "
                "{clamped}").format(text=_short(text), span=span, period=period,
                                    clamped=clamped))
        elif read.guess:
            self.note(sheet, r, col, "guess", _("calendar {text!r} read as {span}").format(
                text=_short(text), span=span))
        elif text.strip() != str(span):
            self.note(sheet, r, col, "kept-as", _("calendar {text!r} read as {span}").format(
                text=_short(text), span=span))
        else:
            self.keep(sheet, r, col)
        for c, _t in cells_[1:]:
            self.accounted.add((sheet.name, r, c))
        return clamped

    def _number(self, actions: list[Action], themes: dict[str, Theme]) -> None:
        numbers = [a.number for a in actions]
        if actions and all(numbers) and len(set(numbers)) == len(numbers):
            for action in actions:
                action.id = str(action.number)
            return
        if any(numbers):
            first = next(a for a in actions if a.number)
            sheet = next(s for s in self.table.sheets if s.name == first.sheet)
            self.note(sheet, first.row, -1, "guess", _(
                "the table's action numbers are missing or repeated: ids are made from the "
                "themes instead (PAR-1...)"))
        counts: dict[str, int] = {}
        for action in actions:
            counts[action.theme] = counts.get(action.theme, 0) + 1
            action.id = f"{action.theme}-{counts[action.theme]}"

    def _report_unaccounted(self) -> None:
        for sheet in self.table.sheets:
            for r, row in enumerate(sheet.rows):
                for c, text in enumerate(row):
                    if text.strip() and (sheet.name, r, c) not in self.accounted:
                        self.note(sheet, r, c, "dropped", _("{text!r}: not imported").format(
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


def _short(text: str, length: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[:length - 1] + "…"
