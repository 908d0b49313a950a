"""Upload rules shared by every file field: the name, the declared type and the content must agree.

A file is accepted only when its extension is allowed, the type the browser
declared (if any) fits that extension, the leading bytes are that kind of file,
an image stays under the pixel limit (read from the header, never decoded) and
an Office package stays under the bound on what it unpacks to.
"""

import hashlib
import os
import warnings
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MEGABYTE = 1024 * 1024
MAX_SIZE = 10 * MEGABYTE
MAX_PIXELS = 40_000_000  # phones scale 48-megapixel photos down; decompression bombs are far bigger
MAX_INFLATED = 100 * MEGABYTE  # what an Office (zip) package may unpack to, all parts together
MAX_INFLATE_RATIO = 200

PDF = "pdf"
IMAGE = "image"
OFFICE = "office"
ARCHIVE = "archive"

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.ppt (Compound File Binary)
ZIP_MAGIC = b"PK\x03\x04"

OOXML = {
    ".docx": ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pptx": ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
# extension -> (kind, stored content type, declared types a browser may send for it)
TYPES = {
    ".pdf": (PDF, "application/pdf", {"application/pdf", "application/x-pdf"}),
    ".jpg": (IMAGE, "image/jpeg", {"image/jpeg", "image/pjpeg", "image/jpg"}),
    ".jpeg": (IMAGE, "image/jpeg", {"image/jpeg", "image/pjpeg", "image/jpg"}),
    ".png": (IMAGE, "image/png", {"image/png", "image/x-png"}),
    ".doc": (OFFICE, "application/msword", {"application/msword"}),
    ".xls": (OFFICE, "application/vnd.ms-excel", {"application/vnd.ms-excel", "application/excel"}),
    ".ppt": (OFFICE, "application/vnd.ms-powerpoint", {"application/vnd.ms-powerpoint"}),
    **{ext: (OFFICE, ctype, {ctype, "application/zip"}) for ext, (_folder, ctype) in OOXML.items()},
    ".zip": (ARCHIVE, "application/zip", {"application/zip", "application/x-zip-compressed"}),
}
# Types a browser sends when it does not know: they say nothing, so they cannot disagree.
UNDECLARED = {"", "application/octet-stream", "binary/octet-stream", "application/x-download"}

ATTACHMENT_EXTENSIONS = [".pdf", ".jpg", ".jpeg", ".png", ".doc", ".xls", ".ppt", ".docx", ".xlsx", ".pptx"]


@dataclass
class CheckedUpload:
    file: object
    name: str
    kind: str
    content_type: str
    size: int
    sha256: str


def safe_name(name):
    """The file's own name without folders or characters a file system or header would trip on."""
    name = os.path.basename((name or "").replace("\\", "/")).strip()
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"/|?*')
    return name[-150:] or "file"


def _mismatch(name, extension):
    return ValidationError(
        _("“%(name)s”的内容与扩展名 %(ext)s 不符，可能已损坏或被改名，请检查后重新上传。"),
        code="content",
        params={"name": name, "ext": extension},
    )


def _pixel_error(name, width=None, height=None):
    if width and height:
        return ValidationError(
            _("“%(name)s”为 %(w)s×%(h)s 像素，超过 %(limit)s 万像素（%(mp)s MP）的上限，请缩小后重新上传。"),
            code="pixels",
            params={
                "name": name,
                "w": width,
                "h": height,
                "limit": MAX_PIXELS // 10_000,
                "mp": MAX_PIXELS // 1_000_000,
            },
        )
    return ValidationError(
        _("“%(name)s”的像素超过 %(limit)s 万像素（%(mp)s MP）的上限，请缩小后重新上传。"),
        code="pixels",
        params={"name": name, "limit": MAX_PIXELS // 10_000, "mp": MAX_PIXELS // 1_000_000},
    )


def check_image(upload, name, extension):
    """Read the image header (no decoding) for its size, then let Pillow verify the structure."""
    from PIL import Image

    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise _pixel_error(name, width, height)
                if image.format not in ("PNG", "JPEG") or TYPES[extension][1] != Image.MIME[image.format]:
                    raise _mismatch(name, extension)
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _pixel_error(name) from None
    except Exception:  # Pillow raises many kinds for a broken or disguised file
        raise _mismatch(name, extension) from None
    finally:
        upload.seek(0)


def check_zip(upload, name, extension, folder=None):
    """A zip (or OOXML package) whose parts unpack to at most MAX_INFLATED, counted while inflating."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if folder and (
                "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names)
            ):
                raise _mismatch(name, extension)
            declared = sum(info.file_size for info in infos)
            packed = max(sum(info.compress_size for info in infos), 1)
            too_big = declared > MAX_INFLATED or declared / packed > MAX_INFLATE_RATIO
            if not too_big:
                # The headers could lie about sizes: count what really comes out, and stop at the bound.
                total = 0
                for info in infos:
                    with archive.open(info) as part:
                        while chunk := part.read(MEGABYTE):
                            total += len(chunk)
                            if total > MAX_INFLATED:
                                too_big = True
                                break
                    if too_big:
                        break
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _mismatch(name, extension) from None
    finally:
        upload.seek(0)
    if too_big:
        raise ValidationError(
            _("“%(name)s”解压后超过 %(limit)s MB 的上限，可能是压缩炸弹，已拒绝。"),
            code="inflated",
            params={"name": name, "limit": MAX_INFLATED // MEGABYTE},
        )


def check_file(upload, extensions=ATTACHMENT_EXTENSIONS, max_size=MAX_SIZE):
    """Check one upload against the rules above; return what was found or raise a ValidationError."""
    if upload is None:
        raise ValidationError(_("请选择要上传的文件。"), code="required")
    name = safe_name(upload.name)
    extension = os.path.splitext(name)[1].lower()
    if extension not in extensions or extension not in TYPES:
        raise ValidationError(
            _("“%(name)s”的文件类型不受支持。仅可上传 PDF、JPG/PNG 图片或 Word、Excel、PowerPoint 文档。"),
            code="type",
            params={"name": name},
        )
    if not upload.size:
        raise ValidationError(_("“%(name)s”是空文件。"), code="empty", params={"name": name})
    if upload.size > max_size:
        raise ValidationError(
            _("“%(name)s”大小为 %(size)s，超过 %(limit)s 的上限。"),
            code="size",
            params={
                "name": name,
                "size": f"{upload.size / MEGABYTE:.1f} MB",
                "limit": f"{max_size // MEGABYTE} MB",
            },
        )
    kind, content_type, declarable = TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if kind == PDF:
        if not head.startswith(PDF_MAGIC):
            raise _mismatch(name, extension)
    elif kind == IMAGE:
        if not head.startswith(PNG_MAGIC if extension == ".png" else JPEG_MAGIC):
            raise _mismatch(name, extension)
        check_image(upload, name, extension)
    elif extension in OOXML:
        if not head.startswith(ZIP_MAGIC):
            raise _mismatch(name, extension)
        check_zip(upload, name, extension, folder=OOXML[extension][0])
    elif kind == OFFICE:
        if not head.startswith(OLE2_MAGIC):
            raise _mismatch(name, extension)
    elif kind == ARCHIVE:
        if not head.startswith(ZIP_MAGIC):
            raise _mismatch(name, extension)
        check_zip(upload, name, extension)
    declared = (getattr(upload, "content_type", None) or "").split(";")[0].strip().lower()
    if declared not in UNDECLARED and declared not in declarable:
        raise ValidationError(
            _("“%(name)s”声明的类型 %(type)s 与扩展名 %(ext)s 不符，已拒绝。"),
            code="declared",
            params={"name": name, "type": declared, "ext": extension},
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(64 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(upload, name, kind, content_type, upload.size, digest.hexdigest())


def validate_upload(upload):
    """Model/form field validator form of check_file, for fields that only need the yes/no."""
    check_file(upload)
