"""The one-sentence summary of a plan diff, counted in the user's language.

``Partners: 1 renamed; Actions: 2 added, 1 changed.`` ends the text of ``ctg diff`` and
heads its markdown; French counts nouns (``2 ajouts``), hence one message per kind.
"""

from __future__ import annotations

from collections.abc import Sequence

from ctgplan.diffmodel import (
    ADDED,
    CHANGED,
    CORRECTED,
    REMOVED,
    RENAMED,
    RENUMBERED,
    SECTIONS,
    WITHDRAWN,
    ActionChange,
    ItemChange,
    PlanDiff,
)
from ctgplan.i18n import N_, _, ngettext

SECTION_TITLES = {"themes": N_("Themes"), "partners": N_("Partners"), "needs": N_("Needs"),
                  "objectives": N_("Objectives"), "actions": N_("Actions")}


def summary(diff: PlanDiff) -> str:
    """One sentence: what changed, counted (``No change.`` when nothing did)."""
    parts: list[str] = []
    if diff.plan:
        parts.append(_("Plan: {count} changed").format(count=len(diff.plan)))
    for section in (*SECTIONS, "actions"):
        changes: Sequence[ItemChange | ActionChange] = getattr(diff, section)
        if not changes:
            continue
        counts = [(status, sum(1 for c in changes if c.status == status))
                  for status in (ADDED, REMOVED, CHANGED, RENAMED, RENUMBERED)]
        detail = ", ".join(_counted(section, status, n) for status, n in counts if n)
        parts.append(_("{name}: {message}").format(name=_(SECTION_TITLES[section]),
                                                   message=detail))
    if diff.values is not None and diff.values.records:
        counts = [(change, sum(1 for r in diff.values.records if r.change == change))
                  for change in (ADDED, CORRECTED, WITHDRAWN)]
        parts.append(_("Recorded values: {detail}").format(detail=", ".join(
            _counted("values", change, n) for change, n in counts if n)))
    if not parts:
        return _("No change.")
    return _("; ").join(parts) + "."


def _counted(section: str, status: str, n: int) -> str:
    """``2 added``: a number of changes of one kind (French counts nouns: ``2 ajouts``)."""
    if status == ADDED:
        text = ngettext("{count} added", "{count} added", n)
    elif status == REMOVED:
        text = ngettext("{count} removed", "{count} removed", n)
    elif status == CHANGED:
        text = ngettext("{count} changed", "{count} changed", n)
    elif status == RENAMED and section in ("needs", "objectives"):
        text = ngettext("{count} reworded", "{count} reworded", n)
    elif status == RENAMED:
        text = ngettext("{count} renamed", "{count} renamed", n)
    elif status == RENUMBERED:
        text = ngettext("{count} renumbered", "{count} renumbered", n)
    elif status == CORRECTED:
        text = ngettext("{count} corrected", "{count} corrected", n)
    else:
        text = ngettext("{count} withdrawn", "{count} withdrawn", n)
    return text.format(count=n)
