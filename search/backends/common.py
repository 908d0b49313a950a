"""What every segmenting database backend shares: the query rewrite and the substring fallback."""

from django.db.models import CharField, Exists, OuterRef, Q, TextField, Value
from django.db.models.functions import Cast
from modelsearch.backends.base import EmptySearchResults
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.segment import has_chinese, normalize, query_groups, segment_for_index, segment_query

# Index-time text of AutocompleteFields: the segmented words plus the unsegmented
# runs, so that a Chinese prefix ("企业合规建") matches the start of a title.


def segment_for_autocomplete(text):
    text = normalize(text)
    segmented = segment_for_index(text)
    if not has_chinese(text):
        return segmented
    return f"{segmented} {' '.join(text.split())}"


def plain_text_query(text, operator="and"):
    """A PlainText made of segmented words; a compound word matches itself or all of its parts.

    (A PlainText's boost is dropped: the SQLite backend cannot compile Boost.)
    """
    parts = []
    for word, cover in query_groups(text):
        if cover:
            parts.append(Or([PlainText(word), PlainText(" ".join(cover), operator="and")]))
        else:
            parts.append(PlainText(word))
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return And(parts) if operator.lower() == "and" else Or(parts)


def rewrite_query(query, operator="and"):
    """Segment a query (a string or a modelsearch query tree) the way the index was segmented.

    Returns ``None`` when nothing searchable is left.
    """
    if isinstance(query, str):
        return plain_text_query(query, operator)
    if isinstance(query, PlainText):
        return plain_text_query(query.query_string, query.operator)
    if isinstance(query, Phrase):
        # A quoted Chinese phrase becomes "all of its words": the index keeps no positions
        # across segmented words worth relying on. Other phrases keep only their words,
        # so no quote or operator reaches FTS5 / tsquery syntax.
        text = segment_query(query.query_string)
        if not text:
            return None
        if has_chinese(query.query_string):
            return plain_text_query(query.query_string, "and")
        return Phrase(text)
    if isinstance(query, (And, Or)):
        parts = [part for part in (rewrite_query(sub) for sub in query.subqueries) if part is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else query.__class__(parts)
    if isinstance(query, Not):
        inner = rewrite_query(query.subquery)
        return Not(inner) if inner is not None else None
    if isinstance(query, Boost):
        inner = rewrite_query(query.subquery)
        return Boost(inner, query.boost) if inner is not None else None
    return query  # MatchAll, Fuzzy: nothing to segment


def raw_query_text(query):
    """The user's words in a query (string or tree), for the substring fallback; "" if negated/none."""
    if isinstance(query, str):
        return query
    if isinstance(query, (PlainText, Phrase)):
        return query.query_string
    if isinstance(query, (And, Or)):
        return " ".join(raw_query_text(sub) for sub in query.subqueries)
    if isinstance(query, Boost):
        return raw_query_text(query.subquery)
    return ""


class SegmentingBackendMixin:
    """Segments every query before the parent backend compiles it; remembers the raw words."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, MatchAll) or query is None:
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        operator = kwargs.get("operator") or query_compiler_class.DEFAULT_OPERATOR
        rewritten = rewrite_query(query, operator)
        if rewritten is None:
            return EmptySearchResults()
        results = super()._search(query_compiler_class, rewritten, model_or_queryset, **kwargs)
        compiler = getattr(results, "query_compiler", None)
        if compiler is not None:
            compiler.raw_query_text = raw_query_text(query)
        return results

    def refresh_statistics(self):
        """After a bulk (re)index, whatever the database needs to plan searches well (PostgreSQL: ANALYZE)."""

    def ping(self):
        """True when the index answers: the index table, and Elasticsearch when configured (/healthz)."""
        from django.conf import settings
        from modelsearch.conf import get_app_config

        get_app_config().get_model("IndexEntry").objects.exists()
        if settings.ELASTICSEARCH_URL:
            from search.elasticsearch import sync

            return sync.ping()
        return True


class RankedResultsMixin:
    """Results ranked by one query on the index table (``_ranked_rows``), then loaded by primary key.

    ``ranked_pks`` gives the ranked keys alone, for callers that load or count the objects
    themselves (the public search: up to 1,000 keys, no model instances).
    """

    def _ranked_rows(self, start, stop):
        """[(object_id, score)] in relevance order, or None when the parent backend must answer.

        The hook each backend's results class defines (search/backends/postgres.py, sqlite.py);
        a class that mixes this in without it is a programming error, raised as such.
        """
        raise NotImplementedError(f"{type(self).__name__} must define _ranked_rows")

    def _to_pk(self, object_id):
        return self.query_compiler.queryset.model._meta.pk.to_python(object_id)

    def ranked_pks(self, limit):
        """Primary keys of the first ``limit`` matches in relevance order, or None (see ``_ranked_rows``)."""
        rows = self._ranked_rows(0, limit)
        if rows is None:
            return None
        return [self._to_pk(object_id) for object_id, _score in rows]

    def _do_search(self):
        rows = self._ranked_rows(self.start, self.stop)
        if rows is None:
            return super()._do_search()
        objects = self.query_compiler.queryset.in_bulk([self._to_pk(object_id) for object_id, _score in rows])
        results = []
        for object_id, score in rows:
            obj = objects.get(self._to_pk(object_id))
            if obj is not None:
                if self._score_field:
                    setattr(obj, self._score_field, score)
                results.append(obj)
        return results


class SubstringFallbackResultsMixin:
    """When the segmented search finds nothing for a Chinese query, search the indexed text by substring.

    Segmentation can disagree between a text and a query; the user still gets results.
    Subclasses name the index entry's text columns (``substring_fields``), annotating them
    first where the backend stores them differently (``annotate_entries``).
    """

    substring_fields = ("title_text", "body_text")

    def _fallback_needles(self):
        raw = normalize(getattr(self.query_compiler, "raw_query_text", "") or "")
        if not has_chinese(raw):
            return []
        return [needle for needle in raw.split() if needle]

    def annotate_entries(self, entries):
        return entries

    def entry_substring_q(self, needle):
        q = Q()
        for field in self.substring_fields:
            q |= Q(**{f"{field}__icontains": needle})
        return q

    def fallback_queryset(self):
        from modelsearch.conf import get_app_config

        IndexEntry = get_app_config().get_model("IndexEntry")
        queryset = self.query_compiler.queryset
        entries = self.annotate_entries(
            IndexEntry._default_manager.filter(
                content_type_id__in=get_descendants_content_types_pks(queryset.model),
                object_id=Cast(OuterRef("pk"), CharField(max_length=50)),
            )
        )
        for needle in self._fallback_needles():
            entries = entries.filter(self.entry_substring_q(needle))
        queryset = queryset.filter(Exists(entries))
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset

    def _primary_is_empty(self):
        if not hasattr(self, "_primary_empty"):
            self._primary_empty = super()._do_count() == 0
        return self._primary_empty

    def _do_search(self):
        results = list(super()._do_search())
        if results or not self._fallback_needles():
            return results
        if self.start and not self._primary_is_empty():
            return results
        return list(self.fallback_queryset()[self.start : self.stop])

    def _do_count(self):
        count = super()._do_count()
        if count or not self._fallback_needles():
            return count
        return self.fallback_queryset()[self.start : self.stop].count()


def flat(expression):
    """The indexed text with the segmentation spaces removed (SQLite keeps only segmented text)."""
    from django.db.models.functions import Replace

    return Replace(expression, Value(" "), Value(""), output_field=TextField())
