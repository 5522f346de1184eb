"""The `ctg diff` benchmark: two large plans, an amendment apart, and the floor.

    python -m bench.diffcase write OUT --actions 10000   # OUT/old.yaml, OUT/new.yaml
    python -m bench.diffcase load OLD NEW               # the floor: load both plans

The amendment rewords 1% of the actions, removes 0.5%, adds 50, sets targets on 2%
and renames two partners. The floor reads and validates both plans the way
`ctg diff` does (from text, no cache), so the ratio is the cost of the comparison
and the rendering on top of loading.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bench.generate import plan_text


def amended(text: str) -> str:
    """``text`` (a generated plan) with a realistic amendment applied."""
    blocks = re.split(r"(?m)^(?=  - id: [A-Z]+-\d+$)", text)
    head, actions = blocks[0], blocks[1:]
    head = head.replace('name: "CAF"', 'name: "Caisse d\'allocations familiales"')
    head = head.replace('name: "CCAS"', 'name: "Centre communal d\'action sociale"')
    kept = []
    for number, original in enumerate(actions):
        if number % 200 == 1:
            continue  # removed
        block = original
        if number % 100 == 0:
            block = re.sub(r'(?m)^(    action: ".*)"$', r'\1, en soirée"', block)
        if number % 50 == 7:
            block = re.sub(r"(?m)^(      - \{id: QT1, .*)\}$",
                           r"\1, direction: increase, targets: {2027: 10, 2028: 12}}", block)
        kept.append(block)
    last = actions[-1] if actions else ""
    for n in range(50):
        kept.append(re.sub(r"(?m)^  - id: ([A-Z]+)-\d+$", rf"  - id: \1-N{n}", last)
                    .replace("    action: \"", f"    action: \"Nouvelle action {n}: "))
    return head + "".join(kept)


def write(out: Path, actions: int) -> tuple[Path, Path]:
    """Write the old and the amended plan in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    text = plan_text(actions)
    old, new = out / "old.yaml", out / "new.yaml"
    old.write_text(text, encoding="utf-8", newline="\n")
    new.write_text(amended(text), encoding="utf-8", newline="\n")
    return old, new


def load(old: Path, new: Path) -> None:
    """Read and validate both plans as `ctg diff` does; fail if either has errors."""
    from ctgplan.plan_load import plan_from_text as load_plan_text

    for path in (old, new):
        result = load_plan_text(path.read_text(encoding="utf-8-sig"), path)
        if result.plan is None:
            raise SystemExit(f"{path}: {result.errors[0]}")


def main() -> None:
    """Command line: write the data, or time the floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    writing = sub.add_parser("write")
    writing.add_argument("out", type=Path)
    writing.add_argument("--actions", type=int, default=10_000)
    loading = sub.add_parser("load")
    loading.add_argument("old", type=Path)
    loading.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.out, args.actions)
    else:
        load(args.old, args.new)


if __name__ == "__main__":
    main()
