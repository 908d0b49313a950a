"""Quiz attempts on the server: starting (attempt limit), submitting (time limit, tamper checks), scoring.

The client submits only option choices for the questions frozen on its attempt. Anything else
is refused with a ValidationError and changes nothing.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models.certificate import Certificate
from courses.models.enrolment import Enrolment
from courses.models.quiz import AnswerRecord, Option, Question, QuizAttempt
from courses.quiz.drawing import draw, seen_counts
from courses.signals import learning_step_completed

GRACE_SECONDS = 30  # network latency between the last click and the request arriving
RENEWAL_DAYS = 30  # a certificate this close to expiry (or expired) may be renewed by passing again


def is_expired(attempt, now=None):
    now = now or timezone.now()
    return attempt.deadline is not None and now > attempt.deadline + timedelta(seconds=GRACE_SECONDS)


def has_questions(course):
    return Question.objects.filter(course=course, active=True).exists()


def attempts_of(user, course):
    return QuizAttempt.objects.filter(user=user, course=course).order_by("number")


def renewal_since(user, course, now=None):
    """The issue time of the learner's certificate when it is due for renewal, else None.

    A renewal is a new cycle: attempts before it neither count against the limit nor as a pass.
    """
    now = now or timezone.now()
    latest = (
        Certificate.objects.filter(user=user, course=course, revoked_at__isnull=True)
        .order_by("-issued_at")
        .first()
    )
    if latest and latest.expires_at and latest.expires_at <= now + timedelta(days=RENEWAL_DAYS):
        return latest.issued_at
    return None


def current_cycle(user, course, attempts=None, now=None):
    """The learner's attempts that count now: all of them, or those since a certificate came up for renewal."""
    attempts = list(attempts_of(user, course)) if attempts is None else attempts
    since = renewal_since(user, course, now)
    return [attempt for attempt in attempts if since is None or attempt.started_at > since]


def lessons_ready(user, course):
    """Whether the quiz is open as far as lessons go: always, unless the author requires them first."""
    if not course.quiz_requires_lessons:
        return True
    from courses.progress import course_progress

    return course_progress(user, course).required_done


def review_level(attempt, cycle=None):
    """What the learner may see of a submitted attempt: "score", "wrong" or "answers".

    By default the correct answers and explanations stay hidden until the learner has passed or has
    used every attempt of the current cycle, so a blank attempt cannot be used to copy answers.
    """
    course = attempt.course
    mode = course.quiz_review
    if mode == course.QuizReview.SCORE:
        return "score"
    if mode == course.QuizReview.WRONG:
        return "wrong"
    if mode == course.QuizReview.ANSWERS:
        return "answers"
    cycle = current_cycle(attempt.user, course) if cycle is None else cycle
    if attempt.passed or any(a.passed for a in cycle) or all_used(course, cycle):
        return "answers"
    return "wrong"


def all_used(course, cycle, now=None):
    """Every attempt of the cycle is used and none is still open."""
    if len(cycle) < course.quiz_max_attempts:
        return False
    return all(a.submitted_at is not None or is_expired(a, now) for a in cycle)


def open_attempt(user, course, now=None):
    """The learner's unsubmitted attempt still within its time, if any."""
    attempt = attempts_of(user, course).filter(submitted_at__isnull=True).last()
    if attempt and not is_expired(attempt, now):
        return attempt
    return None


@transaction.atomic
def start_attempt(user, course, now=None):
    """Resume the open attempt or start a new one with a freshly drawn, frozen set of questions."""
    now = now or timezone.now()
    # Locking the enrolment serialises attempt numbering for this learner and course.
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(user=user, course=course, status=Enrolment.Status.ACTIVE)
        .first()
    )
    if enrolment is None:
        raise PermissionDenied(_("请先报名该课程。"))
    attempts = list(attempts_of(user, course))
    cycle = current_cycle(user, course, attempts, now)
    if any(attempt.passed for attempt in cycle):
        raise ValidationError(_("您已通过本课程测验。"))
    current = attempts[-1] if attempts else None
    if current and current.submitted_at is None and not is_expired(current, now):
        return current
    if len(cycle) >= course.quiz_max_attempts:
        raise ValidationError(_("测验次数已用完（最多 %(max)s 次）。") % {"max": course.quiz_max_attempts})
    if not lessons_ready(user, course):
        raise ValidationError(_("请先完成全部必修课时，再开始测验。"))
    drawn = draw(course, seen=seen_counts(user, course))
    if not drawn:
        raise ValidationError(_("本课程暂无测验题目。"))
    deadline = (
        now + timedelta(minutes=course.quiz_time_limit_minutes) if course.quiz_time_limit_minutes else None
    )
    return QuizAttempt.objects.create(
        user=user, course=course, number=len(attempts) + 1, drawn=drawn, started_at=now, deadline=deadline
    )


def answers_from_post(data):
    """Read ``q_<question id>`` fields (one or more values each) from a form POST."""
    answers = {}
    for key in data:
        if key.startswith("q_"):
            answers[key[2:]] = data.getlist(key)
    return answers


def _clean_answers(attempt, answers, kinds):
    drawn = {item["question"]: item["options"] for item in attempt.drawn}
    cleaned = {}
    for key, values in answers.items():
        try:
            question_id = int(key)
            chosen = [int(value) for value in values]
        except (TypeError, ValueError):
            raise ValidationError(_("答卷格式不正确。"))
        if question_id not in drawn:
            raise ValidationError(_("答卷包含不属于本次测验的题目。"))
        if len(set(chosen)) != len(chosen) or not set(chosen) <= set(drawn[question_id]):
            raise ValidationError(_("答卷包含不属于该题的选项。"))
        if kinds[question_id] != Question.Kind.MULTIPLE and len(chosen) > 1:
            raise ValidationError(_("单选题和判断题只能选择一个答案。"))
        cleaned[question_id] = chosen
    return cleaned


@transaction.atomic
def submit(user, attempt_id, answers, now=None):
    """Score the learner's answers for their own open attempt; refuse and change nothing otherwise."""
    now = now or timezone.now()
    attempt = QuizAttempt.objects.select_for_update().filter(pk=attempt_id, user=user).first()
    if attempt is None:
        raise PermissionDenied(_("找不到该测验记录。"))
    if attempt.submitted_at is not None:
        raise ValidationError(_("该测验已交卷，不能重复提交。"))
    if is_expired(attempt, now):
        raise ValidationError(_("已超过答题时限，本次答卷未被接受。"))
    if not Enrolment.objects.filter(
        user=user, course_id=attempt.course_id, status=Enrolment.Status.ACTIVE
    ).exists():
        raise PermissionDenied(_("请先报名该课程。"))
    if not isinstance(answers, dict):
        raise ValidationError(_("答卷格式不正确。"))
    question_ids = attempt.question_ids
    kinds = dict(Question.objects.filter(pk__in=question_ids).values_list("pk", "kind"))
    if len(kinds) != len(question_ids):
        raise ValidationError(_("本次测验的部分题目已被删除，请重新开始测验。"))
    cleaned = _clean_answers(attempt, answers, kinds)
    correct = {}
    for question_id, option_id in Option.objects.filter(
        question_id__in=question_ids, is_correct=True
    ).values_list("question_id", "pk"):
        correct.setdefault(question_id, set()).add(option_id)
    records = []
    for question_id in question_ids:
        is_right = set(cleaned.get(question_id, [])) == correct.get(question_id, set())
        records.append(AnswerRecord(attempt=attempt, question_id=question_id, is_correct=is_right))
    AnswerRecord.objects.bulk_create(records)
    attempt.answers = {str(qid): chosen for qid, chosen in cleaned.items()}
    attempt.correct_count = sum(1 for record in records if record.is_correct)
    attempt.score = round(attempt.correct_count * 100 / len(question_ids)) if question_ids else 0
    attempt.passed = attempt.score >= attempt.course.quiz_pass_mark
    attempt.submitted_at = now
    attempt.save()
    if attempt.passed:
        learning_step_completed.send(sender=QuizAttempt, user=user, course=attempt.course)
    return attempt


def review(attempt, level="answers"):
    """Each drawn question with its options in the order shown, the learner's choice and the explanation.

    At ``level="wrong"`` the correct options are left out (``correct`` is None) and the template shows
    no explanation; at ``level="score"`` there are no items at all.
    """
    if level == "score":
        return []
    question_ids = attempt.question_ids
    questions = Question.objects.filter(pk__in=question_ids).prefetch_related("options").in_bulk()
    items = []
    for entry in attempt.drawn:
        question = questions.get(entry["question"])
        if question is None:
            continue
        options = {option.pk: option for option in question.options.all()}
        chosen = set(attempt.answers.get(str(question.pk), []))
        shown = [options[pk] for pk in entry["options"] if pk in options]
        correct = {option.pk for option in shown if option.is_correct}
        items.append(
            {
                "question": question,
                "options": [
                    {
                        "option": option,
                        "chosen": option.pk in chosen,
                        "correct": option.is_correct if level == "answers" else None,
                    }
                    for option in shown
                ],
                "is_correct": chosen == correct,
            }
        )
    return items
