"""One way for every app to run background work: django-tasks ``@task`` functions on django-q2.

A job is a module-level function decorated with ``@task()`` (``django_tasks.task``) and queued with
``job.enqueue(*args)``. The project's backend, ``core.tasks_backend.DjangoQ2Backend``, hands it to the
django-q2 cluster once the current transaction commits; with ``JOBS_SYNC`` (tests, or a machine
without a worker) django-tasks' immediate backend runs it at once, inline. Wagtail's own tasks take
the same road. Periodic jobs are django-q2 schedules made by ``ensure_schedule``: each one calls
``run_scheduled`` with the job's dotted path, so a schedule runs exactly what ``.enqueue()`` would.
"""

from django.utils.module_loading import import_string
from django_tasks.utils import get_module_path

SCHEDULED_FUNC = "core.jobs.run_scheduled"


def run_scheduled(task_path):
    """Executed by the django-q2 scheduler's worker: run the scheduled task (a django-tasks Task)."""
    return import_string(task_path).call()


def ensure_schedule(job, name, schedule_type, **options):
    """Create or update the django-q2 schedule ``name`` that runs ``job`` (a ``@task``) periodically.

    ``schedule_type`` is a ``django_q.models.Schedule`` type (``Schedule.DAILY``, ``Schedule.MINUTES``
    with ``minutes=5``, …); idempotent, keyed by name.
    """
    from django_q.models import Schedule

    schedule, _created = Schedule.objects.update_or_create(
        name=name, defaults=schedule_defaults(get_module_path(job.func), schedule_type, **options)
    )
    return schedule


def schedule_defaults(task_path, schedule_type, repeats=-1, **options):
    """The Schedule fields that run ``task_path``: shared with the data migrations, which cannot
    import the tasks themselves."""
    return {
        "func": SCHEDULED_FUNC,
        "args": repr(task_path),
        "schedule_type": schedule_type,
        "repeats": repeats,
        **options,
    }
