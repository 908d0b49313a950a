"""A django-tasks backend that hands Wagtail's background work to django-q2.

Wagtail 8 enqueues search indexing, reference-index updates and file clean-up
with django-tasks; this backend puts them on the same django-q2 cluster as the
project's own jobs, so one worker runs everything and nothing runs in the request.
"""

from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_module_path, get_random_id


def run_task(task_path, args, kwargs):
    """Executed by the django-q2 worker: import the task and run its function."""
    from django.utils.module_loading import import_string

    task = import_string(task_path)
    return task.call(*args, **kwargs)


class DjangoQ2Backend(BaseTaskBackend):
    supports_defer = False
    supports_async_task = False
    supports_get_result = False
    supports_priority = False

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        task_path = get_module_path(task.func)
        # The worker must see the rows the task is about: queue after commit.
        transaction.on_commit(
            lambda: async_task(
                "core.tasks_backend.run_task",
                task_path,
                list(args),
                dict(kwargs),
                task_name=f"{task_path}:{result.id}",
            )
        )
        return result
