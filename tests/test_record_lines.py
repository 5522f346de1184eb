"""The canonical lines of a values file, read without YAML: the same records and problems."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from ctgplan import record_lines, sidecar
from ctgplan.sidecar import Record

TRICKY = ["", " ", "l'école", 'il dit "oui"', "a\\b", "a: b", "# pas un commentaire", " #x",
          "{x}", "[x]", "a, b", "null", "~", "yes", "no", "on", "2026", "1e5", ".5", "-0",
          "2026-11-29", "*ref", "&ref", "!tag", "%", "@", "`", "'", '"', "\\", "\\u00e9",
          "é", "Œuvre", "日本", "😀", "\t", "\n", "\r", "\x00", "\x01", "\x7f", "\x85",
          "\xa0", "\u2028", "\u2029", "\ufeff", "\ufffe", "a  ", "  a", "- a", "? a",
          "<<", "=======", ">>>>>>> theirs", "\\n", "\\u2028", "\\ud83d"]
TEXTS = st.one_of(st.sampled_from(TRICKY), st.text(max_size=8),
                  st.lists(st.sampled_from(TRICKY), max_size=3).map("".join))
NUMBERS = st.one_of(st.integers(-10**20, 10**20), st.floats(allow_nan=False,
                                                           allow_infinity=False),
                    st.sampled_from([1e5, 0.5, -0.0, 0.0, 1e16, 1e-7, 100.0, 37.5, 1e300]))
PERIODS = st.one_of(st.integers(1000, 9999),
                    st.builds("{}-Q{}".format, st.integers(1000, 9999), st.integers(1, 4)),
                    st.builds("{}-{:02d}".format, st.integers(1000, 9999), st.integers(1, 12)),
                    st.sampled_from(["2026-13", "2026-Q5", "2026-00", 999, 10000, "2026",
                                     "２０２６-01", "2026-1"]))
RECORDS = st.builds(
    Record, action=TEXTS, indicator=TEXTS, period=PERIODS, recorded_by=TEXTS,
    recorded_at=TEXTS, value=st.none() | NUMBERS, summary=st.none() | TEXTS,
    respondents=st.none() | NUMBERS, score=st.none() | NUMBERS,
    satisfied=st.none() | NUMBERS, source=st.none() | TEXTS, note=st.none() | TEXTS,
    replaces=st.none() | TEXTS, settles=st.none() | TEXTS, withdraws=st.none() | TEXTS)

EDITS = [
    lambda line: line[:-1] + " # note\n",  # a comment at the end of the line
    lambda line: line[:-1] + "  \n",  # trailing spaces
    lambda line: line[:-1] + "\r\n",  # a CRLF line
    lambda line: "\n" + line,  # a blank line before
    lambda line: "  # indented comment\n" + line,
    lambda line: "\t" + line,  # a tab
    lambda line: line.replace('"', "'"),  # single quotes
    lambda line: line.replace(": ", ":", 1),
    lambda line: line.replace(", ", ",", 1),
    lambda line: line.replace("- {", "-  {", 1),
    lambda line: line.replace("- {", "  - {", 1),
    lambda line: line.replace("{action", "{foo: 1, action", 1),  # an unknown key
    lambda line: line.replace("}\n", ', action: "X"}\n'),  # a duplicate key
    lambda line: line.replace('action: "', "action: ", 1),  # unquoted, unbalanced
    lambda line: line.replace("period: ", "period: !!str ", 1),
    lambda line: line.replace("recorded_by: ", "recorded_by: &a ", 1),
    lambda line: line.replace(", ", ",\n  ", 1),  # a record on two lines
    lambda line: "---\n" + line,
    lambda line: "%YAML 1.1\n---\n" + line,
    lambda line: "<<<<<<< ours\n" + line + "=======\n>>>>>>> theirs\n",
    lambda line: line.replace("value: ", "value: +", 1),
    lambda line: line.replace("value: ", "value: 0", 1),
    lambda line: line.replace("value: ", "value: 1_", 1),
    lambda line: line.replace("}\n", "}"),  # no line break at the end
    lambda line: line.replace('\\"', '\\/'),
    lambda line: line.replace("\\u", "\\x", 1),
    lambda line: line.replace("\\u", "\\U0000", 1),
    lambda line: "- " + line[2:].replace("{", "{ ", 1),
    lambda line: line + "...\n",
]


def exact(loaded: sidecar.Loaded) -> tuple[list[Any], list[Any]]:
    """Records field by field with their types (1 == 1.0 and 0.0 == -0.0 otherwise), and
    the problems."""
    return ([[(type(v), repr(v)) for v in sidecar.row_values(r)] + [r.index, r.file]
             for r in loaded.records], loaded.problems)


def by_yaml(path: Path) -> sidecar.Loaded:
    """``read_records`` with the canonical reader turned off: every file parsed as YAML."""
    with mock.patch.object(record_lines, "read", return_value=None):
        return sidecar.read_records(path)


def both(text: str) -> tuple[Any, Any]:
    """What ``read_records`` and the YAML reader make of ``text`` in a values file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "PAR-2.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        return exact(sidecar.read_records(path)), exact(by_yaml(path))


@settings(max_examples=400, deadline=None)
@given(st.lists(RECORDS, min_size=1, max_size=6),
       st.lists(st.tuples(st.integers(0, 5), st.sampled_from(range(len(EDITS)))), max_size=2))
def test_canonical_lines_read_as_yaml_reads_them(records: list[Record],
                                                 edits: list[tuple[int, int]]) -> None:
    """Whatever the records hold, and whatever a hand edit did to a line, the records and
    problems are the YAML reader's (any line the pattern cannot read leaves the file to it)."""
    lines = [sidecar.format_record(r) for r in records]
    for where, edit in edits:
        lines[where % len(lines)] = EDITS[edit](lines[where % len(lines)])
    fast, slow = both(sidecar.HEADER.format(action="PAR-2") + "".join(lines))
    assert fast == slow


def test_what_ctg_record_writes_is_read_without_yaml(tmp_path: Path) -> None:
    """French texts, quotes, colons, #, unicode, numbers and every optional field: the lines
    `ctg record` writes are read by the pattern (YAML is not called) as YAML reads them."""
    records = [
        Record("PAR-2", "QT1", 2026, "Camille Martin", "2026-11-29T10:00:00Z", value=12),
        Record("PAR-2", "QT1", "2026-Q2", "Jean-Marc d'Arc", "2026-11-29T10:00:01Z",
               value=-0.0, note='« Réunion » : 3 séances # "bilan"', source="CAF\\CCAS",
               replaces="erreur de saisie : 21 → 12"),
        Record("PAR-2", "QL1", "2026-03", "Zoé", "2026-12-01T08:00:00Z", summary="Très bien\t!",
               respondents=41, score=4.5, satisfied=87.5, settles="choisi", note="\u2028"),
        Record("PAR-2", "QT2", 2027, "bench", "2027-01-01T00:00:00Z",
               withdraws="mauvais indicateur"),
        Record("PAR-2", "QT2", 2027, "😀 日本", "", value=1.5e-07),
    ]
    path = tmp_path / "PAR-2.yaml"
    text = sidecar.HEADER.format(action="PAR-2") + "".join(map(sidecar.format_record, records))
    path.write_text(text, encoding="utf-8")
    assert record_lines.read(text) is not None
    with mock.patch.object(sidecar, "parse", side_effect=AssertionError("YAML was called")):
        fast = exact(sidecar.read_records(path))
    assert fast == exact(by_yaml(path))
    assert fast[0] == exact(sidecar.Loaded([
        Record(*sidecar.row_values(r), file=str(path), index=n)
        for n, r in enumerate(records)]))[0]
    assert fast[1] == []


def test_a_file_with_one_other_line_goes_to_yaml_whole() -> None:
    """One hand-written line (a trailing comment) sends the whole file to YAML."""
    line = sidecar.format_record(Record("PAR-2", "QT1", 2026, "a", "b", value=1))
    assert record_lines.read(line * 2) is not None
    assert record_lines.read(line + line[:-1] + " # vu\n") is None
    assert record_lines.read("# only comments\n") is None
    assert record_lines.read("") is None
