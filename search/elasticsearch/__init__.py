"""The Elasticsearch path of the public search, used when ``ELASTICSEARCH_URL`` is set.

``documents``: the index (elasticsearch-dsl Document, analyzers, settings);
``queries``: the request bodies; ``engine``: runs them and returns IDs;
``sync``: writes documents, rebuilds, health.
"""
