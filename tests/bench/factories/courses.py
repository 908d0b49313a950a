"""Courses with instructors, text lessons and question banks, and learners' enrolments."""

import random
from datetime import timedelta

from django.utils import timezone

from courses.models import CourseInstructor, CoursePage, Enrolment, LegalTopic, Lesson, Option, Question
from library.models import Industry
from tests.bench.factories.pages import (
    bulk_add_pages,
    content_changed,
    finish_pages,
    generated_slug,
    m2m_rows,
    next_number,
)
from tests.bench.factories.vocabulary import AFFILIATIONS, OBJECTS, RISK_AREAS, TERMS, Text


def _topics():
    topics = list(LegalTopic.objects.all())
    if not topics:
        topics = LegalTopic.objects.bulk_create(
            [LegalTopic(code=code, name=name) for code, name in RISK_AREAS]
        )
    return topics


def generate_lessons(course, count, seed=2026):
    """Add ``count`` text lessons (transcript and body, no video) to a course."""
    text = Text((seed, "lessons", course.pk, count).__repr__())
    start = course.lessons.count()
    lessons = [
        Lesson(
            course_id=course.pk,
            sort_order=start + n,
            title=f"第{start + n + 1}讲 {text.pick(TERMS)}与{text.pick(OBJECTS)}",
            transcript=text.paragraph(4, 8),
            body=text.html(2),
            required=text.rng.random() < 0.8,
        )
        for n in range(count)
    ]
    Lesson.objects.bulk_create(lessons, batch_size=500)
    content_changed()
    return lessons


def generate_questions(course, count, seed=2026, topics=None):
    """Add ``count`` quiz questions (single choice or true/false) with their options."""
    text = Text((seed, "questions", course.pk, count).__repr__())
    topics = topics or _topics()
    questions, option_specs = [], []
    for n in range(count):
        term = text.pick(TERMS)
        if text.rng.random() < 0.25:
            kind = Question.Kind.TRUE_FALSE
            specs = [("正确", True), ("错误", False)]
            text.rng.shuffle(specs)
            body = f"判断:{text.sentence()}"
        else:
            kind = Question.Kind.SINGLE
            right = text.pick(OBJECTS)
            wrong = text.rng.sample([o for o in OBJECTS if o != right], 3)
            specs = [(right, True)] + [(w, False) for w in wrong]
            text.rng.shuffle(specs)
            body = f"关于“{term}”,企业首先应当完善下列哪一项?"
        questions.append(
            Question(
                course_id=course.pk,
                kind=kind,
                text=body,
                explanation=text.paragraph(1, 2),
                topic=text.pick(topics),
                sort_order=n,
            )
        )
        option_specs.append(specs)
    Question.objects.bulk_create(questions, batch_size=500)
    Option.objects.bulk_create(
        [
            Option(question_id=question.pk, text=option, is_correct=correct, sort_order=order)
            for question, specs in zip(questions, option_specs, strict=True)
            for order, (option, correct) in enumerate(specs)
        ],
        batch_size=500,
    )
    return questions


def generate_courses(
    parent, count, seed=2026, industries=None, lessons=(3, 8), questions=(6, 10), images=(), finish=True
):
    """``count`` courses with instructors, text lessons and a question bank; most with a cover from ``images``."""
    text = Text((seed, "courses", count).__repr__())
    industries = list(industries or Industry.objects.all())
    number = next_number(parent, "course")
    pages, course_industries = [], []
    for n in range(count):
        term = text.pick(TERMS)
        chosen = text.rng.sample(industries, min(len(industries), text.rng.randint(1, 2)))
        pages.append(
            CoursePage(
                title=f"{'、'.join(i.name for i in chosen)}企业{term}实务(第{number + n}期)",
                slug=generated_slug("course", number + n),
                summary=f"围绕{term},讲解{chosen[0].name}企业常见违法风险、法律责任与合规整改要点。",
                description=text.stream(2),
                duration_minutes=text.rng.randint(30, 180),
                enrolment_mode=text.pick(["open", "open", "open", "approval"]),
                capacity=text.pick([None, None, 50, 100, 200]),
                quiz_question_count=5,
                quiz_pass_mark=60,
                cover_image=text.pick(images) if images and text.rng.random() < 0.8 else None,
            )
        )
        course_industries.append(chosen)
    bulk_add_pages(parent, pages)
    m2m_rows(
        CoursePage,
        "industries",
        [(page.pk, i.pk) for page, chosen in zip(pages, course_industries, strict=True) for i in chosen],
    )
    CourseInstructor.objects.bulk_create(
        [
            CourseInstructor(
                course_id=page.pk, name=text.person(), title=text.pick(AFFILIATIONS), sort_order=k
            )
            for page in pages
            for k in range(text.rng.randint(1, 2))
        ]
    )
    topics = _topics()
    for page in pages:
        generate_lessons(page, text.rng.randint(*lessons), seed)
        generate_questions(page, text.rng.randint(*questions), seed, topics)
    if finish:
        finish_pages(pages)
    return pages


def enrol(user, courses, completed_share=0.0, seed=2026):
    """Active enrolments of ``user`` in ``courses`` (bulk; no emails)."""
    rng = random.Random((seed, "enrol", user.pk).__repr__())
    now = timezone.now()
    return Enrolment.objects.bulk_create(
        [
            Enrolment(
                user=user,
                course_id=course.pk,
                status="active",
                requested_at=now - timedelta(days=n + 1),
                completed_at=now if rng.random() < completed_share else None,
            )
            for n, course in enumerate(courses)
        ],
        batch_size=500,
    )
