"""Evidence files: the shared upload rules (core.uploads) and private storage.

Evidence never lives under MEDIA_ROOT, which is served to anyone: it is kept
in a private folder and served only through the permission-checked views.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage

from core.uploads import MAX_SIZE, check_file

__all__ = ["ACCEPT", "ALLOWED_EXTENSIONS", "MAX_SIZE", "PrivateStorage", "check_upload", "private_storage"]

ALLOWED_EXTENSIONS = [".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".pptx"]
ACCEPT = ",".join(ALLOWED_EXTENSIONS)


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (default ``private_media/``), read from settings on every use."""

    @property
    def base_location(self):
        return getattr(settings, "PRIVATE_MEDIA_ROOT", None) or settings.BASE_DIR / "private_media"

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no public URL; serve them through a permission-checked view")


def private_storage():
    return PrivateStorage()


def check_upload(upload):
    """Accept a PDF, JPG/PNG or Word/Excel/PowerPoint file whose name, declared type and content agree."""
    return check_file(upload, extensions=ALLOWED_EXTENSIONS)
