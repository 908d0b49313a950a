"""Jobs survive a crash: a real qcluster is killed with SIGKILL mid-queue, restarted, and every job
has then run (the ORM broker redelivers what was not acknowledged) and, but for the jobs the kill
caught between their side effect and their commit, once (send_once stops doubles).

A side effect outside the database (an email, here a line in a file) cannot commit with the
claim: a job killed after sending and before committing is sent again. That window holds at most
one job per worker, so that is the bound; on a quiet machine the count is usually 0.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.databases import copy_sqlite_template

ROOT = Path(settings.BASE_DIR)
JOBS = 60


def database_url(tmp_path):
    if connection.vendor == "sqlite":
        # The suite's databases are in memory; the worker needs a file: a copy of the migrated template.
        copy = tmp_path / "jobs.sqlite3"
        copy_sqlite_template(connection, copy)
        return f"sqlite:///{copy}"
    data = connection.settings_dict
    return f"postgres://{data['USER']}@{data['HOST'] or '127.0.0.1'}:{data['PORT'] or 5432}/{data['NAME']}"


def manage(env, *args, **kwargs):
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, **kwargs)


def lines(path):
    return path.read_text().split() if path.exists() else []


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_queue_loses_no_job_and_repeats_none(tmp_path, capsys):
    log = tmp_path / "ran.txt"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": database_url(tmp_path),
        "REDIS_URL": "",
        "JOBS_SYNC": "0",
        "Q_WORKERS": "2",
        "Q_TIMEOUT": "3",
        "Q_RETRY": "4",  # a job a dead worker held comes back after 4 s
        "PYTHONUNBUFFERED": "1",
    }
    enqueue = (
        f"from tests.core.crash_jobs import record\nfor n in range({JOBS}): record.enqueue(n, {str(log)!r})\n"
    )
    assert manage(env, "shell", "-c", enqueue).wait(timeout=60) == 0

    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "start_new_session": True}
    first = manage(env, "qcluster", **quiet)
    try:
        assert wait_for(lambda: len(lines(log)) >= 15, 60), "the worker ran nothing"
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # the cluster and its workers, mid-queue
        first.wait()
    ran_before_kill = len(lines(log))
    assert ran_before_kill < JOBS, "the queue finished before the kill: nothing was tested"

    second = manage(env, "qcluster", **quiet)
    try:
        wait_for(lambda: len(set(lines(log))) >= JOBS, 90)
        time.sleep(1)  # any late duplicate would land now
    finally:
        os.killpg(second.pid, signal.SIGKILL)
        second.wait()

    ran = lines(log)
    lost = JOBS - len(set(ran))
    duplicates = len(ran) - len(set(ran))
    with capsys.disabled():
        print(f"\njobs: {JOBS} queued, killed after {ran_before_kill}, lost {lost}, duplicates {duplicates}")
    assert lost == 0
    assert duplicates <= int(env["Q_WORKERS"])
