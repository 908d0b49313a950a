"""Upload rules: pixel limit read from the header, an inflate bound on Office files, name/type/content agree."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.uploads import MAX_INFLATED, check_file


def png_header(width, height):
    """A PNG whose header claims width×height, with one tiny data chunk: a few dozen bytes."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


def real_png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


def real_jpeg(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="JPEG")
    return buffer.getvalue()


def docx_bytes(inflated=0):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            part.write(b"<document/>")
            zeros = b"0" * (1024 * 1024)
            for _ in range(inflated // len(zeros)):
                part.write(zeros)
    return buffer.getvalue()


def refused(upload):
    with pytest.raises(ValidationError) as excinfo:
        check_file(upload)
    return " ".join(excinfo.value.messages)


def test_good_files_pass():
    assert check_file(SimpleUploadedFile("照片.png", real_png(), content_type="image/png")).kind == "image"
    assert check_file(SimpleUploadedFile("照片.jpg", real_jpeg(), content_type="image/jpeg")).kind == "image"
    docx = check_file(SimpleUploadedFile("制度.docx", docx_bytes(), content_type="application/octet-stream"))
    assert docx.kind == "office" and docx.content_type.endswith("wordprocessingml.document")


def test_a_20000_by_20000_png_is_refused_naming_the_limit():
    message = refused(SimpleUploadedFile("大图.png", png_header(20000, 20000), content_type="image/png"))
    assert "4000 万像素（40 MP）的上限" in message and "大图.png" in message


def test_a_png_just_over_the_limit_names_its_size():
    message = refused(SimpleUploadedFile("大图.png", png_header(8000, 6000), content_type="image/png"))
    assert "8000×6000" in message and "4000 万像素" in message


def test_a_docx_that_inflates_to_200_mb_is_refused_naming_the_limit():
    data = docx_bytes(inflated=200 * 1024 * 1024)
    assert len(data) < 1024 * 1024  # small on the wire
    message = refused(SimpleUploadedFile("制度.docx", data, content_type="application/octet-stream"))
    assert f"解压后超过 {MAX_INFLATED // (1024 * 1024)} MB 的上限" in message


def test_a_zip_whose_headers_understate_the_size_is_still_bounded(monkeypatch):
    # Even when the declared sizes pass, what really comes out is counted.
    monkeypatch.setattr("core.uploads.MAX_INFLATE_RATIO", 10**9)
    monkeypatch.setattr("core.uploads.MAX_INFLATED", 5 * 1024 * 1024)
    message = refused(SimpleUploadedFile("制度.docx", docx_bytes(inflated=6 * 1024 * 1024), content_type=""))
    assert "解压后超过 5 MB" in message


def test_html_behind_a_png_header_is_refused():
    html = b"\x89PNG\r\n\x1a\n<html><script>alert(document.cookie)</script></html>"
    assert "内容与扩展名 .png 不符" in refused(SimpleUploadedFile("头像.png", html, content_type="image/png"))
    assert "声明的类型 text/html" in refused(
        SimpleUploadedFile("头像.png", real_png(), content_type="text/html")
    )


def test_a_jpeg_named_png_is_refused():
    jpeg_bytes_as_png = b"\x89PNG\r\n\x1a\n" + real_jpeg()[3:]
    assert "不符" in refused(SimpleUploadedFile("照片.png", jpeg_bytes_as_png))
    assert "不符" in refused(SimpleUploadedFile("照片.jpg", real_png()))


def test_declared_type_must_fit_the_extension():
    pdf = b"%PDF-1.4\n" + b"0" * 100
    assert check_file(SimpleUploadedFile("合同.pdf", pdf, content_type="application/pdf")).kind == "pdf"
    assert "声明的类型 image/png" in refused(SimpleUploadedFile("合同.pdf", pdf, content_type="image/png"))


@pytest.mark.django_db
def test_wagtail_documents_and_images_use_the_limits(admin_client):
    from wagtail.documents import get_document_model

    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "炸弹",
            "file": SimpleUploadedFile("制度.docx", docx_bytes(inflated=200 * 1024 * 1024)),
            "collection": 1,
        },
    )
    assert response.status_code == 200
    assert "解压后超过" in response.content.decode(), response.context["form"].errors
    assert not get_document_model().objects.exists()

    response = admin_client.post(
        "/admin/images/add/",
        {"title": "大图", "file": SimpleUploadedFile("大图.png", png_header(20000, 20000)), "collection": 1},
    )
    assert response.status_code == 200
    from wagtail.images import get_image_model

    assert not get_image_model().objects.exists()
