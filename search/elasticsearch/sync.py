"""Writing to Elasticsearch: the client, document sync, rebuild and health."""

import threading

from django.conf import settings
from django_tasks import task
from elasticsearch.helpers import bulk
from elasticsearch_dsl import connections

from search.elasticsearch.documents import current_mode, document_class, index_name, index_pattern
from search.elasticsearch.queries import field_text, pinyin_text

ALIAS = "search"
_lock = threading.Lock()


def get_client():
    """One client per process (it pools its own connections)."""
    with _lock:
        try:
            return connections.get_connection(ALIAS)
        except KeyError:
            return connections.create_connection(
                ALIAS, hosts=[settings.ELASTICSEARCH_URL], request_timeout=10
            )


def to_index_document(document, mode=None):
    """The Elasticsearch document for a SearchDocument (content type and industries prefetched)."""
    mode = mode or current_mode()
    Doc = document_class(mode)
    industries = list(document.industries.all())
    return Doc(
        meta={"id": document.pk},
        document_id=document.pk,
        page_id=document.page_id,
        section=document.section,
        content_type=document.content_type_id,
        kind=document.content_type.model,
        title=field_text(document.title, mode),
        labels=field_text(document.labels, mode),
        pinyin=pinyin_text(document.title, document.labels),
        summary=field_text(document.summary, mode),
        text=field_text(document.text, mode),
        industries=[industry.code for industry in industries],
        starts_at=document.starts_at,
        ends_at=document.ends_at,
    )


def ensure_index():
    Doc = document_class()
    if not Doc._index.exists(using=get_client()):
        Doc.init(using=get_client())


def index_documents(documents):
    ensure_index()
    actions = (to_index_document(document).to_dict(include_meta=True) for document in documents)
    bulk(get_client(), actions, refresh="wait_for")


@task()
def delete_documents(document_ids):
    client = get_client()
    actions = ({"_op_type": "delete", "_index": index_name(), "_id": pk} for pk in document_ids)
    bulk(client, actions, raise_on_error=False, refresh="wait_for")


def rebuild(progress=None, chunk_size=500):
    """A fresh index with the current analysis, every SearchDocument in it; older versions dropped."""
    from search.models import SearchDocument

    client = get_client()
    Doc = document_class()
    Doc._index.delete(using=client, ignore_unavailable=True)
    Doc.init(using=client)
    queryset = (
        SearchDocument.objects.select_related("content_type").prefetch_related("industries").order_by("pk")
    )
    count = 0
    for start in range(0, queryset.count(), chunk_size):
        chunk = list(queryset[start : start + chunk_size])
        bulk(client, (to_index_document(d).to_dict(include_meta=True) for d in chunk))
        count += len(chunk)
        if progress:
            progress(len(chunk))
    Doc._index.refresh(using=client)
    for name in client.indices.get(index=index_pattern(), ignore_unavailable=True):
        if name != index_name():
            client.indices.delete(index=name, ignore_unavailable=True)
    return count


def health():
    client = get_client()
    cluster = client.cluster.health()
    count = client.count(index=index_name())["count"] if client.indices.exists(index=index_name()) else 0
    return {
        "url": settings.ELASTICSEARCH_URL,
        "status": cluster["status"],
        "index": index_name(),
        "count": count,
        "analyzer": current_mode().name,
    }


def ping():
    return bool(get_client().ping())
