"""``ctg list`` and the other tables for people are laid out without rich when their
texts are simple: byte for byte what rich prints, on every input, narrow or wide."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctgplan import render_table

SIMPLE = "abcdé ÉàçœŒ«»’–—…0123456789 ,.;:!?-/()'\"\u00a0\u202f€"
WORDS = st.text(alphabet=SIMPLE, max_size=12) | st.sampled_from(
    ["", " ", "  ", "\n", "mot-très-long-sans-espace-aucune", "PAR-12", "2025-2028",
     "x\u00a0:", "a\n\nb", " en tête", "fin "])
OTHER = st.sampled_from(["漢字", "e\u0301", "\t", "🙂", "\x1b", "\u200b", "\xad", "\r"])


def _text(simple_only: bool) -> st.SearchStrategy[str]:
    words = WORDS if simple_only else WORDS | OTHER
    return st.lists(words, max_size=8).map("".join)


@st.composite
def tables(draw: st.DrawFn, simple_only: bool) -> tuple[list[str], list[list[str]], list[str],
                                                        int]:
    count = draw(st.integers(1, 5))
    columns = [draw(_text(True).filter(bool)) for _ in range(count)]
    rows = draw(st.lists(st.lists(_text(simple_only), min_size=count, max_size=count),
                         max_size=6))
    wide = draw(st.lists(st.sampled_from(columns), max_size=2))
    return columns, rows, wide, draw(st.integers(8, 130))


def _through_rich(columns: list[str], rows: list[list[str]], wide: list[str], width: int
                  ) -> str:
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(render_table, "_plain_table", lambda *_args: None)
        return render_table.rich_table_text(columns, rows, color=False, width=width,
                                            wide=wide)


@settings(max_examples=400, deadline=None)
@given(tables(simple_only=True))
def test_a_simple_table_is_what_rich_prints(table: tuple[list[str], list[list[str]],
                                                         list[str], int]) -> None:
    """Words, spaces (non-breaking too), line breaks, long words folded, empty cells, any
    width: the plain layout equals rich's."""
    columns, rows, wide, width = table
    plain = render_table.rich_table_text(columns, rows, color=False, width=width, wide=wide)
    assert plain == _through_rich(columns, rows, wide, width)


@settings(max_examples=150, deadline=None)
@given(tables(simple_only=False))
def test_any_table_is_what_rich_prints(table: tuple[list[str], list[list[str]], list[str],
                                                   int]) -> None:
    """Wide, combining, zero-width and control characters, tabs: rich lays them out (the
    plain layout declines), so the output is rich's."""
    columns, rows, wide, width = table
    plain = render_table.rich_table_text(columns, rows, color=False, width=width, wide=wide)
    assert plain == _through_rich(columns, rows, wide, width)


def test_the_plain_layout_takes_simple_tables() -> None:
    """A listing of ids, French texts and years is laid out without rich (the fast path is
    taken, not only allowed)."""
    rows = [["PAR-1", "PARENTALITE", "Organiser des réunions thématiques sur la parentalité "
             "pour soutenir les parents\u00a0!", "Service Jeunesse", "2026"]] * 3
    columns = ["ID", "Thématique", "Action", "Porteur", "Années"]
    assert render_table._plain_table(columns, rows, [5, 11, 40, 16, 6], False, 100) is not None
    assert render_table._plain_table(columns, [[*rows[0][:2], "漢字"]], [5, 11, 40, 16, 6],
                                     False, 100) is None


def test_the_one_cell_characters_take_one_cell_for_rich() -> None:
    """Every character the plain layout accepts takes one cell in rich's reckoning."""
    from rich.cells import cell_len

    accepted = [chr(c) for c in range(0x20, 0x20B0)
                if chr(c) != "\n" and render_table._ONE_CELL.fullmatch(chr(c))]
    assert len(accepted) == 552
    assert [c for c in accepted if cell_len(c) != 1] == []
