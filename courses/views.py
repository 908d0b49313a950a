"""Public views of the courses app. Course-scoped views are routes of CoursePage (see models/course.py)."""

import json
import mimetypes
import re

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.pdf import pdf_response
from courses import enrolment as enrolment_service
from courses import progress as progress_service
from courses.certificates import current_certificate, mask_name, render_pdf
from courses.models import Certificate, CoursePage, Lesson, LessonProgress, QuizAttempt
from courses.quiz import scoring
from library.models import Industry

COURSES_PER_PAGE = 12


def _url(course, request, name, *args):
    return course.get_url(request=request) + course.reverse_subpage(name, args=args)


def _messages_of(exc):
    return " ".join(exc.messages) if hasattr(exc, "messages") else str(exc)


# Page contexts ---------------------------------------------------------------------------------


def course_index_context(index_page, request):
    courses = (
        CoursePage.objects.live()
        .child_of(index_page)
        .select_related("cover_image")
        .prefetch_related("industries")
        .order_by("-first_published_at")
    )
    industries = Industry.objects.filter(coursepage__in=courses).distinct()
    selected = request.GET.get("industry", "")
    if selected:
        courses = courses.filter(industries__code=selected)
    page_obj = Paginator(courses, COURSES_PER_PAGE).get_page(request.GET.get("page"))
    progress = {}
    if request.user.is_authenticated:
        progress = progress_service.progress_for(request.user, list(page_obj))
    return {
        "courses": page_obj,
        "page_obj": page_obj,
        "industries": industries,
        "selected_industry": selected,
        "progress": progress,
    }


def course_page_context(course, request):
    user = request.user
    lessons = list(course.lessons.select_related("video", "document").order_by("sort_order"))
    enrolment = enrolment_service.enrolment_of(user, course)
    enrolled = enrolment is not None and enrolment.is_active
    context = {
        "lessons": lessons,
        "instructors": list(course.instructors.all()),
        "course_industries": list(course.industries.all()),
        "enrolment": enrolment,
        "enrolled": enrolled,
        "seats_left": None,
    }
    if course.capacity is not None:
        context["seats_left"] = max(0, course.capacity - enrolment_service.seats_taken(course))
    if enrolled:
        rows = LessonProgress.objects.filter(user=user, lesson__in=lessons)
        progress = progress_service.CourseProgress(course, lessons, {row.lesson_id: row for row in rows})
        attempts = list(scoring.attempts_of(user, course))
        context.update(
            progress=progress,
            lesson_rows=[(lesson, progress.progress_by_lesson.get(lesson.pk)) for lesson in lessons],
            attempts=attempts,
            quiz_passed=any(a.passed for a in scoring.current_cycle(user, course, attempts)),
            certificate=current_certificate(user, course),
        )
    else:
        context["lesson_rows"] = [(lesson, None) for lesson in lessons]
    return context


# Enrolment -------------------------------------------------------------------------------------


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def enrol(request, course):
    if (refused := _post_only(request)) is not None:
        return refused
    if not request.user.is_authenticated:
        return redirect_to_login(course.url)
    try:
        enrolment = enrolment_service.enrol(request.user, course)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        if enrolment.is_active:
            messages.success(request, _("报名成功,开始学习吧。"))
        else:
            messages.info(request, _("报名申请已提交,请等待管理员审核。"))
    return redirect(course.get_url(request=request))


def unenrol(request, course):
    if (refused := _post_only(request)) is not None:
        return refused
    if not request.user.is_authenticated:
        return redirect_to_login(course.url)
    try:
        enrolment_service.unenrol(request.user, course)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, _("您已退出该课程。"))
    return redirect(course.get_url(request=request))


# Lessons ---------------------------------------------------------------------------------------


def _lesson_or_404(course, lesson_id):
    lesson = Lesson.objects.select_related("video", "document").filter(course=course, pk=lesson_id).first()
    if lesson is None:
        raise Http404(_("找不到该课时。"))
    return lesson


def _require_enrolled(request, course):
    """None when the user may learn, else the response to send instead."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not enrolment_service.is_enrolled(request.user, course):
        messages.info(request, _("请先报名该课程,再开始学习。"))
        return redirect(course.get_url(request=request))
    return None


@never_cache
def lesson(request, course, lesson_id):
    lesson = _lesson_or_404(course, lesson_id)
    if (refused := _require_enrolled(request, course)) is not None:
        return refused
    progress = progress_service.open_lesson(request.user, lesson)
    progress.lesson = lesson  # already loaded with its video
    lessons = list(
        Lesson.objects.filter(course=course)
        .order_by("sort_order")
        .only("pk", "title", "sort_order", "course")
    )
    index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
    player = None
    if lesson.is_video:
        player = {
            "progressUrl": _url(course, request, "lesson_progress", lesson.pk),
            "duration": lesson.duration_seconds,
            "position": progress.position,
            "intervals": progress.intervals,
            "blockSeeking": course.block_forward_seeking,
            "maxRate": progress_service.MAX_PLAYBACK_RATE,
            "complete": progress.is_complete,
        }
    return TemplateResponse(
        request,
        "courses/lesson.html",
        {
            "page": course,
            "course": course,
            "lesson": lesson,
            "progress": progress,
            "player": player,
            "previous": lessons[index - 1] if index > 0 else None,
            "next": lessons[index + 1] if index + 1 < len(lessons) else None,
            "lesson_number": index + 1,
            "player_text": {
                "done": _("本课时已完成"),
                "watched": _("已观看"),
                "error": _("进度保存失败,请检查网络后继续播放。"),
                "noSeek": _("请先观看完前面的内容。"),
            },
        },
    )


def lesson_progress(request, course, lesson_id):
    """JSON endpoint for the player: {"intervals": [[start, end], ...], "position": seconds}."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("请先登录。")}, status=403)
    lesson = _lesson_or_404(course, lesson_id)
    try:
        payload = json.loads(request.body or b"{}")
        if not isinstance(payload, dict):
            raise ValueError
    except ValueError:
        return JsonResponse({"error": _("播放记录格式不正确。")}, status=400)
    try:
        progress = progress_service.record_playback(
            request.user, lesson, payload.get("intervals", []), payload.get("position", 0)
        )
    except PermissionDenied as exc:
        return JsonResponse({"error": str(exc) or _("请先报名该课程。")}, status=403)
    except ValidationError as exc:
        return JsonResponse({"error": _messages_of(exc)}, status=400)
    return JsonResponse(
        {
            "watched": progress.watched_seconds,
            "percent": progress.percent,
            "complete": progress.is_complete,
            "intervals": progress.intervals,
        }
    )


def lesson_done(request, course, lesson_id):
    if (refused := _post_only(request)) is not None:
        return refused
    lesson = _lesson_or_404(course, lesson_id)
    if (refused := _require_enrolled(request, course)) is not None:
        return refused
    try:
        progress_service.mark_done(request.user, lesson)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, _("本课时已完成。"))
    return redirect(_url(course, request, "lesson", lesson.pk))


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_CHUNK = 64 * 1024


def _byte_range(field, start, end):
    """Yield bytes start..end of a stored file in chunks, so a long video never sits in memory."""
    with field.open("rb") as handle:
        handle.seek(start)
        remaining = end - start + 1
        while remaining > 0:
            chunk = handle.read(min(_CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def lesson_file(request, course, lesson_id, kind):
    """Serve a lesson's video (with HTTP ranges, so the player can seek) or captions, to enrolled learners."""
    lesson = _lesson_or_404(course, lesson_id)
    if not (request.user.is_authenticated and enrolment_service.is_enrolled(request.user, course)):
        raise Http404(_("找不到该文件。"))
    field = (
        lesson.video.file
        if kind == "video" and lesson.video_id
        else lesson.captions
        if kind == "captions"
        else None
    )
    if not field:
        raise Http404(_("找不到该文件。"))
    if kind == "captions":
        with field.open("rb") as handle:
            return HttpResponse(handle.read(), content_type="text/vtt; charset=utf-8")
    content_type = mimetypes.guess_type(field.name)[0] or "application/octet-stream"
    size = field.size
    match = _RANGE.match(request.headers.get("Range", ""))
    if not match or (not match.group(1) and not match.group(2)):
        response = FileResponse(field.open("rb"), content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        return response
    first, last = match.groups()
    if first:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    else:
        start, end = max(0, size - int(last)), size - 1
    if start >= size or start > end:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    response = StreamingHttpResponse(_byte_range(field, start, end), status=206, content_type=content_type)
    response["Content-Length"] = str(end - start + 1)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response


# Quiz ------------------------------------------------------------------------------------------


@never_cache
def quiz(request, course):
    if (refused := _require_enrolled(request, course)) is not None:
        return refused
    if request.method == "POST":
        try:
            attempt = scoring.start_attempt(request.user, course)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _messages_of(exc))
            return redirect(_url(course, request, "quiz"))
        return redirect(_url(course, request, "quiz_attempt", attempt.pk))
    attempts = list(scoring.attempts_of(request.user, course))
    cycle = scoring.current_cycle(request.user, course, attempts)
    return TemplateResponse(
        request,
        "courses/quiz.html",
        {
            "page": course,
            "course": course,
            "attempts": attempts,
            "open_attempt": scoring.open_attempt(request.user, course),
            "attempts_left": max(0, course.quiz_max_attempts - len(cycle)),
            "passed": any(a.passed for a in cycle),
            "renewal": scoring.renewal_since(request.user, course) is not None,
            "has_questions": scoring.has_questions(course),
        },
    )


@never_cache
def quiz_attempt(request, course, attempt_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # Only the learner's own attempt: someone else's id is simply not found.
    attempt = QuizAttempt.objects.filter(pk=attempt_id, user=request.user, course=course).first()
    if attempt is None:
        raise Http404(_("找不到该测验记录。"))
    if request.method == "POST":
        try:
            attempt = scoring.submit(request.user, attempt.pk, scoring.answers_from_post(request.POST))
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _messages_of(exc))
            return redirect(_url(course, request, "quiz_attempt", attempt.pk))
        if attempt.passed:
            messages.success(request, _("恭喜,测验通过!"))
        else:
            messages.warning(request, _("未达到及格分,请查看解析后再试。"))
        return redirect(_url(course, request, "quiz_attempt", attempt.pk))
    if attempt.submitted_at:
        return TemplateResponse(
            request,
            "courses/quiz_review.html",
            {
                "page": course,
                "course": course,
                "attempt": attempt,
                "items": scoring.review(attempt),
                "certificate": current_certificate(request.user, course) if attempt.passed else None,
            },
        )
    if scoring.is_expired(attempt):
        messages.error(request, _("已超过答题时限,本次测验作废。"))
        return redirect(_url(course, request, "quiz"))
    questions = {
        q.pk: q
        for q in scoring.Question.objects.filter(pk__in=attempt.question_ids).prefetch_related("options")
    }
    items = []
    for entry in attempt.drawn:
        question = questions.get(entry["question"])
        if question:
            options = {option.pk: option for option in question.options.all()}
            items.append(
                {"question": question, "options": [options[pk] for pk in entry["options"] if pk in options]}
            )
    return TemplateResponse(
        request,
        "courses/quiz_attempt.html",
        {"page": course, "course": course, "attempt": attempt, "items": items},
    )


# Certificates ----------------------------------------------------------------------------------


def certificate_pdf(request, course):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificate = current_certificate(request.user, course)
    if certificate is None:
        raise Http404(_("您还没有该课程的有效证书。"))
    pdf = render_pdf(certificate, base_url=request.build_absolute_uri("/")[:-1])
    return pdf_response(
        pdf,
        f"结业证书-{certificate.course_title}-{certificate.code[:8]}.pdf",
        f"certificate-{certificate.code[:8]}.pdf",
    )


def certificate_verify(request, code):
    certificate = Certificate.objects.filter(code=code).select_related("course").first()
    if certificate is None:
        return render(request, "courses/certificate_not_found.html", {"code": code}, status=404)
    return render(
        request,
        "courses/certificate_verify.html",
        {"certificate": certificate, "masked_name": mask_name(certificate.holder_name)},
    )
