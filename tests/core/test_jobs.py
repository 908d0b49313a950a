"""Every job is a django-tasks task: django-q2 runs it after the transaction commits, or inline under
JOBS_SYNC; schedules call it through core.jobs.run_scheduled."""

import pytest
from django.test import override_settings
from django_tasks import task
from django_tasks.backends.base import BaseTaskBackend

from core.tasks_backend import DjangoQ2Backend

CALLS = []


@task()
def record_call(value):
    CALLS.append(value)
    return value


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "core.tasks_backend.DjangoQ2Backend"}})
def test_django_tasks_are_handed_to_django_q2_on_commit(django_capture_on_commit_callbacks, monkeypatch):
    from django_tasks import task_backends

    queued = []
    monkeypatch.setattr("core.tasks_backend.async_task", lambda *args, **kwargs: queued.append(args))
    backend = task_backends["default"]
    assert isinstance(backend, DjangoQ2Backend) and isinstance(backend, BaseTaskBackend)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        record_call.enqueue("x")
        assert queued == []  # nothing runs or queues inside the transaction
    assert len(callbacks) == 1
    assert queued == [("core.tasks_backend.run_task", "tests.core.test_jobs.record_call", ["x"], {})]


@pytest.mark.django_db
def test_the_worker_side_runs_the_task():
    from core.tasks_backend import run_task

    CALLS.clear()
    assert run_task("tests.core.test_jobs.record_call", ["y"], {}) == "y"
    assert CALLS == ["y"]


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "core.tasks_backend.DjangoQ2Backend"}})
def test_a_job_is_queued_on_the_django_q2_orm_broker():
    from django_q.conf import Conf
    from django_q.models import OrmQ

    # Q_CLUSTER is synchronous in tests; take the async path through the ORM broker explicitly.
    old_sync, old_orm = Conf.SYNC, Conf.ORM
    Conf.SYNC, Conf.ORM = False, "default"
    try:
        record_call.enqueue("z")
    finally:
        Conf.SYNC, Conf.ORM = old_sync, old_orm
    assert OrmQ.objects.count() == 1


def test_jobs_run_inline_under_jobs_sync():
    CALLS.clear()
    result = record_call.enqueue("inline")
    assert CALLS == ["inline"] and result.return_value == "inline"


@task()
def tick():
    CALLS.append("tick")


@pytest.mark.django_db
def test_a_schedule_runs_its_task_through_one_place():
    import ast

    from django.utils.module_loading import import_string
    from django_q.models import Schedule

    from core.jobs import ensure_schedule

    schedule = ensure_schedule(tick, "test: tick", Schedule.HOURLY)
    again = ensure_schedule(tick, "test: tick", Schedule.DAILY)
    assert again.pk == schedule.pk and Schedule.objects.filter(name="test: tick").count() == 1
    assert (again.func, again.args, again.schedule_type, again.repeats) == (
        "core.jobs.run_scheduled",
        "'tests.core.test_jobs.tick'",
        Schedule.DAILY,
        -1,
    )
    # What django-q2's scheduler does with the row: literal_eval the args and call func with them.
    CALLS.clear()
    import_string(again.func)(ast.literal_eval(again.args))
    assert CALLS == ["tick"]


def test_no_module_queues_jobs_by_dotted_name():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.glob("*/**/*.py"):
        parts = path.relative_to(root).parts
        if parts[0] in {"tests", ".venv"} or "migrations" in parts or path.name == "tasks_backend.py":
            continue
        source = path.read_text(encoding="utf-8")
        if "async_task(" in source or "import enqueue" in source:
            offenders.append("/".join(parts))
    assert offenders == []
