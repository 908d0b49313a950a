"""Production serving benchmark: every public page against a bare Django view, same stack.

Run: .venv/bin/python tests/bench/bench_serving.py [--database-url URL] [--duration 8]
     [--size full|small] [--reuse] [--tool wrk|python]

What it does, in order:
1. Builds a scratch site with the production settings: migrate, ``generate_site`` at the
   issue's size (5 industries, 500 guideline items, 200 cases, 50 courses, 200 events,
   20,000 search documents), collectstatic. Without ``--database-url`` the database is a
   SQLite file under ``var/bench/``; a PostgreSQL URL names a scratch database that is
   dropped and created again (``--reuse`` keeps a database built by an earlier run).
2. Starts gunicorn on loopback exactly as ``make serve`` does (portal/gunicorn.conf.py,
   whitenoise) with the benchmark's settings (``tests/bench/settings.py``: production plus
   ``/_bench/bare``, a view returning a constant string through the same middleware).
3. Drives it from a second process (wrk, or a threaded Python client when wrk is absent)
   and prints, per URL, requests per second, median, 95th and 99th percentile latency and
   the throughput ratio page / bare view measured in the same phase:
   - cached phase: anonymous visitors, the full-page cache on (Redis when reachable), many
     connections; the target is 60% of the bare view's throughput or more;
   - uncached phase: the page cache off (PAGE_CACHE_SECONDS=0), one connection per core,
     so the median is the page's own cost; the targets are a median under 50 ms, and for
     search a median under 20 ms and a 95th percentile under 50 ms.
4. After each phase, prints the master's and every worker's RSS and PSS (/proc smaps_rollup).
The cache keys carry their own prefix (CACHE_KEY_PREFIX=compliance-bench) and the run deletes
only those (SCAN + DEL), never FLUSHDB: a shared Redis keeps everyone else's keys.
Not collected by pytest; figures only.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.bench.procmem import print_workers  # noqa: E402

PYTHON = sys.executable
SIZES = {
    "full": {
        "industries": 5,
        "guideline-items": 500,
        "cases": 200,
        "courses": 50,
        "events": 200,
        "search-docs": 20000,
    },
    "small": {
        "industries": 2,
        "guideline-items": 40,
        "cases": 20,
        "courses": 5,
        "events": 20,
        "search-docs": 500,
    },
}
SEARCH_QUERIES = ["合规整改", "安全生产 整改", "个人信息保护", "首违不罚"]
WRK_SCRIPT = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCHJSON {\"requests\": %d, \"seconds\": %f, \"errors\": %d, \"p50\": %f, \"p95\": %f, \"p99\": %f}\n",
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


# --- the load tools -------------------------------------------------------------------


def run_wrk(url, connections, duration):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        threads = min(2, connections)
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "-s", script.name, url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    return json.loads(re.search(r"BENCHJSON (\{.*\})", out).group(1))


def python_load(url, connections, duration):
    """The fallback load tool: keep-alive HTTP/1.1 clients on threads, latencies in ms."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies, errors = [], [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def client():
        conn = HTTPConnection(parts.hostname, parts.port, timeout=30)
        mine, failed = [], 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", target)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
            except OSError:
                failed += 1
                conn.close()
                conn = HTTPConnection(parts.hostname, parts.port, timeout=30)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    ordered = sorted(latencies) or [0.0]

    def pct(fraction):
        return ordered[min(len(ordered) - 1, int(fraction * (len(ordered) - 1)))]

    return {
        "requests": len(latencies),
        "seconds": seconds,
        "errors": errors[0],
        "p50": statistics.median(ordered),
        "p95": pct(0.95),
        "p99": pct(0.99),
    }


def measure(tool, url, connections, duration):
    if tool == "wrk":
        return run_wrk(url, connections, duration)
    # The Python client runs in a process of its own, as wrk would.
    out = subprocess.run(
        [PYTHON, __file__, "--load", url, "--connections", str(connections), "--duration", str(duration)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(re.search(r"BENCHJSON (\{.*\})", out).group(1))


# --- the site and the server ----------------------------------------------------------


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


BENCH_CACHE_PREFIX = "compliance-bench"


def redis_url():
    """The local Redis for the cache when a server answers, so workers share one cache."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            conn.recv(64)
        return "redis://127.0.0.1:6379/15"
    except OSError:
        return ""


def clear_bench_keys(url):
    """Delete the benchmark's own keys (CACHE_KEY_PREFIX compliance-bench) and nothing else.

    Redis may be shared: no FLUSHDB, only SCAN + DEL over keys under the benchmark's prefix.
    """
    if not url:
        return 0
    import redis

    client = redis.Redis.from_url(url)
    deleted = 0
    batch = []
    for key in client.scan_iter(match=f"{BENCH_CACHE_PREFIX}:*", count=1000):
        batch.append(key)
        if len(batch) >= 1000:
            deleted += client.delete(*batch)
            batch = []
    if batch:
        deleted += client.delete(*batch)
    client.close()
    return deleted


def recreate_postgres(url):
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def base_env(args, workdir):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.bench.settings",
        SECRET_KEY="benchmark-only-" + "x" * 40,
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        # Its own key prefix: the run deletes only these keys (clear_bench_keys).
        CACHE_KEY_PREFIX=BENCH_CACHE_PREFIX,
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        SITE_URL=f"http://127.0.0.1:{args.port}",
        PORT=str(args.port),
        HOST="127.0.0.1",
        WEB_ACCESS_LOG="",
        # Purges would need a proxy; the benchmark has none.
        FRONTEND_CACHE_URL="",
    )
    return env


def build_site(args, env):
    if args.database_url.startswith("postgres"):
        recreate_postgres(args.database_url)
    else:
        Path(urlsplit(args.database_url).path.lstrip("/")).unlink(missing_ok=True)
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "compile_catalogues")
    size = SIZES[args.size]
    manage(env, "generate_site", *[f"--{key}={value}" for key, value in size.items()])
    print(f"site generated in {time.perf_counter() - started:.0f} s", flush=True)


def discover(env):
    """One URL of each kind of public page, read from the generated site."""
    out = subprocess.run(
        [PYTHON, __file__, "--discover"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def discover_in_django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.db.models import Count

    from core.cache import page_path
    from courses.drills.models import DrillIndexPage, DrillPage
    from courses.models import CourseIndexPage, CoursePage
    from events.models import EventIndexPage, EventPage
    from library.models import CaseIndexPage, CasePage, GuidelineIndexPage, GuidelinePage

    def first(pages, *order):
        page = pages.live().order_by(*(order or ["path"])).first()
        return page_path(page) if page else None

    case_list = first(CaseIndexPage.objects)
    case = CasePage.objects.live().select_related("industry").order_by("path").first()
    # The guideline with the most items is the heaviest detail page.
    guidelines = GuidelinePage.objects.annotate(item_count=Count("items"))
    urls = {
        "bare view": "/_bench/bare",
        "static file (whitenoise)": staticfiles_storage.url("css/site.css"),
        "home": "/",
        "guideline index": first(GuidelineIndexPage.objects),
        "guideline page": first(guidelines, "-item_count", "path"),
        "case list": case_list,
        "case list, filtered p2": f"{case_list}?industry={case.industry.code}&page=2" if case else None,
        "case page": first(CasePage.objects),
        "course list": first(CourseIndexPage.objects),
        "course page": first(CoursePage.objects),
        "drill list": first(DrillIndexPage.objects),
        "drill page": first(DrillPage.objects),
        "event list": first(EventIndexPage.objects),
        "event page": first(EventPage.objects),
        "events calendar.ics": "/events/calendar.ics",
    }
    for n, query in enumerate(SEARCH_QUERIES, 1):
        urls[f"search {n}: {query}"] = f"/search/?q={quote(query)}"
    print(json.dumps({label: url for label, url in urls.items() if url}))


class Server:
    """gunicorn as `make serve` runs it, in its own process group."""

    def __init__(self, env, port):
        self.env, self.port = env, port

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).with_name("gunicorn")),
                "portal.wsgi:application",
                "-c",
                "portal/gunicorn.conf.py",
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        return response.status, response.headers.get("X-Page-Cache")


def phase(name, env, args, urls, connections, cached):
    """Every URL under load; the bare view first and again last, to see drift in the run."""
    print(f"\n== {name}: {connections} connections, {args.duration} s per URL, {args.tool} ==", flush=True)
    clear_bench_keys(args.redis_url)  # nothing carries over from an earlier phase or run
    rows = []
    plan = [*urls.items(), ("bare view (again)", urls["bare view"])]
    with Server(env, args.port) as server:
        for label, path in plan:
            url = server.url(path)
            try:
                for _warm in range(3):
                    status, state = fetch(url)
            except urllib.error.HTTPError as error:
                print(f"{label}: {path} answered {error.code}; skipped", flush=True)
                continue
            if cached and not label.startswith(("bare", "static")) and state != "hit":
                print(f"warning: {path} is not served from the page cache ({state})", flush=True)
            result = measure(args.tool, url, connections, args.duration)
            result["label"], result["path"] = label, path
            result["rps"] = result["requests"] / result["seconds"]
            rows.append(result)
            print(
                f"  {label:28} {result['rps']:8.0f} req/s  p50 {result['p50']:7.1f} ms  "
                f"p99 {result['p99']:7.1f} ms  errors {result['errors']}",
                flush=True,
            )
        print_workers(server.process.pid, f"memory after the {name} phase")
    return rows


def report(title, rows):
    bare_rows = [row for row in rows if row["label"].startswith("bare view")]
    bare_rps = statistics.mean(row["rps"] for row in bare_rows) if bare_rows else None
    print(f"\n{title}")
    if bare_rps:
        print(f"bare view throughput: {bare_rps:.0f} req/s (mean of the first and last measure)")
    print(f"{'page':30} {'req/s':>8} {'median':>9} {'p95':>9} {'p99':>9} {'÷ bare':>7} {'errors':>6}  path")
    for row in rows:
        ratio = f"{row['rps'] / bare_rps:6.0%}" if bare_rps else "   -"
        print(
            f"{row['label']:30} {row['rps']:8.0f} {row['p50']:7.1f}ms {row['p95']:7.1f}ms "
            f"{row['p99']:7.1f}ms {ratio:>7} {row['errors']:6}  {row['path']}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--reuse", action="store_true", help="keep the database an earlier run built")
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16, help="cached phase")
    parser.add_argument("--uncached-connections", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--tool", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--discover", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--load", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.discover:
        return discover_in_django()
    if args.load:
        print("BENCHJSON " + json.dumps(python_load(args.load, args.connections, args.duration)))
        return None

    workdir = ROOT / "var" / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    args.database_url = args.database_url or f"sqlite:///{workdir / f'serving-{args.size}.sqlite3'}"
    args.redis_url = redis_url()
    env = base_env(args, workdir)
    print(f"database {args.database_url}; cache {args.redis_url or 'local memory per worker'}")
    if not args.reuse:
        build_site(args, env)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    urls = discover(env)
    workers = env.get("WEB_CONCURRENCY") or f"{(os.cpu_count() or 1) * 2 + 1} (default)"
    print(f"gunicorn workers {workers}, cores {os.cpu_count()}; {len(urls)} URLs")

    cached_rows = phase("cached", env, args, urls, args.connections, cached=True)
    uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
    uncached_urls = {label: path for label, path in urls.items() if "static" not in label}
    uncached_rows = phase(
        "uncached", uncached_env, args, uncached_urls, args.uncached_connections, cached=False
    )

    report(f"Cached pages, anonymous, {args.connections} connections (target: ÷ bare ≥ 60%)", cached_rows)
    report(
        f"Uncached pages, {args.uncached_connections} connections "
        "(targets: median < 50 ms; search median < 20 ms, p95 < 50 ms)",
        uncached_rows,
    )
    print(f"\nRedis keys of the benchmark deleted: {clear_bench_keys(args.redis_url)}")
    return None


if __name__ == "__main__":
    main()
