"""The files of a new plan repository, as ``ctg init`` creates them.

A territory keeps its plan in a repository of its own: the plan, the schema its editor
reads, the union merge of values files, a pre-commit hook and a CI job. The texts are
templates shipped in the package (``templates/repo``); this module fills them in and
writes what is missing, never replacing a file that exists (a forge often creates the
README), and adding the union-merge line to an existing ``.gitattributes``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from importlib.resources import files
from pathlib import Path
from string import Template

from ctgplan.i18n import _

SCHEMA_PATH = "schema/plan.schema.json"
PLAN_PATH = "data/plan.yaml"
UNION_LINE = "data/measurements/*.yaml merge=union"


class Forge(str, Enum):
    """Where the repository's CI runs."""

    GITLAB = "gitlab"
    GITHUB = "github"


@dataclass(frozen=True)
class Settings:
    """What the new repository says about its plan and where ctg is installed from."""

    territory: str
    title: str
    period: str
    adopted: dt.date
    package: str
    version: str
    forge: Forge | None = Forge.GITLAB


@dataclass(frozen=True)
class Written:
    """One file of the repository and what ``init`` did with it."""

    path: str
    outcome: str  # "created", "kept" (it existed), "completed" (a line was added)


def _template(name: str) -> str:
    return (files("ctgplan") / "templates" / "repo" / name).read_text(encoding="utf-8")


def schema_text() -> str:
    """The JSON Schema of the plan shipped with this version of ctg."""
    return (files("ctgplan") / "plan.schema.json").read_text(encoding="utf-8")


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (safe for any title or territory name)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def repository_files(settings: Settings, plan_text: str | None = None) -> dict[str, str]:
    """Path (relative, with /) -> content of every file of a new plan repository.

    ``plan_text`` replaces the empty commented plan (a plan imported from a table).
    """
    ci_names = {Forge.GITLAB: (".gitlab-ci.yml", "gitlab-ci.yml"),
                Forge.GITHUB: (".github/workflows/ctg.yml", "github-ci.yml")}
    values = {
        "territory": settings.territory,
        "title_yaml": _quote(settings.title),
        "territory_yaml": _quote(settings.territory),
        "period": settings.period,
        "adopted": settings.adopted.isoformat(),
        "package": settings.package.replace('"', '\\"'),
        "version": settings.version,
        "ci_line": "",
    }
    result: dict[str, str] = {}
    if settings.forge is not None:
        target, source = ci_names[settings.forge]
        result[target] = Template(_template(source)).substitute(values)
        values["ci_line"] = (f"- `{target}` : la vérification du plan à chaque envoi "
                             "(variable `CTG_PACKAGE` : d'où installer ctg).\n")
    result[PLAN_PATH] = (plan_text if plan_text is not None
                         else Template(_template("plan.yaml")).substitute(values))
    result[SCHEMA_PATH] = schema_text()
    result[".gitattributes"] = _template("gitattributes")
    result[".gitignore"] = _template("gitignore")
    result[".pre-commit-config.yaml"] = _template("pre-commit-config.yaml")
    result["README.md"] = Template(_template("README.md")).substitute(values)
    return dict(sorted(result.items()))


def create(folder: Path, contents: dict[str, str]) -> list[Written]:
    """Write the files missing in ``folder``; keep those that exist.

    An existing ``.gitattributes`` without the union-merge line gets it appended.
    """
    from ctgplan.files import write_atomic

    done: list[Written] = []
    for relative, text in contents.items():
        path = folder / relative
        if path.exists():
            if relative == ".gitattributes":
                old = path.read_text(encoding="utf-8-sig")
                if UNION_LINE not in old.splitlines():
                    joined = old + ("" if old.endswith("\n") or not old else "\n") + (
                        "# " + _("Values recorded by ctg record merge line by line") + "\n"
                        + UNION_LINE + "\n")
                    write_atomic(path, joined.encode("utf-8"))
                    done.append(Written(relative, "completed"))
                    continue
            done.append(Written(relative, "kept"))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
        done.append(Written(relative, "created"))
    return done
