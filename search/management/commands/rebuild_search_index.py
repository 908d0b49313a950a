"""Rebuild the public search documents, Wagtail's database index and (when configured) Elasticsearch."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from modelsearch.index import get_indexed_models
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search import indexing
from search.management.progress import ProgressBar
from search.models import SearchDocument, SearchTerm

CHUNK_SIZE = 500


class Command(BaseCommand):
    help = "重建站内搜索索引 / Rebuild the search index (documents, database index, Elasticsearch)."

    def add_arguments(self, parser):
        parser.add_argument("--noinput", action="store_true", help="(accepted for scripts; nothing is asked)")

    def handle(self, *args, **options):
        quiet = options["verbosity"] == 0
        out = self.stdout if not quiet else _Null()

        pages = Page.objects.filter(depth__gt=1).specific()
        bar = ProgressBar(out, pages.count(), "文档 documents")
        documents = indexing.rebuild_documents(progress=bar.tick, elsewhere=False, pages=pages)
        bar.finish()

        entries = self.rebuild_database_index(out)

        es_count = None
        if settings.ELASTICSEARCH_URL:
            from search.elasticsearch import sync

            bar = ProgressBar(out, SearchDocument.objects.count(), "Elasticsearch")
            es_count = sync.rebuild(progress=bar.tick)
            bar.finish()

        terms = SearchTerm.objects.count()
        summary = (
            f"搜索索引已重建 / search index rebuilt: {documents} 个搜索文档 documents ({terms} terms), "
            f"{entries} 条数据库索引 entries"
        )
        if es_count is not None:
            summary += f", Elasticsearch {es_count}"
        self.stdout.write(self.style.SUCCESS(summary))

    def rebuild_database_index(self, out):
        """Wagtail's backend (the admin's search): every indexed model (pages, snippets, images, documents)."""
        backend = get_search_backend()
        if not backend.rebuilder_class:
            return 0
        models = [model for model in get_indexed_models()]
        total = sum(model.get_indexed_objects().count() for model in models)
        bar = ProgressBar(out, total, "数据库索引 index")
        count = 0
        for index in backend.all_indexes():
            rebuilder = backend.rebuilder_class(index)
            index = rebuilder.start()
            for model in models:
                index.add_model(model)
                queryset = model.get_indexed_objects().order_by("pk")
                with transaction.atomic():
                    for start in range(0, queryset.count(), CHUNK_SIZE):
                        chunk = list(queryset[start : start + CHUNK_SIZE])
                        index.add_items(model, chunk)
                        count += len(chunk)
                        bar.tick(len(chunk))
            rebuilder.finish()
        refresh_statistics = getattr(backend, "refresh_statistics", None)
        if refresh_statistics:
            refresh_statistics()
        bar.finish()
        return count


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
