"""Evidence files: the shared upload rules (core.uploads) and private storage.

Evidence never lives under MEDIA_ROOT, which is served to anyone: it is kept
in a private folder and served only through the permission-checked views.
"""

from core.storage import PrivateStorage, private_storage
from core.uploads import MAX_SIZE, check_file

__all__ = ["ACCEPT", "ALLOWED_EXTENSIONS", "MAX_SIZE", "PrivateStorage", "check_upload", "private_storage"]

ALLOWED_EXTENSIONS = [".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".pptx"]
ACCEPT = ",".join(ALLOWED_EXTENSIONS)


def check_upload(upload):
    """Accept a PDF, JPG/PNG or Word/Excel/PowerPoint file whose name, declared type and content agree."""
    return check_file(upload, extensions=ALLOWED_EXTENSIONS)
