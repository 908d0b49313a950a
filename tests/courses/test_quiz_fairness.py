"""Fair quizzes: what a learner sees after an attempt, fresh questions on a retry, lessons first, sane authoring."""

import re

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses import enrolment
from courses.models import CoursePage, LessonProgress, Option, Question, QuizAttempt, QuizRule
from courses.quiz import drawing, scoring
from tests.courses.factories import LegalTopicFactory, QuestionFactory, build_course


def right_answers(attempt):
    answers = {}
    for entry in attempt.drawn:
        right = Option.objects.filter(question_id=entry["question"], is_correct=True)
        answers[f"q_{entry['question']}"] = [str(pk) for pk in right.values_list("pk", flat=True)]
    return answers


def revealed_answers(html):
    """What a copying learner could take from a review page: options marked correct, explanations."""
    return re.findall(r'class="correct|正确答案</span>|class="explanation"', html)


@pytest.fixture
def bank_course(home, user):
    """Six questions, three per attempt, two attempts, the default review setting."""
    course = build_course(home, questions=6, quiz_question_count=3, quiz_max_attempts=2, quiz_pass_mark=60)
    enrolment.enrol(user, course)
    return course


def take(client, course, answers=None):
    response = client.post(course.url + "quiz/")
    attempt = QuizAttempt.objects.filter(user__email=client.email).order_by("-number").first()
    assert response["Location"].endswith(f"quiz/{attempt.pk}/")
    client.post(response["Location"], answers(attempt) if answers else {})
    return attempt, client.get(response["Location"]).content.decode()


@pytest.fixture
def learner(client, user):
    client.force_login(user)
    client.email = user.email
    return client


# What a learner sees -------------------------------------------------------------------------------


def test_blank_first_attempt_reveals_no_answers_and_the_retry_has_new_questions(learner, bank_course):
    assert bank_course.quiz_review == CoursePage.QuizReview.ANSWERS_WHEN_DONE  # the default
    first, review = take(learner, bank_course)
    assert first.score == 0 or QuizAttempt.objects.get(pk=first.pk).score == 0
    assert "答错" in review and revealed_answers(review) == []
    assert "《劳动合同法》" not in review  # no explanation
    assert "正确答案与解析将在您通过测验或用完全部测验次数后显示" in review
    # The attack: copy what the review shows into the next attempt. It shows nothing to copy, and
    # the next attempt asks other questions anyway.
    second = scoring.start_attempt(first.user, bank_course)
    assert set(second.question_ids).isdisjoint(QuizAttempt.objects.get(pk=first.pk).question_ids)
    copied = {f"q_{qid}": [] for qid in second.question_ids}
    learner.post(bank_course.url + f"quiz/{second.pk}/", copied)
    second.refresh_from_db()
    assert second.submitted_at and not second.passed
    # Every attempt used: now the answers and explanations are shown, for both attempts.
    for attempt in (first, second):
        html = learner.get(bank_course.url + f"quiz/{attempt.pk}/").content.decode()
        assert "正确答案</span>" in html and "《劳动合同法》第十条" in html


def test_passing_shows_the_answers(learner, bank_course):
    attempt, review = take(learner, bank_course, right_answers)
    assert QuizAttempt.objects.get(pk=attempt.pk).passed
    assert "正确答案</span>" in review and "《劳动合同法》第十条" in review


@pytest.mark.parametrize(
    "mode, shows_questions, shows_answers",
    [("score", False, False), ("wrong", True, False), ("answers", True, True)],
)
def test_author_chooses_what_a_failed_attempt_shows(
    learner, bank_course, mode, shows_questions, shows_answers
):
    CoursePage.objects.filter(pk=bank_course.pk).update(quiz_review=mode)
    bank_course.refresh_from_db()
    attempt, review = take(learner, bank_course)
    assert "得分 0" in review
    question = Question.objects.get(pk=attempt.drawn[0]["question"])
    assert (question.text in review) is shows_questions
    assert ("答错" in review) is shows_questions
    assert bool(revealed_answers(review)) is shows_answers
    if mode != "answers":  # score only / which were wrong: no answers even when all attempts are used
        _, last = take(learner, bank_course)
        assert revealed_answers(last) == []


# Drawing on a retry ----------------------------------------------------------------------------------


def test_retry_prefers_unseen_questions_and_rules_still_hold(home, user):
    course = build_course(home, questions=0, quiz_random=True, quiz_shuffle_options=True, quiz_max_attempts=3)
    labour, safety = LegalTopicFactory(name="劳动用工"), LegalTopicFactory(name="安全生产")
    for _ in range(4):
        QuestionFactory(course=course, topic=labour)
        QuestionFactory(course=course, topic=safety)
    QuizRule.objects.create(course=course, topic=labour, count=2, sort_order=0)
    QuizRule.objects.create(course=course, topic=safety, count=2, sort_order=1)
    enrolment.enrol(user, course)
    seen = []
    for _ in range(3):
        attempt = scoring.start_attempt(user, course)
        topics = [Question.objects.get(pk=qid).topic for qid in attempt.question_ids]
        assert topics.count(labour) == 2 and topics.count(safety) == 2
        seen.append(set(attempt.question_ids))
        scoring.submit(user, attempt.pk, {})
    assert seen[0].isdisjoint(seen[1]) and len(seen[0] | seen[1]) == 8  # the whole bank in two attempts
    assert len(seen[2]) == 4  # a third attempt repeats, the bank allowing no more


def test_retry_from_a_small_bank_takes_what_is_unseen_first(home, user):
    course = build_course(home, questions=4, quiz_question_count=3, quiz_max_attempts=3)
    enrolment.enrol(user, course)
    first = scoring.submit(user, scoring.start_attempt(user, course).pk, {})
    second = scoring.start_attempt(user, course)
    unseen = set(Question.objects.filter(course=course).values_list("pk", flat=True)) - set(
        first.question_ids
    )
    assert unseen <= set(second.question_ids) and len(second.question_ids) == 3
    # Frozen: resuming returns the same draw.
    assert scoring.start_attempt(user, course).drawn == second.drawn


def test_seen_counts_cover_every_earlier_attempt(bank_course, user):
    attempt = scoring.submit(user, scoring.start_attempt(user, bank_course).pk, {})
    assert drawing.seen_counts(user, bank_course) == {qid: 1 for qid in attempt.question_ids}


# Lessons before the quiz ------------------------------------------------------------------------------


def test_author_may_require_lessons_before_the_quiz(learner, home, user):
    course = build_course(home, lessons=2, quiz_requires_lessons=True)
    enrolment.enrol(user, course)
    page = learner.get(course.url + "quiz/").content.decode()
    assert "完成全部必修课时后才能开始测验" in page and "开始测验</button>" not in page
    response = learner.post(course.url + "quiz/", follow=True)
    assert "请先完成全部必修课时" in response.content.decode()
    assert not QuizAttempt.objects.filter(user=user).exists()
    for lesson in course.lessons.all():
        LessonProgress.objects.create(user=user, lesson=lesson, completed_at=timezone.now())
    assert "开始测验</button>" in learner.get(course.url + "quiz/").content.decode()
    learner.post(course.url + "quiz/")
    assert QuizAttempt.objects.filter(user=user).count() == 1


# Authoring ---------------------------------------------------------------------------------------------


def course_form_data(course, question_count=3, rules=()):
    return nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "duration_minutes": 20,
            "credit_hours": "1.0",
            "enrolment_mode": "open",
            "requires_quiz": "on",
            "quiz_question_count": question_count,
            "quiz_pass_mark": 60,
            "quiz_max_attempts": 2,
            "quiz_review": "when_done",
            "description": streamfield([]),
            "instructors": inline_formset([]),
            "lessons": inline_formset(
                [
                    {
                        "id": lesson.pk,
                        "title": lesson.title,
                        "video": lesson.video_id,
                        "transcript": lesson.transcript,
                        "completion_threshold": 90,
                        "required": "on",
                    }
                    for lesson in course.lessons.all()
                ],
                initial=course.lessons.count(),
            ),
            "quiz_rules": inline_formset(list(rules)),
            "action-publish": "publish",
        }
    )


def test_admin_refuses_a_quiz_size_the_bank_cannot_fill(client, admin_user, home):
    course = build_course(home, questions=9)
    client.force_login(admin_user)
    url = f"/admin/pages/{course.pk}/edit/"
    response = client.post(url, course_form_data(course, question_count=50))
    html = response.content.decode()
    assert response.status_code == 200 and "题库中只有 9 道启用的题目" in html
    course.refresh_from_db()
    assert course.quiz_question_count == 3
    response = client.post(url, course_form_data(course, question_count=9))
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.quiz_question_count == 9


def test_admin_refuses_a_draw_rule_the_bank_cannot_satisfy(client, admin_user, home):
    course = build_course(home, questions=0)
    labour = LegalTopicFactory(name="劳动用工")
    for _ in range(9):
        QuestionFactory(course=course, topic=labour)
    client.force_login(admin_user)
    url = f"/admin/pages/{course.pk}/edit/"
    response = client.post(url, course_form_data(course, rules=[{"topic": labour.pk, "count": 99}]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "抽题规则「劳动用工」要求 99 道题，题库中符合条件的启用题目只有 9 道" in html
    assert not QuizRule.objects.filter(course=course).exists()
    # Two rules that each fit but together need more than the bank has.
    rules = [{"topic": labour.pk, "count": 6}, {"topic": "", "count": 6}]
    html = client.post(url, course_form_data(course, rules=rules)).content.decode()
    assert "抽题规则共要求 12 道题" in html and "只有 9 道" in html
    response = client.post(url, course_form_data(course, rules=[{"topic": labour.pk, "count": 9}]))
    assert response.status_code == 302
    assert QuizRule.objects.get(course=course).count == 9


def test_a_new_course_without_questions_saves_with_the_default_size(home):
    course = build_course(home, questions=0, quiz_question_count=8)
    assert drawing.bank_problems(course, 8, []) == []
