"""Serve uploaded media with correct types, caching validators and byte ranges.

Video players seek with HTTP Range requests; Django's static serve view answers
them with the whole file. Deployments with a proxy or object storage serve media
themselves; this view is for the app server alone (``SERVE_MEDIA``).
"""

import mimetypes
import os
import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
mimetypes.add_type("text/vtt", ".vtt")
mimetypes.add_type("video/mp4", ".mp4")
mimetypes.add_type("video/webm", ".webm")


def _resolve(path):
    root = Path(settings.MEDIA_ROOT).resolve()
    full = (root / path).resolve()
    if not full.is_relative_to(root) or not full.is_file():
        raise Http404
    return full


class RangeFileWrapper:
    """Yield ``length`` bytes of ``file`` from its current position, in blocks."""

    def __init__(self, file, length, block_size=64 * 1024):
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


@require_safe
def serve_media(request, path):
    full = _resolve(path)
    stat = full.stat()
    size = stat.st_size
    etag = f'"{int(stat.st_mtime)}-{size}"'
    content_type = mimetypes.guess_type(full.name)[0] or "application/octet-stream"
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if since and int(stat.st_mtime) <= since and "If-None-Match" not in request.headers:
        return HttpResponseNotModified()

    range_header = request.headers.get("Range", "")
    match = RANGE_RE.match(range_header.strip()) if range_header else None
    if match and (match.group(1) or match.group(2)):
        first, last = match.group(1), match.group(2)
        if first:
            start, end = int(first), int(last) if last else size - 1
        else:  # "bytes=-N": the last N bytes
            start, end = max(size - int(last), 0), size - 1
        end = min(end, size - 1)
        if start > end or start >= size:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        file = open(full, "rb")  # noqa: SIM115 (closed by the wrapper)
        file.seek(start)
        response = FileResponse(
            RangeFileWrapper(file, end - start + 1), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        response = FileResponse(open(full, "rb"), content_type=content_type)  # noqa: SIM115
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = "public, max-age=3600"
    if content_type.startswith(("text/html", "image/svg")):
        # Uploaded HTML/SVG could carry script: never render it inline from our origin.
        response["Content-Disposition"] = f'attachment; filename="{os.path.basename(full.name)}"'
    return response
