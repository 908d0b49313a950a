"""Enrolment: open or by approval, capacity never exceeded, unenrol; who sees lessons."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from courses import enrolment
from courses.models import CourseIndexPage, CoursePage, Enrolment
from portal.models import HomePage
from tests.conftest import make_user
from tests.courses.factories import build_course


def test_page_types_are_strict(course):
    assert CourseIndexPage.allowed_parent_page_models() == [HomePage]
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert CoursePage.allowed_subpage_models() == []
    assert (
        CourseIndexPage.can_create_at(course.get_parent().get_parent().specific) is False
    )  # one index per home


def test_search_contract(course):
    from library.models import Industry

    industry = Industry.objects.create(name="鞋革", code="footwear")
    course.industries.add(industry)
    course.save()
    assert course.search_industries() == [industry]
    assert course.search_summary.startswith("企业合规入门")
    indexed = {field.field_name for field in CoursePage.search_fields}
    assert {"title", "summary", "lessons"} <= indexed


def test_open_enrolment_and_unenrol(course, user):
    row = enrolment.enrol(user, course)
    assert row.status == Enrolment.Status.ACTIVE
    assert enrolment.enrol(user, course).pk == row.pk  # idempotent
    enrolment.unenrol(user, course)
    assert Enrolment.objects.get(pk=row.pk).status == Enrolment.Status.WITHDRAWN
    assert enrolment.enrol(user, course).status == Enrolment.Status.ACTIVE  # can come back
    with pytest.raises(ValidationError):
        enrolment.unenrol(make_user("never@example.com"), course)


def test_capacity_is_never_exceeded(home, user, other_user):
    course = build_course(home, capacity=1)
    enrolment.enrol(user, course)
    with pytest.raises(ValidationError):
        enrolment.enrol(other_user, course)
    assert Enrolment.objects.filter(course=course).count() == 1
    enrolment.unenrol(user, course)  # frees the seat
    assert enrolment.enrol(other_user, course).is_active


def test_approval_flow(home, user, other_user, admin_user):
    course = build_course(home, enrolment_mode=CoursePage.EnrolmentMode.APPROVAL, capacity=1)
    first = enrolment.enrol(user, course)
    second = enrolment.enrol(other_user, course)
    assert first.status == second.status == Enrolment.Status.PENDING
    assert not enrolment.is_enrolled(user, course)
    enrolment.approve(first, admin_user)
    assert enrolment.is_enrolled(user, course)
    assert mail.outbox[-1].to == [user.email] and "报名已通过" in mail.outbox[-1].subject
    with pytest.raises(ValidationError):  # full now
        enrolment.approve(second, admin_user)
    assert Enrolment.objects.get(pk=second.pk).status == Enrolment.Status.PENDING
    enrolment.reject(second, admin_user)
    assert mail.outbox[-1].to == [other_user.email] and "报名未通过" in mail.outbox[-1].subject
    with pytest.raises(ValidationError):
        enrolment.enrol(other_user, course)
    with pytest.raises(ValidationError):
        enrolment.approve(Enrolment.objects.get(pk=second.pk), admin_user)


def test_admin_approves_through_the_admin(client, home, user, admin_user):
    course = build_course(home, enrolment_mode=CoursePage.EnrolmentMode.APPROVAL)
    pending = enrolment.enrol(user, course)
    client.force_login(admin_user)
    listing = client.get("/admin/snippets/courses/enrolment/")
    assert listing.status_code == 200
    url = f"/admin/courses/enrolments/{pending.pk}/approve/"
    assert url.encode() in listing.content
    assert client.get(url).status_code == 200
    client.post(url)
    assert Enrolment.objects.get(pk=pending.pk).is_active
    assert client.post(f"/admin/courses/enrolments/{pending.pk}/bogus/").status_code == 302


def test_outline_for_everyone_lessons_for_the_enrolled(client, course, user):
    lesson = course.lessons.first()
    lesson_url = course.url + course.reverse_subpage("lesson", args=(lesson.pk,))
    page = client.get(course.url)
    assert page.status_code == 200
    assert lesson.title in page.content.decode()
    assert lesson_url not in page.content.decode()
    assert client.get(lesson_url).status_code == 302  # to sign-in
    client.force_login(user)
    page = client.get(course.url).content.decode()
    assert "报名学习" in page
    assert client.get(lesson_url)["Location"] == course.url
    response = client.post(course.url + "enrol/", follow=True)
    assert "报名成功" in response.content.decode()
    assert client.get(lesson_url).status_code == 200
    assert client.get(course.url + "enrol/").status_code == 405
    client.post(course.url + "unenrol/")
    assert not enrolment.is_enrolled(user, course)


def test_video_and_captions_served_only_to_the_enrolled(client, course, user):
    from django.core.files.base import ContentFile

    lesson = course.lessons.first()
    lesson.captions.save(
        "zh.vtt", ContentFile(b"WEBVTT\n\n00:00.000 --> 00:02.000\n\xe5\x8a\xb3\xe5\x8a\xa8\n")
    )
    video_url = course.url + course.reverse_subpage("lesson_video", args=(lesson.pk,))
    captions_url = course.url + course.reverse_subpage("lesson_captions", args=(lesson.pk,))
    client.force_login(user)
    assert client.get(video_url).status_code == 404
    enrolment.enrol(user, course)
    full = client.get(video_url)
    assert full.status_code == 200 and full["Accept-Ranges"] == "bytes"
    partial = client.get(video_url, HTTP_RANGE="bytes=0-9")
    assert partial.status_code == 206 and len(b"".join(partial.streaming_content)) == 10
    assert partial["Content-Range"].startswith("bytes 0-9/")
    assert client.get(video_url, HTTP_RANGE="bytes=999999-").status_code == 416
    captions = client.get(captions_url)
    assert captions["Content-Type"].startswith("text/vtt")
    assert b"".join(captions.streaming_content).startswith(b"WEBVTT")
    page = client.get(course.url + course.reverse_subpage("lesson", args=(lesson.pk,))).content.decode()
    assert '<track kind="captions" srclang="zh"' in page


def test_captions_must_be_webvtt(course):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from courses.models.lesson import validate_webvtt

    with pytest.raises(ValidationError):
        validate_webvtt(SimpleUploadedFile("a.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nSRT\n"))
    validate_webvtt(SimpleUploadedFile("a.vtt", b"WEBVTT\n\n"))


@pytest.mark.parametrize(
    "header, status, content_range",
    [
        ("bytes=-0", 416, None),
        ("bytes=0-1,2-3", 200, None),
        ("bytes=5-2", 416, None),
        ("bytes=-999999", 206, "bytes 0-"),
        ("bytes=1-999999", 206, "bytes 1-"),
    ],
)
def test_lesson_video_answers_odd_ranges_as_media_serving_does(
    client, course, user, header, status, content_range
):
    lesson = course.lessons.first()
    enrolment.enrol(user, course)
    client.force_login(user)
    video_url = course.url + course.reverse_subpage("lesson_video", args=(lesson.pk,))
    response = client.get(video_url, HTTP_RANGE=header)
    assert response.status_code == status
    if content_range:
        size = lesson.video.file.size
        assert response["Content-Range"] == f"{content_range}{size - 1}/{size}"


def test_course_videos_and_captions_have_no_public_path(client, course, user, settings):
    """Files under MEDIA_ROOT are public (the proxy serves them): lesson files are kept elsewhere."""
    from pathlib import Path

    from django.contrib.auth.models import Group, Permission
    from django.core.files.base import ContentFile
    from django.urls import reverse

    from portal.roles import EDITORS

    lesson = course.lessons.first()
    lesson.captions.save("zh.vtt", ContentFile(b"WEBVTT\n\n"))
    for field in (lesson.video.file, lesson.captions):
        assert Path(settings.PRIVATE_MEDIA_ROOT, field.name).is_file()
        assert not Path(settings.MEDIA_ROOT, field.name).exists()
        assert client.get(settings.MEDIA_URL + field.name).status_code == 404
    # The media library previews a video through a permission-checked admin route.
    preview = lesson.video.url
    assert not preview.startswith(settings.MEDIA_URL)
    assert client.get(preview).status_code == 302  # to the admin sign-in
    admin_only = make_user("staff@gov.example")
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin_only)
    refused = client.get(preview)  # Wagtail turns a refusal into a message on the dashboard
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    editor = make_user("editor@gov.example")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    response = client.get(preview)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    for url in (reverse("wagtailmedia:index"), reverse("wagtailmedia:edit", args=[lesson.video.pk])):
        page = client.get(url)
        assert page.status_code == 200 and preview in page.content.decode()
