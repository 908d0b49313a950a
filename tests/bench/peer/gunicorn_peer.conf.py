"""portal/gunicorn.conf.py for the peer: the same workers, threads, timeouts and preload.

Its values are read from our file (so they never drift apart); only ``when_ready`` differs:
the peer has none of our vocabulary or catalogues to preload, but its heap is collected and
frozen before forking just as ours is, so neither side pays for the other's choice.
"""

import gc
from pathlib import Path

_ours = Path(__file__).resolve().parents[3] / "portal" / "gunicorn.conf.py"
exec(compile(_ours.read_text(), str(_ours), "exec"))  # noqa: S102


def when_ready(server):
    gc.collect()
    gc.freeze()
