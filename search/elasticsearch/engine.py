"""Runs the public search on Elasticsearch; returns IDs and facet counts like the database engine.

Suggestions come from the database (``search.query.suggest``) whichever engine ranks: the
vocabulary and the upcoming-events rule live there, and a completion suggester cannot
leave out events that have ended since they were indexed.
"""

from search.elasticsearch import sync
from search.elasticsearch.queries import build_search
from search.engine import MAX_HITS, DatabaseEngine, EngineResult
from search.models import SearchDocument


class ElasticsearchEngine:
    name = "elasticsearch"

    def search(self, plan, filters):
        if not plan.concepts:
            return EngineResult(ids=[])
        result = self._run(plan, filters, None)
        if not result.total and len(plan.concepts) > 1:
            result = self._run(plan, filters, 1)
            result.relaxed = bool(result.total)
        if not result.total and not any(result.type_counts.values()):
            # Nothing indexed spells the words: the database's substring search, as there.
            fallback = DatabaseEngine().fallback(plan, filters, [c.word for c in plan.concepts])
            if fallback.total:
                return fallback
        return result

    def _run(self, plan, filters, needed):
        response = (
            build_search(plan, filters, size=MAX_HITS, needed=needed).using(sync.get_client()).execute()
        )
        ids = [hit.document_id for hit in response.hits]
        known = set(SearchDocument.objects.filter(pk__in=ids).values_list("pk", flat=True))
        aggs = response.aggregations
        return EngineResult(
            ids=[document_id for document_id in ids if document_id in known],
            total=response.hits.total.value,
            type_counts={bucket.key: bucket.doc_count for bucket in aggs.types.values.buckets},
            industry_counts={bucket.key: bucket.doc_count for bucket in aggs.industries.values.buckets},
        )
