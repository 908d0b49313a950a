"""Progress you can trust: only intervals really played count, checked against the clock."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from courses import progress
from courses.models import Enrolment, LessonProgress
from tests.courses.factories import LessonFactory


def lesson_of(course):
    return course.lessons.order_by("sort_order").first()


def opened(user, lesson, seconds_ago):
    """Open the lesson as if ``seconds_ago`` seconds ago (a fresh viewing)."""
    row = progress.open_lesson(user, lesson, now=timezone.now() - timedelta(seconds=seconds_ago))
    return row


def report(user, lesson, intervals, position, viewing, now=None):
    return progress.record_playback(user, lesson, intervals, position, viewing=viewing, now=now)


def test_merge_intervals_is_a_union():
    assert progress.merge_intervals([[5, 10], [0, 3], [2, 6], [20, 25]]) == [[0, 10], [20, 25]]
    assert progress.total_seconds([[0, 10], [20, 25]]) == 15
    assert progress.contiguous_end([[0, 10], [10.5, 12], [30, 40]]) == 12


def test_played_intervals_accumulate_and_complete_at_threshold(course, enrolled):
    lesson = lesson_of(course)  # 60 s, threshold 90 %
    token = opened(enrolled, lesson, 40).viewing_token
    row = report(enrolled, lesson, [[0, 30]], 30, token)
    assert row.watched_seconds == 30 and row.completed_at is None
    # Re-watching the same part adds nothing: the union counts once.
    row = report(enrolled, lesson, [[0, 10], [30, 50]], 50, token, now=timezone.now() + timedelta(seconds=30))
    assert row.watched_seconds == 50 and row.completed_at is None
    row = report(enrolled, lesson, [[50, 54]], 54, token, now=timezone.now() + timedelta(seconds=40))
    assert row.watched_seconds == 54
    assert row.completed_at is not None
    assert row.intervals == [[0.0, 54.0]]


def test_seeking_to_the_end_completes_nothing(course, enrolled):
    lesson = lesson_of(course)
    token = opened(enrolled, lesson, 120).viewing_token
    # A drag to the end: the player reports the new position and no played interval.
    row = report(enrolled, lesson, [], 60, token)
    assert row.position == 60
    assert row.watched_seconds == 0 and row.completed_at is None
    # A few seconds played at the end after the jump count only as those seconds.
    row = report(enrolled, lesson, [[55, 60]], 60, token)
    assert row.watched_seconds == 5 and row.completed_at is None


@pytest.mark.parametrize(
    "intervals,position",
    [
        ([[0, 61.5]], 10),  # beyond the video
        ([[-1, 5]], 5),  # negative start
        ([[10, 5]], 5),  # end before start
        ([[0, "x"]], 5),  # not a number
        ([[0, 5, 7]], 5),  # not a pair
        ("0-60", 5),  # not a list
        ([[0, 5]], 99),  # position beyond the video
        ([[0, float("nan")]], 5),
    ],
)
def test_malformed_reports_are_refused_and_change_nothing(course, enrolled, intervals, position):
    lesson = lesson_of(course)
    token = opened(enrolled, lesson, 120).viewing_token
    with pytest.raises(ValidationError):
        report(enrolled, lesson, intervals, position, token)
    row = LessonProgress.objects.get(user=enrolled, lesson=lesson)
    assert row.intervals == [] and row.watched_seconds == 0 and row.last_report_at is None


def test_more_playback_than_the_clock_allows_is_refused(course, enrolled):
    lesson = lesson_of(course)
    token = opened(enrolled, lesson, 10).viewing_token  # 10 s at 2× allows at most 20 s (+ slack)
    with pytest.raises(ValidationError):
        report(enrolled, lesson, [[0, 60]], 60, token)
    with pytest.raises(ValidationError):
        # Splitting the claim into many small intervals does not help.
        report(enrolled, lesson, [[i, i + 1] for i in range(0, 60, 2)], 60, token)
    row = LessonProgress.objects.get(user=enrolled, lesson=lesson)
    assert row.watched_seconds == 0 and row.completed_at is None
    row = report(enrolled, lesson, [[0, 20]], 20, token)
    assert row.watched_seconds == 20


def test_a_report_needs_the_lesson_opened_first(course, enrolled):
    with pytest.raises(ValidationError):
        report(enrolled, lesson_of(course), [[0, 1]], 1, None)


def test_a_report_needs_the_current_viewing_token(course, enrolled):
    lesson = lesson_of(course)
    opened(enrolled, lesson, 60)
    for token in (None, "", "forged", 12345, ["x"]):
        with pytest.raises(ValidationError):
            report(enrolled, lesson, [[0, 10]], 10, token)
    assert LessonProgress.objects.get(user=enrolled, lesson=lesson).watched_seconds == 0


def test_not_enrolled_or_withdrawn_cannot_report(course, user, other_user):
    lesson = lesson_of(course)
    with pytest.raises(PermissionDenied):
        progress.record_playback(other_user, lesson, [[0, 1]], 1)
    from courses import enrolment

    enrolment.enrol(user, course)
    enrolment.unenrol(user, course)
    assert Enrolment.objects.get(user=user).status == Enrolment.Status.WITHDRAWN
    with pytest.raises(PermissionDenied):
        progress.record_playback(user, lesson, [[0, 1]], 1)


def test_text_lesson_is_marked_done_but_video_lesson_is_not(course, enrolled):
    text_lesson = LessonFactory(course=course, video=None, body="<p>合规要点</p>")
    progress.mark_done(enrolled, text_lesson)
    assert LessonProgress.objects.get(user=enrolled, lesson=text_lesson).completed_at is not None
    with pytest.raises(ValidationError):
        progress.mark_done(enrolled, lesson_of(course))


def test_course_progress_and_training_hours(course, enrolled):
    first, second = course.lessons.order_by("sort_order")
    token = opened(enrolled, first, 100).viewing_token
    report(enrolled, first, [[0, 60]], 60, token)
    state = progress.course_progress(enrolled, course)
    assert (state.done, state.total, state.percent) == (1, 2, 50)
    assert state.watched_seconds == 60
    assert str(progress.training_hours(enrolled)) == "0.02"
    assert not state.required_done


# The JSON endpoint ---------------------------------------------------------------------------------


def progress_url(course, lesson):
    return course.url + course.reverse_subpage("lesson_progress", args=(lesson.pk,))


def test_endpoint_records_and_answers_json(learner_client, course, enrolled):
    lesson = lesson_of(course)
    response = learner_client.get(course.url + course.reverse_subpage("lesson", args=(lesson.pk,)))
    assert response.status_code == 200
    row = LessonProgress.objects.get(user=enrolled, lesson=lesson)
    assert row.viewing_token in response.content.decode()  # the player's configuration carries it
    row.opened_at = timezone.now() - timedelta(seconds=20)
    row.save()
    response = learner_client.post(
        progress_url(course, lesson),
        json.dumps({"intervals": [[0, 15]], "position": 15, "viewing": row.viewing_token}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["watched"] == 15
    response = learner_client.post(progress_url(course, lesson), "not json", content_type="application/json")
    assert response.status_code == 400 and "error" in response.json()
    assert learner_client.get(progress_url(course, lesson)).status_code == 405


def test_endpoint_requires_csrf(course, enrolled):
    client = Client(enforce_csrf_checks=True)
    client.force_login(enrolled)
    lesson = lesson_of(course)
    token = opened(enrolled, lesson, 30).viewing_token
    response = client.post(
        progress_url(course, lesson),
        json.dumps({"intervals": [[0, 10]], "position": 10, "viewing": token}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert LessonProgress.objects.get(user=enrolled, lesson=lesson).watched_seconds == 0


def test_one_user_cannot_change_another_users_progress(client, course, enrolled, other_user):
    from courses import enrolment

    lesson = lesson_of(course)
    token = opened(enrolled, lesson, 30).viewing_token
    enrolment.enrol(other_user, course)
    client.force_login(other_user)
    # The endpoint only ever writes the signed-in user's own row: there is no user parameter to forge,
    # and the other learner's viewing token opens nothing of theirs.
    response = client.post(
        progress_url(course, lesson),
        json.dumps({"intervals": [[0, 10]], "position": 10, "user": enrolled.pk, "viewing": token}),
        content_type="application/json",
    )
    assert response.status_code == 400  # other_user never opened the lesson
    assert LessonProgress.objects.get(user=enrolled, lesson=lesson).watched_seconds == 0
    assert not LessonProgress.objects.filter(user=other_user, watched_seconds__gt=0).exists()


def test_anonymous_and_unenrolled_are_refused(client, course, other_user):
    lesson = lesson_of(course)
    body = json.dumps({"intervals": [[0, 1]], "position": 1})
    assert client.post(progress_url(course, lesson), body, content_type="application/json").status_code == 403
    client.force_login(other_user)
    assert client.post(progress_url(course, lesson), body, content_type="application/json").status_code == 403
