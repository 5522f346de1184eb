"""What ``ctg history`` shows: the ``Table`` of ``history.rows`` (no I/O).

A row of the history is a record's fields in ``sidecar.ROW`` order followed by its status
(``history.rows``); the json contract is the record's fields in the file's order
(``sidecar.FIELDS``), those without a value left out, then ``status``.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from ctgplan.i18n import N_, _, day, number
from ctgplan.views import Table, survey_text

(_ACTION, _INDICATOR, _PERIOD, _BY, _AT, _VALUE, _SUMMARY, _RESPONDENTS, _SCORE, _SATISFIED,
 _SOURCE, _NOTE, _REPLACES, _SETTLES, _WITHDRAWS, _STATE) = range(16)

_STATUS = {"current": N_("current"), "replaced": N_("replaced"), "disputed": N_("disputed"),
           "withdrawn": N_("withdrawn"), "withdrawal": N_("withdrawal")}
"""History statuses as people read them (json keeps the English word)."""

HISTORY_FIELDS = ("action", "indicator", "period", "value", "summary", "respondents",
                  "satisfied", "score", "source", "note", "replaces", "recorded_by",
                  "recorded_at")
"""Every field of a record, in the order of the csv and markdown history."""
_EXPORTED = itemgetter(_ACTION, _INDICATOR, _PERIOD, _VALUE, _SUMMARY, _RESPONDENTS,
                       _SATISFIED, _SCORE, _SOURCE, _NOTE, _REPLACES, _BY, _AT)

JSON_FIELDS = ("action", "indicator", "period", "value", "summary", "respondents", "score",
               "satisfied", "source", "note", "recorded_by", "recorded_at", "replaces",
               "settles", "withdraws", "status")
"""The keys of the json history: ``sidecar.FIELDS``, then the status."""
_JSON_VALUES = itemgetter(_ACTION, _INDICATOR, _PERIOD, _VALUE, _SUMMARY, _RESPONDENTS, _SCORE,
                          _SATISFIED, _SOURCE, _NOTE, _BY, _AT, _REPLACES, _SETTLES,
                          _WITHDRAWS, _STATE)


def _row(h: list[Any], milestones: frozenset[tuple[str, str]] = frozenset()) -> list[Any]:
    value = h[_VALUE]
    if value is None:
        shown = survey_text(h[_SUMMARY], h[_SATISFIED], h[_SCORE], h[_RESPONDENTS])
    elif (h[_ACTION], h[_INDICATOR].casefold()) in milestones:
        shown = _("oui") if value else _("non")
    else:
        shown = number(value, 6)
    notes = [_("replaces: {reason}").format(reason=h[_REPLACES])] if h[_REPLACES] else []
    note, source = h[_NOTE], h[_SOURCE]
    if note and source:
        notes.append(_("{note} (source: {source})").format(note=note, source=source))
    elif note or source:
        notes.append(note or _("source: {source}").format(source=source))
    return [h[_ACTION], h[_INDICATOR], h[_PERIOD], shown, h[_BY], day(h[_AT]),
            _(_STATUS.get(h[_STATE], h[_STATE])), "; ".join(notes)]


def _record(h: list[Any]) -> dict[str, Any]:
    return {k: v for k, v in zip(JSON_FIELDS, _JSON_VALUES(h), strict=True) if v is not None}


def history_table(rows: Iterable[list[Any]], *, limit: int = 0,
                  milestones: frozenset[tuple[str, str]] = frozenset()) -> Table:
    """``ctg history``: the recorded values, oldest first, each current or replaced.

    ``milestones``: the (action, indicator casefolded) whose values are shown oui/non in
    the table (csv and json keep 1 and 0)."""
    said = {status: _(words) for status, words in _STATUS.items()}

    def row(h: list[Any]) -> list[Any]:
        return _row(h, milestones)

    def export(h: list[Any]) -> list[Any]:
        status = h[_STATE]
        return [*_EXPORTED(h), said[status] if status in said else _(status)]

    return Table([_("Action"), _("Indicator"), _("Period"), _("Value"), _("By"), _("On"),
                  _("Status"), _("Note")],
                 rows, row if milestones else _row, _record, flat=True,
                 wide=(_("Value"), _("Note")), limit=limit, from_end=True,
                 more=_("... {count} earlier values not shown: use --limit 0, or --format "
                        "csv") + "\n", empty=_("No recorded value matches.") + "\n",
                 export_columns=[_("Action"), _("Indicator"), _("Period"), _("Value"),
                                 _("Summary"), _("Respondents"), _("Satisfied"), _("Score"),
                                 _("Source"), _("Note"), _("Replaces"), _("By"),
                                 _("Recorded at"), _("Status")],
                 export_row=export)
