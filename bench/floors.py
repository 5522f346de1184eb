"""Floors for the large benchmarks: the fastest plain reads of the same data.

    python -m bench.floors yaml DATA_DIR    # PyYAML's C loader, garbage collector paused
    python -m bench.floors json FILE.json   # json.loads of the same data
    python -m bench.floors plainjson FILE.json   # json.loads of a file
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import yaml


def yaml_floor(folder: Path) -> int:
    """Parse the plan and every sidecar with the C loader; return the number of records."""
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


def main() -> None:
    """Command line: which floor, on what."""
    kind, target = sys.argv[1], Path(sys.argv[2])
    if kind == "plainjson":
        gc.disable()
        print(len(json.loads(target.read_bytes())))
    else:
        print(yaml_floor(target) if kind == "yaml" else json_floor(target))


if __name__ == "__main__":
    main()
