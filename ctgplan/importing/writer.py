"""Write an imported plan in the house layout of ``data/plan.yaml``.

Commented sections in a fixed order, keys in the schema's order, one flow
mapping per theme and indicator, long texts folded at 78 columns. Every scalar
is checked to read back as the same value, and quoted when it would not (a
text that YAML would read as a number, a date or a boolean, or that holds a
``: ``). The output depends only on the records: same table, same bytes.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from ctgplan.importing.cells import clean
from ctgplan.importing.draft import Built, Indicator

WIDTH = 78
_PLAIN_START = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")


@lru_cache(maxsize=4096)
def _reads_back(text: str, flow: bool) -> bool:
    import yaml

    document = f"{{k: {text}}}" if flow else f"k: {text}"
    try:
        loaded = yaml.safe_load(document)
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and loaded.get("k") == text


def scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as a YAML scalar on one line: plain when that reads back, else quoted."""
    plain = (text == text.strip() and "\n" not in text and bool(_PLAIN_START.match(text))
             and ": " not in text and " #" not in text and not text.endswith(":")
             and not (flow and _FLOW_UNSAFE.search(text)))
    if plain and _reads_back(text, flow):
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    if "'" not in text and "\n" not in text and text == text.strip() and text.isprintable():
        return f'"{text}"' if '"' not in text and "\\" not in text else "'" + text + "'"
    return json.dumps(text, ensure_ascii=False)


def block(key: str, text: str, indent: int) -> list[str]:
    """``key: text`` at ``indent``: on one line when it fits, else folded (``>-``)."""
    pad = " " * indent
    one = f"{pad}{key}: {scalar(text)}"
    if len(one) <= WIDTH + 20 and "\n" not in text:
        return [one]
    if "\n" in text:
        if all(line == line.rstrip() and line.strip() == line for line in text.split("\n")) \
                and text == text.strip():
            return [f"{pad}{key}: |-", *(f"{pad}  {line}" if line else ""
                                        for line in text.split("\n"))]
        return [f"{pad}{key}: {_quoted(text)}"]
    if "  " in text or text != text.strip() or not text:
        return [one]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and len(pad) + 2 + len(candidate) > WIDTH:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in lines)]


def _indicator(indicator: Indicator) -> str:
    parts = [f"id: {scalar(indicator.id, flow=True)}", f"kind: {indicator.kind}"]
    if indicator.unit:
        parts.append(f"unit: {indicator.unit}")
    parts.append(f"label: {scalar(indicator.label, flow=True)}")
    return "      - {" + ", ".join(parts) + "}"


def _id(value: str) -> str:
    return scalar(value, flow=True)


def write_plan(built: Built, source: str, *, schema: str | None = None) -> str:
    """The plan file's text; ``schema`` adds the editors' schema line on top."""
    out: list[str] = [f"# yaml-language-server: $schema={schema}", "#"] if schema else []
    out += [
        f"# Action plan imported by `ctg import` from {source}.",
        "#",
        "# Texts are those of the adopted table, word for word. The import report",
        "# lists every guess (calendars, partners merged, indicator units): review",
        "# them, then complete what is marked \"To be completed\".",
        "#",
        "# Validate after every edit:   ctg check",
        "# Ids are short and stable: records in data/measurements/ refer to them.",
        "",
        "plan:",
        *block("title", built.title, 2),
        *block("territory", built.territory, 2),
        f"  adopted: {built.adopted.isoformat()}",
        f"  period: {built.period}",
        "",
        "# Themes, in the document's order.",
        "themes:",
    ]
    out += [f"  - {{id: {_id(t.id)}, label: {scalar(t.label, flow=True)}}}"
            for t in built.themes]
    out += ["", "# Partners: declared once. \"aliases\" are the other spellings the document "
            "uses.", "partners:"]
    for partner in built.partners.partners:
        out.append(f"  - id: {_id(partner.id)}")
        out += block("name", partner.name, 4)
        if partner.aliases:
            aliases = "[" + ", ".join(scalar(a, flow=True) for a in partner.aliases) + "]"
            out.append(f"    aliases: {aliases}")
    for title, key, records in (
            ("# Needs identified by the diagnosis, shared by actions.", "needs", built.needs),
            ("# Objectives, shared by actions.", "objectives", built.objectives)):
        out += ["", title, f"{key}:"]
        for record in records:
            out.append(f"  - id: {_id(record.id)}")
            out += block("text", record.text, 4)
    out += ["", "# Actions, theme by theme. Indicators: QT = quantitative, QL = qualitative.",
            "actions:"]
    labels = {t.id: t.label for t in built.themes}
    previous_theme = None
    for index, action in enumerate(built.actions):
        if action.theme != previous_theme:
            if index:
                out.append("")
            out.append(f"  # {' '.join(clean(labels[action.theme]).split())}")
            previous_theme = action.theme
        elif index:
            out.append("")
        out.append(f"  - id: {_id(action.id)}")
        out.append(f"    theme: {_id(action.theme)}")
        out.append(f"    need: {_id(action.need)}")
        out.append(f"    objective: {_id(action.objective)}")
        out += block("action", action.text, 4)
        if action.levers:
            out += block("levers", action.levers, 4)
        out.append(f"    lead: {_id(action.lead)}")
        if action.partners:
            out.append("    partners: [" + ", ".join(_id(p) for p in action.partners) + "]")
        if action.indicators:
            out.append("    indicators:")
            out += [_indicator(i) for i in action.indicators]
        out.append(f"    calendar: {action.calendar}")
    return "\n".join(out) + "\n"
