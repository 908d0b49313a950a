"""Wagtail's default search backend: the database, with Chinese segmentation.

Configured as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.database"``.
Like ``modelsearch.backends.database`` it picks the implementation for the
default database: SQLite FTS5, PostgreSQL full text, or substring matching.
"""

from django.db import connection


def SearchBackend(params):  # noqa: N802 - modelsearch looks this name up in the module
    if connection.vendor == "postgresql":
        from search.backends.postgres import ChinesePostgresSearchBackend

        return ChinesePostgresSearchBackend(params)
    if connection.vendor == "sqlite" and _sqlite_fts_usable():
        from search.backends.sqlite import ChineseSQLiteSearchBackend

        return ChineseSQLiteSearchBackend(params)
    from search.backends.fallback import ChineseFallbackSearchBackend

    return ChineseFallbackSearchBackend(params)


_FTS = None


def _sqlite_fts_usable():
    # Only a positive answer is cached: before migrations the FTS table may not exist yet.
    global _FTS
    if not _FTS:
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        _FTS = fts5_available() and fts_table_exists()
    return _FTS
