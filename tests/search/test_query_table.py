"""A table of Chinese queries against the demo content (every app's demo loader), on the database
in use (SQLite or PostgreSQL), and against a live Elasticsearch when ELASTICSEARCH_URL is set."""

import os

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from search import query as search_query
from search.views import EXAMPLE_QUERIES
from tests.search.everyday_queries import QUERIES as EVERYDAY

# (query, titles that must all be among the first `top` results, include past events)
TABLE = [
    ("合规整改", ["某鞋业公司虚开增值税专用发票案：合规整改后不起诉"], False),
    ("虚开增值税专用发票", ["某鞋业公司虚开增值税专用发票案：合规整改后不起诉"], False),
    ("不起诉", ["某鞋业公司虚开增值税专用发票案：合规整改后不起诉"], False),
    ("首违不罚", ["“4+X”柔性执法清单"], False),
    ("轻微减罚", ["“4+X”柔性执法清单"], False),
    ("认罚轻处", ["“4+X”柔性执法清单"], False),
    ("公益减罚", ["“4+X”柔性执法清单"], False),
    ("首违不罚 讲座", ["讲座：“4+X”柔性执法——首违不罚、轻微减罚怎么适用"], True),
    ("信用修复", ["线上讲座：企业信用修复“从快从简”与“双书同达”"], False),
    ("双书同达", ["线上讲座：企业信用修复“从快从简”与“双书同达”"], False),
    ("从快从简", ["线上讲座：企业信用修复“从快从简”与“双书同达”"], False),
    ("个人信息保护", ["软件企业个人信息保护与数据合规", "某软件公司侵犯公民个人信息案"], False),
    ("个人信息保护法", ["隐私政策"], False),
    ("人民共和国", ["隐私政策"], False),
    (
        "农民工工资",
        ["某建设工程公司未开设农民工工资专用账户案", "建筑企业农民工工资与工程质量安全合规"],
        False,
    ),
    ("违法分包", ["某建筑公司违法分包案"], False),
    ("消防", ["某鞋材加工厂“三合一”场所消防违法案"], False),
    ("挥发性有机物", ["某制鞋企业挥发性有机物废气未收集处理案"], False),
    ("网络安全等级保护", ["某信息技术公司未落实网络安全等级保护制度案"], False),
    ("重大责任事故", ["某建筑公司工地重大责任事故案"], False),
    ("鞋革行业", ["鞋革行业企业合规工作指引"], False),
    ("软件行业合规指引", ["软件行业企业合规工作指引"], False),
    ("建筑行业 招标投标", ["建筑行业企业合规工作指引"], False),
    ("假冒注册商标", ["鞋革行业企业合规工作指引"], False),
    ("扬尘", ["建筑行业企业合规工作指引"], False),
    ("综合查一次", ["鞋企“综合查一次”联合执法检查"], False),
    ("数据安全 检查", ["软件企业个人信息保护与数据安全检查"], False),
    ("合规体检", ["鞋革企业合规体检", "软件企业合规体检", "建筑企业合规体检"], False),
    ("白鹿法治论坛", ["白鹿法治论坛：行业合规改革与民营经济“两个健康”"], True),
    ("出口退税", ["合规沙龙：鞋革企业发票与出口退税的红线"], True),
    ("眼镜 知识产权", ["合规沙龙：眼镜企业知识产权与产品质量"], False),
    ("劳动用工", ["中小微企业劳动用工合规实务培训", "鞋革企业安全生产与劳动用工合规"], False),
    ("工程质量", ["建筑企业农民工工资与工程质量安全合规"], False),
    ("合规建设联系点", ["关于平台"], False),
    ("预防性法治教育", ["关于平台"], False),
    ("胶粘剂", ["鞋革企业安全生产与劳动用工合规"], False),
    ("三十六小时", ["鞋革企业安全生产与劳动用工合规"], False),  # a lesson's transcript
    ("防毒口罩", ["鞋革企业安全生产与劳动用工合规"], False),  # a text lesson's body
    ("执法证件", ["鞋企“综合查一次”联合执法检查"], False),  # a drill step
    ("双随机一公开", ["鞋企“综合查一次”联合执法检查"], False),  # the text says 双随机、一公开
]
TOP = 5


# One worker loads the demo for the module's tests (the fixture below), not each worker.
pytestmark = [pytest.mark.xdist_group("search-demo"), pytest.mark.slow]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for this module inside a transaction rolled back at the end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def top_titles(response):
    return [hit.title for hit in response.hits[:TOP]]


def check_table(run):
    failures = []
    for query, expected, include_past in TABLE:
        titles = top_titles(run(query, include_past))
        missing = [title for title in expected if title not in titles]
        if missing:
            failures.append(f"{query}: missing {missing}, got {titles}")
    assert not failures, "\n".join(failures)


def measure(run):
    """Precision at 1 and 3 and the zero-result queries of the everyday table, and its misses."""
    first = third = 0
    zero = []
    misses = []
    for query, kind, expected, include_past in EVERYDAY:
        response = run(query, include_past)
        titles = [hit.title for hit in response.hits[:3]]
        if not response.total:
            zero.append(query)
        if titles[:1] and titles[0] in expected:
            first += 1
        if any(title in expected for title in titles):
            third += 1
        else:
            misses.append(f"{kind} {query}: got {titles}")
    return first / len(EVERYDAY), third / len(EVERYDAY), zero, misses


def check_everyday(run, label):
    p1, p3, zero, misses = measure(run)
    print(
        f"\n[{label}] everyday queries: {len(EVERYDAY)}, P@1 {p1:.0%}, P@3 {p3:.0%}, zero results {len(zero)}"
    )
    for miss in misses:
        print(f"[{label}]   miss: {miss}")
    questions = [query for query, kind, _e, _p in EVERYDAY if kind == "question"]
    assert not [query for query in zero if query in questions], zero
    assert p3 >= 0.95, misses
    assert p1 >= 0.95, misses


@pytest.mark.django_db
def test_tables_have_enough_distinct_queries():
    assert len(TABLE) >= 30 and len({query for query, _e, _p in TABLE}) == len(TABLE)
    assert len(EVERYDAY) >= 60 and len({row[0] for row in EVERYDAY}) == len(EVERYDAY)
    assert sum(1 for row in EVERYDAY if row[1] == "question") >= 15


@pytest.mark.django_db
def test_query_table_on_the_database(demo):
    assert search_query.get_engine().name == "database"
    check_table(lambda q, past: search_query.search(q, include_past=past))


@pytest.mark.django_db
def test_everyday_queries_on_the_database(demo):
    check_everyday(lambda q, past: search_query.search(q, include_past=past), "database")


@pytest.mark.django_db
def test_every_example_on_the_search_page_finds_results(demo):
    empty = [query for query in EXAMPLE_QUERIES if not search_query.search(query).total]
    assert not empty


@pytest.mark.django_db
def test_upcoming_events_by_default(demo):
    assert "白鹿法治论坛:行业合规改革与民营经济“两个健康”" not in top_titles(
        search_query.search("白鹿法治论坛")
    )
    upcoming = search_query.search("劳动用工 培训")
    assert "中小微企业劳动用工合规实务培训" in top_titles(upcoming)


@pytest.mark.django_db
def test_facet_counts_on_the_demo(demo):
    response = search_query.search("农民工工资")
    types = {facet.key: facet.count for facet in response.type_facets}
    industries = {facet.key: facet.count for facet in response.industry_facets}
    assert sum(types.values()) == response.total
    assert types["casepage"] >= 1 and types["coursepage"] >= 1 and types["guidelinepage"] >= 1
    assert industries["construction"] >= 4 and all(count <= response.total for count in industries.values())
    only_cases = search_query.search("农民工工资", type_key="casepage")
    assert only_cases.total == types["casepage"]
    assert {hit.kind for hit in only_cases.hits} == {"casepage"}
    footwear = search_query.search("合规整改", industry="footwear")
    assert footwear.total and all("footwear" in dict(hit.industries) for hit in footwear.hits)


@pytest.mark.django_db
def test_zero_result_fallback_on_the_demo(demo):
    # jieba cuts 明履鞋业 (a demo firm's name) as 明履/鞋业 but the query 履鞋 as one word:
    # no word matches, the substring does.
    response = search_query.search("履鞋")
    assert response.fallback and response.total >= 1
    assert search_query.search("完全不存在的词组xyz").total == 0


@pytest.mark.django_db
def test_admin_search_finds_chinese_pages(demo, client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "table-admin", "table-admin@example.com", "pass-1234-word"
    )
    client.force_login(admin)
    html = client.get("/admin/pages/search/", {"q": "虚开增值税专用发票"}).content.decode()
    assert "某鞋业公司虚开增值税专用发票案" in html
    html = client.get("/admin/pages/search/", {"q": "农民工工资"}).content.decode()
    assert "某建设工程公司未开设农民工工资专用账户案" in html


@pytest.mark.django_db
@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="contract test against a live cluster: set ELASTICSEARCH_URL (e.g. http://localhost:9200) to run it",
)
def test_query_table_on_elasticsearch(demo):
    with override_settings(
        ELASTICSEARCH_URL=os.environ["ELASTICSEARCH_URL"],
        ELASTICSEARCH_INDEX_PREFIX="compliance-test-contract",
    ):
        from search.elasticsearch import sync

        sync.rebuild()
        try:
            assert search_query.get_engine().name == "elasticsearch"
            check_table(lambda q, past: search_query.search(q, include_past=past))
            check_everyday(lambda q, past: search_query.search(q, include_past=past), "elasticsearch")
            response = search_query.search("农民工工资")
            assert sum(facet.count for facet in response.type_facets) == response.total
        finally:
            sync.get_client().indices.delete(index="compliance-test-contract-search-documents-*")
