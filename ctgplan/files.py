"""The one place that reads and writes files: bytes in, UTF-8 text out, atomic writes.

Reading accepts a BOM and CRLF, refuses files over ``MAX_BYTES`` and turns bytes
that are not UTF-8 into a located problem; only a file that cannot be opened at
all raises ``CtgError``. Writing replaces a file atomically (temporary file in
the same folder, fsync, rename), so that a crash leaves the old or the new file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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



def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` by ``data`` so that a crash leaves either the old or the new file.

    ``durable`` also flushes the data and the rename to the disk (not needed for a cache).
    """
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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
