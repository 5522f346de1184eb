"""The plan and its recorded values at a git revision, or in a file, without a checkout.

A revision is read with ``git show REV:PATH`` (PATH relative to the repository's top
folder), its sidecars with ``git ls-tree`` and ``git cat-file --batch``; nothing is
checked out and the working tree is never touched. A file path is read from disk.
"""

from __future__ import annotations

import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ctgplan.i18n import _
from ctgplan.problems import CtgError

_SIDECAR_FOLDER = "measurements"
"""Where sidecars live beside the plan (``ctgplan.store.FOLDER``)."""


@dataclass(frozen=True)
class Source:
    """Where one side of a comparison comes from.

    ``revision`` is None for a file on disk (the working tree's plan, or any plan file);
    ``path`` is the plan's path as the user sees it; ``repo_path`` its path inside the
    repository (for a revision).
    """

    revision: str | None
    path: Path
    repo_path: str | None = None
    root: Path | None = None
    worktree: bool = False
    """True for the plan of the working tree (no revision, no file named)."""


def _git(args: list[str], cwd: Path, *, stdin: bytes | None = None
         ) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True,
                              check=False)
    except FileNotFoundError:
        raise CtgError(_("git is not installed (or not on the PATH): ctg diff reads "
                         "revisions with git; install it, or compare two plan files "
                         "(ctg diff OLD.yaml NEW.yaml)")) from None


def _folder(plan: Path) -> Path:
    folder = plan.resolve().parent
    return folder if folder.is_dir() else Path.cwd()


def repo_root(plan: Path) -> Path:
    """The top folder of the git repository holding ``plan``."""
    done = _git(["rev-parse", "--show-toplevel"], _folder(plan))
    if done.returncode != 0:
        raise CtgError(_("{folder} is not in a git repository: ctg diff compares revisions "
                         "of a plan kept in git; to compare two plan files, give both "
                         "(ctg diff OLD.yaml NEW.yaml)").format(folder=_folder(plan)))
    return Path(done.stdout.decode("utf-8").strip())


def locate(spec: str | None, plan: Path) -> Source:
    """The source named by ``spec``: None is the working tree, a file path is that file,
    anything else a git revision of the repository holding ``plan``."""
    if spec is None:
        return Source(None, plan, worktree=True)
    if Path(spec).is_file():
        return Source(None, Path(spec))
    root = repo_root(plan)
    done = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}"],
                root)
    if done.returncode != 0:
        raise CtgError(_("'{spec}' is neither a plan file nor a revision of the repository "
                         "in {root}: give a commit, branch or tag (git log --oneline lists "
                         "them) or the path of a plan file").format(spec=spec, root=root))
    try:
        inside = plan.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise CtgError(_("{plan} is outside the git repository in {root}: run ctg diff from "
                         "the plan's repository").format(plan=plan, root=root)) from None
    return Source(spec, plan, inside, root)


def read_plan(source: Source) -> str:
    """The plan's text from ``source`` (UTF-8, BOM accepted)."""
    from ctgplan.files import MAX_BYTES, read_text

    if source.revision is None:
        text, problems = read_text(source.path)
        if text is None:
            first = problems[0]
            raise CtgError(f"{first.file}:{first.line}:{first.col}: {first.message}")
        return text
    assert source.root is not None and source.repo_path is not None
    done = _git(["show", f"{source.revision}:{source.repo_path}"], source.root)
    if done.returncode != 0:
        raise CtgError(_("{path} does not exist at revision {revision}: was the plan "
                         "elsewhere then? compare two files with ctg diff OLD.yaml NEW.yaml"
                         ).format(path=source.repo_path, revision=source.revision))
    if len(done.stdout) > MAX_BYTES:
        raise CtgError(_("{path} at revision {revision} is larger than the {size} MB ctg "
                         "reads").format(path=source.repo_path, revision=source.revision,
                                         size=MAX_BYTES // 1_000_000))
    try:
        return done.stdout.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CtgError(_("{path} at revision {revision} is not UTF-8: check out that "
                         "revision and run `ctg check`").format(
                             path=source.repo_path, revision=source.revision)) from None


def read_records(source: Source) -> list[dict[str, Any]]:
    """Every recorded value in the sidecars beside the plan of ``source``, file by file.

    Lines that are not records (a damaged file) are left out: ``ctg check`` reports them.
    """
    records: list[dict[str, Any]] = []
    for name, text in _sidecar_texts(source):
        records.extend(_records(text, name))
    return records


def _records(text: str, name: str) -> list[dict[str, Any]]:
    from ctgplan.yamldoc import parse

    data = parse(text, name).data if text.strip() else None
    if not isinstance(data, list):
        return []
    return [block for block in data
            if isinstance(block, dict) and "action" in block and "indicator" in block]


def _is_sidecar(name: str) -> bool:
    base = posixpath.basename(name)
    return base.endswith((".yaml", ".yml")) and not base.startswith(".")


def _sidecar_texts(source: Source) -> list[tuple[str, str]]:
    from ctgplan.files import read_text

    if source.revision is None:
        folder = source.path.parent / _SIDECAR_FOLDER
        if not folder.is_dir():
            return []
        texts = []
        for path in sorted(folder.iterdir()):
            if _is_sidecar(path.name) and path.is_file():
                text, _problems = read_text(path)
                if text is not None:
                    texts.append((str(path), text))
        return texts
    assert source.root is not None and source.repo_path is not None
    folder_name = posixpath.join(posixpath.dirname(source.repo_path), _SIDECAR_FOLDER)
    listed = _git(["ls-tree", "-z", source.revision, "--", folder_name + "/"], source.root)
    entries: list[tuple[str, str]] = []
    for line in listed.stdout.decode("utf-8").split("\0"):
        meta, _tab, name = line.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob" and _is_sidecar(name):
            entries.append((parts[2], name))
    if not entries:
        return []
    done = _git(["cat-file", "--batch"], source.root,
                stdin="".join(f"{oid}\n" for oid, _name in entries).encode())
    out, at, texts = done.stdout, 0, []
    for _oid, name in entries:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        body = out[header_end + 1:header_end + 1 + size]
        at = header_end + 1 + size + 1
        try:
            texts.append((f"{source.revision}:{name}", body.decode("utf-8-sig")))
        except UnicodeDecodeError:
            continue
    return texts


def revision(folder: Path) -> tuple[str | None, bool]:
    """The short git revision of the repository holding ``folder`` and whether it has
    uncommitted changes; ``(None, False)`` outside a repository or without git."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=folder,
                              capture_output=True, text=True, encoding="utf-8", timeout=10,
                              check=False)
        if head.returncode != 0 or not head.stdout.strip():
            return None, False
        changes = subprocess.run(["git", "status", "--porcelain", "--", "."], cwd=folder,
                                 capture_output=True, text=True, encoding="utf-8",
                                 timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None, False
    return head.stdout.strip(), bool(changes.stdout.strip())
