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


def probe(tmp_path: Path, *args: str) -> dict[str, list[str]]:
    """Run ctg ARGS in a fresh interpreter; return the modules it imported and files it opened."""
    out = tmp_path / "probe.json"
    code = PROBE.replace("OUT", repr(str(out)))
    subprocess.run([sys.executable, "-c", code, json.dumps(list(args))], check=True,
                   capture_output=True, env={**os.environ, "CTG_NO_CACHE": "1"})
    result: dict[str, list[str]] = json.loads(out.read_text(encoding="utf-8"))
    return result


HEAVY_FOR_HELP = {"pydantic", "pydantic_core", "rich", "yaml", "ctgplan.model",
                  "ctgplan.plan_load", "ctgplan.reading", "ctgplan.sidecar",
                  "ctgplan.record_write", "ctgplan.query", "filelock", "csv",
                  "importlib.metadata", "markdown_it", "pygments", "jinja2", "pygal",
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
                "ctgplan.status", "ctgplan.review"}
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
