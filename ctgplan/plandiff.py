"""What changed between two versions of the plan: a structured diff, never printed here.

``compare`` takes two valid plans and returns a ``PlanDiff`` (``diffmodel``): the
plan's own fields, then themes, partners, needs and objectives, then actions with
their indicators, each in the new plan's order (a removed record comes right after
the record that preceded it in the old plan). Recorded values are compared by
``valuesdiff.compare_records``.

Rules:

- Texts are compared word by word (``textdiff``), punctuation marks counting as
  words: a change of line breaks or spaces (a YAML ``>-`` block re-wrapped) is not
  a change.
- A theme or partner whose label (name) changed is ``renamed``; a partner whose
  aliases alone changed is ``changed``.
- An action whose id disappeared while a new id appeared with the same text, or
  nearly (``RENUMBER_RATIO`` of the words in common, by ``difflib``), is a
  renumbering, whatever its theme: renumbering often comes with a move to another
  theme, which is then reported as a change of theme. Near matches are searched
  among at most ``RENUMBER_PAIRS`` pairs (identical texts are always found).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from difflib import SequenceMatcher
from enum import Enum
from typing import Any

from ctgplan.diffmodel import (
    ADDED,
    CHANGED,
    REMOVED,
    RENAMED,
    RENUMBERED,
    SECTIONS,
    ActionChange,
    FieldChange,
    IndicatorChange,
    ItemChange,
    PlanDiff,
    YearChange,
)
from ctgplan.model import Action, Indicator, Plan
from ctgplan.textdiff import _same_text, word_diff

RENUMBER_RATIO = 0.9
"""Share of words in common (difflib's ratio) above which a new id is a renumbering."""
RENUMBER_PAIRS = 250_000
"""Most (removed, added) pairs compared for near-identical texts."""

_LABEL_FIELD = {"themes": "label", "partners": "name", "needs": "text", "objectives": "text"}
_LONG_TEXTS = frozenset({"text", "action", "levers"})


def compare(old: Plan, new: Plan) -> PlanDiff:
    """The changes from ``old`` to ``new``, in the new plan's order."""
    names: dict[str, dict[str, str]] = {}
    for section in SECTIONS:
        label = _LABEL_FIELD[section]
        names[section] = {item.id: getattr(item, label)
                          for plan in (old, new) for item in getattr(plan, section)}
    def items(section: str) -> tuple[ItemChange, ...]:
        return tuple(_items(section, getattr(old, section), getattr(new, section)))

    return PlanDiff(plan=tuple(_plan_info(old, new)), themes=items("themes"),
                    partners=items("partners"), needs=items("needs"),
                    objectives=items("objectives"), actions=tuple(_actions(old, new)),
                    names=names)


def _plan_info(old: Plan, new: Plan) -> Iterable[FieldChange]:
    for name in ("title", "territory", "adopted", "period"):
        before, after = getattr(old.plan, name), getattr(new.plan, name)
        if before != after:
            yield FieldChange(name, "value", _plain(before), _plain(after))


def _plain(value: Any) -> Any:
    """A JSON-ready version of a field's value."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, (str, int, float)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return str(value)


def _items(section: str, old: Sequence[Any], new: Sequence[Any]) -> Iterable[ItemChange]:
    label = _LABEL_FIELD[section]
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    for old_id, new_id in _order([i.id for i in old], [i.id for i in new], {}):
        if new_id is None:
            assert old_id is not None
            yield ItemChange(section, REMOVED, old_id, getattr(before[old_id], label))
            continue
        item = after[new_id]
        if old_id is None:
            yield ItemChange(section, ADDED, new_id, getattr(item, label))
            continue
        changes = [*_fields(before[old_id], item, (label,))]
        if section == "partners":
            changes += _set_change("aliases", before[old_id].aliases, item.aliases)
        if changes:
            status = RENAMED if changes[0].field == label else CHANGED
            yield ItemChange(section, status, new_id, getattr(item, label), tuple(changes))


def _fields(old: Any, new: Any, names: Iterable[str]) -> Iterable[FieldChange]:
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if name in _LONG_TEXTS and isinstance(before, str) and isinstance(after, str):
            if not _same_text(before, after):
                yield FieldChange(name, "text", before, after, words=word_diff(before, after))
        elif before != after:
            yield FieldChange(name, "value", _plain(before), _plain(after))


def _set_change(name: str, old: Sequence[str], new: Sequence[str]) -> Iterable[FieldChange]:
    added = tuple(x for x in new if x not in old)
    removed = tuple(x for x in old if x not in new)
    if added or removed:
        yield FieldChange(name, "set", added=added, removed=removed)


def _order(old_ids: Sequence[str], new_ids: Sequence[str], renumbered: Mapping[str, str]
           ) -> list[tuple[str | None, str | None]]:
    """(old id, new id) pairs in the new order; a removed id comes after its old predecessor."""
    present = set(new_ids)
    survivors = {o: renumbered.get(o, o) for o in old_ids if renumbered.get(o, o) in present}
    back = {n: o for o, n in survivors.items()}
    removed_after: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for old_id in old_ids:
        if old_id in survivors:
            anchor = survivors[old_id]
        else:
            removed_after.setdefault(anchor, []).append(old_id)
    pairs: list[tuple[str | None, str | None]] = [
        (o, None) for o in removed_after.get(None, [])]
    for new_id in new_ids:
        pairs.append((back.get(new_id), new_id))
        pairs.extend((o, None) for o in removed_after.get(new_id, []))
    return pairs


_ACTION_FIELDS = ("theme", "need", "objective", "action", "levers")
_INDICATOR_FIELDS = ("label", "kind", "unit", "scale", "frequency", "baseline", "direction")


def _actions(old: Plan, new: Plan) -> Iterable[ActionChange]:
    before = {a.id: a for a in old.actions}
    after = {a.id: a for a in new.actions}
    renumbered = find_renumbered(old.actions, new.actions)
    for old_id, new_id in _order(list(before), list(after), renumbered):
        if new_id is None:
            assert old_id is not None
            gone = before[old_id]
            yield ActionChange(old_id, REMOVED, gone.theme, gone.action, action=gone)
            continue
        action = after[new_id]
        if old_id is None:
            yield ActionChange(new_id, ADDED, action.theme, action.action, action=action)
            continue
        previous = before[old_id]
        if old_id == new_id and previous == action:
            continue  # the common case, decided in one comparison
        changes = (*_fields(previous, action, _ACTION_FIELDS),
                   *_set_change("lead", [previous.lead], [action.lead]),
                   *_set_change("partners", previous.partners, action.partners),
                   *_fields(previous, action, ("calendar",)))
        indicators = tuple(_indicators(previous.indicators, action.indicators))
        if old_id != new_id:
            yield ActionChange(new_id, RENUMBERED, action.theme, action.action, old_id,
                               changes, indicators)
        elif changes or indicators:
            yield ActionChange(new_id, CHANGED, action.theme, action.action, None, changes,
                               indicators)


def find_renumbered(old: Sequence[Action], new: Sequence[Action]) -> dict[str, str]:
    """Old id -> new id of the actions renumbered (same or nearly the same text)."""
    new_ids = {a.id for a in new}
    old_ids = {a.id for a in old}
    gone = [a for a in old if a.id not in new_ids]
    came = [a for a in new if a.id not in old_ids]
    if not gone or not came:
        return {}
    found: dict[str, str] = {}
    by_text: dict[tuple[str, ...], list[Action]] = {}
    for action in came:
        by_text.setdefault(tuple(action.action.split()), []).append(action)
    taken: set[str] = set()
    for action in gone:
        same = by_text.get(tuple(action.action.split()))
        if same:
            match = same.pop(0)
            found[action.id] = match.id
            taken.add(match.id)
    gone = [a for a in gone if a.id not in found]
    came = [a for a in came if a.id not in taken]
    if not gone or not came or len(gone) * len(came) > RENUMBER_PAIRS:
        return found
    scored: list[tuple[float, int, int]] = []
    matcher: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
    came_words = [a.action.split() for a in came]
    for i, action in enumerate(gone):
        matcher.set_seq2(action.action.split())
        for j, words in enumerate(came_words):
            matcher.set_seq1(words)
            if (matcher.real_quick_ratio() >= RENUMBER_RATIO
                    and matcher.quick_ratio() >= RENUMBER_RATIO):
                ratio = matcher.ratio()
                if ratio >= RENUMBER_RATIO:
                    scored.append((-ratio, i, j))
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _ratio, i, j in sorted(scored):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            found[gone[i].id] = came[j].id
    return found


def _indicators(old: Sequence[Indicator], new: Sequence[Indicator]
                ) -> Iterable[IndicatorChange]:
    before = {i.id: i for i in old}
    after = {i.id: i for i in new}
    for old_id, new_id in _order(list(before), list(after), {}):
        if new_id is None:
            assert old_id is not None
            gone = before[old_id]
            yield IndicatorChange(old_id, REMOVED, gone.label, indicator=gone)
            continue
        indicator = after[new_id]
        if old_id is None:
            yield IndicatorChange(new_id, ADDED, indicator.label, indicator=indicator)
            continue
        previous = before[old_id]
        changes = [*_fields(previous, indicator, _INDICATOR_FIELDS)]
        years = tuple(
            YearChange(year, previous.targets.get(year), indicator.targets.get(year))
            for year in sorted({*previous.targets, *indicator.targets})
            if previous.targets.get(year) != indicator.targets.get(year))
        if years:
            changes.append(FieldChange("targets", "years", years=years))
        if changes:
            yield IndicatorChange(new_id, CHANGED, indicator.label, tuple(changes))
