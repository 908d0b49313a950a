"""Course pages, the index, /me/, the portal hooks and the editors' reports."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Enterprise, Membership
from courses import enrolment, progress
from courses.models import CourseInstructor
from courses.quiz import scoring
from library.models import Industry
from tests.courses.factories import LessonFactory, build_course
from tests.courses.test_quiz import wrong_answers


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def add_progress(user, course):
    for lesson in course.lessons.all():
        row = progress.open_lesson(user, lesson)
        row.opened_at = timezone.now() - timedelta(seconds=30)
        row.last_report_at = None
        row.save()
        progress.record_playback(user, lesson, [[0, 20]], 20, viewing=row.viewing_token)


@pytest.mark.parametrize("signed_in", [False, True])
def test_course_page_query_count_does_not_grow_with_lessons(client, home, user, signed_in):
    course = build_course(home, lessons=2)
    CourseInstructor.objects.create(course=course, name="林检察官", title="鹿城区人民检察院")
    if signed_in:
        enrolment.enrol(user, course)
        client.force_login(user)
        add_progress(user, course)
    queries(client, course.url)  # warm caches
    small = queries(client, course.url)
    for _ in range(8):
        LessonFactory(course=course)
    if signed_in:
        add_progress(user, course)
    assert queries(client, course.url) == small


def test_index_lists_courses_filters_by_industry_and_counts_queries(client, home, user):
    shoes = Industry.objects.create(name="鞋革", code="footwear")
    first = build_course(home, title="鞋革企业合规", slug="shoes")
    first.industries.add(shoes)
    first.save_revision().publish()
    second = build_course(home, title="软件企业合规", slug="software")
    index = first.get_parent()
    page = client.get(index.url).content.decode()
    assert "鞋革企业合规" in page and "软件企业合规" in page
    page = client.get(index.url + "?industry=footwear").content.decode()
    assert "鞋革企业合规" in page and "软件企业合规" not in page
    assert client.get(index.url + "?industry=nothing&page=x").status_code == 200
    client.force_login(user)
    enrolment.enrol(user, second)
    queries(client, index.url)
    small = queries(client, index.url)
    for n in range(4):
        build_course(home, slug=f"more-{n}")
    # The new courses' cards are rendered once, their covers and industries loaded together.
    assert queries(client, index.url) <= small + 3
    assert queries(client, index.url) == small


def test_a_course_card_on_the_list_follows_its_publication(client, home, user):
    course = build_course(home, title="鞋革企业合规", slug="shoes")
    index = course.get_parent()
    client.force_login(user)  # signed in: no page cache in the way, the cards are kept all the same
    assert "鞋革企业合规" in client.get(index.url).content.decode()
    course.title = "鞋革企业合规（2027版）"
    course.save_revision().publish()
    assert "鞋革企业合规（2027版）" in client.get(index.url).content.decode()
    course.unpublish()
    assert "鞋革企业合规" not in client.get(index.url).content.decode()


def test_me_panel_shows_progress_hours_and_certificates(client, course, enrolled):
    add_progress(enrolled, course)
    client.force_login(enrolled)
    page = client.get("/me/").content.decode()
    assert "我的课程" in page and course.title in page
    assert 'value="0" max="100"' in page  # 20 s of each 60 s lesson: nothing complete yet
    assert "课程学时 0.00（结业后计入）" in page  # watching alone earns no 学时 before completion


def test_home_feed_and_user_data_export(client, course, enrolled):
    from core.feeds import collect_user_data, get_feed_items

    assert course in [page.specific for page in get_feed_items("courses", 4)]
    add_progress(enrolled, course)
    attempt = scoring.start_attempt(enrolled, course)
    scoring.submit(enrolled, attempt.pk, wrong_answers(attempt))
    data = collect_user_data(enrolled)["courses"]
    assert data["enrolments"][0]["course"] == course.title
    assert data["lesson_progress"][0]["watched_seconds"] == 20
    assert data["quiz_attempts"][0]["score"] == 0
    json.dumps(data, default=str)
    client.force_login(enrolled)
    assert b"lesson_progress" in client.get("/me/data.json").content


def test_editor_reports_filter_and_export(client, home, user, other_user, admin_user):
    shoes = Industry.objects.create(name="鞋革", code="footwear")
    course = build_course(home, title="鞋革企业合规", slug="shoes")
    course.industries.add(shoes)
    course.save_revision().publish()
    other = build_course(home, title="软件企业合规", slug="software")
    firm = Enterprise.objects.create(name="明履鞋业", credit_code="91330302MA2H5RXP3X", size="small")
    Membership.objects.create(user=user, enterprise=firm)
    for learner in (user, other_user):
        enrolment.enrol(learner, course)
        attempt = scoring.start_attempt(learner, course)
        scoring.submit(learner, attempt.pk, wrong_answers(attempt))
    client.force_login(admin_user)
    page = client.get("/admin/reports/courses/").content.decode()
    assert "鞋革企业合规" in page and "软件企业合规" in page
    page = client.get(f"/admin/reports/courses/?industry={shoes.pk}").content.decode()
    assert "鞋革企业合规" in page and "软件企业合规" not in page
    csv = client.get("/admin/reports/courses/?export=csv")
    body = b"".join(csv.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("课程,报名人数")
    row = next(line for line in lines if line.startswith("鞋革企业合规"))
    assert row.split(",")[1:] == ["2", "0", "0", "0%", "2", "0", "0%"]
    csv = client.get(f"/admin/reports/courses/?export=csv&enterprise={firm.pk}")
    body = b"".join(csv.streaming_content).decode("utf-8-sig")
    row = next(line for line in body.splitlines() if line.startswith("鞋革企业合规"))
    assert row.split(",")[1] == "1"
    xlsx = client.get("/admin/reports/courses/?export=xlsx")
    assert xlsx.status_code == 200
    hardest = client.get("/admin/reports/questions/")
    assert hardest.status_code == 200 and "100%" in hardest.content.decode()
    assert client.get(f"/admin/reports/questions/?course={other.pk}").status_code == 200
    assert client.get("/admin/reports/questions/?export=csv").status_code == 200


def test_lesson_page_query_count_does_not_grow_with_lessons(client, home, user):
    course = build_course(home, lessons=2)
    enrolment.enrol(user, course)
    client.force_login(user)
    url = course.url + course.reverse_subpage("lesson", args=(course.lessons.first().pk,))
    queries(client, url)
    small = queries(client, url)
    for _ in range(6):
        LessonFactory(course=course)
    assert queries(client, url) == small


def test_english_interface(client, course, user):
    from django.utils import translation

    client.force_login(user)
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        response = client.get(course.url)
    page = response.content.decode()
    assert "Outline" in page and "Enrol" in page


def read_tables(client, url):
    """The page's HTML, and the SQL it read (the full-page cache off: the fragments are under test)."""
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(url).content.decode()
    return html, " ".join(query["sql"] for query in ctx.captured_queries)


def test_course_header_and_outline_are_kept_until_the_course_is_published_again(client, home, monkeypatch):
    monkeypatch.setattr("core.cache.TIMEOUT", 0)
    course = build_course(home, lessons=2)
    course.industries.add(Industry.objects.create(name="鞋革", code="footwear-kept"))
    CourseInstructor.objects.create(course=course, name="林检察官", title="鹿城区人民检察院")
    course.save_revision().publish()
    first, _sql = read_tables(client, course.url)
    assert "林检察官" in first and "鞋革" in first
    again, sql = read_tables(client, course.url)
    assert again == first
    for table in ("courses_lesson", "courses_courseinstructor", "library_industry"):
        assert table not in sql
    lesson = course.lessons.first()
    lesson.title = "新的第一课时"
    lesson.save()
    course.refresh_from_db()
    course.save_revision().publish()  # as the editor does: the lessons are part of the page
    assert "新的第一课时" in client.get(course.url).content.decode()


def test_the_enrolled_see_their_own_outline_beside_the_kept_header(client, home, user, monkeypatch):
    monkeypatch.setattr("core.cache.TIMEOUT", 0)
    course = build_course(home, lessons=2)
    lesson = course.lessons.first()
    lesson_url = course.url + course.reverse_subpage("lesson", args=(lesson.pk,))
    anonymous = client.get(course.url).content.decode()
    assert lesson_url not in anonymous
    enrolment.enrol(user, course)
    client.force_login(user)
    mine = client.get(course.url).content.decode()
    assert lesson_url in mine and "学习进度" in mine
    client.logout()
    assert lesson_url not in client.get(course.url).content.decode()


def test_a_preview_shows_the_draft_not_the_kept_outline(client, home, monkeypatch):
    monkeypatch.setattr("core.cache.TIMEOUT", 0)
    course = build_course(home, lessons=1)
    client.get(course.url)  # the published outline is kept
    course.title = "草稿中的新课程名"
    lessons = list(course.lessons.all())
    lessons[0].title = "草稿中的新课时"
    course.lessons = lessons  # in memory only, as the editor's form leaves it
    html = course.make_preview_request().content.decode()
    assert "草稿中的新课程名" in html
    assert "草稿中的新课时" in html
    assert "草稿中的新课程名" not in client.get(course.url).content.decode()
