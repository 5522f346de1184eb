"""``ctg diff --format markdown``: for a merge-request comment or the annex of an amendment."""

from __future__ import annotations

from ctgplan.diffmodel import (
    ADDED,
    CHANGED,
    CORRECTED,
    REMOVED,
    RENUMBERED,
    SECTIONS,
    WITHDRAWN,
    ActionChange,
    ItemChange,
    PlanDiff,
)
from ctgplan.diffsummary import SECTION_TITLES as _SECTION_TITLES
from ctgplan.diffsummary import summary
from ctgplan.i18n import N_, _
from ctgplan.render_base import Rendered
from ctgplan.render_diff import (
    DiffReport,
    Sides,
    _action_details,
    _change_text,
    _indicator_lines,
    _record_line,
    _status_word,
    _Style,
    side_label,
)

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|~"})


def md_escape(text: str) -> str:
    """Plan text made safe for markdown (no accidental emphasis, links or tables)."""
    return text.translate(_MD_SPECIAL)


_MARKDOWN = _Style(lambda t: f"**{t}**", lambda t: f"~~{t}~~", lambda t: f"**{t}**",
                   md_escape, punctuation=False)


def markdown(diff: PlanDiff, sides: Sides, *, color: bool = False, verbose: bool = False
             ) -> str:
    """For a merge-request comment or the annex of an amendment."""
    style = _MARKDOWN
    esc = md_escape
    title = _("Plan changes from {old} to {new}").format(
        old=esc(side_label(sides.old)), new=esc(side_label(sides.new)))
    out = [f"## {title}", "", summary(diff)]
    if diff.plan:
        out += ["", "### " + _("Plan"), ""]
        out += [f"- {_change_text(diff, c, style)}" for c in diff.plan]
    for section in SECTIONS:
        items = diff.section(section)
        if not items:
            continue
        out += ["", f"### {_(_SECTION_TITLES[section])}", ""]
        for item in items:
            out.append(f"- {_item_heading(item)}")
            out += [f"  - {_change_text(diff, c, style)}" for c in item.changes]
    if diff.actions:
        out += ["", "### " + _("Actions")]
        for action in diff.actions:
            out += ["", f"#### {_action_heading(diff, action)}", ""]
            if action.status in (ADDED, REMOVED):
                out.append("> " + esc(" ".join(action.text.split())))
                if action.status == ADDED:
                    out.append("")
                    out += [f"- {line}" for line in _action_details(diff, action, style)]
                continue
            if action.status == RENUMBERED and not any(c.field == "action"
                                                       for c in action.changes):
                out += ["> " + esc(" ".join(action.text.split())), ""]
            for change in action.changes:
                out.append(f"- {_change_text(diff, change, style)}")
            for indicator in action.indicators:
                lines = list(_indicator_lines(diff, indicator, style))
                out.append(f"- {lines[0]}")
                out += [f"  - {line.strip()}" for line in lines[1:]]
    if diff.values is not None:
        out += ["", "### " + _("Recorded values"), ""]
        per_action = diff.values.per_action()
        if not per_action:
            out.append(_("No value added, corrected or withdrawn."))
        else:
            header = (_("Action"), _("Added"), _("Corrected"), _("Withdrawn"))
            out += ["| {} | {} | {} | {} |".format(*header),
                    "|---|---:|---:|---:|"]
            out += [f"| {esc(a)} | {c[ADDED]} | {c[CORRECTED]} | {c[WITHDRAWN]} |"
                    for a, c in per_action.items()]
            if verbose:
                out.append("")
                out += [f"- {esc(r.action)} " + esc(_record_line(
                    r.change, r.indicator, r.period, r.value, r.recorded_by, r.reason))
                    for r in diff.values.records]
    return "\n".join(out) + "\n"


def _item_heading(item: ItemChange) -> str:
    return (f"**{md_escape(item.id)}** {md_escape(item.label)} "
            f"({_status_word(item.section, item.status)})")


def _action_heading(diff: PlanDiff, action: ActionChange) -> str:
    theme = diff.names.get("themes", {}).get(action.theme, action.theme)
    headings = {ADDED: N_("New action {id} ({theme})"),
                REMOVED: N_("Action {id} removed ({theme})"),
                CHANGED: N_("Action {id} changed ({theme})"),
                RENUMBERED: N_("Action {old_id} renumbered {id} ({theme})")}
    return md_escape(_(headings[action.status]).format(id=action.id, theme=theme,
                                                       old_id=action.old_id))


def rendered(report: DiffReport, *, color: bool = False, width: int = 100) -> Rendered:
    """The registry's entry (``render.render("diff", "markdown", report)``): ``markdown``."""
    return Rendered(markdown(report.diff, report.sides, color=color, verbose=report.verbose))
