"""What the renderers of a plan diff share: the sides, field names, styles and summary.

A ``DiffReport`` (the ``PlanDiff``, the two ``Sides``, whether to list every value)
is what ``ctg diff`` hands to the registry; ``render_diff_text`` (coloured on a
terminal), ``render_diff_markdown`` and ``render_diff_json`` turn it into text. Text
and markdown speak the user's language; json keys and codes are English and stable
(see the README). The lines both text and markdown print (a change, an added
action's details, an indicator, a recorded value) are written here, in a ``_Style``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ctgplan.diffmodel import (
    ADDED,
    CHANGED,
    CORRECTED,
    REMOVED,
    RENAMED,
    RENUMBERED,
    WITHDRAWN,
    ActionChange,
    FieldChange,
    IndicatorChange,
    PlanDiff,
)
from ctgplan.i18n import N_, _, day, number
from ctgplan.revisions import Source
from ctgplan.textdiff import Segment, word_diff

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


@dataclass(frozen=True)
class DiffReport:
    """What ``ctg diff`` found, ready to render."""

    diff: PlanDiff
    sides: Sides
    verbose: bool = False
    """With recorded values: list every value that changed, not only the counts."""


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
