"""SQLite FTS5 backend with Chinese segmentation."""

from django.db.models import CharField, F, FloatField, Func
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search.backends.common import (
    RankedResultsMixin,
    SegmentingBackendMixin,
    SubstringFallbackResultsMixin,
    flat,
    segment_for_autocomplete,
)
from search.segment import segment_for_index


class SegmentingSQLiteIndexer(ObjectIndexer):
    """Stores segmented text, so FTS5's unicode61 tokenizer sees Chinese words separated by spaces."""

    @cached_property
    def title(self):
        return segment_for_index(ObjectIndexer.title.func(self))

    @cached_property
    def body(self):
        return segment_for_index(ObjectIndexer.body.func(self))

    @cached_property
    def autocomplete(self):
        return segment_for_autocomplete(ObjectIndexer.autocomplete.func(self))


class SegmentingSQLiteIndex(SQLiteIndex):
    indexer_class = SegmentingSQLiteIndexer

    def add_items(self, model, objs):
        # modelsearch's add_items builds its module-level ObjectIndexer directly; this is the
        # same logic with our indexer class, so no module global is ever swapped.
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers}
        entries_for_ct = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = frozenset(
            entries_for_ct.filter(object_id__in=data.keys()).values_list("object_id", flat=True)
        )
        for object_id in indexed_ids:
            title, autocomplete, body = data[object_id]
            entries_for_ct.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body, title_norm=1.0
            )
        self.entries.bulk_create(
            [
                IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed_ids
            ]
        )
        self._refresh_title_norms()


class TitleWeightedBM25(Func):
    """bm25() with the title column weighted 10x (FTS columns: autocomplete, body, title).

    modelsearch's plain bm25() weighs every column alike, so a passing mention in a
    short body could outrank a page whose title is the query.
    """

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, 10.0)", []


class SegmentingSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def get_index_vectors(self):
        # One weighted bm25 over the row; modelsearch adds a second bm25 scaled by title_norm,
        # which favours any short title whether or not the match is in it.
        return [(F("index_entry__body"), 1.0)]

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, (Phrase, PlainText, Not)):
            rank = TitleWeightedBM25()
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)


class BodyAutocompleteQueryCompiler(SQLiteAutocompleteQueryCompiler):
    """The admin's page search is an autocomplete: match the start of words in the body too,
    as the PostgreSQL backend does, not in the title alone (消防 found 1 of its 4 pages)."""

    FTS_TABLE_FIELDS = ["autocomplete", "body"]


class RankedSQLiteResults(RankedResultsMixin, SQLiteSearchResults):
    """Relevance-ordered results in one FTS query (ORDER BY bm25 LIMIT n), then the objects by pk.

    modelsearch annotates every matching row with a correlated subquery that re-runs the
    FTS match, which grows with the square of the hits (seconds at 20,000 documents).
    Negated or unranked queries keep modelsearch's path.
    """

    def _ranked_entries(self):
        compiler = self.query_compiler
        query = normalize(compiler.query)
        if isinstance(query, (MatchAll, Not)) or not compiler.order_by_relevance:
            return None
        config = compiler.get_config(self.backend)
        match = MatchExpression(
            compiler.fields or compiler.FTS_TABLE_FIELDS, compiler.build_search_query(query, config)
        )
        queryset = compiler.queryset
        entries = SQLiteFTSIndexEntry.objects.filter(
            match, index_entry__content_type__in=get_descendants_content_types_pks(queryset.model)
        )
        if queryset.query.where:
            # Only a filtered queryset needs the (materialised) list of its keys.
            object_ids = queryset.order_by().annotate(_pk_text=Cast("pk", CharField(max_length=50)))
            entries = entries.filter(index_entry__object_id__in=object_ids.values("_pk_text"))
        return entries

    def _ranked_rows(self, start, stop):
        entries = self._ranked_entries()
        if entries is None:
            return None
        compiler = self.query_compiler
        rank = compiler._build_rank_expression(
            compiler.get_search_vectors(), compiler.get_config(self.backend)
        )
        return list(
            entries.annotate(score=rank)
            .order_by("score", "-index_entry_id")
            .values_list("index_entry__object_id", "score")[start:stop]
        )

    def _do_count(self):
        entries = self._ranked_entries()
        if entries is None:
            return super()._do_count()
        count = entries.count() - self.start
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return max(count, 0)


class SegmentingSQLiteResults(SubstringFallbackResultsMixin, RankedSQLiteResults):
    def annotate_entries(self, entries):
        return entries.annotate(_flat_title=flat("title"), _flat_body=flat("body"))

    substring_fields = ("_flat_title", "_flat_body")

    def entry_substring_q(self, needle):
        # The flattened columns have no spaces between segmented words.
        return super().entry_substring_q(needle.replace(" ", ""))


class ChineseSQLiteSearchBackend(SegmentingBackendMixin, SQLiteSearchBackend):
    query_compiler_class = SegmentingSQLiteQueryCompiler
    autocomplete_query_compiler_class = BodyAutocompleteQueryCompiler
    index_class = SegmentingSQLiteIndex
    results_class = SegmentingSQLiteResults
