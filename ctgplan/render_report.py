"""Renderers of ``ctg report`` and ``ctg todo``: the HTML and Markdown reports (Jinja2
templates in ``ctgplan/templates``), the report's JSON, and the to-do list in Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ctgplan.i18n import _, day, language
from ctgplan.render_base import Rendered

if TYPE_CHECKING:
    from ctgplan.review import Review
    from ctgplan.todo import Gap


def todo(data: tuple[Sequence[tuple[str, Sequence[Gap]]], int], *, color: bool = False,
         width: int = 100) -> Rendered:
    """``ctg todo --format markdown``: the gaps by lead, and the year."""
    return Rendered(todo_markdown(*data))


def todo_markdown(groups: Sequence[tuple[str, Sequence[Gap]]], year: int) -> str:
    """The gaps of a year as Markdown, one section per lead, to paste into an e-mail."""
    from ctgplan.todo import STATUS

    out = [_("# Still missing for {year}").format(year=year), ""]
    for lead, gaps in groups:
        out += [f"## {_md(lead)}", ""]
        for gap in gaps:
            if gap.kind == STATUS:
                out.append("- " + _("**{action}**: the status of the action for {year}").format(
                    action=gap.action, year=year))
            else:
                out.append("- " + _("**{action}** {indicator} {label}: {periods}").format(
                    action=gap.action, indicator=gap.indicator, label=_md(gap.label or ""),
                    periods=", ".join(gap.periods)))
        out.append("")
    return "\n".join(out)


def _colon() -> str:
    """A colon after a label, in the report's typography (French: a no-break space before)."""
    return "\u00a0:" if language() == "fr" else ":"


def _md(text: str) -> str:
    """Text safe inside a Markdown line (no table, emphasis or HTML surprises)."""
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*")
            .replace("_", "\\_").replace("<", "&lt;").replace("\n", " "))


def _environment(autoescape: bool) -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    from ctgplan import i18n

    env = Environment(loader=PackageLoader("ctgplan", "templates"), autoescape=autoescape,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals.update(_=i18n.gettext, ngettext=i18n.ngettext, colon=_colon)
    env.filters.update(number=_number, percent=_percent, day=day, md=_md)
    return env


def _number(value: float | None) -> str:
    from ctgplan.i18n import number

    return "" if value is None else number(value)


def _percent(value: float | None) -> str:
    from ctgplan.i18n import percent

    return "" if value is None else percent(value)


def _context(review: Review) -> dict[str, Any]:
    from ctgplan import i18n
    from ctgplan import review as review_mod

    if review.cover.final:
        heading = _("End-of-convention review")
    else:
        heading = _("Review of the year {year}").format(year=review.cover.year)
    return {"r": review, "labels": review_mod.status_labels(),
            "outcomes": review_mod.outcome_labels(), "lang": i18n.language(),
            "heading": heading}


def markdown(review: Review) -> str:
    """The review as Markdown (a merge request, a wiki, a conversion with pandoc)."""
    env = _environment(autoescape=False)
    return str(env.get_template("report.md.j2").render(**_context(review)))


def html(review: Review, *, charts: bool = True) -> str:
    """The review as one self-contained HTML file: CSS and SVG charts inline."""
    from importlib.resources import files

    from ctgplan import render_charts as charts_mod

    drawn = charts_mod.draw_all(review) if charts else {}
    wanted = sum(1 for t in review.themes for a in t.actions for i in a.indicators
                 if len(i.points()) >= 2)
    skipped = charts and wanted > charts_mod.MAX_INDICATOR_CHARTS
    css = (files("ctgplan") / "templates" / "report.css").read_text(encoding="utf-8")
    env = _environment(autoescape=True)
    return str(env.get_template("report.html.j2").render(
        **_context(review), charts=drawn, css=css, skipped=skipped))


def as_html(data: tuple[Review, bool], *, color: bool = False, width: int = 100) -> Rendered:
    """``ctg report --format html``: the review and whether to draw the charts."""
    return Rendered(html(data[0], charts=data[1]))


def as_markdown(data: tuple[Review, bool], *, color: bool = False, width: int = 100
                ) -> Rendered:
    """``ctg report --format markdown``."""
    return Rendered(markdown(data[0]))


def as_json(data: tuple[Review, bool], *, color: bool = False, width: int = 100) -> Rendered:
    """``ctg report --format json``: the stable contract for scripts."""
    from ctgplan.review import to_json

    return Rendered(to_json(data[0]))
