"""Where a plan's values and statuses live, and which files there are which.

``data/measurements/`` beside the plan holds one values file per action
(``<ACTION>.yaml``, :mod:`ctgplan.sidecar`) and one status file per action
(``<ACTION>.status.yaml``, :mod:`ctgplan.status_file`). Listing them needs no parser:
``ctg check`` lists them to know whether anything changed since its cached verdict.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

FOLDER = "measurements"
STATUS_SUFFIX = ".status.yaml"
OTHER_SUFFIXES = (STATUS_SUFFIX,)
"""Files of the folder that hold other records (``ctg status``), not values."""


def folder_for(plan_path: Path) -> Path:
    """Where the values and status files of the plan at ``plan_path`` live."""
    return plan_path.parent / FOLDER


def sidecar_path(plan_path: Path, action_id: str) -> Path:
    """The values file of one action."""
    return folder_for(plan_path) / f"{action_id}.yaml"


def sidecar_files(plan_path: Path) -> list[Path]:
    """Every values file, sorted by name (hidden and temporary files left out)."""
    folder = folder_for(plan_path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
                  and not p.name.endswith(OTHER_SUFFIXES) and p.is_file())


def sidecar_paths(plan_path: Path, only: Iterable[str] | None = None) -> list[Path]:
    """Every values file (``sidecar_files``), or those of the ``only`` actions that exist."""
    if only is None:
        return sidecar_files(plan_path)
    return [p for p in (sidecar_path(plan_path, a) for a in only) if p.exists()]


def status_files(plan_path: Path) -> list[Path]:
    """Every status file of the plan, sorted by name."""
    folder = folder_for(plan_path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.name.endswith(STATUS_SUFFIX) and not p.name.startswith(".")
                  and p.is_file())
