"""The one place that reads and writes files: bytes in, UTF-8 text out, atomic writes.

Reading accepts a BOM and CRLF, refuses files over ``MAX_BYTES`` and turns bytes
that are not UTF-8 into a located problem; only a file that cannot be opened at
all raises ``CtgError``. Writing replaces a file atomically (temporary file in
the same folder, fsync, rename), so that a crash leaves the old or the new file.
"""

from __future__ import annotations

import errno
import gc
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO, NamedTuple

from ctgplan.i18n import _, number
from ctgplan.problems import CtgError, Level, Problem

MAX_BYTES = 32 * 1024 * 1024
"""Files larger than this are refused before parsing (a département plan of
10,000 actions is about 15 MB)."""


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 text file (BOM accepted); located problems instead of exceptions.

    Raises CtgError only when the file cannot be opened at all.
    """
    name = str(path)
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                return None, [
                    Problem(name, 1, 1, Level.ERROR, "file-too-large",
                            _("the file is {size} MB, more than the {limit} MB ctg reads: "
                              "is it the right file?").format(
                                  size=number(size / 1e6, 1), limit=number(max_bytes / 1e6, 0)))
                ]
            raw = handle.read()
    except FileNotFoundError:
        raise CtgError(_("{name}: no such file: check the path, or give one with --plan"
                         ).format(name=name)) from None
    except IsADirectoryError:
        raise CtgError(_("{name}: is a folder, not a YAML file: name the file itself"
                         ).format(name=name)) from None
    except PermissionError:
        raise CtgError(_("{name}: permission denied: check the file's access rights"
                         ).format(name=name)) from None
    except OSError as exc:
        raise CtgError(_("{name}: cannot be read ({reason})").format(
            name=name, reason=exc.strerror)) from None
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        return None, [
            Problem(name, line, col, Level.ERROR, "not-utf8",
                    _("byte 0x{byte:02x} is not UTF-8: save the file as UTF-8 "
                      "(LibreOffice: 'Unicode (UTF-8)'; Excel: 'CSV UTF-8'; "
                      "Notepad: Encoding > UTF-8)").format(byte=byte))
        ]



def _mode_for(path: Path) -> int:
    """The existing file's permissions, else those the umask gives a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


class Span(NamedTuple):
    """``size`` bytes of an open file from ``start``, for ``write_atomic`` to copy without
    reading them into memory (the kernel copies them where it can); it closes ``handle``
    once they are copied (Windows renames no file held open)."""

    handle: BinaryIO
    start: int
    size: int


def _copy(span: Span, out: BinaryIO) -> None:
    """Append ``span`` to ``out``; OSError when the file no longer holds it."""
    with span.handle:
        _copy_open(span, out)


def _copy_open(span: Span, out: BinaryIO) -> None:
    out.flush()
    done = 0
    with suppress(AttributeError, OSError):  # no copy_file_range here: read and written
        while done < span.size:
            copied = os.copy_file_range(span.handle.fileno(), out.fileno(), span.size - done,
                                        span.start + done)
            if not copied:
                break
            done += copied
    out.seek(0, os.SEEK_END)
    span.handle.seek(span.start + done)
    while done < span.size:
        chunk = span.handle.read(min(span.size - done, 1 << 20))
        if not chunk:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        out.write(chunk)
        done += len(chunk)


def write_atomic(path: Path, data: bytes | Iterable[bytes | memoryview | Span], *,
                 durable: bool = True) -> None:
    """Replace ``path`` by ``data`` so that a crash leaves either the old or the new file.

    ``data`` is bytes or pieces written one after the other: bytes, or a ``Span`` of a
    file (a large file plus one line is written without reading or joining them first).
    ``durable`` also flushes the data and the rename to the disk (not needed for a cache).
    """
    pieces: list[bytes | memoryview | Span] = [data] if isinstance(data, bytes) else [*data]
    try:
        _replace(path, pieces, durable=durable)
    finally:  # a span not copied (a write that failed) is closed too
        for piece in pieces:
            if isinstance(piece, Span):
                piece.handle.close()


def _replace(path: Path, pieces: list[bytes | memoryview | Span], *, durable: bool) -> None:
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if hasattr(os, "fchmod"):  # the mode of a normal file there, not mkstemp's 0600
            os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                if isinstance(piece, Span):
                    _copy(piece, handle)
                else:
                    handle.write(piece)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        Path(temp).replace(path)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CtgError(_("cannot write {path}: {reason} (is the file open in another "
                             "program, or the folder read-only?); nothing was recorded"
                             ).format(path=path, reason=exc.strerror)) from None
        raise
    if durable and hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the garbage collector: bulk loading makes many objects and no cycles.

    Parsing a large YAML file runs 2-3 times faster without the collector's passes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
