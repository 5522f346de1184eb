"""Finding the plan file: --plan, else $CTG_PLAN, else data/plan.yaml up the folders."""

from __future__ import annotations

import os
from pathlib import Path

from ctgplan.i18n import _
from ctgplan.problems import CtgError

DEFAULT_RELATIVE = Path("data") / "plan.yaml"
ENV_VAR = "CTG_PLAN"


def find_plan(explicit: Path | None, *, start: Path | None = None) -> Path:
    """The plan to use: the one given, else $CTG_PLAN, else the nearest data/plan.yaml.

    The search looks in ``start`` (the current folder) and then in each parent, the
    way git finds its repository.
    """
    if explicit is not None:
        return explicit
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / DEFAULT_RELATIVE
        if candidate.is_file():
            return _relative(candidate, here)
    raise CtgError(_(
        "no plan found: there is no {default} in {here} or its parents. Run ctg from the "
        "plan's repository, or give the file with --plan PATH or the {variable} environment "
        "variable").format(default=DEFAULT_RELATIVE.as_posix(), here=here, variable=ENV_VAR))


def _relative(path: Path, here: Path) -> Path:
    """``path`` relative to the current folder when that is shorter (as git shows paths)."""
    try:
        return Path(os.path.relpath(path, here))
    except ValueError:  # another drive on Windows
        return path
