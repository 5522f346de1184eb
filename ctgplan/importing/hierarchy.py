"""The head and hierarchy of an imported plan.

Title, territory, adoption date and period from the cells above the table (else
guessed from the calendars and partners, and reported); needs and objectives
declared once and cited by id; action ids from the table's own numbers, else
from the themes (``PAR-1``).
"""

from __future__ import annotations

import datetime as dt
import re

from ctgplan.fold import fold
from ctgplan.i18n import _
from ctgplan.importing import cells
from ctgplan.importing.calendars import date_in, period_in, years_in
from ctgplan.importing.draft import Action, Draft, Text, Theme, _Row, _short
from ctgplan.importing.ids import slug
from ctgplan.model import YearSpan
from ctgplan.problems import CtgError
from ctgplan.tables import Sheet

_PLAN_WORDS = re.compile(r"\b(?:plan|ctg|convention|programme|actions?)\b")
_TERRITORY_WORDS = re.compile(
    r"\b(?:communaute d[e']? ?(?:communes|agglomeration)|ville d|commune d|agglomeration|"
    r"metropole|territoire d|pays d|intercommunalite)")


class Hierarchy(Draft):
    """The plan's head, its needs and objectives, and the ids of its actions."""

    def _plan_info(self) -> tuple[str, str, dt.date, YearSpan]:
        title = territory = None
        adopted: dt.date | None = None
        period = self.period_option
        for sheet, r, c, text in self.title_cells:
            folded = fold(text)
            date = date_in(text)
            found_period = period_in(text)
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
                     for y in years_in(text)]
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
            base = slug(text, max_words=4, max_length=36)
            ids = {t.id for t in known.values()}
            candidate, n = base, 2
            while candidate in ids:
                candidate, n = f"{base}-{n}", n + 1
            known[key] = Text(candidate, text)
            if text == _("To be completed"):
                placeholders.add(f"{field_name}:{candidate}")
        return known[key].id

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
