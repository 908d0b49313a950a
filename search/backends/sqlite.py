"""SQLite FTS5 backend with Chinese segmentation."""

from django.db.models import F, FloatField, Func, Q
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from search.backends.common import (
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


class SegmentingSQLiteResults(SubstringFallbackResultsMixin, SQLiteSearchResults):
    def annotate_entries(self, entries):
        return entries.annotate(_flat_title=flat("title"), _flat_body=flat("body"))

    def entry_substring_q(self, needle):
        needle = needle.replace(" ", "")
        return Q(_flat_title__icontains=needle) | Q(_flat_body__icontains=needle)


class ChineseSQLiteSearchBackend(SegmentingBackendMixin, SQLiteSearchBackend):
    query_compiler_class = SegmentingSQLiteQueryCompiler
    index_class = SegmentingSQLiteIndex
    results_class = SegmentingSQLiteResults
