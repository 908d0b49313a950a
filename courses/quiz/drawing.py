"""Draw the questions of one quiz attempt from a course's bank.

The result is frozen on the attempt: question ids and the order in which each question's
options are shown. Scoring later uses only this frozen set.
"""

import random

from courses.models.quiz import Question

_rng = random.SystemRandom()


def draw(course, rng=None):
    """Return ``[{"question": id, "options": [option ids]}, ...]`` for a new attempt."""
    rng = rng or _rng
    bank = list(
        Question.objects.filter(course=course, active=True)
        .prefetch_related("options", "industries")
        .order_by("sort_order", "pk")
    )
    rules = list(course.quiz_rules.all())
    if rules:
        chosen, used = [], set()
        for rule in rules:
            pool = [
                question
                for question in bank
                if question.pk not in used
                and (rule.topic_id is None or question.topic_id == rule.topic_id)
                and (
                    rule.industry_id is None
                    or any(i.pk == rule.industry_id for i in question.industries.all())
                )
            ]
            if course.quiz_random:
                rng.shuffle(pool)
            picked = pool[: rule.count]
            chosen.extend(picked)
            used.update(question.pk for question in picked)
    else:
        chosen = list(bank)
        if course.quiz_random:
            rng.shuffle(chosen)
        chosen = chosen[: course.quiz_question_count]
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
