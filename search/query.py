"""The public search service: one result shape whichever backend answers.

The engine (database by default, Elasticsearch when ``ELASTICSEARCH_URL`` is set)
returns the IDs of matching documents in relevance order; facets are counted
over those IDs and the current page of hits is loaded from the database.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import BigIntegerField, Case, F, IntegerField, Lookup, Q, Value, When
from django.utils import timezone

from search.highlight import highlight, highlight_terms
from search.models import SearchDocument
from search.segment import has_chinese, normalize, query_terms

MAX_QUERY_LENGTH = 100
MAX_HITS = 1000
PAGE_SIZE = 10


@dataclass
class EngineResult:
    """What an engine answers, whichever it is.

    ``ids``: matching SearchDocument IDs after the type and industry filters, in relevance
    order; ``type_counts`` ({content type id: n}, within the industry filter) and
    ``industry_counts`` ({industry code: n}, within the type filter) for the facets;
    ``fallback``: the words matched nothing and a substring search answered.
    """

    ids: list
    type_counts: dict = field(default_factory=dict)
    industry_counts: dict = field(default_factory=dict)
    fallback: bool = False


@dataclass
class Filters:
    include_past: bool = False
    type_ids: tuple = ()  # content type ids of the chosen type ("" = all)
    type_selected: bool = False
    industry: str = ""  # industry code ("" = all)


@dataclass
class Facet:
    key: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    page_id: int
    title: str
    title_html: str
    url: str
    kind: str
    kind_label: str
    industries: list
    snippet: str
    starts_at: object = None


@dataclass
class SearchResponse:
    query: str = ""
    truncated: bool = False
    terms: list = field(default_factory=list)
    searchable: bool = False
    total: int = 0
    capped: bool = False
    fallback: bool = False
    page: object = None
    hits: list = field(default_factory=list)
    type_facets: list = field(default_factory=list)
    industry_facets: list = field(default_factory=list)
    selected_type: str = ""
    selected_industry: str = ""
    include_past: bool = False
    engine: str = ""


def clean_query(raw):
    """Normalised, whitespace-collapsed, at most MAX_QUERY_LENGTH characters; and whether it was cut."""
    text = " ".join(normalize(raw or "").replace("\x00", " ").split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].strip(), True
    return text, False


def document_filter(include_past):
    """Events that have ended are left out unless asked for; other content has no end date."""
    if include_past:
        return Q()
    return Q(ends_at__isnull=True) | Q(ends_at__gte=timezone.now())


def substring_ids(queryset, query, limit=MAX_HITS):
    """Documents containing every whitespace-separated part of the query (titles first)."""
    condition = Q()
    for part in query.split():
        condition &= Q(title__icontains=part) | Q(summary__icontains=part) | Q(text__icontains=part)
    first_part = query.split()[0]
    queryset = queryset.filter(condition).annotate(
        _in_title=Case(
            When(title__icontains=first_part, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    )
    return list(queryset.order_by("_in_title", "-pk").values_list("pk", flat=True)[:limit])


class _EqualsAny(Lookup):
    """``lhs = ANY(array)``: PostgreSQL's IN with the list as one array parameter."""

    lookup_name = "equals_any"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def _pk_in(ids):
    """``pk IN ids``. On PostgreSQL one array parameter: a thousand-placeholder IN list
    costs milliseconds to build, send and plan."""
    if connection.vendor != "postgresql":
        return Q(pk__in=ids)
    from django.contrib.postgres.fields import ArrayField

    return _EqualsAny(F("pk"), Value(list(ids), output_field=ArrayField(BigIntegerField())))


def count_facets(ids, filters, fallback=False):
    """Apply the upcoming, type and industry filters to relevance-ordered IDs; count the facets.

    One query whatever the number of hits (at most MAX_HITS): each document's type and industries.
    """
    if not ids:
        return EngineResult(ids=[], fallback=fallback)
    type_of = {}
    industries_of = {}
    rows = SearchDocument.objects.filter(document_filter(filters.include_past), _pk_in(ids)).values_list(
        "pk", "content_type_id", "industries__code"
    )
    for document_id, type_id, code in rows:
        type_of[document_id] = type_id
        if code is not None:
            industries_of.setdefault(document_id, set()).add(code)

    def in_type(document_id):
        return not filters.type_selected or type_of.get(document_id) in filters.type_ids

    def in_industry(document_id):
        return not filters.industry or filters.industry in industries_of.get(document_id, ())

    ids = [document_id for document_id in ids if document_id in type_of]
    return EngineResult(
        ids=[d for d in ids if in_type(d) and in_industry(d)],
        type_counts=dict(Counter(type_of[d] for d in ids if in_industry(d))),
        industry_counts=dict(Counter(code for d in ids if in_type(d) for code in industries_of.get(d, ()))),
        fallback=fallback,
    )


class DatabaseEngine:
    """Wagtail's default backend (the segmenting database backend) over SearchDocument."""

    name = "database"

    def search(self, query, filters):
        from wagtail.search.backends import get_search_backend

        # The upcoming filter is applied with the facets (count_facets): on an unfiltered
        # queryset the backend ranks without first listing every document's key.
        results = get_search_backend().search(query, SearchDocument.objects.only("pk"), operator="and")
        compiler = getattr(results, "query_compiler", None)
        if compiler is not None:
            # The service runs its own substring fallback (on the original text), and says so.
            compiler.raw_query_text = ""
        # The segmenting backends rank the keys in one query; no model instances are needed.
        ranked_pks = getattr(results, "ranked_pks", None)
        ids = ranked_pks(MAX_HITS) if ranked_pks else None
        if ids is None:
            ids = [document.pk for document in results[:MAX_HITS]]
        if ids or not has_chinese(query):
            return count_facets(ids, filters)
        queryset = SearchDocument.objects.filter(document_filter(filters.include_past))
        return count_facets(substring_ids(queryset, query), filters, fallback=True)

    def suggest(self, prefix, limit):
        from wagtail.search.backends import get_search_backend

        queryset = SearchDocument.objects.filter(document_filter(False)).only("pk", "title")
        return [document.title for document in get_search_backend().autocomplete(prefix, queryset)[:limit]]


def get_engine():
    if settings.ELASTICSEARCH_URL:
        from search.elasticsearch.engine import ElasticsearchEngine

        return ElasticsearchEngine()
    return DatabaseEngine()


def _content_type_keys(type_ids):
    """{content type id: (url key, label)}; ContentType lookups are cached by Django."""
    keys = {}
    for type_id in type_ids:
        content_type = ContentType.objects.get_for_id(type_id)
        model = content_type.model_class()
        label = model._meta.verbose_name if model else content_type.model
        keys[type_id] = (content_type.model, str(label))
    return keys


def _facets(result, selected_type, selected_industry):
    from library.models import Industry

    type_keys = _content_type_keys(result.type_counts)
    type_counts = Counter()
    labels = {}
    for type_id, count in result.type_counts.items():
        key, label = type_keys[type_id]
        type_counts[key] += count  # same model name in two apps: one facet
        labels[key] = label
    type_facets = [
        Facet(key, labels[key], count, key == selected_type)
        for key, count in sorted(type_counts.items(), key=lambda item: (-item[1], labels[item[0]]))
    ]
    industries = {
        industry.code: industry for industry in Industry.objects.filter(code__in=result.industry_counts)
    }
    industry_facets = [
        Facet(code, industries[code].display_name, count, code == selected_industry)
        for code, count in sorted(
            result.industry_counts.items(),
            key=lambda item: (
                (-item[1], industries[item[0]].sort_order, industries[item[0]].name)
                if item[0] in industries
                else (-item[1], 0, item[0])
            ),
        )
        if code in industries
    ]
    return type_facets, industry_facets


def _hits(document_ids, terms, request):
    documents = (
        SearchDocument.objects.filter(pk__in=document_ids)
        .select_related("page")
        .prefetch_related("industries")
    )
    by_id = {document.pk: document for document in documents}
    type_keys = _content_type_keys({document.content_type_id for document in documents})
    hits = []
    for document_id in document_ids:
        document = by_id.get(document_id)
        if document is None:
            continue
        key, label = type_keys[document.content_type_id]
        # The summary first: without a literal hit the excerpt is the summary's start.
        body = document.text if document.summary in document.text else f"{document.summary}\n{document.text}"
        hits.append(
            Hit(
                page_id=document.page_id,
                title=document.title,
                title_html=highlight(document.title, terms, window=200),
                url=document.page.get_url(request) or "",
                kind=key,
                kind_label=label,
                industries=[(industry.code, industry.name) for industry in document.industries.all()],
                snippet=highlight(body, terms, window=140),
                starts_at=document.starts_at,
            )
        )
    return hits


def search(
    raw_query, *, type_key="", industry="", page=1, include_past=False, request=None, per_page=PAGE_SIZE
):
    """Run the public search; never raises on user input."""
    query, truncated = clean_query(raw_query)
    response = SearchResponse(
        query=query,
        truncated=truncated,
        selected_type=(type_key or "")[:100],
        selected_industry=(industry or "")[:50],
        include_past=include_past,
    )
    response.terms = highlight_terms(query) if query else []
    response.searchable = bool(query_terms(query))
    if not response.searchable:
        return response
    filters = Filters(include_past=include_past, industry=response.selected_industry)
    if response.selected_type:
        filters.type_selected = True
        filters.type_ids = tuple(
            ContentType.objects.filter(model=response.selected_type).values_list("pk", flat=True)
        )
    engine = get_engine()
    response.engine = engine.name
    result = engine.search(query, filters)
    response.fallback = result.fallback
    response.capped = sum(result.type_counts.values()) >= MAX_HITS
    response.type_facets, response.industry_facets = _facets(
        result, response.selected_type, response.selected_industry
    )
    response.total = len(result.ids)
    paginator = Paginator(result.ids, per_page)
    try:
        response.page = paginator.page(page)
    except PageNotAnInteger:
        response.page = paginator.page(1)
    except EmptyPage:
        response.page = paginator.page(paginator.num_pages)
    response.hits = _hits(list(response.page.object_list), response.terms, request)
    return response


def suggest(raw_prefix, limit=8):
    """Titles for the search box: the engine's autocomplete, then titles containing the text."""
    prefix, _truncated = clean_query(raw_prefix)
    prefix = prefix[:30]
    if not prefix or not query_terms(prefix):
        return []
    titles = []
    try:
        titles = get_engine().suggest(prefix, limit)
    except Exception:  # a suggestion box must never break the page
        titles = []
    if len(titles) < limit:
        extra = (
            SearchDocument.objects.filter(document_filter(False), title__icontains=prefix)
            .annotate(
                _prefix=Case(
                    When(title__istartswith=prefix, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("_prefix", "title")
            .values_list("title", flat=True)[: limit * 2]
        )
        titles.extend(extra)
    unique = []
    for title in titles:
        if title not in unique:
            unique.append(title)
    return unique[:limit]
