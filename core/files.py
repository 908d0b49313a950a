"""Send a private file from a view that has already checked who is asking.

``PRIVATE_FILES_SERVE`` chooses how: ``"django"`` (default) streams it from the app server
with byte ranges (core.ranges) for video players; ``"x-accel-redirect"`` (nginx) and
``"x-sendfile"`` (Apache, lighttpd) hand the path to the proxy, which must map
``PRIVATE_FILES_INTERNAL_URL`` to PRIVATE_MEDIA_ROOT as an internal-only location. Every answer
is ``Cache-Control: private, no-store`` and ``nosniff``: no shared cache keeps a copy.
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse

from core.downloads import content_disposition
from core.ranges import ranged_file_response

DJANGO = "django"
X_ACCEL_REDIRECT = "x-accel-redirect"
X_SENDFILE = "x-sendfile"


def serve_file(request, field_file, filename=None, content_type=None, as_attachment=True):
    """The response for ``field_file`` (a FieldFile on private storage); 404 when the file is gone."""
    if not field_file or not field_file.storage.exists(field_file.name):
        raise Http404
    filename = filename or field_file.name.rsplit("/", 1)[-1]
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    method = getattr(settings, "PRIVATE_FILES_SERVE", DJANGO)
    if method == X_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        prefix = getattr(settings, "PRIVATE_FILES_INTERNAL_URL", "/_private/")
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field_file.name)
    elif method == X_SENDFILE:
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = field_file.path
    else:
        size = field_file.size
        response = ranged_file_response(
            request, lambda: field_file.storage.open(field_file.name, "rb"), size, content_type
        )
        if response.status_code == 416:
            return response
    extension = filename.rpartition(".")[2] if "." in filename else ""
    fallback = f"file.{extension}" if extension.isascii() and extension else "file"
    response["Content-Disposition"] = content_disposition(filename, fallback, inline=not as_attachment)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
