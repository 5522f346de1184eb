"""Where each action stands, year by year: the status files owned by ``ctg status``.

Stored beside the values, in ``<plan folder>/measurements/<ACTION>.status.yaml``: the
same folder, lock, ``.gitignore`` and ``merge=union`` rule as the values, and the same
shape (a YAML list, one flow-mapping line per record, oldest first, appended to the old
bytes and replaced atomically). A separate file rather than a record kind inside the
values sidecar, so that the value parser, its cache and every tool that reads values stay
untouched, and a status never counts as a value.

Statuses are stored as stable ids (``a-venir``, ``en-cours``, ``realisee``, ``reportee``,
``abandonnee``); people type them in French, accents and case optional, or with an alias
(``en pause``, ``non démarrée``). A correction is a new line with ``replaces: <reason>``.

This module holds the layout, the ids and their words, ``StatusRecord`` and the reading
of one file (structure only, no plan); the rules against the plan are in
``status_rules``, the in-force queries in ``status_query``, the writer in ``status_write``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctgplan.data_folder import FOLDER, STATUS_SUFFIX
from ctgplan.fold import fold
from ctgplan.i18n import N_, _
from ctgplan.problems import CtgError, Level, Problem
from ctgplan.yamlbuild import node_position
from ctgplan.yamldoc import Document, key_node, read_yaml

SUFFIX = STATUS_SUFFIX
STATUSES = ("a-venir", "en-cours", "realisee", "reportee", "abandonnee")
"""The stable ids, in the order of an action's life."""
NONE = "none"
"""The pseudo-status of an action without any status record (filters, counts)."""
LABELS = {
    "a-venir": N_("Not started"),
    "en-cours": N_("In progress"),
    "realisee": N_("Completed"),
    "reportee": N_("Postponed"),
    "abandonnee": N_("Abandoned"),
    NONE: N_("No status"),
}
"""What people read (translated at display); the ids are what is stored."""
_ALIASES = {
    "a-venir": ("a venir", "non demarree", "non demarre", "pas demarree", "pas commencee",
                "prevue", "programmee", "not started", "planned", "to do", "todo"),
    "en-cours": ("en cours", "demarree", "commencee", "en marche", "in progress", "ongoing",
                 "started"),
    "realisee": ("realisee", "realise", "terminee", "termine", "achevee", "faite", "fait",
                 "done", "completed", "finished"),
    "reportee": ("reportee", "reporte", "en pause", "pause", "suspendue", "differee",
                 "postponed", "paused", "on hold"),
    "abandonnee": ("abandonnee", "abandonne", "annulee", "annule", "abandoned", "dropped",
                   "cancelled", "canceled"),
}
_LOOKUP = {alias: status for status, aliases in _ALIASES.items() for alias in aliases}
_LOOKUP.update({fold(s).replace("-", " "): s for s in STATUSES})

HEADER = (
    "# Status of action {action}, year by year: managed by `ctg status`, one line per\n"
    "# record, oldest first. Correct a status with `ctg status ... --replace --reason TEXT`;\n"
    "# `ctg check` validates this file.\n"
)
FIELDS = ("action", "year", "status", "note", "decision", "recorded_by", "recorded_at",
          "replaces")
REQUIRED = ("action", "year", "status", "recorded_by", "recorded_at")
_TEXT = ("action", "status", "note", "decision", "recorded_by", "recorded_at", "replaces")


def _key(typed: str) -> str:
    return " ".join(fold(typed).replace("-", " ").replace("_", " ").split())


def parse(typed: str) -> str | None:
    """The status id that ``typed`` designates (``En pause`` -> ``reportee``), else None."""
    key = _key(typed)
    found = _LOOKUP.get(key) or _LOOKUP.get(key.removesuffix("s"))
    return found


def suggestion(typed: str) -> str | None:
    """The status id closest to a mistyped one, if any is close."""
    close = difflib.get_close_matches(_key(typed), list(_LOOKUP), n=1, cutoff=0.6)
    return _LOOKUP[close[0]] if close else None


def resolve(typed: str, *, allow_none: bool = False) -> str:
    """The status id that ``typed`` designates, else a CtgError with a suggestion."""
    found = parse(typed)
    if found is None and allow_none and _key(typed) in {"none", "aucun", "aucune",
                                                         "sans statut", "sans"}:
        return NONE
    if found is not None:
        return found
    close = suggestion(typed)
    hint = _("did you mean {status!r}? ").format(status=close) if close else ""
    return_ids = ", ".join(STATUSES)
    raise CtgError(_("{typed!r} is not a status: {hint}use one of {ids} (French words "
                     "work too: en cours, en pause, non démarrée)").format(
        typed=typed, hint=hint, ids=return_ids + (", none" if allow_none else "")))


def label(status: str) -> str:
    """The status as people read it, in their language."""
    return _(LABELS[status])


@dataclass(slots=True)
class StatusRecord:
    """One status statement, as stored on a line (treat it as read-only)."""

    action: str
    year: int
    status: str
    recorded_by: str
    recorded_at: str
    note: str | None = None
    decision: str | None = None
    replaces: str | None = None
    file: str = field(default="", kw_only=True)
    index: int = field(default=0, kw_only=True)

    def as_dict(self) -> dict[str, Any]:
        """The stored fields (None left out), in the file's order."""
        return {name: getattr(self, name) for name in FIELDS if getattr(self, name) is not None}




def status_path(plan_path: Path, action_id: str) -> Path:
    """The status file of one action."""
    return plan_path.parent / FOLDER / f"{action_id}{SUFFIX}"


# Reading -----------------------------------------------------------------------------


@dataclass
class StatusFile:
    """The records of one status file and the problems of its structure."""

    path: str
    records: list[StatusRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    document: Document | None = None


def read(path: Path) -> StatusFile:
    """Read one status file: structure and types only (no plan needed)."""
    doc = read_yaml(path)
    result = StatusFile(doc.path, document=doc)
    result.problems.extend(p for p in doc.problems if p.code != "empty-file")
    if doc.root is None or any(p.level is Level.ERROR and p.code.startswith("yaml-")
                               and p.code != "yaml-boolean" for p in doc.problems):
        return result
    if not isinstance(doc.data, list):
        result.problems.append(doc.problem((), Level.ERROR, "wrong-type", _(
            "a status file is a YAML list of records (- {action: ..., year: ..., "
            "status: ...})")))
        return result
    for index, block in enumerate(doc.data):
        if not isinstance(block, dict):
            result.problems.append(doc.problem((index,), Level.ERROR, "wrong-type", _(
                "each status record is a mapping (action:, year:, status:, ...)")))
            continue
        bad = False
        for key in block:
            if key not in FIELDS:
                node = key_node(doc.root, (index, str(key)))
                line, col = (node_position(node) if node is not None
                             else doc.position((index,)))
                result.problems.append(Problem(doc.path, line, col, Level.ERROR, "unknown-key", _(
                    "unknown key {key!r} in a status record: allowed keys are {keys}").format(
                    key=key, keys=", ".join(FIELDS))))
                bad = True
        for key in REQUIRED:
            if block.get(key) is None:
                where = (index, key) if key in block else (index,)
                result.problems.append(doc.problem(where, Level.ERROR, "missing-key", _(
                    "'{key}' is missing or empty in this status record").format(key=key)))
                bad = True
        for key in _TEXT:
            value = block.get(key)
            if value is not None and not isinstance(value, str):
                result.problems.append(doc.problem((index, key), Level.ERROR, "wrong-type", _(
                    "{key} is text, not {value!r}").format(key=key, value=value)))
                bad = True
        year = block.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)
                                 or not 1000 <= year <= 9999):
            result.problems.append(doc.problem((index, "year"), Level.ERROR, "bad-period", _(
                "year {year!r} is not a year such as 2026").format(year=year)))
            bad = True
        status = block.get("status")
        if isinstance(status, str) and status not in STATUSES:
            close = parse(status) or suggestion(status)
            hint = _("did you mean {status!r}? ").format(status=close) if close else ""
            result.problems.append(doc.problem((index, "status"), Level.ERROR, "unknown-status", _(
                "unknown status {status!r}: {hint}the stored statuses are {ids}").format(
                status=status, hint=hint, ids=", ".join(STATUSES))))
            bad = True
        if not bad:
            result.records.append(StatusRecord(file=doc.path, index=index, **block))
    return result
