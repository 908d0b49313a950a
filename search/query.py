"""The public search service: one result shape whichever engine answers.

The query is analysed once (``search.analysis.plan``: conversion, stopwords, synonyms,
article numbers); the engine (the database by default, Elasticsearch when
``ELASTICSEARCH_URL`` is set) returns the IDs of matching documents in relevance order
with exact facet counts, and the current page of hits is loaded from the database.
"""

import difflib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Case, Count, IntegerField, Value, When

from search import analysis
from search.engine import MAX_HITS, DatabaseEngine, Filters, document_filter
from search.highlight import highlight, highlight_terms
from search.models import SearchDocument, SearchTerm
from search.segment import normalize, user_terms

MAX_QUERY_LENGTH = 100
PAGE_SIZE = 10


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
    converted: str = ""  # the query as searched, when conversion changed it (合規 -> 合规)
    relaxed: bool = False  # nothing matched every word: these match some
    did_you_mean: str = ""  # offered when nothing matched
    unknown_words: list = field(default_factory=list)


def clean_query(raw):
    """Normalised, whitespace-collapsed, at most MAX_QUERY_LENGTH characters; and whether it was cut."""
    text = " ".join(normalize(raw or "").replace("\x00", " ").split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].strip(), True
    return text, False


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


_kept_industries = {}


def _industries_by_code():
    """{code: Industry} of every industry, kept until the index changes (as any industry's change does)."""
    from library.models import Industry

    version = SearchDocument.index_version()
    if version not in _kept_industries:
        _kept_industries.clear()
        _kept_industries[version] = {industry.code: industry for industry in Industry.objects.all()}
    return _kept_industries[version]


def _facets(result, selected_type, selected_industry):
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
    industries = _industries_by_code()
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


def _industries_of(document_ids):
    """{document id: [(code, name), ...]} in the industries' order; plain rows, half a prefetch's cost."""
    industries = {}
    rows = (
        SearchDocument.industries.through.objects.filter(searchdocument_id__in=document_ids)
        .order_by("industry__sort_order", "industry__name")
        .values_list("searchdocument_id", "industry__code", "industry__name")
    )
    for document_id, code, name in rows:
        industries.setdefault(document_id, []).append((code, name))
    return industries


def _hits(document_ids, terms, request):
    # Of the page only what its URL needs (Page rows are wide).
    documents = (
        SearchDocument.objects.filter(pk__in=document_ids)
        .select_related("page")
        .only(
            "page_id", "section", "content_type_id", "title", "summary", "text", "starts_at", "page__url_path"
        )
    )
    by_id = {document.pk: document for document in documents}
    industries_of = _industries_of(document_ids)
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
                url=document.url(request),
                kind=key,
                kind_label=label,
                industries=industries_of.get(document_id, []),
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
    plan = analysis.plan(query) if query else analysis.QueryPlan(text="")
    response.searchable = bool(plan)
    if not response.searchable:
        return response
    simplified = analysis.to_simplified(query)
    if simplified != query:
        response.converted = simplified
    response.terms = highlight_terms(plan)
    filters = Filters(include_past=include_past, industry=response.selected_industry)
    if response.selected_type:
        filters.type_selected = True
        filters.type_ids = tuple(
            ContentType.objects.filter(model=response.selected_type).values_list("pk", flat=True)
        )
    engine = get_engine()
    response.engine = engine.name
    result = engine.search(plan, filters)
    response.fallback = result.fallback
    response.relaxed = result.relaxed
    response.unknown_words = result.unknown_words
    response.total = result.total
    response.capped = result.total > MAX_HITS
    response.type_facets, response.industry_facets = _facets(
        result, response.selected_type, response.selected_industry
    )
    paginator = Paginator(result.ids, per_page)
    try:
        response.page = paginator.page(page)
    except PageNotAnInteger:
        response.page = paginator.page(1)
    except EmptyPage:
        response.page = paginator.page(paginator.num_pages)
    response.hits = _hits(list(response.page.object_list), response.terms, request)
    if not response.total:
        response.did_you_mean = did_you_mean(plan)
    return response


# --- did you mean, suggestions -------------------------------------------------------------


@lru_cache(maxsize=8)
def _pinyin_vocabulary(words):
    """{pinyin: word} of a vocabulary, to read a Latin query as the Chinese it spells."""
    chinese = [word for word in words if not word.isascii()]
    pinyin = analysis.spelled(chinese)
    vocabulary = {}
    for word in chinese:
        vocabulary.setdefault(pinyin[word], word)
    return vocabulary


def pinyin_vocabulary():
    """{pinyin: word} of the legal vocabulary and the synonym words, for "did you mean"."""
    return _pinyin_vocabulary(tuple(sorted({*user_terms(), *analysis.synonyms().words})))


def did_you_mean(plan):
    """A query that would find something: pinyin read as Chinese, or a close spelling; "" if none."""
    words = []
    changed = False
    vocabulary = pinyin_vocabulary()
    for concept in plan.concepts:
        word = concept.word
        if analysis.is_latin(word):
            match = vocabulary.get(word) or next(iter(difflib.get_close_matches(word, vocabulary, n=1)), None)
            if match:
                word = vocabulary.get(match, match)
                changed = True
        words.append(word)
    if not changed:
        return ""
    candidate = " ".join(words)
    known = SearchTerm.objects.filter(term__in=[analysis.fold(word) for word in words]).exists()
    return candidate if known else ""


@lru_cache(maxsize=1)
def _completion_vocabulary():
    return sorted({analysis.fold(word) for word in user_terms()})


def completions(prefix, limit):
    """Indexed vocabulary words (legal terms, synonyms) that start with the typed text: 首违 -> 首违不罚."""
    folded = analysis.fold(prefix).replace(" ", "")
    if not folded:
        return []
    words = set(_completion_vocabulary())
    try:
        words.update(analysis.synonyms().words)
    except Exception:  # a suggestion box must never break the page
        pass
    candidates = [word for word in words if word.startswith(folded) and word != folded]
    if not candidates:
        return []
    counts = dict(
        SearchTerm.objects.filter(term__in=candidates)
        .values("term")
        .annotate(n=Count("id"))
        .values_list("term", "n")
    )
    return sorted(counts, key=lambda word: (-counts[word], len(word), word))[:limit]


def suggest(raw_prefix, limit=8):
    """For the search box: words that complete the text, then titles that contain it."""
    prefix, _truncated = clean_query(raw_prefix)
    prefix = prefix[:30]
    if not prefix or not analysis.query_words(analysis.fold(prefix)):
        return []
    suggestions = completions(prefix, max(2, limit // 3))
    folded = analysis.fold(prefix)
    needles = {prefix, folded}
    for needle in needles:
        titles = (
            SearchDocument.objects.filter(document_filter(False), title__icontains=needle, section="")
            .annotate(
                _prefix=Case(
                    When(title__istartswith=needle, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("_prefix", "title")
            .values_list("title", flat=True)[: limit * 2]
        )
        suggestions.extend(titles)
    return list(dict.fromkeys(suggestions))[:limit]
