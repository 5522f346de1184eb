"""Tables for people laid out as rich lays them out, without rich, for simple texts.

rich's layout of a few hundred rows costs more than the rest of ``ctg list`` (and its
import more than the layout here): ``render_table`` uses this when there is no colour
and every text is of characters that take one cell, and rich otherwise. Tested against
rich on any input (``tests/test_plain_layout.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

ONE_CELL = re.compile(r"[ -~\xa0-\xac\xae-\u024f\u2010-\u2027\u202f\u20ac\n]*")
"""Texts whose every character takes one cell (printable ASCII, Latin letters, French
punctuation and spaces) and line breaks: ``plain_table`` lays them out."""
_WORD = re.compile(r"\s*\S+\s*")


def plain_table(columns: Sequence[str], cells: list[list[str]], widths: list[int],
                 tight: bool, width: int) -> str | None:
    """The text rich prints for the table ``render_table.rich_table_text`` builds (no
    colour: no box, columns ``widths`` wide, one space apart when ``tight`` else two, texts
    wrapped at words and long words folded, headers at the bottom of their row, lines
    stripped on the right), when every text is of ``ONE_CELL`` characters and the columns
    fit in ``width``; else None."""
    if any(len(row) > len(columns) for row in cells):
        return None
    last = len(columns) - 1
    lefts = [0 if i == 0 or tight else 1 for i in range(len(columns))]
    rights = [0 if i == last else 1 for i in range(len(columns))]
    if sum(widths) + sum(lefts) + sum(rights) > width or not all(
            ONE_CELL.fullmatch(text) for row in (columns, *cells) for text in row):
        return None
    lines = []
    for header, row in [(True, columns), *((False, row) for row in cells)]:
        wrapped = [_wrapped(text, size) for text, size in
                   zip([*row, *[""] * (len(columns) - len(row))], widths, strict=True)]
        height = max(len(cell) for cell in wrapped)
        for cell, size in zip(wrapped, widths, strict=True):  # headers at the bottom
            blank = [" " * size] * (height - len(cell))
            cell[:] = [*blank, *cell] if header else [*cell, *blank]
        lines += ["".join(" " * left + cell[n] + " " * right for cell, left, right in
                          zip(wrapped, lefts, rights, strict=True)).rstrip()
                  for n in range(height)]
    return "\n".join(lines) + "\n"


def _wrapped(text: str, width: int) -> list[str]:
    """rich's ``Text.wrap`` (left, fold) of one-cell characters, each line ``width`` long."""
    lines = []
    for line in text.split("\n"):
        breaks = _breaks(line, width)
        for start, end in zip([0, *breaks], [*breaks, len(line)], strict=True):
            # rich drops the spaces past the width, then cuts the rest: the same first
            # ``width`` characters
            lines.append(line[start:end][:width].ljust(width))
    return lines


def _breaks(text: str, width: int) -> list[int]:
    """Where rich's ``divide_line`` breaks a line of one-cell characters (words with their
    spaces; a word longer than the width folded)."""
    breaks: list[int] = []
    offset = 0
    match = _WORD.match(text)
    while match is not None:
        start, end = match.span()
        word = match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            folds = [word[i:i + width] for i in range(0, len(word), width)]
            for fold in folds[:-1]:
                if start:
                    breaks.append(start)
                start += len(fold)
            if start:
                breaks.append(start)
            offset = len(folds[-1])
        elif offset and start:
            breaks.append(start)
            offset = len(word)
        match = _WORD.match(text, end)
    return breaks
