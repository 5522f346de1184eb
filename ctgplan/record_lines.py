"""The values files' canonical lines, read without YAML.

``ctg record`` writes each value as one YAML flow mapping a line in a fixed form
(``sidecar.format_fields``): keys in ``sidecar.FIELDS`` order, texts as JSON strings,
numbers as Python writes them. ``read`` recognises exactly that form and what YAML makes of
it; a file with any other line (hand-edited, merged, commented at the end of a line,
quoted another way, a character YAML refuses or reads as a line break) is left to YAML,
so that its records and its problems are those of the YAML reader.
"""

from __future__ import annotations

import json
import re
from typing import Any

_TEXT = r'"([^"\\]*(?:\\(?:["\\bfnrt]|u(?![dD][89a-fA-F])[0-9a-fA-F]{4})[^"\\]*)*)"'
"""A JSON string as ``json.dumps`` writes it (the escapes YAML reads the same way)."""
_NUMBER = r"(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:e[-+][0-9]+)?)?)"
"""An int, or a float with a dot (YAML 1.1 reads ``1e+16`` as a text: left to YAML)."""
_PERIOD = r'(?:([1-9][0-9]{3})|"([0-9]{4}-(?:Q[1-4]|0[1-9]|1[0-2]))")'

_LINE = re.compile(
    "- \\{action: " + _TEXT + ", indicator: " + _TEXT + ", period: " + _PERIOD
    + "(?:, value: " + _NUMBER + ")?(?:, summary: " + _TEXT + ")?(?:, respondents: "
    + _NUMBER + ")?(?:, score: " + _NUMBER + ")?(?:, satisfied: " + _NUMBER
    + ")?(?:, source: " + _TEXT + ")?(?:, note: " + _TEXT + ")?, recorded_by: " + _TEXT
    + ", recorded_at: " + _TEXT + "(?:, replaces: " + _TEXT + ")?(?:, settles: " + _TEXT
    + ")?(?:, withdraws: " + _TEXT + ")?\\}")
"""One canonical line; groups: action, indicator, period (a year, or a quarter or month),
value, summary, respondents, score, satisfied, source, note, recorded_by, recorded_at,
replaces, settles, withdraws."""

_ODD = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                  "\U00010000-\U0010ffff]")
"""A character YAML refuses, reads as a line break or as a byte order mark, a tab, a CR."""

_TEXTS = (0, 1, 5, 9, 10, 11, 12, 13, 14, 15)
_NUMBERS = (4, 6, 7, 8)


def read(text: str) -> list[list[Any]] | None:
    """The records of a values file's text, each as its fields in ``sidecar.ROW`` order
    (action, indicator, period, recorded_by, recorded_at, value, summary, respondents,
    score, satisfied, source, note, replaces, settles, withdraws); None unless every line is
    canonical, a comment starting the line, or empty, and at least one is a record."""
    if _ODD.search(text):
        return None
    rows = []
    match = _LINE.fullmatch
    for line in text.split("\n"):
        found = match(line)
        if found is None:
            if line and line[0] != "#":
                return None
            continue
        g = list(found.groups())
        if "\\" in line:
            for n in _TEXTS:
                if g[n] is not None and "\\" in g[n]:
                    g[n] = json.loads(f'"{g[n]}"')
        for n in _NUMBERS:
            if g[n] is not None:
                g[n] = float(g[n]) if "." in g[n] else int(g[n])
        rows.append([g[0], g[1], int(g[2]) if g[3] is None else g[3], g[11], g[12], g[4],
                     g[5], g[6], g[7], g[8], g[9], g[10], g[13], g[14], g[15]])
    return rows or None
