"""Rendering a plan diff: removed and renumbered actions, plan fields, markdown escapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ctgplan import render
from ctgplan.diffmodel import PlanDiff
from ctgplan.plandiff import compare
from ctgplan.render_diff import DiffReport, Sides
from ctgplan.render_diff_json import as_json
from ctgplan.render_diff_markdown import markdown
from ctgplan.render_diff_text import text
from ctgplan.revisions import Source
from tests.test_plandiff import TWO_ACTIONS, plan

FIRST_ACTION = TWO_ACTIONS[TWO_ACTIONS.index("  - id: PAR-1"):TWO_ACTIONS.index("  - id: NUM-1")]
SIDES = Sides(Source("v1", Path("data/plan.yaml")),
              Source(None, Path("data/plan.yaml"), worktree=True))


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English, the source language."""
    monkeypatch.setenv("CTG_LANG", "en")


def amendment() -> PlanDiff:
    """PAR-1 removed, NUM-1 renumbered PAR-2 in another theme, a need and the period changed."""
    new = (TWO_ACTIONS.replace(FIRST_ACTION, "").replace("NUM-1", "PAR-2")
           .replace("theme: NUM\n", "theme: PAR\n")
           .replace("period: 2025-2028", "period: 2025-2029")
           .replace("{id: besoin, text: Un besoin}", "{id: besoin, text: Un besoin *urgent*}"))
    return compare(plan(TWO_ACTIONS), plan(new))


def test_markdown_of_removed_and_renumbered_actions() -> None:
    """Removed and renumbered actions show their text; plan text is escaped for markdown."""
    assert markdown(amendment(), SIDES) == """\
## Plan changes from v1 to working tree

Plan: 1 changed; Needs: 1 reworded; Actions: 1 removed, 1 renumbered.

### Plan

- Period: 2025-2028 → 2025-2029

### Needs

- **besoin** Un besoin \\*urgent\\* (reworded)
  - Text: Un besoin **\\*urgent\\***

### Actions

#### Action PAR-1 removed (PARENTALITÉ)

> Organiser des réunions

#### Action NUM-1 renumbered PAR-2 (PARENTALITÉ)

> Ouvrir des ateliers numériques

- Theme: INCLUSION NUMERIQUE (NUM) → PARENTALITÉ (PAR)
"""


def test_text_of_removed_and_renumbered_actions() -> None:
    """The same changes for a terminal, without colour."""
    assert text(amendment(), SIDES) == """\
Plan changes from v1 to working tree
Plan
  ~ Period: 2025-2028 → 2025-2029
Needs
  ~ besoin  Un besoin *urgent*
      Text: Un besoin {+*urgent*+}
Actions
  - PAR-1  PAR  Organiser des réunions
  ~ PAR-2 (was NUM-1)  PAR  Ouvrir des ateliers numériques
      Theme: INCLUSION NUMERIQUE (NUM) → PARENTALITÉ (PAR)
Plan: 1 changed; Needs: 1 reworded; Actions: 1 removed, 1 renumbered.
"""


def test_json_of_a_renumbered_action() -> None:
    """json: a renumbered action keeps its old id; the words of a text spell both texts."""
    data = json.loads(as_json(amendment(), SIDES))
    assert data["actions"][1] == {
        "status": "renumbered", "id": "PAR-2", "old_id": "NUM-1", "theme": "PAR",
        "text": "Ouvrir des ateliers numériques",
        "changes": [{"field": "theme", "kind": "value", "old": "NUM", "new": "PAR"}],
        "indicators": [], "action": None}
    assert data["needs"][0]["changes"][0]["words"] == [
        {"op": "same", "text": "Un besoin"}, {"op": "added", "text": " *urgent*"}]


@pytest.mark.parametrize(("fmt", "function"), [("text", text), ("markdown", markdown),
                                               ("json", as_json)])
def test_the_registry_renders_a_diff_as_each_renderer(fmt: str, function: Any) -> None:
    """``ctg diff`` goes through the one registry: the same text, nothing on stderr."""
    report = DiffReport(amendment(), SIDES, verbose=True)
    assert render.render("diff", fmt, report) == (function(amendment(), SIDES, verbose=True),
                                                  "")
