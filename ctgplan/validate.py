"""Load a plan file: text -> YAML nodes -> pydantic models -> cross-checks.

``load_plan`` never raises on bad content: it returns the plan (when it is
valid) together with every problem found, each located at ``line:col``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ctgplan import checks
from ctgplan.load import Document, key_node, load_file, node_position, paused_gc
from ctgplan.model import (
    Action,
    Need,
    Objective,
    Partner,
    Plan,
    PlanInfo,
    Span,
    Theme,
    YearSpan,
)
from ctgplan.problems import Level, Problem


@dataclass
class PlanResult:
    """A loaded plan: the validated plan, or None when it has errors, and the problems."""

    path: Path
    plan: Plan | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems of level error."""
        return [p for p in self.problems if p.level is Level.ERROR]


_TYPE_CODES = {
    "missing": "missing-key",
    "extra_forbidden": "unknown-key",
    "enum": "bad-value",
    "literal_error": "bad-value",
    "string_too_short": "empty-value",
}
_SECTION_MODELS: dict[str, type[BaseModel]] = {
    "themes": Theme, "partners": Partner, "needs": Need, "objectives": Objective,
    "actions": Action,
}


def load_plan(path: Path) -> PlanResult:
    """Read, parse and validate the plan at ``path``; collect every problem.

    A plan that has not changed since it was last loaded comes from the cache.
    """
    from ctgplan import cache

    key = cache.stamp(path)
    entry = cache.read("plan", path, key)
    with paused_gc():
        if entry:
            cached = entry[0]
            problems = [Problem(str(path), line, col, Level(level), code, message)
                        for line, col, level, code, message in cached["problems"]]
            plan = Plan.model_validate(cached["plan"]) if cached["plan"] is not None else None
            return PlanResult(path, plan, problems)
        result = _load_plan(path)
    cache.write("plan", path, key, [{
        "plan": result.plan.model_dump(mode="json") if result.plan is not None else None,
        "problems": [[p.line, p.col, p.level.value, p.code, p.message]
                     for p in result.problems],
    }])
    return result


def _load_plan(path: Path) -> PlanResult:
    doc = load_file(path)
    result = PlanResult(path, None, list(doc.problems))
    if doc.root is None:
        return result
    data = doc.data
    if not isinstance(data, dict):
        result.problems.append(doc.problem((), Level.ERROR, "wrong-type",
                                           "the plan must be a YAML mapping with the keys "
                                           "plan, themes, partners, needs, objectives, actions"))
        return result
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        result.problems.extend(_schema_problems(doc, exc.errors(), ()))
        ctx = _partial_context(doc, data)
    else:
        ctx = _context(doc, plan)
        result.plan = plan
    result.problems.extend(checks.run(ctx))
    result.problems = _unique_sorted(result.problems)
    if result.errors:
        result.plan = None
    return result


def _raw_actions(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    actions = data.get("actions")
    return [(i, a) for i, a in enumerate(actions if isinstance(actions, list) else [])
            if isinstance(a, dict)]


def _context(doc: Document, plan: Plan) -> checks.Context:
    ctx = checks.Context(doc, plan.plan.period, raw_actions=_raw_actions(doc.data))
    for section in checks.SECTIONS:
        items = getattr(plan, section)
        setattr(ctx, section, list(enumerate(items)))
        ctx.declared[section] = {item.id for item in items}
    return ctx


def _partial_context(doc: Document, data: dict[str, Any]) -> checks.Context:
    """The records that pass the schema on their own, so every rule still runs."""
    ctx = checks.Context(doc, complete=False, raw_actions=_raw_actions(data))
    ctx.period = _period(data.get("plan"))
    for section, model in _SECTION_MODELS.items():
        raw = data.get(section)
        items = raw if isinstance(raw, list) else []
        valid: list[tuple[int, Any]] = []
        declared: set[str] = set()
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                declared.add(item["id"])
            try:
                valid.append((index, model.model_validate(item)))
            except ValidationError as exc:
                if model is Action:
                    _without_bad_indicators(ctx, index, item, exc, valid)
        setattr(ctx, section, valid)
        ctx.declared[section] = declared
    return ctx


def _period(info: object) -> YearSpan | None:
    """The plan period, even when another field of ``plan`` is wrong."""
    if not isinstance(info, dict):
        return None
    try:
        return PlanInfo.model_validate(info).period
    except ValidationError:
        pass
    try:
        return TypeAdapter(Span).validate_python(info.get("period"))
    except ValidationError:
        return None


def _without_bad_indicators(ctx: checks.Context, index: int, item: Any,
                            exc: ValidationError, valid: list[tuple[int, Any]]) -> None:
    """Keep an action whose only errors are in some indicators, without those indicators."""
    locs = [e["loc"] for e in exc.errors()]
    indicators = item.get("indicators") if isinstance(item, dict) else None
    if not isinstance(indicators, list) or not all(
            len(loc) >= 2 and loc[0] == "indicators" and isinstance(loc[1], int)
            for loc in locs):
        return
    bad = {loc[1] for loc in locs}
    positions = [n for n in range(len(indicators)) if n not in bad]
    try:
        action = Action.model_validate({**item, "indicators": [indicators[n]
                                                              for n in positions]})
    except ValidationError:
        return
    valid.append((index, action))
    ctx.indicator_positions[index] = positions


def _schema_problems(doc: Document, errors: Iterable[Any], prefix: tuple[Any, ...]
                     ) -> Iterable[Problem]:
    for error in errors:
        loc = (*prefix, *error["loc"])
        kind = error["type"]
        code = _TYPE_CODES.get(kind) or _code_for(kind)
        named = loc[:loc.index("[key]") - 1] if "[key]" in loc else loc
        name = next((str(part) for part in reversed(named) if isinstance(part, str)), "value")
        if kind == "missing":
            line, col = doc.locate(loc)
            message = f"'{name}' is missing here: add it (see `ctg schema` for every key)"
        elif kind == "extra_forbidden":
            node = key_node(doc.root, loc)
            line, col = node_position(node) if node is not None else doc.locate(loc)
            message = (f"unknown key '{name}': {_allowed_keys(loc[:-1])}; check its "
                       "spelling or remove it")
        else:
            line, col = doc.locate(loc)
            message = _message(error) if isinstance(loc[-1], int) else (
                f"{name}: {_message(error)}")
        yield Problem(doc.path, line, col, Level.ERROR, code, message)


def _code_for(kind: str) -> str:
    if "-" in kind:  # our own PydanticCustomError codes are already kebab-case
        return str(kind)
    if kind.startswith(("date", "datetime")):
        return "bad-date"
    return "wrong-type"


_PLAIN_MESSAGES = {
    "model_type": "expected a mapping (key: value lines)",
    "model_attributes_type": "expected a mapping (key: value lines)",
    "dict_type": "expected a mapping (key: value lines)",
    "list_type": "expected a list (lines starting with '- ', or [a, b])",
}


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    value = error.get("input")
    message = _PLAIN_MESSAGES.get(kind) or str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if "-" not in kind:
        shown = repr(value) if not isinstance(value, (dict, list)) else (
            "a mapping" if isinstance(value, dict) else "a list")
        message += f" (found {shown})"
    if "[key]" in error["loc"]:
        message = f"key {value!r}: {message}"
    return message


def _allowed_keys(loc: tuple[Any, ...]) -> str:
    model: Any = Plan
    for part in loc:
        if isinstance(part, int):
            continue
        field_info = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field_info is None:
            return "this key is not part of the plan schema"
        model = _inner_model(field_info.annotation)
        if model is None:
            return "this key is not part of the plan schema"
    return "allowed keys here are " + ", ".join(model.model_fields)


def _inner_model(annotation: Any) -> Any:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _unique_sorted(problems: list[Problem]) -> list[Problem]:
    """Problems in file order; a schema error at the spot of a YAML error is dropped."""
    yaml_spots = {(p.file, p.line, p.col) for p in problems if p.code.startswith("yaml-")}
    kept = {p for p in problems
            if p.code.startswith("yaml-") or (p.file, p.line, p.col) not in yaml_spots}
    return sorted(kept, key=lambda p: (p.file, p.line, p.col, p.code, p.message))


@dataclass
class FullCheck:
    """The plan and its recorded values, checked together (what ``ctg check`` reports)."""

    plan: PlanResult
    files: list[str]
    records: int
    problems: list[Problem]


def check_all(path: Path) -> FullCheck:
    """Validate the plan, then every sidecar of recorded values against it.

    When neither the plan nor any sidecar changed since the last check, the
    previous result comes from the cache.
    """
    from ctgplan import cache, status, store

    sidecars = store.sidecar_files(path)
    statuses = status.status_files(path)
    stamps = [cache.stamp(p) for p in (path, *sidecars, *statuses)]
    key = None if None in stamps else [VERSION_KEY, [str(p) for p in (*sidecars, *statuses)],
                                       stamps]
    entry = cache.read("check", path, key)
    if entry:
        cached = entry[0]
        result = load_plan(path)
        problems = [Problem(file, line, col, Level(level), code, message)
                    for file, line, col, level, code, message in cached["problems"]]
        return FullCheck(result, [str(path), *map(str, sidecars)], cached["records"], problems)
    full = _check_all(path, sidecars)
    cache.write("check", path, key, [{
        "records": full.records,
        "problems": [[p.file, p.line, p.col, p.level.value, p.code, p.message]
                     for p in full.problems],
    }])
    return full


VERSION_KEY = "check-2"


def _check_all(path: Path, sidecars: list[Path]) -> FullCheck:
    from ctgplan import store

    with paused_gc():
        result = load_plan(path)
        problems = list(result.problems)
        files = [str(path)]
        records = 0
        checker = store.RecordChecker(result.plan) if result.plan is not None else None
        for sidecar in sidecars:  # one at a time: memory stays flat
            loaded = store.Loaded()
            store.read_sidecar(sidecar, loaded)
            problems += loaded.problems
            if checker is not None:
                problems += checker.check(loaded)
            files.append(str(sidecar))
            records += len(loaded.records)
        if result.plan is not None:
            from ctgplan import status

            problems += status.check(result.plan, status.read_all(path))[1]
    return FullCheck(result, files, records, problems)
