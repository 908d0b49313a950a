"""PostgreSQL full-text backend with Chinese segmentation (``simple`` text search config)."""

import operator
import re
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, router
from django.db.models import CharField, F, Q
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
    RankedResultsMixin,
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


def _words(query_string):
    # Split as modelsearch splits a PlainText; a word without a letter or digit ("_") gives
    # PostgreSQL no lexeme, and tsquery drops such an operand, so it is dropped here too.
    return [word for word in re.split(r"[\s\-]+", query_string) if any(char.isalnum() for char in word)]


def _match_q(query, config):
    """``(title || body) @@ query`` written as ``title @@ w OR body @@ w`` for each word, or None.

    For a tree of PlainText/And/Or (no negation, no phrase) a word is in the concatenated
    vectors exactly when it is in the title or in the body, so the GIN indexes on title and
    body answer the whole condition (BitmapAnd/BitmapOr of exact matches) and no row has to
    build the concatenation: only the true matches are read, and then ranked.
    """
    if isinstance(query, PlainText):
        conditions = []
        for word in _words(query.query_string):
            lexeme = SearchQuery(Lexeme(word), search_type="raw", config=config)
            conditions.append(Q(title=lexeme) | Q(body=lexeme))
    elif isinstance(query, (And, Or)):
        conditions = [_match_q(subquery, config) for subquery in query.subqueries]
        if any(condition is None for condition in conditions):
            return None
    else:
        return None
    if not conditions:
        return None
    is_and = query.operator == "and" if isinstance(query, PlainText) else isinstance(query, And)
    return reduce(operator.and_ if is_and else operator.or_, conditions)


class RankedPostgresResults(RankedResultsMixin, PostgresSearchResults):
    """Relevance-ordered results from the index table alone, then the objects by pk.

    modelsearch joins the model to the index on a cast key and tests ``title || body``
    row by row (building the concatenation for every entry); here the GIN indexes on title
    and body find exactly the matching entries (``_match_q``) and only those are ranked.
    Same matches and ranking as modelsearch (title rank x title_norm + body rank). Other
    queries (NOT, phrase, fuzzy, field-restricted, unranked) keep its path.
    """

    def _entries(self):
        compiler = self.query_compiler
        if compiler.fields is not None or not compiler.order_by_relevance:
            return None, None
        config = compiler.get_config(self.backend)
        match = _match_q(compiler.query, config)
        if match is None:
            return None, None
        queryset = compiler.queryset
        entries = IndexEntry._default_manager.filter(
            match, content_type_id__in=get_descendants_content_types_pks(queryset.model)
        )
        if queryset.query.where:
            object_ids = queryset.order_by().annotate(_pk_text=Cast("pk", CharField(max_length=50)))
            entries = entries.filter(object_id__in=object_ids.values("_pk_text"))
        return entries, compiler.build_tsquery(compiler.query, config=config)

    def _ranked_rows(self, start, stop):
        entries, search_query = self._entries()
        if entries is None:
            return None
        weights = get_sql_weights()
        rank = SearchRank(F("title"), search_query, weights=weights) * F("title_norm") + SearchRank(
            F("body"), search_query, weights=weights
        )
        return list(
            entries.annotate(_rank=rank)
            .order_by("-_rank", "-id")
            .values_list("object_id", "_rank")[start:stop]
        )

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

    def refresh_statistics(self):
        """After a bulk (re)index: give the planner statistics on the new entries, reclaim replaced rows.

        Without statistics a freshly filled table is planned as if every word matched one row.
        VACUUM cannot run inside a transaction; ANALYZE alone then.
        """
        connection = connections[router.db_for_write(IndexEntry)]
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} {connection.ops.quote_name(IndexEntry._meta.db_table)}")
