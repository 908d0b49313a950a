"""Watch time only real time can earn: the attacks of issue 13 as tests.

A viewing's reports together are credited at most (seconds since the page opened) × the fastest
playback rate + one slack, whatever their number, order or concurrency.
"""

import json
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from courses import enrolment, progress
from courses.models import LessonProgress
from tests.conftest import make_user
from tests.courses.factories import LessonFactory, build_course, make_home

RATE, SLACK = progress.MAX_PLAYBACK_RATE, progress.SLACK_SECONDS


def lesson_of(course):
    return course.lessons.order_by("sort_order").first()


def progress_url(course, lesson):
    return course.url + course.reverse_subpage("lesson_progress", args=(lesson.pk,))


def lesson_url(course, lesson):
    return course.url + course.reverse_subpage("lesson", args=(lesson.pk,))


def long_lesson(course, seconds=1800):
    lesson = LessonFactory(course=course)
    lesson.video.duration = seconds
    lesson.video.save()
    return lesson


def test_a_burst_of_reports_is_credited_no_faster_than_real_time(course, enrolled):
    """60 reports of 3 s each within 1.8 s: the old per-report slack credited 180 s."""
    lesson = long_lesson(course)
    start = timezone.now()
    token = progress.open_lesson(enrolled, lesson, now=start).viewing_token
    accepted = 0
    for i in range(60):
        moment = start + timedelta(seconds=i * 0.03)
        try:
            progress.record_playback(
                enrolled, lesson, [[i * 3, i * 3 + 3]], i * 3 + 3, viewing=token, now=moment
            )
            accepted += 1
        except ValidationError:
            pass
    row = LessonProgress.objects.get(user=enrolled, lesson=lesson)
    elapsed = 59 * 0.03
    assert row.watched_seconds <= elapsed * RATE + SLACK
    assert row.watched_seconds == row.viewing_credited == accepted * 3
    assert accepted <= 2


def test_a_real_burst_through_the_endpoint(learner_client, course, enrolled):
    lesson = long_lesson(course)
    assert learner_client.get(lesson_url(course, lesson)).status_code == 200
    token = LessonProgress.objects.get(user=enrolled, lesson=lesson).viewing_token
    opened_at = LessonProgress.objects.get(user=enrolled, lesson=lesson).opened_at
    for i in range(60):
        body = json.dumps({"intervals": [[i * 3, i * 3 + 3]], "position": i * 3 + 3, "viewing": token})
        learner_client.post(progress_url(course, lesson), body, content_type="application/json")
    real = (timezone.now() - opened_at).total_seconds()
    row = LessonProgress.objects.get(user=enrolled, lesson=lesson)
    assert row.watched_seconds <= real * RATE + SLACK
    print(f"burst: 60 reports of 3 s credited {row.watched_seconds:.1f} s in {real:.2f} s of real time")


def test_reopening_the_page_or_a_second_tab_joins_the_viewing(learner_client, course, enrolled):
    lesson = long_lesson(course)
    start = timezone.now()
    first = progress.open_lesson(enrolled, lesson, now=start)
    progress.record_playback(enrolled, lesson, [[0, 3]], 3, viewing=first.viewing_token, now=start)
    # Ten reloads (or tabs) a moment later: the same viewing, no new clock, no new slack.
    for n in range(10):
        again = progress.open_lesson(enrolled, lesson, now=start + timedelta(seconds=0.1 * n))
        assert again.viewing_token == first.viewing_token
        assert again.opened_at == start
        with pytest.raises(ValidationError):
            progress.record_playback(
                enrolled,
                lesson,
                [[3 + 3 * n, 6 + 3 * n]],
                6,
                viewing=again.viewing_token,
                now=again.opened_at,
            )
    assert LessonProgress.objects.get(user=enrolled, lesson=lesson).watched_seconds == 3


def test_a_replayed_report_credits_nothing_more(course, enrolled):
    lesson = long_lesson(course)
    start = timezone.now() - timedelta(seconds=60)
    token = progress.open_lesson(enrolled, lesson, now=start).viewing_token
    progress.record_playback(enrolled, lesson, [[0, 100]], 100, viewing=token)
    for _ in range(5):
        row = progress.record_playback(enrolled, lesson, [[0, 100]], 100, viewing=token)
    assert row.watched_seconds == 100 and row.viewing_credited == 100


def test_an_expired_viewing_token_is_refused(course, enrolled):
    lesson = long_lesson(course)
    start = timezone.now() - progress.VIEWING_IDLE - timedelta(minutes=5)
    old = progress.open_lesson(enrolled, lesson, now=start).viewing_token
    new = progress.open_lesson(enrolled, lesson).viewing_token
    assert new != old
    with pytest.raises(ValidationError):
        progress.record_playback(enrolled, lesson, [[0, 10]], 10, viewing=old)
    assert LessonProgress.objects.get(user=enrolled, lesson=lesson).watched_seconds == 0


def test_intervals_beyond_the_video_credit_nothing_extra(course, enrolled):
    lesson = lesson_of(course)  # 60 s
    token = progress.open_lesson(enrolled, lesson, now=timezone.now() - timedelta(hours=1)).viewing_token
    with pytest.raises(ValidationError):
        progress.record_playback(enrolled, lesson, [[0, 600]], 60, viewing=token)
    with pytest.raises(ValidationError):
        progress.record_playback(enrolled, lesson, [[61.5, 120]], 60, viewing=token)
    # Within the 1 s tolerance a report is clipped to the duration.
    row = progress.record_playback(enrolled, lesson, [[0, 60.9]], 60, viewing=token)
    assert row.watched_seconds == 60
    row = progress.record_playback(enrolled, lesson, [[0, 60.9], [30, 60.5]], 60, viewing=token)
    assert row.watched_seconds == 60 and row.viewing_credited == 60


MALFORMED = [
    "[" * 100_000 + "]" * 100_000,  # deeply nested
    '{"intervals": ' + "[" * 5000 + "]" * 5000 + ', "position": 1}',
    '{"intervals": [[0, NaN]], "position": 1}',
    '{"intervals": [[0, Infinity]], "position": 1}',
    '{"intervals": [[0, 5]], "position": NaN}',
    '{"intervals": [["0", "5"]], "position": 5}',
    '{"intervals": [[true, 5]], "position": 5}',
    '{"intervals": {"0": 5}, "position": 5}',
    '{"intervals": [[0, 1e400]], "position": 5}',
    json.dumps({"intervals": [[i, i + 0.5] for i in range(0, 5000)], "position": 5}),  # huge array
    json.dumps({"intervals": [[0, 1]] * 300, "position": 1}),  # too many intervals
    '{"intervals": [[0, 5]], "position": 5, "viewing": {"a": 1}}',
    "not json",
    "\xff\xfe",
    "[]",
]


@pytest.mark.parametrize("body", MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_reports_get_400_in_chinese_and_change_nothing(learner_client, course, enrolled, body):
    lesson = lesson_of(course)
    row = progress.open_lesson(enrolled, lesson, now=timezone.now() - timedelta(minutes=5))
    response = learner_client.post(
        progress_url(course, lesson), body.encode("utf-8", "surrogateescape"), content_type="application/json"
    )
    assert response.status_code == 400
    message = response.json()["error"]
    assert any("\u4e00" <= char <= "\u9fff" for char in message)
    after = LessonProgress.objects.get(pk=row.pk)
    assert after.watched_seconds == 0 and after.intervals == [] and after.position == 0
    assert after.last_report_at is None and after.viewing_credited == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel requests need PostgreSQL row locks")
def test_parallel_reports_share_one_budget(transactional_db):
    """20 reports at once, each of 3 s: they are serialised on the progress row and share one slack."""
    home = make_home()
    course = build_course(home, lessons=0, questions=0)
    lesson = long_lesson(course)
    user = make_user("parallel@example.com")
    enrolment.enrol(user, course)
    start = timezone.now()
    token = progress.open_lesson(user, lesson, now=start).viewing_token
    barrier = threading.Barrier(20)
    outcomes = []

    def send(n):
        client = Client()
        client.force_login(user)
        body = json.dumps({"intervals": [[n * 3, n * 3 + 3]], "position": n * 3 + 3, "viewing": token})
        try:
            barrier.wait()
            outcomes.append(
                client.post(progress_url(course, lesson), body, content_type="application/json").status_code
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    real = (timezone.now() - start).total_seconds()
    row = LessonProgress.objects.get(user=user, lesson=lesson)
    assert len(outcomes) == 20 and set(outcomes) <= {200, 400}
    assert row.watched_seconds <= real * RATE + SLACK
    assert row.watched_seconds == row.viewing_credited == outcomes.count(200) * 3
    print(f"parallel: 20 reports credited {row.watched_seconds:.1f} s in {real:.2f} s of real time")
