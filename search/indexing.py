"""Turning pages into search documents and keeping both indexes current.

Jobs here run on the django-q2 cluster (``core.jobs.enqueue``); the signal
handlers in ``search.signals`` only enqueue them.
"""

import re

from django.conf import settings
from django.db import transaction
from django.db.models import Manager
from django.utils.encoding import force_str
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django_tasks import task
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from search.models import SearchDocument

_SPACES = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\n\s*\n+")


def _excluded_classes():
    from portal.models import HomePage

    return (HomePage,)


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
    for field in fields:
        if isinstance(field, index.SearchField):
            if top_level and field.field_name == "title":
                continue
            yield _prepare(field.get_value(obj))
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                related = related.all()
            elif callable(related):
                related = related()
            if not isinstance(related, (list, tuple)) and not hasattr(related, "__iter__"):
                related = [related]
            for sub_obj in related:
                yield from _field_texts(sub_obj, field.fields, top_level=False)


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


def page_summary(page, text):
    summary = getattr(page, "search_summary", None)
    if callable(summary):
        summary = summary()
    summary = summary or page.search_description or getattr(page, "intro", "") or text
    return Truncator(clean_text(force_str(summary))).chars(200)


def page_industries(page):
    method = getattr(page, "search_industries", None)
    if method is None:
        return []
    return [industry for industry in method() if industry is not None]


def _restricted_paths():
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_searchable(page, restricted_paths=None):
    """Live, public (no view restriction on it or an ancestor), of a real page type, not a home page."""
    if page.depth <= 1 or not page.live or type(page) is Page or isinstance(page, _excluded_classes()):
        return False
    if restricted_paths is None:
        restricted_paths = _restricted_paths()
    return not any(page.path.startswith(path) for path in restricted_paths)


def build_document(page, restricted_paths=None):
    """Create or update the page's SearchDocument (or delete it if the page is no longer searchable)."""
    page = page.specific
    if not is_searchable(page, restricted_paths):
        delete_documents(SearchDocument.objects.filter(page_id=page.pk))
        return None
    text = page_text(page)
    document, _created = SearchDocument.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "content_type_id": page.content_type_id,
            "title": page.title,
            "summary": page_summary(page, text),
            "text": text,
            "starts_at": getattr(page, "start_at", None),
            "ends_at": getattr(page, "end_at", None) or getattr(page, "start_at", None),
        },
    )
    document.industries.set(page_industries(page))
    return document


def _index_documents(documents):
    """Write documents to Wagtail's backend (database) and, when configured, to Elasticsearch."""
    if not documents:
        return
    for _name, backend in index.get_search_backends_with_name(with_auto_update=True):
        backend.add_bulk(SearchDocument, documents)
    if settings.ELASTICSEARCH_URL:
        from search.elasticsearch import sync

        sync.index_documents(documents)


def delete_documents(queryset):
    """Delete documents; search.signals drops their index entries (database and Elasticsearch)."""
    queryset.delete()


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
    """Job: bring one page's document up to date (published, edited, unpublished or deleted)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        delete_documents(SearchDocument.objects.filter(page_id=page_id))
        results_changed()
        return 0
    with transaction.atomic():
        document = build_document(page)
    if document is not None:
        _index_documents(list(_prefetched(SearchDocument.objects.filter(pk=document.pk))))
    results_changed()
    return 1 if document else 0


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


def refresh_pages(pages, progress=None, index=True):
    restricted = _restricted_paths()
    documents = []
    for page in pages:
        with transaction.atomic():
            document = build_document(page, restricted)
        if document is not None:
            documents.append(document.pk)
        if progress:
            progress()
    if not index:
        return len(documents)
    for start in range(0, len(documents), 500):
        chunk = documents[start : start + 500]
        _index_documents(list(_prefetched(SearchDocument.objects.filter(pk__in=chunk))))
    results_changed()
    return len(documents)


def rebuild_documents(progress=None, index=True, pages=None):
    """Rebuild every page's document, delete the orphans; returns the number of documents.

    With ``index=False`` the caller rebuilds the search indexes itself (rebuild_search_index).
    """
    if pages is None:
        pages = Page.objects.filter(depth__gt=1).specific()
    count = refresh_pages(pages.iterator(chunk_size=200), progress=progress, index=index)
    delete_documents(SearchDocument.objects.exclude(page__live=True))
    results_changed()
    return count
