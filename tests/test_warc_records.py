"""The snapshot's records are built by hand (sources/web/records.py), not by warcio's
writer: they must be the very bytes warcio's writer gives for the same pages, and warcio,
which stays the reader, must read every one back with valid digests."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import BufferWARCWriter

from conftest import gzip_members
from msglint.sources.web import snapshot
from msglint.sources.web.auth import redact
from msglint.sources.web.fetch import Failure, Fetched
from msglint.sources.web.snapshot import SnapshotWriter, read_records
from msglint.sources.web.store import open_store

SECRET = frozenset({"authorization", "cookie"})
NOW = "2026-12-05T12:34:56Z"


def _page(url: str, body: bytes, **kw: object) -> Fetched:
    fields: dict = {
        "url": url,
        "status": 200,
        "reason": "OK",
        "headers": [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
        ],
        "body": body,
        "attempts": 1,
        "fetched_at": "2026-12-05T12:00:00Z",
        "request_headers": [
            ("User-Agent", "msglint/1 (+https://x.test)"),
            ("Accept-Encoding", "gzip, deflate"),
            ("Authorization", "Bearer s3cret"),
            ("Cookie", "sid=s3cret"),
        ],
        "requested": url,
    }
    fields.update(kw)
    return Fetched(**fields)


PRODUCT = (
    b"<!doctype html><html><head><title>Acme</title></head><body>"
    + b"".join(
        b"<p>Acme Router %d, model %d, in stock.</p>" % (i, i * 37 % 1000) for i in range(1500)
    )
    + b"</body></html>"
)

PAGES = [
    _page("https://shop.test/p/1.html?colour=red&size=2", PRODUCT[:3000]),
    _page("https://shop.test/p/big", PRODUCT),  # about 60 KB
    _page("https://shop.test", b"", status=204, reason="", headers=[]),  # no path, no reason
    _page(  # values that are not ASCII: warcio %-encodes them
        "https://shop.test/fichier",
        bytes(range(256)) * 4,
        headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Disposition", 'attachment; filename="résumé.pdf"'),
            ("X-Note", "café crème"),
        ],
    ),
    _page(
        "https://shop.test/moved",
        b"gone",
        status=301,
        reason="Moved Permanently",
        headers=[("Location", "/p/1.html")],
        attempts=3,
    ),
    _page("https://shop.test/p/2.html", b"<p>same</p>", requested="https://shop.test/old/2"),
]


def _warcio_bytes(monkeypatch: pytest.MonkeyPatch, *, gzip: bool = False) -> bytes:
    """The records warcio's own writer gives (what SnapshotWriter wrote through warcio),
    uncompressed unless `gzip`: the oracle."""
    monkeypatch.setattr(RecordBuilder, "_make_warc_date", classmethod(lambda cls, **kw: NOW))
    writer = BufferWARCWriter(gzip=gzip)

    def response(page: Fetched, role: str = "page", revalidated: str | None = None) -> None:
        from urllib.parse import urlsplit

        parts = urlsplit(page.url)
        target = (parts.path or "/") + ("?" + parts.query if parts.query else "")
        req = StatusAndHeaders(
            f"GET {target} HTTP/1.1",
            redact(
                [("Host", parts.netloc)]
                + [(k, v) for k, v in page.request_headers if k.lower() != "host"],
                SECRET,
            ),
            is_http_request=True,
        )
        date = {"WARC-Date": page.fetched_at}
        request = writer.create_warc_record(
            page.url,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=req,
            warc_headers_dict=date,
        )
        http = StatusAndHeaders(
            f"{page.status} {page.reason}".strip(),
            redact(page.headers, SECRET),
            protocol="HTTP/1.1",
        )
        extra = {**date, snapshot.ROLE: role, snapshot.ATTEMPTS: str(page.attempts)}
        if page.requested != page.url:
            extra[snapshot.REQUESTED] = page.requested
        if revalidated:
            extra["Msglint-Revalidated"] = revalidated
        resp = writer.create_warc_record(
            page.url,
            "response",
            payload=io.BytesIO(page.body),
            length=len(page.body),
            http_headers=http,
            warc_headers_dict=extra,
        )
        writer.write_request_response_pair(request, resp)

    for page in PAGES:
        response(page)
    response(PAGES[0], revalidated="2026-12-06T01:02:03Z")
    response(PAGES[4], role="redirect")
    writer.write_record(
        writer.create_warc_record(
            "https://shop.test/p/1.html",
            "conversion",
            payload=io.BytesIO("<p>Crème brûlée</p>".encode()),
            warc_content_type="text/html; charset=utf-8",
        )
    )
    response(PAGES[4], role="redirect")  # the failure's hop
    writer.write_record(
        writer.create_warc_record(
            "https://shop.test/loop",
            "metadata",
            payload=io.BytesIO(
                b'{"error": "redirect loop", "status": 301, "attempts": 2, '
                b'"url": "https://shop.test/loop"}'
            ),
            warc_content_type="application/json",
            warc_headers_dict={snapshot.ROLE: "page"},
        )
    )
    return writer.get_contents()


def _written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, object]:
    monkeypatch.setattr(snapshot, "_now", lambda: NOW)
    entry = open_store(str(tmp_path / "snap"), tmp_path).folder("shop") / "pages.warc.gz"
    writer = SnapshotWriter(entry, SECRET)
    for page in PAGES:
        writer.response(page)
        writer.flush()
    writer.response(PAGES[0], revalidated="2026-12-06T01:02:03Z")
    writer.response(PAGES[4], role="redirect")
    writer.rendered("https://shop.test/p/1.html", "<p>Crème brûlée</p>")
    failure = Failure("https://shop.test/loop", "redirect loop", 2, 301, hops=[PAGES[4]])
    writer.failure(failure, "https://shop.test/loop")
    writer.close()
    return tmp_path / "snap" / "shop" / "pages.warc.gz", entry


def _same_ids(data: bytes) -> bytes:
    """Record ids are random: each is replaced by the order in which it first appears."""
    seen: dict[bytes, bytes] = {}
    return re.sub(
        rb"<urn:uuid:[0-9a-f-]{36}>",
        lambda m: seen.setdefault(m.group(), b"<urn:uuid:%d>" % len(seen)),
        data,
    )


def test_records_are_the_bytes_warcio_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = _written(tmp_path, monkeypatch)
    members = gzip_members(path.read_bytes())
    assert len(members) == 2 * 9 + 2  # request and response per page, conversion, metadata
    ours, theirs = _same_ids(b"".join(members)), _same_ids(_warcio_bytes(monkeypatch))
    assert b"%C3%A9" in ours  # a non-ASCII header value, %-encoded as warcio does
    assert b"s3cret" not in ours
    assert ours == theirs


def test_warcio_reads_every_record_back_with_valid_digests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, entry = _written(tmp_path, monkeypatch)
    with path.open("rb") as fh:
        records = []
        for record in ArchiveIterator(fh, check_digests="raise"):
            records.append((record.rec_type, record.content_stream().read()))
    assert [kind for kind, _ in records[:12]] == ["response", "request"] * 6
    assert [body for kind, body in records[:12:2]] == [p.body for p in PAGES]
    assert records[-4] == ("conversion", "<p>Crème brûlée</p>".encode())
    assert [kind for kind, _ in records[-3:]] == ["response", "request", "metadata"]
    # the reader (--offline) sees the same pages as in the file warcio writes
    oracle = open_store(str(tmp_path / "oracle"), tmp_path).folder("shop") / "pages.warc.gz"
    with oracle.open("wb") as fh:
        fh.write(_warcio_bytes(monkeypatch, gzip=True))
    ours = [s for _, s in read_records(entry)]
    assert ours == [s for _, s in read_records(oracle)]
    assert len(ours) == 11 and ours[-1].error == "redirect loop"
