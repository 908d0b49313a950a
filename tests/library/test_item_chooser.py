"""Editors link a case to guideline items through a searchable chooser that adds without wiping."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from library.models import CasePage
from tests.library.factories import (
    CasePageFactory,
    GuidelineItemFactory,
    GuidelinePageFactory,
    IndustryFactory,
)

CHOOSE = "guideline_item_chooser:choose"


@pytest.fixture
def two_guidelines(guideline_index):
    footwear = IndustryFactory(code="footwear", name="鞋革")
    software = IndustryFactory(code="software", name="软件")
    shoes = GuidelinePageFactory(parent=guideline_index, title="鞋革行业合规指引", industry=footwear)
    apps = GuidelinePageFactory(parent=guideline_index, title="软件行业合规指引", industry=software)
    return {
        "wages": GuidelineItemFactory(page=shoes, title="按时足额支付工资", level="red"),
        "fire": GuidelineItemFactory(page=shoes, title="员工宿舍不得与仓库同楼", level="red"),
        "privacy": GuidelineItemFactory(page=apps, title="收集个人信息须取得同意", level="yellow"),
        "footwear": footwear,
    }


def listed_titles(response):
    assert response.status_code == 200
    return {item.title for item in response.context["results"]}


@pytest.mark.django_db
def test_the_chooser_searches_and_filters(admin_client, two_guidelines):
    url = reverse(CHOOSE)
    assert listed_titles(admin_client.get(url)) == {
        "按时足额支付工资",
        "员工宿舍不得与仓库同楼",
        "收集个人信息须取得同意",
    }
    assert listed_titles(admin_client.get(url, {"q": "工资"})) == {"按时足额支付工资"}
    # A guideline's name finds its items.
    assert listed_titles(admin_client.get(url, {"q": "软件行业"})) == {"收集个人信息须取得同意"}
    industry = two_guidelines["footwear"].pk
    assert listed_titles(admin_client.get(url, {"industry": industry, "level": "red"})) == {
        "按时足额支付工资",
        "员工宿舍不得与仓库同楼",
    }
    # Bad filter values are ignored, never a 500.
    assert admin_client.get(url, {"industry": "x", "level": "purple"}).status_code == 200
    html = admin_client.get(url, {"multiple": "1"}).json()["html"]
    assert 'type="checkbox"' in html and "鞋革行业合规指引" in html


@pytest.mark.django_db
def test_the_chooser_page_is_bounded(admin_client, guideline_index):
    page = GuidelinePageFactory(parent=guideline_index)
    for _n in range(3):
        GuidelineItemFactory(page=page)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(reverse(CHOOSE)).status_code == 200
        return len(queries)

    few = count()
    for _n in range(40):
        GuidelineItemFactory(page=page)
    assert count() == few


@pytest.mark.django_db
def test_the_chooser_is_for_the_back_office(client, two_guidelines):
    response = client.get(reverse(CHOOSE))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_choosing_several_items_returns_them(admin_client, two_guidelines):
    ids = [two_guidelines["wages"].pk, two_guidelines["privacy"].pk]
    response = admin_client.get(reverse("guideline_item_chooser:chosen_multiple"), {"id": ids})
    titles = {entry["title"] for entry in response.json()["result"]}
    assert titles == {"[红线] 按时足额支付工资", "[底线] 收集个人信息须取得同意"}


def case_form(case, links):
    return nested_form_data(
        {
            "title": case.title,
            "slug": case.slug,
            "industry": case.industry_id,
            "case_type": case.case_type,
            "year": case.year,
            "outcome": case.outcome,
            "summary": case.summary,
            "facts": rich_text(case.facts),
            "rectification": rich_text(case.rectification),
            "lessons": rich_text(case.lessons),
            "body": streamfield([]),
            "guideline_item_links": inline_formset(links, initial=case.guideline_item_links.count()),
            "action-publish": "publish",
        }
    )


@pytest.mark.django_db
def test_adding_an_item_keeps_the_existing_links(admin_client, case_index, two_guidelines):
    case = CasePageFactory(
        parent=case_index, industry=two_guidelines["footwear"], items=[two_guidelines["wages"]]
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=[case.pk])
    html = admin_client.get(edit_url).content.decode()
    assert "选择指引条目" in html and "按时足额支付工资" in html
    existing = case.guideline_item_links.get()
    links = [
        {"id": existing.pk, "guidelineitem": existing.guidelineitem_id, "ORDER": 1},
        {"guidelineitem": two_guidelines["fire"].pk, "ORDER": 2},
    ]
    response = admin_client.post(edit_url, case_form(case, links))
    assert response.status_code == 302, response.context["form"].errors
    case = CasePage.objects.get(pk=case.pk)
    assert [item.title for item in case.linked_items()] == ["按时足额支付工资", "员工宿舍不得与仓库同楼"]
    assert set(two_guidelines["fire"].cases.all()) == {case}
    # Removing one is an explicit delete of that link only.
    links = [
        {
            "id": link.pk,
            "guidelineitem": link.guidelineitem_id,
            "ORDER": n,
            "DELETE": link.guidelineitem_id == two_guidelines["wages"].pk,
        }
        for n, link in enumerate(case.guideline_item_links.order_by("pk"), start=1)
    ]
    assert admin_client.post(edit_url, case_form(case, links)).status_code == 302
    assert [item.title for item in CasePage.objects.get(pk=case.pk).linked_items()] == [
        "员工宿舍不得与仓库同楼"
    ]
