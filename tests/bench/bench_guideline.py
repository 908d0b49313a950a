"""Guideline page render cost, in process: a generated guideline of 100 items with linked cases.

Run: .venv/bin/python tests/bench/bench_guideline.py [--items 100] [--cases 120] [--repeat 15]
     (DATABASE_URL=postgres://… for PostgreSQL; the suite's migrated template is copied into a
     scratch test database, dropped at the end)

Prints, for the page and a filtered view of it, the median and best render time through
Django's test client with the full-page cache off (PAGE_CACHE_SECONDS=0), the SQL queries
and their time, and the size of the HTML: once with an empty cache ("cold": every item
rendered) and once warm (the item fragments cached). Then the PDF's time and that it holds
every item. Not collected by pytest; figures only.
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
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--cases", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    with scratch_databases():
        from django.core.cache import cache, caches
        from django.db import connection, reset_queries
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from tests.bench import factories

        print(f"database: {connection.vendor}")
        _home, indexes = factories.ensure_site()
        industries = factories.generate_industries(1)
        (page,) = factories.generate_guidelines(indexes["guidelines"], industries, args.items)
        factories.generate_cases(indexes["cases"], args.cases, industries=industries)
        page.refresh_from_db()
        links = page.items.filter(cases__isnull=False).count()
        print(f"guideline: {page.items.count()} items, {links} item-case links, {page.url}")

        client = Client()
        for label, url in [("page", page.url), ("filtered ?level=red", f"{page.url}?level=red")]:
            for state in ("cold", "warm"):
                times, sizes = [], set()
                for _ in range(args.repeat):
                    if state == "cold":
                        cache.clear()
                        caches["fragments"].clear()
                    reset_queries()
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        response = client.get(url)
                        times.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, response.status_code
                    sizes.add(len(response.content))
                sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
                print(
                    f"  {label:22} {state}: median {statistics.median(times):6.1f} ms  "
                    f"best {min(times):6.1f} ms  queries {len(queries)} ({sql_ms:.1f} ms)  "
                    f"HTML {max(sizes) / 1024:.1f} KB"
                )

        started = time.perf_counter()
        response = client.get(page.url + "pdf/")
        pdf_ms = (time.perf_counter() - started) * 1000
        import shutil
        import subprocess

        titles = list(page.items.values_list("title", flat=True))
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", "-", "-"],
                input=response.content,
                capture_output=True,
                check=True,
            ).stdout.decode()
            text = "".join(text.split())
            # Each title ends with its number in brackets, e.g. (37), unique on the page.
            found = sum(1 for title in titles if "".join(title.split())[-8:] in text)
            holds = f"{found}/{len(titles)} item titles found in its text"
        else:
            holds = "pdftotext not installed: contents not checked"
        print(f"  PDF: {pdf_ms:.0f} ms, {len(response.content) / 1024:.0f} KB, {holds}")


if __name__ == "__main__":
    main()
