"""portal/gunicorn.conf.py for the peer: the same workers, threads, timeouts and preload.

Its values are read from our file (so they never drift apart); only the hooks differ: the
peer has none of our vocabulary or catalogues to preload, but its heap is collected and frozen
before forking just as ours is, and each of its workers serves itself its home page and a
search before its first visitor just as ours do, so neither side pays for the other's choice.
"""

import gc
import sys
from pathlib import Path

_root = Path(__file__).resolve().parents[3]
_ours = _root / "portal" / "gunicorn.conf.py"
exec(compile(_ours.read_text(), str(_ours), "exec"))  # noqa: S102
# Last on the path: our portal.preload, never in front of a module of the peer's.
sys.path.append(str(_root))


def when_ready(server):
    gc.collect()
    gc.freeze()


def post_worker_init(worker):
    from portal.preload import warm_worker

    # Not the search the benchmark times (bread).
    worker.log.info(
        "worker warmed: %s", ", ".join(map(str, warm_worker(worker.wsgi, paths=("/", "/search/?q=cake"))))
    )
