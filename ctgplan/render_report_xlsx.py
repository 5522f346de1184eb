"""The review as an XLSX workbook (XlsxWriter, constant memory): summary with formulas
and native charts, actions, indicators by year, what is missing; frozen headers, filters."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctgplan.i18n import _
from ctgplan.render_charts import day_time

if TYPE_CHECKING:
    from ctgplan.review import Review

_MAX_SHEET_NAME = 31


def _sheet_name(text: str) -> str:
    for char in "[]:*?/\\":
        text = text.replace(char, " ")
    return text[:_MAX_SHEET_NAME]


def _column(index: int) -> str:
    from xlsxwriter.utility import xl_col_to_name

    name: str = xl_col_to_name(index)
    return name


def workbook(review: Review, *, charts: bool = True) -> bytes:
    """The workbook's bytes (deterministic for the same review)."""
    import xlsxwriter

    from ctgplan.review import outcome_labels, status_labels

    labels = status_labels()
    outcomes = outcome_labels()
    with tempfile.TemporaryDirectory(prefix="ctg-xlsx-") as folder:
        path = Path(folder) / "review.xlsx"
        book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": folder,
                                                "strings_to_numbers": False,
                                                "strings_to_formulas": False,
                                                "strings_to_urls": False})
        made = dt.datetime.fromisoformat(review.cover.date)
        book.set_properties({"title": review.cover.title, "created": made,
                             "comments": "ctg report"})
        f = _Formats(book)
        names = {"summary": _sheet_name(_("Summary")), "actions": _sheet_name(_("Actions")),
                 "indicators": _sheet_name(_("Indicators")),
                 "missing": _sheet_name(_("Still missing"))}
        summary = book.add_worksheet(names["summary"])
        actions = book.add_worksheet(names["actions"])
        indicators = book.add_worksheet(names["indicators"])
        missing = book.add_worksheet(names["missing"]) if not review.cover.final else None
        status_column = _actions_sheet(actions, review, labels, f)
        outcome_column, indicator_rows = _indicators_sheet(indicators, review, outcomes, f)
        if missing is not None:
            _missing_sheet(missing, review, f)
        _summary_sheet(book, summary, review, labels, outcomes, names, status_column,
                       outcome_column, indicator_rows, f, charts=charts)
        book.close()
        return path.read_bytes()


class _Formats:
    """The cell formats of the workbook."""

    def __init__(self, book: Any) -> None:
        self.header = book.add_format({"bold": True, "bg_color": "#E8ECF4", "border": 1,
                                       "text_wrap": True, "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 16})
        self.bold = book.add_format({"bold": True})
        self.text = book.add_format({"text_wrap": True, "valign": "top"})
        self.number = book.add_format({"num_format": "# ##0.##", "valign": "top"})
        self.integer = book.add_format({"num_format": "0", "valign": "top"})
        self.rate = book.add_format({"num_format": "0.0%", "valign": "top"})
        self.date = book.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
        self.stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm", "valign": "top"})
        self.good = book.add_format({"bg_color": "#C8E6C9", "font_color": "#1B5E20"})
        self.middle = book.add_format({"bg_color": "#FFE0B2", "font_color": "#7A3E00"})
        self.bad = book.add_format({"bg_color": "#FFCDD2", "font_color": "#8E1B14"})


def _header(sheet: Any, columns: list[tuple[str, int]], f: _Formats) -> None:
    for index, (title, width) in enumerate(columns):
        sheet.set_column(index, index, width)
        sheet.write_string(0, index, title, f.header)
    sheet.freeze_panes(1, 0)


def _actions_sheet(sheet: Any, review: Review, labels: dict[str, str], f: _Formats) -> int:
    """One row per action; returns the index of the status column."""
    status_title = (_("Latest status") if review.cover.final else
                    _("Status in {year}").format(year=review.cover.year))
    columns = [(_("Theme"), 22), (_("Action id"), 10), (_("Action"), 60), (_("Lead"), 28),
               (_("Partners"), 40), (_("Start"), 8), (_("End"), 8), (status_title, 16),
               (_("Status year"), 8), (_("Comment"), 40), (_("COPIL decision"), 32),
               (_("Stated by"), 18), (_("Stated on"), 16)]
    _header(sheet, columns, f)
    row = 0
    for theme in review.themes:
        for action in theme.actions:
            row += 1
            start, _sep, end = action.calendar.partition("-")
            sheet.write_string(row, 0, theme.label, f.text)
            sheet.write_string(row, 1, action.id, f.text)
            sheet.write_string(row, 2, action.action, f.text)
            sheet.write_string(row, 3, action.lead, f.text)
            sheet.write_string(row, 4, ", ".join(action.partners), f.text)
            sheet.write_number(row, 5, int(start), f.integer)
            sheet.write_number(row, 6, int(end or start), f.integer)
            view = action.status
            sheet.write_string(row, 7, labels[view.status if view else "none"], f.text)
            if view is not None:
                sheet.write_number(row, 8, view.year, f.integer)
                if view.note:
                    sheet.write_string(row, 9, view.note, f.text)
                if view.decision:
                    sheet.write_string(row, 10, view.decision, f.text)
                sheet.write_string(row, 11, view.recorded_by, f.text)
                stamp = day_time(view.recorded_at)
                if stamp is not None:
                    sheet.write_datetime(row, 12, stamp, f.stamp)
    sheet.autofilter(0, 0, max(row, 1), len(columns) - 1)
    return 7


def _indicators_sheet(sheet: Any, review: Review, outcomes: dict[str, str], f: _Formats
                      ) -> tuple[int, int]:
    """One row per indicator and year; returns the outcome column and the last row."""
    columns = [(_("Theme"), 20), (_("Action id"), 10), (_("Indicator id"), 8),
               (_("Indicator"), 40), (_("Kind"), 12), (_("Unit"), 10), (_("Direction"), 10),
               (_("Baseline"), 10), (_("Baseline year"), 8), (_("Year"), 8), (_("Target"), 10),
               (_("Realised"), 10), (_("Rate"), 10), (_("Respondents"), 10),
               (_("Satisfied (%)"), 10), (_("Score"), 8), (_("Summary"), 40), (_("Source"), 24),
               (_("Recorded by"), 18), (_("Recorded on"), 16), (_("Outcome"), 20)]
    _header(sheet, columns, f)
    row = 0
    for theme in review.themes:
        for action in theme.actions:
            for indicator in action.indicators:
                for year in indicator.years:
                    row += 1
                    cells: list[tuple[int, Any, Any]] = [
                        (0, theme.label, f.text), (1, action.id, f.text),
                        (2, indicator.id, f.text), (3, indicator.label, f.text),
                        (4, indicator.kind, f.text), (5, indicator.unit, f.text),
                        (6, indicator.direction, f.text), (7, indicator.baseline, f.number),
                        (8, indicator.baseline_year, f.integer), (9, year.year, f.integer),
                        (10, year.target, f.number), (11, year.value, f.number),
                        (12, None if year.rate is None else year.rate / 100, f.rate),
                        (17, year.source, f.text), (18, year.recorded_by, f.text),
                        (19, day_time(year.recorded_at), f.stamp)]
                    survey = year.survey
                    if survey is not None:
                        cells += [(13, survey.respondents, f.integer),
                                  (14, survey.satisfied, f.number),
                                  (15, survey.score, f.number), (16, survey.summary, f.text)]
                    if year.year == review.years[-1] or (
                            review.cover.final and year is indicator.years[-1]):
                        cells.append((20, outcomes[indicator.outcome], f.text))
                    for column, value, style in sorted(cells, key=lambda c: c[0]):
                        _write(sheet, row, column, value, style)
    last = max(row, 1)
    sheet.autofilter(0, 0, last, len(columns) - 1)
    rate = f"M2:M{last + 1}"
    sheet.conditional_format(rate, {"type": "cell", "criteria": ">=", "value": 1,
                                    "format": f.good})
    sheet.conditional_format(rate, {"type": "cell", "criteria": "between", "minimum": 0.5,
                                    "maximum": 0.99999, "format": f.middle})
    sheet.conditional_format(rate, {"type": "cell", "criteria": "<", "value": 0.5,
                                    "format": f.bad})
    return 20, last


def _write(sheet: Any, row: int, column: int, value: Any, style: Any) -> None:
    if value is None:
        return
    if isinstance(value, dt.datetime):
        sheet.write_datetime(row, column, value, style)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(row, column, value, style)
    else:
        sheet.write_string(row, column, str(value), style)


def _missing_sheet(sheet: Any, review: Review, f: _Formats) -> None:
    columns = [(_("Lead"), 28), (_("Action id"), 10), (_("Missing"), 12),
               (_("Indicator id"), 8), (_("Indicator"), 40), (_("Periods"), 30)]
    _header(sheet, columns, f)
    row = 0
    for item in review.missing:
        row += 1
        kind = _("status") if item.kind == "status" else _("value")
        for column, value in enumerate((item.lead, item.action, kind, item.indicator,
                                        item.label, ", ".join(item.periods))):
            _write(sheet, row, column, value, f.text)
    sheet.autofilter(0, 0, max(row, 1), len(columns) - 1)


def _summary_sheet(book: Any, sheet: Any, review: Review, labels: dict[str, str],
                   outcomes: dict[str, str], names: dict[str, str], status_column: int,
                   outcome_column: int, indicator_rows: int, f: _Formats, *,
                   charts: bool) -> None:
    cover = review.cover
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 16)
    heading = (_("End-of-convention review") if cover.final else
               _("Review of the year {year}").format(year=cover.year))
    sheet.write_string(0, 0, heading, f.title)
    sheet.write_string(1, 0, cover.title, f.bold)
    facts: list[tuple[str, Any, Any]] = [
        (_("Territory"), cover.territory, f.text),
        (_("Period of the convention"), cover.period, f.text)]
    if cover.year is not None:
        facts.append((_("Year reviewed"), cover.year, f.integer))
    facts.append((_("Date of the report"), dt.datetime.fromisoformat(cover.date), f.date))
    if cover.revision:
        revision = _("git revision {revision}").format(revision=cover.revision)
        if cover.dirty:
            revision += " " + _("(with changes not yet committed)")
    else:
        revision = _("unknown (the plan is not in a git repository)")
    facts.append((_("Version of the data"), revision, f.text))
    row = 2
    for title, value, style in facts:
        row += 1
        sheet.write_string(row, 0, title, f.bold)
        _write(sheet, row, 1, value, style)
    row += 2
    status_top = row
    sheet.write_string(row, 0, _("Status"), f.header)
    sheet.write_string(row, 1, _("Actions"), f.header)
    column = _column(status_column)
    for status, label in labels.items():
        row += 1
        sheet.write_string(row, 0, label)
        sheet.write_formula(row, 1, f"=COUNTIF('{names['actions']}'!{column}:{column},A{row + 1})",
                            f.integer, review.summary.statuses[status])
    status_bottom = row
    row += 1
    sheet.write_string(row, 0, _("Total"), f.bold)
    sheet.write_formula(row, 1, f"=SUM(B{status_top + 2}:B{status_bottom + 1})", f.integer,
                        review.summary.actions)
    row += 2
    outcome_top = row
    sheet.write_string(row, 0, _("Indicators"), f.header)
    sheet.write_string(row, 1, _("Number"), f.header)
    row += 1
    sheet.write_string(row, 0, _("In the plan"))
    sheet.write_number(row, 1, review.summary.indicators, f.integer)
    row += 1
    sheet.write_string(row, 0, _("With a value for the last year") if cover.final else
                       _("With a value for {year}").format(year=cover.year))
    sheet.write_number(row, 1, review.summary.with_value, f.integer)
    column = _column(outcome_column)
    first_outcome = row + 1
    for outcome, label in outcomes.items():
        row += 1
        sheet.write_string(row, 0, label)
        sheet.write_formula(
            row, 1, f"=COUNTIF('{names['indicators']}'!{column}2:{column}{indicator_rows + 1},"
                    f"A{row + 1})", f.integer, review.summary.outcomes[outcome])
    last_outcome = row
    if not charts:
        return
    chart = book.add_chart({"type": "bar"})
    chart.add_series({
        "name": _("Actions by status"),
        "categories": [sheet.name, status_top + 1, 0, status_bottom, 0],
        "values": [sheet.name, status_top + 1, 1, status_bottom, 1],
        "data_labels": {"value": True},
        "points": [{"fill": {"color": colour}} for colour in _STATUS_COLOURS],
    })
    chart.set_title({"name": _("Actions by status")})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    sheet.insert_chart(2, 3, chart, {"x_scale": 1.2, "y_scale": 1.1})
    outcome_chart = book.add_chart({"type": "bar"})
    outcome_chart.add_series({
        "name": _("Indicators by outcome"),
        "categories": [sheet.name, first_outcome, 0, last_outcome, 0],
        "values": [sheet.name, first_outcome, 1, last_outcome, 1],
        "data_labels": {"value": True},
        "points": [{"fill": {"color": c}} for c in ("#2e7d32", "#c26a00", "#a0a0a0")],
    })
    outcome_chart.set_title({"name": _("Indicators by outcome")})
    outcome_chart.set_legend({"none": True})
    outcome_chart.set_y_axis({"reverse": True})
    sheet.insert_chart(outcome_top, 3, outcome_chart, {"x_scale": 1.2, "y_scale": 0.9})


_STATUS_COLOURS = ("#8c8c8c", "#1f5fa8", "#2e7d32", "#c26a00", "#b3261e", "#d0d0d0")
