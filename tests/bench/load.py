"""What the serving benchmarks drive pages with: gunicorn in its own process group, wrk or a
threaded keep-alive client (in a process of its own, as wrk would be), and one URL's figures.

``python tests/bench/load.py URL --connections N --duration S`` is the threaded client alone;
it prints its figures as one BENCHJSON line. Not collected by pytest.
"""

import argparse
import json
import os
import re
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
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
WRK_SCRIPT = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCHJSON {\"requests\": %d, \"seconds\": %f, \"errors\": %d, \"p50\": %f, \"p95\": %f, \"p99\": %f}\n",
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


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
        [PYTHON, __file__, url, "--connections", str(connections), "--duration", str(duration)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(re.search(r"BENCHJSON (\{.*\})", out).group(1))


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        return response.status, response.headers.get("X-Page-Cache")


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def measure_one(args, server, label, path, rows, side=""):
    url = server.url(path)
    try:
        for _warm in range(3):
            fetch(url)
    except urllib.error.HTTPError as error:
        print(f"  {label}: {path} answered {error.code}; skipped", flush=True)
        return
    result = measure(args.tool, url, args.uncached_connections, args.duration)
    result["label"], result["path"] = label, path
    result["rps"] = result["requests"] / result["seconds"]
    rows.setdefault(label, []).append(result)
    print(
        f"  {side + label:36} {result['rps']:8.0f} req/s  p50 {result['p50']:7.1f} ms  "
        f"p99 {result['p99']:7.1f} ms  errors {result['errors']}",
        flush=True,
    )


class Server:
    """gunicorn as `make serve` runs it, in its own process group."""

    def __init__(self, env, port, command=None, cwd=ROOT, ready="/healthz"):
        self.env, self.port, self.cwd, self.ready = env, port, cwd, ready
        self.command = command or [
            str(Path(PYTHON).with_name("gunicorn")),
            "portal.wsgi:application",
            "-c",
            "portal/gunicorn.conf.py",
        ]

    def __enter__(self):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                # Its /healthz would answer for ours: the figures would be another server's.
                raise RuntimeError(f"port {self.port} is taken by another server; pass --port")
        self.process = subprocess.Popen(
            self.command, cwd=self.cwd, env=self.env, start_new_session=True, stderr=subprocess.DEVNULL
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the server exited ({self.process.returncode}); is port {self.port} taken?"
                )
            try:
                with urllib.request.urlopen(self.url(self.ready), timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not answer {self.ready} within 60 s")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="The threaded load client (wrk's stand-in).")
    parser.add_argument("url")
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--duration", type=float, default=8)
    options = parser.parse_args()
    print("BENCHJSON " + json.dumps(python_load(options.url, options.connections, options.duration)))
