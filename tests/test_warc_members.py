"""The snapshot's gzip layout (sources/web/members.py): one gzip member per WARC record,
readable by warcio and by offset."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from conftest import gzip_members
from msglint.sources.web import members as members_module
from msglint.sources.web.fetch import Fetched
from msglint.sources.web.members import Appender, member
from msglint.sources.web.snapshot import SnapshotWriter, read_at, read_records
from msglint.sources.web.store import open_store


def _page(i: int, body: bytes) -> Fetched:
    url = f"https://shop.example/p/{i}"
    return Fetched(
        url=url,
        status=200,
        reason="OK",
        headers=[("Content-Type", "text/html; charset=utf-8")],
        body=body,
        attempts=1,
        fetched_at="2026-12-05T12:00:00Z",
        request_headers=[("User-Agent", "msglint"), ("Authorization", "Bearer s3cret")],
        requested=url,
    )


def test_each_record_is_a_member_and_reads_back_by_offset(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "snap"), tmp_path)
    entry = store.folder("shop") / "pages.warc.gz"
    bodies = [b"<html><body>" + (b"Acme Router %d " % i) * (50 * i + 1) + b"</body></html>"
              for i in range(4)]  # fmt: skip
    writer = SnapshotWriter(entry, frozenset({"authorization"}))
    for i, body in enumerate(bodies):
        writer.response(_page(i, body))
        writer.flush()
    writer.close()
    raw = (tmp_path / "snap" / "shop" / "pages.warc.gz").read_bytes()
    members = gzip_members(raw)
    assert len(members) == 8  # a request and a response record per page
    assert all(m.startswith(b"WARC/1.") and m.endswith(b"\r\n\r\n") for m in members)
    assert b"s3cret" not in b"".join(members)  # the credential is redacted
    records = list(ArchiveIterator(io.BytesIO(raw)))
    assert [r.rec_type for r in records] == ["response", "request"] * 4
    stored = read_records(entry)
    assert [s.body for _, s in stored] == bodies
    for offset, s in stored:
        again = read_at(entry, offset)
        assert again is not None and again.body == s.body and again.url == s.url


def test_a_member_is_one_gzip_member_of_the_whole_record() -> None:
    record = b"WARC/1.0\r\nWARC-Type: response\r\n\r\n" + b"body " * 5000 + b"\r\n\r\n"
    data = member(record) + member(b"WARC/1.0\r\nsecond\r\n\r\n")
    assert gzip_members(data) == [record, b"WARC/1.0\r\nsecond\r\n\r\n"]


def test_records_land_in_the_file_in_order_without_waiting_for_them(tmp_path: Path) -> None:
    """Small records are compressed by the caller, large ones by the thread, in the order
    given; the thread puts them in the file within a fraction of a second of the page,
    without a `sync`: a crawl killed mid-way loses only the last moment's pages."""
    path = tmp_path / "f.warc.gz"
    big = b"WARC/1.0\r\n" + b"Acme Router " * 5000 + b"\r\n\r\n"  # over INLINE
    records = [b"WARC/1.0\r\none\r\n\r\n", big, b"WARC/1.0\r\ntwo\r\n\r\n"]
    out = Appender(lambda: path.open("ab"), None)
    try:
        out.put(*records[:2])
        out.put(records[2])
        deadline = time.monotonic() + 5
        while len(gzip_members(path.read_bytes())) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert gzip_members(path.read_bytes()) == records
    finally:
        out.close()


def test_a_slow_file_holds_the_crawl_back_instead_of_filling_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(members_module, "LIMIT", 10_000)
    monkeypatch.setattr(members_module, "INLINE", 0)  # every record goes to the thread raw
    gate = threading.Event()
    written: list[bytes] = []

    class Slow(io.BytesIO):
        def write(self, data: bytes) -> int:  # type: ignore[override]
            gate.wait()
            written.append(data)
            return len(data)

    out = Appender(Slow, None)
    record = b"WARC/1.0\r\n" + b"x" * 4000 + b"\r\n\r\n"
    putter = threading.Thread(target=lambda: [out.put(record) for _ in range(10)])
    putter.start()
    putter.join(0.5)
    assert putter.is_alive()  # blocked: at most LIMIT bytes wait for the file
    gate.set()
    putter.join(5)
    out.close()
    assert not putter.is_alive() and len(written) == 10


def test_a_write_error_reaches_the_crawl() -> None:
    class Full(io.BytesIO):
        def write(self, data: bytes) -> int:  # type: ignore[override]
            raise OSError(28, "No space left on device")

    out = Appender(Full, None)
    out.put(b"WARC/1.0\r\n\r\n")
    with pytest.raises(OSError, match="No space left"):
        out.sync()
    with pytest.raises(OSError, match="No space left"):
        out.put(b"WARC/1.0\r\n\r\n")
    with pytest.raises(OSError, match="No space left"):
        out.close()
