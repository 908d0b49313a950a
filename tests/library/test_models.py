"""Page-tree rules, item links, the search contract and the home feeds."""

import pytest
from wagtail.models import Page
from wagtail.search import index

from core.feeds import get_feed_items
from library.models import (
    CaseIndexPage,
    CasePage,
    FlexibleEnforcementPage,
    GuidelineIndexPage,
    GuidelineItem,
    GuidelinePage,
)
from portal.models import HomePage, StandardPage
from tests.library.factories import (
    CasePageFactory,
    GuidelineItemFactory,
    GuidelinePageFactory,
    IndustryFactory,
    make_guideline,
)


def test_parent_and_subpage_rules():
    assert GuidelineIndexPage.allowed_parent_page_models() == [HomePage]
    assert set(GuidelineIndexPage.allowed_subpage_models()) == {GuidelinePage, FlexibleEnforcementPage}
    assert GuidelinePage.allowed_parent_page_models() == [GuidelineIndexPage]
    assert GuidelinePage.allowed_subpage_models() == []
    assert FlexibleEnforcementPage.allowed_parent_page_models() == [GuidelineIndexPage]
    assert FlexibleEnforcementPage.allowed_subpage_models() == []
    assert CaseIndexPage.allowed_parent_page_models() == [HomePage]
    assert CaseIndexPage.allowed_subpage_models() == [CasePage]
    assert CasePage.allowed_parent_page_models() == [CaseIndexPage]
    assert CasePage.allowed_subpage_models() == []
    assert GuidelinePage not in StandardPage.allowed_subpage_models()


@pytest.mark.django_db
def test_index_pages_can_be_created_once_under_the_home_page(home, guideline_index):
    assert not GuidelineIndexPage.can_create_at(home)  # max_count = 1
    assert CaseIndexPage.can_create_at(home)
    assert not CaseIndexPage.can_create_at(guideline_index)
    assert GuidelinePage.can_create_at(guideline_index)
    assert not GuidelinePage.can_create_at(home)
    assert not CasePage.can_create_at(guideline_index)
    assert not GuidelinePage.can_create_at(Page.get_first_root_node())


@pytest.mark.django_db
def test_item_str_anchor_and_url(guideline_index):
    page = GuidelinePageFactory(parent=guideline_index, slug="footwear")
    item = GuidelineItemFactory(page=page, title="严禁虚开增值税专用发票", level=GuidelineItem.Level.RED)
    assert str(item) == "[红线] 严禁虚开增值税专用发票"
    assert item.anchor == f"item-{item.pk}"
    assert item.get_absolute_url() == f"/guidelines/footwear/#item-{item.pk}"
    assert GuidelineItem.FlexibleCategory.FIRST_OFFENCE.label == "首违不罚"
    assert GuidelineItem.Level.GREEN.label == "倡导/推荐做法"


@pytest.mark.django_db
def test_search_contract(guideline_index, case_index):
    industry = IndustryFactory(name="鞋革", code="footwear")
    page = GuidelinePageFactory(parent=guideline_index, industry=industry, intro="鞋革企业合规导语")
    case = CasePageFactory(parent=case_index, industry=industry, summary="合规整改后不起诉。")
    assert list(page.search_industries()) == [industry]
    assert list(case.search_industries()) == [industry]
    assert list(guideline_index.search_industries()) == []
    assert page.search_summary == "鞋革企业合规导语"
    assert case.search_summary == "合规整改后不起诉。"
    related = [f for f in GuidelinePage.search_fields if isinstance(f, index.RelatedFields)]
    assert "items" in {f.field_name for f in related}
    items_fields = next(f for f in related if f.field_name == "items").fields
    assert {"title", "what_to_do", "legal_basis"} <= {f.field_name for f in items_fields}
    assert any(
        isinstance(f, index.AutocompleteField) and f.field_name == "title" for f in CasePage.search_fields
    )


@pytest.mark.django_db
def test_home_feeds_list_live_pages_only(guideline_index, case_index):
    live = GuidelinePageFactory(parent=guideline_index, title="软件行业企业合规工作指引")
    draft = GuidelinePageFactory(parent=guideline_index, title="草稿指引")
    draft.unpublish()
    case = CasePageFactory(parent=case_index, year=2024)
    old_case = CasePageFactory(parent=case_index, year=2020)
    assert get_feed_items("guidelines", 5) == [live]
    assert get_feed_items("cases", 1) == [case]
    assert get_feed_items("cases", 5) == [case, old_case]
    assert live.feed_summary


@pytest.mark.django_db
def test_guideline_item_report_lists_filters_and_exports(client, guideline_index, case_index):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "pass-1234-word")
    client.force_login(admin)
    page = GuidelinePageFactory(parent=guideline_index, industry=IndustryFactory(code="software"))
    red = GuidelineItemFactory(page=page, title="严禁非法提供个人信息", level=GuidelineItem.Level.RED)
    GuidelineItemFactory(page=page, title="落实等级保护", flexible_category="first_offence")
    CasePageFactory(parent=case_index, items=[red])
    response = client.get("/admin/reports/library/items/")
    assert response.status_code == 200
    assert "严禁非法提供个人信息" in response.content.decode()
    html = client.get("/admin/reports/library/items/?level=red").content.decode()
    assert "严禁非法提供个人信息" in html and "落实等级保护" not in html
    assert client.get("/admin/reports/library/items/?level=purple").status_code == 200
    export = client.get("/admin/reports/library/items/?export=csv")
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "严禁非法提供个人信息" in text and "红线" in text and "首违不罚" in text


@pytest.mark.django_db
def test_one_guideline_per_industry_and_risk_area(guideline_index):
    from django.core.exceptions import ValidationError

    from tests.library.factories import RiskAreaFactory

    industry = IndustryFactory(code="footwear")
    GuidelinePageFactory(parent=guideline_index, industry=industry)
    duplicate = GuidelinePage(title="重复的鞋革指引", slug="dup", industry=industry)
    with pytest.raises(ValidationError) as error:
        duplicate.clean()
    assert "industry" in error.value.message_dict
    GuidelinePage(
        title="鞋革行业安全生产专项指引", slug="safety", industry=industry, risk_area=RiskAreaFactory()
    ).clean()


@pytest.mark.django_db
def test_home_feeds_show_a_pages_english_version_in_english(guideline_index, django_assert_max_num_queries):
    from django.utils import translation
    from wagtail.models import Locale

    from portal.demo_english import translate_page

    translated = GuidelinePageFactory(parent=guideline_index, title="鞋革行业企业合规指引")
    untranslated = GuidelinePageFactory(parent=guideline_index, title="软件行业企业合规工作指引")
    english = translate_page(
        translated,
        Locale.objects.get_or_create(language_code="en")[0],
        lambda page: setattr(page, "title", "Footwear guideline"),
    )
    with translation.override("zh-hans"):
        chinese = get_feed_items("guidelines", 5)
    assert sorted(page.pk for page in chinese) == sorted([untranslated.pk, translated.pk])
    # The feed (2 queries) and one batch for the translations (4), however many pages it lists.
    with translation.override("en"), django_assert_max_num_queries(6):
        items = get_feed_items("guidelines", 5)
    # Same order, each in English where a translation exists.
    expected = {translated.pk: english.pk, untranslated.pk: untranslated.pk}
    assert [page.pk for page in items] == [expected[page.pk] for page in chinese]
    assert {page.title for page in items} == {"软件行业企业合规工作指引", "Footwear guideline"}


def test_items_without_a_sort_order_keep_the_order_they_were_added_in(client, home):
    # An import or the demo may leave sort_order empty: every query then agrees on one order.
    page = make_guideline(home)
    titles = ["甲条目", "乙条目", "丙条目", "丁条目"]
    for title in titles:
        GuidelineItemFactory(page=page, title=title, sort_order=None, level=GuidelineItem.Level.RED)
    assert [item.title for item in page.items.all()] == titles
    html = client.get(page.url + "?level=red").content.decode()
    assert [title for title in titles if title in html] == titles
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
