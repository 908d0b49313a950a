"""Locales and view restrictions are read once a request, kept until they change, and a change
shows on the next request."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from core.cache import invalidate_everything
from core.request_memo import RequestMemoMiddleware
from library.models import CasePage
from tests.library.factories import CasePageFactory, make_case_index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(monkeypatch):
    monkeypatch.setattr("core.cache.TIMEOUT", 0)


@pytest.fixture
def cases(home):
    index = make_case_index(home)
    return index, CasePageFactory(parent=index, title="某鞋业公司虚开发票案", slug="invoice-case")


def restrict(page):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="检察官")[0])
    return restriction


def tables_read(client, url, **params):
    """How often a repeated request reads the locales and the restrictions."""
    client.get(url, params)
    return tables_read_by(client, url, **params)


def cold_tables_read(client, url, **params):
    """The same, for the first request after a change to either."""
    invalidate_everything()  # what a change to a locale or a restriction does
    return tables_read_by(client, url, **params)


def tables_read_by(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    sql = [q["sql"] for q in queries]
    return {
        "locale": sum('FROM "wagtailcore_locale"' in s for s in sql),
        "restriction": sum('FROM "wagtailcore_pageviewrestriction"' in s for s in sql),
    }


def test_a_page_reads_the_locale_and_the_view_restrictions_once_then_never_again(client, cases):
    _index, case = cases
    for url in ("/", "/cases/", case.url):
        assert cold_tables_read(client, url) == {"locale": 1, "restriction": 1}, url
        assert tables_read(client, url) == {"locale": 0, "restriction": 0}, url


def test_in_english_each_locale_is_read_once(client, cases):
    _index, case = cases
    Locale.objects.get_or_create(language_code="en")
    for url in ("/cases/", case.url):
        assert cold_tables_read(client, url, lang="en") == {"locale": 2, "restriction": 1}, url
        assert tables_read(client, url, lang="en") == {"locale": 0, "restriction": 0}, url


def test_a_change_to_a_locale_is_read_by_the_next_request(client, cases):
    _index, case = cases
    assert tables_read(client, case.url) == {"locale": 0, "restriction": 0}
    Locale.objects.get(language_code="zh-hans").save()
    with CaptureQueriesContext(connection) as queries:
        client.get(case.url)
    assert sum('FROM "wagtailcore_locale"' in q["sql"] for q in queries) == 1


def test_a_restriction_takes_effect_on_the_next_request(client, cases):
    index, case = cases
    assert "某鞋业公司虚开发票案" in client.get("/cases/").content.decode()
    restriction = restrict(case)
    invalidate_everything()
    assert "某鞋业公司虚开发票案" not in client.get("/cases/").content.decode()
    assert client.get(case.url).status_code == 302  # to the sign-in page
    restriction.delete()
    assert client.get(case.url).status_code == 200
    assert "某鞋业公司虚开发票案" in client.get("/cases/").content.decode()
    restrict(index)
    assert client.get(case.url).status_code == 302  # a restricted section covers its pages


def test_outside_a_request_every_query_reads_the_restrictions_afresh(cases):
    _index, case = cases
    assert case in CasePage.objects.live().public()
    restriction = restrict(case)
    assert case not in CasePage.objects.live().public()
    assert list(CasePage.objects.get(pk=case.pk).get_view_restrictions()) == [restriction]


def forget_routes():
    """Where URLs lead is kept between requests (tests/core/test_kept_routes.py): route afresh."""
    caches["fragments"].clear()


def test_a_section_finds_its_child_in_one_query_and_any_child_still(client, cases):
    from portal.models import StandardPage

    index, case = cases
    client.get(case.url)
    forget_routes()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(case.url).status_code == 200
    sql = [q["sql"] for q in queries]
    by_slug = [s for s in sql if "'invoice-case'" in s]
    # Found by its slug as a case page, with no second query for its specific row.
    assert len(by_slug) == 1 and "library_casepage" in by_slug[0]
    assert not [s for s in sql if f'WHERE "library_casepage"."page_ptr_id" = {case.pk} ' in s]
    # Its industry, which the page shows, comes with it.
    assert "library_industry" in by_slug[0]
    assert not [s for s in sql if 'FROM "library_industry" WHERE "library_industry"."id" =' in s]
    # The casebook, on the way, is read no further than its page row.
    assert not [s for s in sql if 'FROM "library_caseindexpage"' in s]
    # A page of another type placed under the casebook (not through the editor) is served too.
    stray = index.add_child(instance=StandardPage(title="办案须知", slug="notes"))
    assert "办案须知" in client.get(stray.url).content.decode()
    assert client.get("/cases/no-such-case/").status_code == 404


def test_a_section_of_two_types_finds_its_principal_child_in_one_query_and_the_other_still(client, home):
    from tests.library.factories import FlexibleEnforcementPageFactory, make_guideline

    guideline = make_guideline(home, slug="shoes")
    index = guideline.get_parent()
    flexible = FlexibleEnforcementPageFactory(parent=index, title="4+X 柔性执法清单", slug="four-plus-x")
    client.get(guideline.url)
    forget_routes()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(guideline.url).status_code == 200
    by_slug = [q["sql"] for q in queries if "'shoes'" in q["sql"]]
    assert len(by_slug) == 1 and "library_guidelinepage" in by_slug[0]
    assert "4+X 柔性执法清单" in client.get(flexible.url).content.decode()
    assert client.get(index.url + "contact-points/").status_code == 200
    assert client.get(index.url + "no-such-guideline/").status_code == 404


def test_a_section_answering_one_of_its_own_routes_is_served_whole(client, home):
    from tests.library.factories import make_guideline

    index = make_guideline(home).get_parent().specific
    index.intro = "各行业合规指引与联系点"
    index.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(index.contact_points_url)
    assert response.status_code == 200
    # Read whole once (its own row with its page row), never field by field.
    assert sum('FROM "library_guidelineindexpage"' in q["sql"] for q in queries) == 1
    assert response.context["page"].intro == "各行业合规指引与联系点"


def test_a_request_that_changes_a_restriction_reads_it_afresh(cases, rf):
    from core.request_memo import RequestMemoMiddleware

    _index, case = cases
    seen = []

    def view(request):
        seen.append(case in CasePage.objects.live().public())
        restrict(case)
        seen.append(case in CasePage.objects.live().public())
        return None

    RequestMemoMiddleware(view)(rf.get("/"))
    assert seen == [True, False]


def in_a_request(function):
    return RequestMemoMiddleware(lambda request: function())(None)


def test_a_restricted_page_that_moves_stays_private_in_later_requests(cases):
    index, case = cases
    other = CasePageFactory(parent=index, title="另一起案件", slug="other-case")
    restrict(case)
    public = lambda: set(CasePage.objects.live().public())  # noqa: E731
    assert in_a_request(public) == {other}
    case.move(other, pos="last-child")  # the restricted page's path changes
    assert in_a_request(public) == {other}
