"""The table people read fits their terminal and gives the action's text its room.

A listing mixes short texts (a theme, a lead) with one wide text (the action): when the
line is too short for all of them, the wide text keeps two fifths of the room (or what it
needs) and the short texts share the rest in proportion to what they lack; ids, years and
numbers are never split.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ctgplan.cli import app
from ctgplan.render_table import _widths, rich_table_text
from tests.conftest import SHIPPED_PLAN

LIST_AT_100 = """\
ID     Theme                   Action                                Lead                  Years
EJ-1   ENFANCE/ JEUNESSE       Diversifier l'offre à destination     Service Jeunesse et   2026
                               des jeunes sur le territoire: leur    Sports
                               proposer des projets et les inclure
                               à la réflexion
"""


def test_list_of_every_theme_at_100_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped plan's long theme labels wrap; the action keeps 37 of the 92 columns
    left between the separators (all 19 actions in 61 lines, not 90)."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("CTG_LANG", "en")
    result = CliRunner().invoke(app, ["list", "--plan", str(SHIPPED_PLAN)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(LIST_AT_100)
    assert len(result.stdout.splitlines()) == 61
    assert max(len(line) for line in result.stdout.splitlines()) <= 100


def test_short_texts_share_in_proportion_and_the_wide_keeps_its_part() -> None:
    """Room 92: the id (4) and the years (9) whole; the action keeps 92 * 2 // 5 = 36; the
    theme (12, lacking 16) and the lead (12, lacking 14) share the 19 left in proportion
    (10 and 8, and the one the rounding left to the theme, which lacks most)."""
    columns = ["ID", "Theme", "Action", "Lead", "Years"]
    cells = [["EJ-1", "INSERTION / ACCES AUX DROITS", "mot " * 60, "Service Jeunesse et Sports",
              "2025-2028"]]
    specs = [("whole", 4), ("text", 12), ("wide", 6), ("text", 12), ("whole", 9)]
    sizes = _widths(columns, cells, specs, 92, tight=False)
    assert sizes == [4, 23, 36, 20, 9]


def test_room_to_spare_gives_every_column_what_it_needs() -> None:
    columns = ["ID", "Theme", "Action"]
    cells = [["A-1", "PARENTALITE", "Ateliers parents-enfants"]]
    specs = [("whole", 3), ("text", 11), ("wide", 6)]
    assert _widths(columns, cells, specs, 200, tight=False) == [3, 11, 24]


_WORD = st.text(st.sampled_from("abcdeéàç'-/"), min_size=1, max_size=14)
_TEXT = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.tuples(st.from_regex(r"[A-Z]{2,4}-[0-9]{1,3}", fullmatch=True),
                               _TEXT, _TEXT, _TEXT, st.sampled_from(["2026", "2025-2028"])),
                     min_size=1, max_size=6),
       width=st.integers(min_value=60, max_value=160))
def test_any_table_fits_and_keeps_every_word(rows: list[tuple[str, ...]], width: int) -> None:
    """Whatever the texts and the width: no line is longer than the width, ids and years
    are whole on their row's first line, and every character of every cell is printed,
    none twice."""
    columns = ["ID", "Theme", "Action", "Lead", "Years"]
    text = rich_table_text(columns, rows, color=False, width=width, wide=("Action",))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    printed = Counter("".join(text.split()))
    given_text = Counter("".join("".join(columns + [c for row in rows for c in row]).split()))
    assert printed == given_text
    starts = [line for line in lines if "-" in line.split(" ", 1)[0]]  # the header has none
    assert [line.split()[0] for line in starts] == [row[0] for row in rows]
    assert all(line.rstrip().endswith(row[4]) for line, row in zip(starts, rows, strict=True))


INDICATORS_AT_80 = """\
                                                               Valeur de
Action  ID   Type          Unité      Indicateur               référence  Cibles
EJ-1    QT1  quantitative  count      Evolution du nombre
                                      d'offres
"""


def test_a_long_header_wraps_between_words_rather_than_squeeze_the_text(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``ctg indicators`` in French at 80 columns: "Valeur de référence" over empty cells
    takes the width of its longest word, and the indicator's label the room it leaves."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("CTG_LANG", "fr")
    result = CliRunner().invoke(app, ["indicators", "--plan", str(SHIPPED_PLAN)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(INDICATORS_AT_80)
