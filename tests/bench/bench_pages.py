"""Uncached render cost of each public page kind, in process, on a small generated site.

Run: .venv/bin/python tests/bench/bench_pages.py [--repeat 15] [--lang en] [--only course]
     [--profile "course list"] [--sql]
     (DATABASE_URL=postgres://… for PostgreSQL; scratch test databases, dropped at the end)

Each page is requested twice to warm the per-process caches and the guideline's item fragments,
then the pages are requested in turn ``--repeat`` times with the full-page cache off
(PAGE_CACHE_SECONDS=0). Prints each kind's median and best time and its SQL queries.
``--profile LABEL`` prints that page's cProfile (cumulative) instead. To compare two checkouts,
run this same file in each, alternately. Not collected by pytest; figures only.
"""

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.bench.scratch import scratch_databases  # noqa: E402


def build_site():
    """A home page, every index, and of each kind a few pages; one guideline of 100 items."""
    from tests.bench import factories

    _home, indexes = factories.ensure_site()
    industries = factories.generate_industries(3)
    guideline, *_others = factories.generate_guidelines(indexes["guidelines"], industries, 300)
    factories.generate_cases(indexes["cases"], 60, industries=industries)
    images = factories.generate_images(3)
    courses = factories.generate_courses(indexes["courses"], 20, industries=industries, images=images)
    drills = factories.generate_drills(indexes["drills"], 10, industries=industries, images=images)
    events = factories.generate_events(indexes["events"], 20, industries=industries, past_share=0.3)
    case = indexes["cases"].get_children().live().last()
    event = next(e for e in events if not e.is_past)
    return {
        "home": "/",
        "guideline index": "/guidelines/",
        "guideline page": guideline.url,
        "case list": "/cases/",
        "case page": case.url,
        "course list": "/courses/",
        "course page": courses[0].url,
        "drill list": "/drills/",
        "drill page": drills[0].url,
        "event list": "/events/",
        "event page": event.url,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--lang", default="", help="the visitor's language cookie, e.g. en")
    parser.add_argument("--only", default="", help="only the page kinds whose label contains this")
    parser.add_argument("--profile", default="", help="print this page kind's cProfile instead")
    parser.add_argument("--sql", action="store_true", help="print each page's queries")
    parser.add_argument("--sort", default="cumulative", help="the profile's order: cumulative, tottime …")
    parser.add_argument("--match", default="", help="only the profile's functions whose path matches this")
    parser.add_argument("--callers", default="", help="also print who calls the functions matching this")
    args = parser.parse_args()

    with scratch_databases():
        from django.conf import settings
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, override_settings

        with override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="bench-pages-")):
            urls = build_site()
            client = Client()
            if args.lang:
                client.cookies[settings.LANGUAGE_COOKIE_NAME] = args.lang
            urls = {label: url for label, url in urls.items() if args.only in label}
            queries = {}
            for label, url in urls.items():
                for _ in range(2):
                    with CaptureQueriesContext(connection) as captured:
                        response = client.get(url)
                    assert response.status_code == 200, (url, response.status_code)
                queries[label] = len(captured)
                if args.sql:
                    print(f"{label} {url}: {len(captured)} queries")
                    for query in captured.captured_queries:
                        sql = query["sql"]
                        print(
                            "   ",
                            sql[:120],
                            "…",
                            sql[sql.find(" WHERE ") :][:200] if " WHERE " in sql else "",
                        )

            if args.profile:
                url = urls[args.profile]
                profile = cProfile.Profile()
                profile.enable()
                for _ in range(args.repeat):
                    client.get(url)
                profile.disable()
                stats = pstats.Stats(profile).sort_stats(args.sort)
                stats.print_stats(args.match, 45)
                if args.callers:
                    stats.print_callers(args.callers)
                return

            times = {label: [] for label in urls}
            for _ in range(args.repeat):
                for label, url in urls.items():
                    started = time.perf_counter()
                    client.get(url)
                    times[label].append((time.perf_counter() - started) * 1000)
            print(f"database: {connection.vendor}; language: {args.lang or settings.LANGUAGE_CODE}")
            for label, values in times.items():
                print(
                    f"  {label:16} median {statistics.median(values):6.1f} ms  "
                    f"best {min(values):6.1f} ms  queries {queries[label]}"
                )


if __name__ == "__main__":
    main()
