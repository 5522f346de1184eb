"""A cache of parsed files, keyed by path, size and modification time.

Like beancount's cache of its parsed ledger: re-reading a large history that
has not changed costs a JSON load instead of a YAML parse. Entries live in the
user's cache folder (never in the repository, so a cloned repository cannot
plant one), one folder per plan folder. JSON, not pickle: loading a cache entry
can never run code. Any failure to read or write the cache is ignored: it is an
optimisation, never a source of truth. ``CTG_NO_CACHE=1`` turns it off;
``CTG_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

VERSION = 1
"""Bump when the layout of cached data changes."""


def root() -> Path | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("CTG_NO_CACHE"):
        return None
    explicit = os.environ.get("CTG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "ctg" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ctg"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "ctg"


def stamp(path: Path) -> list[int] | None:
    """``[size, mtime_ns]`` of a file, or None when it cannot be trusted as a key.

    On a file system that keeps whole seconds only, a file changed within the
    last two seconds could change again with the same stamp: it is not cached.
    """
    try:
        info = path.stat()
    except OSError:
        return None
    mtime = info.st_mtime_ns
    if mtime % 1_000_000_000 == 0 and time.time_ns() - mtime < 2_000_000_000:
        return None
    return [info.st_size, mtime]


def _entry(kind: str, source: Path) -> Path | None:
    base = root()
    if base is None:
        return None
    try:
        folder = str(source.parent.resolve())
    except OSError:
        return None
    digest = hashlib.sha256(folder.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return base / digest / f"{kind}-{source.name}.json"


def read(kind: str, source: Path, key: Any) -> Any | None:
    """The data cached for ``source`` under ``key`` (a stamp or fingerprint), else None."""
    entry = _entry(kind, source)
    if entry is None or key is None:
        return None
    try:
        with entry.open("rb") as handle:
            content = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    if not isinstance(content, dict) or content.get("v") != VERSION or content.get("key") != key:
        return None
    return content.get("data")


def write(kind: str, source: Path, key: Any, data: Any) -> None:
    """Cache ``data`` for ``source`` under ``key``; silently does nothing on failure."""
    entry = _entry(kind, source)
    if entry is None or key is None:
        return
    from ctgplan.store import write_atomic

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"v": VERSION, "key": key, "data": data}, ensure_ascii=False,
                             separators=(",", ":"))
        write_atomic(entry, payload.encode("utf-8"), durable=False)
    except Exception:
        return  # a cache that cannot be written is no error
