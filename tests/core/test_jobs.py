"""Wagtail's django-tasks go through django-q2, after the transaction commits."""

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
@override_settings(JOBS_SYNC=False)
def test_enqueue_uses_the_django_q2_orm_broker():
    from django_q.models import OrmQ

    from core.jobs import enqueue

    # Q_CLUSTER is synchronous in tests; take the async path through the ORM broker explicitly.
    with override_settings(Q_CLUSTER={"name": "t", "orm": "default", "sync": False}):
        from django_q.conf import Conf

        old_sync, old_orm = Conf.SYNC, Conf.ORM
        Conf.SYNC, Conf.ORM = False, "default"
        try:
            enqueue("tests.core.test_jobs.record_call.call", "z")
        finally:
            Conf.SYNC, Conf.ORM = old_sync, old_orm
    assert OrmQ.objects.count() == 1
