"""The segmenting database backend on whichever database the suite runs (SQLite or PostgreSQL)."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from library.models import Industry
from portal.models import StandardPage
from search.backends.fallback import ChineseFallbackSearchBackend

pytestmark = pytest.mark.django_db


def add_page(parent, title, intro="", slug=None):
    page = StandardPage(title=title, intro=intro, slug=slug or f"p{StandardPage.objects.count() + 1}")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def pages(home):
    return {
        "guide": add_page(
            home, "鞋革行业企业合规管理指引", "列出规则、划出红线、明确底线,涉案企业合规整改与刑行衔接。"
        ),
        "credit": add_page(
            home, "信用修复办理指南", "行政处罚决定书与信用修复主动告知书“双书同达”,从快从简。"
        ),
        "privacy": add_page(home, "隐私政策", "我们依据《中华人民共和国个人信息保护法》处理个人信息。"),
        "code": add_page(
            home, "统一社会信用代码校验", "校验规则见 GB 32100-2015;合规管理体系参照 ISO 37301。"
        ),
        "english": add_page(home, "Compliance training", "Plain English text about anti-bribery policies."),
    }


def titles(results):
    return {page.title for page in results}


def test_backend_class_matches_the_database():
    backend = get_search_backend()
    expected = {"sqlite": "ChineseSQLiteSearchBackend", "postgresql": "ChinesePostgresSearchBackend"}
    assert type(backend).__name__ == expected[connection.vendor]
    assert backend.ping() is True
    if connection.vendor == "postgresql":
        assert backend.config == "simple"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("合规", {"鞋革行业企业合规管理指引"}),
        ("合规整改", {"鞋革行业企业合规管理指引"}),
        ("企业合规", {"鞋革行业企业合规管理指引"}),
        ("刑行衔接", {"鞋革行业企业合规管理指引"}),
        ("信用修复", {"信用修复办理指南"}),
        ("双书同达", {"信用修复办理指南"}),
        ("个人信息保护法", {"隐私政策"}),
        ("人民共和国", {"隐私政策"}),
        ("GB 32100", {"统一社会信用代码校验"}),
        ("ISO 37301", {"统一社会信用代码校验"}),
        ("统一社会信用代码", {"统一社会信用代码校验"}),
        ("anti-bribery", {"Compliance training"}),
    ],
)
def test_chinese_words_inside_sentences_are_found(pages, query, expected):
    assert expected <= titles(StandardPage.objects.live().search(query))
    # Searching the base Page model goes through the same index (the admin does this).
    assert expected <= titles(Page.objects.live().search(query))


def test_all_words_are_required(pages):
    assert titles(StandardPage.objects.search("信用修复 鞋革")) == set()
    assert titles(StandardPage.objects.search("信用修复 从快从简")) == {"信用修复办理指南"}


def test_relevance_prefers_the_title(pages):
    add_page(pages["guide"].get_parent(), "普通页面", "本页顺带提到信用修复。", slug="mention")
    results = list(StandardPage.objects.search("信用修复"))
    assert results[0].title == "信用修复办理指南"
    assert "普通页面" in titles(results)


def test_zero_results_fall_back_to_substring_search(pages):
    # jieba cuts 履鞋 in the query differently from 明履鞋业 in the text; nothing
    # is found by words, so the backend looks for the substring instead.
    page = add_page(pages["guide"].get_parent(), "温州鹿城明履鞋业有限公司", "演示企业。", slug="firm")
    results = StandardPage.objects.search("履鞋")
    assert titles(results) == {page.title}
    assert results.count() == 1
    assert titles(StandardPage.objects.search("完全不存在的词组")) == set()


def test_fallback_only_for_chinese_queries(pages):
    assert titles(StandardPage.objects.search("bribery policies nowhere")) == set()


def test_nonsense_and_syntax_input_is_harmless(pages):
    for query in ['"', "AND OR NOT", '合规" OR "', "*", "(((", "'; --", "！！！", "\x00"]:
        list(StandardPage.objects.search(query))
        StandardPage.objects.search(query).count()


def test_autocomplete_matches_chinese_prefixes(pages):
    assert "鞋革行业企业合规管理指引" in titles(StandardPage.objects.autocomplete("鞋革行业企业合规管"))
    assert "信用修复办理指南" in titles(StandardPage.objects.autocomplete("信用修"))


def test_unpublished_changes_and_deletion_update_the_index(pages):
    page = pages["credit"]
    page.title = "企业信用修复指南"
    page.save_revision().publish()
    assert titles(StandardPage.objects.search("企业 信用修复")) == {"企业信用修复指南"}
    page.delete()
    assert titles(StandardPage.objects.search("信用修复")) == set()


def test_snippets_images_and_documents_are_found(home):
    Industry.objects.create(name="鞋革制造业", code="footwear-test")
    assert [i.name for i in get_search_backend().search("鞋革", Industry)] == ["鞋革制造业"]

    image = Image.objects.create(title="合规沙龙现场照片", file=get_test_image_file())
    assert list(Image.objects.search("合规沙龙")) == [image]

    document = Document.objects.create(title="涉案企业合规整改报告模板")
    document.file.save("report.txt", ContentFile(b"report"))
    assert list(Document.objects.search("合规整改")) == [document]


def test_fallback_backend_for_other_databases(pages):
    backend = ChineseFallbackSearchBackend({})
    assert "鞋革行业企业合规管理指引" in titles(backend.search("鞋革 合规", StandardPage))
    assert backend.ping()


def test_query_objects_from_the_admin_parser_are_segmented(pages):
    from wagtail.search.utils import parse_query_string

    _filters, query = parse_query_string('"刑行衔接" 合规整改')
    assert titles(StandardPage.objects.search(query)) == {"鞋革行业企业合规管理指引"}
    _filters, query = parse_query_string('"Plain English" text')
    assert titles(StandardPage.objects.search(query)) == {"Compliance training"}
    _filters, query = parse_query_string('"*(" ")"')
    list(StandardPage.objects.search(query))


RANKING_QUERIES = [
    ("合规", "and"),
    ("合规整改", "and"),  # a compound: itself, or all of its words
    ("鞋革 合规", "and"),
    ("信用修复 从快从简", "and"),
    ("信用修复 鞋革", "or"),
    ("GB 32100", "and"),
    ("anti-bribery", "and"),
    ("统一社会信用代码", "and"),
]


def test_ranked_keys_are_the_ranked_results(pages):
    add_page(pages["guide"].get_parent(), "普通页面", "本页顺带提到信用修复与合规。", slug="mention")
    backend = get_search_backend()
    for query, operator in RANKING_QUERIES:
        results = backend.search(query, StandardPage, operator=operator)
        assert results.ranked_pks(10) == [page.pk for page in results[:10]], query


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL backend")
def test_postgres_word_conditions_find_what_the_concatenated_vectors_find(pages):
    # The GIN-indexed "title @@ w OR body @@ w" per word must select exactly modelsearch's
    # "(title || body) @@ query" rows, and rank them the same.
    from modelsearch.backends.database.postgres.postgres import PostgresSearchResults

    add_page(pages["guide"].get_parent(), "普通页面", "本页顺带提到信用修复与合规。", slug="mention")
    backend = get_search_backend()
    for query, operator in RANKING_QUERIES + [("合规 _", "and")]:
        results = backend.search(query, StandardPage, operator=operator)
        ours = [page.pk for page in results]
        theirs = [page.pk for page in PostgresSearchResults._do_search(results)]
        assert ours and sorted(ours) == sorted(theirs), query


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL storage settings")
def test_postgres_keeps_the_vectors_in_the_index_row():
    from modelsearch.conf import get_app_config

    table = get_app_config().get_model("IndexEntry")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = %s::regclass AND attname IN ('title', 'body')",
            [table],
        )
        assert dict(cursor.fetchall()) == {"title": "m", "body": "m"}
    get_search_backend().refresh_statistics()  # inside the test's transaction: ANALYZE only
