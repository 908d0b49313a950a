"""The 4+X flexible-enforcement list."""

import pytest

from library.models import GuidelineItem
from tests.library.factories import (
    FlexibleEnforcementPageFactory,
    GuidelineItemFactory,
    GuidelinePageFactory,
    IndustryFactory,
)

Category = GuidelineItem.FlexibleCategory


@pytest.fixture
def flexible(guideline_index):
    footwear = GuidelinePageFactory(
        parent=guideline_index, industry=IndustryFactory(code="footwear", name="鞋革")
    )
    software = GuidelinePageFactory(
        parent=guideline_index, industry=IndustryFactory(code="software", name="软件")
    )
    GuidelineItemFactory(page=footwear, title="安全培训首违不罚", flexible_category=Category.FIRST_OFFENCE)
    GuidelineItemFactory(page=footwear, title="废气公益减罚", flexible_category=Category.PUBLIC_INTEREST)
    GuidelineItemFactory(page=footwear, title="没有柔性类别的条目")
    GuidelineItemFactory(page=software, title="等级保护首违不罚", flexible_category=Category.FIRST_OFFENCE)
    GuidelineItemFactory(page=software, title="加班费认罚轻处", flexible_category=Category.ADMIT)
    return FlexibleEnforcementPageFactory(parent=guideline_index)


def listed(response):
    return [item.title for item in response.context["page_obj"].object_list]


@pytest.mark.django_db
def test_lists_only_items_with_a_category_in_4x_order(client, flexible):
    response = client.get("/guidelines/flexible-enforcement/")
    assert response.status_code == 200
    assert listed(response) == ["安全培训首违不罚", "等级保护首违不罚", "加班费认罚轻处", "废气公益减罚"]
    assert "没有柔性类别的条目" not in response.content.decode()


@pytest.mark.django_db
def test_filters_by_industry_and_category(client, flexible):
    assert listed(client.get("/guidelines/flexible-enforcement/?industry=software")) == [
        "等级保护首违不罚",
        "加班费认罚轻处",
    ]
    assert listed(
        client.get("/guidelines/flexible-enforcement/?category=first_offence&industry=footwear")
    ) == ["安全培训首违不罚"]
    response = client.get("/guidelines/flexible-enforcement/?category=minor")
    assert listed(response) == []
    assert "没有符合筛选条件的事项" in response.content.decode()


@pytest.mark.django_db
def test_bad_values_show_the_whole_list(client, flexible):
    response = client.get("/guidelines/flexible-enforcement/?industry=mars&category=free&page=abc")
    assert response.status_code == 200
    assert len(listed(response)) == 4
    assert "未知的行业" in response.content.decode()


@pytest.mark.django_db
def test_items_of_unpublished_guidelines_are_left_out(client, flexible):
    flexible.get_parent().get_children().type(GuidelineItem.page.field.related_model).first().unpublish()
    titles = listed(client.get("/guidelines/flexible-enforcement/"))
    assert "安全培训首违不罚" not in titles
    assert "等级保护首违不罚" in titles
