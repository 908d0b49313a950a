"""Progress you can trust: the union of intervals really played, checked against the clock.

The player reports the media intervals it actually played (from ``timeupdate`` deltas, never the
seek position). The server accepts a report only if its intervals lie within the video and their
total length fits in the wall-clock time since the previous report (or since the lesson was opened)
at the fastest playback rate the player offers. A lesson is complete when the union of watched
seconds reaches the lesson's threshold, so dragging to the end completes nothing.
"""

import math
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
SLACK_SECONDS = 3.0  # network jitter and timer granularity
END_TOLERANCE = 1.0  # browsers may report a little past the stated duration
MAX_INTERVALS_PER_REPORT = 200


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


def open_lesson(user, lesson):
    """The learner opened the lesson: start the clock the next report is measured against."""
    progress, _created = LessonProgress.objects.get_or_create(user=user, lesson=lesson)
    progress.opened_at = timezone.now()
    progress.save(update_fields=["opened_at", "updated_at"])
    return progress


@transaction.atomic
def record_playback(user, lesson, intervals, position, now=None):
    """Merge a player's report into the learner's progress, or refuse it and change nothing."""
    now = now or timezone.now()
    _require_enrolled(user, lesson)
    if not lesson.is_video:
        raise ValidationError(_("该课时没有视频。"))
    new, position = clean_report(lesson, intervals, position)
    progress = LessonProgress.objects.select_for_update().filter(user=user, lesson=lesson).first()
    baseline = max(
        filter(None, [progress and progress.opened_at, progress and progress.last_report_at]), default=None
    )
    if progress is None or baseline is None:
        raise ValidationError(_("请刷新课时页面后再播放。"))
    elapsed = max(0.0, (now - baseline).total_seconds())
    if total_seconds(new) > elapsed * MAX_PLAYBACK_RATE + SLACK_SECONDS:
        raise ValidationError(_("上报的播放时长超过了实际经过的时间,未予记录。"))
    progress.intervals = merge_intervals(progress.intervals + new)
    progress.watched_seconds = round(total_seconds(progress.intervals), 3)
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
