"""Download names that keep their Chinese: RFC 6266 ``filename*`` plus a readable ASCII fallback.

Browsers use ``filename*`` (UTF-8, percent-encoded, RFC 5987); clients that ignore it get
``filename``, which must still say what the file is (``guideline-footwear.pdf``, never
``.pdf`` or ``-1.pdf``).
"""

import re
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.text import slugify

UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def safe_filename(name):
    """``name`` without path separators, quotes or control characters (Chinese kept)."""
    cleaned = UNSAFE_IN_NAME.sub("-", str(name)).strip(" .-")
    return cleaned or "download"


def ascii_filename(name, fallback):
    """An ASCII file name: ``name`` itself when it is ASCII, else ``fallback`` (itself made safe)."""
    stem, dot, extension = str(name).rpartition(".")
    if not dot:
        stem, extension = str(name), ""
    if stem.isascii() and slugify(stem):
        candidate = f"{slugify(stem)}.{extension}" if extension else slugify(stem)
    else:
        fallback_stem, fallback_dot, fallback_extension = str(fallback).rpartition(".")
        if not fallback_dot:
            fallback_stem, fallback_extension = str(fallback), extension
        candidate = slugify(fallback_stem) or "download"
        if fallback_extension:
            candidate = f"{candidate}.{fallback_extension}"
    return candidate


def content_disposition(filename, fallback, inline=False):
    """The header value: ``attachment; filename="guideline-footwear.pdf"; filename*=UTF-8''…``."""
    filename = safe_filename(filename)
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{ascii_filename(filename, fallback)}\"; filename*=UTF-8''{quote(filename)}"


def attachment_response(data, content_type, filename, fallback, inline=False):
    """An HttpResponse with ``data`` to be saved as ``filename`` (``fallback``: its ASCII name)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, fallback, inline=inline)
    return response
