"""/events/calendar.ics with 200 upcoming events, in process, the full-page cache off.

Run: .venv/bin/python tests/bench/bench_calendar.py [--events 200] [--repeat 15]
     (DATABASE_URL=postgres://… for PostgreSQL; a scratch copy of the suite's template)

Prints the median and best time of the view through Django's test client, cold (the cached
VEVENTs cleared before each request: every event built) and warm (cached VEVENTs, only the
list query and the assembly), with queries and size. Not collected by pytest; figures only.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.bench.scratch import scratch_databases  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with scratch_databases():
        from django.core.cache import caches
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from tests.bench import factories

        _home, indexes = factories.ensure_site()
        factories.generate_events(indexes["events"], args.events, past_share=0)
        client = Client()
        print(f"database: {connection.vendor}; {args.events} upcoming events")
        for state in ("cold", "warm"):
            times = []
            for _ in range(args.repeat):
                if state == "cold" and "fragments" in caches:
                    caches["fragments"].clear()
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get("/events/calendar.ics")
                    times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            count = response.content.count(b"BEGIN:VEVENT")
            print(
                f"  calendar.ics {state}: median {statistics.median(times):6.1f} ms  best {min(times):6.1f} ms  "
                f"queries {len(queries)}  {count} VEVENTs  {len(response.content) / 1024:.0f} KB"
            )


if __name__ == "__main__":
    main()
