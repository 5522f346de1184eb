"""A cache of parsed files, keyed by each file's identity and by ctg's own code.

Like beancount's cache of its parsed ledger: re-reading a large history that
has not changed costs a JSON load instead of a YAML parse. Entries live in the
user's cache folder (never in the repository, so a cloned repository cannot
plant one), one folder per plan folder. JSON, not pickle: loading a cache entry
can never run code. Any failure to read or write the cache is ignored: it is an
optimisation, never a source of truth. ``CTG_NO_CACHE=1`` turns it off;
``CTG_CACHE_DIR`` moves it.

An entry is used only when it was written by the same code (``code_identity``: a
hash of ctg's source, which changes with every version and every edit, so an
upgrade that changes a rule never reports the old rule's problems), in the same
language (problems are cached as worded), for a file in
the same state (``stamp``: size, modification and change times, inode, so that a
file replaced by another of the same size and modification time is read again).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from functools import cache
from pathlib import Path
from typing import Any

VERSION = 2
"""Bump when the layout of cached data changes."""
PACKAGE = Path(__file__).resolve().parent


@cache
def code_identity(package: Path = PACKAGE) -> str:
    """A hash of the source of ctg (every module of the package, by content).

    It changes with every installed version and every edit of the code, so a cache
    entry written by other code is never used. About a millisecond: the package is
    small, and compiled files (``__pycache__``) are not looked at.
    """
    digest = hashlib.sha256()
    folders = [package]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith((".py", ".mo")):  # the code and its message catalogs
                digest.update(Path(entry.path).relative_to(package).as_posix().encode())
                try:
                    with open(entry.path, "rb") as handle:  # noqa: PTH123 - the hot path
                        digest.update(b"\0" + handle.read() + b"\0")
                except OSError:
                    digest.update(b"\0unreadable\0")
            elif entry.name != "__pycache__" and entry.is_dir():
                folders.append(Path(entry.path))
    return digest.hexdigest()[:32]


def _language() -> str:
    """Problems are cached as worded: an entry serves the language it was written in."""
    from ctgplan.i18n import language

    return language()


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
    """``[size, mtime_ns, ctime_ns, inode]`` of a file, or None when it cannot be trusted.

    The change time and the inode catch a file replaced by another of the same size
    with its modification time set back (a copy that keeps times, a checkout, an
    ``os.replace``): any write or replacement changes one of them. On a file system
    that keeps whole seconds only, a file changed within the last two seconds could
    change again with the same stamp: it is not cached.
    """
    try:
        info = path.stat()
    except OSError:
        return None
    mtime = info.st_mtime_ns
    if mtime % 1_000_000_000 == 0 and time.time_ns() - mtime < 2_000_000_000:
        return None
    return [info.st_size, mtime, info.st_ctime_ns, info.st_ino]


def _entry(kind: str, source: Path) -> Path | None:
    """Where the entry of ``kind`` for ``source`` lives: one per language, so that a team
    working in two languages keeps both warm (the header says the language too)."""
    base = root()
    if base is None:
        return None
    digest = _folder_digest(str(source.parent))
    return None if digest is None else (
        base / digest / f"{kind}-{_language()}-{source.name}.json")


@cache
def _folder_digest(folder: str) -> str | None:
    """The name of the cache folder of a folder (resolved once per run: 10,000 values
    files in one folder need one ``resolve``)."""
    try:
        resolved = str(Path(folder).resolve())
    except OSError:
        return None
    return hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def read(kind: str, source: Path, key: Any) -> list[Any] | None:
    """The items cached for ``source`` under ``key`` (a stamp or fingerprint), else None.

    An entry is JSON lines: a header ``{"v": VERSION, "code": ..., "key": key}``, then one item a
    line, so that items can be added without decoding the others.
    """
    body = read_body(kind, source, key)
    if body is None:
        return None
    try:
        items = json.loads(b"[" + body.rstrip(b"\n").replace(b"\n", b",") + b"]")
    except ValueError:
        return None
    return items if isinstance(items, list) else None


def read_body(kind: str, source: Path, key: Any) -> bytes | None:
    """The items cached for ``source`` under ``key`` as JSON lines, not decoded; else None."""
    raw = read_raw(kind, source, key)
    return None if raw is None else raw[0][raw[1]:]


def read_raw(kind: str, source: Path, key: Any) -> tuple[bytes, int] | None:
    """The bytes of the entry for ``source`` under ``key`` and where its items begin; else None.

    For a caller that looks for one item without decoding (or copying) the others;
    ``encode`` gives the exact bytes of a value in these lines.
    """
    entry = _entry(kind, source)
    if entry is None or key is None:
        return None
    try:
        content = entry.read_bytes()
        end = content.find(b"\n")
        if end < 0 or not _valid(json.loads(content[:end]), key):
            return None
    except (OSError, ValueError):
        return None
    return content, end + 1


def lines_holding(kind: str, source: Path, key: Any, needle: bytes
                  ) -> tuple[bytes, int, list[bytes]] | None:
    """The first item of an entry, its number of other items, and those of its lines that
    hold ``needle`` (not decoded), or None; the other lines are neither decoded nor copied."""
    raw = read_raw(kind, source, key)
    if raw is None:
        return None
    content, start = raw
    rows = content.index(b"\n", start) + 1
    lines = []
    at = content.find(needle, rows)
    while at >= 0:
        end = content.index(b"\n", at)
        lines.append(content[content.rfind(b"\n", 0, at) + 1:end])
        at = content.find(needle, end)
    return content[start:rows], content.count(b"\n", rows), lines


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""One encoder for every line (json.dumps with options builds a new one per call)."""


def encode(item: Any) -> bytes:
    """The bytes of ``item`` as written in an entry's lines."""
    return _ENCODER.encode(item).encode("utf-8")


def _line(item: Any) -> bytes:
    return _ENCODER.encode(item).encode("utf-8") + b"\n"


def _header(key: Any) -> bytes:
    return _line({"v": VERSION, "code": code_identity(), "lang": _language(), "key": key})


def _valid(header: object, key: Any) -> bool:
    """True when an entry's header says: this layout, this code, this state of the file."""
    return isinstance(header, dict) and header.get("v") == VERSION and (
        header.get("code") == code_identity() and header.get("lang") == _language()
        ) and header.get("key") == key


def write(kind: str, source: Path, key: Any, items: list[Any]) -> None:
    """Cache ``items`` for ``source`` under ``key``; silently does nothing on failure."""
    entry = _entry(kind, source)
    if entry is None or key is None:
        return
    _store(entry, _header(key) + b"".join(_line(i) for i in items))


def extend(kind: str, source: Path, old_key: Any, key: Any, items: list[Any]) -> bool:
    """Add ``items`` to the entry cached under ``old_key``, now valid under ``key``.

    The items already cached are copied as they are (by the kernel where it can), neither
    decoded nor read into memory: the cost does not grow with them. False when there was
    no such entry (nothing is written).
    """
    from ctgplan.files import Span

    entry = _entry(kind, source)
    if entry is None or key is None or old_key is None:
        return False
    try:
        handle = entry.open("rb")  # the entry read is the one copied, even if replaced
    except OSError:
        return False
    try:
        header = handle.readline()
        size = os.fstat(handle.fileno()).st_size
        valid = header.endswith(b"\n") and _valid(json.loads(header), old_key)
    except (OSError, ValueError):
        valid = False
    if not valid:
        handle.close()
        return False
    with handle:
        _store(entry, [_header(key), Span(handle, len(header), size - len(header)),
                       *(_line(i) for i in items)])
    return True


def _store(entry: Path, data: bytes | list[Any]) -> None:
    from ctgplan.files import write_atomic

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, data, durable=False)
    except Exception:
        return  # a cache that cannot be written is no error
