"""One gzip member per WARC record, compressed at a cost the crawl can afford.

warcio writes `.warc.gz` files through its own gzip wrapper, which compresses every record
at level 9. Writing the WARC is a large share of a crawl (on loopback, 3 KB pages: 2,700
pages/s with it, 5,900 without; issue 20), and on pages of real size compression is most
of it: level 9 takes 1.5 ms on a 60 KB product page where level 6 takes 0.8 ms for a
member 1.7 % larger. (On 3 KB pages the level makes no difference: about 120 µs a page
either way, most of it warcio building the records.)

warcio stays the WARC writer (it builds the records, digests and headers); it is given,
uncompressed, this file-like object, which compresses what it receives at level 6 with an
8 KB window and memory level 5 and ends the gzip member when warcio ends a record: 1.05
against 1.69 ms for writing a 60 KB page's records, for a member 1.3 % larger (12,170
against 12,020 bytes on the planted benchmark's pages). The result is the layout the WARC
standard recommends and `read_at` relies on: one gzip member per record,
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
