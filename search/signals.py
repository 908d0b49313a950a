"""Keep the public search current: publishing, unpublishing, moving, privacy and snippet changes
enqueue background jobs (django-tasks, see ``core.jobs``) that rebuild the affected documents."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import indexing
from search.models import SearchDocument, SynonymGroup


def on_page_published(sender, instance, **kwargs):
    indexing.refresh_page.enqueue(instance.pk)


def on_page_unpublished(sender, instance, **kwargs):
    # Now, not in a job: Wagtail also unpublishes a page (in memory only) just before deleting
    # it, and a job reading the page back from the database would index it again.
    from search.indexing import delete_page_documents

    delete_page_documents(instance.pk)


def on_page_moved(sender, instance, **kwargs):
    indexing.refresh_subtree.enqueue(instance.pk)


def on_view_restriction_changed(sender, instance, **kwargs):
    indexing.refresh_subtree.enqueue(instance.page_id)


def on_industry_saved(sender, instance, created=False, raw=False, **kwargs):
    SearchDocument.index_changed()  # the facets count documents by industry code
    if not created and not raw:
        indexing.refresh_industry.enqueue(instance.pk)


def on_industry_deleted(sender, instance, **kwargs):
    SearchDocument.index_changed()  # its documents leave its facet


def on_document_saved(sender, instance, **kwargs):
    SearchDocument.index_changed()


def on_document_deleted(sender, instance, **kwargs):
    # A page's deletion cascades to its documents (and their terms); Elasticsearch's copy
    # goes in the background.
    SearchDocument.index_changed()
    if settings.ELASTICSEARCH_URL:
        from search.elasticsearch.sync import delete_documents

        delete_documents.enqueue([instance.pk])


def on_synonyms_changed(sender, instance, raw=False, **kwargs):
    # New words change how text is segmented: every document's terms again.
    if not raw:
        indexing.reindex_all.enqueue()


def connect():
    from library.models import Industry

    page_published.connect(on_page_published, dispatch_uid="search.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search.page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search.page_moved")
    post_save.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_saved"
    )
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_deleted"
    )
    post_save.connect(on_industry_saved, sender=Industry, dispatch_uid="search.industry_saved")
    post_delete.connect(on_industry_deleted, sender=Industry, dispatch_uid="search.industry_deleted")
    post_save.connect(on_document_saved, sender=SearchDocument, dispatch_uid="search.document_saved")
    post_delete.connect(on_document_deleted, sender=SearchDocument, dispatch_uid="search.document_deleted")
    post_save.connect(on_synonyms_changed, sender=SynonymGroup, dispatch_uid="search.synonyms_saved")
    post_delete.connect(on_synonyms_changed, sender=SynonymGroup, dispatch_uid="search.synonyms_deleted")
