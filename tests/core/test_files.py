"""Private files: stored outside MEDIA_ROOT, sent only by permission-checked views, never cached shared."""

import pytest
from django.core.files.base import ContentFile
from django.test import RequestFactory

from core.files import serve_file
from core.storage import PrivateStorage

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    storage = PrivateStorage()
    name = storage.save("lessons/课程.mp4", ContentFile(b"0123456789" * 100))
    from django.db.models import FileField
    from django.db.models.fields.files import FieldFile

    field = FileField(storage=storage)
    field.name = "file"
    return FieldFile(None, field, name)


def test_private_storage_has_no_url(stored):
    with pytest.raises(ValueError):
        stored.url  # noqa: B018


def test_served_by_django_with_ranges_and_private_caching(stored):
    request = RequestFactory().get("/x", HTTP_RANGE="bytes=10-19")
    response = serve_file(request, stored, filename="课程.mp4", content_type="video/mp4", as_attachment=False)
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == b"0123456789"
    assert response["Content-Range"] == "bytes 10-19/1000"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("inline;")


@pytest.mark.parametrize(
    "method, header, expected",
    [
        ("x-accel-redirect", "X-Accel-Redirect", "/_private/lessons/"),
        ("x-sendfile", "X-Sendfile", "/private/lessons/"),
    ],
)
def test_a_proxy_can_send_the_bytes(stored, settings, method, header, expected):
    settings.PRIVATE_FILES_SERVE = method
    response = serve_file(RequestFactory().get("/x"), stored, filename="课程.mp4")
    assert expected in response[header]
    assert response.content == b""
    assert response["Cache-Control"] == "private, no-store"


def test_a_missing_file_is_404(stored):
    from django.http import Http404

    stored.storage.delete(stored.name)
    with pytest.raises(Http404):
        serve_file(RequestFactory().get("/x"), stored)
