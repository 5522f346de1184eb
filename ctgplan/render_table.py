"""Renderers of a ``views.Table``: table (rich), csv, markdown and json.

Each returns a ``Rendered``: the text for stdout, and a note for stderr when
the table format left rows out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from ctgplan.i18n import number
from ctgplan.render_base import Rendered
from ctgplan.views import Table


def _for_people(rows: Iterable[Sequence[object]]) -> Iterator[list[object]]:
    """Numbers written for the user's language (``12,5`` in French), other cells as they are."""
    return ([number(v, None) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
             for v in row] for row in rows)


def table(data: Table, *, color: bool = False, width: int = 100) -> Rendered:
    """A table for people that fits the terminal; at most ``limit`` rows."""
    if not data.has_items() and data.empty:
        return Rendered(data.empty)
    rows, hidden = data.shown()
    note = data.more.format(count=hidden) if hidden else ""
    return Rendered(rich_table_text(data.columns, _for_people(rows), color=color, width=width,
                                    wide=data.wide), note)


def csv(data: Table, *, color: bool = False, width: int = 100) -> Rendered:
    """Every row and field, for spreadsheets (decimal comma: see ``csv_chunks``; streamed)."""
    return Rendered("", chunks=csv_chunks(*data.exported()))


def markdown(data: Table, *, color: bool = False, width: int = 100) -> Rendered:
    """Every row, as a Markdown table."""
    if not data.has_items() and data.empty:
        return Rendered(data.empty)
    columns, rows = data.exported()
    return Rendered(markdown_text(columns, _for_people(rows)))


def as_json(data: Table, *, color: bool = False, width: int = 100) -> Rendered:
    """Every record, as json (a stable contract; streamed)."""
    return Rendered("", chunks=json_chunks(data.records(), flat=data.flat))


BATCH = 2000
"""Rows formatted per chunk of a streamed output."""

_FLAT = json.JSONEncoder(ensure_ascii=False, separators=(",\n    ", ": "))
"""Encodes a flat mapping as ``json.dumps(indent=2)`` lays it out one level down."""


def _flat_encoder() -> Callable[[Any, int], Sequence[str]]:
    """``_FLAT``'s C encoder, made once (``encode`` makes one for every call)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython always has it
        return lambda record, _level: list(_FLAT.iterencode(record))
    encoder: Callable[[Any, int], Sequence[str]] = make(
        None, _FLAT.default, json.encoder.encode_basestring, None, ": ", ",\n    ",
        False, False, True)
    return encoder


_FLAT_PARTS = _flat_encoder()


def _indented(record: object) -> str:
    """``record`` as an item of a list that ``json.dumps(..., indent=2)`` prints."""
    if isinstance(record, dict) and record and not any(
            isinstance(v, (dict, list, tuple)) for v in record.values()):
        return _flat(record)
    return "  " + json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def _flat(record: dict[str, Any]) -> str:
    """A mapping of scalars, not empty, as an item of that list."""
    return "  {\n    " + "".join(_FLAT_PARTS(record, 0))[1:-1] + "\n  }"


def json_chunks(records: Iterable[Any], *, flat: bool = False) -> Iterator[str]:
    """Exactly ``json.dumps(list(records), ensure_ascii=False, indent=2) + "\\n"``, in pieces.

    ``flat`` says every record is a mapping of scalars, not empty (no need to look).
    """
    iterator = iter(records)
    indented = _flat if flat else _indented
    batch = [indented(r) for r in islice(iterator, BATCH)]
    if not batch:
        yield "[]\n"
        return
    yield "[\n" + ",\n".join(batch)
    while batch := [indented(r) for r in islice(iterator, BATCH)]:
        yield ",\n" + ",\n".join(batch)
    yield "\n]\n"


def csv_chunks(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """CSV for spreadsheets: UTF-8 with a BOM, ';' separators and the decimal comma, as
    French Excel and LibreOffice expect (a number cell written 37.5 would be read as text
    there; the ';' and the comma go together, whatever the language of the messages).
    Written in chunks of ``BATCH`` rows."""
    import csv as csv_module
    import io

    buffer = io.StringIO()
    writer = csv_module.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(columns)
    iterator = iter(rows)
    while True:
        batch = list(islice(iterator, BATCH))
        writer.writerows(map(_csv_row, batch))  # the csv module writes None as ""
        yield buffer.getvalue()
        if len(batch) < BATCH:
            return
        buffer.seek(0)
        buffer.truncate()


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The whole of ``csv_chunks``."""
    return "".join(csv_chunks(columns, rows))


def _csv_row(row: Sequence[object]) -> Sequence[object]:
    return [_csv_cell(v) for v in row] if float in map(type, row) else row


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(value)
        return text.replace(".", ",") if "e" not in text and text.count(".") == 1 else text
    return value


def _md_cell(value: object) -> str:
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")


def markdown_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table, to paste into a merge request or a report."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _widths(columns: Sequence[str], cells: list[list[str]], specs: list[tuple[str, int]],
            room: int, tight: bool) -> list[int]:
    """Each column's width: ids and numbers whole (their header wrapped between words when
    room lacks); the wide texts keep at least two fifths of the room (or what they need);
    short texts and headers share the rest in proportion to what they lack, then the wide
    texts share what is left (as evenly as their lengths allow)."""
    natural = [max([len(column), *(len(row[i]) for row in cells if i < len(row))])
               for i, column in enumerate(columns)]
    sizes = [max(low, 1 if tight else _longest_word(column)) if kind == "whole" else low
             for (kind, low), column in zip(specs, columns, strict=True)]
    extra = room - sum(sizes)
    wide = [i for i, (kind, _low) in enumerate(specs) if kind == "wide"]
    share = max(room * 2 // 5 // len(wide), 12) if wide and not tight else 0
    reserve = sum(max(min(natural[i], share) - sizes[i], 0) for i in wide)
    lacking = {i: natural[i] - sizes[i] for i, (kind, _low) in enumerate(specs)
               if kind != "wide" and natural[i] > sizes[i]}  # whole: the rest of a header
    budget = min(max(extra - reserve, 0), sum(lacking.values()))
    if budget:
        wanted = sum(lacking.values())
        grown = {i: lack * budget // wanted for i, lack in lacking.items()}
        for i in sorted(lacking, key=lambda i: -lacking[i])[:budget - sum(grown.values())]:
            grown[i] += 1  # what the rounding left, to those that lack most
        for i, grow in grown.items():
            sizes[i] += grow
        extra -= budget
    while extra > 0 and wide:
        step = max(extra // len(wide), 1)
        for i in list(wide):
            grow = min(step, natural[i] - sizes[i], extra)
            sizes[i] += max(grow, 0)
            extra -= max(grow, 0)
            if sizes[i] >= natural[i]:
                wide.remove(i)
            if extra <= 0:
                break
    return sizes


def _longest_word(text: str) -> int:
    return max(map(len, text.split()), default=1)


def _unbreakable(text: str) -> bool:
    """A cell that must stay on one line: no space inside (an id, a number, a date)."""
    return len(text) <= 20 and not any(c.isspace() for c in text)


def rich_table_text(columns: Sequence[str], rows: Iterable[Sequence[object]], *,
                    color: bool, width: int, wide: Sequence[str] = ()) -> str:
    """A table that fits ``width`` columns; the ``wide`` columns take the spare room."""
    import io

    from rich.console import Console
    from rich.table import Table

    cells = [["" if v is None else str(v) for v in row] for row in rows]
    specs = []
    for index, column in enumerate(columns):
        texts = [row[index] for row in cells if index < len(row)]
        if all(_unbreakable(text) for text in texts):  # ids, numbers, dates: never split
            specs.append(("whole", max((len(text) for text in texts), default=1)))
        elif column in wide:
            specs.append(("wide", max(6, _longest_word(column))))
        else:  # short texts (a theme, a lead): wrapped at word boundaries when space lacks
            specs.append(("text", max(min(max((len(w) for t in texts for w in t.split()),
                                              default=1), 12), _longest_word(column))))
    # Every column stays. Columns are two spaces apart, one when room lacks; headers wrap
    # between words, and anywhere only when even their longest words do not fit.
    # Widths are given to rich, never left to shrink.
    gaps = len(columns) - 1
    least = sum(max(low, _longest_word(c)) if kind == "whole" else low for (kind, low), c in
                zip(specs, columns, strict=True))
    spaced = least + 2 * gaps <= width
    widths = _widths(columns, cells, specs, width - (2 if spaced else 1) * gaps,
                     least + gaps > width)
    table = Table(box=None, header_style="bold" if color else None, pad_edge=False,
                  show_edge=False, collapse_padding=not spaced)
    for column, size in zip(columns, widths, strict=True):
        table.add_column(column, overflow="fold", width=size)
    for row in cells:
        table.add_row(*row)
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="standard" if color else None,
                      force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=False, emoji=False, markup=False)
    console.print(table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
