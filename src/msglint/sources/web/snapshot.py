"""Snapshots: every response of a crawl in one WARC file per source, plus a small state file.

Why WARC (ISO 28500; read with warcio, written by records.py in the very bytes warcio's
writer gives, at a tenth of its cost): it is the web-archive standard, it keeps exactly
what the issue asks (URL, fetch time, status, headers, body, per response), other tools
(pywb, replayweb.page) open it, and gzip members per record make it appendable: an
interrupted crawl leaves a valid file up to its last record, which is what resume needs.

Layout: `<store>/<source>/pages.warc.gz` (the store is `crawl.snapshots`, a folder or an fsspec
URL: store.py) (last complete crawl), `pages.warc.gz.part`
(a crawl in progress or interrupted) and `state.json` (when, complete or not, settings
digest). Bodies are stored decoded (Content-Encoding removed, noted in
`X-Msglint-Content-Encoding`). Credential headers are replaced by "[redacted]" before
writing. Failures are `metadata` records (JSON: reason, status, attempts); a page rendered in
Chromium adds a `conversion` record right after its response.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from msglint.sources.web import records
from msglint.sources.web.auth import redact
from msglint.sources.web.fetch import Failure, Fetched

if TYPE_CHECKING:
    from msglint.sources.web.store import Entry, Folder

WARC = "pages.warc.gz"
STATE = "state.json"
ROLE = "Msglint-Role"
REQUESTED = "Msglint-Requested-URI"
ATTEMPTS = "Msglint-Attempts"


@dataclass
class Stored:
    """One page or failure read back from a snapshot."""

    url: str
    requested: str
    status: int | None
    headers: dict[str, str]
    body: bytes
    fetched_at: str
    role: str
    error: str | None = None
    attempts: int = 1
    rendered: bytes | None = None


class SnapshotWriter:
    """Appends records to a WARC file. The records are built here (records.py) and handed
    to a thread that compresses each into a gzip member of its own and appends it
    (members.Appender), flushing the file after every batch, within 50 ms of a page, so a
    crash loses little (on a store whose appends only land when the file is closed, an
    object store, the file is closed and reopened every `store.CHECKPOINT` seconds)."""

    def __init__(self, path: Entry, secret_headers: frozenset[str]) -> None:
        self.path = path
        self._secret = secret_headers
        self._durable = path.folder.durable
        self._open()

    def _open(self) -> None:
        from msglint.sources.web.members import Appender
        from msglint.sources.web.store import CHECKPOINT

        path = self.path
        self._out = Appender(lambda: path.open("ab"), None if self._durable else CHECKPOINT)

    def _write(self, *whole: bytes) -> None:
        self._out.put(*whole)

    def close(self) -> None:
        self._out.close()

    def response(self, page: Fetched, role: str = "page", revalidated: str | None = None) -> None:
        """The response record of `page` and its request record (credentials redacted),
        in that order, as warcio writes a pair."""
        parts = urlsplit(page.url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        sent = [("Host", parts.netloc)] + [
            (k, v) for k, v in page.request_headers if k.lower() != "host"
        ]
        request_head = records.http_head(f"GET {target} HTTP/1.1", redact(sent, self._secret))
        head = records.http_head(
            f"HTTP/1.1 {page.status} {page.reason}".strip(), redact(page.headers, self._secret)
        )
        date = ("WARC-Date", page.fetched_at)
        fields = [date, (ROLE, role), (ATTEMPTS, str(page.attempts))]
        if page.requested != page.url:
            fields.append((REQUESTED, page.requested))
        if revalidated:
            fields.append(("Msglint-Revalidated", revalidated))
        rid = records.record_id()
        self._write(
            records.record(
                "response", page.url, records.HTTP_RESPONSE, page.body,
                head=head, fields=fields, rid=rid,
            ),
            records.record(
                "request", page.url, records.HTTP_REQUEST, b"",
                head=request_head, fields=[date], concurrent_to=rid,
            ),
        )  # fmt: skip

    def rendered(self, url: str, html: str) -> None:
        """The DOM of a page after Chromium ran its scripts (follows the page's response)."""
        payload = html.encode("utf-8")
        self._write(
            records.record("conversion", url, "text/html; charset=utf-8", payload, date=_now())
        )

    def failure(self, failure: Failure, requested: str, role: str = "page") -> None:
        """A URL that could not be fetched: its reason, last status and attempts."""
        for hop in failure.hops:
            self.response(hop, role="redirect")
        info = {
            "error": failure.reason,
            "status": failure.status,
            "attempts": failure.attempts,
            "url": failure.url,
        }
        payload = json.dumps(info).encode()
        self._write(
            records.record(
                "metadata", requested, "application/json", payload,
                fields=[(ROLE, role)], date=_now(),
            )
        )  # fmt: skip

    def flush(self) -> None:
        """The end of a page: nothing to do, the writing thread flushes the file after
        every batch of records it writes."""

    def sync(self) -> None:
        """Wait until every record so far is in the file, flushed."""
        self._out.sync()


def _now() -> str:
    """The WARC-Date of a record written now (UTC, to the second, as warcio's WARC/1.0)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def read_records(
    path: Entry, *, repair: bool = False, torn_at: list[int] | None = None
) -> Iterator[tuple[int, Stored]]:
    """(offset, Stored) for every page, failure and rendering in a WARC file, in order.

    A torn last record (the crawl was killed while writing) ends the iteration; with
    `repair` the file is cut back to the last whole record so appending can continue.
    `torn_at` receives the offset where whole records end when the file is torn, so a
    reader can say that pages are missing instead of losing them without a word.
    """
    from warcio.archiveiterator import ArchiveIterator

    if not path.exists():
        return
    good_end = 0
    torn = False
    with path.open("rb") as fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                stored = _stored(record)  # before the offset: asking for it skips the body
                offset = iterator.get_record_offset()
                good_end = offset + iterator.get_record_length()
                if stored is not None:
                    yield offset, stored
        except Exception:  # a torn gzip member or record: keep what came before
            torn = True
        torn = torn or good_end < fh.seek(0, os.SEEK_END)
    if torn and torn_at is not None:
        torn_at.append(good_end)
    if torn and repair:
        path.truncate(good_end)


class TornRecord(ValueError):
    """A record whose payload does not match its digest: the crawl stopped while writing."""


def _payload(record: Any) -> bytes:
    """The record's payload, checked against WARC-Payload-Digest (warcio returns a torn
    gzip member's partial data without raising)."""
    import base64
    import hashlib

    data: bytes = record.content_stream().read()
    digest = record.rec_headers.get_header("WARC-Payload-Digest") or ""
    if digest.startswith("sha1:"):
        actual = base64.b32encode(hashlib.sha1(data).digest()).decode()
        if actual != digest[5:]:
            raise TornRecord(record.rec_headers.get_header("WARC-Target-URI") or "")
    return data


def _stored(record: Any) -> Stored | None:
    kind = record.rec_type
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI") or ""
    role = headers.get_header(ROLE) or "page"
    if kind == "response":
        http = record.http_headers
        status = int(http.get_statuscode() or 0)
        return Stored(
            url=url,
            requested=headers.get_header(REQUESTED) or url,
            status=status,
            headers={k.lower(): v for k, v in http.headers},
            body=_payload(record),
            fetched_at=headers.get_header("WARC-Date") or "",
            role=role,
            attempts=int(headers.get_header(ATTEMPTS) or 1),
        )
    if kind == "metadata":
        info = json.loads(_payload(record) or b"{}")
        return Stored(
            url=info.get("url") or url,
            requested=url,
            status=info.get("status"),
            headers={},
            body=b"",
            fetched_at=headers.get_header("WARC-Date") or "",
            role=role,
            error=str(info.get("error") or "unknown error"),
            attempts=int(info.get("attempts", 1) or 0),
        )
    if kind == "conversion":
        return Stored(
            url=url,
            requested=url,
            status=None,
            headers={},
            body=b"",
            fetched_at="",
            role="rendered",
            rendered=_payload(record),
        )
    return None


def read_at(path: Entry, offset: int) -> Stored | None:
    """The record at `offset` of a WARC file."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            return _stored(record)
    return None


@dataclass
class SnapshotState:
    """What state.json says about a source's snapshot."""

    complete: bool = False
    started: float = 0.0
    finished: float = 0.0
    settings: str = ""
    #: Bytes of pages.warc.gz when the crawl finished (0: not known), so a snapshot cut
    #: short later (a truncated copy, a full disk) is told from a complete one.
    size: int = 0

    def age(self) -> float:
        return time.time() - self.finished if self.finished else float("inf")


def load_state(folder: Folder) -> SnapshotState:
    try:
        data = json.loads((folder / STATE).read_text())
        return SnapshotState(
            complete=bool(data.get("complete")),
            started=float(data.get("started") or 0),
            finished=float(data.get("finished") or 0),
            settings=str(data.get("settings") or ""),
            size=int(data.get("size") or 0),
        )
    except (OSError, ValueError, TypeError):
        return SnapshotState()


def save_state(folder: Folder, state: SnapshotState) -> None:
    (folder / STATE).write_text(
        json.dumps(
            {
                "complete": state.complete,
                "started": state.started,
                "finished": state.finished,
                "settings": state.settings,
                "size": state.size,
            }
        )
    )
