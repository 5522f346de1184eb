"""The layering of ARCHITECTURE.md, enforced: imports go one way, modules stay small."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "ctgplan"

LAYERS: list[set[str]] = [
    {"problems", "i18n", "i18n_extract", "fold", "render_base", "textdiff"},
    {"files", "external_sort", "plan_path", "data_folder", "tables"},
    {"yamlbuild", "cache"},
    {"yamldoc", "record_lines"},
    {"model"},
    {"units", "sidecar", "plan_json", "schema_errors", "plan_rules", "diffmodel",
     "importing.headers", "importing.cells", "importing.calendars", "importing.ids"},
    {"plan_value_rules", "status_file"},
    {"plan_load", "record_rules", "corrections", "status_rules", "importing.partners",
     "importing.report",
     "importing.indicators", "importing.people"},
    {"check", "importing.draft"},
    {"reading", "revisions", "importing.hierarchy"},
    {"query", "progress", "history", "record_input", "record_write", "plandiff", "valuesdiff",
     "newrepo", "importing.action_rows", "importing.layout", "status_query", "todo", "review"},
    {"views", "history_sort", "diffsummary", "importing.build", "importing.writer",
     "importing.values", "status_write", "review_build"},
    {"history_view"},
    {"importing"},
    {"render_check", "render_table", "render_action", "render_diff", "render_charts"},
    {"render_ci", "render_diff_text", "render_diff_markdown", "render_diff_json",
     "render_report", "render_report_xlsx"},
    {"render"},
    {"cli.usage_errors", "cli.coercion", "cli.help_page"},
    {"cli.localized"},
    {"cli.completion", "cli.common"},
    {"cli.check", "cli.find", "cli.record", "cli.diff", "cli.importing", "cli.repo",
     "cli.status", "cli.report"},
    {"cli"},
    {"__main__", ""},
]
"""Each module (``ctgplan.`` left out; ``""`` is the package) may import only from the
layers before its own: data flows from bytes to the command line, never back."""

LAYER = {module: number for number, layer in enumerate(LAYERS) for module in layer}
PURE = {"query", "progress", "history", "views", "history_view", "render_check", "render_ci",
        "render_table", "render_action", "render_diff_text", "render_diff_markdown", "render",
        "textdiff",
        "diffmodel", "plandiff", "valuesdiff", "diffsummary",
        "importing.headers", "importing.cells", "importing.calendars", "importing.indicators",
        "importing.people", "importing.ids", "importing.partners", "importing.writer",
        "status_query", "todo", "review", "review_build", "render_report", "render_charts"}
"""Queries, views and renderers compute from data in memory: they read no file."""
READERS = {"files", "external_sort", "yamldoc", "yamlbuild", "cache", "reading", "record_write",
           "plan_load", "tables", "revisions", "newrepo", "status_write"}
MAX_LINES = 300
KEPT_AS_IS = {"model": "the schema, kept whole: one model per YAML section"}


def module_name(path: Path) -> str:
    """``ctgplan/cli/find.py`` -> ``cli.find``; ``ctgplan/__init__.py`` -> ``""``."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    """Every module of the package, by name."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """``(line, module)`` of every import in the file, those inside functions included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            package = PACKAGE.joinpath(*node.module.split(".")[1:])
            if node.module.startswith("ctgplan") and package.is_dir():
                # from ctgplan import query: the module query (a submodule, when it is one)
                for alias in node.names:
                    sub = package / alias.name
                    is_module = sub.is_dir() or sub.with_suffix(".py").is_file()
                    yield node.lineno, (f"{node.module}.{alias.name}" if is_module
                                        else node.module)
            else:
                yield node.lineno, node.module


def internal(imported: str) -> str | None:
    """The package module an import names (``ctgplan.cli.common`` -> ``cli.common``)."""
    if imported == "ctgplan":
        return ""
    if imported.startswith("ctgplan."):
        return imported.removeprefix("ctgplan.")
    return None


def test_every_module_has_a_layer() -> None:
    """A new module is placed in the layering (and ARCHITECTURE.md) before it is used."""
    assert sorted(set(modules()) - set(LAYER)) == []
    assert sorted(set(LAYER) - set(modules())) == []


def test_architecture_page_lists_every_module() -> None:
    """ARCHITECTURE.md names every module, so that it answers "where does X go?"."""
    page = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = {m.replace(".", "/") for m in modules() if m not in ("", "__main__", "cli")}
    assert sorted(m for m in named if f"`{m}`" not in page) == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_imports_go_one_way(name: str) -> None:
    """A module imports only from lower layers: no cycle, no way back up the flow."""
    path = modules()[name]
    wrong = [(line, target) for line, imported in imports(path)
             if (target := internal(imported)) is not None and target != name
             and LAYER[target] >= LAYER[name]
             and not (name == "" and target == "")]
    assert wrong == []


def test_only_reading_uses_the_cache() -> None:
    """The cache wraps reading at one point: ``reading`` (and keeps the help page)."""
    users = sorted(name for name, path in modules().items()
                   if any(internal(i) == "cache" for _line, i in imports(path)))
    assert users == ["cli.help_page", "reading"]


def test_typer_in_the_cli_rich_in_the_table_renderer() -> None:
    """Only ``cli`` imports typer; only the renderers import rich."""
    for name, path in modules().items():
        roots = {imported.split(".")[0] for _line, imported in imports(path)}
        if "typer" in roots or "click" in roots:
            assert name.split(".")[0] == "cli", name
        if "rich" in roots:
            assert name.startswith("render_"), name


def test_queries_views_and_renderers_read_no_file() -> None:
    """Pure layers import nothing that reads or writes files."""
    for name in sorted(PURE):
        touched = {internal(i) or "" for _line, i in imports(modules()[name])} & READERS
        assert sorted(touched) == [], name


@pytest.mark.parametrize("name", sorted(modules()))
def test_modules_stay_small(name: str) -> None:
    """No module grows past about 300 lines (split it by concept instead)."""
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    limit = 330 if name in KEPT_AS_IS else MAX_LINES
    assert lines <= limit, (name, lines)


def test_every_registered_renderer_exists() -> None:
    """Each entry of the one registry of renderers names a function of a renderer module."""
    from ctgplan import render

    for view, formats in render.REGISTRY.items():
        for fmt in formats:
            assert callable(render.renderer(view, fmt)), (view, fmt)
            assert formats[fmt].split(":")[0].startswith("render_"), (view, fmt)
