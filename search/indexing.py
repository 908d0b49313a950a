"""Turning pages into search documents and their weighted terms, and keeping both current.

A page is read only through ``core.search.SearchablePage`` (and its Wagtail
``search_fields`` for the text). Jobs here run on the django-q2 cluster
(``core.jobs.enqueue``); the signal handlers in ``search.signals`` only enqueue them.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import Manager
from django.utils.encoding import force_str
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django_tasks import task
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search import index

from core.search import SearchablePage
from search.analysis import fold, pinyin_tokens, synonyms, tokens
from search.models import SearchDocument, SearchTerm

_SPACES = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\n\s*\n+")

# BM25F: a term in the title counts three times, in a label twice, in the context (industry, kind)
# half; documents longer than
# AVERAGE_LENGTH tokens have their term frequencies discounted (b), repetitions saturate (k1).
FIELD_WEIGHTS = {"title": 3.0, "labels": 2.0, "pinyin": 1.5, "summary": 1.0, "text": 1.0, "context": 0.5}
K1 = 1.2
B = 0.75
AVERAGE_LENGTH = 200


def _prepare(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "\n".join(_prepare(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(_prepare(item) for item in value.values())
    return force_str(value)


def _field_texts(obj, fields, top_level=True):
    """The original text of every SearchField (following RelatedFields), the page title left out."""
    for search_field in fields:
        if isinstance(search_field, index.SearchField):
            if top_level and search_field.field_name == "title":
                continue
            yield _prepare(search_field.get_value(obj))
        elif isinstance(search_field, index.RelatedFields):
            related = search_field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                related = related.all()
            elif callable(related):
                related = related()
            if not isinstance(related, (list, tuple)) and not hasattr(related, "__iter__"):
                related = [related]
            for sub_obj in related:
                yield from _field_texts(sub_obj, search_field.fields, top_level=False)


def clean_text(value):
    text = strip_tags(value).replace("\xa0", " ")
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return _LINES.sub("\n", text).strip()


def page_text(page):
    """Plain text of a (specific) page's searchable fields, in declaration order, without duplicates."""
    seen = set()
    parts = []
    for text in _field_texts(page, page.get_search_fields()):
        text = clean_text(text)
        if text and text not in seen:
            seen.add(text)
            parts.append(text)
    return "\n".join(parts)


def summarise(summary, text):
    return Truncator(clean_text(force_str(summary or text or ""))).chars(200)


@dataclass(frozen=True)
class SearchScope:
    """What keeps a live page out of the search: a view restriction on it or an ancestor, or
    being a translation (it shares its Chinese page's URL; that page is the result)."""

    restricted_paths: tuple
    default_locale_id: int

    @classmethod
    def current(cls):
        paths = PageViewRestriction.objects.values_list("page__path", flat=True)
        return cls(tuple(paths), Locale.get_default().pk)


def is_searchable(page, scope=None):
    """Live, public, in the default locale, a listed SearchablePage (see SearchScope)."""
    if page.depth <= 1 or not page.live or not isinstance(page, SearchablePage) or not page.search_listed:
        return False
    scope = scope or SearchScope.current()
    if page.locale_id != scope.default_locale_id:
        return False
    return not any(page.path.startswith(path) for path in scope.restricted_paths)


# --- documents and terms ---------------------------------------------------------------------


@dataclass
class DocumentData:
    """What one search result holds before it is saved: the page's, or one of its sections'."""

    section: str
    content_type_id: int
    title: str
    summary: str
    text: str
    labels: list = field(default_factory=list)
    context: list = field(default_factory=list)  # industries' names and codes, the kind of result
    industries: list = field(default_factory=list)
    starts_at: object = None
    ends_at: object = None


def _industry_labels(industries):
    # The name and the code (footwear, software): the English a visitor may type.
    return [label for industry in industries for label in (industry.name, industry.code.replace("-", " "))]


def page_documents(page):
    """The documents of a (specific, searchable) page: the page itself, then its sections."""
    text = page_text(page)
    industries = [industry for industry in page.search_industries() if industry is not None]
    starts_at, ends_at = page.search_period()
    kind = str(page._meta.verbose_name)
    documents = [
        DocumentData(
            section="",
            content_type_id=page.content_type_id,
            title=page.title,
            summary=summarise(page.search_summary, text),
            text=text,
            labels=[str(label) for label in page.search_labels()],
            context=[*_industry_labels(industries), kind],
            industries=industries,
            starts_at=starts_at,
            ends_at=ends_at,
        )
    ]
    for section in page.search_sections():
        model = section.model or type(page)
        section_industries = [industry for industry in section.industries if industry is not None]
        documents.append(
            DocumentData(
                section=section.anchor,
                content_type_id=ContentType.objects.get_for_model(model).pk,
                title=section.title,
                summary=summarise("", clean_text(section.text)),
                text=clean_text(section.text),
                labels=[str(label) for label in section.labels],
                context=[*_industry_labels(section_industries), str(model._meta.verbose_name)],
                industries=section_industries,
                starts_at=starts_at,
                ends_at=ends_at,
            )
        )
    return documents


def term_weights(title, labels, summary, text, context=()):
    """{term: BM25 weight} of one document (fields weighted as FIELD_WEIGHTS)."""
    folded_title = fold(title)
    folded_labels = fold("\n".join(labels))
    folded_context = fold("\n".join(context))
    counts = {
        "context": Counter(tokens(folded_context)) + Counter(pinyin_tokens(folded_context)),
        "title": Counter(tokens(folded_title)),
        "labels": Counter(tokens(folded_labels)),
        "pinyin": Counter(pinyin_tokens(f"{folded_title}\n{folded_labels}")),
        "summary": Counter(tokens(fold(summary))) if summary and summary not in text else Counter(),
        "text": Counter(tokens(fold(text))),
    }
    length = sum(counts["title"].values()) + sum(counts["summary"].values()) + sum(counts["text"].values())
    norm = K1 * (1 - B + B * length / AVERAGE_LENGTH)
    frequencies = Counter()
    for name, counter in counts.items():
        weight = FIELD_WEIGHTS[name]
        for term, count in counter.items():
            frequencies[term] += weight * count
    return {term: round(tf * (K1 + 1) / (tf + norm), 4) for term, tf in frequencies.items()}


def _terms_of(document_pk, data):
    weights = term_weights(data.title, data.labels, data.summary, data.text, data.context)
    return [SearchTerm(document_id=document_pk, term=term, weight=weight) for term, weight in weights.items()]


def save_page_documents(page, scope=None):
    """Create or update the page's documents and terms; delete them if it is no longer searchable.

    Returns the saved SearchDocuments.
    """
    page = page.specific
    if not is_searchable(page, scope):
        delete_documents(SearchDocument.objects.filter(page_id=page.pk))
        return []
    saved = []
    terms = []
    for data in page_documents(page):
        document, _created = SearchDocument.objects.update_or_create(
            page_id=page.pk,
            section=data.section,
            defaults={
                "content_type_id": data.content_type_id,
                "title": data.title[:255],
                "summary": data.summary,
                "text": data.text,
                "labels": "\n".join([*data.labels, *data.context]),
                "starts_at": data.starts_at,
                "ends_at": data.ends_at,
            },
        )
        document.industries.set(data.industries)
        terms.extend(_terms_of(document.pk, data))
        saved.append(document)
    delete_documents(
        SearchDocument.objects.filter(page_id=page.pk).exclude(pk__in=[document.pk for document in saved])
    )
    SearchTerm.objects.filter(document__in=saved).delete()
    SearchTerm.objects.bulk_create(terms, batch_size=2000)
    SearchDocument.index_changed()
    return saved


def add_new_pages(pages, scope=None):
    """Bulk path for pages that have no documents yet (the site generator): fewer queries per page."""
    scope = scope or SearchScope.current()
    pending = []
    for page in pages:
        if is_searchable(page, scope):
            pending.extend((page, data) for data in page_documents(page))
    documents = SearchDocument.objects.bulk_create(
        [
            SearchDocument(
                page_id=page.pk,
                section=data.section,
                content_type_id=data.content_type_id,
                title=data.title[:255],
                summary=data.summary,
                text=data.text,
                labels="\n".join([*data.labels, *data.context]),
                starts_at=data.starts_at,
                ends_at=data.ends_at,
            )
            for page, data in pending
        ],
        batch_size=500,
    )
    through = SearchDocument.industries.through
    through.objects.bulk_create(
        [
            through(searchdocument_id=document.pk, industry_id=industry.pk)
            for document, (_page, data) in zip(documents, pending, strict=True)
            for industry in data.industries
        ],
        batch_size=1000,
    )
    terms = []
    for document, (_page, data) in zip(documents, pending, strict=True):
        terms.extend(_terms_of(document.pk, data))
        if len(terms) > 20000:
            SearchTerm.objects.bulk_create(terms, batch_size=5000)
            terms = []
    SearchTerm.objects.bulk_create(terms, batch_size=5000)
    SearchDocument.index_changed()
    return documents


def _index_elsewhere(documents):
    """Elasticsearch, when configured, keeps its own copy of the documents."""
    if documents and settings.ELASTICSEARCH_URL:
        from search.elasticsearch import sync

        sync.index_documents(list(_prefetched(SearchDocument.objects.filter(pk__in=documents))))


def delete_documents(queryset):
    """Delete documents (their terms cascade); search.signals drops Elasticsearch's copies."""
    queryset.delete()
    SearchDocument.index_changed()


def _prefetched(queryset):
    return queryset.select_related("content_type").prefetch_related("industries")


# --- jobs -------------------------------------------------------------------


def results_changed():
    """Cached search results go stale once the documents change.

    Publishing already made them stale, but this job runs later, in the worker: results
    cached in between would otherwise show the old documents until they expire.
    """
    from core.cache import SEARCH_SCOPE, invalidate_paths

    invalidate_paths([SEARCH_SCOPE])


@task()
def refresh_page(page_id):
    """Job: bring one page's documents up to date (published, edited, unpublished or deleted)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        delete_documents(SearchDocument.objects.filter(page_id=page_id))
        results_changed()
        return 0
    synonyms()
    with transaction.atomic():
        documents = save_page_documents(page)
    _index_elsewhere([document.pk for document in documents])
    results_changed()
    return len(documents)


def delete_page_documents(page_id):
    """An unpublished page leaves the search at once."""
    delete_documents(SearchDocument.objects.filter(page_id=page_id))
    results_changed()


@task()
def refresh_subtree(page_id):
    """Job: a page moved or its privacy changed: refresh it and every page below it."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return refresh_page.call(page_id)
    pages = page.get_descendants(inclusive=True).specific()
    return refresh_pages(pages)


@task()
def refresh_industry(industry_id):
    """Job: an industry snippet changed: its pages' documents carry its name."""
    page_ids = SearchDocument.objects.filter(industries__id=industry_id).values_list("page_id", flat=True)
    return refresh_pages(Page.objects.filter(pk__in=list(page_ids)).specific())


def refresh_pages(pages, progress=None, elsewhere=True):
    synonyms()  # this process segments with the editors' current words
    scope = SearchScope.current()
    documents = []
    for page in pages:
        with transaction.atomic():
            documents.extend(document.pk for document in save_page_documents(page, scope))
        if progress:
            progress()
    if elsewhere:
        for start in range(0, len(documents), 500):
            _index_elsewhere(documents[start : start + 500])
    results_changed()
    return len(documents)


def rebuild_documents(progress=None, elsewhere=True, pages=None):
    """Rebuild every page's documents, delete the orphans; returns the number of documents.

    With ``elsewhere=False`` the caller rebuilds Elasticsearch itself (rebuild_search_index).
    """
    if pages is None:
        pages = Page.objects.filter(depth__gt=1).specific()
    count = refresh_pages(pages.iterator(chunk_size=200), progress=progress, elsewhere=elsewhere)
    delete_documents(SearchDocument.objects.exclude(page__live=True))
    results_changed()
    refresh_planner_statistics()
    return count


def refresh_planner_statistics():
    """After rewriting the index, on PostgreSQL: the planner's statistics and the visibility map.

    Without statistics a term is planned as if it had a few postings; and until a VACUUM marks
    the rewritten pages all-visible, the ranking reads every posting's row from the table
    instead of the index alone (安全生产 整改 on the generated site: 41 ms instead of 17).
    Autovacuum gets there in its own time; a rebuild does not wait for it. VACUUM cannot run
    inside a transaction (a test's): nothing then.
    """
    connection = connections[router.db_for_write(SearchTerm)]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    tables = [SearchTerm, SearchDocument, SearchDocument.industries.through]
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")


@task()
def reindex_all():
    """Job: every document's terms again (the synonym words changed how text is segmented)."""
    return rebuild_documents()
