"""``ctg diff`` for a terminal: one line per change, indented details, colour when asked."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ctgplan.diffmodel import (
    ADDED,
    CHANGED,
    CORRECTED,
    REMOVED,
    RENAMED,
    RENUMBERED,
    SECTIONS,
    WITHDRAWN,
    PlanDiff,
)
from ctgplan.diffsummary import SECTION_TITLES as _SECTION_TITLES
from ctgplan.diffsummary import summary
from ctgplan.i18n import _
from ctgplan.render_base import Rendered
from ctgplan.render_diff import (
    DiffReport,
    Sides,
    _action_details,
    _change_text,
    _record_line,
    _Style,
    side_label,
)


def _ansi(code: str) -> Callable[[str], str]:
    return lambda text: f"\033[{code}m{text}\033[0m"


_COLOR = _Style(_ansi("32"), _ansi("31;9"), _ansi("1"), lambda t: t, _ansi("32"), _ansi("31"))
_PLAIN = _Style(lambda t: f"{{+{t}+}}", lambda t: f"[-{t}-]", lambda t: t, lambda t: t)


def text(diff: PlanDiff, sides: Sides, *, color: bool = False, verbose: bool = False) -> str:
    """For a terminal: one line per change, indented details, colour when asked."""
    style = _COLOR if color else _PLAIN
    marks = {ADDED: "+", REMOVED: "-", CHANGED: "~", RENAMED: "~", RENUMBERED: "~"}
    paint = {ADDED: style.green, REMOVED: style.red, CHANGED: style.strong,
             RENAMED: style.strong, RENUMBERED: style.strong}
    out = [style.strong(_("Plan changes from {old} to {new}").format(
        old=side_label(sides.old), new=side_label(sides.new)))]
    if diff.plan:
        out.append(style.strong(_("Plan")))
        out.extend(f"  ~ {_change_text(diff, c, style)}" for c in diff.plan)
    for section in SECTIONS:
        items = diff.section(section)
        if not items:
            continue
        out.append(style.strong(_(_SECTION_TITLES[section])))
        for item in items:
            out.append(f"  {paint[item.status](marks[item.status] + ' ' + item.id)}  "
                       f"{item.label}")
            out.extend(f"      {_change_text(diff, c, style)}" for c in item.changes)
    if diff.actions:
        out.append(style.strong(_("Actions")))
        for action in diff.actions:
            head = f"{marks[action.status]} {action.id}"
            if action.status == RENUMBERED:
                head += " " + _("(was {old_id})").format(old_id=action.old_id)
            reworded = any(c.field == "action" for c in action.changes)
            shown = "" if reworded else "  " + " ".join(action.text.split())
            out.append(f"  {paint[action.status](head)}  {action.theme}{shown}")
            out.extend(f"      {line}" for line in _action_details(diff, action, style))
    if diff.values is not None:
        out.extend(_values_text(diff, style, verbose))
    out.append(summary(diff))
    return "\n".join(out) + "\n"


def _values_text(diff: PlanDiff, style: _Style, verbose: bool) -> Iterable[str]:
    assert diff.values is not None
    yield style.strong(_("Recorded values"))
    per_action = diff.values.per_action()
    if not per_action:
        yield "  " + _("no value added, corrected or withdrawn")
    for action_id, counts in per_action.items():
        yield "  " + _("{action}: {added} added, {corrected} corrected, {withdrawn} withdrawn"
                       ).format(action=action_id, added=counts[ADDED],
                                corrected=counts[CORRECTED], withdrawn=counts[WITHDRAWN])
        if verbose:
            for record in diff.values.records:
                if record.action == action_id:
                    yield "      " + _record_line(record.change, record.indicator,
                                                  record.period, record.value,
                                                  record.recorded_by, record.reason)


def rendered(report: DiffReport, *, color: bool = False, width: int = 100) -> Rendered:
    """The registry's entry (``render.render("diff", "text", report)``): ``text``."""
    return Rendered(text(report.diff, report.sides, color=color, verbose=report.verbose))
