"""Two simultaneous answers to the same step: the run row lock lets exactly one through."""

import threading

import pytest
from django.conf import settings
from django.db import connections

from courses.drills import engine
from courses.drills.models import DrillAnswer

from .factories import choice, make_guideline, make_industry, make_scenario, step


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="row locks need PostgreSQL; SQLite serialises writers anyway",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_answers_record_one(home, user):
    industry = make_industry()
    scenario = make_scenario(home, industry, make_guideline(home, industry))
    run, _ = engine.start_run(user, scenario)
    arrival = step(scenario, "arrival")
    picks = [choice(scenario, "arrival", "核验").pk, choice(scenario, "arrival", "以老板").pk]
    barrier = threading.Barrier(2)
    outcomes = []

    def answer(choice_id):
        try:
            barrier.wait()
            engine.answer_step(run.pk, user, arrival.pk, choice_id)
            outcomes.append("ok")
        except engine.DrillError as exc:
            outcomes.append(exc.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(pk,)) for pk in picks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted(["ok", "该步骤已经作答，答案提交后不能修改。"])
    assert DrillAnswer.objects.filter(run=run).count() == 1
