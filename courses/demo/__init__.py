"""Demo courses for the three pilot industries (鞋革, 软件, 建筑), written from the seeds and the laws they cite.

One file per course in ``courses/*.yaml``: two short video lessons (small WebM clips shipped in
``media/``, a few seconds each) with WebVTT captions and transcripts, a text lesson with a
downloadable checklist, and a bank of at least eight questions with explanations. Demo learners
get partial progress, an assignment and one certificate.

Idempotent: pages by slug, media and documents by title, taxonomy by code, learner data only if absent.
"""

import io
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents.models import Document
from wagtail.images.models import Image

from core import demodata
from core.pdf import FONT_DIR
from courses import enrolment as enrolment_service
from courses import jobs, progress
from courses.certificates import check_completion, current_certificate
from courses.models import (
    CourseAssignment,
    CourseIndexPage,
    CourseInstructor,
    CourseMedia,
    CoursePage,
    LegalTopic,
    Lesson,
    LessonProgress,
    Option,
    Question,
    QuizAttempt,
)
from courses.quiz import scoring
from library.models import Industry
from portal.demo import ensure_child, get_home

MEDIA_DIR = demodata.data_dir(__file__) / "media"
CLIP_SECONDS = 6.0


def _vtt(lines):
    step = CLIP_SECONDS / len(lines)
    cues = []
    for index, line in enumerate(lines):
        start, end = index * step, (index + 1) * step
        cues.append(f"{index + 1}\n00:00:{start:06.3f} --> 00:00:{end:06.3f}\n{line}\n")
    return "WEBVTT\n\n" + "\n".join(cues)


def _media(title, clip):
    media = CourseMedia.objects.filter(title=title).first()
    if media is None:
        media = CourseMedia(title=title, type="video", duration=CLIP_SECONDS, width=320, height=180)
        media.file.save(clip, ContentFile((MEDIA_DIR / clip).read_bytes()), save=False)
        media.save()
    return media


def _cover(spec, catalogue):
    """A plain cover drawn with the project's own font, so the demo needs no image files."""
    title = f"{spec['title']} · 封面"
    image = Image.objects.filter(title=title).first()
    if image is None:
        names = {industry["code"]: industry["name"] for industry in catalogue["industries"]}
        colour = tuple(catalogue["covers"][spec["industry"]])
        canvas = PILImage.new("RGB", (960, 540), colour)
        draw = ImageDraw.Draw(canvas)
        font = ImageFont.truetype(str(FONT_DIR / "NotoSansSC-Bold-subset.otf"), 52)
        small = ImageFont.truetype(str(FONT_DIR / "NotoSansSC-Regular-subset.otf"), 30)
        draw.text((480, 230), names[spec["industry"]] + "行业合规课程", font=font, fill="white", anchor="mm")
        draw.text((480, 320), "合规学堂 · 鹿城区", font=small, fill=(235, 235, 235), anchor="mm")
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG")
        image = Image(title=title, file=ImageFile(buffer, name=f"{spec['slug']}-cover.png"))
        image.save()
    return image


def _document(title, lines):
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        body = title + "\n\n" + "\n".join(f"□ {line}" for line in lines) + "\n"
        document.file.save("checklist.txt", ContentFile(body.encode("utf-8")), save=False)
        document.save()
    return document


def _build_course(index, spec, industries, topics, catalogue):
    course = ensure_child(
        index,
        CoursePage,
        spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        duration_minutes=20,
        credit_hours=Decimal(str(spec["credit_hours"])),
        enrolment_mode=CoursePage.EnrolmentMode(spec["enrolment_mode"]),
        capacity=spec["capacity"],
        block_forward_seeking=spec["block_forward_seeking"],
        certificate_validity_months=spec["certificate_validity_months"],
        quiz_question_count=8,
        quiz_random=True,
        quiz_shuffle_options=True,
        quiz_pass_mark=75,
        quiz_max_attempts=3,
        quiz_time_limit_minutes=20,
    )
    if course.cover_image_id is None:
        course.cover_image = _cover(spec, catalogue)
        course.save_revision().publish()
        course = CoursePage.objects.get(pk=course.pk)
    if not course.lessons.exists():
        course.industries.set([industries[spec["industry"]]])
        for instructor in spec["instructors"]:
            course.instructors.add(CourseInstructor(name=instructor["name"], title=instructor["title"]))
        for number, video in enumerate(spec["video_lessons"], start=1):
            lesson = Lesson(
                title=video["title"],
                video=_media(f"{spec['title']} · 第{number}课", spec["clip"]),
                transcript=video["transcript"],
                required=True,
                sort_order=number - 1,
            )
            lesson.captions.save(
                f"{spec['slug']}-{number}.vtt", ContentFile(_vtt(video["captions"]).encode()), save=False
            )
            course.lessons.add(lesson)
        text = spec["text_lesson"]
        course.lessons.add(
            Lesson(
                title=text["title"],
                body=text["body"],
                document=_document(text["checklist"], [text["title"]]),
                required=True,
                sort_order=len(spec["video_lessons"]),
            )
        )
        course.save_revision().publish()
    if not Question.objects.filter(course=course).exists():
        for order, spec_question in enumerate(spec["questions"]):
            question = Question.objects.create(
                course=course,
                kind=Question.Kind(spec_question["kind"]),
                text=spec_question["text"],
                explanation=spec_question["explanation"],
                topic=topics[spec_question["topic"]],
                sort_order=order,
            )
            question.industries.set([industries[spec["industry"]]])
            for position, option in enumerate(spec_question["options"]):
                Option.objects.create(
                    question=question, text=option["text"], is_correct=option["correct"], sort_order=position
                )
    return CoursePage.objects.get(pk=course.pk)


def _watch(user, lesson, seconds):
    """Record ``seconds`` of real playback from the start, as the player would after watching."""
    row = progress.open_lesson(user, lesson)
    progress.record_playback(
        user,
        lesson,
        [[0, seconds]],
        seconds,
        viewing=row.viewing_token,
        now=row.opened_at + timedelta(seconds=seconds),
    )


def _learners(courses):
    users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@demo.example")}
    footwear, software, construction = courses
    officer, learner = users.get("zhang.officer@demo.example"), users.get("li.staff@demo.example")
    if officer and current_certificate(officer, footwear) is None:
        # The officer finished the footwear course: every lesson, then the quiz.
        enrolment_service.enrol(officer, footwear)
        for lesson in footwear.lessons.all():
            if lesson.is_video:
                if not LessonProgress.objects.filter(
                    user=officer, lesson=lesson, completed_at__isnull=False
                ).exists():
                    _watch(officer, lesson, lesson.duration_seconds)
            else:
                progress.mark_done(officer, lesson)
        if not QuizAttempt.objects.filter(user=officer, course=footwear, passed=True).exists():
            attempt = scoring.start_attempt(officer, footwear)
            answers = {
                str(item["question"]): [
                    str(pk)
                    for pk in Option.objects.filter(
                        question_id=item["question"], is_correct=True
                    ).values_list("pk", flat=True)
                ]
                for item in attempt.drawn
            }
            scoring.submit(officer, attempt.pk, answers)
        check_completion(officer, footwear)
    if learner and not LessonProgress.objects.filter(user=learner).exists():
        enrolment_service.enrol(learner, footwear)
        first_video = footwear.lessons.filter(video__isnull=False).order_by("sort_order", "pk").first()
        _watch(learner, first_video, CLIP_SECONDS / 2)
    if learner and not QuizAttempt.objects.filter(user=learner).exists():
        # A first try that falls short, so the editors' "hardest questions" report has something to show.
        attempt = scoring.start_attempt(learner, footwear)
        answers = {}
        for index, item in enumerate(attempt.drawn):
            wanted = index >= 3  # the first three answered wrongly
            option = Option.objects.filter(question_id=item["question"], is_correct=wanted).first()
            answers[str(item["question"])] = [str(option.pk)]
        scoring.submit(learner, attempt.pk, answers)
    staff, software_officer = users.get("zhou.staff@demo.example"), users.get("chen.officer@demo.example")
    if (
        staff
        and software_officer
        and not CourseAssignment.objects.filter(user=staff, course=software).exists()
    ):
        CourseAssignment.objects.create(
            enterprise=software_officer.membership.enterprise,
            user=staff,
            course=software,
            due_date=timezone.localdate() + timedelta(days=14),
            assigned_by=software_officer,
        )
        enrolment_service.enrol(staff, software)
    worker = users.get("wang.staff@demo.example")
    if worker and officer and not CourseAssignment.objects.filter(user=worker, course=construction).exists():
        # An overdue assignment, so the officer's page shows the flag.
        CourseAssignment.objects.create(
            enterprise=officer.membership.enterprise,
            user=worker,
            course=construction,
            due_date=timezone.localdate() - timedelta(days=3),
            assigned_by=officer,
        )
        enrolment_service.enrol(worker, construction)  # approval course: pending


def load(stdout):
    catalogue = demodata.read(__file__, "catalogue")
    home = get_home()
    section = catalogue["index"]
    index = ensure_child(
        home, CourseIndexPage, section["slug"], title=section["title"], intro=section["intro"]
    )
    industries = {}
    for spec in catalogue["industries"]:
        industries[spec["code"]], _created = Industry.objects.get_or_create(
            code=spec["code"], defaults={"name": spec["name"]}
        )
    topics = {}
    for spec in catalogue["topics"]:
        topics[spec["code"]], _created = LegalTopic.objects.get_or_create(
            code=spec["code"], defaults={"name": spec["name"]}
        )
    courses = [
        _build_course(index, spec, industries, topics, catalogue)
        for spec in demodata.read_all(__file__, "courses")
    ]
    _learners(courses)
    jobs.ensure_schedules()
    stdout.write(f"  courses: {len(courses)} demo courses under /courses/")
