"""The set-up in-process benchmarks share: Django on throw-away copies of the suite's databases."""

import os
from contextlib import contextmanager


@contextmanager
def scratch_databases():
    """Set Django up with the full-page cache off, on scratch test databases removed afterwards."""
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from tests.databases import create_test_databases, destroy_test_databases

    created = create_test_databases()
    try:
        yield
    finally:
        destroy_test_databases(created)
