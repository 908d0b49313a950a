"""Evidence files: the upload rules (type by content, size, pixel and inflate limits) and private storage.

Evidence never lives under MEDIA_ROOT, which is served to anyone: it is kept
in a private folder and served only through the permission-checked views.
"""

import hashlib
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

MEGABYTE = 1024 * 1024
MAX_SIZE = 10 * MEGABYTE
MAX_PIXELS = 40_000_000  # a 48-megapixel phone photo is scaled down by the phone first; bombs are far bigger
MAX_INFLATED = 100 * MEGABYTE  # what an OOXML package may unpack to
MAX_INFLATE_RATIO = 100

IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
OOXML_TYPES = {
    ".docx": ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pptx": ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
ALLOWED_EXTENSIONS = [".pdf", *IMAGE_TYPES, *OOXML_TYPES]
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


@dataclass
class CheckedUpload:
    file: object
    name: str
    content_type: str
    size: int
    sha256: str


def _safe_name(name):
    name = os.path.basename((name or "").replace("\\", "/")).strip()
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"/|?*')
    return name[-150:] or "file"


def _check_image(upload, name):
    from PIL import Image

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("“%(name)s”的像素过大(%(w)s×%(h)s),请缩小到 4000 万像素以内后上传。")
                    % {"name": name, "w": width, "h": height}
                )
            image.verify()
    except ValidationError:
        raise
    except Exception:  # Pillow raises many kinds for a broken or disguised file
        raise ValidationError(_("“%(name)s”不是有效的图片文件。") % {"name": name}) from None
    finally:
        upload.seek(0)


def _check_ooxml(upload, name, folder):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        infos = None
    finally:
        upload.seek(0)
    names = [info.filename for info in infos or []]
    if not infos or "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
        raise ValidationError(_("“%(name)s”的内容与扩展名不符,可能已损坏或被改名。") % {"name": name})
    inflated = sum(info.file_size for info in infos)
    packed = max(sum(info.compress_size for info in infos), 1)
    if inflated > MAX_INFLATED or inflated / packed > MAX_INFLATE_RATIO:
        raise ValidationError(_("“%(name)s”解压后过大,可能是压缩炸弹,已拒绝。") % {"name": name})


def check_upload(upload):
    """Accept a PDF, JPG/PNG or Word/Excel/PowerPoint file whose content matches its name; else raise."""
    if upload is None:
        raise ValidationError(_("请选择要上传的文件。"))
    name = _safe_name(upload.name)
    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("“%(name)s”的文件类型不受支持。仅可上传 PDF、JPG/PNG 图片或 Word、Excel、PowerPoint 文档。")
            % {"name": name}
        )
    if not upload.size:
        raise ValidationError(_("“%(name)s”是空文件。") % {"name": name})
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("“%(name)s”大小为 %(size).1f MB,超过 10 MB 的上限。")
            % {"name": name, "size": upload.size / MEGABYTE}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension == ".pdf":
        if not head.startswith(b"%PDF-"):
            raise ValidationError(_("“%(name)s”不是有效的 PDF 文件。") % {"name": name})
        content_type = "application/pdf"
    elif extension in IMAGE_TYPES:
        expected = b"\x89PNG\r\n\x1a\n" if extension == ".png" else b"\xff\xd8\xff"
        if not head.startswith(expected):
            raise ValidationError(_("“%(name)s”的内容与扩展名不符,可能已损坏或被改名。") % {"name": name})
        _check_image(upload, name)
        content_type = IMAGE_TYPES[extension]
    else:
        folder, content_type = OOXML_TYPES[extension]
        _check_ooxml(upload, name, folder)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(64 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(upload, name, content_type, upload.size, digest.hexdigest())
