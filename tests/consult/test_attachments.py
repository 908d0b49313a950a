"""Attachments: allowed by extension AND content, within the size limit; refused ones save nothing."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from consult import services
from consult.attachments import MAX_SIZE, check_upload, check_uploads
from consult.models import Attachment, ConsultationRequest, Message

from .factories import docx_file, pdf_file, png_file, submit


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="JPEG")
    return buffer.getvalue()


def files_under(root):
    return [name for _dirs, _subdirs, names in os.walk(root) for name in names]


@pytest.mark.parametrize(
    "upload, kind",
    [
        (pdf_file(), "pdf"),
        (png_file(), "image"),
        (SimpleUploadedFile("照片.JPG", jpeg_bytes(), content_type="image/jpeg"), "image"),
        (docx_file(), "office"),
        (
            SimpleUploadedFile(
                "旧表格.xls",
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40,
                content_type="application/vnd.ms-excel",
            ),
            "office",
        ),
    ],
)
def test_good_files_pass(upload, kind):
    assert check_upload(upload) == kind


@pytest.mark.parametrize(
    "upload, words",
    [
        (SimpleUploadedFile("setup.exe", b"MZ\x90\x00"), "文件类型不受支持"),
        (SimpleUploadedFile("说明.txt", b"hello"), "文件类型不受支持"),
        (SimpleUploadedFile("没有扩展名", b"%PDF-1.4"), "文件类型不受支持"),
        # Renamed: an executable calling itself a PDF.
        (SimpleUploadedFile("合同.pdf", b"MZ\x90\x00" + b"\x00" * 40), "内容与扩展名 .pdf 不符"),
        # A PNG calling itself a JPEG.
        (SimpleUploadedFile("照片.jpg", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20), "内容与扩展名 .jpg 不符"),
        # A plain zip is not a Word document.
        (SimpleUploadedFile("方案.docx", b"PK\x03\x04" + b"\x00" * 40), "内容与扩展名 .docx 不符"),
        (pdf_file("大文件.pdf", size=MAX_SIZE + 1), "超过 10 MB 的上限"),
        (SimpleUploadedFile("空.pdf", b""), "空文件"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(upload, words):
    with pytest.raises(ValidationError) as excinfo:
        check_upload(upload)
    message = " ".join(excinfo.value.messages)
    assert words in message
    assert os.path.basename(upload.name) in message


def test_a_docx_that_is_really_an_xlsx_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("报告.docx", buffer.getvalue()))
    assert (
        check_upload(SimpleUploadedFile("报告.xlsx", buffer.getvalue(), content_type="application/zip"))
        == "office"
    )


def test_at_most_five_files():
    with pytest.raises(ValidationError, match="最多上传 5 个"):
        check_uploads([pdf_file(f"{n}.pdf") for n in range(6)])


def test_one_bad_file_refuses_the_lot(desk, settings):
    with pytest.raises(ValidationError):
        submit(desk.asker, files=[pdf_file(), SimpleUploadedFile("病毒.pdf", b"MZ" + b"\x00" * 30)])
    assert not ConsultationRequest.objects.exists()
    assert not Attachment.objects.exists()
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []


def test_staff_answer_with_a_bad_file_saves_nothing(desk, settings):
    request = submit(desk.asker)
    with pytest.raises(ValidationError):
        services.answer(request, desk.justice_staff, "见附件", files=[pdf_file("大.pdf", size=MAX_SIZE + 10)])
    request.refresh_from_db()
    assert request.answered_at is None
    assert not Message.objects.exists()
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []


def test_good_files_are_stored_under_random_names(desk, settings):
    request = submit(desk.asker, files=[pdf_file("劳动合同.pdf"), png_file(), docx_file()])
    stored = list(request.attachments.order_by("pk"))
    assert [a.original_name for a in stored] == ["劳动合同.pdf", "现场照片.png", "整改方案.docx"]
    assert [a.kind for a in stored] == ["pdf", "image", "office"]
    assert all("劳动合同" not in a.file.name for a in stored)
    assert len(files_under(settings.PRIVATE_MEDIA_ROOT)) == 3
    assert files_under(settings.MEDIA_ROOT) == []  # nothing under the public media folder
