"""Quizzes on the server: drawing is frozen, scoring and limits are enforced, tampering changes nothing."""

import random
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.models import AnswerRecord, Option, Question, QuizAttempt, QuizRule
from courses.quiz import drawing, scoring
from tests.courses.factories import LegalTopicFactory, QuestionFactory, build_course


def correct_answers(attempt):
    answers = {}
    for entry in attempt.drawn:
        right = Option.objects.filter(question_id=entry["question"], is_correct=True).values_list(
            "pk", flat=True
        )
        answers[str(entry["question"])] = [str(pk) for pk in right]
    return answers


def wrong_answers(attempt):
    answers = {}
    for entry in attempt.drawn:
        wrong = Option.objects.filter(question_id=entry["question"], is_correct=False).first()
        answers[str(entry["question"])] = [str(wrong.pk)]
    return answers


def snapshot(attempt):
    attempt.refresh_from_db()
    return (
        attempt.submitted_at,
        attempt.answers,
        attempt.score,
        attempt.passed,
        AnswerRecord.objects.filter(attempt=attempt).count(),
        QuizAttempt.objects.filter(user=attempt.user).count(),
    )


# Drawing --------------------------------------------------------------------------------------------


def test_draws_n_questions_in_bank_order_without_randomness(course):
    drawn = drawing.draw(course)
    bank = list(Question.objects.filter(course=course).order_by("sort_order", "pk"))
    assert [item["question"] for item in drawn] == [q.pk for q in bank[:3]]
    assert drawn[0]["options"] == [o.pk for o in bank[0].options.all()]


def test_random_draw_with_shuffled_options_and_rules_per_tag(home):
    course = build_course(home, questions=0, quiz_random=True, quiz_shuffle_options=True)
    labour, safety = LegalTopicFactory(name="劳动用工"), LegalTopicFactory(name="安全生产")
    for _ in range(4):
        QuestionFactory(course=course, topic=labour, options=[(str(i), i == 0) for i in range(5)])
        QuestionFactory(course=course, topic=safety)
    QuestionFactory(course=course, kind=Question.Kind.TRUE_FALSE, topic=safety)
    QuizRule.objects.create(course=course, topic=labour, count=2, sort_order=0)
    QuizRule.objects.create(course=course, topic=safety, count=3, sort_order=1)
    drawn = drawing.draw(course, rng=random.Random(4))
    topics = [Question.objects.get(pk=item["question"]).topic for item in drawn]
    assert topics.count(labour) == 2 and topics.count(safety) == 3
    assert len({item["question"] for item in drawn}) == 5
    orders = {
        tuple(item["options"])
        for item in drawing.draw(course, rng=random.Random(1))
        if len(item["options"]) == 5
    }
    orders |= {
        tuple(item["options"])
        for item in drawing.draw(course, rng=random.Random(2))
        if len(item["options"]) == 5
    }
    assert len(orders) > 1  # options really are shuffled
    for item in drawn:
        question = Question.objects.get(pk=item["question"])
        assert sorted(item["options"]) == sorted(o.pk for o in question.options.all())
        if question.kind == Question.Kind.TRUE_FALSE:
            assert item["options"] == [o.pk for o in question.options.all()]  # 正确/错误 stay in order


def test_drawn_set_is_frozen_on_the_attempt(course, enrolled):
    attempt = scoring.start_attempt(enrolled, course)
    frozen = list(attempt.drawn)
    QuestionFactory(course=course, sort_order=0)  # a new first question in the bank
    assert scoring.start_attempt(enrolled, course).pk == attempt.pk  # resumed, not redrawn
    attempt.refresh_from_db()
    assert attempt.drawn == frozen


# Scoring ----------------------------------------------------------------------------------------------


def test_pass_and_review(course, enrolled):
    attempt = scoring.start_attempt(enrolled, course)
    answers = correct_answers(attempt)
    first = str(attempt.drawn[0]["question"])
    answers[first] = [str(Option.objects.filter(question_id=first, is_correct=False).first().pk)]
    attempt = scoring.submit(enrolled, attempt.pk, answers)
    assert attempt.correct_count == 2 and attempt.score == 67 and attempt.passed
    items = scoring.review(attempt)
    assert [item["is_correct"] for item in items] == [False, True, True]
    assert items[0]["question"].explanation.startswith("《劳动合同法》")
    assert any(o["chosen"] and not o["correct"] for o in items[0]["options"])
    with pytest.raises(ValidationError):  # passed: no more attempts needed
        scoring.start_attempt(enrolled, course)


def test_multiple_choice_is_all_or_nothing(home, user):
    from courses import enrolment

    course = build_course(home, questions=0, quiz_question_count=1)
    question = QuestionFactory(
        course=course, kind=Question.Kind.MULTIPLE, options=[("甲", True), ("乙", True), ("丙", False)]
    )
    enrolment.enrol(user, course)
    a, b, c = question.options.values_list("pk", flat=True)
    attempt = scoring.submit(user, scoring.start_attempt(user, course).pk, {str(question.pk): [str(a)]})
    assert not attempt.passed
    attempt = scoring.submit(
        user, scoring.start_attempt(user, course).pk, {str(question.pk): [str(a), str(b)]}
    )
    assert attempt.passed


def test_unanswered_questions_count_as_wrong(course, enrolled):
    attempt = scoring.submit(enrolled, scoring.start_attempt(enrolled, course).pk, {})
    assert attempt.score == 0 and not attempt.passed and attempt.submitted_at


# Tampering: refused, nothing changes -----------------------------------------------------------------


def tampered_cases(attempt, course):
    drawn_ids = attempt.question_ids
    other = QuestionFactory(course=course, sort_order=99)  # in the bank, not drawn
    first, second = attempt.drawn[0], attempt.drawn[1]
    right = correct_answers(attempt)
    return {
        "question not drawn": {**right, str(other.pk): [str(other.options.first().pk)]},
        "option of another question": {**right, str(first["question"]): [str(second["options"][0])]},
        "two answers to a single choice": {
            **right,
            str(first["question"]): [str(pk) for pk in first["options"][:2]],
        },
        "duplicate option": {**right, str(drawn_ids[0]): [str(first["options"][0])] * 2},
        "not a number": {**right, "abc": ["1"]},
        "option id not a number": {**right, str(drawn_ids[0]): ["x"]},
        "unknown option id": {**right, str(drawn_ids[0]): ["999999"]},
    }


def test_tampered_submissions_are_refused_and_change_nothing(course, enrolled):
    attempt = scoring.start_attempt(enrolled, course)
    before = snapshot(attempt)
    for label, answers in tampered_cases(attempt, course).items():
        with pytest.raises(ValidationError):
            scoring.submit(enrolled, attempt.pk, answers)
        assert snapshot(attempt) == before, label
    # The honest submission still goes through afterwards.
    assert scoring.submit(enrolled, attempt.pk, correct_answers(attempt)).passed


def test_late_submission_is_refused(home, user):
    from courses import enrolment

    course = build_course(home, quiz_time_limit_minutes=10)
    enrolment.enrol(user, course)
    started = timezone.now() - timedelta(minutes=11)
    attempt = scoring.start_attempt(user, course, now=started)
    assert attempt.deadline == started + timedelta(minutes=10)
    before = snapshot(attempt)
    with pytest.raises(ValidationError):
        scoring.submit(user, attempt.pk, correct_answers(attempt))
    assert snapshot(attempt) == before
    # Within the grace period it is accepted.
    attempt.deadline = timezone.now() - timedelta(seconds=scoring.GRACE_SECONDS - 5)
    attempt.save()
    assert scoring.submit(user, attempt.pk, correct_answers(attempt)).passed


def test_attempts_over_the_limit_are_refused(course, enrolled):
    for _ in range(course.quiz_max_attempts):
        attempt = scoring.start_attempt(enrolled, course)
        scoring.submit(enrolled, attempt.pk, wrong_answers(attempt))
    with pytest.raises(ValidationError):
        scoring.start_attempt(enrolled, course)
    assert QuizAttempt.objects.filter(user=enrolled).count() == course.quiz_max_attempts


def test_an_expired_unsubmitted_attempt_still_counts(home, user):
    from courses import enrolment

    course = build_course(home, quiz_time_limit_minutes=5, quiz_max_attempts=1)
    enrolment.enrol(user, course)
    scoring.start_attempt(user, course, now=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError):
        scoring.start_attempt(user, course)


def test_resubmission_is_refused(course, enrolled):
    attempt = scoring.start_attempt(enrolled, course)
    scoring.submit(enrolled, attempt.pk, wrong_answers(attempt))
    before = snapshot(attempt)
    with pytest.raises(ValidationError):
        scoring.submit(enrolled, attempt.pk, correct_answers(attempt))
    assert snapshot(attempt) == before


def test_someone_elses_attempt_cannot_be_submitted_or_seen(client, course, enrolled, other_user):
    from courses import enrolment

    attempt = scoring.start_attempt(enrolled, course)
    enrolment.enrol(other_user, course)
    before = snapshot(attempt)
    with pytest.raises(PermissionDenied):
        scoring.submit(other_user, attempt.pk, correct_answers(attempt))
    assert snapshot(attempt) == before
    client.force_login(other_user)
    url = course.url + course.reverse_subpage("quiz_attempt", args=(attempt.pk,))
    assert client.get(url).status_code == 404
    assert client.post(url, {f"q_{k}": v for k, v in correct_answers(attempt).items()}).status_code == 404
    assert snapshot(attempt) == before


def test_not_enrolled_cannot_start(course, user):
    with pytest.raises(PermissionDenied):
        scoring.start_attempt(user, course)


# Through the views -----------------------------------------------------------------------------------


def test_quiz_pages_start_take_submit_review(learner_client, course, enrolled):
    quiz_url = course.url + "quiz/"
    assert "开始测验" in learner_client.get(quiz_url).content.decode()
    response = learner_client.post(quiz_url)
    attempt = QuizAttempt.objects.get(user=enrolled)
    assert response["Location"].endswith(f"quiz/{attempt.pk}/")
    page = learner_client.get(response["Location"]).content.decode()
    for entry in attempt.drawn:
        assert f'name="q_{entry["question"]}"' in page
    form = {f"q_{qid}": values for qid, values in correct_answers(attempt).items()}
    tampered = {**form, "q_999999": ["1"]}
    learner_client.post(response["Location"], tampered)
    assert QuizAttempt.objects.get(pk=attempt.pk).submitted_at is None
    learner_client.post(response["Location"], form)
    review = learner_client.get(response["Location"]).content.decode()
    assert "解析" in review and "《劳动合同法》第十条" in review
    learner_client.post(response["Location"], form)  # resubmission: a message, nothing else
    assert QuizAttempt.objects.filter(user=enrolled).count() == 1


def test_question_options_are_validated_by_type(course):
    question = Question(course=course, kind=Question.Kind.TRUE_FALSE)
    with pytest.raises(ValidationError):
        question.check_options([Option(text="对", is_correct=True)])
    with pytest.raises(ValidationError):
        question.check_options([Option(text="对", is_correct=True), Option(text="错", is_correct=True)])
    question.kind = Question.Kind.MULTIPLE
    with pytest.raises(ValidationError):
        question.check_options([Option(text="甲"), Option(text="乙")])
    question.check_options([Option(text="甲", is_correct=True), Option(text="乙", is_correct=True)])


def test_timed_attempt_page_shows_the_deadline(client, home, user):
    from courses import enrolment

    course = build_course(home, quiz_time_limit_minutes=15)
    enrolment.enrol(user, course)
    client.force_login(user)
    attempt = scoring.start_attempt(user, course)
    page = client.get(course.url + f"quiz/{attempt.pk}/").content.decode()
    assert "data-deadline" in page and "data-countdown" in page and "courses/quiz.js" in page
    # Past the deadline (and the grace), the page says so and sends the learner back.
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    response = client.get(course.url + f"quiz/{attempt.pk}/", follow=True)
    assert "已超过答题时限" in response.content.decode()
