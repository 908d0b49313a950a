"""Progress you can trust: the union of intervals really played, checked against the clock.

The player reports the media intervals it actually played (from ``timeupdate`` deltas, never the
seek position). Opening the lesson page starts a *viewing* with a token the player sends back.
Across all reports of a viewing, the seconds newly credited never exceed the wall-clock time since
the viewing opened at the fastest playback rate the player offers, plus one small slack for the
whole viewing. Reports are serialised on the progress row, so a burst, parallel requests, a replay
or a second tab (which joins the same viewing) credit nothing beyond that. A lesson is complete when
the union of watched seconds reaches the lesson's threshold, so dragging to the end completes nothing.
"""

import hmac
import json
import math
import secrets
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models.enrolment import Enrolment
from courses.models.lesson import Lesson, LessonProgress
from courses.signals import learning_step_completed

MAX_PLAYBACK_RATE = 2.0  # the player offers 0.5×–2×
SLACK_SECONDS = 3.0  # network jitter and timer granularity, granted once per viewing
END_TOLERANCE = 1.0  # browsers may report a little past the stated duration
MAX_INTERVALS_PER_REPORT = 200
MAX_REPORT_BYTES = 16 * 1024  # 200 intervals of two floats fit comfortably
# A page opened while the previous viewing was active within this time joins that viewing:
# reloading or opening a second tab starts no new clock and grants no new slack.
VIEWING_IDLE = timedelta(minutes=10)


def _refuse_constant(name):
    raise ValueError(name)


def parse_report(body):
    """The player's JSON report as a dict, or a ValidationError (bad JSON, NaN, too deep or too large)."""
    malformed = ValidationError(_("播放记录格式不正确。"))
    if len(body or b"") > MAX_REPORT_BYTES:
        raise malformed
    try:
        payload = json.loads(body or b"{}", parse_constant=_refuse_constant)
    except (ValueError, RecursionError, UnicodeDecodeError):
        raise malformed from None
    if not isinstance(payload, dict):
        raise malformed
    return payload


def merge_intervals(intervals):
    """Union of [start, end] pairs as sorted, disjoint pairs."""
    merged = []
    for start, end in sorted((float(s), float(e)) for s, e in intervals if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def total_seconds(intervals):
    return sum(end - start for start, end in intervals)


def contiguous_end(intervals, tolerance=1.0):
    """How far from the start the learner has watched without gaps (for blocking forward seeking)."""
    reach = 0.0
    for start, end in merge_intervals(intervals):
        if start > reach + tolerance:
            break
        reach = max(reach, end)
    return reach


def _require_enrolled(user, lesson):
    if (
        not user.is_authenticated
        or not Enrolment.objects.filter(
            user=user, course_id=lesson.course_id, status=Enrolment.Status.ACTIVE
        ).exists()
    ):
        raise PermissionDenied(_("请先报名该课程。"))


def _number(value, label):
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(_("%(label)s 必须是数字。") % {"label": label})
    return float(value)


def clean_report(lesson, intervals, position):
    """Validate a report's shape and bounds; returns (merged intervals, position)."""
    duration = lesson.duration_seconds
    if not isinstance(intervals, list) or len(intervals) > MAX_INTERVALS_PER_REPORT:
        raise ValidationError(_("播放记录格式不正确。"))
    cleaned = []
    for pair in intervals:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValidationError(_("播放记录格式不正确。"))
        start, end = _number(pair[0], "start"), _number(pair[1], "end")
        if start < 0 or end <= start or end > duration + END_TOLERANCE:
            raise ValidationError(_("播放区间超出视频时长。"))
        cleaned.append([start, min(end, duration)])
    position = _number(position, "position")
    if position < 0 or position > duration + END_TOLERANCE:
        raise ValidationError(_("播放位置超出视频时长。"))
    return merge_intervals(cleaned), min(position, duration)


def _lock_progress(user, lesson, now):
    """The learner's progress row, locked for this transaction on PostgreSQL and SQLite alike.

    The UPDATE takes the row lock (on SQLite, the database write lock) before anything is read,
    so concurrent reports are credited one after another against the same budget.
    """
    rows = LessonProgress.objects.filter(user=user, lesson=lesson)
    if not rows.update(updated_at=now):
        return None
    return rows.select_for_update().first()


def viewing_budget(progress, now):
    """Seconds this viewing may still be credited: real time × fastest rate + slack, less what it got."""
    elapsed = max(0.0, (now - progress.opened_at).total_seconds())
    return elapsed * MAX_PLAYBACK_RATE + SLACK_SECONDS - progress.viewing_credited


@transaction.atomic
def open_lesson(user, lesson, now=None):
    """The learner opened the lesson page: start a viewing, or join the one still active."""
    now = now or timezone.now()
    LessonProgress.objects.get_or_create(user=user, lesson=lesson)
    progress = _lock_progress(user, lesson, now)
    last_active = max(filter(None, [progress.opened_at, progress.last_report_at]), default=None)
    if not progress.viewing_token or last_active is None or now - last_active > VIEWING_IDLE:
        progress.viewing_token = secrets.token_urlsafe(24)
        progress.opened_at = now
        progress.viewing_credited = 0.0
        progress.save(update_fields=["viewing_token", "opened_at", "viewing_credited", "updated_at"])
    return progress


@transaction.atomic
def record_playback(user, lesson, intervals, position, viewing=None, now=None):
    """Merge a player's report into the learner's progress, or refuse it and change nothing."""
    now = now or timezone.now()
    _require_enrolled(user, lesson)
    if not lesson.is_video:
        raise ValidationError(_("该课时没有视频。"))
    new, position = clean_report(lesson, intervals, position)
    if viewing is not None and not isinstance(viewing, str):
        raise ValidationError(_("播放记录格式不正确。"))
    progress = _lock_progress(user, lesson, now)
    if (
        progress is None
        or progress.opened_at is None
        or not progress.viewing_token
        or not viewing
        or not hmac.compare_digest(progress.viewing_token, viewing)
    ):
        raise ValidationError(_("请刷新课时页面后再播放。"))
    merged = merge_intervals(progress.intervals + new)
    watched = round(total_seconds(merged), 3)
    gained = max(0.0, watched - progress.watched_seconds)
    if gained > viewing_budget(progress, now) + 1e-6:
        raise ValidationError(_("上报的播放时长超过了实际经过的时间，未予记录。"))
    progress.intervals = merged
    progress.watched_seconds = watched
    progress.viewing_credited = round(progress.viewing_credited + gained, 3)
    progress.position = position
    progress.last_report_at = now
    newly_complete = False
    if progress.completed_at is None and progress.watched_seconds >= lesson.duration_seconds * (
        lesson.completion_threshold / 100
    ):
        progress.completed_at = now
        newly_complete = True
    progress.save()
    if newly_complete:
        learning_step_completed.send(sender=LessonProgress, user=user, course=lesson.course)
    return progress


@transaction.atomic
def mark_done(user, lesson):
    """Text and document lessons are completed with a button; a video lesson only by watching."""
    _require_enrolled(user, lesson)
    if lesson.is_video:
        raise ValidationError(_("视频课时需要实际观看达到要求后才算完成。"))
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(user=user, lesson=lesson)
    if progress.completed_at is None:
        progress.completed_at = timezone.now()
        progress.save(update_fields=["completed_at", "updated_at"])
        learning_step_completed.send(sender=LessonProgress, user=user, course=lesson.course)
    return progress


def hours(seconds):
    return Decimal(seconds / 3600).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def training_seconds(user, course=None):
    """Real watch time (union of intervals) across a user's lessons, optionally of one course."""
    rows = LessonProgress.objects.filter(user=user)
    if course is not None:
        rows = rows.filter(lesson__course=course)
    return rows.aggregate(total=Sum("watched_seconds"))["total"] or 0.0


def training_hours(user, course=None):
    return hours(training_seconds(user, course))


class CourseProgress:
    """Progress of one learner in one course, from already loaded lessons and progress rows."""

    def __init__(self, course, lessons, progress_by_lesson):
        self.course = course
        self.lessons = lessons
        self.progress_by_lesson = progress_by_lesson
        by_pk = {lesson.pk: lesson for lesson in lessons}
        for lesson_id, row in progress_by_lesson.items():
            # Reuse the loaded lesson (and its video) so row.percent costs no query.
            if lesson_id in by_pk:
                row.lesson = by_pk[lesson_id]
        counted = [lesson for lesson in lessons if lesson.required] or lessons
        self.total = len(counted)
        self.done = sum(1 for lesson in counted if self.is_done(lesson))
        self.percent = round(self.done * 100 / self.total) if self.total else 0
        self.required_done = all(self.is_done(lesson) for lesson in lessons if lesson.required)
        self.watched_seconds = sum(p.watched_seconds for p in progress_by_lesson.values())
        self.training_hours = hours(self.watched_seconds)

    def is_done(self, lesson):
        progress = self.progress_by_lesson.get(lesson.pk)
        return progress is not None and progress.completed_at is not None


def progress_for(user, courses):
    """{course id: CourseProgress} for several courses in two queries."""
    courses = list(courses)
    lessons = list(Lesson.objects.filter(course__in=courses).select_related("video").order_by("sort_order"))
    rows = LessonProgress.objects.filter(user=user, lesson__in=lessons) if user.is_authenticated else []
    by_lesson = {row.lesson_id: row for row in rows}
    result = {}
    for course in courses:
        course_lessons = [lesson for lesson in lessons if lesson.course_id == course.pk]
        ids = {lesson.pk for lesson in course_lessons}
        result[course.pk] = CourseProgress(
            course, course_lessons, {lid: row for lid, row in by_lesson.items() if lid in ids}
        )
    return result


def course_progress(user, course):
    return progress_for(user, [course])[course.pk]
