"""Floors for the large benchmarks: the fastest plain reads of the same data.

    python -m bench.floors yaml DATA_DIR    # PyYAML's C loader, garbage collector paused
    python -m bench.floors json FILE.json   # json.loads of the same data
    python -m bench.floors plainjson FILE.json   # json.loads of a file
    python -m bench.floors jsonround FILE.json   # json.loads of the data, every record dumped
    python -m bench.floors listing PLAN.json YEAR   # the plan's actions of YEAR laid out by rich
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path


def yaml_floor(folder: Path) -> int:
    """Parse the plan and every sidecar with the C loader; return the number of records."""
    import yaml

    gc.disable()
    count = 0
    for path in [folder / "plan.yaml", *sorted((folder / "measurements").glob("*.yaml"))]:
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=yaml.CSafeLoader)
        count += len(data) if isinstance(data, list) else 0
    return count


def json_floor(path: Path) -> int:
    """Load the same data from one JSON file; return the number of records."""
    gc.disable()
    data = json.loads(path.read_bytes())
    return sum(len(records) for records in data["measurements"].values())


def json_round(path: Path) -> int:
    """``json_floor``, then every record written back as json (one ``json.dumps``, compact,
    CPython's C encoder): the least any history in json must do; the number of records."""
    gc.disable()
    data = json.loads(path.read_bytes())
    records = [r for records in data["measurements"].values() for r in records]
    sys.stdout.write(json.dumps(records, ensure_ascii=False))
    return len(records)


def listing(path: Path, year: int) -> int:
    """What any ``list --year`` must do at least: import Typer and rich, ``json.loads`` the
    plan, keep the actions whose calendar covers ``year``, and lay out the first 200 of
    them (id, theme, action, lead, years) with rich at 100 columns; the number kept."""
    gc.disable()
    import io

    import typer  # noqa: F401  (the command line's own floor)
    from rich.console import Console
    from rich.table import Table

    plan = json.loads(path.read_bytes())
    themes = {t["id"]: t["label"] for t in plan["themes"]}
    partners = {p["id"]: p["name"] for p in plan["partners"]}
    kept = []
    for action in plan["actions"]:
        start, _dash, end = str(action["calendar"]).partition("-")
        if int(start) <= year <= int(end or start):
            kept.append(action)
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("ID", "Theme", "Action", "Lead", "Years"):
        table.add_column(column, overflow="fold")
    for action in kept[:200]:
        table.add_row(action["id"], themes[action["theme"]], action["action"],
                      partners[action["lead"]], str(action["calendar"]))
    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None, highlight=False, emoji=False,
            markup=False).print(table)
    sys.stdout.write(buffer.getvalue())
    return len(kept)


def main() -> None:
    """Command line: which floor, on what."""
    kind, target = sys.argv[1], Path(sys.argv[2])
    if kind == "plainjson":
        gc.disable()
        print(len(json.loads(target.read_bytes())))
    elif kind == "jsonround":
        json_round(target)
    elif kind == "listing":
        listing(target, int(sys.argv[3]))
    else:
        print(yaml_floor(target) if kind == "yaml" else json_floor(target))


if __name__ == "__main__":
    main()
