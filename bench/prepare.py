"""Prepare the benchmark data (run by bench.run in its own process).

    python -m bench.prepare WORK_DIR ACTIONS VALUES
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import yaml

from bench.generate import write_dataset

ROOT = Path(__file__).resolve().parent.parent


def json_copy(data_dir: Path, out: Path) -> None:
    """The plan and sidecars as one JSON file, for the json.loads floor."""
    plan = yaml.load((data_dir / "plan.yaml").read_text(encoding="utf-8"),
                     Loader=yaml.CSafeLoader)
    measurements = {}
    for path in sorted((data_dir / "measurements").glob("*.yaml")):
        measurements[path.stem] = yaml.load(path.read_text(encoding="utf-8"),
                                            Loader=yaml.CSafeLoader)
    out.write_text(json.dumps({"plan": plan, "measurements": measurements}, default=str,
                              ensure_ascii=False), encoding="utf-8")


def history_records(plan: Path, count: int, *, only: str | None = None) -> None:
    """Fill the shipped plan's sidecars with ``count`` valid records (for ctg record).

    The records are spread over every action, or all in the file of the ``only`` action.
    """
    from ctgplan import data_folder, sidecar
    from ctgplan.reading import load_plan

    loaded = load_plan(plan).plan
    assert loaded is not None
    folder = data_folder.folder_for(plan)
    folder.mkdir(exist_ok=True)
    chosen = [a for a in loaded.actions if only is None or a.id == only]
    per_action = count // len(chosen)
    for number, action in enumerate(chosen):
        wanted = per_action + (1 if number < count - per_action * len(chosen) else 0)
        indicator = action.indicators[0]
        blocks = [sidecar.format_record(sidecar.Record(
            action=action.id, indicator=indicator.id, period=action.calendar.start,
            value=1, recorded_by="bench", recorded_at="2026-01-01T00:00:00Z",
            replaces=None if n == 0 else f"correction {n}")) for n in range(wanted)]
        (folder / f"{action.id}.yaml").write_text(
            sidecar.HEADER.format(action=action.id) + "".join(blocks), encoding="utf-8")


def main() -> None:
    """Write the large data set, its JSON copies and the record histories."""
    work, actions, values = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    big_plan = work / "big" / "data" / "plan.yaml"
    if not (work / "big.json").exists():  # else given by bench.run --data (same generator)
        big_plan = write_dataset(work / "big", actions, values)
        json_copy(big_plan.parent, work / "big.json")
    plan_data = yaml.load(big_plan.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    (work / "big-plan.json").write_text(json.dumps(plan_data, default=str, ensure_ascii=False),
                                        encoding="utf-8")
    layouts = (("record-one", 1, "PAR-2"), ("record-long", 100_000, "PAR-2"),
               ("record-spread", 100_000, None))
    for name, count, only in layouts:
        plan = work / name / "data" / "plan.yaml"
        plan.parent.mkdir(parents=True)
        shutil.copy(ROOT / "data" / "plan.yaml", plan)
        history_records(plan, count, only=only)


if __name__ == "__main__":
    main()
