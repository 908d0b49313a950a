"""The database engine on temporary content: questions, synonyms, article numbers, guideline
items as results, filters before ranking with exact counts, suggestions, the admin's search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from library.models import GuidelineItem
from portal.models import StandardPage
from search import query as search_query
from search.indexing import rebuild_documents
from search.models import SearchDocument, SynonymGroup
from tests.library.factories import GuidelineItemFactory, IndustryFactory, make_guideline

pytestmark = pytest.mark.django_db


def add_page(parent, title, intro="", slug=None):
    page = StandardPage(title=title, intro=intro, slug=slug or f"p{StandardPage.objects.count() + 1}")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def titles(query, **kwargs):
    return [hit.title for hit in search_query.search(query, **kwargs).hits]


@pytest.fixture
def guideline(home):
    page = make_guideline(
        home, industry=IndustryFactory(name="鞋革", code="footwear-e"), title="鞋革行业合规指引"
    )
    GuidelineItemFactory(
        page=page,
        title="用工一个月内订立书面劳动合同",
        what_to_do="<p>自用工之日起一个月内订立书面劳动合同。</p>",
        legal_basis="《劳动合同法》第十条、第八十二条",
        consequence="未订立书面劳动合同的,应当向劳动者每月支付二倍工资。",
    )
    GuidelineItemFactory(
        page=page,
        title="对从业人员进行安全生产教育和培训",
        level=GuidelineItem.Level.RED,
        legal_basis="《安全生产法》第二十八条",
        flexible_category=GuidelineItem.FlexibleCategory.FIRST_OFFENCE,
    )
    page.save_revision().publish()
    return page


def test_guideline_items_are_results_with_their_anchor_level_and_category(guideline):
    item = guideline.items.get(title="用工一个月内订立书面劳动合同")
    response = search_query.search("员工不签劳动合同会怎么样")
    first = response.hits[0]
    assert first.title == "用工一个月内订立书面劳动合同"
    assert first.kind == "guidelineitem" and first.url.endswith(f"/#{item.anchor}")
    assert "首违不罚" not in [hit.title for hit in response.hits]
    assert titles("首违不罚")[0] == "对从业人员进行安全生产教育和培训"
    assert titles("红线 培训")[0] == "对从业人员进行安全生产教育和培训"
    assert SearchDocument.objects.filter(page=guideline).count() == 3  # the page and its two items


def test_synonyms_seeded_and_edited_in_the_admin_apply(guideline):
    assert titles("双倍工资")[0] == "用工一个月内订立书面劳动合同"  # the text says 二倍工资
    assert not search_query.search("聘用契约").total
    SynonymGroup.objects.create(terms="聘用契约, 劳动合同")  # words segment and re-index with it
    assert titles("聘用契约")[0] == "用工一个月内订立书面劳动合同"


def test_synonym_groups_need_two_words(admin_client):
    response = admin_client.post("/admin/snippets/search/synonymgroup/add/", {"terms": "社保", "note": ""})
    assert response.status_code == 200 and "至少填写两个词" in response.content.decode()
    assert not SynonymGroup.objects.filter(terms="社保").exists()


def test_article_numbers_match_exactly(home):
    add_page(home, "第二十条的解读", "《劳动合同法》第二十条:试用期工资。")
    add_page(home, "第二十六条的解读", "《劳动合同法》第二十六条、第三十条。")
    for query in ["第二十条", "第20条", "第 20 条", "劳动合同法第二十条"]:
        assert titles(query) == ["第二十条的解读"], query
    assert "<mark>第二十条</mark>" in search_query.search("第20条").hits[0].snippet


def test_traditional_pinyin_english_and_did_you_mean(guideline):
    response = search_query.search("勞動合同")
    assert response.converted == "劳动合同" and response.hits[0].title == "用工一个月内订立书面劳动合同"
    assert titles("hetong")[0] == "用工一个月内订立书面劳动合同"
    assert titles("laodong hetong")[0] == "用工一个月内订立书面劳动合同"
    assert "鞋革行业合规指引" in titles("footwear e")
    missing = search_query.search("hetomg")
    assert missing.total == 0 and missing.did_you_mean == "合同"


def test_filters_apply_before_ranking_with_exact_counts(home):
    software = IndustryFactory(name="软件", code="software-e")
    for number in range(12):
        add_page(home, f"合规通讯第{number}期", "合规整改经验。")
    guideline = make_guideline(home, industry=software, title="软件行业指引", intro="合规整改要点。")
    guideline.save_revision().publish()
    everything = search_query.search("合规整改")
    assert everything.total == 13
    only = search_query.search("合规整改", industry="software-e")
    assert only.total == 1 and [hit.title for hit in only.hits] == ["软件行业指引"]
    pages = search_query.search("合规整改", type_key="standardpage", page=2)
    assert pages.total == 12 and len(pages.hits) == 2
    counts = {facet.key: facet.count for facet in everything.type_facets}
    assert counts == {"standardpage": 12, "guidelinepage": 1}


def test_ranking_query_count_does_not_grow_with_hits(home):
    for number in range(3):
        add_page(home, f"消防检查{number}", "消防通道")
    with CaptureQueriesContext(connection) as few:
        search_query.search("消防")
    for number in range(3, 20):
        add_page(home, f"消防检查{number}", "消防通道")
    with CaptureQueriesContext(connection) as many:
        search_query.search("消防")
    assert len(many) == len(few)


def test_zero_results_page_is_one_message(client, home):
    add_page(home, "信用修复指南", "信用修复。")
    html = client.get("/search/", {"q": "完全不存在的词组xyz"}).content.decode()
    assert "没有找到与“完全不存在的词组xyz”相关的内容" in html
    assert "以下是包含这段文字的内容" not in html and "search-facets" not in html
    assert "首违不罚" in html  # the examples to try


def test_suggestions_complete_terms_and_contain_the_typed_text(home):
    add_page(home, "“4+X”柔性执法清单", "首违不罚、轻微减罚。")
    add_page(home, "首违免罚的适用条件", "初次违法。")
    suggestions = search_query.suggest("首违")
    assert suggestions[0] == "首违不罚"
    assert all("首违" in suggestion for suggestion in suggestions)


def test_admin_page_search_finds_body_matches(admin_client, home):
    add_page(home, "三合一场所检查", "消防通道保持畅通。")
    add_page(home, "消防安全", "")
    html = admin_client.get("/admin/pages/search/", {"q": "消防"}).content.decode()
    assert "三合一场所检查" in html and "消防安全" in html


def test_rebuild_keeps_one_set_of_terms(guideline):
    before = guideline.items.count() + 1
    rebuild_documents()
    rebuild_documents()
    assert SearchDocument.objects.filter(page=guideline).count() == before
    document = SearchDocument.objects.get(page=guideline, section="")
    assert document.terms.filter(term="鞋革").count() == 1
