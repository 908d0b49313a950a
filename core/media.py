"""Serve uploaded media with correct types, caching validators and byte ranges.

Video players seek with HTTP Range requests; Django's static serve view answers
them with the whole file. Deployments with a proxy or object storage serve media
themselves; this view is for the app server alone (``SERVE_MEDIA``).
"""

import mimetypes
import os
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

from core.downloads import content_disposition
from core.ranges import ranged_file_response

mimetypes.add_type("text/vtt", ".vtt")
mimetypes.add_type("video/mp4", ".mp4")
mimetypes.add_type("video/webm", ".webm")


# Folders under MEDIA_ROOT whose files belong to someone: only their permission-checked
# views serve them (Wagtail's document serve view, the consultation attachment view).
PRIVATE_FOLDERS = ("documents", "consult")


def _resolve(path):
    root = Path(settings.MEDIA_ROOT).resolve()
    full = (root / path).resolve()
    if not full.is_relative_to(root) or not full.is_file():
        raise Http404
    if full.relative_to(root).parts[0] in PRIVATE_FOLDERS:
        raise Http404
    return full


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

    response = ranged_file_response(request, lambda: open(full, "rb"), size, content_type)  # noqa: SIM115
    if response.status_code == 416:
        return response
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = "public, max-age=3600"
    if content_type.startswith(("text/html", "image/svg")):
        # Uploaded HTML/SVG could carry script: never render it inline from our origin.
        name = os.path.basename(full.name)
        response["Content-Disposition"] = content_disposition(name, "download" + os.path.splitext(name)[1])
    return response
