"""What changed between two versions of the plan: a structured diff, never printed here.

``compare`` takes two valid plans and returns a ``PlanDiff``: the plan's own fields,
then themes, partners, needs and objectives, then actions with their indicators, each
in the new plan's order (a removed record comes right after the record that preceded
it in the old plan). ``compare_records`` does the same for recorded values.

Rules:

- Texts are compared word by word, punctuation marks counting as words: a change
  of line breaks or spaces (a YAML ``>-`` block re-wrapped) is not a change.
- A theme or partner whose label (name) changed is ``renamed``; a partner whose
  aliases alone changed is ``changed``.
- An action whose id disappeared while a new id appeared with the same text, or
  nearly (``RENUMBER_RATIO`` of the words in common, by ``difflib``), is a
  renumbering, whatever its theme: renumbering often comes with a move to another
  theme, which is then reported as a change of theme. Near matches are searched
  among at most ``RENUMBER_PAIRS`` pairs (identical texts are always found).
- Recorded values are compared line by line: a line only in the new revision is
  ``added`` (``corrected`` when it carries ``replaces:``), a line only in the old
  one is ``withdrawn``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import Enum
from typing import Any

from ctgplan.model import Action, Indicator, Plan

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
RENUMBERED = "renumbered"
RENAMED = "renamed"
CORRECTED = "corrected"
WITHDRAWN = "withdrawn"

RENUMBER_RATIO = 0.9
"""Share of words in common (difflib's ratio) above which a new id is a renumbering."""
RENUMBER_PAIRS = 250_000
"""Most (removed, added) pairs compared for near-identical texts."""

SECTIONS = ("themes", "partners", "needs", "objectives")
_LABEL_FIELD = {"themes": "label", "partners": "name", "needs": "text", "objectives": "text"}
_LONG_TEXTS = frozenset({"text", "action", "levers"})


@dataclass(frozen=True)
class Segment:
    """A run of words of a word-level diff: ``same``, ``removed`` or ``added``."""

    op: str
    text: str


@dataclass(frozen=True)
class YearChange:
    """A target of one year: None on the side where it is not set."""

    year: int
    old: float | None
    new: float | None


@dataclass(frozen=True)
class FieldChange:
    """One field that changed.

    ``kind`` says which attributes are filled: ``value`` (``old``, ``new``), ``text``
    (``old``, ``new`` and the word-level ``words``), ``set`` (``added``, ``removed``)
    or ``years`` (``years``, one per target year that changed).
    """

    field: str
    kind: str
    old: Any = None
    new: Any = None
    words: tuple[Segment, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    years: tuple[YearChange, ...] = ()


@dataclass(frozen=True)
class ItemChange:
    """A theme, partner, need or objective added, removed or changed."""

    section: str
    status: str
    id: str
    label: str
    """The label (name, text) in the new plan, or in the old one when removed."""
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class IndicatorChange:
    """An indicator of an action added, removed or changed."""

    id: str
    status: str
    label: str
    changes: tuple[FieldChange, ...] = ()
    indicator: Indicator | None = None
    """The whole indicator, when added or removed."""


@dataclass(frozen=True)
class ActionChange:
    """An action added, removed, changed or renumbered (``old_id`` is its former id)."""

    id: str
    status: str
    theme: str
    text: str
    old_id: str | None = None
    changes: tuple[FieldChange, ...] = ()
    indicators: tuple[IndicatorChange, ...] = ()
    action: Action | None = None
    """The whole action, when added or removed."""


@dataclass(frozen=True)
class RecordChange:
    """A recorded value that appeared (``added``, ``corrected``) or disappeared (``withdrawn``)."""

    change: str
    action: str
    indicator: str
    period: str
    value: Any
    recorded_by: str
    recorded_at: str
    reason: str | None = None


@dataclass(frozen=True)
class ValuesDiff:
    """Recorded values that differ between the two revisions."""

    records: tuple[RecordChange, ...] = ()

    def per_action(self) -> dict[str, Counter[str]]:
        """How many values were added, corrected, withdrawn, per action (in id order)."""
        counts: dict[str, Counter[str]] = {}
        for record in self.records:
            counts.setdefault(record.action, Counter())[record.change] += 1
        return dict(sorted(counts.items()))


@dataclass(frozen=True)
class PlanDiff:
    """Everything that changed from the old plan to the new one."""

    plan: tuple[FieldChange, ...] = ()
    themes: tuple[ItemChange, ...] = ()
    partners: tuple[ItemChange, ...] = ()
    needs: tuple[ItemChange, ...] = ()
    objectives: tuple[ItemChange, ...] = ()
    actions: tuple[ActionChange, ...] = ()
    values: ValuesDiff | None = None
    names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Labels of themes, partners, needs and objectives (new plan first), for display."""

    @property
    def empty(self) -> bool:
        """True when nothing changed (recorded values included, when compared)."""
        return not (self.plan or self.themes or self.partners or self.needs
                    or self.objectives or self.actions
                    or (self.values is not None and self.values.records))

    def section(self, name: str) -> tuple[ItemChange, ...]:
        """The changes of one of ``SECTIONS``."""
        changes: tuple[ItemChange, ...] = getattr(self, name)
        return changes


# Plans -------------------------------------------------------------------------------


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


_TOKEN = re.compile(r"\w[\w'’-]*|[^\w\s]")
"""A word (apostrophes and hyphens inside) or one punctuation mark."""


def _tokens(text: str, *, punctuation: bool = True) -> list[tuple[str, bool]]:
    """The words and punctuation marks of ``text``, each with whether a space precedes it.

    With ``punctuation=False``, the words are the runs of characters between spaces.
    """
    if not punctuation:
        return [(word, i > 0) for i, word in enumerate(text.split())]
    return [(m.group(), m.start() > 0 and text[m.start() - 1].isspace())
            for m in _TOKEN.finditer(text)]


def _same_text(old: str, new: str) -> bool:
    return [t for t, _s in _tokens(old)] == [t for t, _s in _tokens(new)]


def word_diff(old: str, new: str, *, punctuation: bool = True) -> tuple[Segment, ...]:
    """The word-level difference of two texts: runs of same, removed and added words.

    Punctuation marks count as words. A segment's text starts with a space when a
    space precedes it, so that the same and removed segments spell the old text and
    the same and added ones the new text (spaces normalised). ``punctuation=False``
    splits at spaces only, so that every segment starts and ends at a space (what
    markdown emphasis needs).
    """
    a, b = _tokens(old, punctuation=punctuation), _tokens(new, punctuation=punctuation)

    def spell(tokens: list[tuple[str, bool]]) -> str:
        return "".join((" " if space else "") + token for token, space in tokens)

    segments: list[Segment] = []
    matcher = SequenceMatcher(None, [t for t, _s in a], [t for t, _s in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", spell(b[j1:j2])))
            continue
        if i2 > i1:
            segments.append(Segment("removed", spell(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("added", spell(b[j1:j2])))
    return tuple(segments)


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


# Recorded values ---------------------------------------------------------------------


def compare_records(old: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]]
                    ) -> ValuesDiff:
    """Recorded values added, corrected or withdrawn from ``old`` to ``new``.

    A record is a mapping as stored on a sidecar line; two records are the same when
    every field is the same.
    """
    def key(record: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((str(k), repr(v)) for k, v in record.items()))

    old_list = list(old)
    before = Counter(key(r) for r in old_list)
    seen: dict[tuple[tuple[str, str], ...], Mapping[str, Any]] = {}
    after: Counter[tuple[tuple[str, str], ...]] = Counter()
    for record in new:
        k = key(record)
        after[k] += 1
        seen.setdefault(k, record)
    old_records = {key(r): r for r in old_list} if before - after else {}
    changes = [
        *(_record_change(CORRECTED if seen[k].get("replaces") else ADDED, seen[k])
          for k, n in (after - before).items() for _ in range(n)),
        *(_record_change(WITHDRAWN, old_records[k])
          for k, n in (before - after).items() for _ in range(n)),
    ]
    changes.sort(key=lambda c: (c.action, c.indicator, c.period, c.recorded_at, c.change))
    return ValuesDiff(tuple(changes))


def _record_change(change: str, record: Mapping[str, Any]) -> RecordChange:
    value = record.get("value")
    if value is None:
        value = record.get("summary")
    return RecordChange(change, str(record.get("action")), str(record.get("indicator")),
                        str(record.get("period")), value, str(record.get("recorded_by", "")),
                        str(record.get("recorded_at", "")), record.get("replaces"))
