"""One gzip member per WARC record, compressed at a cost the crawl can afford.

warcio writes `.warc.gz` files compressing every record at level 9. On pages of real size
compression is most of writing the WARC: level 9 takes 1.5 ms on a 60 KB product page
where level 6 takes 0.8 ms for a member 1.7 % larger. (On 3 KB pages the level makes little
difference.) Each record (records.py builds it whole) is compressed here at level 6 with an
8 KB window and memory level 5: 1.05 against 1.69 ms for writing a 60 KB page's records with
warcio, for a member 1.3 % larger (12,170 against 12,020 bytes on the planted benchmark's
pages). The result is the layout the WARC standard recommends and `read_at` relies on: one
gzip member per record, so a record can be read from its offset and an interrupted file is
valid up to its last member.

`Appender` writes on a thread of its own and compresses large records there (zlib and file
writes release the GIL, so they leave the crawl's event loop). Measured with
benchmarks/crawl.py's pages (ab runs alternating, same server; see the commit): on 60 KB
pages the thread took the crawl from 1,337 to 1,845 pages/s; on 3 KB pages handing every
record to it cost more CPU than it saved (3,298 against 3,179 pages/s, 303 against 358
us of CPU a page), so records under `INLINE` are compressed by the caller and only
written by the thread. Waking the thread for every page cost the loop a lock and a futex
wake a page (6 % of its py-spy samples), so it is woken per 256 KB waiting or looks every
50 ms.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections import deque
from collections.abc import Callable
from typing import IO

#: Deflate settings: level, window bits (13: 8 KB; +16 for a gzip header), memory level.
LEVEL, WINDOW_BITS, MEM_LEVEL = 6, 13, 5
#: Bytes of records waiting for the writing thread at most.
LIMIT = 8 << 20
#: The thread is woken when this many bytes wait, and otherwise looks every PACE seconds:
#: waking it for every page cost the event loop more than writing the records.
WAKE, PACE = 256 << 10, 0.05
#: Records shorter than this are compressed by the caller: handing them to the thread
#: cost more (locks, GIL hand-overs) than compressing them.
INLINE = 16 << 10


def member(record: bytes) -> bytes:
    """`record` as one whole gzip member."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, 16 + WINDOW_BITS, MEM_LEVEL)
    return compressor.compress(record) + compressor.flush()


class Appender:
    """Compresses whole records into members and appends them to a file on a thread of its
    own, so the crawl's event loop only builds them (zlib and file writes release the GIL,
    so on a second core they cost the crawl little). At most `LIMIT` bytes of records wait;
    `put` blocks beyond that, so memory stays flat whatever the pace of the file. A write
    error is raised by the next `put`, `sync` or `close`."""

    def __init__(self, opener: Callable[[], IO[bytes]], reopen_every: float | None) -> None:
        self._opener = opener
        self._reopen_every = reopen_every
        self._cond = threading.Condition(threading.Lock())
        self._items: deque[tuple[bytes, bool]] = deque()  # (data, already a member)
        self._pending = 0  # bytes put and not yet in the file
        self._idle = False
        self._stop = False
        self._error: BaseException | None = None
        self._file = opener()  # an error opening is the caller's, at once
        self._thread = threading.Thread(target=self._run, name="msglint-warc", daemon=True)
        self._thread.start()

    def put(self, *records: bytes) -> None:
        items = [(member(r), True) if len(r) < INLINE else (r, False) for r in records]
        with self._cond:
            if self._error is not None:
                raise self._error
            self._items.extend(items)
            self._pending += sum(len(data) for data, _ in items)
            if self._idle and self._pending >= WAKE:
                self._cond.notify_all()
            while self._pending > LIMIT and self._error is None:
                self._cond.wait()

    def sync(self) -> None:
        """Wait until every record put so far is in the file, flushed."""
        with self._cond:
            self._cond.notify_all()
            while self._pending and self._error is None:
                self._cond.wait()
            if self._error is not None:
                raise self._error

    def close(self) -> None:
        """Write what is waiting, stop the thread and close the file."""
        if self._stop:
            return
        try:
            self.sync()
        finally:
            with self._cond:
                self._stop = True
                self._cond.notify_all()
            self._thread.join()
            self._file.close()

    def _run(self) -> None:
        opened = time.monotonic()
        while True:
            with self._cond:
                while not self._items and not self._stop:
                    self._idle = True
                    self._cond.wait(PACE)
                self._idle = False
                if not self._items:
                    return
                batch = list(self._items)
                self._items.clear()
            try:
                for data, done in batch:
                    self._file.write(data if done else member(data))
                self._file.flush()
                every = self._reopen_every
                if every is not None and time.monotonic() - opened >= every:
                    self._file.close()
                    self._file = self._opener()
                    opened = time.monotonic()
            except BaseException as exc:  # handed to the crawl, which names it
                with self._cond:
                    self._error = exc
                    self._cond.notify_all()
                return
            with self._cond:
                self._pending -= sum(len(data) for data, _ in batch)
                self._cond.notify_all()
