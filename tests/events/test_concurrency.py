"""No event ever confirms more than its capacity, whatever the concurrency.

Runs real threads, each with its own database connection, against committed data
(``transaction=True``). On PostgreSQL (``DATABASE_URL``) the event row lock is what
serialises them; on SQLite writers are serialised by ``BEGIN IMMEDIATE``.
"""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, connections

from events import registration as services
from events.models import Registration
from tests.conftest import make_user
from tests.events.factories import make_event, make_index

Status = Registration.Status
THREADS = 20
CAPACITY = 3


_db = settings.DATABASES["default"]
_on_sqlite = _db["ENGINE"].endswith("sqlite3")
# Django's in-memory SQLite test database is shared between threads through SQLite's shared
# cache, whose table locks fail at once instead of waiting: no real contention test there.
# (test_sqlite_file_database_serialises_registrations covers SQLite with a real file.)
in_memory_sqlite = pytest.mark.skipif(
    _on_sqlite and not _db.get("TEST", {}).get("NAME"),
    reason="in-memory SQLite test database: threads share one cache and cannot wait for locks; "
    "set DATABASE_URL=postgres://… to run the threaded tests in-process",
)


def _run_in_threads(work, items):
    barrier = threading.Barrier(len(items))
    errors, results = [], []

    def target(item):
        try:
            barrier.wait()
            results.append(work(item))
        except ValidationError as exc:
            errors.append(exc)
        except OperationalError as exc:  # would mean the lock did not serialise
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results, errors


@in_memory_sqlite
@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_never_exceed_capacity(tx_home):
    event = make_event(make_index(tx_home), capacity=CAPACITY)
    users = [make_user(f"rush{i}@example.com", real_name=f"抢票{i}") for i in range(THREADS)]

    results, errors = _run_in_threads(lambda u: services.register(event, u, consent=True), users)

    assert not errors, errors
    assert len(results) == THREADS
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Status.CONFIRMED) == CAPACITY
    assert statuses.count(Status.WAITLISTED) == THREADS - CAPACITY


@in_memory_sqlite
@pytest.mark.django_db(transaction=True)
def test_simultaneous_duplicates_register_once(tx_home):
    event = make_event(make_index(tx_home), capacity=CAPACITY)
    user = make_user("twice@example.com")

    results, errors = _run_in_threads(lambda u: services.register(event, u, consent=True), [user] * 8)

    assert len(results) == 1
    assert all("不能重复报名" in " ".join(e.messages) for e in errors)
    assert Registration.objects.filter(event=event, user=user).count() == 1


@in_memory_sqlite
@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancellations_promote_one_each(tx_home):
    event = make_event(make_index(tx_home), capacity=CAPACITY)
    users = [make_user(f"seat{i}@example.com") for i in range(CAPACITY + 6)]
    registrations = [services.register(event, u, consent=True) for u in users]
    confirmed = registrations[:CAPACITY]
    newcomers = [make_user(f"late{i}@example.com") for i in range(6)]

    # Cancellations and new registrations race each other.
    work = [("cancel", r) for r in confirmed] + [("register", u) for u in newcomers]
    results, errors = _run_in_threads(
        lambda item: (
            services.cancel(item[1])
            if item[0] == "cancel"
            else services.register(event, item[1], consent=True)
        ),
        work,
    )

    assert not errors, errors
    assert Registration.objects.filter(event=event, status=Status.CONFIRMED).count() == CAPACITY
    promoted = set(
        Registration.objects.filter(event=event, status=Status.CONFIRMED).values_list("pk", flat=True)
    )
    # The freed seats went to the first three on the waitlist, in order.
    assert promoted == {r.pk for r in registrations[CAPACITY : 2 * CAPACITY]}


@pytest.mark.skipif(not _on_sqlite, reason="SQLite only: PostgreSQL runs the threaded tests in-process")
def test_sqlite_file_database_serialises_registrations():
    """On a real SQLite file (as deployed), BEGIN IMMEDIATE serialises simultaneous registrations.

    Runs the registration benchmark in a child process on a temporary SQLite file: 8 threads,
    60 people, 5 seats; it exits non-zero if the capacity invariant breaks or a write fails.
    """
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    result = subprocess.run(
        [
            sys.executable,
            str(root / "tests/bench/bench_events_registration.py"),
            "--threads",
            "8",
            "--people",
            "60",
            "--capacity",
            "5",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "confirmed: 5, waitlisted: 55" in result.stdout
    assert "failures: 0" in result.stdout
