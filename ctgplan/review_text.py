"""Text renderers of the review: action statuses for ``ctg show``, the to-do list in
Markdown, and the HTML and Markdown reports (Jinja2 templates in ``ctgplan/templates``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ctgplan.i18n import _, day

if TYPE_CHECKING:
    from ctgplan.review import Review
    from ctgplan.status import StatusRecord
    from ctgplan.todo import Gap


def status_text(history: Sequence[StatusRecord]) -> str:
    """The status of each year, for ``ctg show``."""
    from ctgplan.status import label

    lines = ["", _("Status")]
    if not history:
        lines.append("  " + _("no status recorded yet (ctg status ACTION STATUS --year YEAR)"))
    for record in history:
        facts = [label(record.status)]
        if record.note:
            facts.append(record.note)
        if record.decision:
            facts.append(_("COPIL decision: {decision}").format(decision=record.decision))
        facts.append(_("by {who} on {day}").format(who=record.recorded_by,
                                                    day=day(record.recorded_at)))
        lines += textwrap.wrap("; ".join(facts), width=92, initial_indent=f"  {record.year}  ",
                               subsequent_indent=" " * 8)
    return "\n".join(lines) + "\n"


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
    env.globals.update(_=i18n.gettext, ngettext=i18n.ngettext)
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

    from ctgplan import charts as charts_mod

    drawn = charts_mod.draw_all(review) if charts else {}
    wanted = sum(1 for t in review.themes for a in t.actions for i in a.indicators
                 if len(i.points()) >= 2)
    skipped = charts and wanted > charts_mod.MAX_INDICATOR_CHARTS
    css = (files("ctgplan") / "templates" / "report.css").read_text(encoding="utf-8")
    env = _environment(autoescape=True)
    return str(env.get_template("report.html.j2").render(
        **_context(review), charts=drawn, css=css, skipped=skipped))
