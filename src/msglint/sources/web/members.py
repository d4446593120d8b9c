"""One gzip member per WARC record, compressed at a cost the crawl can afford.

warcio writes `.warc.gz` files through its own gzip wrapper, which starts every record with
a new `zlib.compressobj(9)` at the default window (32 KB) and memory level (8). Measured
here (Python 3.11, zlib 1.2): setting one up and finishing it costs about 60 µs even for a
3 KB page, because deflate allocates and clears about 256 KB of state, and level 9 takes
1.5 ms on a 60 KB product page where level 6 takes 0.8 ms for a file 1.7 % larger. A crawl
writes two records per page (request and response), so on loopback that was more than half
of the crawler's time (2,700 pages/s with the WARC, 5,900 without; issue 20).

warcio stays the WARC writer (it builds the records, digests and headers); it is given,
uncompressed, this file-like object, which compresses what it receives at level 6 with an
8 KB window and memory level 5 (13 µs for a 3 KB page, 0.8 ms for 60 KB, within 1 % of the
default's size) and ends the gzip member when warcio ends a record. The result is the
layout the WARC standard recommends and `read_at` relies on: one gzip member per record,
so a record can be read from its offset and an interrupted file is valid up to its last
member.
"""

from __future__ import annotations

import zlib
from typing import IO

#: Deflate settings: level, window bits (13: 8 KB; +16 for a gzip header), memory level.
LEVEL, WINDOW_BITS, MEM_LEVEL = 6, 13, 5
#: How warcio ends every record; a member ends only after it, whatever else flushes.
_RECORD_END = b"\r\n\r\n"


class GzipMembers:
    """A writable for warcio's `WARCWriter(..., gzip=False)`: each record becomes one gzip
    member of `file`. warcio calls `flush()` once a record is written; a flush that comes
    before the record's closing blank lines does not cut the member."""

    __slots__ = ("_compressor", "_file", "_tail")

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        self._compressor: zlib._Compress | None = None
        self._tail = b""

    def write(self, data: bytes) -> int:
        if not data:
            return 0
        if self._compressor is None:
            self._compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, 16 + WINDOW_BITS, MEM_LEVEL)
        self._file.write(self._compressor.compress(data))
        self._tail = (self._tail + data[-len(_RECORD_END) :])[-len(_RECORD_END) :]
        return len(data)

    def flush(self) -> None:
        if self._compressor is not None and self._tail == _RECORD_END:
            self._file.write(self._compressor.flush())
            self._compressor = None
            self._tail = b""
        self._file.flush()

    def close(self) -> None:
        """Ends a member left open (a record warcio did not finish) and the file."""
        if self._compressor is not None:
            self._file.write(self._compressor.flush())
            self._compressor = None
        self._file.close()
