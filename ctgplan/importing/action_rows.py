"""An action row of an adopted table turned into an ``Action``, each cell's reading reported.

Its theme and text, its need and objective (declared once: ``hierarchy``), levers,
lead and partners (de-duplicated in the ``Registry``), indicators (split, classed,
given a unit) and calendar (within the plan period).
"""

from __future__ import annotations

import re

from ctgplan.i18n import N_, _
from ctgplan.importing import cells
from ctgplan.importing.calendars import read_calendar
from ctgplan.importing.draft import Action, Indicator, Text, _Row, _short
from ctgplan.importing.hierarchy import Hierarchy
from ctgplan.importing.ids import number_id
from ctgplan.importing.indicators import classify, split_indicators, unit_of
from ctgplan.importing.partners import Registry
from ctgplan.importing.people import read_people, split_names
from ctgplan.model import YearSpan

_KINDS = {"quantitative": N_("quantitative"), "qualitative": N_("qualitative")}


class ActionRows(Hierarchy):
    """Each action row read into an ``Action`` of the plan."""

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
            number = number_id(text)
            if number is None or number != text.strip():
                self.note(sheet, r, c, "kept-as" if number else "dropped", _(
                    "number {text!r} read as id {id}").format(text=text, id=number)
                    if number else _("{text!r}: no number found").format(text=text))
            else:
                self.keep(sheet, r, c)
        return Action(sheet.name, r, number, theme.id, need_id, objective_id, action_text,
                      levers, lead, partners, indicators, calendar)

    def _people(self, row: _Row, registry: Registry, placeholders: set[str]
                ) -> tuple[str, list[str]]:
        sheet, r = row.sheet, row.row
        leads: list[tuple[int, str]] = []
        partners: list[tuple[int, str]] = []
        for c, text in row.cells.get("lead-partners", []) + [
                (c, t) for _r, c, f, t in row.extra if f == "lead-partners"]:
            people = read_people(text)
            leads += [(c, n) for n in people.lead]
            partners += [(c, n) for n in people.partners]
        for c, text in row.cells.get("lead", []):
            names = split_names(text)
            leads += [(c, n) for n in names[:1]]
            partners += [(c, n) for n in names[1:]]
            if len(names) > 1:
                self.note(sheet, r, c, "guess", _(
                    "several leads: {lead!r} leads, {others} listed as partners").format(
                        lead=names[0], others=", ".join(repr(n) for n in names[1:])))
        for c, text in row.cells.get("partners", []) + [
                (c, t) for _r, c, f, t in row.extra if f == "partners"]:
            partners += [(c, n) for n in split_names(text)]
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
            for label, announced in split_indicators(text):
                if field_name in ("quantitative", "qualitative"):
                    kind = field_name
                elif announced is not None:
                    kind = announced
                else:
                    kind, unsure = classify(label)
                    classed = classed or unsure
                unit = unit_of(label) if kind == "quantitative" else None
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
        read = read_calendar(text, period)
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
