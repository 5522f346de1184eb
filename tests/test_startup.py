"""Start-up stays instant: what `ctg --help` and `ctg list` import, and what list reads."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import SHIPPED_PLAN

PROBE = """
import json, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0]))
                 if event == "open" and args and isinstance(args[0], str) else None)
sys.argv = ["ctg", *json.loads(sys.argv[1])]
from ctgplan.cli import main
try:
    main()
except SystemExit:
    pass
with open(sys.argv[0] if False else OUT, "w", encoding="utf-8") as handle:
    json.dump({"modules": sorted(sys.modules), "opened": opened}, handle)
"""


def probe(tmp_path: Path, *args: str, cache: Path | None = None) -> dict[str, list[str]]:
    """Run ctg ARGS in a fresh interpreter; return the modules it imported and files it opened.

    Without ``cache``, the cache is off; with it, ``cache`` is the cache folder.
    """
    out = tmp_path / "probe.json"
    code = PROBE.replace("OUT", repr(str(out)))
    env = {**os.environ, "CTG_NO_CACHE": "1"} if cache is None else {
        **{k: v for k, v in os.environ.items() if k != "CTG_NO_CACHE"},
        "CTG_CACHE_DIR": str(cache)}
    subprocess.run([sys.executable, "-c", code, json.dumps(list(args))], check=True,
                   capture_output=True, env=env)
    result: dict[str, list[str]] = json.loads(out.read_text(encoding="utf-8"))
    return result


HEAVY_FOR_HELP = {"pydantic", "pydantic_core", "rich", "yaml", "ctgplan.model",
                  "ctgplan.plan_load", "ctgplan.reading", "ctgplan.sidecar",
                  "ctgplan.record_write", "ctgplan.query", "filelock", "csv",
                  "importlib.metadata", "markdown_it", "pygments", "typer._adapters",
                  "annotated_types", "ctgplan.plan_json", "ctgplan.views",
                  "ctgplan.render", "ctgplan.yamldoc", "email", "jinja2", "pygal",
                  "xlsxwriter", "ctgplan.status", "ctgplan.review"}


def test_help_imports_nothing_heavy(tmp_path: Path) -> None:
    """`ctg --help` loads typer and the command modules only: no pydantic, rich or YAML."""
    modules = set(probe(tmp_path, "--help")["modules"])
    assert sorted(HEAVY_FOR_HELP & modules) == []


def test_list_imports_only_what_it_needs(tmp_path: Path) -> None:
    """`ctg list` loads the plan and renders a table: no lock, no store, no markdown."""
    modules = set(probe(tmp_path, "list", "--theme", "PAR", "--plan",
                        str(SHIPPED_PLAN))["modules"])
    assert {"pydantic", "yaml", "rich", "ctgplan.query"} <= modules
    unwanted = {"filelock", "markdown_it", "pygments", "ctgplan.sidecar",
                "ctgplan.record_rules", "ctgplan.record_write", "ctgplan.units",
                "ctgplan.record_input", "hypothesis", "jinja2", "pygal", "xlsxwriter",
                "ctgplan.status", "ctgplan.review", "typer._adapters"}
    assert sorted(unwanted & modules) == []


def test_list_reads_no_sidecar(tmp_path: Path) -> None:
    """`ctg list` opens the plan but no file of recorded values."""
    plan = tmp_path / "data" / "plan.yaml"
    (plan.parent / "measurements").mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, plan)
    (plan.parent / "measurements" / "PAR-2.yaml").write_text("- broken: [\n", encoding="utf-8")
    opened = probe(tmp_path, "list", "--plan", str(plan))["opened"]
    assert str(plan) in opened
    assert [p for p in opened if "measurements" in p] == []


WARM_LIST_NEEDS_NONE_OF = {
    "yaml", "_yaml", "ctgplan.yamldoc", "ctgplan.yamlbuild", "ctgplan.plan_load",
    "ctgplan.plan_rules", "ctgplan.schema_errors", "ctgplan.check", "ctgplan.sidecar",
    "ctgplan.record_rules", "ctgplan.units", "filelock", "markdown_it", "pygments"}
"""What `ctg list` does not import once the plan is in the cache: the plan is built
again from its cached form, without PyYAML, the rules or pydantic's validation."""


def test_list_with_a_cached_plan_imports_no_yaml_and_no_rules(tmp_path: Path) -> None:
    """The second `ctg list` reads the plan from the cache: no parser, no rules."""
    plan = tmp_path / "data" / "plan.yaml"
    plan.parent.mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, plan)
    folder = tmp_path / "cache"
    first = set(probe(tmp_path, "list", "--plan", str(plan), cache=folder)["modules"])
    assert {"yaml", "ctgplan.plan_load"} <= first  # read from the YAML the first time
    second = set(probe(tmp_path, "list", "--plan", str(plan), cache=folder)["modules"])
    assert {"pydantic", "rich", "ctgplan.query", "ctgplan.plan_json"} <= second
    assert sorted(WARM_LIST_NEEDS_NONE_OF & second) == []


WARM_CHECK_NEEDS_NONE_OF = WARM_LIST_NEEDS_NONE_OF - {"ctgplan.check"} | {
    "pydantic.main", "ctgplan.model", "ctgplan.plan_json", "ctgplan.status_rules",
    "ctgplan.status_file", "rich"}
"""What `ctg check` does not import when nothing changed: the verdict, the plan's counts
and readiness come from the cache; the plan is not built again."""


def test_check_with_nothing_changed_builds_no_plan(tmp_path: Path) -> None:
    """The second `ctg check` prints the cached verdict: no YAML, no pydantic model."""
    plan = tmp_path / "data" / "plan.yaml"
    (plan.parent / "measurements").mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, plan)
    (plan.parent / "measurements" / "PAR-2.yaml").write_text(
        "- {indicator: reunions, period: 2026, value: 4, recorded_at: '2026-11-02T10:00:00'}\n",
        encoding="utf-8")
    folder = tmp_path / "cache"
    first = set(probe(tmp_path, "check", "--plan", str(plan), cache=folder)["modules"])
    assert {"yaml", "ctgplan.model", "ctgplan.record_rules"} <= first
    second = set(probe(tmp_path, "check", "--plan", str(plan), cache=folder)["modules"])
    assert {"ctgplan.check", "ctgplan.render_check"} <= second
    assert sorted(WARM_CHECK_NEEDS_NONE_OF & second) == []
