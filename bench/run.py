"""Run the benchmarks and write a Markdown table of medians and ratios.

    python -m bench.run            # full: 10,000 actions, 1,000,000 values (~25 min)
    python -m bench.run --quick    # 1,000 actions, 100,000 values (~3 min)

ctg is measured as users run it: the wheel is built and installed into a fresh
virtual environment (not an editable install, whose import hook slows down the
interpreter itself). Every case is timed against a floor measured in the same
run, the runs of a case and of its floor interleaved, so that the ratio holds on
a busy machine where absolute times do not; every case also gives its ratio to
``python -c pass`` run by a plain interpreter (a virtual environment without ctg)
and the peak memory of the command and of its floor. The peers (check-jsonschema,
yamllint) run from a third environment on the same files. Results go to stdout
and to bench/results.md.
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
from dataclasses import dataclass, field
from pathlib import Path

from bench.cases import Case, Envs, large_cases, startup_cases

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def run_once(command: list[str], env: dict[str, str], cwd: Path,
             stdout: Path | None = None) -> tuple[float, int]:
    """Run a command to completion: seconds and peak resident memory (KiB) of the child."""
    sink = stdout.open("wb") if stdout else subprocess.DEVNULL
    try:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=sink,
                                   stderr=subprocess.PIPE)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
    finally:
        if stdout:
            sink.close()  # type: ignore[union-attr]
    stderr = process.stderr.read().decode() if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({code}): {stderr}")
    peak = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return elapsed, peak


@dataclass
class Timing:
    """Wall-clock seconds and peak memory (KiB) of the runs of one command."""

    seconds: list[float] = field(default_factory=list)
    peak_kib: int = 0

    @property
    def median(self) -> float:
        """The median time."""
        return statistics.median(self.seconds) if self.seconds else float("nan")

    def add(self, seconds: float, kib: int) -> None:
        """One more run."""
        self.seconds.append(seconds)
        self.peak_kib = max(self.peak_kib, kib)


@dataclass
class Result:
    """What a case measured: itself, its floor, its peers."""

    case: Case
    timing: Timing = field(default_factory=Timing)
    floor: Timing = field(default_factory=Timing)
    peers: dict[str, Timing] = field(default_factory=dict)


def measure(cases: list[Case], repeat: int, passing: list[str], plain: Timing,
            peer_repeat: int) -> list[Result]:
    """Time every case, its floor and ``python -c pass`` ``repeat`` times, interleaved."""
    base = dict(os.environ)
    results = [Result(case) for case in cases]
    for round_ in range(repeat):
        for result in results:
            case = result.case
            env = {**base, **(case.env or {})}
            plain.add(*run_once(passing, base, ROOT))
            result.floor.add(*run_once(case.floor, env, case.cwd))
            if case.before:
                case.before()
            result.timing.add(*run_once(case.command, env, case.cwd, case.stdout))
            if round_ < peer_repeat:
                for name, command in case.peers:
                    result.peers.setdefault(name, Timing()).add(
                        *run_once(command, env, case.cwd))
        sys.stderr.write(f"round {round_ + 1}/{repeat} done\n")
    return results


def _mb(kib: int) -> str:
    return f"{kib / 1024:.0f} MB"


def table(results: list[Result], plain: Timing) -> str:
    """The Markdown tables: cases against floors, then against peers."""
    lines = [
        "| case | median | peak memory | floor | floor median | floor memory | ratio | goal "
        "| met | vs `python -c pass` |",
        "|---|---:|---:|---|---:|---:|---:|---:|:-:|---:|",
    ]
    for r in results:
        case = r.case
        ratio = r.timing.median / r.floor.median
        memory = r.timing.peak_kib / max(r.floor.peak_kib, 1)
        goals = []
        met = []
        if case.target is not None:
            goals.append(f"<= {case.target:g}x")
            met.append(ratio <= case.target)
        if case.memory_target is not None:
            goals.append(f"memory <= {case.memory_target:g}x ({memory:.2f}x)")
            met.append(memory <= case.memory_target)
        verdict = "" if not met else ("yes" if all(met) else "**no**")
        lines.append(
            f"| {case.name} | {r.timing.median:.3f} s | {_mb(r.timing.peak_kib)} "
            f"| {case.floor_name} | {r.floor.median:.3f} s | {_mb(r.floor.peak_kib)} "
            f"| {ratio:.2f}x | {', '.join(goals)} | {verdict} "
            f"| {r.timing.median / plain.median:.1f}x |")
    lines += ["", f"`python -c pass` (plain interpreter, no ctg): median {plain.median:.3f} s "
              f"over {len(plain.seconds)} runs, {_mb(plain.peak_kib)}.", ""]
    peers = [r for r in results if r.peers]
    if peers:
        lines += ["| case | ctg median | ctg memory | peer | peer median | peer memory "
                  "| ctg / peer |", "|---|---:|---:|---|---:|---:|---:|"]
        for r in peers:
            for name, timing in r.peers.items():
                lines.append(
                    f"| {r.case.name} | {r.timing.median:.3f} s | {_mb(r.timing.peak_kib)} "
                    f"| {name} | {timing.median:.3f} s | {_mb(timing.peak_kib)} "
                    f"| {r.timing.median / timing.median:.2f}x |")
    return "\n".join(lines) + "\n"


def environments(work: Path) -> Envs:
    """Build the wheel; make the ctg, plain and peers environments."""
    dist = work / "dist"
    source = work / "source"  # a clean copy: no stale build/ folder can reach the wheel
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache"))
    subprocess.run([PY, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(dist), str(source)], check=True, cwd=work)
    wheel = next(dist.glob("ctgplan-*.whl"))
    envs = Envs(work / "venv-ctg", work / "venv-plain", work / "venv-peers")
    subprocess.run([PY, "-m", "venv", "--without-pip", str(envs.plain)], check=True)
    for folder, packages in ((envs.ctg, [str(wheel)]),
                             (envs.peers, ["check-jsonschema", "yamllint"])):
        subprocess.run([PY, "-m", "venv", str(folder)], check=True)
        subprocess.run([str(folder / "bin" / "python"), "-m", "pip", "install", "-q",
                        "--disable-pip-version-check", *packages], check=True)
    return envs


def main() -> None:
    """Prepare the environments and the data, run every case, write the table."""
    parser = argparse.ArgumentParser(description="ctg benchmarks")
    parser.add_argument("--quick", action="store_true", help="smaller data, fewer runs")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument("--only", default="", help="run only the cases whose name has this")
    parser.add_argument("--data", type=Path, help="reuse the large data set of an earlier "
                        "bench.prepare (its big/ and big.json, same sizes)")
    parser.add_argument("--warm-cache", type=Path, help="the warm cache folder (one already "
                        "filled for --data by the same code saves a cold check)")
    parser.add_argument("--skip", default="", help="leave out the cases whose name has one "
                        "of these comma-separated words")
    parser.add_argument("--actions", type=int, help="actions of the large plan")
    parser.add_argument("--values", type=int, help="values of the large data set")
    parser.add_argument("--repeat", type=int, nargs=2, metavar=("STARTUP", "LARGE"),
                        help="runs of each start-up and large case")
    args = parser.parse_args()
    actions, values = (1_000, 100_000) if args.quick else (10_000, 1_000_000)
    actions, values = args.actions or actions, args.values or values
    small_repeat, large_repeat = args.repeat or ((7, 2) if args.quick else (21, 3))

    work = Path(tempfile.mkdtemp(prefix="ctg-bench-"))
    try:
        started = time.perf_counter()
        envs = environments(work)
        if args.data:  # the data is deterministic, generating it takes minutes
            (work / "big").symlink_to(args.data.resolve() / "big")
            (work / "big.json").symlink_to(args.data.resolve() / "big.json")
        # In a separate process: this one stays small, so that the peak memory of each
        # command it starts is that command's own.
        subprocess.run([str(envs.python), "-m", "bench.prepare", str(work), str(actions),
                        str(values)], cwd=ROOT, check=True)
        generated = time.perf_counter() - started
        warm_cache = args.warm_cache or work / "cache-warm"
        startup = startup_cases(envs, work, ROOT, actions, warm_cache)
        large = large_cases(envs, work, ROOT, actions, warm_cache)
        skipped = [word for word in args.skip.split(",") if word]
        startup, large = ([c for c in cases if args.only in c.name
                           and not any(word in c.name for word in skipped)]
                          for cases in (startup, large))
        plain = Timing()
        passing = [str(envs.plain / "bin" / "python"), "-c", "pass"]
        results = measure(startup, small_repeat, passing, plain, peer_repeat=3)
        results += measure(large, large_repeat, passing, plain, peer_repeat=1)
        load = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    head = (f"Run on {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, "
            f"{os.cpu_count()} cores, load average at the end {load[0]:.1f} / {load[1]:.1f} / "
            f"{load[2]:.1f} (1, 5, 15 min); data: {actions:,} actions, {values:,} values "
            f"(environments and data made in {generated:.0f} s); medians of {small_repeat} "
            f"runs (start-up) and {large_repeat} runs (large), each interleaved with its floor "
            "and with `python -c pass`; peers run 3 times (start-up) and once (large).\n\n")
    text = head + table(results, plain)
    args.out.write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
