"""PostgreSQL full-text backend with Chinese segmentation (``simple`` text search config)."""

import re
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db.models import CharField, F, Q
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchResults,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.backends.database.postgres.weights import get_sql_weights
from modelsearch.query import And, Or, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search.backends.common import (
    SegmentingBackendMixin,
    SubstringFallbackResultsMixin,
    segment_for_autocomplete,
)
from search.segment import segment_for_index


class SegmentingPostgresIndexer(ObjectIndexer):
    """Builds tsvectors from segmented text; title_text/body_text keep the original for substring search."""

    def as_vector(self, texts, for_autocomplete=False):
        segment = segment_for_autocomplete if for_autocomplete else segment_for_index
        return super().as_vector([(segment(text), weight) for text, weight in texts], for_autocomplete)


class SegmentingPostgresIndex(PostgresIndex):
    indexer_class = SegmentingPostgresIndexer

    def add_items(self, model, objs):
        # Same upsert as modelsearch's PostgresIndex.add_items, built with our indexer class
        # (the parent instantiates its module-level ObjectIndexer; we never swap it).
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows = []
        params = []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vector_sql = []
            for field_name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    IndexEntry._meta.get_field(field_name), getattr(indexer, field_name)
                )
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vector_sql.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {vector_sql[0]}, {vector_sql[1]}, {vector_sql[2]}, 1.0, %s, %s)")
        table = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm,
                                     title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body, title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,  # noqa: S608 - table name from the model, values parametrised
                params,
            )
        self._refresh_title_norms()


def _plain_terms(query):
    """Every word of a tree of PlainText/And/Or queries, or None if it holds anything else."""
    if isinstance(query, PlainText):
        return [term for term in re.split(r"[\s\-]+", query.query_string) if term]
    if isinstance(query, (And, Or)):
        terms = []
        for subquery in query.subqueries:
            sub_terms = _plain_terms(subquery)
            if sub_terms is None:
                return None
            terms.extend(sub_terms)
        return terms
    return None


class RankedPostgresResults(PostgresSearchResults):
    """Relevance-ordered results from the index table alone, then the objects by pk.

    modelsearch joins the model to the index on a cast key and tests ``title || body``
    row by row; here the GIN indexes on title and body preselect the entries that hold
    any of the words (a superset), ``title || body @@ query`` keeps the true matches,
    and only those are ranked. Same ranking as modelsearch (title rank x title_norm +
    body rank). Other queries (NOT, fuzzy, field-restricted, unranked) keep its path.
    """

    def _entries(self):
        compiler = self.query_compiler
        terms = _plain_terms(compiler.query)
        if not terms or compiler.fields is not None or not compiler.order_by_relevance:
            return None, None
        config = compiler.get_config(self.backend)
        search_query = compiler.build_tsquery(compiler.query, config=config)
        any_word = SearchQuery(
            reduce(lambda a, b: a | b, [Lexeme(term) for term in terms]), search_type="raw", config=config
        )
        queryset = compiler.queryset
        entries = IndexEntry._default_manager.filter(
            Q(title=any_word) | Q(body=any_word),
            content_type_id__in=get_descendants_content_types_pks(queryset.model),
        )
        if queryset.query.where:
            object_ids = queryset.order_by().annotate(_pk_text=Cast("pk", CharField(max_length=50)))
            entries = entries.filter(object_id__in=object_ids.values("_pk_text"))
        combined = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
        return entries.annotate(_vector_=combined).filter(_vector_=search_query), search_query

    def _do_search(self):
        entries, search_query = self._entries()
        if entries is None:
            return super()._do_search()
        weights = get_sql_weights()
        rank = SearchRank(F("title"), search_query, weights=weights) * F("title_norm") + SearchRank(
            F("body"), search_query, weights=weights
        )
        rows = list(
            entries.annotate(_rank=rank)
            .order_by("-_rank", "-id")
            .values_list("object_id", "_rank")[self.start : self.stop]
        )
        queryset = self.query_compiler.queryset
        to_pk = queryset.model._meta.pk.to_python
        objects = queryset.in_bulk([to_pk(object_id) for object_id, _rank in rows])
        results = []
        for object_id, rank in rows:
            obj = objects.get(to_pk(object_id))
            if obj is not None:
                if self._score_field:
                    setattr(obj, self._score_field, rank)
                results.append(obj)
        return results

    def _do_count(self):
        entries, _search_query = self._entries()
        if entries is None:
            return super()._do_count()
        count = entries.count() - self.start
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return max(count, 0)


class SegmentingPostgresResults(SubstringFallbackResultsMixin, RankedPostgresResults):
    pass


class ChinesePostgresSearchBackend(SegmentingBackendMixin, PostgresSearchBackend):
    index_class = SegmentingPostgresIndex
    results_class = SegmentingPostgresResults

    def __init__(self, params):
        super().__init__(params)
        # Segmented words must not be stemmed or dropped as stop words.
        self.config = params.get("SEARCH_CONFIG") or "simple"
