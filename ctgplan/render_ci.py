"""Renderers of ``ctg check`` for forges: GitHub annotations and GitLab Code Quality.

Paths are made relative to the repository's root when the CI names it
(``$GITHUB_WORKSPACE``, ``$CI_PROJECT_DIR``: ``CheckReport.roots``), so that a
problem lands on the right file of the merge request even when ctg ran from a
sub-folder. One problem is one line (github) or one JSON object (gitlab), whatever
the file holds.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections import Counter
from typing import Any

from ctgplan.problems import Level
from ctgplan.render_base import Rendered, one_line
from ctgplan.render_check import CheckReport

ROOT_VARIABLES = {"github": "GITHUB_WORKSPACE", "gitlab": "CI_PROJECT_DIR"}
"""The environment variable that names the repository's root, per format."""


def repo_path(file: str, root: str | None, cwd: str) -> str:
    """``file`` (relative to ``cwd``, or absolute) relative to ``root``, with ``/``.

    Without a root, or for a file outside it, the path stays as given (``./`` dropped).
    Pure string work on the paths given: no file is read.
    """
    path = file.replace("\\", "/")
    if root:
        base, top = cwd.replace("\\", "/"), root.replace("\\", "/")
        given_absolute = path.startswith("/") or bool(_drive(path))
        absolute = posixpath.normpath(path if given_absolute else posixpath.join(base, path))
        if _drive(absolute) == _drive(top):
            relative = posixpath.relpath(absolute, top)
            if relative != ".." and not relative.startswith("../"):
                return relative
    return posixpath.normpath(path) if path.startswith("./") else path


def _drive(path: str) -> str:
    return path[:2].lower() if len(path) > 1 and path[1] == ":" else ""


def _escape_data(text: str) -> str:
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(report: CheckReport, *, color: bool = False, width: int = 100) -> Rendered:
    """GitHub Actions workflow commands: one annotation per problem, one line each."""
    root = report.roots.get("github")
    lines = []
    for p in report.result.problems:
        file = repo_path(p.file, root, report.cwd)
        lines.append(
            f"::{p.level.value} file={_escape_property(file)},line={p.line},col={p.col},"
            f"title={_escape_property(p.code)}::{_escape_data(p.message)}\n")
    return Rendered("".join(lines), report.summary + "\n")


SEVERITY = {Level.ERROR: "major", Level.WARNING: "minor"}
"""GitLab's severities (info, minor, major, critical, blocker) for ctg's levels."""
_LINE_REFERENCE = re.compile(r"\b(line|ligne)\s+\d+", re.IGNORECASE)


def fingerprint(path: str, code: str, message: str, occurrence: int) -> str:
    """A problem's identity for GitLab: unchanged when unrelated lines move.

    It hashes the file, the rule and the message with its references to other lines
    left out, never the problem's own line; ``occurrence`` tells apart identical
    problems of one file, in file order.
    """
    steady = _LINE_REFERENCE.sub(r"\1", message)
    material = "\0".join((path, code, steady, str(occurrence)))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def gitlab(report: CheckReport, *, color: bool = False, width: int = 100) -> Rendered:
    """GitLab Code Quality report (a ``codequality`` artifact shown on merge requests)."""
    root = report.roots.get("gitlab")
    seen: Counter[tuple[str, str, str]] = Counter()
    issues: list[dict[str, Any]] = []
    for p in report.result.problems:
        path = repo_path(p.file, root, report.cwd)
        same = (path, p.code, _LINE_REFERENCE.sub(r"\1", p.message))
        issues.append({
            "description": p.message,
            "check_name": p.code,
            "fingerprint": fingerprint(path, p.code, p.message, seen[same]),
            "severity": SEVERITY[p.level],
            "location": {"path": path, "lines": {"begin": max(p.line, 1)}},
        })
        seen[same] += 1
    return Rendered(json.dumps(issues, ensure_ascii=False, indent=2) + "\n",
                    report.summary + "\n")
