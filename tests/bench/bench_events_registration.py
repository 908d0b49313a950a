"""Registrations under concurrency: throughput, latency and the capacity invariant.

Run: .venv/bin/python tests/bench/bench_events_registration.py [--threads 16] [--people 400] [--capacity 100]

Without DATABASE_URL it runs on a temporary SQLite file, a copy of the suite's migrated
template (writers serialised by ``BEGIN IMMEDIATE``); with a PostgreSQL DATABASE_URL it copies the suite's migrated template
into a scratch test database, dropped at the end (``--migrate``: migrate and use that database
itself, which must then be a scratch one). The event row lock serialises seat decisions.
``--jobs queued`` (default) queues the confirmation email on django-q2's ORM broker after the
commit, as production does; ``--jobs inline`` sends it in the registering thread after the
commit (JOBS_SYNC), so its rendering competes for the same interpreter. Every thread
registers its share of the people for one event at once; the script prints registrations
per second, latency percentiles and checks that confirmed == min(capacity, people).
Not collected by pytest; figures only.
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument(
        "--jobs",
        choices=["queued", "inline"],
        default="queued",
        help="queued: emails queued on django-q2's ORM broker after commit, as in production; "
        "inline: sent in the registering thread after commit (JOBS_SYNC)",
    )
    parser.add_argument(
        "--migrate", action="store_true", help="PostgreSQL: migrate DATABASE_URL's database in place"
    )
    args = parser.parse_args()

    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.NamedTemporaryFile(suffix=".sqlite3", delete=False)
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch.name}"
    os.environ.setdefault(
        "DJANGO_SETTINGS_MODULE",
        "tests.bench.registration_settings" if args.jobs == "queued" else "portal.settings.test",
    )
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections
    from django.utils import timezone

    from events import registration as services
    from events.models import EventIndexPage, EventPage, Registration
    from portal.demo import ensure_child, get_home

    created = None
    started = time.perf_counter()
    if connection.vendor == "postgresql" and not args.migrate:
        # A scratch copy of the suite's migrated template (built once by the first test run).
        from tests.databases import create_test_databases

        created = create_test_databases()
    elif scratch is not None and not args.migrate:
        # The temporary file becomes a copy of the suite's migrated template.
        from tests.databases import copy_sqlite_template

        copy_sqlite_template(connection, scratch.name)
    else:
        call_command("migrate", verbosity=0)
    print(
        f"database: {connection.vendor} ({connection.settings_dict['NAME']}), ready in {time.perf_counter() - started:.1f}s"
    )

    index = ensure_child(get_home(), EventIndexPage, "events", title="论坛沙龙")
    stamp = int(time.time())
    event = ensure_child(
        index,
        EventPage,
        f"bench-{stamp}",
        title="并发报名压测",
        summary="bench",
        venue="bench",
        start_at=timezone.now() + timedelta(days=3),
        end_at=timezone.now() + timedelta(days=3, hours=2),
        capacity=args.capacity,
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(username=f"bench{stamp}-{i}", email=f"bench{stamp}-{i}@example.com")
            for i in range(args.people)
        ]
    )
    users = list(User.objects.filter(username__startswith=f"bench{stamp}-").order_by("pk"))

    latencies, failures = [], []
    lock = threading.Lock()
    barrier = threading.Barrier(args.threads)

    def worker(chunk):
        barrier.wait()
        try:
            for user in chunk:
                t0 = time.perf_counter()
                try:
                    services.register(event, user, consent=True)
                except Exception as exc:  # counted, not raised: the figures show them
                    with lock:
                        failures.append(repr(exc))
                    continue
                with lock:
                    latencies.append(time.perf_counter() - t0)
        finally:
            connections.close_all()

    chunks = [users[i :: args.threads] for i in range(args.threads)]
    threads = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started

    confirmed = Registration.objects.filter(event=event, status="confirmed").count()
    waitlisted = Registration.objects.filter(event=event, status="waitlisted").count()
    latencies.sort()
    print(f"threads: {args.threads}, people: {args.people}, capacity: {args.capacity}, jobs: {args.jobs}")
    print(
        f"registrations: {len(latencies)} in {elapsed:.2f}s = {len(latencies) / elapsed:.0f}/s; failures: {len(failures)}"
    )
    if latencies:
        p = lambda q: latencies[min(int(q * len(latencies)), len(latencies) - 1)] * 1000  # noqa: E731
        print(
            f"latency ms: median {statistics.median(latencies) * 1000:.1f}, p95 {p(0.95):.1f}, max {latencies[-1] * 1000:.1f}"
        )
    print(f"confirmed: {confirmed}, waitlisted: {waitlisted}")
    ok = confirmed == min(args.capacity, args.people) and confirmed + waitlisted == len(latencies)
    print("capacity invariant:", "held" if ok else "VIOLATED")
    for failure in failures[:5]:
        print("  failure:", failure)
    if scratch:
        os.unlink(scratch.name)
    if created:
        from tests.databases import destroy_test_databases

        destroy_test_databases(created)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
