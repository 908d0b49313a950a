"""gunicorn settings for `make serve`; every value can be overridden from the environment."""

import gc
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
# Load Django once, before forking the workers (and, in when_ready, jieba and the catalogues).
preload_app = True
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = 5
# Recycling a worker guards against slow leaks; its replacement warms itself before it serves
# (post_worker_init): rarely, and never all at once.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("WEB_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """The app is loaded (preload_app): load what every worker needs, then freeze it.

    jieba's dictionary, the legal vocabulary, the catalogues (portal/preload.py) and Django's
    import-time objects are millions of long-lived objects; without gc.freeze() every full
    collection in every worker walks them all (a pause of a few hundred milliseconds, the
    workers' 99th percentile), and touching them un-shares the forked workers' memory.
    """
    from portal.preload import warm

    server.log.info("preloaded before forking: %s", "; ".join(warm()))
    gc.collect()
    gc.freeze()


def post_worker_init(worker):
    """A new worker serves itself a page and a search before its first visitor (portal/preload.py)."""
    from portal.preload import warm_worker

    worker.log.info("worker warmed: %s", ", ".join(map(str, warm_worker(worker.wsgi))))
