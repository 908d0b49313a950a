"""Private storage: files that belong to someone live outside MEDIA_ROOT, which is public.

``PRIVATE_MEDIA_ROOT`` (default ``private_media/`` beside the project) is read on every use,
so tests and deployments can move it. Such files have no URL: core.files.serve_file sends
them from a view that has checked who is asking.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return getattr(settings, "PRIVATE_MEDIA_ROOT", None) or settings.BASE_DIR / "private_media"

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no public URL; serve them through a permission-checked view")


def private_storage():
    """The callable a FileField's ``storage=`` takes (migrations refer to it, not to a settings value)."""
    return PrivateStorage()
