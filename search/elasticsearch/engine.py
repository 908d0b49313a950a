"""Runs the public search on Elasticsearch; returns IDs and facet counts like the database engine."""

from search.elasticsearch import sync
from search.elasticsearch.queries import build_search, build_suggest
from search.models import SearchDocument
from search.query import MAX_HITS, EngineResult, count_facets, document_filter, substring_ids
from search.segment import has_chinese


class ElasticsearchEngine:
    name = "elasticsearch"

    def search(self, query, filters):
        response = build_search(query, filters, size=MAX_HITS).using(sync.get_client()).execute()
        ids = [hit.document_id for hit in response.hits]
        if not ids and not response.hits.total.value and has_chinese(query):
            # Same fallback as the database engine, on the original text in the database.
            queryset = SearchDocument.objects.filter(document_filter(filters.include_past))
            return count_facets(substring_ids(queryset, query), filters, fallback=True)
        aggs = response.aggregations
        return EngineResult(
            ids=ids,
            type_counts={bucket.key: bucket.doc_count for bucket in aggs.types.values.buckets},
            industry_counts={bucket.key: bucket.doc_count for bucket in aggs.industries.values.buckets},
        )

    def suggest(self, prefix, limit):
        response = build_suggest(prefix, limit).using(sync.get_client()).execute()
        return [option._source.title for option in response.suggest.titles[0].options]
