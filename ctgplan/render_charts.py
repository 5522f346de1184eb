"""The report's charts, drawn by pygal as inline SVG, each with a text alternative.

pygal (pure Python, no browser or binary needed) lays out axes, bars and lines; this
module only chooses the data, colours and sizes, and makes the output self-contained
and deterministic: no script (pygal's tooltips load JavaScript from the network), no
web font, chart ids derived from the data's keys instead of random ones, no date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from ctgplan.i18n import _, language, number, percent

if TYPE_CHECKING:
    from ctgplan.review import IndicatorReview, Review

MAX_INDICATOR_CHARTS = 400
"""Above this many indicator charts, a report draws only the summary charts: past a few
hundred, a chart per indicator makes a file too heavy to open (each is about 15 kB) and
slow to write. The tables carry every figure either way."""


STATUS_COLOURS = {"a-venir": "#8c8c8c", "en-cours": "#1f5fa8", "realisee": "#2e7d32",
                  "reportee": "#c26a00", "abandonnee": "#b3261e", "none": "#d0d0d0"}
OUTCOME_COLOURS = {"met": "#2e7d32", "not-met": "#c26a00", "not-measurable": "#a0a0a0"}
_GENERATED = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>|<script\b[^>]*/>", re.S)
"""pygal always adds a script holding its tooltip configuration: without its JavaScript
(which it would load from the network) the script does nothing, and the report's
Content-Security-Policy forbids scripts, so it is removed."""
_ID = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True)
class Chart:
    """An SVG chart and the sentence that says what it shows."""

    svg: str
    alt: str

def _space() -> str:
    """What goes before a colon or semicolon: a no-break space in French, nothing in English."""
    return "\u00a0" if language() == "fr" else ""


def _colon() -> str:
    """A colon after a label in a chart's text, in the report's typography."""
    return _space() + ":"


def _pygal() -> Any:
    """pygal, without the import hook it adds for its map plugins (unused here): the hook
    predates ``find_spec``, and on Python 3.10 and 3.11 every import that misses makes it
    raise an ImportWarning (Python 3.12 ignores such hooks)."""
    import sys

    import pygal

    sys.meta_path[:] = [finder for finder in sys.meta_path
                        if type(finder).__name__ != "PluginImportFixer"]
    return pygal


def _style(colours: tuple[str, ...]) -> Any:
    _pygal()
    from pygal.style import Style

    return Style(background="white", plot_background="white", foreground="#222",
                 foreground_strong="#111", foreground_subtle="#666",
                 font_family="'DejaVu Sans', Arial, Helvetica, sans-serif",
                 label_font_size=13, major_label_font_size=13, value_font_size=13,
                 legend_font_size=13, title_font_size=15, tooltip_font_size=12,
                 colors=colours, opacity="1", opacity_hover="1", transition="none")


def _config(colours: tuple[str, ...], **options: Any) -> dict[str, Any]:
    return {"style": _style(colours), "js": [], "disable_xml_declaration": True,
            "explicit_size": False, "legend_at_bottom": True, "legend_box_size": 14,
            "truncate_legend": -1, "truncate_label": -1, "print_values": False,
            "show_y_guides": True, "margin": 10, **options}


def _finish(chart: Any, key: str, alt: str) -> Chart:
    chart.uuid = _ID.sub("-", key)
    svg = chart.render(is_unicode=True)
    svg = _SCRIPT.sub("", _GENERATED.sub("", svg))
    svg = svg.replace("<title>Pygal</title>", f"<title>{escape(alt)}</title>", 1)
    return Chart(svg, alt)


def _counts_chart(key: str, counts: dict[str, int], labels: dict[str, str],
                  colours: dict[str, str], alt: str) -> Chart:
    """One bar per category, coloured by category, its count printed on it."""
    pygal = _pygal()

    chart = pygal.HorizontalBar(**_config(("#1f5fa8",), width=460, height=60 + 36 * len(counts),
                                          show_legend=False, print_values=True,
                                          print_values_position="top"))
    # pygal draws the first category at the bottom: reversed, the list reads top down
    chart.x_labels = [labels[c] for c in reversed(counts)]
    chart.add(alt, [{"value": n, "color": colours[c]} for c, n in reversed(counts.items())])
    return _finish(chart, key, alt)


def statuses_chart(counts: dict[str, int], labels: dict[str, str], key: str) -> Chart:
    """Actions by status, one bar per status."""
    shown = {s: n for s, n in counts.items() if n or s != "none"}
    parts = ", ".join(f"{labels[s]}{_colon()} {n}" for s, n in shown.items())
    alt = _("Actions by status ({total} in all): {parts}.").format(
        total=sum(counts.values()), parts=parts)
    return _counts_chart(f"chart-{key}", shown, labels, STATUS_COLOURS, alt)


def themes_chart(review: Review, labels: dict[str, str]) -> Chart:
    """Actions of each theme by status, stacked."""
    pygal = _pygal()

    statuses = [s for s in labels if any(t.statuses.get(s) for t in review.themes)]
    chart = pygal.HorizontalStackedBar(**_config(
        tuple(STATUS_COLOURS[s] for s in statuses), width=760,
        height=130 + 36 * len(review.themes) + 36 * ((len(statuses) + 2) // 3),
        legend_at_bottom_columns=3, margin_bottom=16 + 22 * ((len(statuses) + 2) // 3)))
    themes = list(reversed(review.themes))  # drawn bottom up: the plan's order top down
    chart.x_labels = [t.label for t in themes]
    for status in statuses:
        chart.add(labels[status], [t.statuses.get(status, 0) or None for t in themes])
    parts = f"{_space()}; ".join(
        f"{t.label}{_colon()} " + ", ".join(f"{labels[s]} {n}" for s, n in t.statuses.items() if n)
        for t in review.themes if t.actions)
    alt = _("Actions of each theme by status. {parts}.").format(parts=parts)
    return _finish(chart, "chart-themes", alt)


def outcomes_chart(outcomes: dict[str, int], labels: dict[str, str]) -> Chart:
    """Indicators by outcome against their target."""
    parts = ", ".join(f"{labels[o]}{_colon()} {n}" for o, n in outcomes.items())
    alt = _("Indicators by outcome: {parts}.").format(parts=parts)
    return _counts_chart("chart-outcomes", outcomes, labels, OUTCOME_COLOURS, alt)


def _figure(value: float | None, unit: str | None) -> str:
    if value is None:
        return _("none")
    return percent(value) if unit == "percent" else number(value)


def indicator_chart(action_id: str, indicator: IndicatorReview, years: list[int]
                    ) -> Chart | None:
    """Realised values by year against the target; None with fewer than two values."""
    pygal = _pygal()

    points = indicator.points()
    if len(points) < 2:
        return None
    by_year = {y.year: y for y in indicator.years}
    has_targets = any(y in indicator.targets for y in years)
    colours = ("#1f5fa8", "#c26a00") if has_targets else ("#1f5fa8",)
    chart = pygal.Line(**_config(colours, width=520, height=240, dots_size=4,
                                 allow_interruptions=True, legend_at_bottom_columns=2,
                                 include_x_axis=True))
    chart.x_labels = [str(y) for y in years]
    chart.add(_("Realised"), [by_year[y].value if y in by_year else None for y in years],
              stroke_style={"width": 3})
    if has_targets:
        chart.add(_("Target"), [indicator.targets.get(y) for y in years],
                  stroke_style={"width": 3, "dasharray": "8,5"})
    satisfied = indicator.kind == "qualitative" and any(
        p.survey is not None and p.survey.satisfied is not None for p in points)
    unit = "percent" if indicator.unit == "percent" or satisfied else indicator.unit
    realised = ", ".join(f"{p.year}{_colon()} {_figure(p.value, unit)}" for p in points)
    targets = ", ".join(f"{y}{_colon()} {_figure(v, unit)}" for y, v in indicator.targets.items())
    alt = _("{label}: realised {realised}.").format(label=indicator.label, realised=realised)
    if targets:
        alt += " " + _("Targets {targets}.").format(targets=targets)
    return _finish(chart, f"chart-{action_id}-{indicator.id}", alt)


def draw_all(review: Review) -> dict[str, Chart]:
    """Every chart of a report, keyed ``summary``, ``themes``, ``outcomes``,
    ``theme/THEME`` and ``ACTION/INDICATOR``."""
    from ctgplan.review import outcome_labels, status_labels

    labels = status_labels()
    charts = {"summary": statuses_chart(review.summary.statuses, labels, "summary"),
              "themes": themes_chart(review, labels),
              "outcomes": outcomes_chart(review.summary.outcomes, outcome_labels())}
    candidates = [(a.id, i) for t in review.themes for a in t.actions for i in a.indicators
                  if len(i.points()) >= 2]
    if len(candidates) <= MAX_INDICATOR_CHARTS:
        for action_id, indicator in candidates:
            drawn = indicator_chart(action_id, indicator, review.years)
            if drawn is not None:
                charts[f"{action_id}/{indicator.id}"] = drawn
    return charts


def day_time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None
