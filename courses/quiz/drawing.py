"""Draw the questions of one quiz attempt from a course's bank.

The result is frozen on the attempt: question ids and the order in which each question's
options are shown. Scoring later uses only this frozen set.

A retry prefers questions the learner has not been shown yet (then those shown least often), so a
first attempt cannot be used to learn the next one's questions; each rule's count still holds.
"""

import random
from collections import Counter

from django.utils.translation import gettext as _

from courses.models.quiz import Question

_rng = random.SystemRandom()


def _matches(rule, question):
    return (rule.topic_id is None or question.topic_id == rule.topic_id) and (
        rule.industry_id is None or any(i.pk == rule.industry_id for i in question.industries.all())
    )


def _bank(course):
    return list(
        Question.objects.filter(course=course, active=True)
        .prefetch_related("options", "industries")
        .order_by("sort_order", "pk")
    )


def seen_counts(user, course):
    """{question id: how many of the learner's earlier attempts showed it}."""
    from courses.models.quiz import QuizAttempt

    counts = Counter()
    for drawn in QuizAttempt.objects.filter(user=user, course=course).values_list("drawn", flat=True):
        counts.update({item["question"] for item in drawn})
    return counts


def draw(course, rng=None, seen=None):
    """Return ``[{"question": id, "options": [option ids]}, ...]`` for a new attempt.

    ``seen`` maps question ids to how often the learner has been shown them; unseen ones come first.
    """
    rng = rng or _rng
    seen = seen or {}
    bank = _bank(course)

    def prefer_unseen(pool):
        if course.quiz_random:
            rng.shuffle(pool)
        # A stable sort keeps the random (or bank) order among questions seen equally often.
        pool.sort(key=lambda question: seen.get(question.pk, 0))
        return pool

    rules = list(course.quiz_rules.all())
    if rules:
        chosen, used = [], set()
        for rule in rules:
            pool = prefer_unseen([q for q in bank if q.pk not in used and _matches(rule, q)])
            picked = pool[: rule.count]
            chosen.extend(picked)
            used.update(question.pk for question in picked)
    else:
        chosen = prefer_unseen(list(bank))[: course.quiz_question_count]
        if not course.quiz_random:
            chosen.sort(key=lambda question: (question.sort_order, question.pk))
    if course.quiz_random:
        rng.shuffle(chosen)
    drawn = []
    for question in chosen:
        option_ids = [option.pk for option in question.options.all()]
        # True/false keeps 正确/错误 in the order the editor wrote them.
        if course.quiz_shuffle_options and question.kind != Question.Kind.TRUE_FALSE:
            rng.shuffle(option_ids)
        drawn.append({"question": question.pk, "options": option_ids})
    return drawn


def _rule_label(rule):
    parts = [str(part) for part in (rule.topic, rule.industry) if part is not None]
    return "、".join(parts) if parts else _("全部题目")


def bank_problems(course, question_count, rules):
    """Messages for a quiz size or draw rules that the course's active question bank cannot satisfy."""
    bank = _bank(course)
    if not bank:
        return []  # no questions yet: the course has no quiz to draw
    problems = []
    if not rules:
        if question_count and question_count > len(bank):
            problems.append(
                _("题库中只有 %(have)s 道启用的题目，每次抽题数不能超过 %(have)s（当前设置 %(want)s）。")
                % {"have": len(bank), "want": question_count}
            )
        return problems
    union = set()
    for rule in rules:
        pool = {question.pk for question in bank if _matches(rule, question)}
        union |= pool
        if rule.count > len(pool):
            problems.append(
                _("抽题规则「%(label)s」要求 %(want)s 道题，题库中符合条件的启用题目只有 %(have)s 道。")
                % {"label": _rule_label(rule), "want": rule.count, "have": len(pool)}
            )
    total = sum(rule.count for rule in rules)
    if not problems and total > len(union):
        problems.append(
            _(
                "抽题规则共要求 %(want)s 道题，题库中符合这些规则的启用题目只有 %(have)s 道（不同规则不会重复抽同一道题）。"
            )
            % {"want": total, "have": len(union)}
        )
    return problems
