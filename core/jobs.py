"""One way for every app to run background work on the django-q2 cluster."""

from django.conf import settings
from django.db import transaction
from django_q.tasks import async_task


def enqueue(func_path, *args, **kwargs):
    """Queue ``func_path(*args, **kwargs)`` once the current transaction commits.

    With ``JOBS_SYNC`` (tests, or no worker) the job runs at once, inline.
    """
    if settings.JOBS_SYNC:
        from django.utils.module_loading import import_string

        return import_string(func_path)(*args, **kwargs)
    transaction.on_commit(lambda: async_task(func_path, *args, **kwargs))
    return None
