"""portal/gunicorn.conf.py for the peer: the same workers, threads, timeouts and preload.

Its values are read from our file (so they never drift apart); only the hooks differ: the
peer has none of our vocabulary or catalogues to preload, but its heap is collected and frozen
before forking just as ours is. Our workers' warm-up (``post_worker_init``) is ours alone: the
peer is measured as it ships (served our home page and a search at its start, each bakerydemo
worker grew from 92 to 134 MB RSS).
"""

import gc
from pathlib import Path

_ours = Path(__file__).resolve().parents[3] / "portal" / "gunicorn.conf.py"
exec(compile(_ours.read_text(), str(_ours), "exec"))  # noqa: S102


def when_ready(server):
    gc.collect()
    gc.freeze()


def post_worker_init(worker):
    """The peer's workers start as they would without us (ours imports portal.preload)."""
