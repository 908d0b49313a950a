"""PostgreSQL full-text backend with Chinese segmentation (``simple`` text search config)."""

from django.db.models import Q
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchResults,
)
from modelsearch.utils import get_content_type_pk

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


class SegmentingPostgresResults(SubstringFallbackResultsMixin, PostgresSearchResults):
    def entry_substring_q(self, needle):
        return Q(title_text__icontains=needle) | Q(body_text__icontains=needle)


class ChinesePostgresSearchBackend(SegmentingBackendMixin, PostgresSearchBackend):
    index_class = SegmentingPostgresIndex
    results_class = SegmentingPostgresResults

    def __init__(self, params):
        super().__init__(params)
        # Segmented words must not be stemmed or dropped as stop words.
        self.config = params.get("SEARCH_CONFIG") or "simple"
