"""The guideline page's items come from cached fragments that change with what they show."""

from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.cache import invalidate_everything
from library.models import GuidelineItem
from tests.library.factories import (
    CasePageFactory,
    GuidelineItemFactory,
    GuidelinePageFactory,
    IndustryFactory,
)


@pytest.fixture
def guideline(guideline_index, risk_areas):
    page = GuidelinePageFactory(
        parent=guideline_index,
        slug="printing",
        title="印刷行业合规指引",
        industry=IndustryFactory(code="printing"),
    )
    GuidelineItemFactory(page=page, title="严禁承印非法出版物", level="red", risk_area=risk_areas["safety"])
    GuidelineItemFactory(page=page, title="建立承印验证制度", level="yellow", risk_area=risk_areas["labour"])
    return page


@pytest.fixture(autouse=True)
def no_page_cache(monkeypatch):
    """The full-page cache off: what these tests look at is the fragments behind it."""
    monkeypatch.setattr("core.cache.TIMEOUT", 0)


@contextmanager
def item_renders():
    """A list that grows by one for each guideline item rendered from its template meanwhile."""
    from django.template import loader

    calls = []
    original = loader.get_template

    def counting(name, *args, **kwargs):
        template = original(name, *args, **kwargs)
        if name == "library/includes/guideline_item.html":
            real = template.render
            template.render = lambda *a, **k: calls.append(1) or real(*a, **k)
        return template

    loader.get_template = counting
    try:
        yield calls
    finally:
        loader.get_template = original


def render(client, url="/guidelines/printing/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_second_render_reuses_the_item_fragments(client, guideline, django_assert_max_num_queries):
    first = render(client)
    with item_renders() as calls:
        second = render(client)
    assert calls == []
    assert second == first
    assert "严禁承印非法出版物" in second and "建立承印验证制度" in second


@pytest.mark.django_db
def test_a_published_edit_shows_at_once(client, guideline):
    render(client)
    item = guideline.items.get(title="严禁承印非法出版物")
    item.legal_basis = "《印刷业管理条例》第三条"
    item.save()
    guideline.save_revision().publish()
    assert "《印刷业管理条例》第三条" in render(client)


@pytest.mark.django_db
def test_linked_cases_follow_publishing_and_unpublishing(client, guideline, case_index):
    item = guideline.items.get(title="严禁承印非法出版物")
    case = CasePageFactory(parent=case_index, title="某印刷厂非法印刷案", items=[item])
    html = render(client)
    assert "某印刷厂非法印刷案" in html
    assert f'href="{case.url}"' in html
    case.unpublish()
    assert "某印刷厂非法印刷案" not in render(client)
    case.save_revision().publish()
    assert "某印刷厂非法印刷案" in render(client)


@pytest.mark.django_db
def test_each_language_has_its_own_fragments(client, guideline):
    assert "法律依据" in render(client)
    english = render(client, "/guidelines/printing/?lang=en")
    assert "Legal basis" in english and "法律依据" not in english
    assert "法律依据" in render(client)


@pytest.mark.django_db
def test_a_change_shown_everywhere_renders_the_items_again(client, guideline, risk_areas):
    render(client)
    area = risk_areas["safety"]
    area.name = "安全生产与消防"
    area.save()
    invalidate_everything()
    assert "安全生产与消防" in render(client)


@pytest.mark.django_db
def test_a_case_linked_by_many_items_has_its_url_built_once(client, guideline, case_index, monkeypatch):
    items = list(guideline.items.all())
    CasePageFactory(parent=case_index, title="一案多条", items=items)
    CasePage = GuidelineItem._meta.get_field("cases").related_model
    calls = []
    original = CasePage.get_url

    def counting(self, *args, **kwargs):
        calls.append(self.pk)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CasePage, "get_url", counting)
    html = render(client)
    assert html.count("一案多条") == 2
    assert len(calls) == 1


ITEM_TABLES = ("library_guidelineitem", "library_caseguidelineitem", "library_casepage")


@pytest.mark.django_db
def test_a_warm_render_loads_neither_items_nor_cases(client, guideline, case_index):
    CasePageFactory(parent=case_index, title="某印刷厂非法印刷案", items=list(guideline.items.all()))
    for url in ("/guidelines/printing/", "/guidelines/printing/?level=red"):
        first = render(client, url)
        with CaptureQueriesContext(connection) as queries:
            second = render(client, url)
        assert second == first
        touched = [q["sql"] for q in queries if any(table in q["sql"] for table in ITEM_TABLES)]
        assert touched == []


@pytest.mark.django_db
def test_a_draft_shows_only_once_published(client, guideline):
    render(client)
    page = type(guideline).objects.get(pk=guideline.pk)
    items = list(page.items.all())
    items[0].title = "严禁承印任何非法出版物"
    page.items = items
    revision = page.save_revision()
    assert "严禁承印任何非法出版物" not in render(client)
    revision.publish()
    html = render(client)
    assert "严禁承印任何非法出版物" in html and "严禁承印非法出版物" not in html


@pytest.mark.django_db
def test_an_item_written_outside_the_editor_shows_at_once(client, guideline, risk_areas):
    render(client)
    item = guideline.items.get(title="严禁承印非法出版物")
    item.consequence = "没收违法所得,并处罚款"
    item.save()
    GuidelineItemFactory(page=guideline, title="新增的条目", level="green", risk_area=risk_areas["safety"])
    html = render(client)
    assert "没收违法所得,并处罚款" in html and "新增的条目" in html
    assert "新增的条目" in render(client, "/guidelines/printing/?level=green")
    GuidelineItem.objects.filter(title="新增的条目").delete()
    assert "新增的条目" not in render(client)


@pytest.mark.django_db
def test_a_linked_case_renamed_moved_or_deleted_shows_at_once(
    client, guideline, case_index, django_capture_on_commit_callbacks
):
    item = guideline.items.get(title="严禁承印非法出版物")
    case = CasePageFactory(parent=case_index, title="某印刷厂非法印刷案", slug="printing-case", items=[item])
    assert 'href="/cases/printing-case/"' in render(client)
    case.title = "某印刷厂非法印刷书刊案"
    case.slug = "printing-books"
    case.save_revision().publish()
    html = render(client)
    assert "某印刷厂非法印刷书刊案" in html and 'href="/cases/printing-books/"' in html
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail signals a new slug on commit
        case_index.slug = "casebook"
        case_index.save_revision().publish()
    assert 'href="/casebook/printing-books/"' in render(client)
    case.delete()
    assert "某印刷厂非法印刷书刊案" not in render(client)


@pytest.mark.django_db
def test_a_case_linked_or_unlinked_outside_the_editor_shows_at_once(client, guideline, case_index):
    item = guideline.items.get(title="严禁承印非法出版物")
    case = CasePageFactory(parent=case_index, title="某印刷厂非法印刷案")
    assert "某印刷厂非法印刷案" not in render(client)
    case.guideline_items.add(item)
    assert "某印刷厂非法印刷案" in render(client)
    case.guideline_items.remove(item)
    assert "某印刷厂非法印刷案" not in render(client)


@pytest.mark.django_db
def test_a_case_behind_a_view_restriction_leaves_the_page(client, guideline, case_index):
    item = guideline.items.get(title="严禁承印非法出版物")
    case = CasePageFactory(parent=case_index, title="某印刷厂非法印刷案", items=[item])
    assert "某印刷厂非法印刷案" in render(client)
    restriction = PageViewRestriction.objects.create(page=case, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="检察官")[0])
    assert "某印刷厂非法印刷案" not in render(client)
    restriction.delete()
    assert "某印刷厂非法印刷案" in render(client)


@pytest.mark.django_db
def test_lost_versions_never_bring_back_old_fragments(client, guideline):
    render(client)
    item = guideline.items.get(title="严禁承印非法出版物")
    item.title = "严禁承印非法出版物及其他违禁品"
    item.save()
    assert "严禁承印非法出版物及其他违禁品" in render(client)
    cache.clear()  # the versions go (an eviction, a restart of the store); the fragments stay
    assert "严禁承印非法出版物及其他违禁品" in render(client)
    assert len(caches["fragments"]._cache) > 0


@pytest.mark.django_db
def test_a_filter_reuses_the_fragments_another_listing_rendered(client, guideline):
    everything = render(client)
    with item_renders() as calls:
        red_lines = render(client, "/guidelines/printing/?level=red")
    assert calls == []  # the red-line items' fragments came from the full listing's
    assert "严禁承印非法出版物" in red_lines and "建立承印验证制度" not in red_lines
    assert "建立承印验证制度" in everything


@pytest.mark.django_db
def test_contact_points_and_risk_areas_are_kept_until_one_changes_or_goes(client, guideline, risk_areas):
    from tests.library.factories import ContactPointFactory

    point = ContactPointFactory(industry=guideline.industry, association="鹿城区印刷行业协会")
    assert "鹿城区印刷行业协会" in client.get(guideline.url).content.decode()
    with CaptureQueriesContext(connection) as again:
        client.get(guideline.url)
    sql = " ".join(query["sql"] for query in again.captured_queries)
    assert "library_contactpoint" not in sql and "library_riskarea" not in sql
    point.association = "鹿城区印刷包装行业协会"
    point.save()
    assert "鹿城区印刷包装行业协会" in client.get(guideline.url).content.decode()
    point.delete()
    assert "鹿城区印刷包装行业协会" not in client.get(guideline.url).content.decode()
