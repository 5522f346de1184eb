"""Run the benchmarks and write a Markdown table of medians and ratios.

    python -m bench.run            # full: 10,000 actions, 1,000,000 values (~10 min)
    python -m bench.run --quick    # 1,000 actions, 100,000 values (~1 min)

Every case is timed against a floor measured in the same run, the runs of a
case and its floor interleaved, so that the ratio holds on a busy machine where
absolute times do not. Results go to stdout and to bench/results.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CTG = str(Path(PY).with_name("ctg"))


@dataclass
class Timing:
    """Wall-clock seconds and peak memory (KiB) of the runs of one command."""

    seconds: list[float]
    peak_kib: int

    @property
    def median(self) -> float:
        """The median time."""
        return statistics.median(self.seconds)


def run_once(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int]:
    """Run a command to completion: seconds and peak resident memory (KiB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read().decode() if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({code}): {stderr}")
    peak = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return elapsed, peak


@dataclass
class Case:
    """A command timed against a floor."""

    name: str
    command: list[str]
    floor_name: str
    floor: list[str]
    target: float | None
    cwd: Path
    before: Callable[[], None] | None = None
    """Run before each timed run of the case (to empty a cache, say)."""
    env: dict[str, str] | None = None


def measure(cases: list[Case], repeat: int) -> list[tuple[Case, Timing, Timing]]:
    """Time every case and its floor ``repeat`` times, interleaved."""
    base = dict(os.environ)
    results: dict[int, tuple[list[float], list[float], int, int]] = {
        i: ([], [], 0, 0) for i in range(len(cases))}
    for _round in range(repeat):
        for i, case in enumerate(cases):
            env = {**base, **(case.env or {})}
            floor_s, floor_kib = run_once(case.floor, env, case.cwd)
            if case.before:
                case.before()
            case_s, case_kib = run_once(case.command, env, case.cwd)
            times, floors, peak, floor_peak = results[i]
            times.append(case_s)
            floors.append(floor_s)
            results[i] = (times, floors, max(peak, case_kib), max(floor_peak, floor_kib))
    return [(case, Timing(results[i][0], results[i][2]), Timing(results[i][1], results[i][3]))
            for i, case in enumerate(cases)]


def main() -> None:
    """Prepare the data, run every case, write the table."""
    parser = argparse.ArgumentParser(description="ctg benchmarks")
    parser.add_argument("--quick", action="store_true", help="smaller data, fewer runs")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    args = parser.parse_args()
    actions, values = (1_000, 100_000) if args.quick else (10_000, 1_000_000)
    small_repeat, large_repeat = (7, 2) if args.quick else (21, 3)

    work = Path(tempfile.mkdtemp(prefix="ctg-bench-"))
    cold_cache = work / "cache-cold"
    warm_cache = work / "cache-warm"
    try:
        small = work / "small"
        (small / "data").mkdir(parents=True)
        shutil.copy(ROOT / "data" / "plan.yaml", small / "data" / "plan.yaml")
        schema = work / "plan.schema.json"
        schema.write_text(subprocess.run([CTG, "schema"], capture_output=True, text=True,
                                         check=True).stdout, encoding="utf-8")
        started = time.perf_counter()
        # In a separate process: this one stays small, so that the peak memory of each
        # command it starts is that command's own.
        subprocess.run([PY, "-m", "bench.prepare", str(work), str(actions), str(values)],
                       cwd=ROOT, check=True)
        generated = time.perf_counter() - started
        big_plan = work / "big" / "data" / "plan.yaml"
        big = big_plan.parent
        empty = work / "record-empty" / "data" / "plan.yaml"
        full = work / "record-full" / "data" / "plan.yaml"
        warm = {"CTG_CACHE_DIR": str(warm_cache)}
        for plan in (empty, full):  # prime the cache, as a coordinator's machine would be
            subprocess.run([CTG, "check", "--plan", str(plan)], env={**os.environ, **warm},
                           capture_output=True, check=False)

        def clear_cold() -> None:
            shutil.rmtree(cold_cache, ignore_errors=True)

        cold = {"CTG_CACHE_DIR": str(cold_cache)}
        passing = [PY, "-c", "pass"]
        record = ["record", "PAR-2", "QT1", "7", "--year", "2026", "--replace", "--reason",
                  "bench", "--by", "bench", "--plan"]
        startup = [
            Case("ctg --help", [CTG, "--help"], "python -c pass", passing, 7, small, env=warm),
            Case("ctg list --theme PARENTALITE", [CTG, "list", "--theme", "PARENTALITE"],
                 "python -c pass", passing, 15, small, env=warm),
            Case("ctg show PAR-2", [CTG, "show", "PAR-2"], "python -c pass", passing, None,
                 small, env=warm),
            Case("ctg check (shipped plan)", [CTG, "check"], "python -c pass", passing, None,
                 small, env=warm),
            Case("ctg report --year 2026, html (shipped plan)",
                 [CTG, "report", "--year", "2026", "-o", str(work / "bilan.html")],
                 "ctg check (shipped plan)", [CTG, "check"], 3, small, env=warm),
            Case("ctg check (shipped plan, no cache)", [CTG, "check"], "check-jsonschema",
                 [str(Path(PY).with_name("check-jsonschema")), "--schemafile", str(schema),
                  "data/plan.yaml"], 1.0, small, before=clear_cold, env=cold),
            Case("ctg record, 100,000-record history",
                 [CTG, *record, str(full)], "ctg record, empty history",
                 [CTG, *record, str(empty)], 1.2, work, env=warm),
            Case(f"ctg list, {values:,} values beside the plan",
                 [CTG, "list", "--theme", "PARENTALITE", "--plan", str(big_plan)],
                 "ctg list, same plan, no values",
                 [CTG, "list", "--theme", "PARENTALITE", "--plan",
                  str(big_plan.with_name("plan-alone.yaml"))], 1.1, work, env=warm),
        ]
        shutil.copy(big_plan, big_plan.with_name("plan-alone.yaml"))
        history = ["history", "--indicator", "QT1", "--year", "2026", "--format", "csv"]
        large = [
            Case(f"ctg check, cold ({actions:,} actions, {values:,} values)",
                 [CTG, "check", "--plan", str(big_plan)], "PyYAML C loader, gc paused",
                 [PY, "-m", "bench.floors", "yaml", str(big)], 1.15, ROOT, before=clear_cold,
                 env=cold),
            Case("ctg check, warm (nothing changed)", [CTG, "check", "--plan", str(big_plan)],
                 "json.loads of the same data",
                 [PY, "-m", "bench.floors", "json", str(work / "big.json")], 5, ROOT,
                 env=warm),
            Case("ctg history, cold", [CTG, *history, "--plan", str(big_plan)],
                 "PyYAML C loader, gc paused",
                 [PY, "-m", "bench.floors", "yaml", str(big)], None, ROOT, before=clear_cold,
                 env=cold),
            Case("ctg history, warm", [CTG, *history, "--plan", str(big_plan)],
                 "json.loads of the same data",
                 [PY, "-m", "bench.floors", "json", str(work / "big.json")], 5, ROOT,
                 env=warm),
        ]
        subprocess.run([PY, "-m", "bench.diffcase", "write", str(work / "diff"), "--actions",
                        str(actions)], cwd=ROOT, check=True)
        two_plans = [str(work / "diff" / "old.yaml"), str(work / "diff" / "new.yaml")]
        large.append(Case(f"ctg diff, two {actions:,}-action plans", [CTG, "diff", *two_plans],
                          "loading both plans", [PY, "-m", "bench.diffcase", "load",
                                                 *two_plans], 1.5, ROOT, env=cold))
        check_warm = [CTG, "check", "--plan", str(big_plan)]
        for fmt in ("json", "html", "xlsx"):
            large.append(Case(
                f"ctg report --year 2026, {fmt}", [CTG, "report", "--year", "2026", "-o",
                                                   str(work / f"bilan.{fmt}"), "--plan",
                                                   str(big_plan)],
                "ctg check, warm", check_warm, 12, ROOT, env=warm))
        subprocess.run([CTG, "check", "--plan", str(big_plan)], cwd=ROOT,
                       env={**os.environ, **warm}, capture_output=True, check=False)
        subprocess.run([CTG, *history, "--plan", str(big_plan)], cwd=ROOT,
                       env={**os.environ, **warm}, capture_output=True, check=False)
        results = measure(startup, small_repeat) + measure(large, large_repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines = [
        f"Run on {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores; data: {actions:,} actions, {values:,} values "
        f"(generated in {generated:.0f} s); medians of {small_repeat} runs (startup) and "
        f"{large_repeat} runs (large), each interleaved with its floor.",
        "",
        "| case | median | peak memory | floor | floor median | ratio | target | met |",
        "|---|---:|---:|---|---:|---:|---:|:-:|",
    ]
    for case, timing, floor in results:
        ratio = timing.median / floor.median
        met = "" if case.target is None else ("yes" if ratio <= case.target else "**no**")
        target = "" if case.target is None else f"<= {case.target:g}x"
        lines.append(f"| {case.name} | {timing.median:.3f} s | {timing.peak_kib / 1024:.0f} MB "
                     f"| {case.floor_name} | {floor.median:.3f} s | {ratio:.2f}x | {target} "
                     f"| {met} |")
    table = "\n".join(lines) + "\n"
    args.out.write_text(table, encoding="utf-8")
    sys.stdout.write(table)


if __name__ == "__main__":
    main()
