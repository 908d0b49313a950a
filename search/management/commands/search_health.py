"""Report the search backend, its index size and whether it answers (like cfgov's es_health)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from modelsearch.conf import get_app_config
from wagtail.search.backends import get_search_backend

from search import query as search_query
from search.analysis import plan
from search.engine import Filters
from search.models import SearchDocument, SearchTerm
from search.segment import get_tokenizer

PROBE = "合规"


class Command(BaseCommand):
    help = "站内搜索健康检查 / Search health: backend, index size, answers."

    def handle(self, *args, **options):
        problems = []
        backend = get_search_backend()
        self.stdout.write(f"数据库后端 database backend: {type(backend).__module__}.{type(backend).__name__}")
        try:
            backend.ping()
            entries = get_app_config().get_model("IndexEntry").objects.count()
            self.stdout.write(f"  数据库索引 index entries: {entries}")
        except Exception as exc:  # report, don't crash: this is a diagnostic
            problems.append(f"database index: {exc.__class__.__name__}: {exc}")
        self.stdout.write(
            f"  搜索文档 search documents: {SearchDocument.objects.count()} ({SearchTerm.objects.count()} terms)"
        )

        if settings.ELASTICSEARCH_URL:
            from search.elasticsearch import sync

            try:
                info = sync.health()
                self.stdout.write(
                    f"Elasticsearch {info['url']}: cluster {info['status']}, index {info['index']} "
                    f"({info['count']} documents, analyzer {info['analyzer']})"
                )
            except Exception as exc:
                problems.append(f"Elasticsearch: {exc.__class__.__name__}: {exc}")
        else:
            self.stdout.write("Elasticsearch: 未配置 not configured (ELASTICSEARCH_URL)")

        started = time.perf_counter()
        get_tokenizer()
        self.stdout.write(
            f"分词词典 jieba dictionary: loaded in {(time.perf_counter() - started) * 1000:.0f} ms"
        )

        engine = search_query.get_engine()
        started = time.perf_counter()
        try:
            result = engine.search(plan(PROBE), Filters(include_past=True))
            elapsed = (time.perf_counter() - started) * 1000
            self.stdout.write(
                f"查询 query “{PROBE}” via {engine.name}: {result.total} hits in {elapsed:.1f} ms"
            )
        except Exception as exc:
            problems.append(f"query via {engine.name}: {exc.__class__.__name__}: {exc}")

        if problems:
            raise CommandError("search unhealthy: " + "; ".join(problems))
        self.stdout.write(self.style.SUCCESS("搜索正常 / search healthy"))
