"""The registration benchmark's settings when jobs are queued as in production: the test
settings, but django-tasks hands jobs to django-q2's ORM broker (a row inserted after commit)
instead of running them inline."""

from portal.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "core.tasks_backend.DjangoQ2Backend"}}
Q_CLUSTER = {**Q_CLUSTER, "sync": False}  # noqa: F405
