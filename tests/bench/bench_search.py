"""Search benchmark: 20,000 generated Chinese documents, indexing time and query latency.

Run: .venv/bin/python tests/bench/bench_search.py [--docs 20000] [--queries 300]

Measures Wagtail's segmenting database backend (search.backends.database, the admin's
search) on SQLite, and on PostgreSQL too when DATABASE_URL points at one, against an
unsegmented substring search (icontains) over the same rows. Then the same corpus becomes
SearchDocuments (of bare pages, bulk-created) with their terms: the public search engine
(search.engine, ranking and exact facets) is timed alone, and the public search page
``/search/?q=…`` is fetched through Django's test client, uncached (PAGE_CACHE_SECONDS=0):
what a visitor's page costs, analysis, ranking, facets, highlighting and template included.
``--no-view`` skips that part.

Each database runs in a child process on a scratch database (SQLite: a temporary file;
PostgreSQL: DATABASE_URL's database, whose bench table and rows are removed at the end).
After each bulk indexing the backend refreshes its statistics, as rebuild_search_index
does (PostgreSQL: VACUUM ANALYZE). Not collected by pytest; figures only.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

INDUSTRIES = ["鞋革", "软件", "建筑", "餐饮", "化工", "物流", "电商", "印刷", "医药", "汽修", "服装", "食品"]
TERMS = [
    "合规整改",
    "刑行衔接",
    "首违不罚",
    "轻微减罚",
    "认罚轻处",
    "公益减罚",
    "信用修复",
    "统一社会信用代码",
    "合规建设联系点",
    "双随机一公开",
    "包容审慎监管",
    "虚开增值税专用发票",
    "个人信息保护",
    "安全生产",
    "消防安全",
    "劳动合同",
    "社会保险",
    "农民工工资",
    "违法分包",
    "商业秘密",
    "知识产权",
    "数据安全",
    "网络安全",
    "产品质量",
    "环境污染",
    "危险化学品",
    "行政处罚",
    "检察建议",
    "第三方监督评估",
    "法治体检",
]
SUBJECTS = [
    "某公司",
    "涉案企业",
    "小微企业",
    "行业协会",
    "区市场监管局",
    "区检察院",
    "区司法局",
    "区工商联",
    "企业负责人",
]
VERBS = ["开展", "落实", "完善", "建立", "排查", "整改", "评估", "指导", "规范", "审查"]
OBJECTS = [
    "合规管理制度",
    "风险清单",
    "内部控制",
    "培训记录",
    "台账资料",
    "应急预案",
    "财务制度",
    "用工管理",
    "经营行为",
]
TAILS = [
    "依法从轻处理。",
    "形成长效机制。",
    "防范法律风险。",
    "做到事前预防。",
    "接受第三方评估。",
    "及时纠正违法行为。",
]
CODES = ["GB 32100-2015", "ISO 37301", "GB/T 35770", "ISO 27001"]

# Words a few documents carry (about one in 400 each), for the rare-word figures.
RARE_TERMS = ["预付卡退费", "冷链食品追溯", "电梯维保", "直播带货"]

QUERIES = (
    TERMS
    + [f"{industry}行业" for industry in INDUSTRIES]
    + [f"{industry} {term}" for industry in INDUSTRIES[:6] for term in TERMS[:6]]
    + ["GB 32100", "ISO 37301", "合规", "整改", "人民共和国", "企业合规管理", "风险清单 整改"]
)


# The page-level figures, apart: words most documents carry (thousands of postings each) and
# words a few carry (tens to hundreds), the two ends of the ranking's cost.
COMMON_QUERIES = [
    "合规",
    "整改",
    "合规整改",
    "安全生产",
    "首违不罚",
    "个人信息保护",
    "风险清单 整改",
    "企业合规管理",
]
RARE_QUERIES = [*RARE_TERMS, "GB 32100", "ISO 37301", "GB/T 35770", "ISO 27001"]


def sentence(rng):
    return f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{rng.choice(OBJECTS)},{rng.choice(TERMS)}方面{rng.choice(TAILS)}"


def make_documents(count, seed=2026):
    rng = random.Random(seed)
    rare = random.Random(seed + 1)  # its own sequence: the other documents stay as they were
    for n in range(count):
        industry = rng.choice(INDUSTRIES)
        title = (
            f"{industry}行业{rng.choice(TERMS)}{rng.choice(['指引', '案例', '问答', '课程', '清单'])}第{n}号"
        )
        body = "".join(sentence(rng) for _ in range(rng.randint(4, 8)))
        if rng.random() < 0.05:
            body += f"参照{rng.choice(CODES)}。依据《中华人民共和国个人信息保护法》。"
        if rare.random() < 0.01:
            body += f"另涉及{rare.choice(RARE_TERMS)}问题。"
        yield title, body


BENCH_SLUG_PREFIX = "bench-search-"
BENCH_INDUSTRY_PREFIX = "bench-"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed(function, queries):
    latencies, hits = [], 0
    for query in queries:
        started = time.perf_counter()
        found = function(query)
        latencies.append((time.perf_counter() - started) * 1000)
        hits += bool(found)
    return statistics.median(latencies), percentile(latencies, 0.95), hits


def child(args):
    """Runs inside the process whose DATABASE_URL names the scratch database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, models
    from django.db.models import Q
    from wagtail.search import index
    from wagtail.search.backends import get_search_backend

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_seconds = time.perf_counter() - started

    class BenchDocument(index.Indexed, models.Model):
        title = models.CharField(max_length=255)
        body = models.TextField()
        search_fields = [index.SearchField("title", boost=3), index.SearchField("body")]
        search_auto_update = False

        class Meta:
            app_label = "search"
            db_table = "search_benchdocument"

        def __str__(self):
            return self.title

    # modelsearch adds this relation to indexed models when apps are ready; this one came later.
    from modelsearch.abstract_models import TextIDGenericRelation
    from modelsearch.conf import get_app_config

    TextIDGenericRelation(get_app_config().get_model("IndexEntry")).contribute_to_class(
        BenchDocument, "index_entries"
    )

    drop_bench_table(connection)  # leftovers of an interrupted or --keep run
    if args.view_only:
        try:
            measure_view(
                args, [random.Random(7).choice(QUERIES) for _ in range(args.queries)], connection.vendor
            )
        finally:
            if not args.keep:
                drop_view_corpus()
        return
    with connection.schema_editor() as editor:
        editor.create_model(BenchDocument)
    try:
        BenchDocument.objects.bulk_create(
            [BenchDocument(title=t, body=b) for t, b in make_documents(args.docs)], batch_size=2000
        )
        backend = get_search_backend()
        from search.segment import get_tokenizer

        get_tokenizer()  # the dictionary loads once per process; not part of indexing time
        started = time.perf_counter()
        objects = list(BenchDocument.objects.order_by("pk"))
        for start in range(0, len(objects), 1000):
            backend.add_bulk(BenchDocument, objects[start : start + 1000])
        index_seconds = time.perf_counter() - started
        backend.refresh_statistics()

        rng = random.Random(7)
        queries = [rng.choice(QUERIES) for _ in range(args.queries)]
        queryset = BenchDocument.objects.only("pk")

        def segmented(query):
            return [document.pk for document in backend.search(query, queryset)[:10]]

        def substring(query):
            condition = Q()
            for part in query.split():
                condition &= Q(title__icontains=part) | Q(body__icontains=part)
            return list(
                BenchDocument.objects.filter(condition).order_by("-pk").values_list("pk", flat=True)[:10]
            )

        segmented("合规")  # warm the statement cache
        seg = timed(segmented, queries)
        sub = timed(substring, queries)
        vendor = connection.vendor
        print(f"[{vendor}] {args.docs} documents; migrate {migrate_seconds:.1f} s (setup, not measured)")
        print(
            f"[{vendor}] indexing (jieba + {type(backend).__name__}): {index_seconds:.1f} s "
            f"= {args.docs / index_seconds:.0f} documents/s"
        )
        print(f"[{vendor}] {len(queries)} queries, top 10 each  median     p95   queries with hits")
        print(
            f"[{vendor}]   segmented full-text search  {seg[0]:7.1f} ms {seg[1]:7.1f} ms  {seg[2]}/{len(queries)}"
        )
        print(
            f"[{vendor}]   unsegmented substring        {sub[0]:7.1f} ms {sub[1]:7.1f} ms  {sub[2]}/{len(queries)}",
            flush=True,
        )
        if not args.no_view:
            if not args.keep:
                drop_bench_table(connection)  # the view's corpus alone in the index
            measure_view(args, queries, vendor)
    finally:
        if not args.keep:
            drop_bench_table(connection)
            drop_view_corpus()


def measure_view(args, queries, vendor):
    """The same corpus as SearchDocuments; /search/?q=… through the test client, uncached."""
    from django.test import Client
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from search.analysis import plan
    from search.engine import DatabaseEngine, Filters
    from search.indexing import term_weights
    from search.models import SearchDocument, SearchTerm

    backend = get_search_backend()
    started = time.perf_counter()
    industry_codes = kept_view_corpus(args.docs) if args.reuse else []
    if not industry_codes:
        drop_view_corpus()
        backend.refresh_statistics()  # PostgreSQL: the deleted bench entries' space is reused
        documents, industry_codes = create_view_corpus(args.docs)
        terms = []
        for document in documents:
            weights = term_weights(document.title, [], document.summary, document.text)
            terms.extend(SearchTerm(document_id=document.pk, term=t, weight=w) for t, w in weights.items())
            if len(terms) > 50000:
                SearchTerm.objects.bulk_create(terms, batch_size=5000)
                terms = []
        SearchTerm.objects.bulk_create(terms, batch_size=5000)
        # As autovacuum would, after a bulk load.
        analyze(Page, SearchDocument, SearchDocument.industries.through, SearchTerm)
    SearchDocument.index_changed()  # written behind the indexing's back
    setup_seconds = time.perf_counter() - started

    engine = DatabaseEngine()
    engine.search(plan("合规"), Filters())

    def rank(query):
        return engine.search(plan(query), Filters()).ids

    common, rare = repeated(COMMON_QUERIES, args.queries), repeated(RARE_QUERIES, args.queries)
    ranked = timed(rank, queries)
    print(
        f"[{vendor}] public search engine (term index, {SearchTerm.objects.count()} terms; "
        f"documents and terms written in {setup_seconds:.0f} s)"
    )
    print(
        f"[{vendor}]   rank + exact facets          {ranked[0]:7.1f} ms {ranked[1]:7.1f} ms  {ranked[2]}/{len(queries)}"
    )
    ranked_common, ranked_rare = timed(rank, common), timed(rank, rare)

    client = Client()
    rng = random.Random(11)
    filtered = [(query, rng.choice(industry_codes)) for query in queries[:100]]

    def page(query):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, response.status_code
        return b"search-hit" in response.content

    def page_in_industry(item):
        query, code = item
        response = client.get("/search/", {"q": query, "industry": code, "page": "2"})
        assert response.status_code == 200, response.status_code
        return True

    page("合规")  # first request: URL resolver, templates, translations
    view = timed(page, queries)
    view_filtered = timed(page_in_industry, filtered)
    view_common, view_rare = timed(page, common), timed(page, rare)
    print(f"[{vendor}] search page, {args.docs} SearchDocuments")
    print(
        f"[{vendor}]   /search/?q=…  (uncached)      {view[0]:7.1f} ms {view[1]:7.1f} ms  {view[2]}/{len(queries)}"
    )
    print(
        f"[{vendor}]   …&industry=…&page=2           {view_filtered[0]:7.1f} ms {view_filtered[1]:7.1f} ms"
        f"  ({len(filtered)} queries)"
    )
    print(
        f"[{vendor}] common and rare words, page (uncached) beside engine; targets: page median < 20 ms, p95 < 50 ms"
    )
    print(
        f"[{vendor}]   {'':28} {'page median':>11} {'p95':>8}   {'engine median':>13} {'p95':>8}  queries with hits"
    )
    for label, page_figures, engine_figures in (
        ("common words", view_common, ranked_common),
        ("rare words", view_rare, ranked_rare),
    ):
        print(
            f"[{vendor}]   {label:28} {page_figures[0]:8.1f} ms {page_figures[1]:5.1f} ms   "
            f"{engine_figures[0]:10.1f} ms {engine_figures[1]:5.1f} ms  {page_figures[2]}/{len(common)}"
        )
    for label, words in (("common", COMMON_QUERIES), ("rare", RARE_QUERIES)):
        totals = {word: engine.search(plan(word), Filters()).total for word in words}
        print(f"[{vendor}]   {label}: " + ", ".join(f"{word} {total}" for word, total in totals.items()))


def repeated(words, count):
    """``count`` queries cycling through ``words`` (each measured as often as the others)."""
    return [words[n % len(words)] for n in range(count)]


def analyze(*models):
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for model in models:
                # VACUUM too: autovacuum soon does after a bulk insert, and its visibility map is what
                # lets the term index answer alone (index-only scans).
                cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")
        else:
            cursor.execute("ANALYZE")


def create_view_corpus(count):
    """Bare pages under the site root, one SearchDocument each (a few page types, one industry)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F
    from wagtail.models import Page, Site, get_page_models

    from library.models import Industry
    from search.models import SearchDocument

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    parent = site.root_page if site else Page.get_first_root_node()
    last = parent.get_last_child()
    first_step = (last._get_lastpos_in_path() if last else 0) + 1
    page_type = ContentType.objects.get_for_model(Page)
    kinds = [
        ContentType.objects.get_for_model(model)
        for model in sorted(get_page_models(), key=lambda model: model._meta.label)
        if model is not Page
    ][:4]
    industries = Industry.objects.bulk_create(
        [
            Industry(name=f"{name}(基准)", code=f"{BENCH_INDUSTRY_PREFIX}{n}", sort_order=n)
            for n, name in enumerate(INDUSTRIES)
        ]
    )
    by_name = dict(zip(INDUSTRIES, industries, strict=True))
    pages, documents, links = [], [], []
    for n, (title, body) in enumerate(make_documents(count)):
        slug = f"{BENCH_SLUG_PREFIX}{n}"
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=page_type,
                path=Page._get_path(parent.path, parent.depth + 1, first_step + n),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                locale_id=parent.locale_id,
                live=True,
            )
        )
        documents.append((title, body, kinds[n % len(kinds)], by_name[title[:2]]))
    pages = Page.objects.bulk_create(pages, batch_size=2000)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    created = SearchDocument.objects.bulk_create(
        [
            SearchDocument(page=page, content_type=kind, title=title, summary=body[:200], text=body)
            for page, (title, body, kind, _industry) in zip(pages, documents, strict=True)
        ],
        batch_size=2000,
    )
    Through = SearchDocument.industries.through
    for document, (_title, _body, _kind, industry) in zip(created, documents, strict=True):
        links.append(Through(searchdocument_id=document.pk, industry_id=industry.pk))
    Through.objects.bulk_create(links, batch_size=5000)
    return created, [industry.code for industry in industries]


def kept_view_corpus(count):
    """The industry codes of the corpus a --keep run left, if it has ``count`` documents; else []."""
    from library.models import Industry
    from search.models import SearchDocument

    if SearchDocument.objects.filter(page__slug__startswith=BENCH_SLUG_PREFIX).count() != count:
        return []
    industries = Industry.objects.filter(code__startswith=BENCH_INDUSTRY_PREFIX, name__endswith="(基准)")
    return list(industries.order_by("sort_order").values_list("code", flat=True))


def drop_view_corpus():
    """Remove the view measure's rows (also the leftovers of an interrupted run), without signals."""
    from django.db.models import F
    from wagtail.models import Page

    from library.models import Industry
    from search.models import SearchDocument, SearchTerm

    pages = Page.objects.filter(slug__startswith=BENCH_SLUG_PREFIX, numchild=0)
    documents = SearchDocument.objects.filter(page__in=pages)
    document_ids = [str(pk) for pk in documents.values_list("pk", flat=True)]
    if document_ids:
        terms = SearchTerm.objects.filter(document_id__in=document_ids)
        terms._raw_delete(terms.db)
        links = SearchDocument.industries.through.objects.filter(searchdocument_id__in=document_ids)
        links._raw_delete(links.db)
        documents._raw_delete(documents.db)
    parents = {}
    for path, depth in pages.values_list("path", "depth"):
        parent_path = path[: (depth - 1) * Page.steplen]
        parents[parent_path] = parents.get(parent_path, 0) + 1
    pages._raw_delete(pages.db)
    for parent_path, removed in parents.items():
        Page.objects.filter(path=parent_path).update(numchild=F("numchild") - removed)
    industries = Industry.objects.filter(code__startswith=BENCH_INDUSTRY_PREFIX, name__endswith="(基准)")
    industries._raw_delete(industries.db)
    SearchDocument.index_changed()


def drop_bench_table(connection):
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.conf import get_app_config

    content_type = ContentType.objects.filter(app_label="search", model="benchdocument").first()
    if content_type:
        get_app_config().get_model("IndexEntry").objects.filter(content_type=content_type).delete()
        content_type.delete()
        ContentType.objects.clear_cache()
    with connection.schema_editor() as editor:
        editor.execute("DROP TABLE IF EXISTS search_benchdocument")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--keep", action="store_true", help="keep the bench table and index (to EXPLAIN queries)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --view-only: measure on the corpus a --keep run left (same --docs) instead of writing it again",
    )
    parser.add_argument("--no-view", action="store_true", help="skip the /search/ page measure")
    parser.add_argument(
        "--view-only",
        action="store_true",
        help="only the public search (engine and page), not Wagtail's backend",
    )
    parser.add_argument(
        "--postgres-only", action="store_true", help="skip SQLite (DATABASE_URL's PostgreSQL only)"
    )
    args = parser.parse_args()
    if args.child:
        return child(args)

    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        if not args.postgres_only:
            runs.append(("SQLite", f"sqlite:///{tmp}/bench.sqlite3"))
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith("postgres"):
            runs.append(("PostgreSQL", database_url))
        for label, url in runs:
            print(f"== {label} ==", flush=True)
            env = {
                **os.environ,
                "DATABASE_URL": url,
                "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
                "PAGE_CACHE_SECONDS": "0",
            }
            command = [
                sys.executable,
                __file__,
                "--child",
                "--docs",
                str(args.docs),
                "--queries",
                str(args.queries),
                *(["--no-view"] if args.no_view else []),
                *(["--keep"] if args.keep else []),
                *(["--view-only"] if args.view_only else []),
                *(["--reuse"] if args.reuse else []),
            ]
            subprocess.run(command, env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
