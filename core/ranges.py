"""HTTP byte ranges (RFC 9110 §14): one parser and one response for every file the site streams.

Video players seek with ``Range: bytes=…`` requests. A single range is answered with 206 and the
clamped slice; an unsatisfiable one with 416; anything else we do not serve as a range (several
ranges, another unit, a malformed header) is answered with the whole file, as the RFC allows.
"""

import re
from dataclasses import dataclass

from django.http import FileResponse, HttpResponse

_SINGLE_RANGE = re.compile(r"^bytes=([0-9]*)-([0-9]*)$")  # ASCII digits only: \d also matches ١٢
BLOCK_SIZE = 64 * 1024


class RangeNotSatisfiable(Exception):
    """The range asks for no byte the file has."""


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range

    @property
    def length(self):
        return self.end - self.start + 1

    def content_range(self, size):
        return f"bytes {self.start}-{self.end}/{size}"


def parse_range(header, size):
    """The ByteRange a ``Range`` header asks of a ``size``-byte file, clamped to the file; None for
    "send the whole file"; raises RangeNotSatisfiable when no requested byte exists."""
    match = _SINGLE_RANGE.match((header or "").strip())
    if not match or not (match.group(1) or match.group(2)):
        return None
    first, last = match.groups()
    if first:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    else:  # "bytes=-N": the last N bytes
        start, end = max(size - int(last), 0), size - 1
    if start >= size or start > end:
        raise RangeNotSatisfiable
    return ByteRange(start, end)


class RangeFileWrapper:
    """Yield ``length`` bytes of ``file`` from its current position, in blocks; close it at the end."""

    def __init__(self, file, length, block_size=BLOCK_SIZE):
        self.file, self.remaining, self.block_size = file, length, block_size

    def __iter__(self):
        try:
            while self.remaining > 0:
                data = self.file.read(min(self.block_size, self.remaining))
                if not data:
                    break
                self.remaining -= len(data)
                yield data
        finally:
            self.file.close()

    def close(self):
        self.file.close()


def ranged_file_response(request, open_file, size, content_type):
    """The whole file (200), the requested slice (206) or 416, with ``Accept-Ranges``.

    ``open_file()`` returns the file opened for binary reading; it is called only when bytes are sent,
    and the response closes it.
    """
    try:
        byte_range = parse_range(request.headers.get("Range"), size)
    except RangeNotSatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    file = open_file()
    if byte_range is None:
        response = FileResponse(file, content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        file.seek(byte_range.start)
        response = FileResponse(
            RangeFileWrapper(file, byte_range.length), status=206, content_type=content_type
        )
        response["Content-Range"] = byte_range.content_range(size)
        response["Content-Length"] = str(byte_range.length)
    response["Accept-Ranges"] = "bytes"
    return response
