"""The import report: what became of each cell, and every guess made.

Each entry names a cell (sheet, row, column, 1-based; column 0 for a whole row)
and says whether the cell was kept in another form (``kept-as``), read by a
guess to review (``guess``) or not imported (``dropped``). Cells kept word for
word in the plan have no entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ctgplan.i18n import N_, _
from ctgplan.tables import column_letter

KINDS = ("kept-as", "guess", "dropped")


@dataclass(frozen=True, order=True)
class Entry:
    """What became of one cell of the source table."""

    sheet: str
    """The sheet's name; "" for a text table (TSV, CSV)."""
    row: int
    col: int
    """1-based; 0 when the entry is about a whole row or sheet."""
    kind: str
    message: str

    @property
    def ref(self) -> str:
        """``Sheet!B12``, ``B12``, ``row 12`` or the sheet's name."""
        if self.row == 0:
            return self.sheet or _("table")
        cell = f"{column_letter(self.col - 1)}{self.row}" if self.col else _(
            "row {row}").format(row=self.row)
        return f"{self.sheet}!{cell}" if self.sheet else cell

    def as_dict(self) -> dict[str, object]:
        """The entry as a JSON-ready mapping."""
        return {"sheet": self.sheet, "row": self.row, "col": self.col, "ref": self.ref,
                "kind": self.kind, "message": self.message}


@dataclass
class ImportResult:
    """What ``import_table`` produced: the plan's text, the report, how the file was read."""

    yaml: str
    entries: list[Entry]
    encoding: str | None
    """How a text table was decoded (utf-8, utf-8-sig, cp1252); None for a spreadsheet."""
    format: str
    counts: dict[str, int] = field(default_factory=dict)
    """actions, themes, partners, needs, objectives, indicators."""

    def of_kind(self, kind: str) -> list[Entry]:
        """The entries of one kind, in the table's order."""
        return [e for e in self.entries if e.kind == kind]


def markdown(result: ImportResult, source: str, plan: str) -> str:
    """The report as markdown, to keep next to the plan for review."""
    lines = ["# " + _("Import report"), "",
             _("Source: `{source}` ({format}{encoding}); plan: `{plan}`.").format(
                 source=source, format=result.format,
                 encoding=f", {result.encoding}" if result.encoding else "", plan=plan),
             "",
             _("{actions} actions, {themes} themes, {partners} partners, {indicators} "
               "indicators.").format(**{k: result.counts.get(k, 0) for k in (
                   "actions", "themes", "partners", "indicators")}), ""]
    titles = {"guess": _("Guesses to review"), "dropped": _("Not imported"),
              "kept-as": _("Kept in another form")}
    for kind in ("guess", "dropped", "kept-as"):
        entries = result.of_kind(kind)
        lines += [f"## {titles[kind]} ({len(entries)})", ""]
        if not entries:
            lines += [_("None."), ""]
            continue
        lines += ["| {} | {} |".format(_("Cell"), _("What")), "|---|---|"]
        lines += [f"| {e.ref} | {_escape(e.message)} |" for e in entries]
        lines.append("")
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


_ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": N_("UTF-8 with BOM"), "cp1252": "Windows-1252",
              "latin-1": "Latin-1"}


def summary(result: ImportResult, table: str, output: str | None) -> str:
    """What the import read and guessed, as printed after ``ctg import`` and ``ctg init``."""
    counts = result.counts
    how = result.format.upper()
    if result.encoding:
        how += ", " + _(_ENCODINGS.get(result.encoding, result.encoding))
    lines = [_("Read {table} ({how}): {actions} actions, {themes} themes, {partners} "
               "partners, {needs} needs, {objectives} objectives, {indicators} "
               "indicators").format(table=table, how=how, **counts)]
    if output is not None:
        lines.append(_("Wrote {output}").format(output=output))
    for kind, title in (("guess", N_("Guesses to review")), ("dropped", N_("Not imported"))):
        entries = result.of_kind(kind)
        lines.append(_("{title} ({count}):").format(title=_(title), count=len(entries)))
        lines += [f"  {entry.ref:<8} {entry.message}" for entry in entries]
    kept = len(result.of_kind("kept-as"))
    lines.append(_("Kept in another form: {count} cells (column names, split cells, dates); "
                   "--report FILE lists them").format(count=kept))
    return "".join(line + "\n" for line in lines)
