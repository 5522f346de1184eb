"""The benchmark cases: each command as users run it, against its floor.

Layouts are the average and the realistic worst case: the shipped plan (19
actions), a 10,000-action plan with 1,000,000 values spread over its actions,
and one action holding 100,000 values in its own file (a long history), beside
the same action holding one value.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Envs:
    """The three environments: ctg installed from its wheel, a plain one, the peers'."""

    ctg: Path
    plain: Path
    peers: Path

    @property
    def python(self) -> str:
        """The interpreter of the ctg environment (it has ctg's dependencies)."""
        return str(self.ctg / "bin" / "python")

    @property
    def ctg_script(self) -> str:
        """The ``ctg`` command as installed."""
        return str(self.ctg / "bin" / "ctg")

    def peer(self, name: str) -> str:
        """A peer's command."""
        return str(self.peers / "bin" / name)


@dataclass
class Case:
    """A command timed against a floor (and, optionally, against peers doing the same job)."""

    name: str
    command: list[str]
    floor_name: str
    floor: list[str]
    target: float | None
    cwd: Path
    before: Callable[[], None] | None = None
    """Run before each timed run of the case (to empty a cache, say)."""
    env: dict[str, str] | None = None
    stdout: Path | None = None
    """Where the command's output goes (``> file``); else /dev/null."""
    peers: list[tuple[str, list[str]]] = field(default_factory=list)
    memory_target: float | None = None
    """Most peak memory, as a multiple of the floor's."""


DEPS_FLOOR = "import typer, pydantic, rich.table"
DEPS_AS_USED = ("import typer, rich.console, rich.table, pydantic\n"
                "class Model(pydantic.BaseModel):\n    name: str = ''")
"""The dependencies as a warm ``ctg list`` must use them: Typer, rich's console and
table, and pydantic's models (the plan is made of them); shown to say what is left."""


def startup_cases(envs: Envs, work: Path, root: Path, actions: int, warm_cache: Path
                  ) -> list[Case]:
    """Commands on small data, where start-up is most of the time."""
    ctg = envs.ctg_script
    warm = {"CTG_CACHE_DIR": str(warm_cache)}
    cold_cache = work / "cache-cold"
    cold = {"CTG_CACHE_DIR": str(cold_cache)}
    french = {**warm, "CTG_LANG": "fr"}

    def clear_cold() -> None:
        shutil.rmtree(cold_cache, ignore_errors=True)

    small = work / "small"
    (small / "data").mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "data" / "plan.yaml", small / "data" / "plan.yaml")
    schema = work / "plan.schema.json"
    schema.write_text(subprocess.run([ctg, "schema"], capture_output=True, text=True,
                                     check=True).stdout, encoding="utf-8")
    passing = [str(envs.plain / "bin" / "python"), "-c", "pass"]
    deps = [envs.python, "-c", DEPS_FLOOR]
    deps_name = f'python -c "{DEPS_FLOOR}"'
    big_plan = work / "big" / "data" / "plan.yaml"
    record = ["record", "PAR-2", "QT1", "7", "--year", "2026", "--replace", "--reason",
              "bench", "--by", "bench", "--plan"]
    plans = {name: work / name / "data" / "plan.yaml"
             for name in ("record-one", "record-long", "record-spread")}
    for plan in (small / "data" / "plan.yaml", *plans.values(), big_plan):
        # prime the cache, as a coordinator's machine would be
        subprocess.run([ctg, "check", "--plan", str(plan)], env={**os.environ, **warm},
                       capture_output=True, check=False)
    used = [envs.python, "-c", DEPS_AS_USED]
    used_name = "python -c \"import typer, rich.console, rich.table; a pydantic model\""
    return [
        Case("ctg --help", [ctg, "--help"], "python -c pass", passing, 5, small, env=warm),
        Case("ctg --help, the page not cached (CTG_NO_CACHE=1)", [ctg, "--help"],
             "python -c pass", passing, None, small, env={"CTG_NO_CACHE": "1"}),
        Case('python -c "import typer" (the floor of a Typer command line)',
             [envs.python, "-c", "import typer"], "python -c pass", passing, None, small),
        Case("ctg --help (CTG_LANG=fr)", [ctg, "--help"], "python -c pass", passing, 5, small,
             env=french),
        Case("ctg list --theme PARENTALITE", [ctg, "list", "--theme", "PARENTALITE"],
             deps_name, deps, 1.3, small, env=warm),
        Case("ctg list --theme PARENTALITE (CTG_LANG=fr)",
             [ctg, "list", "--theme", "PARENTALITE"], deps_name, deps, 1.3, small, env=french),
        Case("ctg show PAR-2", [ctg, "show", "PAR-2"], deps_name, deps, 1.3, small, env=warm),
        Case("ctg list --theme PARENTALITE, against the dependencies as used",
             [ctg, "list", "--theme", "PARENTALITE"], used_name, used, None, small, env=warm),
        Case("ctg check (shipped plan, warm)", [ctg, "check"], deps_name, deps, 1.3, small,
             env=warm),
        Case("ctg report --year 2026, html (shipped plan)",
             [ctg, "report", "--year", "2026", "-o", str(work / "bilan.html")],
             "ctg list (shipped plan, warm: the same start-up and plan)", [ctg, "list"], 3,
             small, env=warm),
        Case("ctg check (shipped plan, no cache)", [ctg, "check"], "check-jsonschema",
             [envs.peer("check-jsonschema"), "--schemafile", str(schema), "data/plan.yaml"],
             1.0, small, before=clear_cold, env=cold,
             peers=[("yamllint", [envs.peer("yamllint"), "-f", "parsable",
                                  "data/plan.yaml"])]),
        Case("ctg record, one action holding 100,000 values",
             [ctg, *record, str(plans["record-long"])], "ctg record, the action holding one "
             "value", [ctg, *record, str(plans["record-one"])], 1.2, work, env=warm),
        Case("ctg record, 100,000 values spread over 19 actions",
             [ctg, *record, str(plans["record-spread"])], "ctg record, the action holding one "
             "value", [ctg, *record, str(plans["record-one"])], 1.2, work, env=warm),
        Case(f"ctg list --year 2027, {actions:,}-action plan, warm",
             [ctg, "list", "--year", "2027", "--plan", str(big_plan)],
             "json.loads of the plan",
             [envs.python, "-m", "bench.floors", "plainjson", str(work / "big-plan.json")],
             3, root, env=warm),
        Case(f"ctg list --year 2027, {actions:,}-action plan, warm, against the "
             "dependencies as used",
             [ctg, "list", "--year", "2027", "--plan", str(big_plan)],
             "import typer and rich, json.loads of the plan, rich's layout of the 200 rows",
             [envs.python, "-m", "bench.floors", "listing", str(work / "big-plan.json"),
              "2027"], None, root, env=warm),
    ]


def large_cases(envs: Envs, work: Path, root: Path, actions: int, warm_cache: Path
                ) -> list[Case]:
    """Commands on the large data set: parsing, checking, listing the history."""
    ctg = envs.ctg_script
    warm = {"CTG_CACHE_DIR": str(warm_cache)}
    cold_cache = work / "cache-cold"
    cold = {"CTG_CACHE_DIR": str(cold_cache)}

    def clear_cold() -> None:
        shutil.rmtree(cold_cache, ignore_errors=True)

    big_plan = work / "big" / "data" / "plan.yaml"
    big = big_plan.parent
    spread = work / "record-spread" / "data" / "plan.yaml"  # made by startup_cases
    alone = work / "plan-alone" / "data" / "plan.yaml"
    alone.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(big_plan, alone)
    schema = work / "plan.schema.json"
    yaml_floor = [envs.python, "-m", "bench.floors", "yaml", str(big)]
    json_floor = [envs.python, "-m", "bench.floors", "json", str(work / "big.json")]
    if not (work / "diff").exists():
        subprocess.run([envs.python, "-m", "bench.diffcase", "write", str(work / "diff"),
                        "--actions", str(actions)], cwd=root, check=True)
    two_plans = [str(work / "diff" / "old.yaml"), str(work / "diff" / "new.yaml")]
    table, imported = work / "import" / "table.tsv", work / "import" / "data" / "plan.yaml"
    imported.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([envs.python, "-m", "bench.importcase", str(table), str(actions)], cwd=root,
                   check=True)
    subprocess.run([ctg, "import", str(table), "-o", str(imported), "--force"],
                   capture_output=True, check=True)
    values = "1,000,000 values" if actions == 10_000 else f"{actions * 100:,} values"
    return [
        Case(f"ctg check, cold ({actions:,} actions, {values})",
             [ctg, "check", "--plan", str(big_plan)], "PyYAML C loader, gc paused",
             yaml_floor, 0.9, root, before=clear_cold, env=cold),
        Case("ctg check, warm (nothing changed)", [ctg, "check", "--plan", str(big_plan)],
             "json.loads of the same data", json_floor, 5, root, env=warm),
        Case(f"ctg check, cold, the {actions:,}-action plan alone",
             [ctg, "check", "--plan", str(alone)], "PyYAML C loader, gc paused",
             [envs.python, "-m", "bench.floors", "yaml", str(alone.parent)], None, root,
             before=clear_cold, env=cold,
             peers=[("check-jsonschema", [envs.peer("check-jsonschema"), "--schemafile",
                                          str(schema), str(alone)]),
                    ("yamllint", [envs.peer("yamllint"), "-f", "parsable", str(alone)])]),
        Case(f"ctg history --format json, warm, {values}",
             [ctg, "history", "--format", "json", "--plan", str(big_plan)],
             "json.loads of the same data", json_floor, 2, root, env=warm, memory_target=2),
        Case(f"ctg history --format json, warm, {values}, against reading and writing json",
             [ctg, "history", "--format", "json", "--plan", str(big_plan)],
             "json.loads of the same data, then json.dumps of every record",
             [envs.python, "-m", "bench.floors", "jsonround", str(work / "big.json")], None,
             root, env=warm),
        Case(f"ctg history --format csv > file, cold, {values}",
             [ctg, "history", "--format", "csv", "--plan", str(big_plan)],
             "PyYAML C loader, gc paused", yaml_floor, 1.1, root, before=clear_cold,
             env=cold, stdout=work / "history.csv"),
        Case("ctg history --format csv > file, cold, 100,000 values in 19 files (memory: "
             "against the row above)",
             [ctg, "history", "--format", "csv", "--plan", str(spread)],
             "PyYAML C loader, gc paused", [envs.python, "-m", "bench.floors", "yaml",
                                            str(spread.parent)], None, root,
             before=clear_cold, env=cold, stdout=work / "history-spread.csv"),
        *(Case(f"ctg report --year 2026, {kind}, {values}",
               [ctg, "report", "--year", "2026", "--format", kind, "-o",
                str(work / f"bilan.{kind}"), "--plan", str(big_plan)],
               "json.loads of the same data", json_floor, None, root, env=warm)
          for kind in ("html", "xlsx", "json")),
        Case(f"ctg import, a {actions:,}-action table (TSV)",
             [ctg, "import", str(table), "-o", str(imported), "--force"],
             "ctg check, cold, of the plan it writes",
             [ctg, "check", "--plan", str(imported)], None, root, env={"CTG_NO_CACHE": "1"}),
        Case(f"ctg diff, two {actions:,}-action plans", [ctg, "diff", *two_plans],
             "loading both plans", [envs.python, "-m", "bench.diffcase", "load", *two_plans],
             1.5, root, env=cold),
    ]
