"""A job for the crash test: record that it ran, once per key, slowly enough to be killed mid-queue."""

import os
import time

from django_tasks import task

from core.notifications import send_once


@task()
def record(number, path):
    def write():
        with open(path, "a") as handle:
            handle.write(f"{number}\n")
            handle.flush()
            os.fsync(handle.fileno())

    send_once(f"crash-test:{number}", write)
    time.sleep(0.05)
