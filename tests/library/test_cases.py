"""The casebook: filters, pagination, cross-links, query counts, publishing."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from library.models import CaseGuidelineItem, CasePage
from tests.library.factories import (
    CasePageFactory,
    GuidelineItemFactory,
    GuidelinePageFactory,
    IndustryFactory,
)


@pytest.fixture
def casebook(case_index):
    footwear = IndustryFactory(code="footwear", name="鞋革")
    software = IndustryFactory(code="software", name="软件")
    CasePageFactory(
        parent=case_index, title="鞋业虚开发票案", industry=footwear, case_type="criminal", year=2022
    )
    CasePageFactory(
        parent=case_index, title="鞋材三合一案", industry=footwear, case_type="administrative", year=2023
    )
    CasePageFactory(
        parent=case_index, title="软件个人信息案", industry=software, case_type="criminal", year=2023
    )
    return case_index


def listed(response):
    assert response.status_code == 200
    return sorted(case.title for case in response.context["page_obj"].object_list)


@pytest.mark.django_db
def test_the_year_filter_offers_the_years_of_the_published_cases(client, casebook, user):
    def offered():
        return [
            value
            for value, _label in client.get("/cases/").context["filters"].form.fields["year"].widget.choices
        ]

    client.force_login(user)  # signed in: no page cache in the way, the years are kept all the same
    assert 2021 not in offered() and 2023 in offered()
    case = CasePageFactory(parent=casebook, title="新案", industry=IndustryFactory(code="x"), year=2021)
    assert 2021 in offered()
    case.unpublish()
    assert 2021 not in offered()


@pytest.mark.django_db
def test_case_list_filters_narrow_results(client, casebook):
    assert listed(client.get("/cases/")) == ["软件个人信息案", "鞋业虚开发票案", "鞋材三合一案"]
    assert listed(client.get("/cases/?industry=footwear")) == ["鞋业虚开发票案", "鞋材三合一案"]
    assert listed(client.get("/cases/?type=criminal")) == ["软件个人信息案", "鞋业虚开发票案"]
    assert listed(client.get("/cases/?year=2023")) == ["软件个人信息案", "鞋材三合一案"]
    assert listed(client.get("/cases/?industry=footwear&type=criminal&year=2022")) == ["鞋业虚开发票案"]
    response = client.get("/cases/?year=2019")
    assert listed(response) == []
    assert "没有符合筛选条件的案例" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["year=abc", "year=२०२३", "year=99999999999999999999", "type=civil", "industry=mars"]
)
def test_bad_case_filters_show_all_cases_with_a_note(client, casebook, query):
    response = client.get(f"/cases/?{query}")
    assert len(listed(response)) == 3
    assert "已显示全部" in response.content.decode()


@pytest.mark.django_db
def test_case_list_is_paginated(client, case_index):
    for _n in range(23):
        CasePageFactory(parent=case_index)
    first = client.get("/cases/")
    assert len(first.context["page_obj"].object_list) == 10
    assert "第 1 / 3 页" in first.content.decode()
    assert len(client.get("/cases/?page=3").context["page_obj"].object_list) == 3
    assert client.get("/cases/?page=999").context["page_obj"].number == 3
    assert client.get("/cases/?page=abc").context["page_obj"].number == 1


def list_queries(client, url):
    client.get(url)  # the first request creates the site settings rows
    cache.clear()  # measure a full render, not the anonymous page cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_case_list_query_count_is_bounded(client, case_index):
    industries = [IndustryFactory() for _n in range(3)]
    for i in range(10):
        CasePageFactory(parent=case_index, industry=industries[i % 3], year=2020 + i % 5)
    few = list_queries(client, "/cases/")
    few_filtered = list_queries(client, f"/cases/?industry={industries[0].code}&type=criminal")
    for i in range(90):
        CasePageFactory(parent=case_index, industry=industries[i % 3], year=2020 + i % 5)
    assert CasePage.objects.count() == 100
    assert list_queries(client, "/cases/") == few
    assert list_queries(client, f"/cases/?industry={industries[0].code}&type=criminal") == few_filtered
    assert few <= 20


@pytest.mark.django_db
def test_case_page_shows_its_items_and_items_link_back(client, home, guideline_index, case_index):
    industry = IndustryFactory(code="construction", name="建筑")
    guideline = GuidelinePageFactory(parent=guideline_index, slug="construction", industry=industry)
    item = GuidelineItemFactory(page=guideline, title="严禁违章指挥、强令冒险作业", level="red")
    hidden_page = GuidelinePageFactory(parent=guideline_index, slug="draft-guideline")
    hidden_item = GuidelineItemFactory(page=hidden_page, title="草稿指引中的条目")
    hidden_page.unpublish()
    case = CasePageFactory(
        parent=case_index,
        slug="accident",
        title="某建筑公司重大责任事故案",
        industry=industry,
        items=[item, hidden_item],
    )
    html = client.get("/cases/accident/").content.decode()
    assert "严禁违章指挥、强令冒险作业" in html
    assert f'href="/guidelines/construction/#item-{item.pk}"' in html
    assert "草稿指引中的条目" not in html
    assert list(item.cases.all()) == [case]
    assert 'href="/cases/accident/"' in client.get("/guidelines/construction/").content.decode()


@pytest.mark.django_db
def test_case_page_query_count_is_bounded(client, guideline_index, case_index):
    industry = IndustryFactory()
    guideline = GuidelinePageFactory(parent=guideline_index, industry=industry)
    items = [GuidelineItemFactory(page=guideline) for _n in range(3)]
    CasePageFactory(parent=case_index, slug="few", industry=industry, items=items)
    items += [GuidelineItemFactory(page=guideline) for _n in range(30)]
    CasePageFactory(parent=case_index, slug="many", industry=industry, items=items)
    assert list_queries(client, "/cases/few/") == list_queries(client, "/cases/many/")


@pytest.mark.django_db
def test_unpublished_case_is_not_reachable(client, casebook):
    case = CasePage.objects.get(title="鞋业虚开发票案")
    case.unpublish()
    assert client.get(case.url_path.replace("/home-test", "")).status_code == 404
    assert "鞋业虚开发票案" not in listed(client.get("/cases/"))


@pytest.mark.django_db
def test_case_preview_shows_the_drafts_choice_of_items(guideline_index, case_index):
    guideline = GuidelinePageFactory(parent=guideline_index)
    chosen = GuidelineItemFactory(page=guideline, title="草稿中新关联的条目")
    GuidelineItemFactory(page=guideline, title="未关联的条目")
    case = CasePageFactory(parent=case_index)
    # In memory only, as the editor's form leaves it for a preview.
    case.guideline_item_links = [CaseGuidelineItem(guidelineitem=chosen)]
    html = case.make_preview_request().content.decode()
    assert "草稿中新关联的条目" in html and "未关联的条目" not in html
    assert CasePage.objects.get(pk=case.pk).guideline_items.count() == 0


@pytest.mark.django_db
def test_case_editor_offers_guideline_items(client, guideline_index, case_index):
    from django.contrib.auth import get_user_model

    client.force_login(
        get_user_model().objects.create_superuser("editor", "editor@example.com", "pass-1234-word")
    )
    item = GuidelineItemFactory(page=GuidelinePageFactory(parent=guideline_index), title="严禁转包和违法分包")
    case = CasePageFactory(parent=case_index, items=[item])
    response = client.get(f"/admin/pages/{case.pk}/edit/")
    assert response.status_code == 200
    assert "严禁转包和违法分包" in response.content.decode()
    assert client.get(f"/admin/pages/add/library/casepage/{case_index.pk}/").status_code == 200


@pytest.mark.django_db
def test_a_kept_case_page_shows_what_changed_around_it(client, guideline_index, case_index, monkeypatch):
    """The article is kept as HTML, and shows a new case of its industry, an item's new title
    and its own edits once they are published."""
    monkeypatch.setattr("core.cache.TIMEOUT", 0)  # the full-page cache off: the fragment is under test
    industry = IndustryFactory(code="printing-kept", name="印刷")
    guideline = GuidelinePageFactory(parent=guideline_index, slug="printing-kept", industry=industry)
    item = GuidelineItemFactory(page=guideline, title="建立承印验证制度")
    guideline.save_revision().publish()
    case = CasePageFactory(
        parent=case_index, slug="kept", title="某印刷厂非法承印案", industry=industry, items=[item]
    )
    first = client.get("/cases/kept/").content.decode()
    assert "建立承印验证制度" in first and "同行业案例" not in first
    with CaptureQueriesContext(connection) as again:
        assert client.get("/cases/kept/").content.decode() == first
    sql = " ".join(query["sql"] for query in again.captured_queries)
    assert "library_guidelineitem" not in sql and "library_caseguidelineitem" not in sql

    CasePageFactory(
        parent=case_index, slug="kept-2", title="某印刷厂侵犯著作权案", industry=industry
    ).save_revision().publish()
    assert "某印刷厂侵犯著作权案" in client.get("/cases/kept/").content.decode()
    item.title = "建立健全承印验证制度"
    item.save()
    guideline.save_revision().publish()
    assert "建立健全承印验证制度" in client.get("/cases/kept/").content.decode()
    case.refresh_from_db()
    case.summary = "新的案情摘要"
    case.save_revision().publish()
    assert "新的案情摘要" in client.get("/cases/kept/").content.decode()
