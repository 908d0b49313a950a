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
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from search.highlight import highlight, highlight_terms
from search.models import SearchDocument
from search.segment import has_chinese, normalize, query_terms

MAX_QUERY_LENGTH = 100
MAX_HITS = 1000
PAGE_SIZE = 10


@dataclass
class EngineResult:
    """What an engine answers: document IDs in relevance order, and whether the substring fallback was used."""

    ids: list
    fallback: bool = False


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


class DatabaseEngine:
    """Wagtail's default backend (the segmenting database backend) over SearchDocument."""

    name = "database"

    def search(self, query, include_past=False):
        from wagtail.search.backends import get_search_backend

        queryset = SearchDocument.objects.filter(document_filter(include_past))
        results = get_search_backend().search(query, queryset.only("pk"), operator="and")
        compiler = getattr(results, "query_compiler", None)
        if compiler is not None:
            # The service runs its own substring fallback (on the original text), and says so.
            compiler.raw_query_text = ""
        ids = [document.pk for document in results[:MAX_HITS]]
        if ids or not has_chinese(query):
            return EngineResult(ids)
        return EngineResult(substring_ids(queryset, query), fallback=True)

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


def _facets(ids, selected_type, selected_industry):
    """Type counts (within the chosen industry) and industry counts (within the chosen type)."""
    from library.models import Industry

    type_of = dict(SearchDocument.objects.filter(pk__in=ids).values_list("pk", "content_type_id"))
    industries_of = {}
    for document_id, industry_id in SearchDocument.industries.through.objects.filter(
        searchdocument_id__in=ids
    ).values_list("searchdocument_id", "industry_id"):
        industries_of.setdefault(document_id, set()).add(industry_id)
    type_keys = _content_type_keys(set(type_of.values()))
    industries = {
        industry.pk: industry
        for industry in Industry.objects.filter(pk__in=set().union(*industries_of.values()))
    }
    chosen_industry = next((pk for pk, ind in industries.items() if ind.code == selected_industry), None)
    chosen_type = next(
        (type_id for type_id, (key, _label) in type_keys.items() if key == selected_type), None
    )

    def in_type(document_id):
        return not selected_type or type_of.get(document_id) == chosen_type

    def in_industry(document_id):
        return not selected_industry or chosen_industry in industries_of.get(document_id, ())

    type_counts = Counter(type_of[d] for d in ids if d in type_of and in_industry(d))
    industry_counts = Counter(i for d in ids if in_type(d) for i in industries_of.get(d, ()))
    type_facets = [
        Facet(type_keys[t][0], type_keys[t][1], n, type_keys[t][0] == selected_type)
        for t, n in sorted(type_counts.items(), key=lambda item: (-item[1], type_keys[item[0]][1]))
    ]
    industry_facets = [
        Facet(industries[i].code, industries[i].name, n, industries[i].code == selected_industry)
        for i, n in sorted(
            industry_counts.items(),
            key=lambda item: (-item[1], industries[item[0]].sort_order, industries[item[0]].name),
        )
    ]
    kept = [d for d in ids if in_type(d) and in_industry(d)]
    return kept, type_facets, industry_facets


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
    engine = get_engine()
    response.engine = engine.name
    result = engine.search(query, include_past=include_past)
    response.fallback = result.fallback
    response.capped = len(result.ids) >= MAX_HITS
    kept, response.type_facets, response.industry_facets = _facets(
        result.ids, response.selected_type, response.selected_industry
    )
    response.total = len(kept)
    paginator = Paginator(kept, per_page)
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
