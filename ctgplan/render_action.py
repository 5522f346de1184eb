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
    return Rendered(action_text(sheet.record, sheet.statuses) + status_text(sheet.history))


def as_json(sheet: ActionSheet, *, color: bool = False, width: int = 100) -> Rendered:
    """The action and the status of its indicators, as json."""
    return Rendered(json.dumps(sheet.as_dict(), ensure_ascii=False, indent=2) + "\n")


def _wrap(label: str, text: str, width: int = 100) -> list[str]:
    lines = textwrap.wrap(text, width=width - 14) or [""]
    return [f"{_(label):<13} {lines[0]}", *(f"{'':<13} {line}" for line in lines[1:])]


def _latest_text(latest: dict[str, Any] | None) -> str:
    if latest is None:
        return _("no value recorded")
    if "value" in latest:
        value = latest["value"]
        shown = number(value, None) if isinstance(value, (int, float)) else str(value)
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


def action_text(record: dict[str, Any], statuses: Sequence[Any]) -> str:
    """Everything about one action, as plain text for people."""
    lines = [f"{record['id']}  {record['theme']['label']}", ""]
    lines += _wrap("Action", record["action"])
    lines += _wrap("Need", record["need"]["text"])
    lines += _wrap("Objective", record["objective"]["text"])
    if record["levers"]:
        lines += _wrap("Levers", record["levers"])
    lines += _wrap("Lead", f"{record['lead']['name']} ({record['lead']['id']})")
    associated = _("; ").join(f"{p['name']} ({p['id']})" for p in record["partners"])
    lines += _wrap("Partners", associated or _("none"))
    calendar = record["calendar"]
    years = (str(calendar["start"]) if calendar["start"] == calendar["end"]
             else f"{calendar['start']}-{calendar['end']}")
    lines += _wrap("Calendar", years)
    lines += ["", _("Indicators")]
    if not record["indicators"]:
        lines.append("  " + _("none"))
    for indicator, status in zip(record["indicators"], statuses, strict=True):
        state = status.as_dict()
        unit = indicator["unit"] or _("survey")
        lines.append(f"  {indicator['id']:<5} {indicator['label']} [{indicator['kind']}, {unit}]")
        base = indicator["baseline"]
        facts = [_("baseline {value} ({year})").format(value=number(base["value"], None),
                                                        year=base["year"])
                 if base else _("no baseline")]
        if state["target"] is not None:
            facts.append(_("target {target} ({year}, {direction})").format(
                target=number(state["target"], None), year=state["target_year"],
                direction=indicator["direction"]))
        else:
            facts.append(_("no target"))
        facts.append(_("latest {latest}").format(latest=_latest_text(state["latest"])))
        if state["progress"] is not None:
            facts.append(_("progress {progress}").format(progress=percent(state["progress"], None)))
        lines += textwrap.wrap(_("; ").join(facts), width=92, initial_indent=" " * 8,
                               subsequent_indent=" " * 8)
    return "\n".join(lines) + "\n"


def status_text(history: Sequence[StatusRecord]) -> str:
    """The status of each year, for ``ctg show``."""
    from ctgplan.status_file import label

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
        lines += textwrap.wrap(_("; ").join(facts), width=92, initial_indent=f"  {record.year}  ",
                               subsequent_indent=" " * 8)
    return "\n".join(lines) + "\n"
