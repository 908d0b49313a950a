"""Attachment checks: the shared upload rules (core.uploads) and how many files one message may carry."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.uploads import ATTACHMENT_EXTENSIONS, IMAGE, MAX_SIZE, OFFICE, PDF, check_file

__all__ = ["ACCEPT", "IMAGE", "MAX_FILES", "MAX_SIZE", "OFFICE", "PDF", "check_upload", "check_uploads"]

MAX_FILES = 5
ACCEPT = ",".join(sorted(ATTACHMENT_EXTENSIONS))


def check_upload(upload):
    """Return the attachment kind, or raise ValidationError with a message naming the file."""
    return check_file(upload).kind


def check_uploads(uploads):
    """Check a list of uploads; all must pass, or none is accepted."""
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("一次最多上传 %(count)s 个附件。"), code="count", params={"count": MAX_FILES})
    errors = []
    kinds = []
    for upload in uploads:
        try:
            kinds.append(check_upload(upload))
        except ValidationError as exc:
            errors.extend(exc.error_list)
    if errors:
        raise ValidationError(errors)
    return kinds
