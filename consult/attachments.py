"""Attachment checks: the extension must be allowed AND the content must really be that kind of file."""

import os
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MEGABYTE = 1024 * 1024
MAX_SIZE = 10 * MEGABYTE
MAX_FILES = 5

PDF = "pdf"
IMAGE = "image"
OFFICE = "office"

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.ppt (Compound File Binary)
ZIP_MAGIC = b"PK\x03\x04"
# OOXML packages are zip files with a content-types part and their own top folder.
OOXML_FOLDERS = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}

# Allowed extensions and the kind each one is stored as.
ALLOWED = {
    ".pdf": PDF,
    ".jpg": IMAGE,
    ".jpeg": IMAGE,
    ".png": IMAGE,
    ".doc": OFFICE,
    ".xls": OFFICE,
    ".ppt": OFFICE,
    ".docx": OFFICE,
    ".xlsx": OFFICE,
    ".pptx": OFFICE,
}
ACCEPT = ",".join(sorted(ALLOWED))


def _megabytes(size):
    return f"{size / MEGABYTE:.1f} MB"


def _is_ooxml(upload, extension):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(name.startswith(OOXML_FOLDERS[extension]) for name in names)


def _content_matches(upload, extension):
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in (".doc", ".xls", ".ppt"):
        return head.startswith(OLE2_MAGIC)
    if extension in OOXML_FOLDERS:
        return head.startswith(ZIP_MAGIC) and _is_ooxml(upload, extension)
    return False


def check_upload(upload):
    """Return the attachment kind, or raise ValidationError with a message naming the file."""
    name = os.path.basename(upload.name or "")
    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED:
        raise ValidationError(
            _("“%(name)s”的文件类型不受支持。仅可上传 PDF、JPG/PNG 图片或 Word、Excel、PowerPoint 文档。"),
            code="type",
            params={"name": name},
        )
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("“%(name)s”大小为 %(size)s,超过 %(limit)s 的上限。"),
            code="size",
            params={"name": name, "size": _megabytes(upload.size), "limit": f"{MAX_SIZE // MEGABYTE} MB"},
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s”是空文件。"), code="empty", params={"name": name})
    if not _content_matches(upload, extension):
        raise ValidationError(
            _("“%(name)s”的内容与扩展名 %(ext)s 不符,可能已损坏或被改名,请检查后重新上传。"),
            code="content",
            params={"name": name, "ext": extension},
        )
    return ALLOWED[extension]


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
