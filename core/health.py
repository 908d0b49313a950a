"""The state of each part the site depends on, for /healthz and monitoring."""

import logging

from django.core.cache import caches
from django.db import connection

logger = logging.getLogger(__name__)

OK = "ok"


def _error(exc):
    return f"error: {exc.__class__.__name__}"


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any driver error means "down"
        return _error(exc)
    return OK


def cache_state():
    cache = caches["default"]
    try:
        ping = getattr(cache, "ping", None)
        if ping is not None:
            return OK if ping() else "error: unreachable"
        cache.set("healthz:probe", 1, 5)
        return OK if cache.get("healthz:probe") == 1 else "error: no round trip"
    except Exception as exc:
        return _error(exc)


def broker_state():
    from django_q.brokers import get_broker

    try:
        broker = get_broker()
        if not broker.ping():
            return "error: unreachable"
    except Exception as exc:
        return _error(exc)
    return OK


def search_state():
    from wagtail.search.backends import get_search_backend

    try:
        ping = getattr(get_search_backend(), "ping", None)
        if ping is not None and not ping():
            return "error: unreachable"
    except Exception as exc:
        return _error(exc)
    return OK


CHECKS = {
    "database": database_state,
    "cache": cache_state,
    "broker": broker_state,
    "search": search_state,
}


def system_state():
    """``{part: "ok" | "error: …"}`` for every part; failures are logged."""
    states = {part: check() for part, check in CHECKS.items()}
    for part, state in states.items():
        if state != OK:
            logger.warning("healthz: %s %s", part, state)
    return states
