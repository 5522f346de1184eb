"""Renderers of ``ctg show``: the action sheet as text for people, or json."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any

from ctgplan.i18n import _, day, number, percent
from ctgplan.render_base import Rendered
from ctgplan.status_file import StatusRecord
from ctgplan.views import ActionSheet


def text(sheet: ActionSheet, *, color: bool = False, width: int = 100) -> Rendered:
    """Everything about one action, as plain text for people."""
    return Rendered(action_text(sheet.record, sheet.statuses, width=width)
                    + status_text(sheet.history, width=width))


def as_json(sheet: ActionSheet, *, color: bool = False, width: int = 100) -> Rendered:
    """The action and the status of its indicators, as json."""
    return Rendered(json.dumps(sheet.as_dict(), ensure_ascii=False, indent=2) + "\n")


def _wrap(label: str, text: str, width: int = 100) -> list[str]:
    lines = textwrap.wrap(text, width=max(width, 40) - 14, break_on_hyphens=False) or [""]
    return [f"{_(label):<13} {lines[0]}", *(f"{'':<13} {line}" for line in lines[1:])]


def _latest_text(latest: dict[str, Any] | None, unit: str | None = None) -> str:
    if latest is None:
        return _("no value recorded")
    if "value" in latest:
        shown = _number(latest["value"], unit)
    else:
        parts = [_("{share} satisfied").format(share=percent(latest["satisfied"], None))
                 ] if "satisfied" in latest else []
        if "score" in latest:
            parts.append(_("score {score}").format(score=number(latest["score"], None)))
        if "respondents" in latest:
            parts.append(_("{count} respondents").format(count=latest["respondents"]))
        parts.append(f"\u201c{latest.get('summary', '')}\u201d")
        shown = ", ".join(parts)
    return _("{value} ({period})").format(value=shown, period=latest["period"])


def _number(value: float, unit: str | None) -> str:
    """A number of the plan or a value for people: oui/non for a milestone."""
    if unit == "milestone":
        return _("oui") if value else _("non")
    return number(value, None) if isinstance(value, (int, float)) else str(value)


def action_text(record: dict[str, Any], statuses: Sequence[Any], width: int = 100) -> str:
    """Everything about one action, as plain text for people."""
    lines = [f"{record['id']}  {record['theme']['label']}", ""]
    lines += _wrap("Action", record["action"], width)
    lines += _wrap("Need", record["need"]["text"], width)
    lines += _wrap("Objective", record["objective"]["text"], width)
    if record["levers"]:
        lines += _wrap("Levers", record["levers"], width)
    lines += _wrap("Lead", f"{record['lead']['name']} ({record['lead']['id']})", width)
    associated = _("; ").join(f"{p['name']} ({p['id']})" for p in record["partners"])
    lines += _wrap("Partners", associated or _("none"), width)
    calendar = record["calendar"]
    years = (str(calendar["start"]) if calendar["start"] == calendar["end"]
             else f"{calendar['start']}-{calendar['end']}")
    lines += _wrap("Calendar", years, width)
    lines += ["", _("Indicators")]
    if not record["indicators"]:
        lines.append("  " + _("none"))
    for indicator, status in zip(record["indicators"], statuses, strict=True):
        state = status.as_dict()
        unit = indicator["unit"] or _("survey")
        lines.append(f"  {indicator['id']:<5} {indicator['label']} [{indicator['kind']}, {unit}]")
        base = indicator["baseline"]
        facts = [_("baseline {value} ({year})").format(value=_number(base["value"], unit),
                                                        year=base["year"])
                 if base else _("no baseline")]
        if state["target"] is not None:
            facts.append(_("target {target} ({year}, {direction})").format(
                target=_number(state["target"], unit), year=state["target_year"],
                direction=indicator["direction"]))
        else:
            facts.append(_("no target"))
        if state["disputed"]:
            facts.append(_("disputed: {values} ({period}); choose one with `ctg record "
                           "{action} {indicator} VALUE --year {year} --settle --reason TEXT`"
                           ).format(values=_(" or ").join(_latest_text(v).rsplit(" (", 1)[0]
                                                          for v in state["disputed"]),
                                    period=state["disputed"][0]["period"],
                                    action=record["id"], indicator=indicator["id"],
                                    year=str(state["disputed"][0]["period"])[:4]))
        else:
            facts.append(_("latest {latest}").format(
                latest=_latest_text(state["latest"], unit)))
        if state["progress"] is not None:
            facts.append(_("progress {progress}").format(
                progress=percent(state["progress"], None)))
        elif state["target"] is not None and state["latest"] is not None and not base and (
                indicator["direction"] != "maintain") and not state["disputed"]:
            facts.append(_("no progress: it needs a baseline"))
        lines += textwrap.wrap(_("; ").join(facts), width=max(width, 40) - 8,
                               initial_indent=" " * 8, break_on_hyphens=False,
                               subsequent_indent=" " * 8)
    return "\n".join(lines) + "\n"


def status_text(history: Sequence[StatusRecord], *, width: int = 100) -> str:
    """The status of each year, for ``ctg show``."""
    from ctgplan.status_file import label

    lines = ["", _("Status")]
    if not history:
        lines += textwrap.wrap(_("no status recorded yet (ctg status ACTION STATUS --year YEAR)"),
                               width=max(width, 40), initial_indent="  ", subsequent_indent="  ",
                               break_on_hyphens=False)
    for record in history:
        facts = [label(record.status)]
        if record.note:
            facts.append(record.note)
        if record.decision:
            facts.append(_("COPIL decision: {decision}").format(decision=record.decision))
        facts.append(_("by {who} on {day}").format(who=record.recorded_by,
                                                    day=day(record.recorded_at)))
        lines += textwrap.wrap(_("; ").join(facts), width=max(width, 40) - 8,
                               initial_indent=f"  {record.year}  ", subsequent_indent=" " * 8,
                               break_on_hyphens=False)
    return "\n".join(lines) + "\n"
