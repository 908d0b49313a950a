"""The Wagtail document form with the shared upload rules (WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

import os

from django.conf import settings
from wagtail.documents.forms import BaseDocumentForm

from core.uploads import MEGABYTE, TYPES, check_file

MAX_DOCUMENT_SIZE = 50 * MEGABYTE


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            extension = os.path.splitext(upload.name or "")[1].lower()
            # Plain text has no signature to check; every other allowed type must match its content.
            if extension in TYPES:
                allowed = [f".{ext}" for ext in settings.WAGTAILDOCS_EXTENSIONS]
                check_file(upload, extensions=allowed, max_size=MAX_DOCUMENT_SIZE)
        return upload
