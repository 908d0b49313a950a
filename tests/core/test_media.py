from pathlib import Path

import pytest
from django.test import override_settings


@pytest.fixture
def media_file(tmp_path):
    (tmp_path / "videos").mkdir()
    path = tmp_path / "videos" / "clip.mp4"
    path.write_bytes(bytes(range(256)) * 40)  # 10,240 bytes
    with override_settings(MEDIA_ROOT=tmp_path):
        yield path


def test_whole_file_with_type_and_validators(client, media_file):
    response = client.get("/media/videos/clip.mp4")
    assert response.status_code == 200
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == "10240"
    assert b"".join(response.streaming_content) == media_file.read_bytes()
    again = client.get("/media/videos/clip.mp4", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize(
    "header, start, end",
    [
        ("bytes=0-99", 0, 99),
        ("bytes=10000-", 10000, 10239),
        ("bytes=-40", 10200, 10239),
        ("bytes=100-99999", 100, 10239),
    ],
)
def test_byte_ranges_let_video_seek(client, media_file, header, start, end):
    response = client.get("/media/videos/clip.mp4", HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/10240"
    assert b"".join(response.streaming_content) == media_file.read_bytes()[start : end + 1]


def test_unsatisfiable_range(client, media_file):
    response = client.get("/media/videos/clip.mp4", HTTP_RANGE="bytes=20000-")
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */10240"


@pytest.mark.django_db
def test_paths_outside_media_and_missing_files_are_404(client, media_file):
    assert client.get("/media/../settings.py").status_code == 404
    assert client.get("/media/videos/../../etc/passwd").status_code == 404
    assert client.get("/media/videos/missing.mp4").status_code == 404


def test_captions_have_their_type(client, media_file):
    (media_file.parent / "clip.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\n合规\n", encoding="utf-8")
    response = client.get("/media/videos/clip.vtt")
    assert response["Content-Type"].startswith("text/vtt")


@pytest.mark.django_db
def test_private_documents_and_attachments_are_not_served_from_media(client, home, settings):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="内部资料")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title="内部制度", collection=private)
    document.file.save("制度.pdf", ContentFile(b"%PDF-1.4 secret"), save=True)
    assert client.get(f"/media/{document.file.name}").status_code == 404
    served = client.get(document.url)
    assert document.url.startswith("/documents/") and served.status_code == 302  # to sign-in
    assert "login" in served["Location"]

    attachment = Path(settings.MEDIA_ROOT) / "consult" / "2026" / "12" / "a.pdf"
    attachment.parent.mkdir(parents=True, exist_ok=True)
    attachment.write_bytes(b"%PDF-1.4 private")
    assert client.get("/media/consult/2026/12/a.pdf").status_code == 404
