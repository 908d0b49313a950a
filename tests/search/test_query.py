"""The public search service and views, with temporary content (no other app's demo needed)."""

import json
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from library.models import Industry
from portal.models import StandardPage
from search import query as search_query
from search.indexing import rebuild_documents
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def add_page(parent, title, intro="", slug=None, publish=True):
    page = StandardPage(title=title, intro=intro, slug=slug or f"s{StandardPage.objects.count() + 1}")
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


@pytest.fixture
def content(home):
    return {
        "guide": add_page(home, "鞋革行业合规指引", "鞋革企业的红线:虚开增值税专用发票、假冒注册商标。"),
        "credit": add_page(
            home, "信用修复“双书同达”", "行政处罚决定书与信用修复告知书同时送达,信用修复从快从简。"
        ),
        "fe": add_page(home, "首违不罚清单", "首违不罚、轻微减罚、认罚轻处、公益减罚的“4+X”柔性执法。"),
        "draft": add_page(home, "未发布的信用修复草稿", "信用修复", publish=False),
    }


def test_publishing_builds_documents_and_drafts_stay_out(content):
    titles = set(SearchDocument.objects.values_list("title", flat=True))
    assert {"鞋革行业合规指引", "信用修复“双书同达”", "首违不罚清单"} <= titles
    assert "未发布的信用修复草稿" not in titles
    assert "合规学堂" not in titles  # the home page is not a result


def test_search_returns_highlighted_hits(content, rf):
    response = search_query.search("信用修复", request=rf.get("/search/"))
    assert response.engine == "database"
    assert [hit.title for hit in response.hits] == ["信用修复“双书同达”"]
    hit = response.hits[0]
    assert "<mark>信用修复</mark>" in hit.snippet
    assert "<mark>信用修复</mark>" in hit.title_html
    assert hit.url.endswith("/")
    assert hit.kind == "standardpage"
    assert response.total == 1 and not response.fallback


def test_unpublish_and_delete_remove_documents(content):
    content["credit"].unpublish()
    assert search_query.search("信用修复").total == 0
    content["fe"].delete()
    assert search_query.search("首违不罚").total == 0
    assert not SearchDocument.objects.filter(title="首违不罚清单").exists()


def test_editing_and_republishing_updates_the_document(content):
    page = content["guide"]
    page.intro = "新增:统一社会信用代码须在营业执照上公示。"
    page.save_revision().publish()
    assert [hit.title for hit in search_query.search("统一社会信用代码").hits] == ["鞋革行业合规指引"]
    assert search_query.search("假冒注册商标").total == 0


def test_facets_count_types_and_industries(content, monkeypatch):
    footwear = Industry.objects.create(name="鞋革", code="footwear-q")
    software = Industry.objects.create(name="软件", code="software-q")
    monkeypatch.setattr(
        StandardPage,
        "search_industries",
        lambda self: [footwear] if "鞋" in self.title else [software],
        raising=False,
    )
    rebuild_documents()
    # "OR" is a word, not an operator; nothing indexes it, so it leaves the results as they are.
    response = search_query.search("合规 OR")
    assert response.total == search_query.search("合规").total == 1 and response.unknown_words == ["or"]
    response = search_query.search("红线")
    assert [(f.key, f.count) for f in response.industry_facets] == [("footwear-q", 1)]
    response = search_query.search("信用修复 从快从简")
    assert response.hits[0].title == "信用修复“双书同达”"
    assert [f.key for f in response.industry_facets] == ["software-q"]
    assert sum(f.count for f in response.type_facets) == response.total
    both = search_query.search("罚")  # single character: found through the substring fallback
    assert both.fallback
    assert both.total == 2  # 首违不罚清单, and the credit page (行政处罚)
    assert sum(f.count for f in both.type_facets) == 2
    only_software = search_query.search("罚", industry="software-q")
    assert only_software.total == 2 and only_software.selected_industry == "software-q"
    assert search_query.search("罚", industry="footwear-q").total == 0
    assert search_query.search("罚", type_key="nosuchtype").total == 0


def test_query_count_is_bounded(content, django_assert_max_num_queries, home):
    def run():
        with CaptureQueriesContext(connection) as ctx:
            search_query.search("合规")
        return len(ctx.captured_queries)

    small = run()
    for n in range(15):
        add_page(home, f"合规专题{n}", "企业合规与合规整改")
    assert run() == small


def test_pagination(content, home):
    for n in range(23):
        add_page(home, f"合规整改案例{n}", "涉案企业合规整改")
    first = search_query.search("合规整改")
    assert first.total == 23 and len(first.hits) == 10
    last = search_query.search("合规整改", page=3)
    assert len(last.hits) == 3
    assert search_query.search("合规整改", page=99).page.number == 3


def test_clean_query_truncates_and_normalises():
    text, cut = search_query.clean_query("  合规 \x00  整改 " + "长" * 300)
    assert cut and len(text) == search_query.MAX_QUERY_LENGTH
    assert search_query.clean_query("ＧＢ３２１００") == ("GB32100", False)


def test_upcoming_filter_hides_ended_dated_documents(content):
    document = SearchDocument.objects.get(title="首违不罚清单")
    document.ends_at = timezone.now() - timedelta(days=1)
    document.save()
    assert search_query.search("首违不罚").total == 0
    assert search_query.search("首违不罚", include_past=True).total == 1


def test_counts_follow_the_documents_between_searches(home, content):
    """A term's counts are kept between searches: every change of the documents shows at once."""
    assert search_query.search("首违不罚").total == 1
    add_page(home, "首违不罚问答", "首违不罚的适用条件。")
    again = search_query.search("首违不罚")
    assert again.total == 2 and {facet.count for facet in again.type_facets} == {2}
    document = SearchDocument.objects.get(title="首违不罚清单")
    document.ends_at = timezone.now() - timedelta(days=1)
    document.save()
    assert search_query.search("首违不罚").total == 1
    assert search_query.search("首违不罚", include_past=True).total == 2


def test_an_event_ending_leaves_the_counts_when_it_ends(content):
    document = SearchDocument.objects.get(title="首违不罚清单")
    document.ends_at = timezone.now() + timedelta(seconds=0.5)
    document.save()
    assert search_query.search("首违不罚").total == 1
    time.sleep(0.6)  # nothing is written meanwhile: the kept counts expire by themselves
    ended = search_query.search("首违不罚")
    assert ended.total == 0 and not ended.hits


def test_view_renders_results_and_facets(client, content):
    response = client.get("/search/", {"q": "首违不罚"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>首违不罚</mark>清单" in html and 'href="/s3/"' in html
    assert "共找到 1 条结果" in html


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "！！！？？？"},
        {"q": "合规" * 500},
        {"q": "<script>alert('x')</script>"},
        {"q": '" OR 1=1 --'},
        {"q": "合规", "page": "abc"},
        {"q": "合规", "page": "-5"},
        {"q": "合规", "page": "99999999999999999999"},
        {"q": "合规", "type": "<b>x</b>", "industry": "' OR '"},
        {"q": "zxqvj"},
    ],
)
def test_view_never_errors_and_escapes_input(client, content, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<b>x</b>" not in html


def test_a_nul_byte_in_the_query_is_refused(client, content):
    response = client.get("/search/", {"q": "a\x00b"})
    assert response.status_code == 400 and "无效字符" in response.content.decode()


def test_view_helpful_pages(client, content):
    assert "请输入关键词" in client.get("/search/").content.decode()
    assert "没有可以搜索的文字" in client.get("/search/", {"q": "！！！"}).content.decode()
    assert "没有找到与“zxqvj”相关的内容" in client.get("/search/", {"q": "zxqvj"}).content.decode()
    assert "关键词过长" in client.get("/search/", {"q": "合规" * 100}).content.decode()


def test_suggest_returns_titles_for_chinese_prefixes(client, content):
    # The term it completes, then the titles that contain the text.
    data = json.loads(client.get("/search/suggest/", {"q": "信用修"}).content)
    assert data == {"suggestions": ["信用修复", "信用修复“双书同达”"]}
    data = json.loads(client.get("/search/suggest/", {"q": "鞋革"}).content)
    assert "鞋革行业合规指引" in data["suggestions"]
    assert all("鞋革" in suggestion for suggestion in data["suggestions"])
    assert json.loads(client.get("/search/suggest/", {"q": ""}).content) == {"suggestions": []}
    assert json.loads(client.get("/search/suggest/", {"q": '"*'}).content) == {"suggestions": []}
    assert client.post("/search/suggest/", {"q": "x"}).status_code == 405


def test_header_box_is_wired(client, content):
    html = client.get("/search/", {"q": "合规"}).content.decode()
    assert 'data-suggest-url="/search/suggest/"' in html
    assert "search/suggest.js" in html


def forget_what_this_process_kept():
    from search import statistics

    statistics._kept.for_version(None)  # as a worker that has not searched yet


def test_a_new_worker_reads_the_counts_another_one_kept(content):
    first = search_query.search("首违不罚")
    forget_what_this_process_kept()
    with CaptureQueriesContext(connection) as queries:
        again = search_query.search("首违不罚")
    assert (again.total, again.type_facets) == (first.total, first.type_facets)
    assert not any("COUNT(*)" in query["sql"] for query in queries)


def test_shared_counts_follow_the_documents_and_the_clock(home, content):
    search_query.search("首违不罚")
    add_page(home, "首违不罚问答", "首违不罚的适用条件。")
    forget_what_this_process_kept()
    assert search_query.search("首违不罚").total == 2
    document = SearchDocument.objects.get(title="首违不罚问答")
    SearchDocument.objects.filter(pk=document.pk).update(ends_at=timezone.now() + timedelta(seconds=0.5))
    SearchDocument.index_changed()
    assert search_query.search("首违不罚").total == 2
    time.sleep(0.6)
    forget_what_this_process_kept()
    assert search_query.search("首违不罚").total == 1
