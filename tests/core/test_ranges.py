"""core.ranges: the one byte-range parser behind media serving and lesson video."""

import pytest
from django.test import RequestFactory, override_settings

from core.ranges import ByteRange, RangeNotSatisfiable, parse_range, ranged_file_response

SIZE = 1000


@pytest.mark.parametrize(
    "header, expected",
    [
        ("bytes=0-0", ByteRange(0, 0)),
        ("bytes=0-99", ByteRange(0, 99)),
        ("bytes=500-", ByteRange(500, 999)),
        ("bytes=999-", ByteRange(999, 999)),
        ("bytes=-1", ByteRange(999, 999)),
        ("bytes=-100", ByteRange(900, 999)),
        # Clamped to the file: an end past it, a suffix longer than it.
        ("bytes=100-5000", ByteRange(100, 999)),
        ("bytes=-5000", ByteRange(0, 999)),
        ("  bytes=1-2  ", ByteRange(1, 2)),
    ],
)
def test_single_ranges_are_clamped_to_the_file(header, expected):
    assert parse_range(header, SIZE) == expected


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "bytes=-",
        "bytes=0-1,5-6",
        "items=0-1",
        "bytes=a-b",
        "bytes=1-2-3",
        "bytes = 1-2",
        "bytes=١-٢",
    ],
)
def test_headers_not_served_as_a_range_mean_the_whole_file(header):
    assert parse_range(header, SIZE) is None


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=10-5", "bytes=-0"])
def test_ranges_outside_the_file_are_unsatisfiable(header):
    with pytest.raises(RangeNotSatisfiable):
        parse_range(header, SIZE)


def test_an_empty_file_satisfies_no_range():
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=0-", 0)
    assert parse_range("", 0) is None


def _response(tmp_path, header):
    path = tmp_path / "clip.webm"
    path.write_bytes(bytes(range(256)) * 4)
    request = RequestFactory().get("/", HTTP_RANGE=header) if header else RequestFactory().get("/")
    opened = []

    def open_file():
        opened.append(path.open("rb"))
        return opened[-1]

    return ranged_file_response(request, open_file, 1024, "video/webm"), opened


def test_response_for_a_range(tmp_path):
    response, _opened = _response(tmp_path, "bytes=1020-")
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 1020-1023/1024"
    assert response["Content-Length"] == "4"
    assert b"".join(response.streaming_content) == bytes([252, 253, 254, 255])


@pytest.mark.django_db
def test_response_for_the_whole_file(tmp_path):
    response, _opened = _response(tmp_path, "bytes=0-1,4-5")
    assert response.status_code == 200
    assert response["Content-Length"] == "1024" and response["Accept-Ranges"] == "bytes"
    assert len(b"".join(response.streaming_content)) == 1024
    response.close()


def test_unsatisfiable_response_opens_no_file(tmp_path):
    response, opened = _response(tmp_path, "bytes=2000-")
    assert response.status_code == 416 and response["Content-Range"] == "bytes */1024"
    assert opened == []


@pytest.mark.django_db
def test_an_unread_range_response_closes_its_file(tmp_path):
    response, opened = _response(tmp_path, "bytes=0-9")
    response.close()
    assert opened[0].closed


@pytest.mark.parametrize("header, status", [("bytes=-0", 416), ("bytes=0-1,2-3", 200), ("bytes=10-5", 416)])
def test_media_serving_answers_odd_ranges_as_the_helper_does(client, tmp_path, header, status):
    (tmp_path / "clip.mp4").write_bytes(b"x" * 100)
    with override_settings(MEDIA_ROOT=tmp_path):
        assert client.get("/media/clip.mp4", HTTP_RANGE=header).status_code == status
