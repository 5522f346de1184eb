"""A long values file (and its cache entry) is rewritten with its old bytes copied, not
read into memory: the new file must be exactly what reading and joining them wrote."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctgplan import files, reading, record_write, sidecar
from ctgplan.data_folder import sidecar_path
from ctgplan.files import Span
from ctgplan.problems import CtgError
from ctgplan.sidecar import Record
from tests.conftest import SHIPPED_PLAN

CONTENT = st.binary(max_size=40) | st.text(alphabet="ab\r\n-", max_size=40).map(str.encode)


@settings(max_examples=300, deadline=None)
@given(CONTENT, st.integers(min_value=1, max_value=7))
def test_holds_crlf_is_a_search_of_the_whole_file(data: bytes, chunk: int) -> None:
    """Read a chunk at a time, with a CR at the end of one chunk and the LF at the start
    of the next: the answer of ``b"\\r\\n" in data``."""
    assert record_write.holds_crlf(io.BytesIO(data), chunk) == (b"\r\n" in data)


def _copied(tmp_path: Path, data: bytes, start: int, size: int, tail: bytes) -> bytes:
    source = tmp_path / "source"
    source.write_bytes(data)
    target = tmp_path / "target"
    target.write_bytes(b"old")
    handle = source.open("rb")
    files.write_atomic(target, [b"head", Span(handle, start, size), tail])
    assert handle.closed  # closed before the rename (Windows renames no open file)
    return target.read_bytes()


@pytest.mark.parametrize("kernel", ["copy_file_range", "none", "fails midway"])
@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=3000), cut=st.tuples(st.integers(0, 3000), st.integers(0, 3000)),
       tail=st.binary(max_size=5))
def test_a_span_is_written_as_its_bytes(tmp_path_factory: pytest.TempPathFactory,
                                        kernel: str, data: bytes, cut: tuple[int, int],
                                        tail: bytes) -> None:
    """With the kernel's copy, without it, or when it stops after a first part, the new
    file holds the same bytes as if the span had been read and written."""
    start, size = min(cut[0], len(data)), min(cut[1], len(data) - min(cut[0], len(data)))
    real = getattr(os, "copy_file_range", None)
    calls: list[int] = []

    def first_part_only(src: int, dst: int, count: int, offset_src: int) -> int:
        assert real is not None
        if calls:
            raise OSError(18, "cross-device")
        calls.append(count)
        return int(real(src, dst, max(count // 2, 1), offset_src))

    with pytest.MonkeyPatch.context() as patched:
        if kernel == "none" or real is None:
            patched.delattr(os, "copy_file_range", raising=False)
        elif kernel == "fails midway":
            patched.setattr(os, "copy_file_range", first_part_only)
        written = _copied(tmp_path_factory.mktemp("span"), data, start, size, tail)
    assert written == b"head" + data[start:start + size] + tail


def test_a_span_the_file_no_longer_holds_writes_nothing(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A file cut short under the copy fails the write: the old file stays."""
    monkeypatch.delattr(os, "copy_file_range", raising=False)
    source, target = tmp_path / "source", tmp_path / "target"
    source.write_bytes(b"12345")
    target.write_bytes(b"old")
    with pytest.raises(CtgError):
        files.write_atomic(target, [Span(source.open("rb"), 0, 10)])
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source", "target"]


@settings(max_examples=60, deadline=None)
@given(old=st.lists(st.sampled_from(["\n", "\r\n", "\r", "# x", "  "]), max_size=6))
def test_a_record_is_the_old_bytes_then_its_line(old: list[str]) -> None:
    """Any old content (CRLF, lone CR, no line ending at the end, empty): the new file is
    the old bytes, a line ending when the last line had none, then the block, with CRLF
    when the file held one (what joining the bytes read wrote before)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "data" / "plan.yaml"
        plan.parent.mkdir()
        shutil.copy(SHIPPED_PLAN, plan)
        path = sidecar_path(plan, "PAR-2")
        path.parent.mkdir()
        header = sidecar.HEADER.format(action="PAR-2")
        before = (header + "".join(old)).encode() if old else b""
        path.write_bytes(before)
        loaded = reading.load_plan(plan).plan
        assert loaded is not None
        record = Record("PAR-2", "QT1", 2026, "x", "2026-01-01T00:00:00Z", value=3)
        try:
            record_write.append(plan, loaded, record)
        except CtgError:
            assert path.read_bytes() == before  # a file that does not parse is not touched
            return
        newline = b"\r\n" if b"\r\n" in before else b"\n"
        head = before or header.encode()
        if not head.endswith(b"\n"):
            head += newline
        block = sidecar.format_record(record).encode().replace(b"\n", newline)
        assert path.read_bytes() == head + block


@pytest.mark.skipif(not hasattr(os, "O_DIRECTORY"), reason="POSIX folders are fsynced")
def test_a_record_on_a_history_still_replaces_the_file_durably(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the old bytes copied, not read: a new file holding the old bytes and the new
    line is fsynced, then renamed over the old one (a reader of the old file keeps the old
    bytes), then the folder is fsynced; the file's bytes are flushed before the rename."""
    import stat

    plan = tmp_path / "data" / "plan.yaml"
    plan.parent.mkdir()
    shutil.copy(SHIPPED_PLAN, plan)
    loaded = reading.load_plan(plan).plan
    assert loaded is not None
    first = Record("PAR-2", "QT1", 2026, "x", "2026-01-01T00:00:00Z", value=3)
    record_write.append(plan, loaded, first)
    path = sidecar_path(plan, "PAR-2")
    before, inode = path.read_bytes(), path.stat().st_ino
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        is_dir = stat.S_ISDIR(os.fstat(fd).st_mode)
        size = os.fstat(fd).st_size
        events.append("folder" if is_dir else f"file of {size} bytes")
        real_fsync(fd)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        events.append(f"rename to {Path(dst).name}")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    second = Record("PAR-2", "QT2", 2026, "x", "2026-01-01T00:00:00Z", value=4)
    with path.open("rb") as reader:
        record_write.append(plan, loaded, second)
        assert reader.read() == before
    after = path.read_bytes()
    assert after == before + sidecar.format_record(second).encode()
    assert path.stat().st_ino != inode
    assert events[:3] == [f"file of {len(after)} bytes", "rename to PAR-2.yaml", "folder"]
