"""Renderers of a plan diff: text (coloured on a terminal), markdown and json.

Each turns a ``PlanDiff`` into a string; the CLI writes it. Text and markdown speak
the user's language; json keys and codes are English and stable (see the README).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ctgplan.diffsummary import SECTION_TITLES as _SECTION_TITLES
from ctgplan.diffsummary import summary
from ctgplan.i18n import N_, _, day, number
from ctgplan.plandiff import (
    ADDED,
    CHANGED,
    CORRECTED,
    REMOVED,
    RENAMED,
    RENUMBERED,
    SECTIONS,
    WITHDRAWN,
    ActionChange,
    FieldChange,
    IndicatorChange,
    ItemChange,
    PlanDiff,
    Segment,
    word_diff,
)
from ctgplan.revisions import Source

_FIELDS = {
    "title": N_("Title"), "territory": N_("Territory"), "adopted": N_("Adopted on"),
    "period": N_("Period"), "label": N_("Label"), "name": N_("Name"), "text": N_("Text"),
    "aliases": N_("Aliases"), "theme": N_("Theme"), "need": N_("Need"),
    "objective": N_("Objective"), "action": N_("Action"), "levers": N_("Levers"),
    "lead": N_("Lead"), "partners": N_("Partners"), "calendar": N_("Calendar"),
    "kind": N_("Kind"), "unit": N_("Unit"), "scale": N_("Scale"),
    "frequency": N_("Frequency"), "baseline": N_("Baseline"), "direction": N_("Direction"),
    "targets": N_("Targets"),
}
_REFERENCES = {"theme": "themes", "need": "needs", "objective": "objectives",
               "lead": "partners", "partners": "partners"}


@dataclass(frozen=True)
class Sides:
    """The two sides compared, for headings."""

    old: Source
    new: Source


def side_label(source: Source) -> str:
    """How a side is named to people: a revision, the working tree, or a file."""
    if source.revision is not None:
        return source.revision
    if source.worktree:
        return _("working tree")
    return source.path.as_posix()


def _field(name: str) -> str:
    return _(_FIELDS.get(name, name))


def _named(diff: PlanDiff, field_name: str, value: Any) -> str:
    """A reference shown with its label: ``Service Communication (communication)``."""
    if value is None:
        return _("none")
    section = _REFERENCES.get(field_name)
    label = diff.names.get(section, {}).get(str(value)) if section else None
    return f"{label} ({value})" if label else str(value)


def _value(diff: PlanDiff, field_name: str, value: Any) -> str:
    if value is None:
        return _("none")
    if field_name in _REFERENCES:
        return _named(diff, field_name, value)
    if field_name == "adopted":
        return day(str(value))
    if field_name == "baseline" and isinstance(value, dict):
        return _("{value} ({year})").format(value=number(value["value"]), year=value["year"])
    if field_name == "scale" and isinstance(value, dict):
        return f"{number(value['min'])}-{number(value['max'])}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    return str(value)


def _target(value: float | None) -> str:
    return _("none") if value is None else number(value)


# A small set of styles: text uses ANSI codes (when colour is on), markdown its marks.


@dataclass(frozen=True)
class _Style:
    added: Callable[[str], str]
    """Marks added words in a text."""
    removed: Callable[[str], str]
    strong: Callable[[str], str]
    escape: Callable[[str], str]
    green: Callable[[str], str] = lambda t: t
    """Paints what was added (colour only)."""
    red: Callable[[str], str] = lambda t: t
    punctuation: bool = True
    """Whether word diffs treat punctuation marks as words."""


def _ansi(code: str) -> Callable[[str], str]:
    return lambda text: f"\033[{code}m{text}\033[0m"


_COLOR = _Style(_ansi("32"), _ansi("31;9"), _ansi("1"), lambda t: t, _ansi("32"), _ansi("31"))
_PLAIN = _Style(lambda t: f"{{+{t}+}}", lambda t: f"[-{t}-]", lambda t: t, lambda t: t)

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|~"})


def md_escape(text: str) -> str:
    """Plan text made safe for markdown (no accidental emphasis, links or tables)."""
    return text.translate(_MD_SPECIAL)


_MARKDOWN = _Style(lambda t: f"**{t}**", lambda t: f"~~{t}~~", lambda t: f"**{t}**",
                   md_escape, punctuation=False)


def _words(segments: Sequence[Segment], style: _Style) -> str:
    parts = []
    for segment in segments:
        lead = " " if segment.text.startswith(" ") else ""
        body = style.escape(segment.text.lstrip(" "))
        if segment.op == "added":
            body = style.added(body)
        elif segment.op == "removed":
            body = style.removed(body)
        parts.append(lead + body)
    return "".join(parts)


def _change_text(diff: PlanDiff, change: FieldChange, style: _Style) -> str:
    """``Field: what changed`` on one line."""
    name = change.field
    if change.kind == "text":
        words = change.words if style.punctuation else word_diff(
            str(change.old), str(change.new), punctuation=False)
        what = _words(words, style)
    elif change.kind == "set":
        values = [*(style.green("+ " + style.escape(_set_item(diff, name, x)))
                    for x in change.added),
                  *(style.red("- " + style.escape(_set_item(diff, name, x)))
                    for x in change.removed)]
        what = _("; ").join(values)
    elif change.kind == "years":
        what = _("; ").join(
            _("{year}: {old} → {new}").format(year=y.year, old=_target(y.old),
                                              new=_target(y.new))
            for y in change.years)
    else:
        what = _("{old} → {new}").format(old=style.escape(_value(diff, name, change.old)),
                                         new=style.escape(_value(diff, name, change.new)))
    return _("{name}: {message}").format(name=_field(name), message=what)


def _set_item(diff: PlanDiff, name: str, value: str) -> str:
    return _named(diff, name, value) if name in _REFERENCES else value


# Summary -----------------------------------------------------------------------------


_STATUS_WORDS = {ADDED: N_("added"), REMOVED: N_("removed"), CHANGED: N_("changed"),
                 RENAMED: N_("renamed"), RENUMBERED: N_("renumbered")}


def _status_word(section: str, status: str) -> str:
    """``renamed`` is ``reworded`` for a need or an objective (a sentence, not a name)."""
    if status == RENAMED and section in ("needs", "objectives"):
        return _("reworded")
    return _(_STATUS_WORDS[status])


_RECORD_WORDS = {ADDED: N_("added"), CORRECTED: N_("corrected"), WITHDRAWN: N_("withdrawn")}


# Text --------------------------------------------------------------------------------


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


def _action_details(diff: PlanDiff, action: ActionChange, style: _Style) -> Iterable[str]:
    if action.action is not None:
        whole = action.action
        if action.status == ADDED:
            esc = style.escape
            yield _("{name}: {message}").format(name=_field("lead"),
                                                message=esc(_named(diff, "lead", whole.lead)))
            if whole.partners:
                yield _("{name}: {message}").format(name=_field("partners"), message=_(
                    "; ").join(esc(_named(diff, "partners", p)) for p in whole.partners))
            yield _("{name}: {message}").format(name=_field("calendar"), message=whole.calendar)
            for added in whole.indicators:
                yield _("Indicator {id}: {label}").format(id=esc(added.id),
                                                         label=esc(added.label))
        return
    for change in action.changes:
        yield _change_text(diff, change, style)
    for indicator in action.indicators:
        yield from _indicator_lines(diff, indicator, style)


def _indicator_lines(diff: PlanDiff, indicator: IndicatorChange, style: _Style
                     ) -> Iterable[str]:
    title = _("Indicator {id}: {label}").format(id=indicator.id,
                                                label=style.escape(indicator.label))
    if indicator.status == ADDED:
        yield style.green("+ " + title)
    elif indicator.status == REMOVED:
        yield style.red("- " + title)
    else:
        yield title
        yield from (f"  {_change_text(diff, c, style)}" for c in indicator.changes)


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


def _record_line(change: str, indicator: str, period: str, value: Any, by: str,
                 reason: str | None) -> str:
    shown = number(value) if isinstance(value, (int, float)) and not isinstance(
        value, bool) else str(value)
    line = _("{change} {indicator} {period} = {value} (by {by})").format(
        change=_(_RECORD_WORDS[change]), indicator=indicator, period=period, value=shown,
        by=by)
    if reason:
        line += " " + _("reason: {reason}").format(reason=reason)
    return line


# Markdown ----------------------------------------------------------------------------


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


# JSON --------------------------------------------------------------------------------


def as_json(diff: PlanDiff, sides: Sides, *, color: bool = False, verbose: bool = False
            ) -> str:
    """The stable contract for scripts (keys documented in the README)."""
    data = {
        "old": _side(sides.old),
        "new": _side(sides.new),
        "changed": not diff.empty,
        "plan": [_field_json(c) for c in diff.plan],
        **{section: [_item_json(i) for i in diff.section(section)] for section in SECTIONS},
        "actions": [_action_json(a) for a in diff.actions],
        "values": None if diff.values is None else {
            "per_action": {a: {k: c[k] for k in (ADDED, CORRECTED, WITHDRAWN)}
                           for a, c in diff.values.per_action().items()},
            "records": [{"change": r.change, "action": r.action, "indicator": r.indicator,
                         "period": r.period, "value": r.value, "recorded_by": r.recorded_by,
                         "recorded_at": r.recorded_at, "reason": r.reason}
                        for r in diff.values.records],
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _side(source: Source) -> dict[str, Any]:
    return {"revision": source.revision, "path": source.path.as_posix()}


def _field_json(change: FieldChange) -> dict[str, Any]:
    data: dict[str, Any] = {"field": change.field, "kind": change.kind}
    if change.kind in ("value", "text"):
        data.update(old=change.old, new=change.new)
    if change.kind == "text":
        data["words"] = [{"op": s.op, "text": s.text} for s in change.words]
    if change.kind == "set":
        data.update(added=list(change.added), removed=list(change.removed))
    if change.kind == "years":
        data["years"] = [{"year": y.year, "old": y.old, "new": y.new} for y in change.years]
    return data


def _item_json(item: ItemChange) -> dict[str, Any]:
    return {"status": item.status, "id": item.id, "label": item.label,
            "changes": [_field_json(c) for c in item.changes]}


def _action_json(action: ActionChange) -> dict[str, Any]:
    return {
        "status": action.status, "id": action.id, "old_id": action.old_id,
        "theme": action.theme, "text": action.text,
        "changes": [_field_json(c) for c in action.changes],
        "indicators": [{"status": i.status, "id": i.id, "label": i.label,
                        "changes": [_field_json(c) for c in i.changes],
                        "indicator": i.indicator.model_dump(mode="json")
                        if i.indicator is not None else None}
                       for i in action.indicators],
        "action": action.action.model_dump(mode="json") if action.action is not None else None,
    }


RENDERERS: dict[str, Callable[..., str]] = {"text": text, "markdown": markdown,
                                            "json": as_json}
