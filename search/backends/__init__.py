"""Wagtail's search backend for the admin (pages, snippets, images, documents), with Chinese segmentation.

The public search does not use it: it ranks its own term index (``search.engine``). These
backends serve Wagtail's admin search, configured as ``search.backends.database``.

Where they go beyond modelsearch's public API, and why (the one place that says so):

- ``SegmentingBackendMixin._search`` (a ``BaseSearchBackend`` hook) rewrites every query into
  segmented words before modelsearch compiles it: modelsearch has no analyzer setting for the
  database backends, and SQLite's unicode61 / PostgreSQL's parsers see a run of Chinese as one
  token.
- The indexers subclass the backends' ``ObjectIndexer`` and the indexes re-implement
  ``add_items`` with it, because modelsearch builds its module-level indexer class directly (no
  ``indexer_class`` hook); the SQL is the same upsert as modelsearch's.
- The results classes read ``query_compiler`` attributes (``query``, ``fields``, ``queryset``,
  ``order_by_relevance``) and modelsearch's ``IndexEntry`` / ``SQLiteFTSIndexEntry`` models to
  rank in one query: modelsearch's own ranking re-runs the match per row (seconds at 20,000
  entries), and has no API to rank keys only.
- ``autocomplete_query_compiler_class`` (a class attribute modelsearch reads) makes the admin's
  page search, an autocomplete, match words in the body on SQLite as it does on PostgreSQL.

A modelsearch upgrade is checked by ``tests/search/test_backend_database.py``.
"""
