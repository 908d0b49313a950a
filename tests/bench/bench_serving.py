"""Production serving benchmark: every public page against a bare Django view, same stack.

Run: .venv/bin/python tests/bench/bench_serving.py [--database-url URL] [--duration 8]
     [--size full|small] [--reuse] [--tool wrk|python] [--rounds 3] [--skip-cached]
     [--only search] [--port 8765]

What it does, in order:
1. Builds a scratch site with the production settings: migrate, ``generate_site.py`` at the
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
5. The first search's latency in a fresh worker (one worker, restarted each round), then the
   second's and the tenth's, and the same search as a used worker's hundredth (after 99
   searches of other words, so that it is as new to that worker's caches as to a fresh one).

Beside a peer (``BENCH_PEER=path/to/bakerydemo``, ``BENCH_PEER_PYTHON=its/venv/bin/python``,
``BENCH_PEER_DATABASE_URL``: a checkout installed and loaded already; tests/bench/serving_peer.py): the
uncached phase serves the peer too, with the same gunicorn settings (``tests/bench/peer/``:
portal/gunicorn.conf.py's values, the peer's production settings, the same bare view), on
the next port, and drives both in ``--rounds`` interleaved rounds, each with both bare views
first and last and each peer page measured next to our first page of its kind. It prints,
per page, our median and p99 and the peer's (median over the rounds of each round's
figure) and ours ÷ peer: home ÷ home, detail pages ÷ a blog page, lists ÷ the breads index,
search ÷ search. Both sides' worker memory and first search in a fresh worker follow.
The cache keys carry their own prefix (CACHE_KEY_PREFIX=compliance-bench) and the run deletes
only those (SCAN + DEL), never FLUSHDB: a shared Redis keeps everyone else's keys.
Not collected by pytest; figures only.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.bench.load import PYTHON, Server, fetch, load_average, measure  # noqa: E402
from tests.bench.procmem import print_workers  # noqa: E402
from tests.bench.serving_peer import Peer, report_side_by_side, side_by_side  # noqa: E402

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
# Common words (thousands of the 20,000 documents carry them) and rare ones (tens):
# the ranking's cost grows with the matches, so both ends are measured.
SEARCH_QUERIES = {
    "common": ["合规整改", "安全生产 整改", "个人信息保护", "首违不罚"],
    "rare": ["减轻处罚", "产品质量法"],
}
FIRST_SEARCH = "search common: 合规整改"
# Searched 99 times before it in a used worker: none shares a word with the first search, so
# its first search there is as new to the worker's caches as in a fresh one.
OTHER_SEARCHES = ["个人信息保护", "首违不罚", "减轻处罚", "产品质量法"]
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
    generate = [PYTHON, "tests/bench/generate_site.py", *[f"--{key}={value}" for key, value in size.items()]]
    subprocess.run(generate, cwd=ROOT, env=env, check=True)
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
    for kind, queries in SEARCH_QUERIES.items():
        for query in queries:
            urls[f"search {kind}: {query}"] = f"/search/?q={quote(query)}"
    print(json.dumps({label: url for label, url in urls.items() if url}))


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


def fresh_search(make_server, path, rounds, clear=None):
    """The first, second and tenth search in a fresh worker (one worker, restarted each round)."""
    firsts, seconds, tenths = [], [], []
    for _ in range(rounds):
        if clear:
            clear()
        with make_server() as server:
            url = server.url(path)
            times = []
            for _ in range(10):
                started = time.perf_counter()
                fetch(url)
                times.append((time.perf_counter() - started) * 1000)
        firsts.append(times[0])
        seconds.append(times[1])
        tenths.append(times[9])
    return firsts, seconds, tenths


def used_search(make_server, path, rounds):
    """The same search as a used worker's hundredth: after 99 searches of other words."""
    hundredths = []
    for _ in range(rounds):
        with make_server() as server:
            for number in range(99):
                fetch(server.url(f"/search/?q={quote(OTHER_SEARCHES[number % len(OTHER_SEARCHES)])}"))
            started = time.perf_counter()
            fetch(server.url(path))
            hundredths.append((time.perf_counter() - started) * 1000)
    return hundredths


def print_fresh_search(name, path, timings):
    firsts, seconds, tenths = timings
    print(
        f"  {name:5} first {statistics.median(firsts):7.1f} ms (each {', '.join(f'{t:.0f}' for t in firsts)}), "
        f"second {statistics.median(seconds):6.1f} ms, tenth {statistics.median(tenths):6.1f} ms  {path}",
        flush=True,
    )


def memory_summary(name, figures):
    if figures:
        rss = statistics.mean(f[0] for f in figures)
        pss = statistics.mean(f[1] for f in figures)
        print(
            f"  {name:5} {len(figures)} workers: RSS mean {rss:6.1f} MB "
            f"(max {max(f[0] for f in figures):6.1f}), PSS mean {pss:6.1f} MB (max {max(f[1] for f in figures):6.1f})"
        )


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
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="only the pages whose label contains this (repeatable; the bare view stays)",
    )
    parser.add_argument(
        "--peer",
        default=os.environ.get("BENCH_PEER", ""),
        help="a bakerydemo checkout to serve and measure beside us (BENCH_PEER)",
    )
    parser.add_argument(
        "--peer-python",
        default=os.environ.get("BENCH_PEER_PYTHON", ""),
        help="the peer virtualenv's python (BENCH_PEER_PYTHON; default PEER/.venv/bin/python)",
    )
    parser.add_argument(
        "--peer-database-url",
        default=os.environ.get(
            "BENCH_PEER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bakerydemo_bench"
        ),
    )
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds beside the peer")
    parser.add_argument("--skip-cached", action="store_true", help="only the uncached (side-by-side) phase")
    parser.add_argument("--discover", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.discover:
        return discover_in_django()

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
    if args.only:
        urls = {
            label: path
            for label, path in urls.items()
            if label == "bare view" or any(part in label for part in args.only)
        }
    workers = env.get("WEB_CONCURRENCY") or f"{(os.cpu_count() or 1) * 2 + 1} (default)"
    print(f"gunicorn workers {workers}, cores {os.cpu_count()}; {len(urls)} URLs")
    print(f"load average at the start: {load_average()}")

    peer = Peer(args) if args.peer else None
    if peer:
        print(f"peer {peer.root} ({peer.python}); database {args.peer_database_url}")
        peer.manage("manage.py", "collectstatic", "--noinput", "-v", "0")

    cached_rows = [] if args.skip_cached else phase("cached", env, args, urls, args.connections, cached=True)
    uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
    uncached_urls = {label: path for label, path in urls.items() if "static" not in label}
    if peer:
        clear_bench_keys(args.redis_url)
        ours_rows, peer_rows, memory = side_by_side(uncached_env, args, uncached_urls, peer)
        # Our uncached table reads the rounds' medians, as the side-by-side one does.
        uncached_rows = [
            {
                **results[0],
                **{key: statistics.median(r[key] for r in results) for key in ("rps", "p50", "p95", "p99")},
            }
            for results in ours_rows.values()
        ]
    else:
        uncached_rows = phase(
            "uncached", uncached_env, args, uncached_urls, args.uncached_connections, cached=False
        )

    print(
        f"\n== the first search in a fresh worker ({args.rounds} rounds, one worker restarted each round) =="
    )
    search_path = uncached_urls.get(FIRST_SEARCH) or discover(env)[FIRST_SEARCH]
    fresh_ours = fresh_search(
        lambda: Server({**uncached_env, "WEB_CONCURRENCY": "1"}, args.port),
        search_path,
        args.rounds,
        clear=lambda: clear_bench_keys(args.redis_url),
    )
    # A worker that starts beside others (a restart, a new deploy) finds what they shared in Redis.
    fresh_ours_beside = fresh_search(
        lambda: Server({**uncached_env, "WEB_CONCURRENCY": "1"}, args.port), search_path, args.rounds
    )
    used_ours = used_search(
        lambda: Server({**uncached_env, "WEB_CONCURRENCY": "1"}, args.port), search_path, args.rounds
    )
    fresh_peer = None
    if peer:
        peer_search = peer.discover()["search"]
        fresh_peer = fresh_search(lambda: peer.server(WEB_CONCURRENCY="1"), peer_search, args.rounds)

    if cached_rows:
        report(f"Cached pages, anonymous, {args.connections} connections (target: ÷ bare ≥ 60%)", cached_rows)
    report(
        f"Uncached pages, {args.uncached_connections} connections "
        "(targets: median < 50 ms; search, common and rare words: median < 20 ms, p95 < 50 ms)",
        uncached_rows,
    )
    if peer:
        report_side_by_side(ours_rows, peer_rows, args.uncached_connections, args.rounds)
        print("\nWorker memory after the side-by-side rounds (ours vs peer):")
        memory_summary("ours", memory["ours"])
        memory_summary("peer", memory["peer"])
    print("\nThe first search in a fresh worker (median of the rounds), then its second and tenth:")
    print("  (ours: with the cache emptied before each start, then beside a cache other workers filled;")
    print(
        "   each of our workers serves itself a page and a search before its first request, the peer's do not)"
    )
    print_fresh_search("ours", search_path, fresh_ours)
    print_fresh_search("ours", search_path, fresh_ours_beside)
    print(
        f"  ours  the same search as a used worker's hundredth (after 99 of {', '.join(OTHER_SEARCHES)}): "
        f"{statistics.median(used_ours):.1f} ms (each {', '.join(f'{t:.0f}' for t in used_ours)})"
    )
    if fresh_peer:
        print_fresh_search("peer", peer_search, fresh_peer)
    print(f"\nRedis keys of the benchmark deleted: {clear_bench_keys(args.redis_url)}")
    print(f"load average at the end: {load_average()}")
    return None


if __name__ == "__main__":
    main()
