"""The serving benchmark beside a peer site (``BENCH_PEER``, a wagtail/bakerydemo checkout that
is installed and loaded already): served with our gunicorn settings (``tests/bench/peer/``) on
the next port, driven in interleaved rounds against our pages, reported as ours ÷ peer.
"""

import json
import os
import statistics
import subprocess
import urllib.error
from pathlib import Path

from tests.bench.load import ROOT, Server, fetch, load_average, measure_one
from tests.bench.procmem import memory_mb, print_workers

PEER_DIR = ROOT / "tests" / "bench" / "peer"
# Each of our page kinds and the peer page it is held against.
PEER_KIND = {
    "bare view": "bare view",
    "bare view (again)": "bare view (again)",
    "home": "home",
    "guideline page": "blog page",
    "case page": "blog page",
    "course page": "blog page",
    "drill page": "blog page",
    "event page": "blog page",
    "guideline index": "breads index",
    "case list": "breads index",
    "case list, filtered p2": "breads index",
    "course list": "breads index",
    "drill list": "breads index",
    "event list": "breads index",
}


def peer_kind(label):
    return "search" if label.startswith("search") else PEER_KIND.get(label)


class Peer:
    """A peer site (a bakerydemo checkout) served with our gunicorn settings beside us."""

    def __init__(self, args):
        self.root = Path(args.peer).resolve()
        self.python = args.peer_python or str(self.root / ".venv" / "bin" / "python")
        self.port = args.port + 1
        ours = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "PYTHONPATH")
        self.env = {key: value for key, value in os.environ.items() if key not in ours}
        self.env.update(
            DJANGO_SETTINGS_MODULE="bench_peer_settings",
            PYTHONPATH=f"{PEER_DIR}{os.pathsep}{self.root}",
            DATABASE_URL=args.peer_database_url,
            DJANGO_SECRET_KEY="benchmark-only-" + "x" * 40,
            SECURE_SSL_REDIRECT="False",
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            PORT=str(self.port),
            HOST="127.0.0.1",
            WEB_ACCESS_LOG="",
        )

    def manage(self, *args, **kwargs):
        return subprocess.run([self.python, *args], cwd=self.root, env=self.env, check=True, **kwargs)

    def discover(self):
        out = self.manage(str(PEER_DIR / "discover_peer.py"), capture_output=True, text=True).stdout
        return json.loads(out.strip().splitlines()[-1])

    def server(self, **env):
        return Server(
            {**self.env, **env},
            self.port,
            command=[
                str(Path(self.python).with_name("gunicorn")),
                "bakerydemo.wsgi:application",
                "-c",
                str(PEER_DIR / "gunicorn_peer.conf.py"),
            ],
            cwd=self.root,
            ready="/_bench/bare",
        )


def side_by_side(env, args, urls, peer):
    """Ours (uncached) and the peer, both up, driven one URL at a time in interleaved rounds."""
    peer_urls = peer.discover()
    connections = args.uncached_connections
    print(
        f"\n== side by side with {peer.root} (port {peer.port}): {args.rounds} rounds, "
        f"{connections} connections, {args.duration} s per URL, {args.tool} ==",
        flush=True,
    )
    ours_rows, peer_rows = {}, {}
    with Server(env, args.port) as ours, peer.server() as theirs:
        # Every worker on both sides meets every page once before round 1 (imports, templates,
        # renditions), so the first round does not pay for the others.
        workers = int(env.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) * 2 + 1)
        for server, paths in ((ours, urls.values()), (theirs, peer_urls.values())):
            for path in paths:
                try:
                    for _warm in range(2 * workers):
                        fetch(server.url(path))
                except urllib.error.HTTPError:
                    pass  # measure_one reports it
        for round_no in range(1, args.rounds + 1):
            print(f"round {round_no} (load average {load_average()}):", flush=True)
            # Alternate which side goes first, so neither always meets the other's leftovers.
            pair = [ours, theirs] if round_no % 2 else [theirs, ours]
            done = set()
            for label, path in [*urls.items(), ("bare view (again)", urls["bare view"])]:
                kind = peer_kind(label)
                for server in pair:
                    if server is ours:
                        measure_one(args, ours, label, path, ours_rows)
                    elif kind and kind not in done and peer_urls.get(kind.replace(" (again)", "")):
                        done.add(kind)
                        peer_path = peer_urls[kind.replace(" (again)", "")]
                        measure_one(args, theirs, kind, peer_path, peer_rows, side="peer: ")
        memory = {}
        for name, server in (("ours", ours), ("peer", theirs)):
            workers = print_workers(server.process.pid, f"{name}: memory after the side-by-side rounds")
            memory[name] = [memory_mb(pid) for pid in workers]
    return ours_rows, peer_rows, memory


def report_side_by_side(ours_rows, peer_rows, connections, rounds):
    def figure(rows, label, key):
        results = rows.get(label)
        return statistics.median(row[key] for row in results) if results else None

    def ms(value):
        return f"{value:7.1f}ms" if value is not None else f"{'-':>9}"

    def ratio(a, b):
        return f"{a / b:6.2f}" if a is not None and b else f"{'-':>6}"

    print(
        f"\nSide by side, uncached, {connections} connections, {rounds} interleaved rounds "
        "(median over the rounds of each round's median and p99; target: ours ÷ peer ≤ 0.50)"
    )
    print(
        f"{'page':24} {'median':>9} {'p99':>9}   {'peer page':18} {'median':>9} {'p99':>9} "
        f"{'÷ median':>8} {'÷ p99':>6}"
    )
    for label in ours_rows:
        kind = peer_kind(label)
        ours_p50, ours_p99 = figure(ours_rows, label, "p50"), figure(ours_rows, label, "p99")
        peer_p50 = figure(peer_rows, kind, "p50") if kind else None
        peer_p99 = figure(peer_rows, kind, "p99") if kind else None
        mark = ""
        if peer_p50 and not label.startswith("bare"):
            mark = "  ok" if ours_p50 / peer_p50 <= 0.5 else "  MISSED"
        print(
            f"{label[:24]:24} {ms(ours_p50)} {ms(ours_p99)}   {(kind or '-')[:18]:18} {ms(peer_p50)} "
            f"{ms(peer_p99)} {ratio(ours_p50, peer_p50):>8} {ratio(ours_p99, peer_p99):>6}{mark}"
        )
