"""Fresh gunicorn workers: the first search's latency and each worker's memory.

Run: .venv/bin/python tests/bench/bench_workers.py [--workers 2] [--root /path/to/other/checkout]

Starts gunicorn exactly as `make serve` does (portal/gunicorn.conf.py, the benchmark's
production settings) on a scratch SQLite copy of the migrated test template, sends each
fresh worker one search (one connection at a time, a new worker per round: WEB_CONCURRENCY=1
and the server restarted), then a second and a tenth, and prints their latencies and every
process's RSS and PSS. ``--root`` serves another checkout's code with the same database
(e.g. to compare with main before a change). Not collected by pytest; figures only.
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.procmem import print_workers  # noqa: E402

QUERY = "/search/?q=" + quote("合规整改 安全生产")


def template_database():
    """The suite's migrated SQLite template (built by the first test run), or a fresh migrate."""
    found = sorted((ROOT / "var" / "test-db").glob("sqlite-*.sqlite3"))
    return found[-1] if found else None


def get(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="for the memory figures")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--root", default=str(ROOT))
    args = parser.parse_args()
    root = Path(args.root)
    workdir = ROOT / "var" / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    database = workdir / "workers.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{database}",
        "REDIS_URL": "",
        "STATIC_ROOT": str(workdir / "static"),
        "PAGE_CACHE_SECONDS": "0",
        "PORT": str(args.port),
        "HOST": "127.0.0.1",
        "WEB_ACCESS_LOG": "",
        "PYTHONPATH": str(root),
    }
    template = template_database()
    if template:
        shutil.copy(template, database)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=root, env=env, check=True)
    subprocess.run(
        [python, "manage.py", "compile_catalogues"], cwd=root, env=env, check=True, capture_output=True
    )
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=root, env=env, check=True
    )
    url = f"http://127.0.0.1:{args.port}"
    print(f"code: {root}; database {database}")

    def serve(workers):
        process = subprocess.Popen(
            [
                str(Path(python).with_name("gunicorn")),
                "portal.wsgi:application",
                "-c",
                "portal/gunicorn.conf.py",
            ],
            cwd=root,
            env={**env, "WEB_CONCURRENCY": str(workers)},
            start_new_session=True,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                get(url + "/_bench/bare")
                return process
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer")

    def stop(process):
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

    firsts, seconds, tenths = [], [], []
    for _ in range(args.rounds):
        process = serve(1)  # the bare view above was its only request: the worker is fresh
        try:
            firsts.append(get(url + QUERY))
            seconds.append(get(url + QUERY))
            for _ in range(8):
                tenth = get(url + QUERY)
            tenths.append(tenth)
        finally:
            stop(process)
    print(
        f"search in a fresh worker ({args.rounds} rounds, median): first {statistics.median(firsts):.0f} ms "
        f"(each: {', '.join(f'{t:.0f}' for t in firsts)}), second {statistics.median(seconds):.0f} ms, "
        f"tenth {statistics.median(tenths):.0f} ms"
    )

    process = serve(args.workers)
    try:
        for _ in range(args.workers * 10):
            get(url + QUERY)
            get(url + "/")
        print_workers(process.pid, f"memory after {args.workers * 10} searches and home pages")
    finally:
        stop(process)


if __name__ == "__main__":
    main()
