"""What every renderer returns: the text for stdout and the diagnostics for stderr."""

from __future__ import annotations

from typing import NamedTuple


class Rendered(NamedTuple):
    """A command's output: data for stdout, a verdict or a note for stderr."""

    out: str
    err: str = ""


def _escapes() -> dict[int, str]:
    table = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))
             if code != 0x09}
    table.update({0x0A: "\\n", 0x0D: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"})
    return table


_ONE_LINE = _escapes()
"""Every character that ends a line for some reader (``str.splitlines``, terminals, CI log
parsers) or that a terminal interprets, written as a visible escape instead; tabs stay."""


def one_line(text: str) -> str:
    """``text`` on one line, whatever it holds: line breaks and control characters escaped."""
    return text.translate(_ONE_LINE)
